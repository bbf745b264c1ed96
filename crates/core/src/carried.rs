//! The parts of a draft copied from last year's file and still to be checked, as the form
//! and the rules see them: each part's field path, section and wording. The part itself
//! ([`CarriedSection`]) is a field of the submission; [`crate::carry_forward`] makes the
//! draft and its marks, and the rule `dati-anno-precedente-da-verificare` reports each mark.

use crate::sections::{self, Section};
use crate::submission::CarriedSection;
use crate::text::Bilingual;

/// The field path of each [`CarriedSection`], in the order of [`CarriedSection::ALL`]: the
/// fields of the rule `dati-anno-precedente-da-verificare`, where the form shows its findings.
pub static CARRIED_FIELDS: [&str; 7] = [
    sections::CONSISTENZA.path,
    sections::REFERENTE,
    sections::CARENZA_MANUTENTIVA.path,
    sections::NUOVA_EDIFICAZIONE.path,
    sections::AVVICENDAMENTO.path,
    sections::CONFERITE_DA_PRIVATI.path,
    sections::TRANSITORI.path,
];

/// The rule whose findings are the marks (its id, for the form's confirm button).
pub const RULE_ID: &str = "dati-anno-precedente-da-verificare";

impl CarriedSection {
    /// The part whose field path is `field` (a finding's field), if any.
    pub fn of_field(field: &str) -> Option<CarriedSection> {
        CarriedSection::ALL.into_iter().find(|s| s.field() == field)
    }

    /// The plan's section, `None` for the referente (not a section of the plan).
    pub fn section(self) -> Option<&'static Section> {
        match self {
            CarriedSection::Consistenza => Some(&sections::CONSISTENZA),
            CarriedSection::Referente => None,
            CarriedSection::CarenzaManutentiva => Some(&sections::CARENZA_MANUTENTIVA),
            CarriedSection::NuovaEdificazione => Some(&sections::NUOVA_EDIFICAZIONE),
            CarriedSection::Avvicendamento => Some(&sections::AVVICENDAMENTO),
            CarriedSection::ConferiteDaPrivati => Some(&sections::CONFERITE_DA_PRIVATI),
            CarriedSection::Transitori => Some(&sections::TRANSITORI),
        }
    }

    /// The field path of the part, where its finding is shown.
    pub fn field(self) -> &'static str {
        CARRIED_FIELDS[self as usize]
    }

    /// What the clerk is asked to do, in the words of a finding.
    pub fn to_check(self) -> Bilingual {
        match self.section() {
            Some(section) => Bilingual::new(
                format!(
                    "Dati dall'anno precedente: da verificare. Controllare la sezione {} e confermarla o correggerla.",
                    section.label()
                ),
                format!(
                    "Figures from last year: to be checked. Check section {} and confirm or correct it.",
                    section.label()
                ),
            ),
            None => Bilingual::new(
                "Dati dall'anno precedente: da verificare. Controllare il referente e confermarlo o correggerlo.",
                "Details from last year: to be checked. Check the contact person and confirm or correct them.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_fields_and_sections_agree() {
        for (n, section) in CarriedSection::ALL.into_iter().enumerate() {
            assert_eq!(section as usize, n, "ALL is in the order of the enum");
            assert_eq!(CarriedSection::from_id(section.id()), Some(section));
            assert_eq!(
                serde_json::to_value(section).unwrap(),
                serde_json::json!(section.id())
            );
            match section.section() {
                Some(s) => {
                    assert_eq!(section.field(), s.path);
                    assert_eq!(section.id(), s.letter.unwrap().to_string());
                }
                None => assert_eq!(section.field(), sections::REFERENTE),
            }
        }
        assert_eq!(CarriedSection::from_id("k"), None);
    }
}
