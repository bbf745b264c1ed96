//! localStorage, which works from file:// (IndexedDB hangs there). Values are JSON.
//!
//! In Chromium every copy of the single file on a PC shares this storage: an older copy
//! meets what a newer one stored. Nothing stored is overwritten unless it was read: every
//! write goes through [`write`], which asks the core (`offerta_core::stored`) whether this
//! copy reads what is stored there now, and refuses with [`BrowserError::NotOverwritten`]
//! when it does not (a later version, damage). The decisions are the core's; this module
//! only moves text.

use offerta_core::signing::KeyFile;
use offerta_core::stored::{self, Problem};

use super::BrowserError;

fn raw() -> web_sys::Storage {
    use gloo::storage::Storage as _;
    gloo::storage::LocalStorage::raw()
}

/// The text stored under `key`, if any.
fn get(key: &str) -> Option<String> {
    raw().get_item(key).ok().flatten()
}

/// Reads `key` with `read`: `None` when nothing is stored or this copy cannot read it (the
/// page reports what it cannot read from [`unreadable_items`]).
fn read<T>(key: &str, read: impl FnOnce(&str) -> Result<T, stored::Unreadable>) -> Option<T> {
    read(&get(key)?).ok()
}

/// Writes `text` under `key` if what is stored there now reads (or nothing is); `full` is
/// the error when the browser refuses the write itself.
fn write(key: &str, text: &str, full: BrowserError) -> Result<(), BrowserError> {
    stored::may_overwrite(key, get(key).as_deref()).map_err(BrowserError::NotOverwritten)?;
    raw().set_item(key, text).map_err(|_| full)
}

/// Removes `key` if what is stored there reads (an unread item is never deleted).
fn remove(key: &str) -> Result<(), BrowserError> {
    stored::may_overwrite(key, get(key).as_deref()).map_err(BrowserError::NotOverwritten)?;
    let _ = raw().remove_item(key);
    Ok(())
}

/// Every key in this browser's storage (the app's and any other page's of the origin).
fn all_keys() -> Vec<String> {
    let storage = raw();
    (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect()
}

/// The items of the app this copy cannot read, to tell the clerk: each stays as it is.
pub fn unreadable_items() -> Vec<Problem> {
    let stored: Vec<(String, String)> = all_keys()
        .into_iter()
        .filter(|k| k.starts_with(stored::PREFIX))
        .filter_map(|k| get(&k).map(|text| (k, text)))
        .collect();
    stored::unreadable(stored.iter().map(|(k, t)| (k.as_str(), t.as_str())))
}

/// `base`, or `base/1`, `base/2`... the first under which nothing is stored.
fn free_key(base: &str) -> String {
    (0..)
        .map(|n| {
            if n == 0 {
                base.to_owned()
            } else {
                format!("{base}/{n}")
            }
        })
        .find(|k| get(k).is_none())
        .expect("a free key")
}

/// Moves a damaged item out of the way, at the clerk's request: copied to its place aside
/// (`offerta-abitativa/da-parte/...`) and removed only once the copy reads back the same.
/// An item of a later version is never moved: the newer copy looks for it where it is.
pub fn set_aside(problem: &Problem) -> Result<(), BrowserError> {
    if !problem.can_set_aside() {
        return Err(BrowserError::NotOverwritten(problem.clone()));
    }
    let Some(text) = get(&problem.key) else {
        return Ok(());
    };
    let aside = free_key(&stored::aside_key(&problem.key));
    let storage = raw();
    if storage.set_item(&aside, &text).is_err() || get(&aside).as_deref() != Some(&text) {
        return Err(BrowserError::NotSetAside);
    }
    let _ = storage.remove_item(&problem.key);
    Ok(())
}

/// Key files remembered in this browser (encrypted; one per ente id, newest last).
pub fn stored_keys() -> Vec<KeyFile> {
    read(stored::KEYS, stored::read_keys).unwrap_or_default()
}

/// Remembers `key` in this browser, replacing an older key of the same ente; refused when
/// the stored list does not read (it is kept as it is).
pub fn remember_key(key: &KeyFile) -> Result<(), BrowserError> {
    let mut keys = match get(stored::KEYS) {
        None => Vec::new(),
        Some(text) => stored::read_keys(&text).map_err(|why| {
            BrowserError::NotOverwritten(Problem {
                key: stored::KEYS.into(),
                kind: stored::Kind::Keys,
                why,
            })
        })?,
    };
    keys.retain(|k| k.ente_id != key.ente_id);
    keys.push(key.clone());
    let text = serde_json::to_string(&keys).expect("key files always serialise");
    write(stored::KEYS, &text, BrowserError::KeyNotRemembered)
}

/// The capofila's trust registry as last saved in this browser (empty when none is, or
/// when this copy cannot read it: then it is kept, reported, and never saved over).
pub fn stored_registry() -> offerta_core::signing::TrustRegistry {
    read(stored::REGISTRY, stored::read_registry).unwrap_or_default()
}

/// Saves the registry (the core's intake never lets a demo key into it).
pub fn save_registry(registry: &offerta_core::signing::TrustRegistry) -> Result<(), BrowserError> {
    write(
        stored::REGISTRY,
        &registry.to_json(),
        BrowserError::RegistryNotSaved,
    )
}

/// The Italian trusted list kept in this browser, if any this copy reads (one of a later
/// version, or damaged, is kept as it is and reported by [`unreadable_items`]).
pub fn stored_trusted_list() -> Option<offerta_core::signing::trusted_list::TrustedList> {
    read(stored::TRUSTED_LIST, stored::read_trusted_list)
}

/// Keeps the trusted list in use, as the core's compact record (a few hundred KB: the XML
/// is not kept); refused over an item this copy cannot read, or when the browser has no
/// room.
pub fn save_trusted_list(
    list: &offerta_core::signing::trusted_list::TrustedList,
) -> Result<(), BrowserError> {
    let text = offerta_core::signing::kept_trusted_list::kept_list_text(list);
    write(
        stored::TRUSTED_LIST,
        &text,
        BrowserError::TrustedListNotSaved,
    )
}

/// Removes the kept trusted list, at the capofila's request; one this copy cannot read is
/// never removed.
pub fn forget_trusted_list() -> Result<(), BrowserError> {
    remove(stored::TRUSTED_LIST)
}

/// Saves the draft under its own key (one per ente and year), never over one this copy
/// cannot read.
pub fn save_draft(draft: &offerta_core::Submission) -> Result<(), BrowserError> {
    let text = stored::draft_text(draft);
    write(&draft.draft_key(), &text, BrowserError::DraftNoSpace)
}

/// The drafts kept in this browser. A stored draft that is damaged is moved aside under
/// `offerta-abitativa/bozza-illeggibile/...` (never deleted, and no new draft overwrites
/// it); the keys set aside are returned. A draft of a later version stays where it is (the
/// newer copy finds it there), reported by [`unreadable_items`] and never saved over.
pub fn stored_drafts() -> (Vec<offerta_core::Submission>, Vec<String>) {
    let storage = raw();
    let mut drafts = Vec::new();
    let mut unreadable = Vec::new();
    for key in all_keys() {
        if let Some(rest) = key.strip_prefix(stored::ASIDE_PREFIX) {
            // An older copy of the app sets aside a draft it cannot read, perhaps one this
            // copy wrote: when this copy reads it and nothing took its place, it goes back.
            let text = get(&key).unwrap_or_default();
            if let Ok(s) = stored::read_draft(&text) {
                let home = s.draft_key();
                if get(&home).is_none() && storage.set_item(&home, &text).is_ok() {
                    let _ = storage.remove_item(&key);
                    drafts.push(s);
                    continue;
                }
            }
            unreadable.push(rest.to_owned());
            continue;
        }
        if !key.starts_with(stored::DRAFT_PREFIX) {
            continue;
        }
        let text = get(&key).unwrap_or_default();
        match stored::read_draft(&text) {
            Ok(s) => drafts.push(s),
            Err(stored::Unreadable::LaterVersion(_)) => {}
            Err(stored::Unreadable::Damaged(_)) => {
                // Never over a draft set aside before (of the same ente and year).
                let aside = free_key(&format!("{}{key}", stored::ASIDE_PREFIX));
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
    read(key, stored::read_draft)
}

pub fn stored_lang() -> crate::i18n::Lang {
    let code = read(stored::LANG, |t| stored::read_lang(t).map(str::to_owned)).unwrap_or_default();
    crate::i18n::Lang::from_code(&code)
}

pub fn save_lang(lang: crate::i18n::Lang) {
    // Losing the language choice is harmless: Italian is the default.
    let _ = write(stored::LANG, lang.code(), BrowserError::KeyNotRemembered);
}

fn texts_key(ambito: &str, year: u16) -> String {
    format!("{}{ambito}/{year}", stored::TEXTS_PREFIX)
}

/// The capofila's texts of the plan document for one ambito and year, as last saved here.
pub fn stored_texts(ambito: &str, year: u16) -> Option<offerta_core::plan_texts::PlanTexts> {
    read(&texts_key(ambito, year), stored::read_texts)
}

/// Keeps the texts in this browser, so a closed tab loses none of the capofila's words.
pub fn save_texts(
    ambito: &str,
    year: u16,
    texts: &offerta_core::plan_texts::PlanTexts,
) -> Result<(), BrowserError> {
    let json = serde_json::to_string(texts).expect("texts always serialise");
    write(&texts_key(ambito, year), &json, BrowserError::TextsNotSaved)
}

/// The names of the files the capofila had loaded when the page was last closed (the files
/// themselves stay on its disk: only their names are kept, to say which to drop again).
pub fn stored_loaded_files() -> Vec<String> {
    read(stored::LOADED_FILES, stored::read_loaded_files).unwrap_or_default()
}

/// Keeps the names of the files loaded now; none forgets the list.
pub fn save_loaded_files(names: &[String]) {
    // Losing the list loses only the reminder after a reload, never a file.
    let _ = if names.is_empty() {
        remove(stored::LOADED_FILES)
    } else {
        write(
            stored::LOADED_FILES,
            &serde_json::to_string(names).expect("names always serialise"),
            BrowserError::KeyNotRemembered,
        )
    };
}

/// The key remembered for a capofila, by its ISTAT code (the one whose fingerprint the clerk
/// confirmed against the capofila's PEC): a later request signed with another key is refused
/// until the comune checks it. `Err` when the memory of keys is stored but cannot be read
/// (damaged, or a newer copy's): then no capofila is «first», the page says why.
pub fn known_capofila_key(codice_istat: &str) -> Result<Option<String>, ()> {
    match get(stored::CAPOFILA_KEYS) {
        None => Ok(None),
        Some(text) => stored::read_capofila_keys(&text)
            .map(|mut keys| keys.remove(codice_istat))
            .map_err(drop),
    }
}

/// Forgets the key remembered for a capofila (after the clerk checked with it by telephone
/// or PEC that it changed key); an unreadable memory is never written over.
pub fn forget_capofila_key(codice_istat: &str) -> Result<(), BrowserError> {
    let Some(text) = get(stored::CAPOFILA_KEYS) else {
        return Ok(());
    };
    let mut keys = stored::read_capofila_keys(&text).map_err(|why| {
        BrowserError::NotOverwritten(Problem {
            key: stored::CAPOFILA_KEYS.into(),
            kind: stored::Kind::CapofilaKeys,
            why,
        })
    })?;
    keys.remove(codice_istat);
    let text = serde_json::to_string(&keys).expect("keys always serialise");
    write(stored::CAPOFILA_KEYS, &text, BrowserError::KeyNotRemembered)
}

/// Remembers the capofila's key once the clerk confirmed its fingerprint; an error only
/// means the next request cannot be compared, which the page says.
pub fn remember_capofila_key(codice_istat: &str, public_key: &str) -> Result<(), BrowserError> {
    let mut keys = match get(stored::CAPOFILA_KEYS) {
        None => Default::default(),
        Some(text) => stored::read_capofila_keys(&text).map_err(|why| {
            BrowserError::NotOverwritten(Problem {
                key: stored::CAPOFILA_KEYS.into(),
                kind: stored::Kind::CapofilaKeys,
                why,
            })
        })?,
    };
    keys.insert(codice_istat.to_owned(), public_key.to_owned());
    let text = serde_json::to_string(&keys).expect("keys always serialise");
    write(stored::CAPOFILA_KEYS, &text, BrowserError::KeyNotRemembered)
}

fn sent_request_key(ambito: &str, year: u16) -> String {
    format!("{}{ambito}/{year}", stored::SENT_REQUEST_PREFIX)
}

/// The request the capofila signed for `ambito` and `year`, as the file it downloaded.
pub fn stored_sent_request(ambito: &str, year: u16) -> Option<String> {
    get(&sent_request_key(ambito, year))
}

/// Keeps the signed request, so the status board comes back after a reload; whether it
/// could (the downloaded file is the copy that matters).
pub fn save_sent_request(ambito: &str, year: u16, text: &str) -> bool {
    write(
        &sent_request_key(ambito, year),
        text,
        BrowserError::KeyNotRemembered,
    )
    .is_ok()
}

/// The ambito a request brought (the capofila's own list, perhaps no preset): a draft
/// answering it is checked against it again after a reload.
pub fn keep_ambito(ambito: &offerta_core::ambiti::Ambito) {
    if let Ok(text) = serde_json::to_string(ambito) {
        // Not kept: the draft falls back to the presets, which the form then says.
        let key = format!("{}{}", stored::AMBITO_PREFIX, ambito.id);
        let _ = write(&key, &text, BrowserError::KeyNotRemembered);
    }
}

/// The ambito kept by [`keep_ambito`], read as an ambito file is.
pub fn kept_ambito(id: &str) -> Option<offerta_core::ambiti::Ambito> {
    let text = get(&format!("{}{id}", stored::AMBITO_PREFIX))?;
    offerta_core::ambiti::import_json(&text).ok()
}

fn signed_file_key(draft_key: &str) -> String {
    format!("{}{draft_key}", stored::SIGNED_PREFIX)
}

/// The receipt of the file the ente last signed for a draft, made again from the bytes kept
/// by [`save_signed_file`], so it comes back after a reload.
pub fn stored_receipt(draft_key: &str) -> Option<offerta_core::receipt::Receipt> {
    read(&signed_file_key(draft_key), stored::read_signed_file)
}

/// Keeps the signed file of a draft (replacing the one signed before it, if this copy reads
/// that one: the receipt is of the last file downloaded). Not kept only costs the receipt
/// after a reload; the downloaded file is the copy that matters.
pub fn save_signed_file(draft_key: &str, name: &str, text: &str) -> bool {
    write(
        &signed_file_key(draft_key),
        &stored::signed_file_text(name, text),
        BrowserError::DraftNoSpace,
    )
    .is_ok()
}

/// This tab's own memory (sessionStorage: it survives a reload, and each tab has its own):
/// which draft the form shows, so a reload opens it again.
const OPEN_DRAFT: &str = "offerta-abitativa/bozza-aperta";

pub fn remember_open_draft(key: Option<&str>) {
    let Ok(Some(session)) = gloo::utils::window().session_storage() else {
        return;
    };
    let _ = match key {
        Some(key) => session.set_item(OPEN_DRAFT, key),
        None => session.remove_item(OPEN_DRAFT),
    };
}

/// The draft the form showed in this tab before the reload, read again from its key.
pub fn open_draft() -> Option<offerta_core::Submission> {
    let session = gloo::utils::window().session_storage().ok()??;
    let key = session.get_item(OPEN_DRAFT).ok()??;
    load_draft(&key)
}
