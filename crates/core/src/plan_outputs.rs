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
use crate::text::Bilingual;

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

/// How the plan to sign with a firma digitale is named: `name` (the signed plan's, without
/// `_firmato.json`) and this ending; the signing tool adds `.p7m`.
pub const TO_SIGN_DIGITALLY_SUFFIX: &str = "_per-firma-digitale.json";

/// The aggregate to sign with the capofila's firma digitale: the JSON the app signs with a
/// key, without the `proof` (one signature per file), once the same checks as for signing it
/// in the app pass: a draft (files waiting) only with `draft_confirmed`, and texts carrying
/// no invisible character ([`PlanTexts::check`]). Who signs is the certificate's to say.
pub fn aggregate_to_sign_digitally(
    intake: &Intake,
    plan: &Plan,
    texts: &PlanTexts,
    draft_confirmed: bool,
) -> Result<Vec<u8>, Bilingual> {
    let waiting = intake.waiting();
    if waiting > 0 && !draft_confirmed {
        return Err(Bilingual::new(
            format!("{waiting} file attendono ancora una decisione del capofila: il piano sarebbe una bozza; confermare la firma della bozza o decidere prima sui file"),
            format!("{waiting} files still wait for the capofila's decision: the plan would be a draft; confirm signing the draft or decide on the files first"),
        ));
    }
    texts.check()?;
    Ok(aggregate_text(intake, plan, texts).into_bytes())
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
