//! Property tests: totals add up whatever the figures, and files round-trip.

use offerta_core::ambiti;
use offerta_core::submission::{
    Assigned, Consistenza, Ente, Intervento, UnitsInComune, WorksInComune,
};
use offerta_core::{aggregate, reader, validate, Submission};
use proptest::prelude::*;

fn crema_codes() -> Vec<offerta_core::comuni::IstatCode> {
    ambiti::preset("crema").unwrap().comuni
}

prop_compose! {
    fn rows()(picks in prop::collection::vec((0usize..48, 0u32..1000), 0..10)) -> Vec<UnitsInComune> {
        let codes = crema_codes();
        picks.into_iter().map(|(i, unita)| UnitsInComune { comune: codes[i], unita }).collect()
    }
}

prop_compose! {
    fn submission()(
        sap in any::<u32>(), sas in any::<u32>(),
        b in rows(), d in rows(), e in rows(), j in rows(),
        c in prop::collection::vec((0usize..48, 0usize..4, 0u32..1000), 0..10),
        senza in any::<u32>(), ordinarie in any::<u32>(), in_deroga in any::<u32>(),
    ) -> Submission {
        let codes = crema_codes();
        let mut s = Submission::new(2021, "crema", Ente::Aler { nome: "ALER".into(), comuni: codes.clone() });
        s.consistenza = Consistenza { sap, sas };
        s.carenza_manutentiva = b;
        s.avvicendamento.per_comune = d;
        s.avvicendamento.senza_ripartizione = senza;
        s.conferite_da_privati = e;
        s.transitori = j;
        s.nuova_edificazione = c.into_iter()
            .map(|(i, k, unita)| WorksInComune { comune: codes[i], intervento: Intervento::ALL[k], unita })
            .collect();
        s.assegnate_anno_precedente = Assigned { anno: 2020, ordinarie, in_deroga };
        s
    }
}

proptest! {
    #[test]
    fn f_is_b_plus_c_plus_d_plus_e(s in submission()) {
        let sum = |rows: &[UnitsInComune]| rows.iter().map(|r| u64::from(r.unita)).sum::<u64>();
        let c: u64 = s.nuova_edificazione.iter().map(|r| u64::from(r.unita)).sum();
        prop_assert_eq!(
            s.totale_assegnabili(),
            sum(&s.carenza_manutentiva) + c + sum(&s.avvicendamento.per_comune)
                + u64::from(s.avvicendamento.senza_ripartizione) + sum(&s.conferite_da_privati)
        );
        prop_assert_eq!(s.consistenza.totale(), u64::from(s.consistenza.sap) + u64::from(s.consistenza.sas));
    }

    #[test]
    fn stated_totals_written_by_the_app_always_agree(s in submission()) {
        let report = validate(&s.with_stated_totals(), None);
        prop_assert!(report.findings.iter().all(|f| f.rule != "totali-dichiarati"));
    }

    #[test]
    fn any_change_to_a_stated_total_is_reported(s in submission(), delta in 1u64..1000, which in 0usize..3) {
        let mut s = s.with_stated_totals();
        let t = s.totali.as_mut().unwrap();
        match which {
            0 => t.consistenza += delta,
            1 => t.assegnabili += delta,
            _ => t.assegnate += delta,
        }
        let report = validate(&s, None);
        prop_assert!(report.findings.iter().any(|f| f.rule == "totali-dichiarati"));
    }

    #[test]
    fn plan_totals_are_the_sum_of_the_owners(subs in prop::collection::vec(submission(), 0..6)) {
        let plan = aggregate(&subs, None);
        let f: u64 = subs.iter().map(Submission::totale_assegnabili).sum();
        let k: u64 = subs.iter().map(|s| s.assegnate_anno_precedente.totale()).sum();
        prop_assert_eq!(plan.totale.totale_assegnabili, f);
        prop_assert_eq!(plan.totale.assegnate_totale, k);
        prop_assert_eq!(plan.per_ente.len(), subs.len());
    }

    #[test]
    fn files_round_trip(s in submission()) {
        let s = s.with_stated_totals();
        let text = serde_json::to_string(&s).unwrap();
        prop_assert_eq!(reader::read_submission(&text).unwrap(), s);
    }
}
