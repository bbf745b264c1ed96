//! localStorage, which works from file:// (IndexedDB hangs there). Values are JSON.

use gloo::storage::{LocalStorage, Storage};
use offerta_core::signing::KeyFile;

const KEYS: &str = "offerta-abitativa/chiavi";

/// Key files remembered in this browser (encrypted; one per ente id, newest last).
pub fn stored_keys() -> Vec<KeyFile> {
    LocalStorage::get::<Vec<KeyFile>>(KEYS).unwrap_or_default()
}

/// Remembers `key` in this browser, replacing an older key of the same ente.
pub fn remember_key(key: &KeyFile) -> Result<(), String> {
    let mut keys = stored_keys();
    keys.retain(|k| k.ente_id != key.ente_id);
    keys.push(key.clone());
    LocalStorage::set(KEYS, keys).map_err(|e| {
        format!("Impossibile salvare la chiave nel browser ({e}): conservare il file della chiave.")
    })
}
