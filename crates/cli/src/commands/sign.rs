//! `offerta sign`: signs a submission with the ente's key file, once its checks allow it.

use std::path::{Path, PathBuf};

use offerta_core::signing::sign_submission;
use offerta_core::{ambiti, reader, validate};

use crate::files::{read_text, write_text, Outputs};
use crate::inputs::{now, passphrase, read_key_file};

/// Refused before the passphrase is asked when the submission still has open problems or
/// belongs to another ente than the key.
pub fn run(
    key: PathBuf,
    out: Option<PathBuf>,
    file: PathBuf,
    overwrite: bool,
) -> Result<(), String> {
    let key_file = read_key_file(&key)?;
    let submission = reader::read_submission(&read_text(&file)?)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let ambito = ambiti::preset(&submission.ambito);
    let report = validate(&submission, ambito.as_ref());
    if !report.can_sign() {
        let problems: Vec<String> = report
            .open()
            .map(|f| {
                format!(
                    "  {} [{}] {}: {}",
                    f.severity.label().it,
                    f.rule,
                    f.field,
                    f.message.it
                )
            })
            .collect();
        return Err(format!(
            "{}: la scheda non si può firmare finché restano questi problemi:\n{}",
            file.display(),
            problems.join("\n")
        ));
    }
    if key_file.ente_id != submission.ente.id() {
        return Err(format!(
            "la chiave è di «{}» ({}), la scheda di «{}» ({}): usare la chiave dell'ente",
            key_file.ente,
            key_file.ente_id,
            submission.ente.display_name(),
            submission.ente.id()
        ));
    }
    let out = out.unwrap_or_else(|| {
        file.parent()
            .unwrap_or(Path::new("."))
            .join(submission.file_name(true))
    });
    Outputs::new(overwrite, [key.as_path(), file.as_path()]).claim(&out)?;
    let signing_key = key_file.unlock(&passphrase()?).map_err(|e| e.to_string())?;
    let signed = sign_submission(&submission, &signing_key, &now());
    write_text(&out, &signed)?;
    say!(
        "{}\tfirmata\tImpronta: {}",
        out.display(),
        key_file.impronta
    );
    Ok(())
}
