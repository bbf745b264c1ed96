//! Every text the core produces for people (a table's titles, headers and labels, a kind of
//! work, a verification outcome, a reason, an error) is a [`Bilingual`]: in Italian (the
//! language of the records, the CLI, the exports and the signed aggregate) and in English
//! (for a page shown in English).

use serde::{Serialize, Serializer};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bilingual {
    pub it: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(it: impl Into<String>, en: impl Into<String>) -> Bilingual {
        Bilingual {
            it: it.into(),
            en: en.into(),
        }
    }
}

/// The Italian text: the one of the record.
impl std::fmt::Display for Bilingual {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.it)
    }
}

impl std::error::Error for Bilingual {}

/// Recorded (in the signed aggregate) as its Italian text.
impl Serialize for Bilingual {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.it)
    }
}

/// A message from the core starts in lower case (it often follows a file name); alone, it
/// starts with a capital.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Lower-case ASCII letters and digits, anything else a hyphen: an ambito id from a file
/// name, an element id from a sheet name ("g-h-i Quote" -> "g-h-i-quote").
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// A count the Italian way, with `.` as the thousands separator (1.699, not 1699 or 1,699):
/// the page, the plan document and the CLI write figures alike.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// The day of an RFC 3339 time the Italian way ("2026-11-23T10:00:00Z" -> "23/11/2026"); the
/// text as it is when it does not start with a date.
pub fn day_of(rfc3339: &str) -> String {
    match (rfc3339.get(0..4), rfc3339.get(5..7), rfc3339.get(8..10)) {
        (Some(y), Some(m), Some(d)) if rfc3339.as_bytes().get(4) == Some(&b'-') => {
            format!("{d}/{m}/{y}")
        }
        _ => rfc3339.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{capitalise, count, day_of, slug};

    #[test]
    fn slugs_keep_ascii_letters_and_digits_only() {
        assert_eq!(slug("g-h-i Quote"), "g-h-i-quote");
        assert_eq!(slug("k Assegnate anno prec."), "k-assegnate-anno-prec-");
        assert_eq!(slug("Ambito Città 2"), "ambito-citt--2");
    }

    #[test]
    fn capitalises_the_first_letter_only() {
        assert_eq!(capitalise("frase segreta errata"), "Frase segreta errata");
        assert_eq!(capitalise("è così"), "È così");
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn groups_thousands_with_dots() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1699), "1.699");
        assert_eq!(count(1_000_000), "1.000.000");
        assert_eq!(count(u64::MAX), "18.446.744.073.709.551.615");
    }

    #[test]
    fn a_day_is_written_day_month_year() {
        assert_eq!(day_of("2026-11-23T10:00:00Z"), "23/11/2026");
        assert_eq!(day_of("ieri"), "ieri");
    }
}
