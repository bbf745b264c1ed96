//! `offerta verify`: one line per signed file (path, outcome code, message), and whether
//! every one is good. A file signed with the app's key is verified against the registry; a
//! `.p7m` (firma digitale CAdES) against the trust anchors given with `--ca`, and the
//! submission inside it read and checked like any received file's.

use std::path::{Path, PathBuf};

use offerta_core::signing::cades::{self, revocation, CadesError, CrlError, RevocationList};
use offerta_core::signing::qualified::TrustAnchor;
use offerta_core::signing::{Outcome, TrustRegistry};
use offerta_core::{ambiti, intake, reader, text, validate};

use crate::files::read_bounded;
use crate::inputs::{now, read_registry, receive, received_name};

mod trusted_list;

/// Every file is read before any verdict: one that cannot be read stops the command
/// (exit 2), it is not judged as empty bytes. Without a registry a key not yet registered
/// is not an error.
pub fn run(
    registry: Option<PathBuf>,
    ca: Vec<PathBuf>,
    trusted_list: Option<PathBuf>,
    crl: Vec<PathBuf>,
    files: Vec<PathBuf>,
) -> Result<bool, String> {
    let anchors = anchors_of(&ca, trusted_list.as_deref())?;
    let lists = lists_of(&crl, &anchors)?;
    let strict = registry.is_some();
    let registry = match registry {
        Some(path) => read_registry(&path)?,
        None => TrustRegistry::default(),
    };
    let registry = std::rc::Rc::new(registry);
    let now = now();
    let mut all_good = true;
    let mut lines = Vec::new();
    for path in &files {
        let shown = text::visible(&path.display().to_string());
        let bytes = read_bounded(path, intake::MAX_FILE_BYTES)?;
        let p7m = match &bytes {
            Ok(b) if cades::looks_like_p7m(b) => Some(b),
            _ => None,
        };
        if let Some(bytes) = p7m {
            let (good, code, message) = qualified_line(bytes, &anchors, &lists, &now);
            all_good &= good;
            lines.push(format!("{shown}\t{code}\t{message}"));
            continue;
        }
        let file = receive(path, &registry)?;
        let v = &file.verified;
        let good = match v.outcome {
            Outcome::Trusted => true,
            Outcome::UnknownKey => !strict,
            _ => false,
        };
        let mut message = v.outcome.message().it;
        if let Some(fp) = &v.fingerprint {
            message.push_str(&format!(" Impronta: {fp}."));
        }
        all_good &= good;
        lines.push(format!("{shown}\t{}\t{message}", v.outcome.code()));
    }
    for line in lines {
        say!("{line}");
    }
    Ok(all_good)
}

/// The trust anchors a `.p7m`'s chain must reach: the trusted list's (`--trusted-list`,
/// read and told before any file) and those given with `--ca`. What `verify`, `aggregate`
/// and `trust --accept-signer` take alike.
pub fn anchors_of(ca: &[PathBuf], trusted_list: Option<&Path>) -> Result<Vec<TrustAnchor>, String> {
    let mut anchors: Vec<TrustAnchor> = match trusted_list {
        Some(path) => trusted_list::load(path, &now())?
            .signature_anchors()
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    anchors.extend(read_anchors(ca)?);
    Ok(anchors)
}

/// The revocation lists of `--crl` (DER or PEM), each told on standard error as the page's
/// panel shows it (issuer, dates, how many revoked, whether used); one that cannot be read
/// stops the command.
pub fn lists_of(paths: &[PathBuf], anchors: &[TrustAnchor]) -> Result<Vec<RevocationList>, String> {
    let lists = paths
        .iter()
        .map(|path| {
            let bytes = read_bounded(path, revocation::MAX_CRL_BYTES as u64)?.map_err(|size| {
                format!(
                    "{}: lista di revoca rifiutata: {}",
                    path.display(),
                    CrlError::TooLarge(size as usize)
                )
            })?;
            cades::read_crl(&bytes, &received_name(path))
                .map_err(|e| format!("{}: lista di revoca rifiutata: {e}", path.display()))
        })
        .collect::<Result<Vec<_>, String>>()?;
    for (path, summary) in paths
        .iter()
        .zip(revocation::summaries(&lists, anchors, &now()))
    {
        tell!(
            "{}: lista di revoca di {}",
            path.display(),
            summary.described().it
        );
    }
    Ok(lists)
}

/// The trust anchors of `--ca` (PEM or DER certificates).
fn read_anchors(paths: &[PathBuf]) -> Result<Vec<TrustAnchor>, String> {
    paths
        .iter()
        .map(|path| {
            let bytes = read_bounded(path, intake::MAX_FILE_BYTES)?
                .map_err(|size| format!("{}: file troppo grande ({size} byte)", path.display()))?;
            cades::anchor_from_file(&bytes, &received_name(path))
                .map_err(|e| format!("{}: non è un certificato leggibile ({e})", path.display()))
        })
        .collect()
}

/// A `.p7m`'s line: whether it is good, its code and its message (who signed, with which
/// certificate, and what the submission inside says).
fn qualified_line(
    bytes: &[u8],
    anchors: &[TrustAnchor],
    lists: &[RevocationList],
    now: &str,
) -> (bool, &'static str, String) {
    let signature = match cades::verify_p7m_with_lists(bytes, anchors, lists, now) {
        Ok(signature) => signature,
        Err(error) => return (false, error.code(), refused(bytes, &error)),
    };
    let signed_by = signature.described().it;
    let content = std::str::from_utf8(&signature.content)
        .map_err(|_| "il contenuto firmato non è testo".to_owned())
        .and_then(|text| {
            let mut value = reader::parse_strict(text.trim_start_matches('\u{feff}'))
                .map_err(|e| e.to_string())?;
            // The firma digitale is what counts; an app signature inside is not checked again.
            if let Some(o) = value.as_object_mut() {
                o.remove("proof");
            }
            reader::from_value(value).map_err(|e| e.to_string())
        });
    let submission = match content {
        Ok(submission) => submission,
        Err(e) => {
            return (
                false,
                "p7m-contenuto-illeggibile",
                format!("{signed_by}. Ma la scheda firmata è illeggibile: {e}."),
            )
        }
    };
    let ambito = ambiti::preset(&submission.ambito);
    let errors: Vec<String> = validate(&submission, ambito.as_ref())
        .errors()
        .map(|f| format!("[{}] {}: {}", f.rule, f.field, f.message.it))
        .collect();
    let about = format!(
        "{}, scheda del piano {}",
        submission.ente.display_name(),
        submission.anno_piano
    );
    if errors.is_empty() {
        (
            true,
            "firma-digitale-valida",
            format!("{signed_by}. {about}: nessun errore."),
        )
    } else {
        (
            false,
            "p7m-scheda-con-errori",
            format!(
                "{signed_by}. {about}: {} errori: {}.",
                errors.len(),
                errors.join("; ")
            ),
        )
    }
}

/// A refused `.p7m`'s message, with whose signature it claims to carry when that can be read.
fn refused(bytes: &[u8], error: &CadesError) -> String {
    let message = error.message().italian();
    let claimed = cades::signers_named(bytes)
        .ok()
        .and_then(|s| s.into_iter().next());
    match claimed {
        Some(signer) if !signer.nome_cognome.is_empty() => format!(
            "Firma digitale di {} NON accettata: {message}.",
            signer.nome_cognome
        ),
        _ => format!("{}.", text::capitalise(&message)),
    }
}
