//! What the capofila hands on, made from its intake, last year's plan and its texts: the
//! plan document, the aggregate (signed or not) and what each exported file says about
//! itself. The page and `offerta aggregate` both make them here.

use crate::aggregate::Plan;
use crate::document::{plan_document, DocumentInput, PlanDocument, PreviousPart};
use crate::export::About;
use crate::intake::Intake;
use crate::plan_file::aggregate_json;
use crate::plan_texts::PlanTexts;
use crate::planning::LastYear;
use crate::signing::{sign_document, SigningKey};

/// The capofila's texts as they start for the intake's ambito and year.
pub fn default_texts(intake: &Intake) -> PlanTexts {
    PlanTexts::defaults(intake.ambito(), intake.year())
}

/// The plan document (cover, sections a-k, the comparison with last year's plan when one is
/// loaded, attachments) with the capofila's `texts` composed (NFC). Ask [`PlanTexts::check`]
/// first: the page and the CLI make no document from texts that carry an invisible
/// character.
pub fn document(
    intake: &Intake,
    last_year: &LastYear,
    plan: &Plan,
    texts: &PlanTexts,
) -> PlanDocument {
    let comparison = last_year.comparison(plan);
    let trust = last_year.trust(intake);
    let previous = match (last_year.previous(), &trust, &comparison) {
        (Some(plan), Some(trust), Some(comparison)) => Some(PreviousPart {
            plan,
            trust,
            comparison,
        }),
        _ => None,
    };
    plan_document(&DocumentInput {
        plan,
        ambito: intake.ambito(),
        year: intake.year(),
        texts: &texts.composed(),
        received: intake.received(),
        previous,
    })
}

/// What the exported files say about themselves, made at `now` (RFC 3339).
pub fn about(intake: &Intake, now: &str) -> About {
    About {
        ambito: intake.ambito().nome.clone(),
        anno: intake.year(),
        made_on: crate::text::day_of(now),
        bozza: intake.draft_note().map(|b| b.it),
    }
}

/// The aggregate the capofila hands on, unsigned, as pretty JSON.
pub fn aggregate_text(intake: &Intake, plan: &Plan, texts: &PlanTexts) -> String {
    let json = aggregate_json(plan, intake.received(), &texts.composed());
    serde_json::to_string_pretty(&json).expect("a JSON value always serialises")
}

/// The aggregate signed with the capofila's key at `when`, as pretty JSON.
pub fn signed_aggregate_text(
    intake: &Intake,
    plan: &Plan,
    texts: &PlanTexts,
    key: &SigningKey,
    when: &str,
) -> String {
    let serde_json::Value::Object(document) =
        aggregate_json(plan, intake.received(), &texts.composed())
    else {
        unreachable!("the aggregate is a JSON object")
    };
    let signed = sign_document(document, key, when);
    serde_json::to_string_pretty(&signed).expect("a JSON value always serialises")
}
