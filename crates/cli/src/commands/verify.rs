//! `offerta verify`: one line per signed file (path, outcome code, message), and whether
//! every one is good.

use std::path::PathBuf;

use offerta_core::signing::{Outcome, TrustRegistry};
use offerta_core::text;

use crate::inputs::{now, read_registry, receive};

mod trusted_list;

/// Every file is read before any verdict: one that cannot be read stops the command
/// (exit 2), it is not judged as empty bytes. Without a registry a key not yet registered
/// is not an error.
pub fn run(
    registry: Option<PathBuf>,
    trusted_list: Option<PathBuf>,
    files: Vec<PathBuf>,
) -> Result<bool, String> {
    // Read and told before any file; its anchors are for the `.p7m` files' verification.
    let _trusted_list = match &trusted_list {
        Some(path) => Some(trusted_list::load(path, &now())?),
        None => None,
    };
    let strict = registry.is_some();
    let registry = match registry {
        Some(path) => read_registry(&path)?,
        None => TrustRegistry::default(),
    };
    let registry = std::rc::Rc::new(registry);
    let received = files
        .iter()
        .map(|path| receive(path, &registry))
        .collect::<Result<Vec<_>, _>>()?;
    let mut all_good = true;
    for (path, file) in files.iter().zip(&received) {
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
        say!(
            "{}\t{}\t{message}",
            text::visible(&path.display().to_string()),
            v.outcome.code()
        );
    }
    Ok(all_good)
}
