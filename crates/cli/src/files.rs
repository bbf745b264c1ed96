//! The CLI's files: every input is read here with a bound and only when it is a regular file,
//! and every output is written here after [`Outputs`] has checked that it destroys nothing
//! (docs/SECURITY.md, «Nulla che la CLI scrive distrugge un input»).

use std::collections::HashSet;
use std::fs::{File, Metadata};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use offerta_core::signing::keyfile::KEY_FORMAT_NAME;
use offerta_core::signing::trust::REGISTRY_FORMAT_NAME;

/// The largest input that is not a received file (a registry, a key, the capofila's texts,
/// an ambito, a request, last year's plan): a registry of a million keys fits.
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

/// What a path names when it is not a regular file, in words.
fn not_a_file(meta: &Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "non è un file ma una cartella";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "non è un file ma una pipe (FIFO)";
        }
        if kind.is_socket() {
            return "non è un file ma un socket";
        }
    }
    "non è un file ma un dispositivo"
}

/// The bytes of the regular file at `path`, or its size when it is larger than `limit`
/// (`Ok(Err(size))`). A directory, a device (`/dev/zero`) or a FIFO is refused from its
/// metadata before it is opened (opening a FIFO would wait for a writer); the read stops
/// at `limit + 1` bytes, so a file that grows past the limit after it was measured is
/// refused too.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Result<Vec<u8>, u64>, String> {
    let cannot = |why: &dyn std::fmt::Display| {
        format!("{}: impossibile leggere il file ({why})", path.display())
    };
    let meta = std::fs::metadata(path).map_err(|e| cannot(&e))?;
    if !meta.is_file() {
        return Err(cannot(&not_a_file(&meta)));
    }
    if meta.len() > limit {
        return Ok(Err(meta.len()));
    }
    let file = File::open(path).map_err(|e| cannot(&e))?;
    // What was opened may have been replaced since it was looked at.
    let opened = file.metadata().map_err(|e| cannot(&e))?;
    if !opened.is_file() {
        return Err(cannot(&not_a_file(&opened)));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(&e))?;
    if bytes.len() as u64 > limit {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

/// An input that is not a received file, at most [`MAX_INPUT_BYTES`].
pub fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    read_bounded(path, MAX_INPUT_BYTES)?.map_err(|size| {
        format!(
            "{}: impossibile leggere il file (è troppo grande: {} MB, al massimo {} MB)",
            path.display(),
            size / (1024 * 1024),
            MAX_INPUT_BYTES / (1024 * 1024)
        )
    })
}

pub fn read_text(path: &Path) -> Result<String, String> {
    String::from_utf8(read_input(path)?)
        .map_err(|_| format!("{}: il file non è testo UTF-8", path.display()))
}

/// `path` as the system resolves it (links, «..»), also when the file does not exist yet
/// (its folder resolved): two names of one file compare equal.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(parent), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_owned(),
    }
}

/// The device and inode of an existing file (none elsewhere than on Unix).
fn file_id(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// What an existing file is when no command may replace it: a key file or a key registry
/// (the page's and the CLI's formats, any version), read as JSON whatever its name.
fn protected_kind(path: &Path) -> Option<&'static str> {
    let bytes = read_bounded(path, MAX_INPUT_BYTES).ok()?.ok()?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let format = value.get("formato")?.as_str()?;
    if format == REGISTRY_FORMAT_NAME {
        Some("è un registro delle chiavi: solo «offerta trust» lo aggiorna")
    } else if format.starts_with(KEY_FORMAT_NAME) {
        Some("è un file di chiave: nessun comando lo sostituisce")
    } else {
        None
    }
}

/// The outputs of one command, checked before anything is written: none is one of the
/// command's inputs, a key file or a registry, none is named twice, and an existing one is
/// replaced only with `--sovrascrivi`.
pub struct Outputs {
    inputs: Vec<PathBuf>,
    /// The inputs' identities on disk: a hard link is another name of the same file.
    input_ids: Vec<(u64, u64)>,
    /// A set: `generate` claims thousands of files.
    claimed: HashSet<PathBuf>,
    overwrite: bool,
}

impl Outputs {
    pub fn new<'a>(overwrite: bool, inputs: impl IntoIterator<Item = &'a Path>) -> Outputs {
        let inputs: Vec<PathBuf> = inputs.into_iter().map(resolved).collect();
        Outputs {
            input_ids: inputs.iter().filter_map(|p| file_id(p)).collect(),
            inputs,
            claimed: HashSet::new(),
            overwrite,
        }
    }

    /// May the command write `path`? Says why not, in words.
    pub fn claim(&mut self, path: &Path) -> Result<(), String> {
        let real = resolved(path);
        let refuse = |why: &str| Err(format!("{}: {why}; nulla è stato scritto", path.display()));
        let same_file = file_id(&real).is_some_and(|id| self.input_ids.contains(&id));
        if self.inputs.contains(&real) || same_file {
            return refuse(
                "è anche un file che questo comando legge: indicare un altro file per il risultato",
            );
        }
        if self.claimed.contains(&real) {
            return refuse("è indicato per due uscite dello stesso comando");
        }
        if let Some(kind) = protected_kind(path) {
            return refuse(kind);
        }
        // A device or a pipe (`/dev/null`, `/dev/stdout`) is written into, not replaced.
        let replaced = std::fs::symlink_metadata(path).is_ok()
            && std::fs::metadata(path).map_or(true, |m| m.is_file() || m.is_dir());
        if replaced && !self.overwrite {
            return refuse("esiste già: per sostituirlo aggiungere --sovrascrivi");
        }
        self.claimed.insert(real);
        Ok(())
    }
}

/// Writes `bytes` to `path`, every failure said with the file's name. A regular file is
/// written beside its place and then renamed onto it: a full disk leaves the earlier file
/// whole, never a half-written one. A device (`/dev/null`, `/dev/full`) is written as it is.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let failed =
        |e: std::io::Error| format!("{}: impossibile scrivere il file ({e})", path.display());
    let regular_or_new = std::fs::metadata(path).map_or(true, |m| m.is_file());
    if !regular_or_new {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(failed)?;
        return file
            .write_all(bytes)
            .and_then(|()| file.flush())
            .map_err(failed);
    }
    let target = resolved(path);
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let temp = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = File::create(&temp)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.flush()))
        .and_then(|()| std::fs::rename(&temp, &target));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.map_err(failed)
}

/// [`write_output`] for a text.
pub fn write_text(path: &Path, text: &str) -> Result<(), String> {
    write_output(path, text.as_bytes())
}

/// Writes each named file into `dir` once every one of them is checked ([`Outputs`]).
pub fn write_all_into(
    dir: &Path,
    files: &[(String, String)],
    overwrite: bool,
) -> Result<(), String> {
    let mut outputs = Outputs::new(overwrite, []);
    for (name, _) in files {
        outputs.claim(&dir.join(name))?;
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: impossibile creare la cartella ({e})", dir.display()))?;
    for (name, text) in files {
        write_text(&dir.join(name), text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file whose size the system does not know in advance (it reports 0, as one still
    /// being written may) is still read only up to its limit: the bound is on the read,
    /// not on the metadata.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_longer_than_its_metadata_says_is_cut_at_the_limit() {
        let status = Path::new("/proc/self/status");
        assert_eq!(std::fs::metadata(status).unwrap().len(), 0);
        assert_eq!(read_bounded(status, 10).unwrap(), Err(11));
        assert!(read_bounded(status, 1 << 20).unwrap().is_ok());
    }

    #[test]
    fn the_same_file_by_two_names_resolves_alike() {
        let dir = std::env::temp_dir().join(format!("offerta-files-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("a.json"), "{}").unwrap();
        assert_eq!(
            resolved(&dir.join("sub").join("..").join("a.json")),
            resolved(&dir.join("a.json"))
        );
        assert_eq!(
            resolved(&dir.join("sub").join("..").join("nuovo.json")),
            resolved(&dir.join("nuovo.json")),
            "a file not yet written too"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
