//! The submission ("scheda") that one ente proprietario sends to the comune capofila.
//!
//! Field names are Italian because the JSON file is read by Italian offices; the sections
//! follow the plan (a-k) described in DOMAIN.md. Derived values (stock total, f, k total)
//! are methods, never stored, so a file cannot state them inconsistently.

use serde::{Deserialize, Serialize};

use crate::comuni::IstatCode;

/// Identifies the file kind; checked on read together with [`FORMAT_VERSION`].
pub const FORMAT_NAME: &str = "offerta-abitativa/scheda";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub formato: String,
    pub versione: u32,
    /// The plan year (e.g. 2021); section k refers to the year before.
    pub anno_piano: u16,
    /// Identifier of the ambito territoriale (e.g. "crema").
    pub ambito: String,
    pub ente: Ente,
    pub referente: Referente,
    /// The ente declares it owns no housing: sections a-k stay empty.
    pub nessun_patrimonio: bool,
    /// a) stock owned.
    pub consistenza: Consistenza,
    /// b) SAP units assignable as they are despite poor repair (art. 10 r.r. 4/2017).
    pub carenza_manutentiva: Vec<UnitsInComune>,
    /// c) SAP units from new building or renovation.
    pub nuova_edificazione: Vec<UnitsInComune>,
    /// d) SAP units freed by normal turnover.
    pub avvicendamento: Turnover,
    /// e) units given by private parties (art. 23 c.2 l.r. 16/2016).
    pub conferite_da_privati: Vec<UnitsInComune>,
    /// g) share for households in indigenza, when above the default 20%.
    pub soglia_indigenza_percento: Option<u8>,
    /// h) one further category of particular social relevance.
    pub categoria_aggiuntiva: Option<AdditionalCategory>,
    /// i) share reserved for Forze di Polizia / Vigili del Fuoco (art. 7bis r.r. 4/2017).
    pub forze_polizia_percento: Option<u8>,
    /// j) units for servizi abitativi transitori (art. 23 c.13 l.r. 16/2016).
    pub transitori: Vec<UnitsInComune>,
    /// k) SAP units assigned in the previous year.
    pub assegnate_anno_precedente: Assigned,
    pub misure_welfare: String,
    pub progettualita: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "tipo", rename_all = "snake_case", deny_unknown_fields)]
pub enum Ente {
    Comune { istat: IstatCode, nome: String },
    Aler { nome: String },
}

impl Ente {
    pub fn display_name(&self) -> String {
        match self {
            Ente::Comune { nome, .. } => format!("Comune di {nome}"),
            Ente::Aler { nome } => nome.clone(),
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Referente {
    pub nome: String,
    pub ruolo: String,
    pub email: String,
    pub telefono: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Consistenza {
    pub sap: u32,
    pub sas: u32,
}

impl Consistenza {
    pub fn totale(&self) -> u64 {
        u64::from(self.sap) + u64::from(self.sas)
    }
}

/// A count of units located in one comune.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UnitsInComune {
    pub comune: IstatCode,
    pub unita: u32,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Turnover {
    pub per_comune: Vec<UnitsInComune>,
    /// The ALER may give its turnover only as a total (DOMAIN.md, section d).
    pub senza_ripartizione: u32,
}

impl Turnover {
    pub fn totale(&self) -> u64 {
        sum_units(&self.per_comune) + u64::from(self.senza_ripartizione)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AdditionalCategory {
    pub nome: String,
    pub motivazione: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Assigned {
    pub ordinarie: u32,
    pub in_deroga: u32,
}

impl Assigned {
    pub fn totale(&self) -> u64 {
        u64::from(self.ordinarie) + u64::from(self.in_deroga)
    }
}

pub fn sum_units(rows: &[UnitsInComune]) -> u64 {
    rows.iter().map(|r| u64::from(r.unita)).sum()
}

impl Submission {
    /// An empty submission of `ente` for the given plan year and ambito.
    pub fn new(anno_piano: u16, ambito: &str, ente: Ente) -> Self {
        Submission {
            formato: FORMAT_NAME.to_owned(),
            versione: FORMAT_VERSION,
            anno_piano,
            ambito: ambito.to_owned(),
            ente,
            referente: Referente::default(),
            nessun_patrimonio: false,
            consistenza: Consistenza::default(),
            carenza_manutentiva: Vec::new(),
            nuova_edificazione: Vec::new(),
            avvicendamento: Turnover::default(),
            conferite_da_privati: Vec::new(),
            soglia_indigenza_percento: None,
            categoria_aggiuntiva: None,
            forze_polizia_percento: None,
            transitori: Vec::new(),
            assegnate_anno_precedente: Assigned::default(),
            misure_welfare: String::new(),
            progettualita: String::new(),
        }
    }

    /// f) units assignable in the plan year: exactly b + c + d + e.
    pub fn totale_assegnabili(&self) -> u64 {
        sum_units(&self.carenza_manutentiva)
            + sum_units(&self.nuova_edificazione)
            + self.avvicendamento.totale()
            + sum_units(&self.conferite_da_privati)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crema() -> Ente {
        Ente::Comune {
            istat: "019035".parse().unwrap(),
            nome: "Crema".into(),
        }
    }

    #[test]
    fn assignable_units_are_the_sum_of_b_c_d_e() {
        let mut s = Submission::new(2021, "crema", crema());
        let row = |n| UnitsInComune {
            comune: "019035".parse().unwrap(),
            unita: n,
        };
        s.carenza_manutentiva.push(row(4));
        s.nuova_edificazione.push(row(28));
        s.avvicendamento.per_comune.push(row(2));
        s.avvicendamento.senza_ripartizione = 3;
        s.conferite_da_privati.push(row(1));
        assert_eq!(s.totale_assegnabili(), 4 + 28 + 2 + 3 + 1);
    }

    #[test]
    fn json_round_trip_keeps_every_field() {
        let mut s = Submission::new(2021, "crema", crema());
        s.consistenza = Consistenza { sap: 353, sas: 5 };
        s.categoria_aggiuntiva = Some(AdditionalCategory {
            nome: "famiglie numerose".into(),
            motivazione: "molte famiglie con tre o più figli".into(),
        });
        let json = serde_json::to_string(&s).unwrap();
        let back: Submission = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        assert!(json.contains(r#""tipo":"comune""#), "{json}");
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let s = Submission::new(2021, "crema", crema());
        let mut v = serde_json::to_value(&s).unwrap();
        v["totale"] = serde_json::json!(1);
        assert!(serde_json::from_value::<Submission>(v).is_err());
    }
}
