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

/// Kept in the core, so the page and the CLI spell ids and messages the same way.
pub use offerta_core::text::{capitalise, slug};

#[cfg(test)]
mod tests {
    use super::{count, date_time};

    #[test]
    fn dates_are_day_month_year_with_a_24_hour_clock() {
        assert_eq!(date_time(2026, 11, 3, 9, 5), "03/11/2026 09:05");
        assert_eq!(date_time(2027, 1, 31, 23, 59), "31/01/2027 23:59");
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
