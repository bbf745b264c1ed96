//! The plan handed on: Excel, CSV, print (PDF) and the aggregate signed with the capofila's
//! key. Every file's content comes from the core.

use std::rc::Rc;

use offerta_core::export;
use offerta_core::intake::Intake;
use offerta_core::plan_texts::PlanTexts;
use offerta_core::submission::Ente;
use offerta_core::Plan;
use yew::prelude::*;

use crate::browser::{self, download, BrowserError};
use crate::components::KeyPanel;
use crate::i18n::use_lang;
use crate::state::UnlockedKey;

#[derive(Properties, PartialEq)]
pub struct ExportsProps {
    pub plan: Rc<Plan>,
    pub intake: Intake,
    /// The capofila's texts, carried by the signed aggregate.
    pub texts: Rc<PlanTexts>,
    pub signing_key: Option<Rc<UnlockedKey>>,
    pub on_key_ready: Callback<Rc<UnlockedKey>>,
    pub on_message: Callback<String>,
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Every export ends the same way: a download, or a message saying why not.
pub(super) fn offer(
    on_message: &Callback<String>,
    make: impl Fn() -> Result<(), String> + 'static,
) -> Callback<MouseEvent> {
    let on_message = on_message.clone();
    Callback::from(move |_| {
        if let Err(why) = make() {
            on_message.emit(why);
        }
    })
}

#[function_component(Exports)]
pub fn exports(props: &ExportsProps) -> Html {
    let t = use_lang().texts();
    let name = format!(
        "piano-offerta-abitativa_{}_{}",
        props.intake.ambito().id,
        props.intake.year()
    );
    let explain = move |e: BrowserError| t.explain(&e);
    let on_xlsx = {
        let (plan, intake, name) = (props.plan.clone(), props.intake.clone(), name.clone());
        offer(&props.on_message, move || {
            let bytes = export::xlsx(
                &plan,
                intake.received(),
                &intake.about(&browser::now_rfc3339()),
            )?;
            download::save_bytes(&format!("{name}.xlsx"), XLSX, &bytes).map_err(explain)
        })
    };
    let on_csv = {
        let (plan, intake, name) = (props.plan.clone(), props.intake.clone(), name.clone());
        offer(&props.on_message, move || {
            let text = export::csv(
                &plan,
                intake.received(),
                &intake.about(&browser::now_rfc3339()),
            )?;
            download::save_text(&format!("{name}.csv"), "text/csv;charset=utf-8", &text)
                .map_err(explain)
        })
    };
    let lang = use_lang();
    // While files wait for the capofila's decision the signed plan is a draft: signing it
    // asks for the capofila's explicit confirmation (the CLI's --bozza).
    let waiting = props.intake.waiting();
    let draft_confirmed = use_state(|| false);
    let on_draft_confirmed = {
        let draft_confirmed = draft_confirmed.clone();
        Callback::from(move |e: Event| {
            draft_confirmed.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            )
        })
    };
    let may_sign = waiting == 0 || *draft_confirmed;
    let on_json = props.signing_key.clone().map(|key| {
        let (plan, intake, texts, name) = (
            props.plan.clone(),
            props.intake.clone(),
            props.texts.clone(),
            name.clone(),
        );
        let on_message = props.on_message.clone();
        offer(&props.on_message, move || {
            if intake.waiting() > 0 && !may_sign {
                return Err(t.sign_draft_confirm.to_owned());
            }
            // Nor with a text of the capofila's carrying an invisible character.
            texts.check().map_err(|e| lang.say(&e).to_owned())?;
            // Only the comune capofila's key signs the plan.
            intake
                .check_plan_signer(&key.file.ente, &key.file.ente_id)
                .map_err(|e| lang.say(&e).to_owned())?;
            let text =
                intake.signed_aggregate_text(&plan, &texts, &key.key, &browser::now_rfc3339());
            download::save_text(&format!("{name}_firmato.json"), "application/json", &text)
                .map_err(explain)?;
            on_message.emit((t.plan_signed_with)(&key.file.ente, &key.file.impronta));
            Ok(())
        })
    });
    let on_print = Callback::from(|_| {
        let _ = gloo::utils::window().print();
    });
    html! {
        <div class="no-print exports">
            <h2>{ t.export_title }</h2>
            <div class="d-flex flex-wrap gap-2 mb-3">
                <button type="button" id="export-xlsx" class="btn btn-primary" onclick={on_xlsx}>{ t.export_xlsx }</button>
                <button type="button" id="export-csv" class="btn btn-primary" onclick={on_csv}>{ t.export_csv }</button>
                <button type="button" id="print" class="btn btn-primary" onclick={on_print}>{ t.print_pdf }</button>
                if let Some(on_json) = on_json {
                    <button type="button" id="export-json" class="btn btn-primary" onclick={on_json}
                        disabled={!may_sign} aria-describedby={(waiting > 0).then_some("sign-draft")}>{ t.export_signed }</button>
                }
            </div>
            if waiting > 0 && props.signing_key.is_some() {
                <div class="form-check mb-3">
                    <input class="form-check-input" type="checkbox" id="sign-draft"
                        checked={*draft_confirmed} onchange={on_draft_confirmed} />
                    <label class="form-check-label" for="sign-draft">
                        { props.intake.draft_note().map(|n| offerta_core::text::capitalise(lang.say(&n))).unwrap_or_default() }{ ": " }{ t.sign_draft_confirm }
                    </label>
                </div>
            }
            if let Some(key) = &props.signing_key {
                <p id="plan-signer">{ (t.plan_signer)(&key.file.ente, &key.file.impronta) }</p>
            }
            if props.signing_key.is_none() {
                <p>{ t.signed_needs_key }</p>
                <KeyPanel current={None::<Rc<UnlockedKey>>} on_ready={props.on_key_ready.clone()}
                    for_ente={props.intake.ambito().capofila_code().and_then(|c| Ente::comune(&c.to_string()).ok())} />
            }
        </div>
    }
}
