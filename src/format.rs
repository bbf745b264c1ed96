//! Presentation of figures the Italian way (1.699, not 1699 or 1,699).

/// A count with `.` as the thousands separator.
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

/// A message from the core starts in lower case (it often follows a file name); alone, it
/// starts with a capital.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{capitalise, count};

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
}
