//! Last year's plan, read back from the aggregate the capofila signed then (issue #16, "last
//! year's figures"): the capofila drops it next to this year's files to compare the two
//! ([`crate::comparison`]) and, when the ambito lists no owners, to take last year's owners
//! for the ricognizione ([`PreviousPlan::owner_codes`]).
//!
//! Only a signed aggregate of a version this app wrote (1 or 2) is read: a submission, a
//! request or an unsigned or altered plan is refused with what the file is and what to do.
//! Of the plan it keeps what the comparison needs (`per_ente`, `per_comune`, `quote`, who
//! owned housing) and ignores the rest, which the signature covers all the same.

use serde::Deserialize;
use serde_json::Value;

use crate::aggregate::{ComuneFigures, OwnerFigures, QuotaChoices};
use crate::ambiti::Ambito;
use crate::comuni::IstatCode;
use crate::percent::Percent;
use crate::signing::cades::Trust;
use crate::signing::qualified::{QualifiedSigner, TrustAnchor};
use crate::signing::{file_hash, fingerprint, rfc3339_instant, verify_document, ProofError};
use crate::text::{day_of, Bilingual, Message};

mod firma_digitale;
mod trust;
pub use firma_digitale::{read_previous_plan_p7m, KeptP7m};
pub use trust::{CapofilaKnown, KnownBy, PlanTrust, SignerToConfirm, PLAN_SIGNER_NOTE};

/// The `formato` of the plan file the capofila signs (written by [`crate::plan_file`], read
/// back here, one layer down).
pub const PLAN_FORMAT_NAME: &str = "offerta-abitativa/piano";

/// The first plan year the app knows rules for (its oldest rule set): an earlier plan is not
/// one it wrote.
pub fn first_known_plan_year() -> u16 {
    crate::rules::RULE_SETS
        .iter()
        .map(|s| s.first_year)
        .min()
        .expect("the app ships rule sets")
}

/// Why a plan whose signing date (the proof's `created`) is no moment is refused.
fn not_a_moment(signed_at: &str) -> Message {
    let shown = crate::signing::proof::shown_created(signed_at);
    refuse(
        format!("la data di firma del piano («{shown}») non è una data e ora completa di fuso orario: il piano non è come l'app lo scrive; riprendere il file originale firmato dal capofila"),
        format!("the plan's signing date («{shown}») is not a date and time with its time zone: the plan is not as the app writes it; take the original file signed by the capofila"),
    )
    .with_technical(Some(Bilingual::new(
        "«proof.created» non è RFC 3339 con offset",
        "«proof.created» is not RFC 3339 with an offset",
    )))
}

/// Whether `signed_at` (the proof's `created`) is a date a plan of `year` can bear: an RFC
/// 3339 date and time with its offset, from 1 January of the year before (a plan is
/// prepared at the end of the year before its own) to 31 December of the year after (a plan
/// signed again, late, in the year after): requisito dell'app. The capofila's clock is
/// checked later ([`PreviousPlan::trust`]): the core reads none.
fn check_signed_at(signed_at: &str, year: u16) -> Result<(), Message> {
    let Some((signed, _)) = rfc3339_instant(signed_at) else {
        return Err(not_a_moment(signed_at));
    };
    let start = |y: u16| rfc3339_instant(&format!("{y:04}-01-01T00:00:00Z")).map(|(s, _)| s);
    let (from, until) = (start(year.saturating_sub(1)), start(year.saturating_add(2)));
    if from.is_some_and(|f| signed >= f) && until.is_some_and(|u| signed < u) {
        return Ok(());
    }
    let on = day_of(signed_at);
    Err(refuse(
        format!("il piano del {year} dice di essere stato firmato il {on}: un piano si firma tra l'anno prima e l'anno dopo il suo ({} - {}, requisito dell'app); la data non è plausibile, riprendere il file originale firmato dal capofila", year.saturating_sub(1), year.saturating_add(1)),
        format!("the {year} plan says it was signed on {on}: a plan is signed between the year before and the year after its own ({} - {}, the app's requirement); the date is not plausible, take the original file signed by the capofila", year.saturating_sub(1), year.saturating_add(1)),
    ))
}

/// The aggregate versions this reader understands (docs/FORMAT.md, "Aggregate").
pub const PREVIOUS_PLAN_VERSIONS: [u64; 2] = [1, 2];

/// The choices of g, h, i and the art. 14 share of one ente, as both years' plans hold them.
#[derive(Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct ShareChoices {
    pub ente: String,
    #[serde(default)]
    pub soglia_indigenza_percento: Option<Percent>,
    #[serde(default)]
    pub categoria_aggiuntiva: Option<String>,
    #[serde(default)]
    pub forze_polizia_percento: Option<Percent>,
    /// From the 2026 plans (r.r. 2/2025); absent in older aggregates.
    #[serde(default)]
    pub polizia_locale_percento: Option<Percent>,
    #[serde(default)]
    pub categorie_art14_percento: Option<Percent>,
}

impl ShareChoices {
    pub fn of(q: &QuotaChoices) -> ShareChoices {
        ShareChoices {
            ente: q.ente.clone(),
            soglia_indigenza_percento: q.soglia_indigenza_percento,
            categoria_aggiuntiva: q.categoria_aggiuntiva.clone(),
            forze_polizia_percento: q.forze_polizia_percento,
            polizia_locale_percento: q.polizia_locale_percento,
            categorie_art14_percento: q.categorie_art14_percento,
        }
    }
}

/// The person who signed last year's plan with a firma digitale (`.p7m`), and the standing of
/// the certificate against the trust anchors and revocation lists it was last judged against.
/// Never a key to remember: whether the person signs for the capofila is the registry's word
/// ([`PreviousPlan::trust`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanSigner {
    pub signer: QualifiedSigner,
    pub certificate: Trust,
    /// The file, to judge the certificate again ([`PreviousPlan::judged_again`]).
    pub kept: std::rc::Rc<KeptP7m>,
}

/// A previous plan whose signature holds, with what identifies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviousPlan {
    /// The ambito's id, as the plan names it.
    pub ambito: String,
    pub anno_piano: u16,
    /// The aggregate's format version (1 or 2).
    pub versione: u64,
    /// The key that signed it (multibase) and its fingerprint, to compare with the
    /// capofila's; both empty for a plan signed with a firma digitale.
    pub public_key: String,
    pub fingerprint: String,
    /// Who signed it with a firma digitale (a `.p7m`), if so.
    pub firma_digitale: Option<PlanSigner>,
    /// When it was signed (RFC 3339: the proof's `created`, or the `.p7m`'s signing time).
    pub signed_at: String,
    /// SHA-256 of the file, to name it in this year's document.
    pub hash: String,
    /// Sections a-k per ente proprietario, as last year's plan has them.
    pub per_ente: Vec<OwnerFigures>,
    /// b-f, j per ente and comune.
    pub per_comune: Vec<ComuneFigures>,
    /// g, h, i and art. 14 choices per ente.
    pub quote: Vec<ShareChoices>,
    /// Comuni known to own housing that sent nothing (version 2 with the owners known):
    /// owners all the same. Comune names.
    pub inadempienti: Vec<String>,
    /// Entes that declared no housing.
    pub nessun_patrimonio: Vec<String>,
    /// Listed owners whose file arrived but was not counted (waiting for the capofila's
    /// decision, or refused) when the plan was signed: owners all the same. Comune names.
    pub proprietari_non_conteggiati: Vec<String>,
    /// How many files waited for the capofila's decision when the plan was signed (a draft,
    /// `bozza`); none for a final plan.
    pub bozza: Option<u64>,
}

#[derive(Deserialize)]
struct RawPlan {
    ambito: Option<String>,
    anno_piano: Option<u16>,
    piano: RawPiano,
    /// A draft signed while files waited (absent in a final plan).
    #[serde(default)]
    bozza: Option<RawDraft>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDraft {
    file_in_attesa: u64,
    #[allow(dead_code)]
    nota: String,
}

/// An ente whose file arrived but was not counted (`ricognizione.in_attesa`,
/// `ricognizione.non_conteggiati`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReceived {
    ente: String,
    proprietario: bool,
    #[allow(dead_code)]
    stato: String,
}

#[derive(Deserialize)]
struct RawPiano {
    per_ente: Vec<OwnerFigures>,
    per_comune: Vec<ComuneFigures>,
    #[serde(default)]
    quote: Vec<ShareChoices>,
    /// Version 2.
    #[serde(default)]
    ricognizione: Option<RawRicognizione>,
    /// Version 1 kept it loose in `piano`.
    #[serde(default)]
    nessun_patrimonio: Vec<String>,
}

#[derive(Deserialize)]
struct RawRicognizione {
    #[serde(default)]
    proprietari_noti: bool,
    #[serde(default)]
    inadempienti: Vec<String>,
    #[serde(default)]
    nessun_patrimonio: Vec<String>,
    #[serde(default)]
    in_attesa: Vec<RawReceived>,
    #[serde(default)]
    non_conteggiati: Vec<RawReceived>,
}

impl PreviousPlan {
    /// The comuni that owned housing last year, among those of `ambito`: every comune with a
    /// row in `per_ente`, and the listed owners that sent nothing. The plan names entes
    /// ("Comune di Crema"), not codes, so a name is looked up among the ambito's comuni only
    /// (two comuni of Lombardy may share a name, two of one ambito do not). The ALER is no
    /// comune and is not among them. Sorted by code, each once.
    pub fn owner_codes(&self, ambito: &Ambito) -> Vec<IstatCode> {
        let named = |name: &str| {
            ambito
                .comuni
                .iter()
                .copied()
                .find(|&code| crate::comuni::by_code(code).is_some_and(|c| c.nome == name))
        };
        let mut codes: Vec<IstatCode> = self
            .per_ente
            .iter()
            .filter_map(|o| o.ente.strip_prefix("Comune di "))
            .chain(self.inadempienti.iter().map(String::as_str))
            .chain(self.proprietari_non_conteggiati.iter().map(String::as_str))
            .filter_map(named)
            .collect();
        codes.sort();
        codes.dedup();
        codes
    }

    /// Whether this plan can be compared with the plan of `ambito_id` for `year`: another
    /// ambito is refused; a year other than the one before is allowed, with the note returned.
    pub fn fits(&self, ambito_id: &str, year: u16) -> Result<Option<Bilingual>, Bilingual> {
        if self.ambito != ambito_id {
            return Err(Bilingual::new(
                format!(
                    "il piano caricato è dell'ambito «{}», non di questo («{ambito_id}»): per il confronto caricare il piano dell'anno precedente dello stesso ambito",
                    self.ambito
                ),
                format!(
                    "the plan loaded is of the ambito «{}», not of this one («{ambito_id}»): for the comparison load last year's plan of the same ambito",
                    self.ambito
                ),
            ));
        }
        let previous = self.anno_piano;
        let first = first_known_plan_year();
        if previous < first {
            return Err(Bilingual::new(
                format!("il piano caricato dice di essere del {previous}, prima del primo piano che questa app conosce ({first}): non è un piano scritto da questa app; caricare il piano del {}", year.saturating_sub(1)),
                format!("the plan loaded says it is of {previous}, before the first plan this app knows ({first}): it is not a plan this app wrote; load the {} plan", year.saturating_sub(1)),
            ));
        }
        if previous >= year {
            return Err(Bilingual::new(
                format!("il piano caricato è del {previous}, non di un anno precedente al piano {year}: caricare il piano del {}", year.saturating_sub(1)),
                format!("the plan loaded is of {previous}, not of a year before the {year} plan: load the {} plan", year.saturating_sub(1)),
            ));
        }
        Ok((previous + 1 != year).then(|| {
            Bilingual::new(
                format!("il piano di confronto è del {previous}, non dell'anno precedente ({}): le variazioni sono su {} anni", year - 1, year - previous),
                format!("the plan compared with is of {previous}, not of the year before ({}): the changes span {} years", year - 1, year - previous),
            )
        }))
    }
}

fn refuse(it: impl Into<String>, en: impl Into<String>) -> Message {
    Message::new(it, en)
}

/// What a submission is, in words: "la scheda del Comune di Crema per il piano 2021".
fn submission_words(value: &Value) -> (String, String) {
    let ente = value.get("ente");
    let name = match ente.and_then(|e| e.get("tipo")).and_then(Value::as_str) {
        Some("comune") => ente
            .and_then(|e| e.get("nome"))
            .and_then(Value::as_str)
            .map(|n| format!("Comune di {}", crate::text::visible(n))),
        Some("aler") => ente
            .and_then(|e| e.get("nome"))
            .and_then(Value::as_str)
            .map(crate::text::visible),
        _ => None,
    };
    let year = value.get("anno_piano").and_then(Value::as_u64);
    let it = match (&name, year) {
        (Some(n), Some(y)) => format!(" ({n}, piano {y})"),
        (Some(n), None) => format!(" ({n})"),
        _ => String::new(),
    };
    let en = match (&name, year) {
        (Some(n), Some(y)) => format!(" ({n}, plan {y})"),
        (Some(n), None) => format!(" ({n})"),
        _ => String::new(),
    };
    (it, en)
}

/// What to load instead, said after every refusal of a file that is not last year's plan.
const WHAT_TO_LOAD: (&str, &str) = (
    "caricare il piano dell'anno precedente così come è stato firmato dal capofila (il file firmato nell'app, che termina in .json, o firmato digitalmente, che termina in .json.p7m)",
    "load last year's plan as the capofila signed it (the file signed in the app, ending in .json, or signed digitally, ending in .json.p7m)",
);

/// The file as JSON: text (a byte-order mark allowed) that the strict reader takes.
fn plan_value(bytes: &[u8]) -> Result<Value, Message> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        refuse(
            format!(
                "il file non è un piano di Offerta Abitativa ma un altro tipo di file: {}",
                WHAT_TO_LOAD.0
            ),
            format!(
                "the file is not an Offerta Abitativa plan but another kind of file: {}",
                WHAT_TO_LOAD.1
            ),
        )
    })?;
    crate::strict_json::parse(text.trim_start_matches('\u{feff}')).map_err(|e| {
        refuse(
            format!("il file non si può leggere come piano: è vuoto, danneggiato o modificato a mano; {}", WHAT_TO_LOAD.0),
            format!("the file cannot be read as a plan: it is empty, damaged or edited by hand; {}", WHAT_TO_LOAD.1),
        )
        .with_technical(e.technical())
    })
}

/// The plan format's version, when the file is a plan of a version this app reads; what
/// the file is instead (a submission, a request, something else) when it is not a plan.
fn plan_version(value: &Value) -> Result<u64, Message> {
    match value.get("formato").and_then(Value::as_str) {
        Some(PLAN_FORMAT_NAME) => {}
        Some(crate::submission::FORMAT_NAME) => {
            let (it, en) = submission_words(value);
            return Err(refuse(
                format!("il file è la scheda di un ente{it}, non il piano dell'ambito firmato dal capofila: le schede di quest'anno vanno caricate tra i file ricevuti; per il confronto {}", WHAT_TO_LOAD.0),
                format!("the file is an ente's submission{en}, not the ambito's plan signed by the capofila: this year's submissions go among the files received; for the comparison {}", WHAT_TO_LOAD.1),
            ));
        }
        Some(crate::request::REQUEST_FORMAT_NAME) => {
            return Err(refuse(
                format!("il file è la richiesta inviata dal capofila ai comuni, non un piano: per il confronto {}", WHAT_TO_LOAD.0),
                format!("the file is the request the capofila sent to the comuni, not a plan: for the comparison {}", WHAT_TO_LOAD.1),
            ));
        }
        _ => {
            return Err(refuse(
                format!(
                    "il file non è un piano di Offerta Abitativa: {}",
                    WHAT_TO_LOAD.0
                ),
                format!(
                    "the file is not an Offerta Abitativa plan: {}",
                    WHAT_TO_LOAD.1
                ),
            ));
        }
    }
    let versione = value.get("versione").and_then(Value::as_u64);
    match versione {
        Some(v) if PREVIOUS_PLAN_VERSIONS.contains(&v) => Ok(v),
        Some(v) if v > PREVIOUS_PLAN_VERSIONS[PREVIOUS_PLAN_VERSIONS.len() - 1] => {
            Err(refuse(
                format!("il piano è stato scritto da una versione più recente dell'app (formato versione {v}): aggiornare l'app per leggerlo"),
                format!("the plan was written by a newer version of the app (format version {v}): update the app to read it"),
            ))
        }
        _ => {
            Err(refuse(
                "il piano è di una versione del formato che questa app non legge",
                "the plan is of a format version this app does not read",
            )
            .with_technical(Some(Bilingual::new(
                "«versione» mancante o non valida",
                "«versione» missing or not valid",
            ))))
        }
    }
}

/// The owners the ricognizione named (inadempienti, and those whose file was received but not
/// counted), and the comuni that declared no housing, from either format version.
fn owner_lists(
    ricognizione: Option<RawRicognizione>,
    nessun_patrimonio: Vec<String>,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    match ricognizione {
        // Version 1 called every silent comune inadempiente, owner or not: not an owner list.
        Some(r) if r.proprietari_noti => {
            let owners = r
                .in_attesa
                .into_iter()
                .chain(r.non_conteggiati)
                .filter(|e| e.proprietario)
                .map(|e| e.ente)
                .collect();
            (r.inadempienti, r.nessun_patrimonio, owners)
        }
        Some(r) => (Vec::new(), r.nessun_patrimonio, Vec::new()),
        None => (Vec::new(), nessun_patrimonio, Vec::new()),
    }
}

/// Reads last year's plan: a signed aggregate (`offerta-abitativa/piano`, version 1 or 2)
/// whose signature holds and that names its ambito and year.
pub fn read_previous_plan(bytes: &[u8]) -> Result<PreviousPlan, Message> {
    let value = plan_value(bytes)?;
    let versione = plan_version(&value)?;
    let (public_key, document) = verify_document(&value).map_err(|e| match e {
        ProofError::Missing => refuse(
            "il piano non è firmato: per il confronto serve il piano firmato con la chiave del capofila (il file scaricato con la firma, non la versione non firmata)",
            "the plan is not signed: the comparison needs the plan signed with the capofila's key (the file downloaded with the signature, not the unsigned one)",
        ),
        ProofError::BadCreated(created) => not_a_moment(&created),
        ProofError::BadSignature => refuse(
            "il piano è stato modificato dopo la firma: non usarlo per il confronto e riprendere il file originale firmato dal capofila",
            "the plan was changed after it was signed: do not use it for the comparison and take the original file signed by the capofila",
        ),
        other => refuse(
            "la firma del piano non è valida: riprendere il file originale firmato dal capofila",
            "the plan's signature is not valid: take the original file signed by the capofila",
        )
        .with_detail(other),
    })?;
    let signed_at = value["proof"]["created"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let mut plan = plan_of(document, versione, signed_at, file_hash(bytes))?;
    plan.fingerprint = fingerprint(&public_key);
    plan.public_key = public_key;
    Ok(plan)
}

/// Last year's plan, signed either way: a `.p7m` ([`read_previous_plan_p7m`]) when the bytes
/// look like one, else the app-signed JSON ([`read_previous_plan`]). `anchors`, the
/// revocation `lists` and `now` serve the `.p7m` only.
pub fn read_any_previous_plan(
    bytes: &[u8],
    anchors: &std::rc::Rc<Vec<TrustAnchor>>,
    lists: &std::rc::Rc<Vec<crate::signing::cades::RevocationList>>,
    now: &str,
) -> Result<PreviousPlan, Message> {
    if crate::signing::cades::looks_like_p7m(bytes) {
        read_previous_plan_p7m(bytes, anchors, lists, now)
    } else {
        read_previous_plan(bytes)
    }
}

/// The content of a plan as its signature covers it, read the same way whoever signed; the
/// signer is the caller's to set.
fn plan_of(
    document: Value,
    versione: u64,
    signed_at: String,
    hash: String,
) -> Result<PreviousPlan, Message> {
    let raw: RawPlan = serde_json::from_value(document).map_err(|e| {
        refuse(
            "il piano non rispetta il formato e non si può confrontare",
            "the plan does not follow the format and cannot be compared",
        )
        .with_detail(e)
    })?;
    let (Some(ambito), Some(anno_piano)) = (raw.ambito, raw.anno_piano) else {
        return Err(refuse(
            "il piano non indica l'ambito o l'anno (era vuoto quando è stato firmato) e non si può confrontare",
            "the plan names no ambito or year (it was empty when signed) and cannot be compared",
        ));
    };
    check_signed_at(&signed_at, anno_piano)?;
    let (inadempienti, nessun_patrimonio, proprietari_non_conteggiati) =
        owner_lists(raw.piano.ricognizione, raw.piano.nessun_patrimonio);
    let bozza = raw.bozza.map(|b| b.file_in_attesa);
    Ok(PreviousPlan {
        ambito,
        anno_piano,
        versione,
        public_key: String::new(),
        fingerprint: String::new(),
        firma_digitale: None,
        signed_at,
        hash,
        per_ente: raw.piano.per_ente,
        per_comune: raw.piano.per_comune,
        quote: raw.piano.quote,
        inadempienti,
        nessun_patrimonio,
        proprietari_non_conteggiati,
        bozza,
    })
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod p7m_trust_tests;
