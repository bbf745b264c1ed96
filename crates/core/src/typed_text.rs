//! What a clerk typed in a count or share field that is not yet a value («4O», «1,5», «-3»).
//!
//! The text is a state of the draft, kept in the submission itself (`testi_da_correggere`),
//! not in the form: the rule `testo-da-correggere` reports each one as an error linked to its
//! field, so the summary lists it, signing is refused (in the page and by `offerta sign`), a
//! received file carrying one is set aside, and a reload shows the text and its error again.
//! Until the text is corrected the field's value is the last good one, so every total that
//! depends on it is incomplete ([`Submission::incomplete`]).

use crate::count::parse_count;
use crate::percent::Percent;
use crate::sections;
use crate::submission::{Submission, TypedText};
use crate::text::Bilingual;

/// The id of the rule whose findings are the texts to correct.
pub const RULE_ID: &str = "testo-da-correggere";

/// What kind of value a field takes, known from its path: a share's field ends in
/// `.percento`, every other typed field is a count of units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    Count,
    Percent,
}

impl ValueKind {
    pub fn of_field(field: &str) -> ValueKind {
        if field.ends_with(".percento") {
            ValueKind::Percent
        } else {
            ValueKind::Count
        }
    }

    /// Why `text` is not a value of this kind, or `None` when it is one.
    pub fn problem(self, text: &str) -> Option<Bilingual> {
        match self {
            ValueKind::Count => parse_count(text).err(),
            ValueKind::Percent => Percent::parse(text).err(),
        }
    }
}

impl TypedText {
    /// Why the text is not a value for its field (every kept text has one: one that reads
    /// is applied, never kept; a file naming a text that reads is told so all the same).
    pub fn problem(&self) -> Bilingual {
        ValueKind::of_field(&self.campo)
            .problem(&self.testo)
            .unwrap_or_else(|| {
                Bilingual::new(
                    "il testo scritto non è stato ancora registrato come valore: riscriverlo",
                    "the text typed was not yet recorded as a value: type it again",
                )
            })
    }
}

/// Which figures shown to the clerk depend on a field: a total that sums it is incomplete
/// while the field holds a text to correct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Total {
    /// a) the stock, SAP + SAS.
    Consistenza,
    /// f) the assignable units, b + c + d + e.
    Assegnabili,
    /// k) the units assigned last year.
    Assegnate,
    /// The reserved quotas, from f and the shares.
    Quote,
}

impl Total {
    fn depends_on(self, field: &str) -> bool {
        let under = |path: &str| {
            field
                .strip_prefix(path)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        };
        // d)'s path covers its rows and the ALER's units without a comune.
        let in_f = || {
            sections::per_comune()
                .filter(|(section, _)| section.counts_in_f())
                .any(|(section, _)| under(section.path))
        };
        match self {
            Total::Consistenza => under(sections::CONSISTENZA.path),
            Total::Assegnabili => in_f(),
            Total::Assegnate => under(sections::ASSEGNATE_ANNO_PRECEDENTE.path),
            Total::Quote => in_f() || ValueKind::of_field(field) == ValueKind::Percent,
        }
    }
}

impl Submission {
    /// The text kept for `field`, if the clerk left one that is not a value.
    pub fn typed_text(&self, field: &str) -> Option<&str> {
        self.testi_da_correggere
            .iter()
            .find(|t| t.campo == field)
            .map(|t| t.testo.as_str())
    }

    /// Keeps `text` typed in `field` when it is not a value of the field's kind, and says
    /// whether it kept it; a text that reads takes nothing (the caller sets the value and
    /// calls [`Submission::clear_typed_text`]).
    pub fn keep_typed_text(&mut self, field: &str, text: &str) -> bool {
        if ValueKind::of_field(field).problem(text).is_none() {
            return false;
        }
        match self
            .testi_da_correggere
            .iter_mut()
            .find(|t| t.campo == field)
        {
            Some(kept) => kept.testo = text.to_owned(),
            None => self.testi_da_correggere.push(TypedText {
                campo: field.to_owned(),
                testo: text.to_owned(),
            }),
        }
        true
    }

    /// The field holds a value again: its text, if any, is forgotten.
    pub fn clear_typed_text(&mut self, field: &str) {
        self.testi_da_correggere.retain(|t| t.campo != field);
    }

    /// Whether `total` leaves out a field whose text is still to correct.
    pub fn incomplete(&self, total: Total) -> bool {
        self.testi_da_correggere
            .iter()
            .any(|t| total.depends_on(&t.campo))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::submission::{Ente, RowSection};

    fn draft() -> Submission {
        Submission::new(2026, "crema", Ente::comune("019035").unwrap())
    }

    #[test]
    fn a_text_that_is_not_a_value_is_kept_and_one_that_is_is_not() {
        let mut s = draft();
        for bad in ["4O", "1,5", "1.5", "-3"] {
            assert!(
                s.keep_typed_text("nuova_edificazione[0].unita", bad),
                "{bad}"
            );
            assert_eq!(s.typed_text("nuova_edificazione[0].unita"), Some(bad));
        }
        assert_eq!(s.testi_da_correggere.len(), 1, "one text per field");
        assert!(!s.keep_typed_text("consistenza.sap", "40"));
        assert_eq!(s.typed_text("consistenza.sap"), None);
        assert!(s.keep_typed_text("soglia_indigenza.percento", "12,55"));
        assert!(!s.keep_typed_text("forze_polizia.percento", "12,5"));
        s.clear_typed_text("nuova_edificazione[0].unita");
        assert_eq!(s.typed_text("nuova_edificazione[0].unita"), None);
    }

    #[test]
    fn totals_say_which_texts_leave_them_incomplete() {
        let mut s = draft();
        assert!(!s.incomplete(Total::Assegnabili));
        s.keep_typed_text("nuova_edificazione[0].unita", "4O");
        assert!(s.incomplete(Total::Assegnabili));
        assert!(s.incomplete(Total::Quote));
        assert!(!s.incomplete(Total::Consistenza));
        assert!(!s.incomplete(Total::Assegnate));
        let mut s = draft();
        s.keep_typed_text("avvicendamento.senza_ripartizione", "x");
        assert!(s.incomplete(Total::Assegnabili));
        let mut s = draft();
        s.keep_typed_text("consistenza.sas", "x");
        assert!(s.incomplete(Total::Consistenza));
        assert!(!s.incomplete(Total::Assegnabili));
        let mut s = draft();
        s.keep_typed_text("transitori[0].unita", "x");
        assert!(!s.incomplete(Total::Assegnabili), "j is not part of f");
        let mut s = draft();
        s.keep_typed_text("soglia_indigenza.percento", "x");
        assert!(s.incomplete(Total::Quote));
        assert!(!s.incomplete(Total::Assegnabili));
        let mut s = draft();
        s.keep_typed_text("assegnate_anno_precedente.in_deroga", "x");
        assert!(s.incomplete(Total::Assegnate));
    }

    #[test]
    fn removing_a_row_takes_its_text_and_moves_the_later_ones_up() {
        let mut s = draft();
        let crema = "019035".parse().unwrap();
        for _ in 0..3 {
            s.add_row(RowSection::CarenzaManutentiva, crema);
        }
        s.keep_typed_text("carenza_manutentiva[0].unita", "a");
        s.keep_typed_text("carenza_manutentiva[1].unita", "b");
        s.keep_typed_text("carenza_manutentiva[2].unita", "c");
        s.keep_typed_text("conferite_da_privati[2].unita", "d");
        s.remove_row(RowSection::CarenzaManutentiva, 1);
        assert_eq!(s.typed_text("carenza_manutentiva[0].unita"), Some("a"));
        assert_eq!(s.typed_text("carenza_manutentiva[1].unita"), Some("c"));
        assert_eq!(s.typed_text("carenza_manutentiva[2].unita"), None);
        assert_eq!(s.typed_text("conferite_da_privati[2].unita"), Some("d"));
    }
}
