//! The capofila's status board: each comune of the ambito answered (with which file and
//! what became of it), owner still silent, or silent; the deadline; the reminder to paste
//! into a PEC. Everything on it comes from the core's `StatusBoard`.

use std::rc::Rc;

use offerta_core::intake::status::{AnswerFile, RequestMatch, Standing, StatusBoard};
use yew::prelude::*;

use crate::i18n::{use_lang, Lang};

#[derive(Properties, PartialEq)]
pub struct StatusBoardProps {
    pub board: Rc<StatusBoard>,
}

fn standing_class(standing: Standing) -> &'static str {
    match standing {
        Standing::Answered => "badge bg-success",
        Standing::Waiting => "badge bg-info text-dark",
        Standing::AnsweredNotCounted => "badge bg-warning text-dark",
        Standing::OwnerSilent => "badge bg-danger",
        Standing::Silent => "badge bg-secondary",
    }
}

/// "name (conteggiata, risponde alla richiesta)".
fn file_line(lang: Lang, f: &AnswerFile) -> String {
    let y = lang.yearly();
    let answers = match f.request {
        Some(RequestMatch::ThisRequest) => format!(", {}", y.answers_this),
        Some(RequestMatch::OtherRequest) => format!(", {}", y.answers_other),
        Some(RequestMatch::NoRequest) => format!(", {}", y.answers_none),
        None => String::new(),
    };
    format!(
        "{} ({}{answers})",
        offerta_core::text::visible(&f.name),
        lang.say(&f.state)
    )
}

#[function_component(StatusBoardView)]
pub fn status_board_view(props: &StatusBoardProps) -> Html {
    let lang = use_lang();
    let y = lang.yearly();
    let board = &props.board;
    let late = board.days_left.is_some_and(|d| d < 0);
    // Rendered once opened: with thousands of files received the table lists them all.
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::HtmlDetailsElement>()
                    .open(),
            )
        })
    };
    let summary = html! {
        <summary>{ y.board_title }{ ": " }<span id="board-summary">{ lang.say(&board.summary()) }</span></summary>
    };
    if !*open {
        return html! {
            <details id="status-board" class="no-print mb-3" ontoggle={on_toggle}>{ summary }</details>
        };
    }
    let reminder = board.reminder();
    html! {
        <details id="status-board" class="no-print mb-3" ontoggle={on_toggle} open=true>
            { summary }
            if let Some(line) = &board.deadline_line {
                <p id="board-deadline" class={if late { "alert alert-warning" } else { "alert alert-info" }}>{ lang.say(line) }</p>
            } else {
                <p id="board-deadline">{ y.no_request_yet }</p>
            }
            <div class="table-responsive">
                <table id="board-table" class="table table-sm">
                    <caption>{ y.board_caption }</caption>
                    <thead><tr>
                        <th scope="col">{ y.col_comune }</th>
                        <th scope="col">{ y.col_owner }</th>
                        <th scope="col">{ y.col_standing }</th>
                        <th scope="col">{ y.col_files }</th>
                    </tr></thead>
                    <tbody>
                        { for board.comuni.iter().map(|c| html! {
                            <tr data-comune={c.code.to_string()}>
                                <th scope="row">{ &c.name }</th>
                                <td>{ if c.owner { y.yes } else { y.no } }</td>
                                <td><span class={standing_class(c.standing)}>{ lang.say(&c.standing.word()) }</span></td>
                                <td>
                                    { for c.files.iter().map(|f| html! { <span class="d-block">{ file_line(lang, f) }</span> }) }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if !board.others.is_empty() {
                <h3 class="h6">{ y.board_others }</h3>
                <ul id="board-others">
                    { for board.others.iter().map(|(ente, f)| html! {
                        <li>{ format!("{}: {}", offerta_core::text::visible(ente), file_line(lang, f)) }</li>
                    }) }
                </ul>
            }
            if !board.outside_ambito.is_empty() {
                <h3 class="h6">{ y.board_outside }</h3>
                <ul id="board-outside">
                    { for board.outside_ambito.iter().map(|(ente, f)| html! {
                        <li>{ format!("{}: {}", offerta_core::text::visible(ente), file_line(lang, f)) }</li>
                    }) }
                </ul>
            }
            if let Some(text) = reminder {
                <label class="form-label" for="reminder-text">{ y.reminder_label }</label>
                <p class="hint" id="reminder-hint">{ y.reminder_hint }</p>
                <textarea id="reminder-text" class="form-control" rows="12" readonly=true
                    aria-describedby="reminder-hint" value={lang.say(&text).to_owned()} />
            } else {
                <p id="reminder-none">{ y.reminder_none }</p>
            }
        </details>
    }
}
