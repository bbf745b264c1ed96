//! Aggregation of the submissions of one ambito into the plan's tables.

use serde::Serialize;

use crate::submission::{sum_units, sum_works, Submission};

/// Figures of one ente proprietario (one row of the plan's tables), or their total.
#[derive(Serialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnerFigures {
    pub ente: String,
    pub consistenza_totale: u64,
    pub consistenza_sap: u64,
    pub consistenza_sas: u64,
    pub carenza_manutentiva: u64,
    pub nuova_edificazione: u64,
    pub avvicendamento: u64,
    pub conferite_da_privati: u64,
    pub totale_assegnabili: u64,
    pub transitori: u64,
    pub assegnate_ordinarie: u64,
    pub assegnate_in_deroga: u64,
    pub assegnate_totale: u64,
}

impl OwnerFigures {
    fn of(s: &Submission) -> Self {
        let k = s.assegnate_anno_precedente;
        OwnerFigures {
            ente: s.ente.display_name(),
            consistenza_totale: s.consistenza.totale(),
            consistenza_sap: s.consistenza.sap.into(),
            consistenza_sas: s.consistenza.sas.into(),
            carenza_manutentiva: sum_units(&s.carenza_manutentiva),
            nuova_edificazione: sum_works(&s.nuova_edificazione),
            avvicendamento: s.avvicendamento.totale(),
            conferite_da_privati: sum_units(&s.conferite_da_privati),
            totale_assegnabili: s.totale_assegnabili(),
            transitori: sum_units(&s.transitori),
            assegnate_ordinarie: k.ordinarie.into(),
            assegnate_in_deroga: k.in_deroga.into(),
            assegnate_totale: k.totale(),
        }
    }

    fn add(&mut self, o: &OwnerFigures) {
        self.consistenza_totale += o.consistenza_totale;
        self.consistenza_sap += o.consistenza_sap;
        self.consistenza_sas += o.consistenza_sas;
        self.carenza_manutentiva += o.carenza_manutentiva;
        self.nuova_edificazione += o.nuova_edificazione;
        self.avvicendamento += o.avvicendamento;
        self.conferite_da_privati += o.conferite_da_privati;
        self.totale_assegnabili += o.totale_assegnabili;
        self.transitori += o.transitori;
        self.assegnate_ordinarie += o.assegnate_ordinarie;
        self.assegnate_in_deroga += o.assegnate_in_deroga;
        self.assegnate_totale += o.assegnate_totale;
    }
}

/// The aggregated plan: one row per ente, in the order received, and the totals.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub per_ente: Vec<OwnerFigures>,
    pub totale: OwnerFigures,
}

pub fn aggregate(submissions: &[Submission]) -> Plan {
    let per_ente: Vec<OwnerFigures> = submissions.iter().map(OwnerFigures::of).collect();
    let mut totale = OwnerFigures {
        ente: "Totale".to_owned(),
        ..OwnerFigures::default()
    };
    per_ente.iter().for_each(|row| totale.add(row));
    Plan { per_ente, totale }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    #[test]
    fn crema_2021_reproduces_the_published_totals() {
        let plan = aggregate(&demo::crema_2021());
        let t = &plan.totale;
        assert_eq!(
            (t.consistenza_totale, t.consistenza_sap, t.consistenza_sas),
            (1699, 1678, 21)
        );
        assert_eq!(t.carenza_manutentiva, 9);
        assert_eq!(t.nuova_edificazione, 55);
        assert_eq!(t.avvicendamento, 50);
        assert_eq!(t.conferite_da_privati, 0);
        assert_eq!(t.totale_assegnabili, 114);
        assert_eq!(t.transitori, 15);
        assert_eq!(
            (
                t.assegnate_ordinarie,
                t.assegnate_in_deroga,
                t.assegnate_totale
            ),
            (12, 0, 12)
        );
        assert_eq!(plan.per_ente.len(), 24);
    }

    #[test]
    fn empty_input_gives_zero_totals() {
        let plan = aggregate(&[]);
        assert!(plan.per_ente.is_empty());
        assert_eq!(plan.totale.totale_assegnabili, 0);
    }
}
