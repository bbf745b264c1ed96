//! localStorage, which works from file:// (IndexedDB hangs there). Values are JSON.

use gloo::storage::{LocalStorage, Storage};
use offerta_core::signing::KeyFile;

use super::BrowserError;

const KEYS: &str = "offerta-abitativa/chiavi";

/// Key files remembered in this browser (encrypted; one per ente id, newest last).
pub fn stored_keys() -> Vec<KeyFile> {
    LocalStorage::get::<Vec<KeyFile>>(KEYS).unwrap_or_default()
}

/// Remembers `key` in this browser, replacing an older key of the same ente.
pub fn remember_key(key: &KeyFile) -> Result<(), BrowserError> {
    let mut keys = stored_keys();
    keys.retain(|k| k.ente_id != key.ente_id);
    keys.push(key.clone());
    LocalStorage::set(KEYS, keys).map_err(|_| BrowserError::KeyNotRemembered)
}

const REGISTRY: &str = "offerta-abitativa/registro-chiavi";

/// The capofila's trust registry as last saved in this browser.
pub fn stored_registry() -> offerta_core::signing::TrustRegistry {
    LocalStorage::raw()
        .get_item(REGISTRY)
        .ok()
        .flatten()
        .and_then(|text| offerta_core::signing::TrustRegistry::from_json(&text).ok())
        .unwrap_or_default()
}

/// Saves the registry (the core's intake never lets a demo key into it).
pub fn save_registry(registry: &offerta_core::signing::TrustRegistry) -> Result<(), BrowserError> {
    LocalStorage::raw()
        .set_item(REGISTRY, &registry.to_json())
        .map_err(|_| BrowserError::RegistryNotSaved)
}

const DRAFT_PREFIX: &str = "offerta-abitativa/bozza/";

/// Saves the draft under its own key (one per ente and year).
pub fn save_draft(draft: &offerta_core::Submission) -> Result<(), BrowserError> {
    // A submission always serialises (plain data, string keys): never an empty draft.
    let text = serde_json::to_string(draft).expect("a submission always serialises");
    LocalStorage::raw()
        .set_item(&draft.draft_key(), &text)
        .map_err(|_| BrowserError::DraftNoSpace)
}

const ASIDE_PREFIX: &str = "offerta-abitativa/bozza-illeggibile/";

/// The drafts kept in this browser. A stored draft that no longer reads is moved aside under
/// `offerta-abitativa/bozza-illeggibile/...` (never deleted, and no new draft overwrites it);
/// the keys set aside are returned.
pub fn stored_drafts() -> (Vec<offerta_core::Submission>, Vec<String>) {
    let storage = LocalStorage::raw();
    let mut drafts = Vec::new();
    let mut unreadable = Vec::new();
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect();
    for key in keys {
        if let Some(rest) = key.strip_prefix(ASIDE_PREFIX) {
            unreadable.push(rest.to_owned());
            continue;
        }
        if !key.starts_with(DRAFT_PREFIX) {
            continue;
        }
        let text = storage.get_item(&key).ok().flatten().unwrap_or_default();
        match offerta_core::reader::read_submission(&text) {
            Ok(s) => drafts.push(s),
            Err(_) => {
                let aside = format!("{ASIDE_PREFIX}{key}");
                if storage.set_item(&aside, &text).is_ok() {
                    let _ = storage.remove_item(&key);
                }
                unreadable.push(key);
            }
        }
    }
    drafts.sort_by_key(|s| std::cmp::Reverse(s.modificata_il.clone()));
    (drafts, unreadable)
}

/// The stored draft of an ente for a year, if any.
pub fn load_draft(key: &str) -> Option<offerta_core::Submission> {
    let text = LocalStorage::raw().get_item(key).ok().flatten()?;
    offerta_core::reader::read_submission(&text).ok()
}

const LANG: &str = "offerta-abitativa/lingua";

pub fn stored_lang() -> crate::i18n::Lang {
    let code = LocalStorage::raw()
        .get_item(LANG)
        .ok()
        .flatten()
        .unwrap_or_default();
    crate::i18n::Lang::from_code(&code)
}

pub fn save_lang(lang: crate::i18n::Lang) {
    // Losing the language choice is harmless: Italian is the default.
    let _ = LocalStorage::raw().set_item(LANG, lang.code());
}

const TEXTS_PREFIX: &str = "offerta-abitativa/testi/";

/// The capofila's texts of the plan document for one ambito and year, as last saved here.
pub fn stored_texts(ambito: &str, year: u16) -> Option<offerta_core::document::PlanTexts> {
    LocalStorage::raw()
        .get_item(&format!("{TEXTS_PREFIX}{ambito}/{year}"))
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str(&text).ok())
}

/// Keeps the texts in this browser, so a closed tab loses none of the capofila's words.
pub fn save_texts(
    ambito: &str,
    year: u16,
    texts: &offerta_core::document::PlanTexts,
) -> Result<(), BrowserError> {
    let json = serde_json::to_string(texts).expect("texts always serialise");
    LocalStorage::raw()
        .set_item(&format!("{TEXTS_PREFIX}{ambito}/{year}"), &json)
        .map_err(|_| BrowserError::TextsNotSaved)
}

const LOADED_FILES: &str = "offerta-abitativa/file-caricati";

/// The names of the files the capofila had loaded when the page was last closed (the files
/// themselves stay on its disk: only their names are kept, to say which to drop again).
pub fn stored_loaded_files() -> Vec<String> {
    LocalStorage::raw()
        .get_item(LOADED_FILES)
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Keeps the names of the files loaded now; none forgets the list.
pub fn save_loaded_files(names: &[String]) {
    let raw = LocalStorage::raw();
    // Losing the list loses only the reminder after a reload, never a file.
    let _ = if names.is_empty() {
        raw.remove_item(LOADED_FILES)
    } else {
        raw.set_item(
            LOADED_FILES,
            &serde_json::to_string(names).expect("names always serialise"),
        )
    };
}

const CAPOFILA_KEYS: &str = "offerta-abitativa/chiavi-capofila";

/// The key each capofila signed its first request with, by the capofila's ISTAT code: a
/// later request signed with another key is refused until the comune checks it.
pub fn known_capofila_key(codice_istat: &str) -> Option<String> {
    LocalStorage::get::<std::collections::BTreeMap<String, String>>(CAPOFILA_KEYS)
        .ok()?
        .remove(codice_istat)
}

/// Remembers the capofila's key (the first request's); an error only means the next
/// request cannot be compared, which the page says.
pub fn remember_capofila_key(codice_istat: &str, public_key: &str) -> Result<(), BrowserError> {
    let mut keys = LocalStorage::get::<std::collections::BTreeMap<String, String>>(CAPOFILA_KEYS)
        .unwrap_or_default();
    keys.insert(codice_istat.to_owned(), public_key.to_owned());
    LocalStorage::set(CAPOFILA_KEYS, keys).map_err(|_| BrowserError::KeyNotRemembered)
}

const SENT_REQUEST_PREFIX: &str = "offerta-abitativa/richiesta/";

/// The request the capofila signed for `ambito` and `year`, as the file it downloaded.
pub fn stored_sent_request(ambito: &str, year: u16) -> Option<String> {
    LocalStorage::raw()
        .get_item(&format!("{SENT_REQUEST_PREFIX}{ambito}/{year}"))
        .ok()
        .flatten()
}

/// Keeps the signed request, so the status board comes back after a reload; whether it
/// could (the downloaded file is the copy that matters).
pub fn save_sent_request(ambito: &str, year: u16, text: &str) -> bool {
    LocalStorage::raw()
        .set_item(&format!("{SENT_REQUEST_PREFIX}{ambito}/{year}"), text)
        .is_ok()
}

const AMBITO_PREFIX: &str = "offerta-abitativa/ambito/";

/// The ambito a request brought (the capofila's own list, perhaps no preset): a draft
/// answering it is checked against it again after a reload.
pub fn keep_ambito(ambito: &offerta_core::ambiti::Ambito) {
    if let Ok(text) = serde_json::to_string(ambito) {
        // Not kept: the draft falls back to the presets, which the form then says.
        let _ = LocalStorage::raw().set_item(&format!("{AMBITO_PREFIX}{}", ambito.id), &text);
    }
}

/// The ambito kept by [`keep_ambito`], read as an ambito file is.
pub fn kept_ambito(id: &str) -> Option<offerta_core::ambiti::Ambito> {
    let text = LocalStorage::raw()
        .get_item(&format!("{AMBITO_PREFIX}{id}"))
        .ok()
        .flatten()?;
    offerta_core::ambiti::import_json(&text).ok()
}

const SIGNED_PREFIX: &str = "offerta-abitativa/firmata/";

/// The file the ente last signed for a draft (its name and its exact text), so the receipt
/// comes back after a reload; read back as any signed file, never trusted as stored.
pub fn stored_signed_file(draft_key: &str) -> Option<(String, String)> {
    let text = LocalStorage::raw()
        .get_item(&format!("{SIGNED_PREFIX}{draft_key}"))
        .ok()
        .flatten()?;
    let (name, text) = text.split_once('\n')?;
    Some((name.to_owned(), text.to_owned()))
}

/// Keeps the signed file of a draft (replacing the one signed before it: the receipt is of
/// the last file downloaded). Not kept only costs the receipt after a reload; the
/// downloaded file is the copy that matters.
pub fn save_signed_file(draft_key: &str, name: &str, text: &str) -> bool {
    LocalStorage::raw()
        .set_item(
            &format!("{SIGNED_PREFIX}{draft_key}"),
            &format!("{name}\n{text}"),
        )
        .is_ok()
}
