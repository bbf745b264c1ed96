//! Presentation of figures the Italian way (1.699, not 1699 or 1,699).

/// A date and time the Italian way: "23/11/2026 09:05".
pub fn date_time(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> String {
    format!("{day:02}/{month:02}/{year} {hour:02}:{minute:02}")
}

/// Kept in the core, so the page and the CLI spell ids and messages the same way.
pub use offerta_core::text::{capitalise, count, slug};

#[cfg(test)]
mod tests {
    use super::date_time;

    #[test]
    fn dates_are_day_month_year_with_a_24_hour_clock() {
        assert_eq!(date_time(2026, 11, 3, 9, 5), "03/11/2026 09:05");
        assert_eq!(date_time(2027, 1, 31, 23, 59), "31/01/2027 23:59");
    }
}
