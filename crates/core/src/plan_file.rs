//! The signed plan file (the aggregate the capofila signs and hands on): its format name and
//! version, and its JSON made from the plan, the files received and the capofila's texts.
//! [`crate::previous_plan`] reads it back a year later.

use serde_json::{json, Value};

use crate::aggregate::Plan;
use crate::intake::{Disposition, ReceivedFile};
use crate::plan_texts::PlanTexts;

/// The format's name is its reader's, one layer down.
pub use crate::previous_plan::PLAN_FORMAT_NAME;
/// 2: the capofila's texts for the plan document (`testi`), the ricognizione in one object (`piano.ricognizione`, with the owners known or not) and
/// shares with one decimal in `piano.quote`. Version 1 had the ricognizione's counts loose in
/// `piano` (`inadempienti`, `comuni_con_patrimonio`, `comuni_ambito`, `nessun_patrimonio`).
pub const PLAN_FORMAT_VERSION: u32 = 2;

/// The aggregate the capofila signs: the plan and what happened to every file received.
/// Nothing in it depends on when it is made, so the page and the CLI produce the same JSON.
/// The capofila's `texts` for the plan document travel with it.
pub fn aggregate_json(plan: &Plan, received: &[ReceivedFile], texts: &PlanTexts) -> Value {
    let files: Vec<Value> = received
        .iter()
        .map(|f| {
            let motivo = match &f.disposition {
                Disposition::Conteggiata => None,
                Disposition::Sostituita(won) => Some(format!("sostituita da {}", won.by)),
                Disposition::ChiaveDaAccettare | Disposition::FirmatarioDaConfermare => {
                    Some(f.verified.outcome.message().it)
                }
                Disposition::Accantonata(m)
                | Disposition::AlerEstranea(m)
                | Disposition::Scartata(m)
                | Disposition::DataFutura(m) => Some(m.it.clone()),
            };
            json!({
                "nome": f.name,
                "ente": f.ente_name(),
                "esito": f.verified.outcome.code(),
                "stato": f.state().name().it,
                "motivo": motivo,
                "impronta": f.verified.fingerprint,
                "firmata_il": f.verified.signed_at,
            })
        })
        .collect();
    let mut value = json!({
        "formato": PLAN_FORMAT_NAME,
        "versione": PLAN_FORMAT_VERSION,
        "ambito": plan.ambito,
        "anno_piano": plan.anno_piano,
        "file_ricevuti": files,
        "piano": plan,
        "testi": texts,
        "scritto_da": crate::written_by(),
    });
    // Only a draft says so: a plan with no file waiting keeps the bytes it always had.
    let waiting = received
        .iter()
        .filter(|f| f.state().waits_for_decision())
        .count();
    if let Some(note) = crate::intake::status::draft_note(waiting) {
        value["bozza"] = json!({ "file_in_attesa": waiting, "nota": note.it });
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{aggregate, ambiti, demo};

    fn crema_plan() -> Plan {
        aggregate(&demo::crema_2021(), ambiti::preset("crema").as_ref())
    }

    #[test]
    fn the_signed_aggregate_carries_the_ricognizione() {
        let value = aggregate_json(&crema_plan(), &[], &PlanTexts::default());
        assert_eq!(
            value["scritto_da"],
            json!(crate::written_by()),
            "who wrote it"
        );
        let r = &value["piano"]["ricognizione"];
        assert_eq!(
            (
                &r["comuni_con_patrimonio"],
                &r["comuni_ambito"],
                &r["percentuale"]
            ),
            (&json!(24), &json!(48), &json!(50))
        );
        assert_eq!(r["proprietari_noti"], true);
        assert_eq!(r["inadempienti"], json!(["Trescore Cremasco"]));
        assert_eq!(r["non_hanno_risposto"], json!([]));
        assert!(
            value["piano"].get("inadempienti").is_none(),
            "one place only"
        );
    }
}
