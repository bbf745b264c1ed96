//! What the commands take in besides their arguments, read through [`crate::files`]: a key
//! registry, a key file, an ambito, a received file as the page receives it, the
//! passphrase and the clock.

use std::io::BufRead;
use std::path::Path;
use std::rc::Rc;
use std::time::{SystemTime, UNIX_EPOCH};

use offerta_core::ambiti;
use offerta_core::intake::{self, CheckedFile, FileCheck};
use offerta_core::signing::cades::RevocationList;
use offerta_core::signing::qualified::TrustAnchor;
use offerta_core::signing::{rfc3339_utc, KeyFile, TrustRegistry};

use crate::files::{read_bounded, read_text};

/// The capofila's (or the ente's) clock, as an RFC 3339 time: the core reads no clock.
pub fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339_utc(secs)
}

/// The passphrase of a key file: from OFFERTA_PASSPHRASE, or one line of standard input.
pub fn passphrase() -> Result<String, String> {
    if let Ok(p) = std::env::var("OFFERTA_PASSPHRASE") {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("impossibile leggere la frase segreta: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// The capofila's key registry at `path`.
pub fn read_registry(path: &Path) -> Result<TrustRegistry, String> {
    TrustRegistry::from_json(&read_text(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

/// The key file at `path`, still locked.
pub fn read_key_file(path: &Path) -> Result<KeyFile, String> {
    KeyFile::from_json(&read_text(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

/// A preset's id, or a file read the way the page reads it (`ambiti::import_file`).
pub fn load_ambito(spec: &str) -> Result<ambiti::Ambito, String> {
    if let Some(preset) = ambiti::preset(spec) {
        return Ok(preset);
    }
    ambiti::import_file(spec, &read_text(Path::new(spec))?).map_err(|e| format!("{spec}: {e}"))
}

/// The name a received file goes by in the intake (as the page names a dropped file).
pub fn received_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads one received file the way the page does: a file too large to be a submission is
/// refused unread; a file that cannot be read at all is an error, not a verdict.
pub fn receive(path: &Path, registry: &Rc<TrustRegistry>) -> Result<CheckedFile, String> {
    receive_with(path, registry, (&Rc::default(), &Rc::default()), None)
}

/// [`receive`], a `.p7m` verified against the trust anchors and the revocation lists at
/// `now` (the CLI's clock).
pub fn receive_with(
    path: &Path,
    registry: &Rc<TrustRegistry>,
    (anchors, lists): (&Rc<Vec<TrustAnchor>>, &Rc<Vec<RevocationList>>),
    now: Option<&str>,
) -> Result<CheckedFile, String> {
    read_received(path, |name, bytes| {
        CheckedFile::check_with_trust(name, bytes, registry, anchors, lists, now)
    })
}

/// A file received into an intake, checked as the page's drop checks it ([`FileCheck`]: the
/// intake takes the verdict without verifying the file again).
pub fn receive_for(path: &Path, check: &FileCheck) -> Result<CheckedFile, String> {
    read_received(path, |name, bytes| check.check(name, bytes))
}

/// The file at `path` named as the page names a dropped file, read within
/// [`intake::MAX_FILE_BYTES`] and given to `check`; a larger one refused unread.
fn read_received(
    path: &Path,
    check: impl FnOnce(String, Vec<u8>) -> CheckedFile,
) -> Result<CheckedFile, String> {
    let name = received_name(path);
    Ok(match read_bounded(path, intake::MAX_FILE_BYTES)? {
        Ok(bytes) => check(name, bytes),
        Err(size) => CheckedFile::too_large(name, size),
    })
}
