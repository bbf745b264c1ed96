//! `offerta verify-request`: one line per request file (path, `valida` or `rifiutata`, the
//! message), and whether every one is valid. A request signed with a firma digitale
//! (`….json.p7m`) is read by the same core as the page's (`request::read_request_p7m`):
//! its signer named, its certificate not checked against a trusted list, never compared
//! with the capofila's known key (docs/SECURITY.md).

use std::path::{Path, PathBuf};

use offerta_core::request::{read_request, read_request_p7m, KeyStanding, QualifiedRequest};
use offerta_core::signing::cades::looks_like_p7m;
use offerta_core::text::{self, Message};

use crate::files::read_input;
use crate::inputs;

/// The capofila's known key comes from an earlier request of the same capofila (what a
/// comune keeps); every file is read before any verdict, and one that cannot be read stops
/// the command (exit 2).
pub fn run(capofila_key: Option<PathBuf>, files: Vec<PathBuf>) -> Result<bool, String> {
    let known = match &capofila_key {
        Some(path) => Some(known_key(path)?),
        None => None,
    };
    let received = files
        .iter()
        .map(|path| read_input(path))
        .collect::<Result<Vec<_>, _>>()?;
    let mut all_good = true;
    for (path, bytes) in files.iter().zip(&received) {
        let (code, message) = match valid_request_line(bytes, known.as_deref()) {
            Ok(line) => ("valida", line),
            Err(e) => {
                all_good = false;
                ("rifiutata", e.italian())
            }
        };
        say!(
            "{}\t{code}\t{message}",
            text::visible(&path.display().to_string())
        );
    }
    Ok(all_good)
}

/// What a request file says once read, in one line, or why it is refused: signed with a
/// firma digitale or in the app (then compared with the `known` key, if any).
fn valid_request_line(bytes: &[u8], known: Option<&str>) -> Result<String, Message> {
    if looks_like_p7m(bytes) {
        return read_request_p7m(bytes, &[], &inputs::now()).map(|q| digitally_signed_line(&q));
    }
    let v = read_request(bytes, known)?;
    Ok(format!(
        "Richiesta valida del {} per il piano {}, {}; scadenza {}; impronta {}. {} {}",
        text::visible(&v.request.capofila.nome),
        v.request.anno_piano,
        text::visible(&v.request.ambito.nome),
        text::day_of(&v.request.scadenza),
        v.fingerprint,
        v.owners_line().it,
        // Without the key of an earlier request the fingerprint is the only check left:
        // the clerk compares it with the capofila's PEC.
        v.key_note(if known.is_some() {
            KeyStanding::Known
        } else {
            KeyStanding::First
        })
        .it
    ))
}

/// What a valid request signed with a firma digitale says, in one line.
fn digitally_signed_line(q: &QualifiedRequest) -> String {
    format!(
        "Richiesta valida del {} per il piano {}, {}; scadenza {}. {} {}",
        text::visible(&q.request.capofila.nome),
        q.request.anno_piano,
        text::visible(&q.request.ambito.nome),
        text::day_of(&q.request.scadenza),
        q.request.owners_line().it,
        q.signer_note().it
    )
}

/// The capofila's key, from an earlier request of it that is valid on its own.
fn known_key(path: &Path) -> Result<String, String> {
    let earlier = read_request(&read_input(path)?, None).map_err(|e| {
        format!(
            "{}: non è una richiesta valida del capofila da cui prendere la chiave ({})",
            path.display(),
            e.italian()
        )
    })?;
    Ok(earlier.public_key)
}
