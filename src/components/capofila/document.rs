//! The plan document: the capofila completes its own parts (capofila, approval, premessa, the
//! ambito, welfare measures, projects), downloads the DOCX, saves or reopens its texts, and
//! reads a preview of the same blocks the DOCX holds. The document itself is the core's.

use std::rc::Rc;

use offerta_core::document::{column_percents, landscape_blocks, to_docx, Block, PlanDocument};
use offerta_core::intake::Intake;
use offerta_core::plan_outputs;
use offerta_core::plan_texts::{PlanText, PlanTexts};
use offerta_core::planning::LastYear;
use offerta_core::text::Bilingual;
use offerta_core::Plan;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::exports::offer;
use crate::browser::{download, storage};
use crate::hooks::use_file_import;
use crate::i18n::{use_lang, Shown};

pub(super) const DOCX: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

#[derive(Properties, PartialEq)]
pub struct DocumentProps {
    pub plan: Rc<Plan>,
    pub intake: Intake,
    pub last_year: LastYear,
    pub texts: Rc<PlanTexts>,
    /// Whether `texts` are the capofila's (edited or reopened) rather than the defaults.
    pub edited: bool,
    pub on_texts: Callback<PlanTexts>,
    pub on_message: Callback<Shown>,
}

#[derive(Properties, PartialEq)]
struct TextFieldProps {
    id: AttrValue,
    label: AttrValue,
    value: String,
    multiline: bool,
    field: PlanText,
    texts: Rc<PlanTexts>,
    on_texts: Callback<PlanTexts>,
    /// The core's note on a text not yet the capofila's own (to complete, or as proposed).
    note: Option<Bilingual>,
}

#[function_component(TextField)]
fn text_field(props: &TextFieldProps) -> Html {
    let (texts, on_texts, field) = (props.texts.clone(), props.on_texts.clone(), props.field);
    let set = move |value: String| {
        let mut edited = (*texts).clone();
        *edited.text_mut(field) = value;
        on_texts.emit(edited);
    };
    // The longest text the core accepts from a file of texts: the form takes no more.
    let max = offerta_core::text::MAX_TEXT_CHARS.to_string();
    // The core says why a text cannot go into the plan (an invisible character), as the
    // CLI's --testi does: said under the field as the capofila types.
    let problem = field.problem(&props.value);
    let class = classes!("form-control", problem.is_some().then_some("is-invalid"));
    let problem_id = format!("{}-problem", props.id);
    let note_id = format!("{}-note", props.id);
    let described = [
        problem.is_some().then(|| problem_id.clone()),
        props.note.is_some().then(|| note_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let input = if props.multiline {
        let set = set.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        });
        html! { <textarea {class} id={props.id.clone()} rows="5" maxlength={max} value={props.value.clone()} {oninput} aria-describedby={described} /> }
    } else {
        let oninput = Callback::from(move |e: InputEvent| {
            set(e.target_unchecked_into::<HtmlInputElement>().value())
        });
        html! { <input {class} type="text" id={props.id.clone()} maxlength={max} value={props.value.clone()} {oninput} aria-describedby={described} /> }
    };
    let lang = use_lang();
    html! {
        <div class="mb-3">
            <label class="form-label" for={props.id.clone()}>{ &props.label }</label>
            { input }
            if let Some(problem) = &problem {
                <div class="invalid-feedback" id={problem_id}>{ lang.say(problem) }</div>
            }
            if let Some(note) = &props.note {
                <div class="warning-msg" id={note_id}>{ lang.say(note) }</div>
            }
        </div>
    }
}

/// Reads back the texts kept in this browser for the plan shown, and keeps the capofila's
/// texts there as it types.
#[hook]
fn use_texts_kept(props: &DocumentProps) {
    let t = use_lang().texts();
    let key = (props.intake.ambito().id.clone(), props.intake.year());
    {
        let (on_texts, edited) = (props.on_texts.clone(), props.edited);
        use_effect_with(key.clone(), move |(ambito, year)| {
            if !edited {
                if let Some(stored) = storage::stored_texts(ambito, *year) {
                    on_texts.emit(stored);
                }
            }
        });
    }
    let (edited, on_message) = (props.edited, props.on_message.clone());
    use_effect_with(
        (key, props.texts.clone()),
        move |((ambito, year), texts)| {
            if edited {
                if let Err(e) = storage::save_texts(ambito, *year, texts) {
                    on_message.emit(t.explain(&e));
                }
            }
        },
    );
}

/// The preview of the document, built while it is open (or the DOCX asked for): a
/// province's plan has thousands of rows. With the callback that follows its opening.
#[hook]
fn use_preview(props: &DocumentProps) -> (Option<Rc<PlanDocument>>, Callback<Event>) {
    let preview_open = use_state(|| false);
    let preview = use_memo(
        (
            props.plan.clone(),
            props.texts.clone(),
            props.intake.clone(),
            props.last_year.clone(),
            *preview_open,
        ),
        |(plan, texts, intake, last_year, open)| {
            open.then(|| Rc::new(plan_outputs::document(intake, last_year, plan, texts)))
        },
    );
    let on_toggle = Callback::from(move |e: Event| {
        preview_open.set(
            e.target_unchecked_into::<web_sys::HtmlDetailsElement>()
                .open(),
        )
    });
    ((*preview).clone(), on_toggle)
}

#[derive(Properties, PartialEq)]
struct TextFieldsProps {
    texts: Rc<PlanTexts>,
    /// What the app proposes for the plan's ambito and year, to say which texts are still
    /// as proposed.
    defaults: Rc<PlanTexts>,
    on_texts: Callback<PlanTexts>,
}

/// The capofila's own parts of the document, one field each.
#[function_component(TextFields)]
fn text_fields(props: &TextFieldsProps) -> Html {
    let t = use_lang().texts();
    let field = |id: &'static str, label: &'static str, multiline: bool, which: PlanText| {
        let value = props.texts.text(which).to_owned();
        let note = props.texts.note(which, &props.defaults);
        html! { <TextField {id} {label} {value} {multiline} field={which} texts={props.texts.clone()} on_texts={props.on_texts.clone()} {note} /> }
    };
    html! {
        <>
            { field("doc-capofila", t.document_capofila, false, PlanText::ComuneCapofila) }
            { field("doc-approval-date", t.document_approval_date, false, PlanText::ApprovazioneData) }
            { field("doc-approval-act", t.document_approval_act, false, PlanText::ApprovazioneDelibera) }
            { field("doc-premessa", t.document_premessa, true, PlanText::Premessa) }
            { field("doc-ambito", t.document_ambito, true, PlanText::Ambito) }
            { field("doc-welfare", t.document_welfare, true, PlanText::MisureWelfare) }
            { field("doc-projects", t.document_projects, true, PlanText::Progettualita) }
        </>
    }
}

#[function_component(DocumentSection)]
pub fn document_section(props: &DocumentProps) -> Html {
    let t = use_lang().texts();
    let lang = use_lang();
    use_texts_kept(props);
    let (preview, on_toggle) = use_preview(props);
    let defaults = use_memo(
        (props.intake.ambito().clone(), props.intake.year()),
        |(ambito, year)| PlanTexts::defaults(ambito, *year),
    );
    let name = format!(
        "piano-offerta-abitativa_{}_{}",
        props.intake.ambito().id,
        props.intake.year()
    );
    let on_docx = {
        let (plan, texts, intake, last_year, name) = (
            props.plan.clone(),
            props.texts.clone(),
            props.intake.clone(),
            props.last_year.clone(),
            name.clone(),
        );
        offer(&props.on_message, move || {
            // No document from a text with an invisible character (the core's check).
            texts.check().map_err(|e| Shown::from(lang.say(&e)))?;
            let bytes = to_docx(&plan_outputs::document(&intake, &last_year, &plan, &texts))
                .map_err(|e| lang.show(e.message()))?;
            download::save_bytes(&format!("{name}.docx"), DOCX, &bytes).map_err(|e| t.explain(&e))
        })
    };
    let on_save = {
        let (texts, name) = (props.texts.clone(), name.clone());
        offer(&props.on_message, move || {
            let json = serde_json::to_string_pretty(&*texts).expect("texts always serialise");
            download::save_text(&format!("{name}_testi.json"), "application/json", &json)
                .map_err(|e| t.explain(&e))
        })
    };
    let on_opened = {
        let (on_texts, on_message) = (props.on_texts.clone(), props.on_message.clone());
        Callback::from(move |texts: PlanTexts| {
            on_texts.emit(texts);
            on_message.emit(t.document_opened.into());
        })
    };
    let on_open = use_file_import(
        |_, bytes| PlanTexts::from_file(bytes),
        on_opened,
        props.on_message.clone(),
    );
    html! {
        <section id="plan-document" aria-labelledby="document-title" class="no-print">
            <h2 id="document-title">{ t.document_title }</h2>
            <p class="hint">{ t.document_intro }</p>
            <TextFields texts={props.texts.clone()} {defaults} on_texts={props.on_texts.clone()} />
            <div class="d-flex flex-wrap gap-2 mb-3">
                <button type="button" id="export-docx" class="btn btn-primary" onclick={on_docx}>{ t.document_docx }</button>
                <button type="button" id="texts-save" class="btn btn-outline-primary" onclick={on_save}>{ t.document_save }</button>
                <label class="btn btn-outline-primary" for="texts-open">{ t.document_open }</label>
                <input type="file" id="texts-open" class="visually-hidden" accept=".json,application/json" onchange={on_open} />
            </div>
            <details id="document-preview" ontoggle={on_toggle}>
                <summary>{ t.document_preview }</summary>
                // Rendered once opened: a province's plan has thousands of rows.
                if let Some(document) = preview { <DocumentView {document} /> }
            </details>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct DocumentViewProps {
    pub document: Rc<PlanDocument>,
}

/// The document's blocks as HTML: the preview on screen and the printed plan. The blocks the
/// DOCX puts on a landscape page (a wide table with its titles, `landscape_blocks`) go in one
/// `doc-wide` part, printed on a landscape page: a title is never left on the page before.
#[function_component(DocumentView)]
pub fn document_view(props: &DocumentViewProps) -> Html {
    let blocks = &props.document.blocks;
    let landscape = landscape_blocks(blocks);
    let mut parts: Vec<Html> = Vec::new();
    let mut start = 0;
    while start < blocks.len() {
        let wide = landscape[start];
        let end = (start..blocks.len())
            .find(|&i| landscape[i] != wide)
            .unwrap_or(blocks.len());
        let run = blocks[start..end].iter().map(block_view);
        parts.push(if wide {
            html! { <div class="doc-wide">{ for run }</div> }
        } else {
            html! { <>{ for run }</> }
        });
        start = end;
    }
    html! {
        <div class="plan-document" lang="it">{ for parts }</div>
    }
}

/// One block of the document. A heading and what follows it are kept on one page by the
/// print rules (styles/app.css); a table's columns take the DOCX's shares of the width.
fn block_view(b: &Block) -> Html {
    match b {
        Block::Title(s) => html! { <p class="doc-title">{ s }</p> },
        Block::CoverLine(s) => html! { <p class="doc-cover">{ s }</p> },
        Block::Heading(s) => html! { <h3>{ s }</h3> },
        Block::Subheading(s) => html! { <h4>{ s }</h4> },
        Block::Paragraph(s) => html! { <p>{ s }</p> },
        // The core's SVG: escaped text, no script, no event attribute, no
        // reference outside it (crates/core/src/chart.rs), hence inserted as it is.
        Block::Chart(c) => html! {
            <figure class="doc-chart">
                { Html::from_html_unchecked(AttrValue::from(c.svg())) }
                <figcaption>{ &c.title }</figcaption>
            </figure>
        },
        Block::Table(t) => html! {
            <table class="table table-sm">
                // A width attribute, not a style one: the single file's CSP allows no inline style.
                <colgroup>{ for column_percents(t).iter().map(|p| html! { <col width={format!("{p}%")} /> }) }</colgroup>
                <thead><tr>{ for t.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                <tbody>
                    { for t.rows.iter().map(|r| html! { <tr>{ for r.iter().map(|c| html! { <td>{ c }</td> }) }</tr> }) }
                    if let Some(total) = &t.total {
                        <tr class="total">{ for total.iter().map(|c| html! { <td>{ c }</td> }) }</tr>
                    }
                </tbody>
            </table>
        },
    }
}
