//! Every legal threshold in one place. The rules check against these constants, and every
//! message, label and line of docs/RULES.md that quotes one builds it from the constant with
//! `format!`: a test scans the sources for a percentage written out in a string.

/// g) The share of the assignable units (f) reserved for households in indigenza when the
/// comune sets none ("almeno il 20%"); a comune may only raise it.
/// Art. 23 c.3 l.r. 16/2016; art. 13 r.r. 4/2017.
pub const INDIGENZA_DEFAULT_PERCENT: u8 = 20;

/// i) Cap on the share for Forze di Polizia and Vigili del Fuoco, plans up to 2025.
/// Art. 4 c.3 lett. d bis and art. 7bis r.r. 4/2017, both introduced by r.r. 3/2019.
pub const FORZE_POLIZIA_MAX_PERCENT_2019: u8 = 10;

/// i) Cap on the shares for Forze di Polizia / Vigili del Fuoco / Forze Armate (art. 7bis) and
/// Polizia Locale (art. 7ter) together, from the 2026 plans.
/// Art. 4 c.3 lett. d bis, artt. 7bis and 7ter r.r. 4/2017 as amended by r.r. 2/2025.
pub const POLIZIE_MAX_PERCENT_2025: u8 = 20;

/// Cap on the share for the categories of art. 14, from the 2026 plans ("fino al 20%").
/// Art. 4 c.3 lett. c bis r.r. 4/2017 (r.r. 2/2025); art. 23 c.6 l.r. 16/2016.
pub const CATEGORIE_ART14_MAX_PERCENT: u8 = 20;

/// j) Units for transitional housing, as a share of the SAP stock. Art. 23 c.13
/// l.r. 16/2016; not yet confirmed on the consolidated text, so the rule only warns.
pub const TRANSITORI_MAX_PERCENT_OF_SAP: u8 = 10;

/// A share of the assignable units is at most all of them.
pub const SHARE_MAX_PERCENT: u8 = 100;

/// The first plan year under r.r. 2/2025: the Polizia Locale and art. 14 shares exist and
/// the 20% caps apply.
pub const FIRST_PLAN_YEAR_RR_2_2025: u16 = 2026;

/// The plan year between the two texts: a 2025 plan approved after r.r. 2/2025 came into
/// force may use its shares, which is not settled, so they are warnings for that year.
pub const TRANSITION_PLAN_YEAR_RR_2_2025: u16 = FIRST_PLAN_YEAR_RR_2_2025 - 1;

/// How messages date r.r. 2/2025.
pub const RR_2_2025_PUBLISHED: &str =
    "r.r. 2/2025 (6 marzo 2025, BURL n. 11, suppl. del 10 marzo 2025)";

/// What the form proposes when a share is ticked: values the rules of every plan year
/// accept (a test checks it), for the ente to change.
pub const SUGGESTED_INDIGENZA_PERCENT: u8 = 25;
pub const SUGGESTED_FORZE_POLIZIA_PERCENT: u8 = 10;
pub const SUGGESTED_POLIZIA_LOCALE_PERCENT: u8 = 5;
pub const SUGGESTED_CATEGORIE_ART14_PERCENT: u8 = 10;

/// Comparison with the previous plan: a change of an owner's stock (a) by more than this
/// share of last year's is flagged for a check. Consiglio dell'app, not the law: the stock
/// of public housing moves slowly (sales, demolitions, new buildings of a few units), so a
/// larger change is more often a typing error or units counted differently than a real one.
pub const STOCK_CHANGE_CHECK_PERCENT: u64 = 10;

/// Comparison with the previous plan: the assignable units (f) of an owner are flagged when
/// they change by more than this share of last year's *and* by at least
/// [`ASSIGNABLE_CHANGE_CHECK_MIN_UNITS`]. Consiglio dell'app, not the law: f follows the
/// year's turnover and works, so it moves much more than the stock, and a small comune going
/// from 1 to 2 units is not worth a question; halving or more than doubling, by several units,
/// is.
pub const ASSIGNABLE_CHANGE_CHECK_PERCENT: u64 = 50;

/// See [`ASSIGNABLE_CHANGE_CHECK_PERCENT`]: the smallest change of f, in units, flagged.
pub const ASSIGNABLE_CHANGE_CHECK_MIN_UNITS: u64 = 5;

/// The string literals of Rust `source` that write a percentage out in digits (`10%`,
/// `20 %`), with their line: the tests of the core and of the shell use it to keep every
/// threshold in this module. Comments are skipped, and `{name}%` in a format string is fine.
pub fn percentages_in_literals(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let chars: Vec<char> = source.chars().collect();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => line += 1,
            '/' if at(i + 1) == '/' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if at(i + 1) == '*' => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && at(i + 1) == '/') {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
                i += 2;
                continue;
            }
            // A char literal ('"', '\'', 'x'); a lifetime ('a) has no closing quote.
            '\'' if at(i + 1) == '\\' => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
            }
            '\'' if at(i + 2) == '\'' => i += 2,
            '"' => {
                // A raw string r#"..."# counts the hashes before the quote.
                let mut hashes = 0;
                while i > hashes && chars[i - hashes - 1] == '#' {
                    hashes += 1;
                }
                let raw = i > hashes && chars[i - hashes - 1] == 'r';
                let (start_line, mut text) = (line, String::new());
                i += 1;
                while i < chars.len() {
                    let d = chars[i];
                    if d == '\\' && !raw {
                        text.push(d);
                        text.push(at(i + 1));
                        line += usize::from(at(i + 1) == '\n');
                        i += 2;
                        continue;
                    }
                    if d == '"' && (0..hashes).all(|h| at(i + 1 + h) == '#') {
                        i += hashes;
                        break;
                    }
                    line += usize::from(d == '\n');
                    text.push(d);
                    i += 1;
                }
                if writes_a_percentage(&text) {
                    found.push((start_line, text));
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Digits followed by `%`, perhaps after one space (`10%`, `10 %`, `10\u{a0}%`).
fn writes_a_percentage(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        c == '%'
            && match i.checked_sub(1).map(|j| chars[j]) {
                Some(d) if d.is_ascii_digit() => true,
                Some(' ' | '\u{a0}') => i >= 2 && chars[i - 2].is_ascii_digit(),
                _ => false,
            }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_written_out_in_strings_are_found_and_placeholders_are_not() {
        let source = r####"
            // "10%" in a comment is fine
            /* and "20%" here */
            let a = format!("fino al {MAX}% e {}%", x);
            let b = "oltre il 20%";
            let c = '"'; let d = "10 %"; let e: &'static str = "5\u{a0}%";
            let f = r#"raw "30%" string"#;
            let g = "100";
        "####;
        let found: Vec<usize> = percentages_in_literals(source)
            .into_iter()
            .map(|(line, _)| line)
            .collect();
        assert_eq!(found, [5, 6, 7]);
    }

    #[test]
    fn every_source_of_rules_and_quotas_quotes_thresholds_from_here() {
        for (name, source) in [
            ("rules/catalog.rs", include_str!("rules/catalog.rs")),
            ("rules/sets.rs", include_str!("rules/sets.rs")),
            ("rules/choices.rs", include_str!("rules/choices.rs")),
            (
                "rules/plausibility.rs",
                include_str!("rules/plausibility.rs"),
            ),
            ("rules/mod.rs", include_str!("rules/mod.rs")),
            ("quota.rs", include_str!("quota.rs")),
            ("sections.rs", include_str!("sections.rs")),
            ("submission.rs", include_str!("submission.rs")),
            ("previous_plan.rs", include_str!("previous_plan.rs")),
            ("comparison.rs", include_str!("comparison.rs")),
            ("document/compare.rs", include_str!("document/compare.rs")),
            ("plan_texts.rs", include_str!("plan_texts.rs")),
        ] {
            let found = percentages_in_literals(source);
            assert!(
                found.is_empty(),
                "{name} writes a percentage out instead of taking it from thresholds.rs: {found:?}"
            );
        }
    }
}
