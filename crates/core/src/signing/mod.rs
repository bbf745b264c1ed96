//! Signed submission files: W3C Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite,
//! passphrase-protected key files, the capofila's trust registry and the verification of a
//! received file. docs/FORMAT.md describes all of it for implementers in other languages.

pub mod cades;
pub mod content;
pub mod demo_keys;
pub mod kept_trusted_list;
pub mod keyfile;
pub mod multikey;
pub mod proof;
pub mod qualified;
pub mod trust;
pub mod trusted_list;
pub mod verify;

pub use ed25519_dalek::SigningKey;
pub use keyfile::{KeyFile, KeyFileError};
pub use proof::{sign_document, verify_document, ProofError};
pub use trust::{check_retirement, KeyStatus, Retirement, RetirementKind, TrustRegistry};
pub use verify::{sign_submission, verified_p7m, verify_file, Outcome, VerifiedFile};

use sha2::{Digest, Sha256};

/// A short, human-readable fingerprint of a public key, to be read out or sent by PEC and
/// compared by the capofila: the first 80 bits of SHA-256 of the multibase key, as five
/// groups of four hex digits (e.g. `3F2A-91BC-07DE-5A10-C4B2`).
pub fn fingerprint(public_key_multibase: &str) -> String {
    let digest = Sha256::digest(public_key_multibase.as_bytes());
    digest[..10]
        .chunks(2)
        .map(|pair| format!("{:02X}{:02X}", pair[0], pair[1]))
        .collect::<Vec<_>>()
        .join("-")
}

/// The fingerprints written in `text`, whatever it is: one per line, or a whole PEC message
/// with fingerprints among its words. A fingerprint is five groups of four hex digits,
/// separated by hyphens or spaces, in upper or lower case; it comes back in the form
/// [`fingerprint`] writes, each once, in the order found. Only well-formed ones count: a
/// group glued to other letters or digits, or six groups joined by hyphens, is something
/// else (a longer code), so nothing is guessed out of a mistyped fingerprint. Where groups
/// separated by spaces run on (a year written just before or after a fingerprint), every
/// reading of five of them is returned; see [`fingerprint_readings`].
pub fn fingerprints_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for reading in fingerprint_readings(text).into_iter().flatten() {
        if !found.contains(&reading) {
            found.push(reading);
        }
    }
    found
}

/// Each place of `text` that reads as a fingerprint, with its readings: one, or several
/// when more than five groups follow each other separated by spaces ("2026 A1B2 C3D4 E5F6
/// 0718 293A" reads both from 2026 and from A1B2). A reader that finds one reading it
/// knows need not report the others of the same place.
pub fn fingerprint_readings(text: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut places = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_a_word = i == 0
            || !(chars[i - 1].is_alphanumeric()
                || (chars[i - 1] == '-' && i >= 2 && chars[i - 2].is_alphanumeric()));
        let Some((chunks, end)) = starts_a_word.then(|| hex_groups_at(&chars, i)).flatten() else {
            i += 1;
            continue;
        };
        // Hyphens bind groups: a reading is made of whole hyphenated chunks, five groups in all.
        let mut readings = Vec::new();
        for first in 0..chunks.len() {
            let mut groups: Vec<&str> = Vec::new();
            for chunk in &chunks[first..] {
                groups.extend(chunk.iter().map(String::as_str));
                if groups.len() >= 5 {
                    break;
                }
            }
            if groups.len() == 5 {
                readings.push(groups.join("-"));
            }
        }
        if !readings.is_empty() {
            places.push(readings);
        }
        i = end;
    }
    places
}

/// The one fingerprint `text` is (e.g. typed or pasted in a field), in the form
/// [`fingerprint`] writes; `None` unless the whole text is one well-formed fingerprint.
pub fn parse_fingerprint(text: &str) -> Option<String> {
    let chars: Vec<char> = text.trim().chars().collect();
    match hex_groups_at(&chars, 0) {
        Some((chunks, end))
            if end == chars.len() && chunks.iter().map(Vec::len).sum::<usize>() == 5 =>
        {
            Some(chunks.concat().join("-"))
        }
        _ => None,
    }
}

/// The groups of four hex digits starting at `chars[start]`, upper-cased, as chunks joined
/// by hyphens (chunks are separated by spaces), and where they end; `None` if there is no
/// group there or the groups are glued to something else.
fn hex_groups_at(chars: &[char], start: usize) -> Option<(Vec<Vec<String>>, usize)> {
    let group_at = |i: usize| -> Option<String> {
        let group = chars.get(i..i + 4)?;
        let glued = chars.get(i + 4).is_some_and(|c| c.is_alphanumeric());
        (group.iter().all(char::is_ascii_hexdigit) && !glued)
            .then(|| group.iter().collect::<String>().to_ascii_uppercase())
    };
    let mut chunks = vec![vec![group_at(start)?]];
    let mut i = start + 4;
    loop {
        match chars.get(i) {
            Some('-') => match group_at(i + 1) {
                Some(group) => {
                    chunks.last_mut().expect("never empty").push(group);
                    i += 5;
                }
                // A hyphen going on into letters or digits: a longer code, not ours.
                None if chars.get(i + 1).is_some_and(|c| c.is_alphanumeric()) => return None,
                None => break,
            },
            Some(' ' | '\t') => {
                let mut next = i;
                while matches!(chars.get(next), Some(' ' | '\t')) {
                    next += 1;
                }
                // Not preceded by a word character: a new word, which may be a group.
                match group_at(next) {
                    Some(group) => {
                        chunks.push(vec![group]);
                        i = next + 4;
                    }
                    None => break,
                }
            }
            _ => break,
        }
    }
    Some((chunks, i))
}

/// An RFC 3339 moment (`2026-12-01T10:00:00Z`, `2026-12-01T11:00:00+01:00`, with or without
/// fractions of a second) as seconds since the Unix epoch and nanoseconds: times written
/// with different offsets or precision compare correctly. `None` if it is not one.
pub fn rfc3339_instant(text: &str) -> Option<(i64, u32)> {
    let b = text.as_bytes();
    let number = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| std::str::from_utf8(digits).ok()?.parse().ok())
            .flatten()
    };
    let separator = |at: usize, expected: &[u8]| b.get(at).is_some_and(|c| expected.contains(c));
    let (year, month, day) = (number(0, 4)?, number(5, 2)?, number(8, 2)?);
    let (hour, minute, second) = (number(11, 2)?, number(14, 2)?, number(17, 2)?);
    if !(separator(4, b"-")
        && separator(7, b"-")
        && separator(10, b"Tt ")
        && separator(13, b":")
        && separator(16, b":"))
    {
        return None;
    }
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut nanos: u32 = 0;
    if b.get(i) == Some(&b'.') {
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        for (n, c) in b[i + 1..i + 1 + digits].iter().enumerate().take(9) {
            nanos += u32::from(c - b'0') * 10u32.pow(8 - n as u32);
        }
        i += 1 + digits;
    }
    let offset_seconds = match b.get(i) {
        Some(b'Z' | b'z') if b.len() == i + 1 => 0,
        Some(sign @ (b'+' | b'-')) if b.len() == i + 6 && separator(i + 3, b":") => {
            let (h, m) = (number(i + 1, 2)?, number(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let offset = h * 3600 + m * 60;
            if *sign == b'+' {
                offset
            } else {
                -offset
            }
        }
        _ => return None,
    };
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_seconds;
    Some((seconds, nanos))
}

/// A day (`2026-12-01`, taken as its start, UTC) or an RFC 3339 moment, as a moment: what a
/// capofila types for "revoked from". Refused with the reason if it is neither.
pub fn parse_moment(text: &str) -> Result<String, crate::text::Bilingual> {
    let text = text.trim();
    let at_midnight = format!("{text}T00:00:00Z");
    if text.len() == 10 && rfc3339_instant(&at_midnight).is_some() {
        return Ok(at_midnight);
    }
    if rfc3339_instant(text).is_some() {
        return Ok(text.to_owned());
    }
    Err(crate::text::Bilingual::new(
        format!("«{text}» non è una data: scriverla come anno-mese-giorno, per esempio 2026-12-01"),
        format!("«{text}» is not a date: write it as year-month-day, for example 2026-12-01"),
    ))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm, the inverse of the one
/// in [`rfc3339_utc`]).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// SHA-256 of a file's bytes in hex: printed on the receipt so the protocol office can tell
/// the file it registered from any other.
pub fn file_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Current time as RFC 3339 UTC (`2026-11-23T10:15:00Z`), from seconds since the Unix epoch.
/// The core does not read clocks itself (the browser and the CLI each pass theirs in).
pub fn rfc3339_utc(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm), valid for all dates after 1970.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_short_stable_and_distinct() {
        let a = fingerprint("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
        assert_eq!(a.len(), 24);
        assert_eq!(
            a,
            fingerprint("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
        );
        assert_ne!(
            a,
            fingerprint("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ3")
        );
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    }

    #[test]
    fn fingerprints_are_found_among_words_in_any_case_with_hyphens_or_spaces() {
        let pec = "Gentili, l'impronta della nostra chiave è 7bf8-a408-2685-fb6c-cf01.\n\
                   Quella dell'ALER: A1B2 C3D4 E5F6 0718 293A (anno 2026).\n\
                   Di nuovo: 7BF8-A408-2685-FB6C-CF01\n\
                   Protocollo 1234-5678-9ABC-DEF0-1234-5678, codice X1B2-C3D4-E5F6-0718-293A,\n\
                   corta 1234-5678-9ABC-DEF0, lunga 1234-5678-9ABC-DEF0-12345, \
                   incollata 1234-5678-9ABC-DEF0-1234AB.";
        assert_eq!(
            fingerprints_in(pec),
            ["7BF8-A408-2685-FB6C-CF01", "A1B2-C3D4-E5F6-0718-293A"]
        );
        assert_eq!(
            fingerprints_in("nessuna impronta qui"),
            Vec::<String>::new()
        );
        let real = fingerprint("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
        assert_eq!(fingerprints_in(&format!("impronta: {real}")), [real]);
        assert_eq!(
            fingerprints_in("7bf8 a408-2685 fb6c\tcf01"),
            ["7BF8-A408-2685-FB6C-CF01"],
            "hyphens and spaces mixed"
        );
    }

    #[test]
    fn groups_running_on_with_spaces_give_every_reading_and_hyphens_bind() {
        assert_eq!(
            fingerprint_readings("anno 2026 A1B2 C3D4 E5F6 0718 293A."),
            [["2026-A1B2-C3D4-E5F6-0718", "A1B2-C3D4-E5F6-0718-293A"]]
        );
        assert_eq!(
            fingerprint_readings("A1B2-C3D4-E5F6-0718-293A 2026"),
            [["A1B2-C3D4-E5F6-0718-293A"]],
            "a year after a hyphenated fingerprint is not part of it"
        );
        assert_eq!(
            fingerprint_readings("1: A1B2-C3D4-E5F6-0718-293A\n2: 7bf8 a408 2685 fb6c cf01\n"),
            [["A1B2-C3D4-E5F6-0718-293A"], ["7BF8-A408-2685-FB6C-CF01"]],
            "one per line"
        );
        assert_eq!(
            parse_fingerprint(" a1b2 c3d4-e5f6-0718-293a "),
            Some("A1B2-C3D4-E5F6-0718-293A".to_owned())
        );
        assert_eq!(parse_fingerprint("A1B2-C3D4-E5F6-0718"), None);
        assert_eq!(parse_fingerprint("A1B2-C3D4-E5F6-0718-293A-FFFF"), None);
        assert_eq!(
            parse_fingerprint("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"),
            None
        );
    }

    #[test]
    fn moments_compare_across_offsets_and_days_read_as_their_start() {
        let utc = rfc3339_instant("2026-12-01T10:00:00Z").unwrap();
        assert_eq!(utc, rfc3339_instant("2026-12-01T11:00:00+01:00").unwrap());
        assert_eq!(utc.0, 1_796_119_200);
        assert!(rfc3339_instant("2026-12-01T10:00:00.5Z").unwrap() > utc);
        assert_eq!(
            rfc3339_instant(&rfc3339_utc(951_782_400)),
            Some((951_782_400, 0))
        );
        for bad in [
            "2026-13-01T10:00:00Z",
            "2026-02-30T10:00:00Z",
            "2026-12-01",
            "2026-12-01T10:00:00",
            "01/12/2026",
            "ieri",
            "",
        ] {
            assert_eq!(rfc3339_instant(bad), None, "{bad}");
        }
        assert_eq!(parse_moment("2026-12-01").unwrap(), "2026-12-01T00:00:00Z");
        assert_eq!(
            parse_moment("2026-12-01T10:00:00+01:00").unwrap(),
            "2026-12-01T10:00:00+01:00"
        );
        let err = parse_moment("01/12/2026").unwrap_err();
        assert!(err.it.contains("per esempio 2026-12-01"), "{err}");
        assert!(err.en.contains("for example 2026-12-01"), "{}", err.en);
    }

    #[test]
    fn file_hash_is_hex_sha256() {
        assert_eq!(
            file_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn formats_utc_timestamps() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(1_677_282_998), "2023-02-24T23:56:38Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(1_795_398_900), "2026-11-23T01:55:00Z");
    }
}
