//! A share written with at most one decimal (12,5%), kept in tenths of a percent so that all
//! arithmetic stays on integers and two readers never disagree on a rounding.
//!
//! In a file (format version 2, docs/FORMAT.md) a whole share is a JSON integer (`25`), as in
//! version 1, so a whole-percent file serialises byte for byte as before and its signature
//! (JCS over the serialised value) does not change; a share with a decimal is a JSON number
//! with one decimal (`12.5`).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::text::Bilingual;

/// A percentage in tenths: `Percent::whole(25)` is 25%, `Percent::from_tenths(125)` 12,5%.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(u16);

impl Percent {
    /// The largest share a file may hold: 255, the range of the whole percents of format
    /// version 1. The legal caps (at most 100) are the rules' business, which say what to fix.
    pub const MAX: Percent = Percent(2550);
    pub const ZERO: Percent = Percent(0);

    pub const fn whole(percent: u8) -> Percent {
        Percent(percent as u16 * 10)
    }

    /// `None` beyond [`Percent::MAX`].
    pub fn from_tenths(tenths: u16) -> Option<Percent> {
        (tenths <= Self::MAX.0).then_some(Percent(tenths))
    }

    pub fn tenths(self) -> u16 {
        self.0
    }

    /// Whether the share is a whole percent (what format version 1 can hold).
    pub fn is_whole(self) -> bool {
        self.0.is_multiple_of(10)
    }

    /// The sum of two shares (e.g. the two police shares against their common cap); it may
    /// go beyond [`Percent::MAX`], which bounds only what one field holds.
    pub fn plus(self, other: Percent) -> Percent {
        Percent(self.0.saturating_add(other.0))
    }

    /// What a clerk types: "12,5", "12.5", "25", " 25 % ". At most one decimal digit.
    pub fn parse(text: &str) -> Result<Percent, Bilingual> {
        let t = text.trim();
        let t = t.strip_suffix('%').unwrap_or(t).trim_end();
        if t.is_empty() {
            return Err(Bilingual::new(
                "scrivere la percentuale, es. 12,5",
                "write the percentage, e.g. 12.5",
            ));
        }
        let (whole, decimal) = match t.split_once([',', '.']) {
            Some((w, d)) => (w, d),
            None => (t, ""),
        };
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(decimal) {
            return Err(Bilingual::new(
                "scrivere la percentuale in cifre, senza segni, es. 12,5",
                "write the percentage in digits, without signs, e.g. 12.5",
            ));
        }
        if decimal.len() > 1 {
            return Err(Bilingual::new(
                "scrivere la percentuale con al massimo un decimale, es. 12,5",
                "write the percentage with one decimal at most, e.g. 12.5",
            ));
        }
        // "12," is 12: the comma typed before the decimal.
        let tenth = decimal.parse::<u16>().unwrap_or(0);
        let tenths = whole
            .parse::<u16>()
            .ok()
            .and_then(|w| w.checked_mul(10))
            .and_then(|w| Percent::from_tenths(w + tenth));
        tenths.ok_or_else(|| {
            Bilingual::new(
                format!("la percentuale non può superare {}", Percent::MAX),
                format!("the percentage cannot exceed {}", Percent::MAX.english()),
            )
        })
    }

    /// The share as English writes it ("12.5"); `Display` writes the Italian "12,5".
    pub fn english(self) -> String {
        self.to_string().replace(',', ".")
    }
}

/// Italian style: "12,5", and "25" for a whole percent (no ",0").
impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 % 10 {
            0 => write!(f, "{}", self.0 / 10),
            tenth => write!(f, "{},{tenth}", self.0 / 10),
        }
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_whole() {
            s.serialize_u16(self.0 / 10)
        } else {
            s.serialize_f64(f64::from(self.0) / 10.0)
        }
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PercentVisitor)
    }
}

struct PercentVisitor;

/// What a file's share must be; the reader recognises serde's message by it.
pub(crate) const EXPECTING: &str = "a percentage from 0 to 255 with at most one decimal";

impl Visitor<'_> for PercentVisitor {
    type Value = Percent;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTING)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Percent, E> {
        u16::try_from(v)
            .ok()
            .and_then(|v| v.checked_mul(10))
            .and_then(Percent::from_tenths)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &EXPECTING))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Percent, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(E::invalid_value(de::Unexpected::Signed(v), &EXPECTING)),
        }
    }

    /// A number with a fraction (12.5), or a whole one written as a float (25.0): accepted
    /// when it is exactly some tenths, i.e. the nearest double to n/10 (12.25 is not).
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Percent, E> {
        let refuse = || E::invalid_value(de::Unexpected::Float(v), &EXPECTING);
        let tenths = (v * 10.0).round();
        if v.is_sign_negative()
            || !(0.0..=f64::from(Percent::MAX.0)).contains(&tenths)
            || tenths / 10.0 != v
        {
            return Err(refuse());
        }
        Percent::from_tenths(tenths as u16).ok_or_else(refuse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tenths(t: u16) -> Percent {
        Percent::from_tenths(t).unwrap()
    }

    #[test]
    fn whole_and_tenths_compare_and_print_the_italian_way() {
        assert_eq!(Percent::whole(25).tenths(), 250);
        assert!(tenths(125) < Percent::whole(20) && Percent::whole(20) < tenths(201));
        assert_eq!(Percent::whole(25).to_string(), "25");
        assert_eq!(tenths(125).to_string(), "12,5");
        assert_eq!(tenths(5).to_string(), "0,5");
        assert_eq!(tenths(125).english(), "12.5");
        assert_eq!(Percent::from_tenths(2551), None);
    }

    #[test]
    fn what_a_clerk_types_is_read() {
        for (text, expected) in [
            ("12,5", 125),
            ("12.5", 125),
            ("25", 250),
            (" 25 % ", 250),
            ("12,5%", 125),
            ("0", 0),
            ("12,", 120),
            ("255", 2550),
        ] {
            assert_eq!(Percent::parse(text), Ok(tenths(expected)), "{text}");
        }
    }

    #[test]
    fn what_cannot_be_a_share_is_explained_in_plain_words() {
        let it = |text: &str| Percent::parse(text).unwrap_err().it;
        assert_eq!(
            it("12,25"),
            "scrivere la percentuale con al massimo un decimale, es. 12,5"
        );
        for bad in ["-5", "dodici", "1,2,3", ",5", "12 5", "+3"] {
            assert!(
                it(bad).starts_with("scrivere la percentuale in cifre"),
                "{bad}"
            );
        }
        assert!(it("").starts_with("scrivere la percentuale"));
        assert_eq!(it("300"), "la percentuale non può superare 255");
        assert_eq!(it("99999999"), "la percentuale non può superare 255");
        assert_eq!(
            Percent::parse("12,25").unwrap_err().en,
            "write the percentage with one decimal at most, e.g. 12.5"
        );
    }

    #[test]
    fn whole_shares_serialise_as_integers_and_the_others_with_one_decimal() {
        assert_eq!(serde_json::to_string(&Percent::whole(25)).unwrap(), "25");
        assert_eq!(serde_json::to_string(&tenths(125)).unwrap(), "12.5");
        assert_eq!(serde_json::to_string(&tenths(3)).unwrap(), "0.3");
        assert_eq!(serde_jcs::to_string(&tenths(125)).unwrap(), "12.5");
        assert_eq!(serde_jcs::to_string(&Percent::whole(10)).unwrap(), "10");
        // A whole share another program wrote as a float (25.0) is canonicalised as 25, the
        // bytes this app signs: its signature holds either way.
        let float = crate::strict_json::parse("25.0").unwrap();
        assert_eq!(serde_jcs::to_string(&float).unwrap(), "25");
    }

    #[test]
    fn integers_and_exact_tenths_are_read_and_nothing_else() {
        let read = |v: serde_json::Value| serde_json::from_value::<Percent>(v).ok();
        assert_eq!(read(json!(25)), Some(Percent::whole(25)));
        assert_eq!(read(json!(25.0)), Some(Percent::whole(25)));
        assert_eq!(read(json!(12.5)), Some(tenths(125)));
        assert_eq!(read(json!(0.3)), Some(tenths(3)));
        assert_eq!(read(json!(255)), Some(Percent::MAX));
        for bad in [
            json!(12.25),
            json!(-1),
            json!(-0.5),
            json!(-0.0),
            json!(256),
            json!(1e300),
            json!(u64::MAX),
            json!("25"),
            json!(null),
        ] {
            assert_eq!(read(bad.clone()), None, "{bad}");
        }
        assert_eq!(
            serde_json::from_str::<Percent>("12.5").unwrap(),
            tenths(125)
        );
    }

    #[test]
    fn every_share_survives_a_round_trip() {
        for t in 0..=Percent::MAX.tenths() {
            let p = tenths(t);
            let text = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<Percent>(&text).unwrap(), p, "{text}");
            assert_eq!(Percent::parse(&p.to_string()), Ok(p));
            let value = crate::strict_json::parse(&text).unwrap();
            assert_eq!(serde_json::from_value::<Percent>(value).unwrap(), p);
        }
    }
}
