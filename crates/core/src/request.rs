//! The capofila's request to the comuni ("richiesta di ricognizione", issue #16). The capofila signs it
//! with its own key, the same signature scheme as a submission, and sends it by PEC; a
//! comune opens it to start its submission with the ambito and the year fixed. A request
//! that does not verify, is of another format, or is signed by a key other than the one the
//! comune already knows for its capofila is refused with the reason and changes nothing.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ambiti::Ambito;
use crate::comuni::IstatCode;
use crate::signing::{file_hash, fingerprint, rfc3339_instant, sign_document, verify_document};
use crate::signing::{ProofError, SigningKey};
use crate::submission::RequestRef;
use crate::text::{Bilingual, Message};

pub(crate) mod firma_digitale;
mod plausible;
pub use firma_digitale::{capofila_sender, read_request_p7m, read_sent_request, QualifiedRequest};
pub use plausible::{first_hidden, MAX_DAYS_TO_DEADLINE};

pub const REQUEST_FORMAT_NAME: &str = "offerta-abitativa/richiesta";
/// The version the app writes: version 2 says which copy of the app wrote the request
/// (`scritto_da`); version 1 is still read.
pub const REQUEST_FORMAT_VERSION: u32 = 2;
/// The oldest version still read.
pub const OLDEST_REQUEST_FORMAT_VERSION_READ: u32 = 1;

/// Who asks: the comune capofila and whom to contact.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RequestSender {
    /// "Comune di Crema".
    pub nome: String,
    pub codice_istat: String,
    /// The office or person who follows the plan.
    pub referente: String,
    /// PEC or e-mail address, or a telephone number.
    pub contatto: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub formato: String,
    pub versione: u32,
    /// Which copy of the app wrote the request ([`crate::written_by`]); absent in version 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scritto_da: Option<String>,
    /// The ambito as an ambito file writes it (id, name, comuni, the comuni known to own
    /// housing): the comune's app may not have it among its presets, and the request is how
    /// the capofila's list and its owners reach every comune. Read with the ambito reader.
    pub ambito: Ambito,
    pub anno_piano: u16,
    /// The day the answers are due (YYYY-MM-DD): after it the app warns, never blocks.
    pub scadenza: String,
    pub capofila: RequestSender,
    pub messaggio: String,
}

impl Request {
    pub fn new(
        ambito: &Ambito,
        anno_piano: u16,
        scadenza: &str,
        capofila: RequestSender,
        messaggio: &str,
    ) -> Request {
        Request {
            formato: REQUEST_FORMAT_NAME.into(),
            versione: REQUEST_FORMAT_VERSION,
            scritto_da: Some(crate::written_by()),
            ambito: ambito.clone(),
            anno_piano,
            scadenza: scadenza.into(),
            capofila,
            messaggio: messaggio.into(),
        }
    }

    /// The request for `ambito` and the plan of `year` from the capofila `sender` (its name
    /// and id as its key file says them): only the comune capofila's key asks; the deadline
    /// must be a date and the referente and the contact are what a comune needs to reach the
    /// capofila. The page and `offerta richiesta` both make their request here.
    pub fn compose(
        ambito: &Ambito,
        year: u16,
        sender: RequestSender,
        deadline: &str,
        message: &str,
    ) -> Result<Request, Bilingual> {
        check_plan_signer(ambito, &sender.nome, &sender.codice_istat)?;
        let sender = RequestSender {
            referente: sender.referente.trim().to_owned(),
            contatto: sender.contatto.trim().to_owned(),
            ..sender
        };
        let request = Request::new(ambito, year, deadline.trim(), sender, message.trim());
        if request.days_left(deadline.trim()).is_none() {
            return Err(Bilingual::new(
                "Indicare la scadenza come data (giorno, mese e anno).",
                "Give the deadline as a date (day, month and year).",
            ));
        }
        if request.capofila.referente.is_empty() || request.capofila.contatto.is_empty() {
            return Err(Bilingual::new(
                "Indicare il referente e il contatto (PEC, e-mail o telefono): i comuni li usano per le domande (requisito dell'app).",
                "Give the contact person and how to reach them (PEC, e-mail or telephone): the comuni use them for questions (the app's requirement).",
            ));
        }
        Ok(request)
    }

    /// The comuni known to own housing (the ricognizione's owners, each required to answer).
    pub fn owners(&self) -> impl Iterator<Item = IstatCode> + '_ {
        self.ambito
            .comuni
            .iter()
            .copied()
            .filter(|c| self.ambito.owns_stock(*c))
    }

    /// The request signed with the capofila's `key` at `when` (RFC 3339), as the file to send.
    pub fn signed(&self, key: &SigningKey, when: &str) -> String {
        let Value::Object(document) =
            serde_json::to_value(self).expect("a request always serialises")
        else {
            unreachable!("a request serialises to an object")
        };
        serde_json::to_string_pretty(&sign_document(document, key, when))
            .expect("a JSON value always serialises")
    }

    /// Whether the request, signed at `when` (RFC 3339), is one the comuni will use: the
    /// checks [`read_request`] makes of what a request says (plan year, deadline, preset
    /// ambito, capofila's name, invisible characters), so the capofila's panel and
    /// `offerta richiesta` refuse to sign one the comuni would refuse.
    pub fn check_before_signing(&self, when: &str) -> Result<(), Bilingual> {
        if self.scadenza.len() != 10 || self.days_left(&self.scadenza).is_none() {
            let shown = crate::text::visible(&self.scadenza);
            return Err(refuse(
                format!("La richiesta non si può firmare: la scadenza «{shown}» non è una data."),
                format!("The request cannot be signed: the deadline «{shown}» is not a date."),
            ));
        }
        plausible::check(self, when).map_err(|why| {
            refuse(
                format!("La richiesta non si può firmare: {}.", why.it),
                format!("The request cannot be signed: {}.", why.en),
            )
        })
    }

    /// Days from `today` (YYYY-MM-DD or RFC 3339) to the deadline: 0 on the day itself,
    /// negative after it; `None` if either is not a date.
    pub fn days_left(&self, today: &str) -> Option<i64> {
        days_between(today, &self.scadenza)
    }
}

/// Whether the key of `ente` (its id `ente_id`, as its key file says) may sign for the
/// ambito's plan, its request and the plan itself: only the comune capofila's may.
pub fn check_plan_signer(ambito: &Ambito, ente: &str, ente_id: &str) -> Result<(), Bilingual> {
    let Some(capofila) = ambito.capofila_code() else {
        return Err(Bilingual::new(
            "L'ambito non indica il comune capofila, l'unico che firma il piano: aggiungerlo al file dell'ambito («capofila»: codice ISTAT).",
            "The ambito does not name its comune capofila, the only one that signs the plan: add it to the ambito file («capofila»: ISTAT code).",
        ));
    };
    if ente_id == capofila.to_string() {
        return Ok(());
    }
    let name = crate::comuni::by_code(capofila).map_or(String::new(), |c| c.nome.clone());
    Err(Bilingual::new(
        format!("La chiave aperta è di «{ente}» ({ente_id}): il piano si firma solo con la chiave del comune capofila, Comune di {name} ({capofila}). Aprire la chiave del capofila."),
        format!("The key opened is «{ente}»'s ({ente_id}): the plan is signed only with the key of the comune capofila, Comune di {name} ({capofila}). Open the capofila's key."),
    ))
}

impl RequestRef {
    /// Days from `today` to the deadline (see [`Request::days_left`]).
    pub fn days_left(&self, today: &str) -> Option<i64> {
        days_between(today, &self.scadenza)
    }

    /// "Scadenza: 20/12/2026 (mancano 19 giorni)", or after it "... è passata da 2 giorni:
    /// inviare comunque la scheda al capofila" (a warning, never a block).
    pub fn deadline_line(&self, today: &str) -> Bilingual {
        deadline_line(&self.scadenza, today)
    }
}

fn days_between(today: &str, deadline: &str) -> Option<i64> {
    let day = |text: &str| {
        let date = text.get(0..10)?;
        rfc3339_instant(&format!("{date}T00:00:00Z")).map(|(s, _)| s / 86_400)
    };
    Some(day(deadline)? - day(today)?)
}

/// The deadline and the days to it in words, the same on the comune's form and the
/// capofila's board.
pub fn deadline_line(deadline: &str, today: &str) -> Bilingual {
    let on = crate::text::day_of(deadline);
    match days_between(today, deadline) {
        None => Bilingual::new(
            format!("Scadenza: {deadline}"),
            format!("Deadline: {deadline}"),
        ),
        Some(0) => Bilingual::new(
            format!("Scadenza: oggi, {on}"),
            format!("Deadline: today, {on}"),
        ),
        Some(1) => Bilingual::new(
            format!("Scadenza: {on} (manca 1 giorno)"),
            format!("Deadline: {on} (1 day left)"),
        ),
        Some(n) if n > 0 => Bilingual::new(
            format!("Scadenza: {on} (mancano {n} giorni)"),
            format!("Deadline: {on} ({n} days left)"),
        ),
        Some(n) => {
            let late = -n;
            let (giorni, days) = if late == 1 {
                ("1 giorno".to_owned(), "1 day".to_owned())
            } else {
                (format!("{late} giorni"), format!("{late} days"))
            };
            Bilingual::new(
                format!("Scadenza passata: era il {on}, {giorni} fa. La scheda si può ancora inviare: avvisare il capofila del ritardo."),
                format!("Deadline passed: it was {on}, {days} ago. The submission can still be sent: tell the capofila it is late."),
            )
        }
    }
}

/// A request whose signature holds, with what identifies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedRequest {
    pub request: Request,
    /// The capofila's key (multibase) and its fingerprint, to remember and to compare.
    pub public_key: String,
    pub fingerprint: String,
    /// SHA-256 of the file: the submission that answers names it.
    pub hash: String,
    /// For a request signed with a firma digitale (`….json.p7m`), who signed and what the
    /// clerk checks ([`QualifiedRequest::signer_note`]); `public_key` and `fingerprint` are
    /// then empty: there is no app key to remember (`request/firma_digitale.rs`).
    pub signed_digitally: Option<Bilingual>,
    /// Who signed it with a firma digitale, as the certificate names them.
    pub signed_by: Option<crate::signing::qualified::QualifiedSigner>,
}

impl VerifiedRequest {
    /// How the request is signed, in one sentence: with the app key of fingerprint …, or
    /// digitally by the person the certificate names (the capofila's line on the request in
    /// use).
    pub fn signed_with(&self) -> Bilingual {
        match &self.signed_by {
            Some(s) => {
                let named = s.named();
                Bilingual::new(
                    format!("Firmata digitalmente da {}.", named.it),
                    format!("Digitally signed by {}.", named.en),
                )
            }
            None => Bilingual::new(
                format!("Firmata con la chiave di impronta {}.", self.fingerprint),
                format!("Signed with the key of fingerprint {}.", self.fingerprint),
            ),
        }
    }

    /// What an answer keeps of this request.
    pub fn reference(&self) -> RequestRef {
        RequestRef {
            hash: self.hash.clone(),
            capofila: self.request.capofila.nome.clone(),
            scadenza: self.request.scadenza.clone(),
        }
    }

    /// The empty submission of `ente` answering this request: the ambito and the plan year
    /// are the request's, fixed; the submission names the request.
    pub fn start(&self, ente: crate::submission::Ente) -> crate::Submission {
        let mut submission =
            crate::Submission::new(self.request.anno_piano, &self.request.ambito.id, ente);
        submission.richiesta = Some(self.reference());
        submission
    }

    /// The answer started from the ente's submission of an earlier year (signed file or
    /// draft, see [`crate::carry_forward`]): prefilled, marked to check, naming this request.
    /// A file of another ambito is refused: it is not the ente this request asks.
    pub fn start_from_last_year(&self, bytes: &[u8]) -> Result<crate::Submission, Bilingual> {
        let last = crate::carry_forward::read_last_year(bytes)?;
        if last.ambito != self.request.ambito.id {
            return Err(refuse(
                format!(
                    "la scheda è dell'ambito «{}», la richiesta dell'ambito «{}»: aprire la scheda dell'anno precedente di questo ambito",
                    last.ambito, self.request.ambito.nome
                ),
                format!(
                    "the submission is of the ambito «{}», the request of the ambito «{}»: open last year's submission of this ambito",
                    last.ambito, self.request.ambito.nome
                ),
            ));
        }
        let mut submission =
            crate::carry_forward::carry_forward_from(&last, self.request.anno_piano)?;
        submission.richiesta = Some(self.reference());
        Ok(submission)
    }
}

/// What this computer knows of the capofila's key when a request whose signature holds is
/// opened (the request's own key against the one remembered for its capofila, if any).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyStanding {
    /// The key is the one remembered for this capofila: the request can be answered.
    Known,
    /// No key is remembered for this capofila: its first request here. Anyone can make a
    /// key and sign a request with a capofila's name, so it is not answered, nor its key
    /// remembered, before the clerk has compared the fingerprint with the capofila's PEC.
    First,
    /// The memory of the capofila keys cannot be read (damaged, or written by a newer copy
    /// of the app): whether the capofila is known cannot be said, so the request is treated
    /// as a first one and the clerk is told why.
    MemoryUnreadable,
    /// Signed with a firma digitale: no app key to know or remember; the clerk checks, each
    /// time, that the person named signs for the capofila.
    FirmaDigitale,
}

impl VerifiedRequest {
    /// What the clerk must do about the key before answering, in words.
    pub fn key_note(&self, standing: KeyStanding) -> Bilingual {
        let fp = &self.fingerprint;
        let compare_it = format!("Prima di rispondere confrontare l'impronta della chiave del capofila, {fp}, con quella scritta nella PEC con cui il capofila ha inviato la richiesta (o chiederla al capofila per telefono): se non è la stessa, non usare la richiesta e avvisare il capofila.");
        let compare_en = format!("Before answering compare the fingerprint of the capofila's key, {fp}, with the one written in the PEC with which the capofila sent the request (or ask the capofila for it by telephone): if it is not the same, do not use the request and tell the capofila.");
        if let Some(note) = &self.signed_digitally {
            return note.clone();
        }
        match standing {
            KeyStanding::Known => Bilingual::new(
                format!("Firmata con la stessa chiave delle richieste precedenti di questo capofila (impronta {fp})."),
                format!("Signed with the same key as this capofila's earlier requests (fingerprint {fp})."),
            ),
            KeyStanding::First | KeyStanding::FirmaDigitale => Bilingual::new(
                format!("Da verificare: è la prima richiesta di questo capofila aperta su questo computer, e chiunque può firmare una richiesta a nome di un capofila. {compare_it}"),
                format!("To be checked: this is the first request of this capofila opened on this computer, and anyone can sign a request in a capofila's name. {compare_en}"),
            ),
            KeyStanding::MemoryUnreadable => Bilingual::new(
                format!("Da verificare: la memoria delle chiavi dei capofila già conosciuti non si può leggere, quindi non si sa se questa è la chiave di sempre del capofila. {compare_it}"),
                format!("To be checked: the memory of the capofila keys already known cannot be read, so it cannot be said whether this is the capofila's usual key. {compare_en}"),
            ),
        }
    }

    /// How many comuni the request names as owners of housing (each required to answer):
    /// the capofila's claim, said plainly where the request is summarised.
    pub fn owners_line(&self) -> Bilingual {
        self.request.owners_line()
    }
}

impl Request {
    /// How many comuni the request names as owners of housing, said plainly (for a request
    /// signed with the app's key or with a firma digitale alike).
    pub fn owners_line(&self) -> Bilingual {
        let ambito = &self.ambito;
        let (owners, all) = (self.owners().count(), ambito.comuni.len());
        if !ambito.owners_known() {
            return Bilingual::new(
                "Il capofila non indica quali comuni hanno alloggi.",
                "The capofila does not say which comuni own housing.",
            );
        }
        let (tutti, every) = if owners == all {
            (" (tutti)", " (all of them)")
        } else {
            ("", "")
        };
        Bilingual::new(
            format!("Comuni indicati dal capofila come proprietari di alloggi, tenuti a rispondere: {owners} su {all}{tutti}."),
            format!("Comuni the capofila names as owners of housing, required to answer: {owners} of {all}{every}."),
        )
    }
}

/// What a clerk may do when a request is refused for being signed with another key than the
/// one remembered (fingerprints `known` and `new`): the capofila may really have changed its
/// key; only after checking with it by telephone or PEC is the remembered key forgotten.
pub fn forget_key_advice(known: &str, new: &str) -> Bilingual {
    Bilingual::new(
        format!("Se il capofila ha cambiato chiave, lo conferma per telefono o PEC dando la nuova impronta: solo se è {new} dimenticare la chiave conosciuta (impronta {known}) e aprire di nuovo la richiesta."),
        format!("If the capofila changed its key, it confirms it by telephone or PEC giving the new fingerprint: only if it is {new} forget the known key (fingerprint {known}) and open the request again."),
    )
}

/// A request signed with another key than the one remembered for its capofila: refused, and
/// what the clerk may do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherKey {
    /// Why the request is refused (as [`read_request`] says it with the known key).
    pub why: Message,
    /// [`forget_key_advice`] for the two keys.
    pub advice: Bilingual,
}

impl VerifiedRequest {
    /// Trust on first use: how this request's key stands against the key this computer
    /// remembers for its capofila (`remembered`: `Ok(None)` when none is, `Err(())` when the
    /// memory of keys cannot be read, which makes the request a first one). A request signed
    /// with another key than the remembered one is refused.
    pub fn standing(
        &self,
        remembered: Result<Option<&str>, ()>,
    ) -> Result<KeyStanding, Box<OtherKey>> {
        // A firma digitale neither confirms nor contradicts the remembered app key.
        if self.signed_digitally.is_some() {
            return Ok(KeyStanding::FirmaDigitale);
        }
        match remembered {
            Err(()) => Ok(KeyStanding::MemoryUnreadable),
            Ok(None) => Ok(KeyStanding::First),
            Ok(Some(known)) if known == self.public_key => Ok(KeyStanding::Known),
            Ok(Some(known)) => Err(Box::new(OtherKey {
                why: signed_with_another_key(&self.fingerprint, known),
                advice: forget_key_advice(&fingerprint(known), &self.fingerprint),
            })),
        }
    }
}

/// The refusal of a request whose key (fingerprint `signer`) is not the `known` one.
fn signed_with_another_key(signer: &str, known: &str) -> Message {
    refused(
        format!(
            "la richiesta è firmata con una chiave diversa da quella del capofila già conosciuta (impronta {signer} invece di {}): verificare con il capofila prima di usarla",
            fingerprint(known)
        ),
        format!(
            "the request is signed with another key than the capofila's known one (fingerprint {signer} instead of {}): check with the capofila before using it",
            fingerprint(known)
        ),
    )
}

fn refuse(it: impl Into<String>, en: impl Into<String>) -> Bilingual {
    Bilingual::new(it, en)
}

/// A request refused when read, with the parser's words as technical detail where it has
/// some.
fn refused(it: impl Into<String>, en: impl Into<String>) -> Message {
    Message::new(it, en)
}

/// What a comune does with a request it cannot use: ask the capofila for it again.
const ASK_AGAIN: (&str, &str) = (
    "chiedere al capofila di inviare di nuovo la richiesta",
    "ask the capofila to send the request again",
);

/// A comune of the request's ambito (or among its owners, or its capofila) that is not a
/// comune of Lombardy, named in plain words (the ambito reader would name its place in a
/// list, which means nothing to whoever opened a request).
fn not_lombard(ambito: &Ambito) -> Option<Message> {
    let stranger = ambito
        .comuni
        .iter()
        .chain(ambito.con_patrimonio.iter().flatten())
        .chain(ambito.capofila.iter())
        .find(|c| !crate::comuni::is_lombard(**c))?;
    Some(refused(
        format!(
            "l'elenco dei comuni dell'ambito nella richiesta non è valido: il codice ISTAT {stranger} non è un comune della Lombardia; {}",
            ASK_AGAIN.0
        ),
        format!(
            "the list of the ambito's comuni in the request is not valid: ISTAT code {stranger} is not a comune of Lombardy; {}",
            ASK_AGAIN.1
        ),
    ))
}

/// The file as JSON: text (a byte-order mark allowed) that the strict reader takes.
fn request_value(bytes: &[u8]) -> Result<Value, Message> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        refused(
            format!("il file non è una richiesta del capofila ma un altro tipo di file (forse un PDF, un'immagine o un documento di testo): {}", ASK_AGAIN.0),
            format!("the file is not a request of the capofila but another kind of file (perhaps a PDF, an image or a text document): {}", ASK_AGAIN.1),
        )
        .with_technical(Some(Bilingual::new(
            "il contenuto non è testo UTF-8",
            "the content is not UTF-8 text",
        )))
    })?;
    crate::strict_json::parse(text.trim_start_matches('\u{feff}')).map_err(|e| {
        if e == crate::strict_json::JsonError::Empty {
            return refused(
                format!("il file è vuoto: {}", ASK_AGAIN.0),
                format!("the file is empty: {}", ASK_AGAIN.1),
            );
        }
        e.message_asking(ASK_AGAIN)
    })
}

/// Whether the file is a request of a version this app reads; what it is instead (a
/// submission, a signing key, something else) when it is not a request.
fn check_request_format(value: &Value) -> Result<(), Message> {
    match value.get("formato").and_then(Value::as_str) {
        Some(REQUEST_FORMAT_NAME) => {}
        Some(crate::submission::FORMAT_NAME) => {
            return Err(refused(
                "il file è la scheda di un ente, non una richiesta del capofila: aprirlo da «Compila la scheda dell'ente»",
                "the file is an ente's submission, not a request of the capofila: open it from «Fill in the ente's submission»",
            ))
        }
        Some(crate::signing::keyfile::KEY_FORMAT_NAME) => {
            let ente = crate::text::visible(
                value.get("ente").and_then(Value::as_str).unwrap_or("un ente"),
            );
            return Err(refused(
                format!("questo file è la chiave privata di firma di «{ente}», non una richiesta: una chiave non si invia mai. Non usarlo e non inoltrarlo; avvisare il capofila: deve creare subito una nuova chiave (questa è uscita dal suo ufficio e non va più usata) e inviare di nuovo la richiesta firmata con quella"),
                format!("this file is the private signing key of «{ente}», not a request: a key is never sent. Do not use it or forward it; tell the capofila: it must create a new key at once (this one has left its office and must not be used again) and send the request again signed with it"),
            ));
        }
        _ => {
            return Err(refused(
                format!("il file non è una richiesta del capofila di Offerta Abitativa: forse è stato allegato un altro file al posto della richiesta firmata; {}", ASK_AGAIN.0),
                format!("the file is not an Offerta Abitativa request of the capofila: perhaps another file was attached in place of the signed request; {}", ASK_AGAIN.1),
            ))
        }
    }
    let version = value.get("versione").and_then(Value::as_u64);
    let readable =
        u64::from(OLDEST_REQUEST_FORMAT_VERSION_READ)..=u64::from(REQUEST_FORMAT_VERSION);
    if !version.is_some_and(|v| readable.contains(&v)) {
        return Err(refused(
            "la richiesta è di una versione che questa app non legge: aggiornare l'app o chiedere al capofila una richiesta nuova",
            "the request is of a version this app does not read: update the app or ask the capofila for a new request",
        ));
    }
    Ok(())
}

/// What the request says, checked as the comune relies on it: its ambito as an ambito file
/// is checked, its deadline a date, and the whole plausible for when it was `signed_at`.
fn check_request_content(request: &Request, signed_at: &str) -> Result<(), Message> {
    // The ambito is checked as an ambito file is (Lombard comuni, sorted, owners among
    // them): a request is how a capofila's own list reaches the comuni.
    if let Some(refusal) = not_lombard(&request.ambito) {
        return Err(refusal);
    }
    let ambito_text = serde_json::to_string(&request.ambito).expect("an ambito serialises");
    let checked = crate::ambiti::import_json(&ambito_text).map_err(|e| {
        refused(
            format!(
                "l'elenco dei comuni dell'ambito nella richiesta non è valido: {}; {}",
                e.plain.it, ASK_AGAIN.0
            ),
            format!(
                "the list of the ambito's comuni in the request is not valid: {}; {}",
                e.plain.en, ASK_AGAIN.1
            ),
        )
        .with_technical(e.technical)
    })?;
    if checked != request.ambito {
        return Err(refused(
            format!("l'elenco dei comuni dell'ambito nella richiesta non è in ordine o ha doppioni: {}", ASK_AGAIN.0),
            format!("the list of the ambito's comuni in the request is out of order or repeats a comune: {}", ASK_AGAIN.1),
        ));
    }
    if request.scadenza.len() != 10 || request.days_left(&request.scadenza).is_none() {
        let shown = crate::text::visible(&request.scadenza);
        return Err(refused(
            format!("la scadenza «{shown}» non è una data: {}", ASK_AGAIN.0),
            format!("the deadline «{shown}» is not a date: {}", ASK_AGAIN.1),
        ));
    }
    plausible::check(request, signed_at).map_err(|why| {
        refused(
            format!(
                "{}: non usare la richiesta e verificare con il capofila per telefono o PEC",
                why.it
            ),
            format!(
                "{}: do not use the request and check with the capofila by telephone or PEC",
                why.en
            ),
        )
    })
}

/// The request a document (signature taken off) holds; one that does not follow the
/// format is refused with the parser's words as the detail.
fn request_of(document: Value) -> Result<Request, Message> {
    serde_json::from_value(document).map_err(|e| {
        refused(
            format!(
                "la richiesta non rispetta il formato e non si può usare: {}",
                ASK_AGAIN.0
            ),
            format!(
                "the request does not follow the format and cannot be used: {}",
                ASK_AGAIN.1
            ),
        )
        .with_detail(e)
    })
}

/// Reads a request file: it must be a request of a version this app reads, with a signature
/// that holds, and (when the comune already knows its capofila's key) signed by that key.
/// Every refusal says in plain words what the file is and what to do; the parser's words,
/// if any, are its technical detail.
pub fn read_request(bytes: &[u8], known_key: Option<&str>) -> Result<VerifiedRequest, Message> {
    let value = request_value(bytes)?;
    check_request_format(&value)?;
    let (public_key, document) = verify_document(&value).map_err(|e| match e {
        ProofError::Missing => refused(
            "la richiesta non è firmata: chiedere al capofila il file firmato",
            "the request is not signed: ask the capofila for the signed file",
        ),
        ProofError::BadSignature => refused(
            "la richiesta è stata modificata dopo la firma del capofila: non usarla e chiedere al capofila di inviarla di nuovo",
            "the request was changed after the capofila signed it: do not use it and ask the capofila to send it again",
        ),
        other => refused(
            format!("la firma della richiesta non è valida: non usarla e {}", ASK_AGAIN.0),
            format!("the request's signature is not valid: do not use it and {}", ASK_AGAIN.1),
        )
        .with_detail(other),
    })?;
    let request = request_of(document)?;
    let signed_at = value
        .pointer("/proof/created")
        .and_then(Value::as_str)
        .unwrap_or_default();
    check_request_content(&request, signed_at)?;
    let signer = fingerprint(&public_key);
    if let Some(known) = known_key.filter(|k| *k != public_key) {
        return Err(signed_with_another_key(&signer, known));
    }
    Ok(VerifiedRequest {
        request,
        fingerprint: signer,
        public_key,
        hash: file_hash(bytes),
        signed_digitally: None,
        signed_by: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::multikey::public_key_multibase;

    fn crema() -> Request {
        Request::new(
            &crate::ambiti::preset("crema").unwrap(),
            2027,
            "2026-12-20",
            crate::demo::crema_capofila(),
            "Si prega di inviare la scheda firmata entro la scadenza.",
        )
    }

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[21; 32])
    }

    #[test]
    fn a_signed_request_reads_back_with_its_key_fingerprint_and_hash() {
        let text = crema().signed(&key(), "2026-12-01T10:00:00Z");
        let read = read_request(text.as_bytes(), None).unwrap();
        assert_eq!(read.request, crema());
        let public = public_key_multibase(&key().verifying_key());
        assert_eq!(read.public_key, public);
        assert_eq!(read.fingerprint, fingerprint(&public));
        assert_eq!(read.hash, file_hash(text.as_bytes()));
        // The known key of the capofila: the same passes, another is refused.
        assert!(read_request(text.as_bytes(), Some(&public)).is_ok());
        let other = public_key_multibase(&SigningKey::from_bytes(&[22; 32]).verifying_key());
        let err = read_request(text.as_bytes(), Some(&other)).unwrap_err();
        assert!(err.italian().contains("chiave diversa"), "{err}");
        assert!(err.italian().contains(&read.fingerprint), "{err}");
    }

    #[test]
    fn a_request_stands_on_the_key_remembered_for_its_capofila() {
        let text = crema().signed(&key(), "2026-12-01T10:00:00Z");
        let read = read_request(text.as_bytes(), None).unwrap();
        assert_eq!(read.standing(Ok(None)), Ok(KeyStanding::First));
        assert_eq!(read.standing(Err(())), Ok(KeyStanding::MemoryUnreadable));
        assert_eq!(
            read.standing(Ok(Some(&read.public_key))),
            Ok(KeyStanding::Known)
        );
        // Another key remembered: refused as the reader refuses it, with the advice.
        let other = public_key_multibase(&SigningKey::from_bytes(&[22; 32]).verifying_key());
        let refused = read.standing(Ok(Some(&other))).unwrap_err();
        assert_eq!(
            refused.why,
            read_request(text.as_bytes(), Some(&other)).unwrap_err()
        );
        assert_eq!(
            refused.advice,
            forget_key_advice(&fingerprint(&other), &read.fingerprint)
        );
    }

    #[test]
    fn an_altered_unsigned_or_other_file_is_refused_with_its_reason() {
        let text = crema().signed(&key(), "2026-12-01T10:00:00Z");
        let altered = text.replacen("2026-12-20", "2027-01-20", 1);
        let err = read_request(altered.as_bytes(), None).unwrap_err();
        assert!(err.italian().contains("modificata dopo la firma"), "{err}");
        let unsigned = serde_json::to_string(&crema()).unwrap();
        let err = read_request(unsigned.as_bytes(), None).unwrap_err();
        assert!(err.italian().contains("non è firmata"), "{err}");
        let submission = serde_json::to_string(&crate::demo::crema_2021()[0]).unwrap();
        let err = read_request(submission.as_bytes(), None).unwrap_err();
        assert!(err.italian().contains("scheda di un ente"), "{err}");
        // Text that is not JSON: plain words first, the parser's only as technical detail.
        let err = read_request(b"%PDF-1.7", None).unwrap_err();
        let (plain, technical) = (&err.plain.it, &err.technical.as_ref().unwrap().it);
        assert!(!plain.contains("JSON"), "{err}");
        assert!(technical.contains("JSON"), "{err}");
        let future = text.replacen(
            &format!("\"versione\": {REQUEST_FORMAT_VERSION}"),
            "\"versione\": 9",
            1,
        );
        assert_ne!(future, text);
        let err = read_request(future.as_bytes(), None).unwrap_err();
        assert!(err.italian().contains("aggiornare l'app"), "{err}");
    }

    #[test]
    fn the_ambito_travels_checked_and_an_answer_starts_fixed_on_it() {
        let text = crema().signed(&key(), "2026-12-01T10:00:00Z");
        let read = read_request(text.as_bytes(), None).unwrap();
        assert_eq!(read.request.ambito.comuni.len(), 48);
        assert_eq!(read.request.owners().count(), 24, "the preset's owners");
        let ente = crate::submission::Ente::comune("019003").unwrap();
        let answer = read.start(ente);
        assert_eq!((answer.ambito.as_str(), answer.anno_piano), ("crema", 2027));
        assert_eq!(answer.richiesta.as_ref().unwrap().hash, read.hash);
        // A signed request whose ambito repeats a comune is refused as an ambito file is.
        let mut bad = crema();
        let first = bad.ambito.comuni[0];
        bad.ambito.comuni.push(first);
        let text = bad.signed(&key(), "2026-12-01T10:00:00Z");
        let err = read_request(text.as_bytes(), None).unwrap_err();
        assert!(
            err.italian().contains("elenco dei comuni dell'ambito"),
            "{err}"
        );
    }

    #[test]
    fn an_answer_can_start_from_last_years_file_of_the_same_ambito() {
        let text = crema().signed(&key(), "2026-12-01T10:00:00Z");
        let read = read_request(text.as_bytes(), None).unwrap();
        let mut last = crate::demo::crema_2021()
            .into_iter()
            .find(|s| s.ente.id() == "019035")
            .unwrap();
        last.anno_piano = 2026;
        last.assegnate_anno_precedente.anno = 2025;
        let draft = serde_json::to_string(&last).unwrap();
        let answer = read.start_from_last_year(draft.as_bytes()).unwrap();
        assert_eq!(answer.anno_piano, 2027);
        assert_eq!(answer.consistenza, last.consistenza);
        assert_eq!(
            answer.assegnate_anno_precedente.totale(),
            0,
            "k starts empty"
        );
        assert!(!answer.da_verificare.is_empty());
        assert_eq!(answer.richiesta.unwrap().hash, read.hash);
        last.ambito = "cremona".into();
        let other = serde_json::to_string(&last).unwrap();
        let err = read.start_from_last_year(other.as_bytes()).unwrap_err();
        assert!(err.it.contains("ambito «cremona»"), "{err}");
    }

    #[test]
    fn a_refusal_says_in_plain_words_what_the_file_is_and_the_parsers_words_come_after() {
        let text = crema().signed(&key(), "2026-12-01T10:00:00Z");
        let plain = |err: &Message| err.plain.it.clone();
        let duplicate = text.replacen(
            "\"anno_piano\": 2027",
            "\"anno_piano\": 2027, \"anno_piano\": 2028",
            1,
        );
        let err = read_request(duplicate.as_bytes(), None).unwrap_err();
        assert!(
            err.italian()
                .contains("dettagli tecnici: la chiave «anno_piano»"),
            "{err}"
        );
        assert!(plain(&err).contains("chiedere al capofila"), "{err}");
        assert!(!plain(&err).contains("riga"), "{err}");
        // A key file sent by mistake is named as the capofila's private key.
        let key_file =
            r#"{"formato": "offerta-abitativa/chiave", "versione": 1, "ente": "Comune di Crema"}"#;
        let err = read_request(key_file.as_bytes(), None).unwrap_err();
        assert!(
            err.italian()
                .contains("chiave privata di firma di «Comune di Crema»"),
            "{err}"
        );
        // A comune outside Lombardy is named by its code, not by its place in a list.
        let mut elsewhere = crema();
        elsewhere.ambito.comuni.insert(0, "001272".parse().unwrap());
        let text = elsewhere.signed(&key(), "2026-12-01T10:00:00Z");
        let err = read_request(text.as_bytes(), None).unwrap_err();
        assert!(
            err.italian()
                .contains("001272 non è un comune della Lombardia"),
            "{err}"
        );
        assert!(!err.italian().contains("riga"), "{err}");
        let mut owner = crema();
        owner.ambito.con_patrimonio = Some(vec!["001272".parse().unwrap()]);
        let text = owner.signed(&key(), "2026-12-01T10:00:00Z");
        let err = read_request(text.as_bytes(), None).unwrap_err();
        assert!(
            err.italian()
                .contains("001272 non è un comune della Lombardia"),
            "{err}"
        );
    }

    /// The request `edit` makes of Crema's, signed on 1 December 2026, as read.
    fn read_edited(edit: impl FnOnce(&mut Request)) -> Result<VerifiedRequest, Message> {
        let mut request = crema();
        edit(&mut request);
        let text = request.signed(&key(), "2026-12-01T10:00:00Z");
        read_request(text.as_bytes(), None)
    }

    #[test]
    fn an_implausible_plan_year_is_refused() {
        let err = read_edited(|r| r.anno_piano = 1900).unwrap_err();
        assert!(
            err.italian().contains(
                "l'anno del piano 1900 non è plausibile: l'app ha le regole per i piani dal 2019"
            ),
            "{err}"
        );
        let err = read_edited(|r| {
            r.anno_piano = 2031;
            r.scadenza = "2027-01-20".into();
        })
        .unwrap_err();
        assert!(
            err.italian()
                .contains("firmata il 01/12/2026 per il piano 2031"),
            "{err}"
        );
        assert!(
            read_edited(|r| r.anno_piano = 2026).is_ok(),
            "the year signed"
        );
    }

    #[test]
    fn an_implausible_deadline_is_refused() {
        let err = read_edited(|r| r.scadenza = "9999-12-31".into()).unwrap_err();
        assert!(
            err.italian()
                .contains("la scadenza 31/12/9999 è più di un anno dopo la firma della richiesta (01/12/2026)"),
            "{err}"
        );
        let err = read_edited(|r| r.scadenza = "2026-11-20".into()).unwrap_err();
        assert!(
            err.italian()
                .contains("la scadenza 20/11/2026 è prima del giorno in cui la richiesta è stata firmata (01/12/2026)"),
            "{err}"
        );
        let err = read_edited(|r| {
            r.anno_piano = 2026;
            r.scadenza = "2027-03-01".into();
        })
        .unwrap_err();
        assert!(
            err.italian().contains("non è plausibile per il piano 2026"),
            "{err}"
        );
        let err = read_edited(|r| r.scadenza = "2026-12-20T00:00:00Z".into()).unwrap_err();
        assert!(err.italian().contains("non è una data"), "{err}");
        assert!(
            read_edited(|r| r.scadenza = "2026-12-01".into()).is_ok(),
            "the day signed"
        );
    }

    #[test]
    fn a_preset_ambito_with_other_comuni_is_refused_naming_them() {
        let milano: IstatCode = "015146".parse().unwrap();
        let err = read_edited(|r| {
            let at = r.ambito.comuni.binary_search(&milano).unwrap_err();
            r.ambito.comuni.insert(at, milano);
        })
        .unwrap_err();
        assert!(
            err.italian().contains("la richiesta aggiunge all'ambito «Ambito distrettuale di Crema (Cremasco)» il Comune di Milano (015146), che secondo l'elenco regionale non ne fa parte"),
            "{err}"
        );
        assert!(
            err.plain.en.contains("Comune di Milano (015146)"),
            "{}",
            err.plain.en
        );
        let agnadello: IstatCode = "019002".parse().unwrap();
        let err = read_edited(|r| {
            r.ambito.comuni.retain(|c| *c != agnadello);
            if let Some(owners) = r.ambito.con_patrimonio.as_mut() {
                owners.retain(|c| *c != agnadello);
            }
        })
        .unwrap_err();
        assert!(
            err.italian().contains("toglie dall'ambito «Ambito distrettuale di Crema (Cremasco)» il Comune di Agnadello (019002), che secondo l'elenco regionale ne fa parte"),
            "{err}"
        );
        // Another ambito (the capofila's own file) is not compared with a preset.
        let read = read_edited(|r| {
            r.ambito.id = "mio".into();
            r.ambito.capofila = Some("019035".parse().unwrap());
            r.ambito.comuni.retain(|c| *c != agnadello);
            if let Some(owners) = r.ambito.con_patrimonio.as_mut() {
                owners.retain(|c| *c != agnadello);
            }
        });
        assert!(read.is_ok(), "{read:?}");
    }

    #[test]
    fn every_owner_is_the_capofilas_claim_and_is_counted_plainly() {
        let read =
            read_edited(|r| r.ambito.con_patrimonio = Some(r.ambito.comuni.clone())).unwrap();
        assert_eq!(
            read.owners_line().it,
            "Comuni indicati dal capofila come proprietari di alloggi, tenuti a rispondere: 48 su 48 (tutti)."
        );
        let read = read_edited(|_| {}).unwrap();
        assert!(
            read.owners_line().it.ends_with(": 24 su 48."),
            "{}",
            read.owners_line()
        );
    }

    #[test]
    fn a_capofila_named_as_another_comune_or_with_invisible_characters_is_refused() {
        // Offanengo's code named «Comune di Crema» plus a zero-width joiner.
        let err = read_edited(|r| {
            r.capofila.codice_istat = "019062".into();
            r.capofila.nome = "Comune di Crema\u{200d}".into();
        })
        .unwrap_err();
        assert!(
            err.italian().starts_with(
                "il nome del capofila nella richiesta contiene un carattere invisibile (U+200D)"
            ),
            "{err}"
        );
        let err = read_edited(|r| r.capofila.codice_istat = "019062".into()).unwrap_err();
        assert!(
            err.italian().contains("la richiesta chiama «Comune di Crema» il comune con codice ISTAT 019062, che secondo l'elenco ISTAT è il Comune di Offanengo"),
            "{err}"
        );
        let err = read_edited(|r| {
            r.capofila.codice_istat = "019062".into();
            r.capofila.nome = "Comune di Offanengo".into();
        })
        .unwrap_err();
        assert!(
            err.italian().contains("ma il capofila dell'ambito «Ambito distrettuale di Crema (Cremasco)» è il Comune di Crema (019035)"),
            "{err}"
        );
        for (edit, field, point) in [
            (
                (|r: &mut Request| r.capofila.referente.push('\u{202e}')) as fn(&mut Request),
                "il referente",
                "U+202E",
            ),
            (
                |r| r.capofila.contatto.insert(0, '\u{feff}'),
                "il contatto",
                "U+FEFF",
            ),
            (|r| r.messaggio.push('\u{200d}'), "il messaggio", "U+200D"),
        ] {
            let err = read_edited(edit).unwrap_err();
            assert!(
                err.italian().starts_with(&format!(
                    "{field} nella richiesta contiene un carattere invisibile ({point})"
                )),
                "{err}"
            );
        }
        // The ambito's name is checked first by the ambito's own reader, which refuses the
        // character in its words.
        let err = read_edited(|r| r.ambito.nome.push('\u{2066}')).unwrap_err();
        assert!(
            err.italian()
                .contains("il nome dell'ambito contiene un carattere invisibile")
                && err.italian().contains("U+2066"),
            "{err}"
        );
        // A message of many lines is fine.
        assert!(read_edited(|r| r.messaggio = "Buongiorno,\n\tgrazie.".into()).is_ok());
    }

    #[test]
    fn the_key_note_asks_to_compare_the_fingerprint_with_the_pec_until_the_key_is_known() {
        let read = read_edited(|_| {}).unwrap();
        let first = read.key_note(KeyStanding::First).it;
        assert!(first.starts_with("Da verificare"), "{first}");
        assert!(first.contains(&read.fingerprint), "{first}");
        assert!(first.contains("PEC"), "{first}");
        let unreadable = read.key_note(KeyStanding::MemoryUnreadable).it;
        assert!(
            unreadable
                .contains("la memoria delle chiavi dei capofila già conosciuti non si può leggere"),
            "{unreadable}"
        );
        assert!(unreadable.contains("PEC"), "{unreadable}");
        assert!(read
            .key_note(KeyStanding::Known)
            .it
            .contains("stessa chiave"));
        let advice = forget_key_advice("AAAA", "BBBB").it;
        assert!(
            advice.contains("solo se è BBBB dimenticare la chiave conosciuta (impronta AAAA)"),
            "{advice}"
        );
    }

    #[test]
    fn the_deadline_line_counts_down_and_warns_after_the_day() {
        assert_eq!(
            deadline_line("2026-12-20", "2026-12-01").it,
            "Scadenza: 20/12/2026 (mancano 19 giorni)"
        );
        assert_eq!(
            deadline_line("2026-12-20", "2026-12-20").it,
            "Scadenza: oggi, 20/12/2026"
        );
        let late = deadline_line("2026-12-20", "2026-12-21").it;
        assert!(
            late.starts_with("Scadenza passata") && late.contains("1 giorno fa"),
            "{late}"
        );
        assert!(
            late.contains("si può ancora inviare"),
            "a warning, never a block"
        );
    }

    #[test]
    fn the_days_left_count_to_the_deadline_and_go_negative_after_it() {
        let r = crema();
        assert_eq!(r.days_left("2026-12-01"), Some(19));
        assert_eq!(r.days_left("2026-12-20T17:00:00Z"), Some(0));
        assert_eq!(r.days_left("2026-12-22"), Some(-2));
        assert_eq!(r.days_left("ieri"), None);
    }
}

#[cfg(test)]
mod sent_p7m_tests;
