//! What the app keeps in the browser (localStorage), and the one rule for it: **nothing
//! stored is overwritten unless it was read**. In Chromium every copy of the single file
//! opened from file:// on a PC shares one storage, so an older copy (on a USB stick) meets
//! what a newer one stored. What this copy cannot read, because a later version of the app
//! wrote it or because it is damaged, is kept as it is and reported; the feature that would
//! write it refuses and says so.
//!
//! Every item names its format version. Items that are documents of their own (the trust
//! registry, the trusted list, a draft, a key file in the key list, the capofila's request) carry their
//! `formato` and `versione`; the plain items (the capofila's texts, the names of the files
//! loaded, the capofila keys a comune knows, the key list as a whole) are version 1 in the
//! shape the app has always written, and any later version of them is a JSON object naming
//! its `versione` (greater than 1), which this copy recognises as written by a later
//! version. The shapes are those earlier copies of the app read, so that they keep reading
//! them (docs/FORMAT.md, «Stored in the browser»).
//!
//! This module decides, from the key and the stored text, what an item is, whether this
//! copy reads it, which version wrote it and whether it may be overwritten; the shell's
//! `browser::storage` only moves text in and out of localStorage.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::plan_texts::PlanTexts;
use crate::signing::kept_trusted_list::{self, KEPT_LIST_FORMAT_NAME, KEPT_LIST_FORMAT_VERSION};
use crate::signing::keyfile::{KEY_FORMAT_NAME, KEY_FORMAT_VERSION};
use crate::signing::trust::{REGISTRY_FORMAT_NAME, REGISTRY_FORMAT_VERSION};
use crate::signing::trusted_list::TrustedList;
use crate::signing::{KeyFile, TrustRegistry};
use crate::submission::{FORMAT_NAME, FORMAT_VERSION};
use crate::text::Bilingual;
use crate::Submission;

/// Every key the app stores under starts with this.
pub const PREFIX: &str = "offerta-abitativa/";
pub const KEYS: &str = "offerta-abitativa/chiavi";
pub const REGISTRY: &str = "offerta-abitativa/registro-chiavi";
/// The Italian trusted list the capofila loaded, as a compact record
/// ([`crate::signing::kept_trusted_list`]).
pub const TRUSTED_LIST: &str = "offerta-abitativa/elenco-di-fiducia";
pub const DRAFT_PREFIX: &str = "offerta-abitativa/bozza/";
/// A damaged draft moved out of the way (never deleted) keeps its key after this.
pub const ASIDE_PREFIX: &str = "offerta-abitativa/bozza-illeggibile/";
pub const LANG: &str = "offerta-abitativa/lingua";
pub const TEXTS_PREFIX: &str = "offerta-abitativa/testi/";
pub const LOADED_FILES: &str = "offerta-abitativa/file-caricati";
pub const CAPOFILA_KEYS: &str = "offerta-abitativa/chiavi-capofila";
pub const SENT_REQUEST_PREFIX: &str = "offerta-abitativa/richiesta/";
pub const AMBITO_PREFIX: &str = "offerta-abitativa/ambito/";
/// The file signed last for a draft, after this prefix and the draft's key: the receipt
/// comes back from it after a reload.
pub const SIGNED_PREFIX: &str = "offerta-abitativa/firmata/";

/// The version of the plain items (texts, file names, capofila keys, the key list) this
/// copy writes and reads: the shape of the app's first release.
pub const PLAIN_ITEM_VERSION: u32 = 1;

/// Which kind of item a storage key holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Registry,
    /// The Italian trusted list the capofila loaded.
    TrustedList,
    Keys,
    Draft,
    /// A draft set aside because it did not read: kept, never read again.
    DraftAside,
    Lang,
    Texts,
    LoadedFiles,
    CapofilaKeys,
    SentRequest,
    Ambito,
    /// The file signed last for a draft (its name, a newline, its exact text).
    SignedFile,
}

impl Kind {
    /// The kind of item stored under `key`; `None` for a key that is not the app's.
    pub fn of_key(key: &str) -> Option<Kind> {
        let kind = match key {
            KEYS => Kind::Keys,
            REGISTRY => Kind::Registry,
            TRUSTED_LIST => Kind::TrustedList,
            LANG => Kind::Lang,
            LOADED_FILES => Kind::LoadedFiles,
            CAPOFILA_KEYS => Kind::CapofilaKeys,
            _ if key.starts_with(ASIDE_PREFIX) => Kind::DraftAside,
            _ if key.starts_with(DRAFT_PREFIX) => Kind::Draft,
            _ if key.starts_with(TEXTS_PREFIX) => Kind::Texts,
            _ if key.starts_with(SENT_REQUEST_PREFIX) => Kind::SentRequest,
            _ if key.starts_with(AMBITO_PREFIX) => Kind::Ambito,
            _ if key.starts_with(SIGNED_PREFIX) => Kind::SignedFile,
            _ => return None,
        };
        Some(kind)
    }

    /// Whether the item's Italian name is feminine ("la bozza"), for the words that agree.
    fn feminine(self) -> bool {
        matches!(self, Kind::Draft | Kind::DraftAside | Kind::Lang)
    }

    /// What the item is, in a clerk's words ("il registro delle chiavi"), with the ambito,
    /// year or ente its key names.
    pub fn name(self, key: &str) -> Bilingual {
        let tail = |prefix: &str| key.strip_prefix(prefix).unwrap_or(key).replace('/', ", ");
        match self {
            Kind::Registry => Bilingual::new("Il registro delle chiavi", "The key registry"),
            Kind::TrustedList => Bilingual::new(
                "L'elenco di fiducia per la firma digitale",
                "The trusted list for digital signatures",
            ),
            Kind::Keys => Bilingual::new(
                "L'elenco delle chiavi ricordate",
                "The list of remembered keys",
            ),
            Kind::Draft | Kind::DraftAside => draft_name(key),
            Kind::Lang => Bilingual::new("La lingua scelta", "The language chosen"),
            Kind::Texts => {
                let rest = tail(TEXTS_PREFIX);
                Bilingual::new(
                    format!("L'insieme dei testi del documento del piano (ambito e anno: {rest})"),
                    format!("The set of texts of the plan document (ambito and year: {rest})"),
                )
            }
            Kind::LoadedFiles => Bilingual::new(
                "L'elenco dei file caricati dal capofila",
                "The list of the files the capofila loaded",
            ),
            Kind::CapofilaKeys => Bilingual::new(
                "L'elenco delle chiavi dei comuni capofila conosciuti",
                "The list of the known capofila keys",
            ),
            Kind::SentRequest => {
                let rest = tail(SENT_REQUEST_PREFIX);
                Bilingual::new(
                    format!("L'invio della richiesta ai comuni (ambito e anno: {rest})"),
                    format!("The request sent to the comuni (ambito and year: {rest})"),
                )
            }
            Kind::SignedFile => signed_file_name(key),
            Kind::Ambito => {
                let rest = tail(AMBITO_PREFIX);
                Bilingual::new(
                    format!("L'elenco dei comuni dell'ambito {rest}"),
                    format!("The list of the comuni of ambito {rest}"),
                )
            }
        }
    }
}

/// A draft (kept or set aside) by its ente and plan year: a comune by its name, as the clerk
/// knows it; the ALER by its id.
fn draft_name(key: &str) -> Bilingual {
    let rest = key
        .strip_prefix(ASIDE_PREFIX)
        .unwrap_or(key)
        .strip_prefix(DRAFT_PREFIX)
        .unwrap_or(key);
    let (ente, year) = rest.split_once('/').unwrap_or((rest, "?"));
    let comune = ente
        .parse::<crate::comuni::IstatCode>()
        .ok()
        .and_then(crate::comuni::by_code);
    match comune {
        Some(c) => Bilingual::new(
            format!("La bozza del Comune di {} per il piano {year}", c.nome),
            format!("The draft of the Comune di {} for plan {year}", c.nome),
        ),
        None => Bilingual::new(
            format!("La bozza dell'ente {ente} per il piano {year}"),
            format!("The draft of ente {ente} for plan {year}"),
        ),
    }
}

/// The signed file kept for a receipt, named by the draft it was signed from.
fn signed_file_name(key: &str) -> Bilingual {
    let draft = key.strip_prefix(SIGNED_PREFIX).unwrap_or(key);
    // «La bozza del Comune di …» read on after a comma: only its first letter lowers.
    let of = Kind::Draft.name(draft);
    let lower_first = |t: &str| {
        let mut c = t.chars();
        c.next()
            .map(|f| f.to_lowercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    Bilingual::new(
        format!(
            "Il file firmato conservato per la ricevuta, {}",
            lower_first(&of.it)
        ),
        format!(
            "The signed file kept for the receipt, {}",
            lower_first(&of.en)
        ),
    )
}

/// Why this copy does not read a stored item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Written by a later version of the app: its format version, beyond this copy's.
    LaterVersion(u32),
    /// Damaged (cut short, altered, empty): the reader's technical words.
    Damaged(String),
}

/// An item this copy cannot read: which, under what key, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    pub kind: Kind,
    pub why: Unreadable,
}

impl Problem {
    /// What the clerk reads: what the item is, that it is kept untouched, and what to do.
    pub fn message(&self) -> Bilingual {
        let name = self.kind.name(&self.key);
        let o = if self.kind.feminine() { "a" } else { "o" };
        let (it, en) = (&name.it, &name.en);
        if self.kind == Kind::DraftAside {
            let version = match &self.why {
                Unreadable::LaterVersion(v) => (
                    format!(
                        " (scritta da una versione più recente dell'app, versione del formato {v})"
                    ),
                    format!(" (written by a newer version of the app, format version {v})"),
                ),
                Unreadable::Damaged(_) => (String::new(), String::new()),
            };
            return Bilingual::new(
                format!("{it} non si leggeva{} ed è stata messa da parte in questo browser, non cancellata: il modulo per questo ente e anno riparte vuoto. Chi ha un file della bozza («Salva la bozza su file») può aprirlo dal modulo.", version.0),
                format!("{en} did not read{} and was set aside in this browser, not deleted: the form for this ente and year starts empty. A file of the draft («Save the draft to a file») can be opened from the form.", version.1),
            );
        }
        match &self.why {
            Unreadable::LaterVersion(v) => Bilingual::new(
                format!("{it} salvat{o} in questo browser è stat{o} scritt{o} da una versione più recente dell'app (versione del formato {v}): questa copia non l{o} modifica e non salva nulla al suo posto. Aprire la versione più recente dell'app (quella usata per ultima su questo computer) per lavorarci."),
                format!("{en} stored in this browser was written by a newer version of the app (format version {v}): this copy leaves it as it is and saves nothing in its place. Open the newest version of the app (the one last used on this computer) to work on it."),
            ),
            Unreadable::Damaged(_) => Bilingual::new(
                format!("{it} salvat{o} in questo browser non si legge (è danneggiat{o}, o scritt{o} da un'altra versione dell'app): questa copia l{o} conserva così com'è e non salva nulla al suo posto. Se su questo computer si usa anche un'altra versione dell'app, aprire quella; altrimenti metterl{o} da parte con il pulsante qui sotto: resta conservat{o} e l'app ne salva un{o} nuov{o}."),
                format!("{en} stored in this browser does not read (it is damaged, or written by another version of the app): this copy keeps it as it is and saves nothing in its place. If another version of the app is used on this computer, open that one; otherwise set it aside with the button below: it stays kept and the app saves a new one."),
            ),
        }
    }

    /// What a feature that would write the item says when it refuses: the change holds on
    /// this page but is not saved in the browser, and why.
    pub fn refusal(&self) -> Bilingual {
        let name = self.kind.name(&self.key);
        let o = if self.kind.feminine() { "a" } else { "o" };
        let why = match &self.why {
            Unreadable::LaterVersion(v) => (
                format!("quell{o} salvat{o} in questo browser è stat{o} scritt{o} da una versione più recente dell'app (versione del formato {v}) e questa copia non salva al suo posto. Aprire la versione più recente dell'app"),
                format!("the one stored in this browser was written by a newer version of the app (format version {v}) and this copy saves nothing in its place. Open the newest version of the app"),
            ),
            Unreadable::Damaged(_) => (
                format!("quell{o} salvat{o} in questo browser non si legge e questa copia non salva al suo posto. Se si usa un'altra versione dell'app, aprire quella; altrimenti metterl{o} da parte (avviso in cima alla pagina)"),
                "the one stored in this browser does not read and this copy saves nothing in its place. If another version of the app is used, open that one; otherwise set it aside (notice at the top of the page)".to_owned(),
            ),
        };
        Bilingual::new(
            format!("{it} non può essere salvat{o} in questa copia dell'app: {why_it}; la modifica vale finché la pagina resta aperta.", it = name.it, why_it = why.0),
            format!("{en} cannot be saved in this copy of the app: {why_en}; the change holds while the page stays open.", en = name.en, why_en = why.1),
        )
    }

    /// The technical detail, for «Dettagli tecnici».
    pub fn detail(&self) -> String {
        match &self.why {
            Unreadable::LaterVersion(v) => format!("{}: versione {v}", self.key),
            Unreadable::Damaged(why) => format!("{}: {why}", self.key),
        }
    }

    /// Whether the clerk may set the item aside to let this copy save a new one: a damaged
    /// item, never one of a later version (the newer copy finds it where it left it).
    pub fn can_set_aside(&self) -> bool {
        matches!(self.why, Unreadable::Damaged(_)) && self.kind != Kind::DraftAside
    }
}

/// Where a damaged item set aside by the clerk is kept (never deleted).
pub fn aside_key(key: &str) -> String {
    let rest = key.strip_prefix(PREFIX).unwrap_or(key);
    format!("{PREFIX}da-parte/{rest}")
}

/// The version a JSON object names as its `versione`, when it is beyond `known` and the
/// object is of `formato` (or names none, for the plain items' later versions).
fn later_version(text: &str, formato: Option<&str>, known: u32) -> Option<u32> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    let object = value.as_object()?;
    let version = object.get("versione")?.as_u64()?;
    let named = object.get("formato").and_then(Value::as_str);
    let ours = match (formato, named) {
        (Some(expected), Some(named)) => expected == named,
        (_, None) => true,
        (None, Some(named)) => named.starts_with(PREFIX),
    };
    (ours && version > u64::from(known)).then(|| u32::try_from(version).unwrap_or(u32::MAX))
}

fn damaged(e: impl std::fmt::Display) -> Unreadable {
    Unreadable::Damaged(e.to_string())
}

/// The trust registry, as the capofila's screen keeps it.
pub fn read_registry(text: &str) -> Result<TrustRegistry, Unreadable> {
    if let Some(v) = later_version(text, Some(REGISTRY_FORMAT_NAME), REGISTRY_FORMAT_VERSION) {
        return Err(Unreadable::LaterVersion(v));
    }
    TrustRegistry::from_json(text).map_err(|e| damaged(e.it))
}

/// The Italian trusted list kept by the capofila's screen.
pub fn read_trusted_list(text: &str) -> Result<TrustedList, Unreadable> {
    if let Some(v) = later_version(text, Some(KEPT_LIST_FORMAT_NAME), KEPT_LIST_FORMAT_VERSION) {
        return Err(Unreadable::LaterVersion(v));
    }
    kept_trusted_list::read_kept_list(text).map_err(damaged)
}

/// The key files remembered in this browser: version 1 is the JSON array of key files
/// (each naming its own format and version).
pub fn read_keys(text: &str) -> Result<Vec<KeyFile>, Unreadable> {
    if let Some(v) = later_version(text, None, PLAIN_ITEM_VERSION) {
        return Err(Unreadable::LaterVersion(v));
    }
    let items: Vec<Value> = serde_json::from_str(text).map_err(damaged)?;
    let mut keys = Vec::with_capacity(items.len());
    for item in items {
        let item = item.to_string();
        if let Some(v) = later_version(&item, Some(KEY_FORMAT_NAME), KEY_FORMAT_VERSION) {
            return Err(Unreadable::LaterVersion(v));
        }
        let key = KeyFile::from_json(&item).map_err(|e| damaged(e.message().it))?;
        key.check_sealed().map_err(|e| damaged(e.message().it))?;
        keys.push(key);
    }
    Ok(keys)
}

/// A draft of the ente's submission.
pub fn read_draft(text: &str) -> Result<Submission, Unreadable> {
    if let Some(v) = later_version(text, Some(FORMAT_NAME), FORMAT_VERSION) {
        return Err(Unreadable::LaterVersion(v));
    }
    crate::reader::read_submission(text).map_err(|e| damaged(e.message().plain.it))
}

/// The text a draft is stored as: the oldest submission version that holds it, so that an
/// older copy of the app sharing this storage (Chromium, file://) keeps reading it. A draft
/// without a text to correct is stored as version 2, without `scritto_da` (which only says
/// which copy wrote a file); one with a text to correct needs the current version.
/// A draft of version 4 (plans from 2026, d) split into SAP and SAS) is stored as version 4.
pub fn draft_text(draft: &Submission) -> String {
    let mut stored = draft.clone();
    if stored.testi_da_correggere.is_empty() && (2..FORMAT_VERSION).contains(&stored.versione) {
        stored.versione = 2;
        stored.scritto_da = None;
    }
    // A submission always serialises (plain data, string keys): never an empty draft.
    serde_json::to_string(&stored).expect("a submission always serialises")
}

/// How the file signed last for a draft is kept: its name, a newline, its exact text (which
/// names its own format and version).
pub fn signed_file_text(name: &str, text: &str) -> String {
    format!("{name}\n{text}")
}

/// The receipt of the kept signed file, made again from its bytes as at signing
/// ([`crate::receipt::Receipt::of_signed_file`]); a file of a later version is said as such.
pub fn read_signed_file(text: &str) -> Result<crate::receipt::Receipt, Unreadable> {
    let (name, file) = text
        .split_once('\n')
        .ok_or_else(|| damaged("manca il nome del file prima del testo firmato"))?;
    if let Some(v) = later_version(file, Some(FORMAT_NAME), FORMAT_VERSION) {
        return Err(Unreadable::LaterVersion(v));
    }
    crate::receipt::Receipt::of_signed_file(name, file).map_err(|why| damaged(why.it))
}

/// The capofila's texts of the plan document (version 1: the texts object itself).
pub fn read_texts(text: &str) -> Result<PlanTexts, Unreadable> {
    if let Some(v) = later_version(text, None, PLAIN_ITEM_VERSION) {
        return Err(Unreadable::LaterVersion(v));
    }
    serde_json::from_str(text).map_err(damaged)
}

/// The names of the files the capofila had loaded (version 1: a JSON array of names).
pub fn read_loaded_files(text: &str) -> Result<Vec<String>, Unreadable> {
    if let Some(v) = later_version(text, None, PLAIN_ITEM_VERSION) {
        return Err(Unreadable::LaterVersion(v));
    }
    serde_json::from_str(text).map_err(damaged)
}

/// The key of each capofila a comune knows, by its ISTAT code (version 1: a JSON object of
/// codes to keys; a later version names its `versione`, which no ISTAT code is).
pub fn read_capofila_keys(text: &str) -> Result<BTreeMap<String, String>, Unreadable> {
    if let Some(v) = later_version(text, None, PLAIN_ITEM_VERSION) {
        return Err(Unreadable::LaterVersion(v));
    }
    serde_json::from_str(text).map_err(damaged)
}

/// The language chosen: `it` or `en`, as text.
pub fn read_lang(text: &str) -> Result<&str, Unreadable> {
    match text {
        "it" | "en" => Ok(text),
        other => Err(damaged(format!("lingua «{other}»"))),
    }
}

/// The request the capofila signed, as the file it downloaded.
pub fn read_sent_request(text: &str) -> Result<(), Unreadable> {
    use crate::request::{REQUEST_FORMAT_NAME, REQUEST_FORMAT_VERSION};
    if let Some(v) = later_version(text, Some(REQUEST_FORMAT_NAME), REQUEST_FORMAT_VERSION) {
        return Err(Unreadable::LaterVersion(v));
    }
    crate::request::read_request(text.as_bytes(), None)
        .map(|_| ())
        .map_err(|e| damaged(e.italian()))
}

/// Whether this copy reads what is stored under `key`: `Ok` for what it reads (and for a key
/// that is not the app's, or a draft set aside, which nothing writes over).
pub fn check(key: &str, text: &str) -> Result<(), Problem> {
    let Some(kind) = Kind::of_key(key) else {
        return Ok(());
    };
    let read = match kind {
        Kind::Registry => read_registry(text).map(drop),
        Kind::TrustedList => read_trusted_list(text).map(drop),
        Kind::Keys => read_keys(text).map(drop),
        Kind::Draft => read_draft(text).map(drop),
        // Said too (the form for its ente and year starts empty), never written over.
        Kind::DraftAside => read_draft(text).map(drop),
        Kind::Lang => read_lang(text).map(drop),
        Kind::Texts => read_texts(text).map(drop),
        Kind::LoadedFiles => read_loaded_files(text).map(drop),
        Kind::CapofilaKeys => read_capofila_keys(text).map(drop),
        Kind::SentRequest => read_sent_request(text),
        Kind::SignedFile => read_signed_file(text).map(drop),
        Kind::Ambito => {
            if let Some(v) = later_version(text, None, PLAIN_ITEM_VERSION) {
                Err(Unreadable::LaterVersion(v))
            } else {
                crate::ambiti::import_json(text)
                    .map(drop)
                    .map_err(|e| damaged(format!("{e:?}")))
            }
        }
    };
    read.map_err(|why| Problem {
        key: key.to_owned(),
        kind,
        why,
    })
}

/// Whether this copy may write over `key`, stored as `current` (`None`: nothing stored):
/// only over nothing, or over what it reads.
pub fn may_overwrite(key: &str, current: Option<&str>) -> Result<(), Problem> {
    match current {
        None => Ok(()),
        Some(text) => check(key, text),
    }
}

/// The items among `stored` (key and text) this copy cannot read, in the order given.
pub fn unreadable<'a>(stored: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<Problem> {
    stored
        .into_iter()
        .filter_map(|(key, text)| check(key, text).err())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The registry as this copy writes it (version 3).
    fn registry_v3() -> String {
        TrustRegistry::default().to_json()
    }

    fn later(key: &str, text: &str) -> Option<u32> {
        match check(key, text) {
            Err(Problem {
                why: Unreadable::LaterVersion(v),
                ..
            }) => Some(v),
            _ => None,
        }
    }

    fn is_damaged(key: &str, text: &str) -> bool {
        matches!(
            check(key, text),
            Err(Problem {
                why: Unreadable::Damaged(_),
                ..
            })
        )
    }

    #[test]
    fn a_registry_of_a_later_version_is_not_overwritten_and_says_its_version() {
        let v4 = registry_v3().replace("\"versione\": 3", "\"versione\": 4");
        assert_eq!(later(REGISTRY, &v4), Some(4));
        let problem = may_overwrite(REGISTRY, Some(&v4)).unwrap_err();
        assert!(problem.message().it.contains("versione del formato 4"));
        assert!(problem.message().it.starts_with("Il registro delle chiavi"));
        assert!(problem
            .refusal()
            .it
            .starts_with("Il registro delle chiavi non può essere salvato in questa copia"));
        assert!(!problem.can_set_aside());
        assert!(may_overwrite(REGISTRY, Some(&registry_v3())).is_ok());
        assert!(may_overwrite(REGISTRY, None).is_ok());
    }

    #[test]
    fn a_damaged_registry_is_not_overwritten() {
        let good = registry_v3();
        let truncated = &good[..good.len() / 2];
        assert!(is_damaged(REGISTRY, truncated));
        assert!(is_damaged(REGISTRY, ""));
        assert!(is_damaged(REGISTRY, "null"));
        let mut r = TrustRegistry::default();
        let key = crate::demo::fixture_key("019035");
        let public = crate::signing::multikey::public_key_multibase(&key.verifying_key());
        assert!(r.accept(
            "019035",
            "Comune di Crema",
            &public,
            "2026-01-01T00:00:00Z",
            "x"
        ));
        let text = r.to_json();
        assert!(check(REGISTRY, &text).is_ok());
        let fingerprint = crate::signing::fingerprint(&public);
        let wrong = text.replace(&fingerprint, &"0".repeat(fingerprint.len()));
        assert_ne!(wrong, text);
        let problem = may_overwrite(REGISTRY, Some(&wrong)).unwrap_err();
        assert!(problem.can_set_aside());
        assert!(
            problem.detail().contains("impronta"),
            "{}",
            problem.detail()
        );
    }

    #[test]
    fn a_version_1_registry_as_the_first_release_wrote_it_reads() {
        let v1 = registry_v3().replace("\"versione\": 3", "\"versione\": 1");
        assert!(check(REGISTRY, &v1).is_ok());
        let v2 = registry_v3().replace("\"versione\": 3", "\"versione\": 2");
        assert!(check(REGISTRY, &v2).is_ok());
    }

    #[test]
    fn a_registry_with_signers_is_version_3_which_the_copies_that_read_up_to_2_keep() {
        let mut r = TrustRegistry::default();
        let signer = crate::signing::qualified::QualifiedSigner {
            nome_cognome: "MARIA BIANCHI".into(),
            codice_fiscale: "BNCMRA70A41C153X".into(),
            organizzazione: Some("Comune di Castelleone".into()),
            certificatore: "Prova CA".into(),
            certificato_sha256: "AB".repeat(32),
        };
        assert!(r.accept_signer(
            "019025",
            "Comune di Castelleone",
            &signer,
            "2026-11-23T10:00:00Z",
            "firma della scheda 2026"
        ));
        let text = r.to_json();
        assert!(check(REGISTRY, &text).is_ok());
        assert_eq!(read_registry(&text).unwrap(), r);
        // The previous release (registry version 2) asks this very question of what it
        // finds: a later version, kept and never written over.
        assert_eq!(later_version(&text, Some(REGISTRY_FORMAT_NAME), 2), Some(3));
    }

    fn key_file(ente_id: &str) -> KeyFile {
        crate::demo::fixture_key_file(ente_id)
    }

    #[test]
    fn the_key_list_reads_as_today_and_a_later_one_is_kept() {
        let list = serde_json::to_string(&vec![key_file("019035"), key_file("019036")]).unwrap();
        assert_eq!(read_keys(&list).unwrap().len(), 2);
        assert!(may_overwrite(KEYS, Some(&list)).is_ok());
        let wrapped = format!(
            r#"{{"formato": "offerta-abitativa/chiavi", "versione": 2, "chiavi": {list}}}"#
        );
        assert_eq!(later(KEYS, &wrapped), Some(2));
        let newer_key = list.replacen("\"versione\":1", "\"versione\":4", 1);
        assert_ne!(newer_key, list);
        assert_eq!(later(KEYS, &newer_key), Some(4));
        assert!(is_damaged(KEYS, &list[..list.len() - 3]));
        assert!(is_damaged(KEYS, "{}"));
    }

    #[test]
    fn texts_files_and_capofila_keys_read_as_today_and_later_ones_are_kept() {
        let texts = serde_json::to_string(&PlanTexts::default()).unwrap();
        let key = format!("{TEXTS_PREFIX}crema/2027");
        assert!(check(&key, &texts).is_ok());
        assert_eq!(later(&key, r#"{"versione": 2, "testi": {}}"#), Some(2));
        assert!(is_damaged(&key, r#"{"premessa": 1}"#));
        assert!(check(LOADED_FILES, r#"["a.json"]"#).is_ok());
        assert_eq!(later(LOADED_FILES, r#"{"versione": 2}"#), Some(2));
        assert!(is_damaged(LOADED_FILES, "[1]"));
        assert!(check(CAPOFILA_KEYS, r#"{"019035": "z6Mk"}"#).is_ok());
        assert_eq!(later(CAPOFILA_KEYS, r#"{"versione": 2}"#), Some(2));
        assert!(is_damaged(CAPOFILA_KEYS, r#"{"019035": 5}"#));
    }

    #[test]
    fn a_draft_of_a_later_version_is_told_from_a_damaged_one() {
        let key = format!("{DRAFT_PREFIX}019035/2027");
        let draft = serde_json::to_string(&crate::demo::crema_2021()[0]).unwrap();
        assert!(check(&key, &draft).is_ok());
        assert_eq!(
            later(
                &key,
                r#"{"formato": "offerta-abitativa/scheda", "versione": 9}"#
            ),
            Some(9)
        );
        assert!(is_damaged(&key, r#"{"corrotta"#));
        let aside = format!("{ASIDE_PREFIX}{key}");
        let problem = check(&aside, "anything").unwrap_err();
        assert!(!problem.can_set_aside(), "already aside");
        assert!(problem.message().it.contains("messa da parte"));
        assert!(problem
            .message()
            .it
            .starts_with("La bozza del Comune di Crema per il piano 2027"));
    }

    #[test]
    fn what_the_page_writes_reads_back() {
        for ambito in crate::ambiti::presets() {
            let text = serde_json::to_string(&ambito).unwrap();
            assert!(check(&format!("{AMBITO_PREFIX}{}", ambito.id), &text).is_ok());
        }
        let (_, registry) = crate::demo::crema_2021_signed_files();
        assert!(check(REGISTRY, &registry.to_json()).is_ok());
        let names = serde_json::to_string(&["a.json", "piano 2021.json"]).unwrap();
        assert!(check(LOADED_FILES, &names).is_ok());
    }

    #[test]
    fn only_the_apps_keys_are_judged_and_the_language_is_it_or_en() {
        assert!(check("altro/sito", "{").is_ok());
        assert!(check(LANG, "en").is_ok());
        assert!(is_damaged(LANG, "fr"));
        let problems = unreadable([(REGISTRY, "{"), (LANG, "it"), ("x", "y")]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, Kind::Registry);
        assert_eq!(
            aside_key(REGISTRY),
            "offerta-abitativa/da-parte/registro-chiavi"
        );
    }

    #[test]
    fn a_draft_is_stored_in_the_shape_older_copies_read_and_reads_back_the_same() {
        let draft = crate::demo::crema_2021()[0].clone().in_current_format();
        let text = draft_text(&draft);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["versione"], 2, "{text}");
        assert!(value.get("scritto_da").is_none());
        let read = read_draft(&text).unwrap().in_current_format();
        assert_eq!(read, draft);
        let mut typed = draft.clone();
        typed.keep_typed_text("consistenza.sap", "35O");
        let text = draft_text(&typed);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value["versione"],
            crate::submission::FORMAT_VERSION_BEFORE_2026
        );
        assert_eq!(read_draft(&text).unwrap(), typed);
        // A draft of a 2026 plan holds d) SAS: it is stored, and read back, as version 4.
        let mut split = crate::submission::Submission::new(
            2026,
            "crema",
            crate::submission::Ente::comune("019035").unwrap(),
        );
        split
            .avvicendamento_sas
            .as_mut()
            .unwrap()
            .senza_ripartizione = 2;
        let text = draft_text(&split);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["versione"], FORMAT_VERSION);
        assert_eq!(read_draft(&text).unwrap(), split);
    }

    #[test]
    fn the_signed_file_kept_for_the_receipt_reads_back_and_a_later_one_is_kept() {
        let draft = crate::demo::crema_2021()[0].clone();
        let key_name = format!("{SIGNED_PREFIX}{}", draft.draft_key());
        let text = crate::signing::sign_submission(
            &draft,
            &crate::demo::fixture_key(&draft.ente.id()),
            "2026-12-04T10:00:00Z",
        );
        let kept = signed_file_text("f.json", &text);
        let receipt = read_signed_file(&kept).unwrap();
        assert_eq!(receipt.file_name, "f.json");
        assert_eq!(receipt.hash, crate::signing::file_hash(text.as_bytes()));
        assert!(check(&key_name, &kept).is_ok());
        assert_eq!(
            Kind::of_key(&key_name).unwrap().name(&key_name).it,
            "Il file firmato conservato per la ricevuta, la bozza dell'ente aler:alerbresciacremonamantova per il piano 2021"
        );
        let written = crate::submission::FORMAT_VERSION_BEFORE_2026;
        let later = kept.replacen(
            &format!("\"versione\": {written}"),
            &format!("\"versione\": {}", FORMAT_VERSION + 1),
            1,
        );
        assert_ne!(later, kept);
        assert_eq!(
            check(&key_name, &later).unwrap_err().why,
            Unreadable::LaterVersion(FORMAT_VERSION + 1)
        );
        assert!(matches!(
            check(&key_name, "no newline").unwrap_err().why,
            Unreadable::Damaged(_)
        ));
    }

    fn real_trusted_list() -> TrustedList {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/trusted-list/TSL-IT-2019-09-04-seq141.xml"
        ))
        .expect("the real list is kept in tests/trusted-list");
        crate::signing::trusted_list::read_trusted_list(&bytes).unwrap()
    }

    #[test]
    fn the_real_trusted_list_is_kept_compact_and_reads_back_the_same() {
        let list = real_trusted_list();
        let text = kept_trusted_list::kept_list_text(&list);
        println!(
            "the real list (2,026,371 bytes of XML) is stored in {} bytes",
            text.len()
        );
        assert!(text.len() < 400_000, "{} bytes", text.len());
        let read = read_trusted_list(&text).unwrap();
        assert_eq!(read, list);
        assert_eq!(read.signature_anchors().count(), 127);
        assert!(check(TRUSTED_LIST, &text).is_ok());
        assert!(may_overwrite(TRUSTED_LIST, Some(&text)).is_ok());
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["formato"], "offerta-abitativa/elenco-di-fiducia");
        assert_eq!(value["versione"], 1);
        assert_eq!(value["numero"], 141);
    }

    #[test]
    fn a_trusted_list_of_a_later_version_is_kept_and_said() {
        let text = kept_trusted_list::kept_list_text(&real_trusted_list());
        let later_text = text.replacen("\"versione\":1", "\"versione\":2", 1);
        assert_ne!(later_text, text);
        assert_eq!(later(TRUSTED_LIST, &later_text), Some(2));
        // Even one a later copy shaped otherwise: its format and version are enough.
        let other = r#"{"formato":"offerta-abitativa/elenco-di-fiducia","versione":5,"xml":"…"}"#;
        assert_eq!(later(TRUSTED_LIST, other), Some(5));
        let problem = may_overwrite(TRUSTED_LIST, Some(other)).unwrap_err();
        assert!(
            !problem.can_set_aside(),
            "a newer copy finds it where it left it"
        );
        assert!(problem
            .message()
            .it
            .starts_with("L'elenco di fiducia per la firma digitale salvato in questo browser è stato scritto da una versione più recente dell'app (versione del formato 5)"));
        assert!(problem
            .refusal()
            .it
            .starts_with("L'elenco di fiducia per la firma digitale non può essere salvato"));
    }

    #[test]
    fn a_damaged_trusted_list_is_kept_and_may_be_set_aside() {
        let text = kept_trusted_list::kept_list_text(&real_trusted_list());
        let value: Value = serde_json::from_str(&text).unwrap();
        let certificate = value["servizi"][0]["certificati"][0].as_str().unwrap();
        let damaged_ones = [
            text[..text.len() / 2].to_owned(),
            String::new(),
            text.replacen(certificate, "AAAA", 1),
            text.replacen("\"territorio\":\"IT\"", "\"territorio\":\"FR\"", 1),
            text.replacen("\"emesso_il\":\"2019-09-04T08:00:00Z\"", "\"emesso_il\":\"ieri\"", 1),
            text.replacen("\"numero\":141", "\"numero\":\"141\"", 1),
            r#"{"formato":"offerta-abitativa/elenco-di-fiducia","versione":1,"territorio":"IT","numero":1,"emesso_il":"2026-01-01T00:00:00Z","prossimo_aggiornamento":"2026-07-01T00:00:00Z","gestore":"AgID","firma_dell_elenco":"assente","servizi":[]}"#.to_owned(),
        ];
        for damaged_text in damaged_ones {
            assert_ne!(damaged_text, text);
            assert!(
                is_damaged(TRUSTED_LIST, &damaged_text),
                "{:.120}",
                damaged_text
            );
            let problem = may_overwrite(TRUSTED_LIST, Some(&damaged_text)).unwrap_err();
            assert!(problem.can_set_aside());
        }
    }
}
