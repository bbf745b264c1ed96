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

/// A date and time the Italian way: "23/11/2026 09:05".
pub fn date_time(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> String {
    format!("{day:02}/{month:02}/{year} {hour:02}:{minute:02}")
}

/// Lower-case ASCII letters and digits, anything else a hyphen: an ambito id from a file
/// name, an element id from a sheet name ("g-h-i Quote" -> "g-h-i-quote").
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
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
    use super::{capitalise, count, date_time, slug};

    #[test]
    fn slugs_keep_ascii_letters_and_digits_only() {
        assert_eq!(slug("g-h-i Quote"), "g-h-i-quote");
        assert_eq!(slug("k Assegnate anno prec."), "k-assegnate-anno-prec-");
        assert_eq!(slug("Ambito Città 2"), "ambito-citt--2");
    }

    #[test]
    fn dates_are_day_month_year_with_a_24_hour_clock() {
        assert_eq!(date_time(2026, 11, 3, 9, 5), "03/11/2026 09:05");
        assert_eq!(date_time(2027, 1, 31, 23, 59), "31/01/2027 23:59");
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
}
