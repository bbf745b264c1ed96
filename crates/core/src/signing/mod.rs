//! Signed submission files: W3C Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite,
//! passphrase-protected key files, the capofila's trust registry and the verification of a
//! received file. docs/FORMAT.md describes all of it for implementers in other languages.

pub mod keyfile;
pub mod multikey;
pub mod proof;
pub mod trust;
pub mod verify;

pub use ed25519_dalek::SigningKey;
pub use keyfile::{KeyFile, KeyFileError};
pub use proof::{sign_document, verify_document, ProofError};
pub use trust::{KeyStatus, TrustRegistry};
pub use verify::{sign_submission, verify_file, Outcome, VerifiedFile};

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
