//! A count of housing units as a clerk types it: "1200", "1.200" (the Italian thousands
//! separator), " 42 ". Anything else is refused with the reason in plain words, so the form
//! can keep the text as typed and say what to change instead of silently dropping characters.

use crate::text::Bilingual;

/// The largest count a field takes: far above any stock in Lombardy (ALER Milano manages
/// about 70,000 units), low enough that sums over a whole province never overflow.
pub const MAX_COUNT: u32 = 9_999_999;

/// What a clerk types in a count field. An empty field is 0 (the clerk deleted the figure to
/// type another). Dots (or spaces) group thousands only when every group after the first has
/// three digits: "1.200" is 1200, "1.5" is refused (a decimal, not a count).
pub fn parse_count(text: &str) -> Result<u32, Bilingual> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    if t.starts_with('-') || t.starts_with('\u{2212}') {
        return Err(Bilingual::new(
            "non può essere negativo: scrivere 0 o un numero di unità",
            "it cannot be negative: write 0 or a number of units",
        ));
    }
    if t.contains(',') {
        return Err(Bilingual::new(
            "scrivere un numero intero senza virgola (le unità non hanno decimali)",
            "write a whole number without a decimal comma (units have no decimals)",
        ));
    }
    let groups: Vec<&str> = t.split(['.', ' ', '\u{a0}', '\u{202f}']).collect();
    let in_digits = groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    if !in_digits {
        return Err(Bilingual::new(
            "scrivere il numero solo in cifre, es. 1.200 (controllare lettere come la «O» al posto dello zero)",
            "write the number in digits only, e.g. 1200 (check for letters such as «O» instead of zero)",
        ));
    }
    let grouped_right = groups.len() == 1
        || (matches!(groups[0].len(), 1..=3) && groups[1..].iter().all(|g| g.len() == 3));
    if !grouped_right {
        return Err(Bilingual::new(
            "scrivere un numero intero senza virgola né decimali, es. 1200 o 1.200",
            "write a whole number without decimals, e.g. 1200",
        ));
    }
    let digits: String = groups.concat();
    match digits.parse::<u64>() {
        Ok(n) if n <= u64::from(MAX_COUNT) => Ok(n as u32),
        _ => Err(Bilingual::new(
            format!(
                "il numero è troppo grande (al massimo {})",
                crate::text::count(u64::from(MAX_COUNT))
            ),
            format!("the number is too large (at most {MAX_COUNT})"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_and_italian_grouped_counts() {
        assert_eq!(parse_count("1200"), Ok(1200));
        assert_eq!(parse_count("1.200"), Ok(1200));
        assert_eq!(parse_count("1.200.000"), Ok(1_200_000));
        assert_eq!(parse_count(" 42 "), Ok(42));
        assert_eq!(parse_count("1 200"), Ok(1200));
        assert_eq!(parse_count(""), Ok(0));
        assert_eq!(parse_count("0"), Ok(0));
    }

    #[test]
    fn says_why_a_text_is_not_a_count() {
        let why = |t: &str| parse_count(t).unwrap_err().it;
        assert!(
            why("-42").contains("non può essere negativo"),
            "{}",
            why("-42")
        );
        assert!(why("1,5").contains("senza virgola"), "{}", why("1,5"));
        assert!(why("1,").contains("senza virgola"));
        assert!(why("4O").contains("solo in cifre"), "{}", why("4O"));
        // A dot that does not group thousands is a decimal point.
        assert!(why("1.5").contains("senza virgola né decimali"));
        assert!(why("12.00").contains("senza virgola né decimali"));
        assert!(why("1234.567").contains("senza virgola né decimali"));
        assert!(why("1.").contains("senza virgola né decimali"));
        assert!(
            why("99999999").contains("troppo grande"),
            "{}",
            why("99999999")
        );
        assert!(why("18446744073709551616").contains("troppo grande"));
    }
}
