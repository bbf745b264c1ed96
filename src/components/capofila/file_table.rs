//! The files received, one row each: its ente, its state and why, and for a key not yet
//! registered the button that accepts it. Files in the plan are listed on request.

use std::rc::Rc;

use offerta_core::intake::{Disposition, FileState, ReceivedFile};
use offerta_core::signing::{check_retirement, Outcome};
use yew::prelude::*;

use crate::components::ScrollRegion;
use crate::i18n::{use_lang, Lang};
use crate::state::EnteKey;

/// A key the capofila accepts for an ente, after comparing its fingerprint.
pub type KeyToAccept = EnteKey;

/// The ente's new key, to take the place of the one registered, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyReplacement {
    pub key: EnteKey,
    pub reason: String,
}

#[derive(Properties, PartialEq)]
pub struct FileTableProps {
    pub received: Rc<Vec<ReceivedFile>>,
    pub on_accept: Callback<KeyToAccept>,
    pub on_replace: Callback<KeyReplacement>,
    /// The capofila confirms the future signing date of the file of this name.
    pub on_confirm_date: Callback<String>,
}

/// The file's state by the core's one name ([`FileState::name`]), and its colour.
fn status_label(f: &ReceivedFile, lang: Lang) -> (String, &'static str) {
    let state = f.state();
    let class = match state {
        FileState::Counted => "ok",
        FileState::Superseded | FileState::Duplicate => "info",
        s if s.waits_for_decision() => "warn",
        FileState::OutsideAmbito => "warn",
        _ => "bad",
    };
    (
        offerta_core::text::capitalise(lang.say(&state.name())),
        class,
    )
}

/// The key of a file waiting for one, when it has a readable submission.
fn key_to_accept(f: &ReceivedFile) -> Option<KeyToAccept> {
    let (Disposition::ChiaveDaAccettare, Some(s), Some(key)) = (
        &f.disposition,
        &f.verified.submission,
        &f.verified.public_key,
    ) else {
        return None;
    };
    Some(KeyToAccept {
        ente_id: s.ente.id(),
        ente: s.ente.display_name(),
        public_key: key.clone(),
    })
}

/// The new key of a file signed with another key than the one registered for its ente, and
/// the fingerprints registered: the capofila may replace them once the ente confirms.
fn key_to_replace(f: &ReceivedFile) -> Option<(EnteKey, String, Vec<String>)> {
    let (Outcome::KeyMismatch(known), Some(s), Some(key), Some(fingerprint)) = (
        &f.verified.outcome,
        &f.verified.submission,
        &f.verified.public_key,
        &f.verified.fingerprint,
    ) else {
        return None;
    };
    let key = EnteKey {
        ente_id: s.ente.id(),
        ente: s.ente.display_name(),
        public_key: key.clone(),
    };
    Some((key, fingerprint.clone(), known.clone()))
}

/// One file's row (a plain function: a thousand rows are not worth a component each).
fn file_row(
    f: &ReceivedFile,
    lang: Lang,
    on_accept: &Callback<KeyToAccept>,
    on_replace: &Callback<KeyReplacement>,
    on_confirm_date: &Callback<String>,
) -> Html {
    let t = lang.texts();
    let (label, class) = status_label(f, lang);
    let explanation = f.explanation();
    let accept = key_to_accept(f).map(|key| {
        let onclick = on_accept.reform(move |_| key.clone());
        html! {
            <button type="button" class="btn btn-outline-primary accept-key" {onclick}>
                { (t.accept_key)(f.verified.fingerprint.as_deref().unwrap_or_default()) }
            </button>
        }
    });
    html! {
        <tr class={classes!("file", class)}>
            <th scope="row" class="file-name">{ f.shown_name() }</th>
            <td>{ f.ente_name().unwrap_or_else(|| "-".into()) }</td>
            <td class="status"><span class={classes!("badge", class)}>{ label }</span></td>
            <td class="detail">
                { lang.say(&explanation) } { for accept }
                if matches!(f.disposition, Disposition::DataFutura(_)) {
                    <button type="button" class="btn btn-outline-primary confirm-date"
                        onclick={on_confirm_date.reform({ let name = f.name.clone(); move |_| name.clone() })}>
                        { t.confirm_date }
                    </button>
                }
                if let Some((key, fingerprint, registered)) = key_to_replace(f) {
                    <ReplaceKey ente_key={key} {fingerprint} {registered} on_replace={on_replace.clone()} />
                }
                if let Some(detail) = f.technical_detail() {
                    <details class="technical">
                        <summary>{ t.technical_details }</summary>
                        { lang.say(&detail).to_owned() }
                    </details>
                }
            </td>
        </tr>
    }
}

#[function_component(FileTable)]
pub fn file_table(props: &FileTableProps) -> Html {
    // With hundreds of files the capofila looks for the ones needing attention: the files
    // in the plan are listed on request (and rendering thousands of rows costs seconds).
    let show_all = use_state(|| false);
    let lang = use_lang();
    let t = lang.texts();
    let in_plan = props
        .received
        .iter()
        .filter(|f| f.disposition == Disposition::Conteggiata)
        .count();
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_| show_all.set(!*show_all))
    };
    let rows = props
        .received
        .iter()
        .filter(|f| *show_all || f.disposition != Disposition::Conteggiata)
        .map(|f| {
            file_row(
                f,
                lang,
                &props.on_accept,
                &props.on_replace,
                &props.on_confirm_date,
            )
        });
    html! {
        <>
        // Nothing to show besides the files to check when none is in the plan.
        if in_plan > 0 {
            <button type="button" id="files-toggle" class="btn btn-link no-print" onclick={toggle}>
                { if *show_all { t.files_show_to_check.to_owned() } else { (t.files_show_all)(in_plan) } }
            </button>
        }
        <ScrollRegion labelled_by="files-table-caption">
            <table id="files-table" class="table">
                <caption id="files-table-caption">{ if *show_all { t.files_caption_all } else { t.files_caption_to_check } }</caption>
                <thead><tr>
                    <th scope="col">{ t.col_file }</th>
                    <th scope="col">{ t.col_ente }</th>
                    <th scope="col">{ t.col_status }</th>
                    <th scope="col">{ t.col_detail }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </ScrollRegion>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ReplaceKeyProps {
    ente_key: EnteKey,
    /// The new key's fingerprint, and those registered for the ente.
    fingerprint: String,
    registered: Vec<String>,
    on_replace: Callback<KeyReplacement>,
}

/// The explicit step for an ente's new key (new PC, forgotten passphrase): the capofila
/// compares the fingerprint with the one the ente sent by PEC and writes why; the old key
/// stays in the registry as replaced from today, its earlier files still count.
#[function_component(ReplaceKey)]
fn replace_key(props: &ReplaceKeyProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let reason = use_state(String::new);
    let problem = use_state(|| None::<String>);
    let id = format!(
        "replace-{}",
        offerta_core::text::slug(&props.ente_key.ente_id)
    );
    let on_reason = crate::components::inputs::typed(&reason);
    let on_click = {
        let (reason, problem, key, on_replace) = (
            reason.clone(),
            problem.clone(),
            props.ente_key.clone(),
            props.on_replace.clone(),
        );
        Callback::from(
            move |_| match check_retirement(&crate::browser::now_rfc3339(), &reason) {
                Ok(_) => on_replace.emit(KeyReplacement {
                    key: key.clone(),
                    reason: (*reason).clone(),
                }),
                Err(why) => problem.set(Some(lang.say(&why).to_owned())),
            },
        )
    };
    html! {
        <details class="replace-key">
            <summary>{ t.replace_key_open }</summary>
            <p>{ (t.replace_key_intro)(&props.ente_key.ente, &props.fingerprint, &props.registered.join(", ")) }</p>
            <label class="form-label" for={format!("{id}-reason")}>{ t.replace_key_reason }</label>
            <input id={format!("{id}-reason")} class="form-control replace-key-reason" type="text"
                value={(*reason).clone()} oninput={on_reason}
                aria-describedby={problem.is_some().then(|| format!("{id}-problem"))} />
            if let Some(p) = &*problem {
                <p id={format!("{id}-problem")} class="error-msg">{ p }</p>
            }
            <button type="button" class="btn btn-outline-primary mt-2 replace-key-confirm" onclick={on_click}>
                { t.replace_key_confirm }
            </button>
        </details>
    }
}
