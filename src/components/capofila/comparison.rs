//! Last year's signed plan, opened to compare this year's with: the file input on the
//! capofila's screen, and the comparison itself (the changes to check, the figures per ente,
//! the chart of f per comune with its data table) as the plan document's part shows it.

use std::rc::Rc;

use offerta_core::document::{comparison_part, PreviousPart};
use offerta_core::intake::Intake;
use offerta_core::planning::LastYear;
use offerta_core::previous_plan::{read_any_previous_plan, PreviousPlan};
use offerta_core::signing::cades::RevocationList;
use offerta_core::signing::qualified::TrustAnchor;
use offerta_core::Plan;
use yew::prelude::*;

use super::document::DocumentView;
use crate::hooks::use_file_import;
use crate::i18n::{use_lang, Shown};

#[derive(Properties, PartialEq)]
pub struct PreviousPlanInputProps {
    /// What is loaded: whether it is signed with the capofila's known key, and the line
    /// that says so (the core's, as the CLI prints it).
    pub status: Option<(bool, offerta_core::text::Bilingual)>,
    pub problem: Option<offerta_core::text::Bilingual>,
    /// The intake's trust anchors (the trusted list loaded), to check the certificate of a
    /// plan signed with a firma digitale.
    pub anchors: Rc<Vec<TrustAnchor>>,
    /// The revocation lists the capofila loaded: a revoked certificate is refused.
    pub lists: Rc<Vec<RevocationList>>,
    /// «ANNA NERI firma per il Comune di Crema», when last year's plan is a `.p7m` whose
    /// signer, on the trusted list, the registry does not hold yet (the core's words).
    pub signer_to_confirm: Option<offerta_core::text::Bilingual>,
    /// The capofila confirms that signer with one click.
    pub on_confirm_signer: Callback<()>,
    /// The file's name and the plan read from it.
    pub on_previous: Callback<(String, PreviousPlan)>,
    pub on_message: Callback<Shown>,
}

/// The file input for last year's plan, what is loaded, and why a plan was not taken.
#[function_component(PreviousPlanInput)]
pub fn previous_plan_input(props: &PreviousPlanInputProps) -> Html {
    let lang = use_lang();
    let y = lang.yearly();
    let (anchors, lists) = (props.anchors.clone(), props.lists.clone());
    let on_file = use_file_import(
        move |name, bytes| {
            read_any_previous_plan(bytes, &anchors, &lists, &crate::browser::now_rfc3339())
                .map(|plan| (name.to_owned(), plan))
        },
        props.on_previous.clone(),
        props.on_message.clone(),
    );
    html! {
        <div id="previous-plan" class="no-print mb-3">
            <label class="form-label" for="previous-plan-file">{ y.previous_label }</label>
            <p class="hint" id="previous-plan-hint">{ y.previous_hint }</p>
            <input class="form-control" id="previous-plan-file" type="file" accept=".json,.p7m,application/json,application/pkcs7-mime"
                aria-describedby="previous-plan-hint" onchange={on_file} />
            if let Some((verified, line)) = &props.status {
                // An unverified plan is a warning: its figures are not the capofila's.
                <p id="previous-plan-loaded" role="status" data-verified={verified.to_string()}
                    class={classes!("alert", "mt-2", if *verified { "alert-info" } else { "alert-warning" })}>
                    { lang.say(line) }</p>
            }
            if let Some(who) = &props.signer_to_confirm {
                // As a received file's signer is confirmed, in the same words.
                <button type="button" id="previous-plan-confirm-signer" class="btn btn-outline-primary btn-sm"
                    onclick={props.on_confirm_signer.reform(|_| ())}>
                    { (lang.texts().confirm_signer)(lang.say(who)) }
                </button>
            }
            if let Some(problem) = &props.problem {
                <p id="previous-plan-problem" class="alert alert-danger mt-2" role="alert">{ lang.say(problem) }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ComparisonViewProps {
    pub intake: Intake,
    pub last_year: LastYear,
    pub plan: Rc<Plan>,
}

/// The comparison with last year's plan, when one is loaded.
#[function_component(ComparisonView)]
pub fn comparison_view(props: &ComparisonViewProps) -> Html {
    let y = use_lang().yearly();
    let part = use_memo(
        (
            props.plan.clone(),
            props.last_year.clone(),
            props.last_year.trust(&props.intake),
        ),
        |(plan, last_year, trust)| {
            let (plan_before, trust) = (last_year.previous()?, trust.as_ref()?);
            let comparison = last_year.comparison(plan)?;
            Some(Rc::new(comparison_part(PreviousPart {
                plan: plan_before,
                trust,
                comparison: &comparison,
            })))
        },
    );
    match (*part).clone() {
        Some(document) => html! {
            // The part carries its own heading, as in the document: the section only names it.
            <section id="comparison" class="comparison" aria-label={y.comparison_title}>
                <DocumentView {document} />
            </section>
        },
        None => html! {},
    }
}
