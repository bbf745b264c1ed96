//! Accepting keys by the fingerprints the entes sent: the capofila pastes whatever it has
//! (a list, one per line, or a whole PEC message) and every file waiting for a key whose
//! fingerprint is in it gets its key accepted. Nothing is guessed: only well-formed
//! fingerprints are read ([`crate::signing::fingerprints_in`]), and a file signed with
//! another key than the ente's registered one is never accepted this way, since that is a
//! replacement and needs its own explicit step ([`super::Intake::replace_key`]).

use crate::signing::{fingerprints_in, Outcome, TrustRegistry, VerifiedFile};

/// What a paste of fingerprints did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FingerprintPaste {
    /// Keys accepted, one per ente and key, in the order of the files.
    pub accepted: Vec<PastedKey>,
    /// Files still waiting for a key: their fingerprint was not in the text.
    pub still_waiting: Vec<FileKey>,
    /// Files whose fingerprint was in the text but whose ente has another key registered:
    /// not accepted ("chiave diversa": replace the key, after checking with the ente).
    pub key_mismatch: Vec<FileKey>,
    /// Fingerprints of the text that are already registered (nothing to do).
    pub already_registered: Vec<String>,
    /// Fingerprints of the text that match no file waiting for a key (a typing mistake, or
    /// the file has not arrived yet).
    pub unmatched: Vec<String>,
}

/// A key accepted by a paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastedKey {
    pub ente_id: String,
    pub ente: String,
    pub fingerprint: String,
}

/// A received file and the key that signed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileKey {
    pub name: String,
    pub ente_id: String,
    pub ente: String,
    pub fingerprint: String,
}

/// Accepts into `registry` the key of every file of `waiting` (files waiting for a key)
/// whose fingerprint is in `text`, at `when` with `note`; `mismatched` are the files signed
/// with another key than the ente's, reported, never accepted. Both are (name, verified
/// file). The page and the CLI reach this through [`super::Intake::accept_fingerprints`];
/// the CLI's `trust --fingerprints`, which has no ambito, calls it directly.
pub fn accept_fingerprints<'a>(
    registry: &mut TrustRegistry,
    text: &str,
    waiting: impl IntoIterator<Item = (&'a str, &'a VerifiedFile)>,
    mismatched: impl IntoIterator<Item = (&'a str, &'a VerifiedFile)>,
    when: &str,
    note: &str,
) -> FingerprintPaste {
    let pasted = fingerprints_in(text);
    let mut paste = FingerprintPaste::default();
    let mut matched: Vec<&str> = Vec::new();
    for (name, verified) in waiting {
        let Some((file, key)) = file_key(name, verified) else {
            continue;
        };
        let Some(fp) = pasted.iter().find(|fp| **fp == file.fingerprint) else {
            paste.still_waiting.push(file);
            continue;
        };
        matched.push(fp);
        if registry.accept(&file.ente_id, &file.ente, key, when, note) {
            paste.accepted.push(PastedKey {
                ente_id: file.ente_id,
                ente: file.ente,
                fingerprint: file.fingerprint,
            });
        }
    }
    for (name, verified) in mismatched {
        let Some((file, _)) = file_key(name, verified) else {
            continue;
        };
        if let Some(fp) = pasted.iter().find(|fp| **fp == file.fingerprint) {
            matched.push(fp);
            paste.key_mismatch.push(file);
        }
    }
    for fp in &pasted {
        if matched.contains(&fp.as_str()) {
            continue;
        }
        match registry.find_by_fingerprint(fp) {
            Some(found) if found.key.is_active() => paste.already_registered.push(fp.clone()),
            _ => paste.unmatched.push(fp.clone()),
        }
    }
    paste
}

/// Whether a verified file is signed with another key than the ente's registered one.
pub(super) fn is_key_mismatch(verified: &VerifiedFile) -> bool {
    matches!(verified.outcome, Outcome::KeyMismatch(_))
}

fn file_key<'a>(name: &str, verified: &'a VerifiedFile) -> Option<(FileKey, &'a str)> {
    let submission = verified.submission.as_ref()?;
    let key = verified.public_key.as_deref()?;
    Some((
        FileKey {
            name: name.to_owned(),
            ente_id: submission.ente.id(),
            ente: submission.ente.display_name(),
            fingerprint: verified.fingerprint.clone()?,
        },
        key,
    ))
}
