//! The plan handed on: Excel, CSV, print (PDF) and the aggregate signed with the capofila's
//! key; the capofila's verbale di ricezione (DOCX, CSV). Every file's content comes from the
//! core.

use std::rc::Rc;

use offerta_core::export;
use offerta_core::intake::Intake;
use offerta_core::plan_outputs;
use offerta_core::plan_texts::PlanTexts;
use offerta_core::submission::Ente;
use offerta_core::{verbale, Plan};
use yew::prelude::*;

use super::document::DOCX;
use crate::browser::{self, download};
use crate::components::inputs::ticked;
use crate::components::KeyPanel;
use crate::i18n::{use_lang, Lang, Shown};
use crate::state::UnlockedKey;

#[derive(Properties, PartialEq, Clone)]
pub struct ExportsProps {
    pub plan: Rc<Plan>,
    pub intake: Intake,
    /// The capofila's texts, carried by the signed aggregate.
    pub texts: Rc<PlanTexts>,
    pub signing_key: Option<Rc<UnlockedKey>>,
    pub on_key_ready: Callback<Rc<UnlockedKey>>,
    pub on_message: Callback<Shown>,
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Every export ends the same way: a download, or a message saying why not.
pub(super) fn offer(
    on_message: &Callback<Shown>,
    make: impl Fn() -> Result<(), Shown> + 'static,
) -> Callback<MouseEvent> {
    let on_message = on_message.clone();
    Callback::from(move |_| {
        if let Err(why) = make() {
            on_message.emit(why);
        }
    })
}

/// The plan's tables for a spreadsheet, `name`.xlsx, or as CSV, `name`.csv, downloaded.
fn save_tables(
    xlsx: bool,
    plan: &Plan,
    intake: &Intake,
    name: &str,
    lang: Lang,
) -> Result<(), Shown> {
    let t = lang.texts();
    let about = plan_outputs::about(intake, &browser::now_rfc3339());
    let saved = if xlsx {
        let bytes =
            export::xlsx(plan, intake.received(), &about).map_err(|e| lang.show(&e.message()))?;
        download::save_bytes(&format!("{name}.xlsx"), XLSX, &bytes)
    } else {
        let text =
            export::csv(plan, intake.received(), &about).map_err(|e| lang.show(&e.message()))?;
        download::save_text(&format!("{name}.csv"), "text/csv;charset=utf-8", &text)
    };
    saved.map_err(|e| t.explain(&e))
}

/// The verbale di ricezione made now by the core, downloaded as DOCX or CSV under the core's
/// name for it; or why not (a text of the capofila's carrying an invisible character: the
/// verbale names the capofila as the document does).
fn save_verbale(docx: bool, intake: &Intake, texts: &PlanTexts, lang: Lang) -> Result<(), Shown> {
    let t = lang.texts();
    texts.check().map_err(|e| Shown::from(lang.say(&e)))?;
    let made = verbale::verbale(intake, texts, &browser::now_rfc3339());
    let saved = if docx {
        let bytes = made.docx().map_err(|e| lang.show(e.message()))?;
        download::save_bytes(&verbale::file_name(intake, "docx"), DOCX, &bytes)
    } else {
        let text = made.csv().map_err(|e| lang.show(&e.message()))?;
        download::save_text(
            &verbale::file_name(intake, "csv"),
            "text/csv;charset=utf-8",
            &text,
        )
    };
    saved.map_err(|e| t.explain(&e))
}

/// The plan signed now with the capofila's `key`, downloaded as `name`_firmato.json; or why
/// not: a draft the capofila has not confirmed signing (`may_sign`), a text of the capofila's
/// carrying an invisible character, a key that is not the comune capofila's.
fn save_signed(
    props: &ExportsProps,
    key: &UnlockedKey,
    name: &str,
    may_sign: bool,
    lang: Lang,
) -> Result<(), Shown> {
    let (intake, t) = (&props.intake, lang.texts());
    if intake.waiting() > 0 && !may_sign {
        return Err(t.sign_draft_confirm.into());
    }
    props.texts.check().map_err(|e| Shown::from(lang.say(&e)))?;
    offerta_core::request::check_plan_signer(intake.ambito(), &key.file.ente, &key.file.ente_id)
        .map_err(|e| Shown::from(lang.say(&e)))?;
    let now = browser::now_rfc3339();
    let text =
        plan_outputs::signed_aggregate_text(intake, &props.plan, &props.texts, &key.key, &now);
    download::save_text(&format!("{name}_firmato.json"), "application/json", &text)
        .map_err(|e| t.explain(&e))?;
    props
        .on_message
        .emit((t.plan_signed_with)(&key.file.ente, &key.file.impronta).into());
    Ok(())
}

/// The plan to sign with the capofila's firma digitale, downloaded as
/// `name`_per-firma-digitale.json: the same checks as for signing it in the app (a draft only
/// once confirmed, clean texts); who signs is the certificate's to say, so no key is asked.
fn save_to_sign_digitally(
    props: &ExportsProps,
    name: &str,
    may_sign: bool,
    lang: Lang,
) -> Result<(), Shown> {
    let bytes = plan_outputs::aggregate_to_sign_digitally(
        &props.intake,
        &props.plan,
        &props.texts,
        may_sign,
    )
    .map_err(|e| Shown::from(lang.say(&e)))?;
    let file = format!("{name}{}", plan_outputs::TO_SIGN_DIGITALLY_SUFFIX);
    download::save_bytes(&file, "application/json", &bytes)
        .map_err(|e| lang.texts().explain(&e))?;
    props
        .on_message
        .emit((lang.signed_file().plan_to_sign_saved)(&file).into());
    Ok(())
}

#[function_component(Exports)]
pub fn exports(props: &ExportsProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let name = format!(
        "piano-offerta-abitativa_{}_{}",
        props.intake.ambito().id,
        props.intake.year()
    );
    let tables = |xlsx: bool| {
        let (plan, intake, name) = (props.plan.clone(), props.intake.clone(), name.clone());
        offer(&props.on_message, move || {
            save_tables(xlsx, &plan, &intake, &name, lang)
        })
    };
    // While files wait for the capofila's decision the signed plan is a draft: signing it
    // asks for the capofila's explicit confirmation (the CLI's --bozza).
    let waiting = props.intake.waiting();
    let draft_confirmed = use_state(|| false);
    let may_sign = waiting == 0 || *draft_confirmed;
    let on_json = props.signing_key.clone().map(|key| {
        let (exported, name) = (props.clone(), name.clone());
        offer(&props.on_message, move || {
            save_signed(&exported, &key, &name, may_sign, lang)
        })
    });
    let on_to_sign = {
        let (exported, name) = (props.clone(), name.clone());
        offer(&props.on_message, move || {
            save_to_sign_digitally(&exported, &name, may_sign, lang)
        })
    };
    let verbale = |docx: bool| {
        let (intake, texts) = (props.intake.clone(), props.texts.clone());
        offer(&props.on_message, move || {
            save_verbale(docx, &intake, &texts, lang)
        })
    };
    let on_print = Callback::from(|_| {
        let _ = gloo::utils::window().print();
    });
    html! {
        <div class="no-print exports">
            <h2>{ t.export_title }</h2>
            <div class="d-flex flex-wrap gap-2 mb-3">
                <button type="button" id="export-xlsx" class="btn btn-primary" onclick={tables(true)}>{ t.export_xlsx }</button>
                <button type="button" id="export-csv" class="btn btn-primary" onclick={tables(false)}>{ t.export_csv }</button>
                <button type="button" id="print" class="btn btn-primary" onclick={on_print}>{ t.print_pdf }</button>
                if let Some(on_json) = on_json {
                    <button type="button" id="export-json" class="btn btn-primary" onclick={on_json}
                        disabled={!may_sign} aria-describedby={(waiting > 0).then_some("sign-draft")}>{ t.export_signed }</button>
                }
                <button type="button" id="export-to-sign" class="btn btn-outline-primary" onclick={on_to_sign}
                    disabled={!may_sign} aria-describedby={(waiting > 0).then_some("sign-draft")}>{ lang.signed_file().plan_to_sign_button }</button>
            </div>
            if waiting > 0 {
                <DraftConfirmation intake={props.intake.clone()} confirmed={*draft_confirmed}
                    on_change={ticked(&draft_confirmed)} />
            }
            if let Some(key) = &props.signing_key {
                <p id="plan-signer">{ (t.plan_signer)(&key.file.ente, &key.file.impronta) }</p>
            }
            if props.signing_key.is_none() {
                <p>{ t.signed_needs_key }</p>
                <KeyPanel current={None::<Rc<UnlockedKey>>} on_ready={props.on_key_ready.clone()}
                    for_ente={props.intake.ambito().capofila_code().and_then(|c| Ente::comune(&c.to_string()).ok())} />
            }
            <h3 id="verbale-title" class="h5">{ t.verbale_title }</h3>
            <p class="hint">{ t.verbale_intro }</p>
            <div class="d-flex flex-wrap gap-2 mb-3">
                <button type="button" id="export-verbale-docx" class="btn btn-outline-primary" onclick={verbale(true)}>{ t.verbale_docx }</button>
                <button type="button" id="export-verbale-csv" class="btn btn-outline-primary" onclick={verbale(false)}>{ t.verbale_csv }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DraftConfirmationProps {
    intake: Intake,
    confirmed: bool,
    on_change: Callback<Event>,
}

/// The capofila's confirmation that it signs a draft: files still wait for its decision.
#[function_component(DraftConfirmation)]
fn draft_confirmation(props: &DraftConfirmationProps) -> Html {
    let lang = use_lang();
    let note = props
        .intake
        .draft_note()
        .map(|n| offerta_core::text::capitalise(lang.say(&n)))
        .unwrap_or_default();
    html! {
        <div class="form-check mb-3">
            <input class="form-check-input" type="checkbox" id="sign-draft"
                checked={props.confirmed} onchange={props.on_change.clone()} />
            <label class="form-check-label" for="sign-draft">
                { note }{ ": " }{ lang.texts().sign_draft_confirm }
            </label>
        </div>
    }
}
