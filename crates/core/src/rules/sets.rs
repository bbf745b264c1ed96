//! Which rules apply to which plan years.

use super::catalog::*;
use super::choices::*;
use super::plausibility::*;
use super::Rule;
use crate::thresholds::{
    CATEGORIE_ART14_MAX_PERCENT, FIRST_PLAN_YEAR_RR_2_2025, FORZE_POLIZIA_MAX_PERCENT_2019,
    INDIGENZA_DEFAULT_PERCENT, POLIZIE_MAX_PERCENT_2025, RR_2_2025_PUBLISHED,
    TRANSITION_PLAN_YEAR_RR_2_2025,
};

pub struct RuleSet {
    pub id: &'static str,
    /// What the amended text says, built when shown (it quotes thresholds).
    pub description: fn() -> String,
    pub first_year: u16,
    /// `None`: open-ended, until a later amendment gets its own set.
    pub last_year: Option<u16>,
    pub rules: &'static [&'static Rule],
}

impl RuleSet {
    pub fn covers(&self, year: u16) -> bool {
        year >= self.first_year && self.last_year.is_none_or(|last| year <= last)
    }

    pub fn years_label(&self) -> String {
        match self.last_year {
            Some(last) => format!("{}-{last}", self.first_year),
            None => format!("{} onwards", self.first_year),
        }
    }
}

/// Rules that every plan year shares.
macro_rules! common_rules {
    ($($extra:expr),* $(,)?) => {
        &[
            &FORMATO_VERSIONE,
            &AMBITO_CORRISPONDENTE,
            &ENTE_NELL_AMBITO,
            &NOME_COMUNE_ISTAT,
            &ALER_DELL_AMBITO,
            &REFERENTE_OBBLIGATORIO,
            &TESTO_SENZA_CARATTERI_INVISIBILI,
            &TESTO_NON_TROPPO_LUNGO,
            &NESSUN_PATRIMONIO_COERENTE,
            &PATRIMONIO_VUOTO,
            &TOTALI_DICHIARATI,
            &COMUNE_NELL_AMBITO,
            &COMUNE_DELL_ENTE,
            &RIGHE_DUPLICATE,
            &RIGHE_VUOTE,
            &RIGA_ALER_FUORI_ELENCO,
            &ASSEGNABILI_ENTRO_PATRIMONIO,
            &ASSEGNATE_ENTRO_SAP,
            &SCELTE_DEI_COMUNI,
            &INDIGENZA_SOGLIA,
            &MOTIVAZIONE_OBBLIGATORIA,
            &MOTIVAZIONE_CONSIGLIATA,
            &CATEGORIA_AGGIUNTIVA_NOME,
            &QUOTE_ENTRO_ASSEGNABILI,
            &QUOTA_ARROTONDATA_A_ZERO,
            &TRANSITORI_QUOTA,
            &ANNO_ASSEGNATE,
            &DATI_ANNO_PRECEDENTE_DA_VERIFICARE,
            &TESTO_DA_CORREGGERE,
            $($extra),*
        ]
    };
}

pub static RULE_SETS: &[RuleSet] = &[
    RuleSet {
        id: "rr-4-2017-testo-2019",
        description: || {
            format!("r.r. 4/2017 as amended by r.r. 3/2019: Forze di Polizia / Vigili del Fuoco up to {FORZE_POLIZIA_MAX_PERCENT_2019}%; no Polizia Locale share and no art. 14 share yet; turnover (d) counts SAP units.")
        },
        first_year: 2019,
        last_year: Some(TRANSITION_PLAN_YEAR_RR_2_2025 - 1),
        rules: common_rules![
            &ASSEGNABILI_ENTRO_SAP,
            &FORZE_POLIZIA_MAX_10,
            &POLIZIA_LOCALE_NON_PREVISTA,
            &CATEGORIE_ART14_NON_PREVISTE,
        ],
    },
    RuleSet {
        id: "rr-4-2017-transizione-2025",
        description: || {
            format!("The 2025 plans, between the two texts: a plan approved after {RR_2_2025_PUBLISHED} came into force may use its shares (Polizia Locale, art. 14, police up to {POLIZIE_MAX_PERCENT_2025}%), which is not settled: they are warnings to confirm, not errors; the {POLIZIE_MAX_PERCENT_2025}% caps still apply.")
        },
        first_year: TRANSITION_PLAN_YEAR_RR_2_2025,
        last_year: Some(TRANSITION_PLAN_YEAR_RR_2_2025),
        rules: common_rules![
            &ASSEGNABILI_ENTRO_SAP,
            &QUOTE_RR_2_2025_NEL_PIANO_2025,
            &FORZE_POLIZIA_MAX_20,
            &CATEGORIE_ART14_MAX_20,
        ],
    },
    RuleSet {
        id: "rr-4-2017-testo-2025",
        description: || {
            format!("r.r. 4/2017 as amended by r.r. 2/2025: up to {POLIZIE_MAX_PERCENT_2025}% for Forze di Polizia / Vigili del Fuoco / Forze Armate (art. 7bis) and Polizia Locale (art. 7ter) together; up to {CATEGORIE_ART14_MAX_PERCENT}% for the categories of art. 23 c.6 l.r. 16/2016 (art. 4 c.3 lett. c bis), each owner's, ALER included, to one or more categories of art. 14 named in the file; turnover (d) counts public and social units, given apart (format 4): the SAP units in f, the SAS units on their own, out of f and of the shares' base; a comune above the {INDIGENZA_DEFAULT_PERCENT}% for indigenza confirms it covers the housing costs (art. 13 c.3).")
        },
        first_year: FIRST_PLAN_YEAR_RR_2_2025,
        last_year: None,
        rules: common_rules![
            &ESISTENTI_ENTRO_PATRIMONIO,
            &FORZE_POLIZIA_MAX_20,
            &CATEGORIE_ART14_MAX_20,
            &COPERTURA_SPESE_ALLOGGIO,
            &CATEGORIE_ART14_ELENCATE,
        ],
    },
];

pub fn rule_set_for(year: u16) -> Option<&'static RuleSet> {
    RULE_SETS.iter().find(|s| s.covers(year))
}
