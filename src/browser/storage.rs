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

const REGISTRY: &str = "offerta-abitativa/registro-chiavi";
/// Keys of the demo files are public knowledge: never remembered as trusted.
const DEMO_NOTE: &str = "chiave dimostrativa";

/// The capofila's trust registry as last saved in this browser.
pub fn stored_registry() -> offerta_core::signing::TrustRegistry {
    LocalStorage::raw()
        .get_item(REGISTRY)
        .ok()
        .flatten()
        .and_then(|text| offerta_core::signing::TrustRegistry::from_json(&text).ok())
        .unwrap_or_default()
}

/// Saves the registry, without the demo keys.
pub fn save_registry(registry: &offerta_core::signing::TrustRegistry) -> Result<(), String> {
    let mut kept = registry.clone();
    for ente in kept.enti.values_mut() {
        ente.chiavi.retain(|k| k.nota != DEMO_NOTE);
    }
    kept.enti.retain(|_, e| !e.chiavi.is_empty());
    LocalStorage::raw()
        .set_item(REGISTRY, &kept.to_json())
        .map_err(|_| {
            "Impossibile salvare il registro delle chiavi nel browser: esportarlo su file.".into()
        })
}
