//! `offerta keygen`: a new encrypted signing key, never over an existing file.

use std::path::PathBuf;

use offerta_core::signing::keyfile::KdfParams;
use offerta_core::signing::KeyFile;

use crate::files::write_text;
use crate::inputs::{now, passphrase};

/// Refuses an existing `out` even with --sovrascrivi: a key replaced is a key lost.
pub fn run(ente: String, ente_id: String, out: PathBuf) -> Result<(), String> {
    if std::fs::symlink_metadata(&out).is_ok() {
        return Err(format!("{}: esiste già, non la sovrascrivo", out.display()));
    }
    let (file, _) = KeyFile::create(
        &ente,
        &ente_id,
        &passphrase()?,
        &now(),
        KdfParams::default(),
    )
    .map_err(|e| e.to_string())?;
    write_text(&out, &file.to_file_json())?;
    say!(
        "{}\t{}\tImpronta: {}",
        out.display(),
        file.ente,
        file.impronta
    );
    Ok(())
}
