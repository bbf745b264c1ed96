//! Every received file gets a disposition, whatever the others are. A file counts only with
//! a valid signature by a registered key (or, in the demo, a demo key), for the chosen
//! ambito and year, with no rule error, and not dated in the future by the capofila's clock
//! (unless the capofila confirmed its date); of two counted files of the same ente the newest
//! signed wins, compared as moments, not as texts.

use serde::Serialize;

use crate::ambiti::Ambito;
use crate::rules::{self, Finding};
use crate::signing::trust::SignerStanding;
use crate::signing::{rfc3339_instant, verify_file, Outcome, TrustRegistry, VerifiedFile};
use crate::submission::Submission;
use crate::text::{Bilingual, Message};

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "stato", content = "motivo", rename_all = "snake_case")]
pub enum Disposition {
    /// In the plan.
    Conteggiata,
    /// Another file of the same ente, signed later, counts instead.
    Sostituita(Supersession),
    /// Valid, but for another ambito or year.
    Accantonata(Reason),
    /// An ALER's file under a name that is not one of the ambito's ALER (composed, NFC): a
    /// look-alike («АLER» with a Cyrillic А), another ALER or a comune posing as one. Set
    /// aside whatever its key, never counted as a second ALER.
    AlerEstranea(Reason),
    /// Valid signature, key not yet registered: the capofila may accept it.
    ChiaveDaAccettare,
    /// A valid firma digitale (`.p7m`) by a person not yet accepted as signing for the ente:
    /// the capofila confirms it ([`super::Intake::accept_signer`]).
    FirmatarioDaConfermare,
    /// Not counted, for the reason given.
    Scartata(Reason),
    /// Would count, but it says it was signed more than [`FUTURE_TOLERANCE_SECONDS`] after
    /// the capofila's clock: not counted until the capofila confirms its date
    /// ([`super::Intake::confirm_date`]). The reason says both dates.
    DataFutura(Reason),
}

/// Which file counts instead of a superseded one, and when it says it was signed: the
/// capofila must see which file won and why.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Supersession {
    /// The name of the file that counts.
    pub by: String,
    /// Its proof's `created`, as written.
    pub by_signed_at: String,
}

/// A file may say it was signed up to a day after the capofila's clock without being
/// questioned: time zones and office PCs a few hours off are normal; a year off is not.
pub const FUTURE_TOLERANCE_SECONDS: i64 = 86_400;

/// What the intake knows besides the files: the capofila's clock (the core reads none; the
/// page and the CLI pass theirs), the files whose future date the capofila confirmed, and
/// the key that signed the capofila's request.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Clock<'a> {
    /// The capofila's "now", RFC 3339; without it no date is questioned.
    pub now: Option<&'a str>,
    pub confirmed: Option<&'a std::collections::BTreeSet<String>>,
    /// The capofila's own key, as it signed the request (ente id, multibase key): the
    /// capofila's own file signed with it needs no acceptance.
    pub own_key: Option<(&'a str, &'a str)>,
}

impl Clock<'_> {
    /// Whether `verified` is the capofila's own file, signed with the key of its request.
    fn is_own_key(&self, verified: &VerifiedFile) -> bool {
        let (Some((id, key)), Some(s), Some(signer)) = (
            self.own_key,
            verified.submission.as_ref(),
            verified.public_key.as_deref(),
        ) else {
            return false;
        };
        verified.outcome == Outcome::UnknownKey && s.ente.id() == id && signer == key
    }
}

impl Clock<'_> {
    /// Why `signed_at` (of the file `name`) is too far in the future to count unconfirmed.
    fn future_date(&self, name: &str, signed_at: &str) -> Option<Reason> {
        let (now, _) = rfc3339_instant(self.now?)?;
        let (signed, _) = rfc3339_instant(signed_at)?;
        if signed <= now.saturating_add(FUTURE_TOLERANCE_SECONDS)
            || self.confirmed.is_some_and(|c| c.contains(name))
        {
            return None;
        }
        let (on, today) = (
            crate::text::day_of(signed_at),
            crate::text::day_of(self.now?),
        );
        Some(Reason::new(
            format!("firmato il {on}, una data futura rispetto all'orologio di questo computer ({today}): può essere un errore dell'orologio del PC dell'ente; verificare con l'ente, poi confermare la data o chiedere un file nuovo"),
            format!("signed on {on}, a date in the future by this computer's clock ({today}): the ente's PC clock may be wrong; check with the ente, then confirm the date or ask for a new file"),
        ))
    }
}

/// What became of a received file, named once: the status board, the reminder, the
/// ricognizione, the comparison, the document, the XLSX and CSV, the signed aggregate and the
/// CLI all say a file's state with [`FileState::name`] and [`FileState::sentence`] (issue #24).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileState {
    /// In the plan.
    Counted,
    /// A valid file whose key the capofila has not accepted yet.
    KeyToAccept,
    /// A valid firma digitale by a person the capofila has not confirmed for the ente yet.
    SignerToConfirm,
    /// A valid file dated in the future by the capofila's clock, until confirmed.
    DateToConfirm,
    /// A valid file signed with another key than the one registered for the ente: the
    /// capofila checks the change with the ente ([`super::Intake::replace_key`]).
    KeyChanged,
    /// Signed with a key the ente had replaced before signing.
    KeyReplaced,
    /// Signed with a key revoked (lost or stolen) before signing.
    KeyRevoked,
    /// Signed digitally by a person the ente had replaced before signing.
    SignerReplaced,
    /// Signed digitally by a person revoked as signer for the ente before signing.
    SignerRevoked,
    /// Another file of the same ente, signed later, counts instead.
    Superseded,
    /// Refused, for the reason named.
    Refused(Refusal),
    /// The same content as a file already in the list (never a [`ReceivedFile`]: it is
    /// counted once, and the intake names it when it is added).
    Duplicate,
    /// Valid, but for another ambito or plan year.
    OutsideAmbito,
    /// An ALER's file under a name that is not the ambito's ALER's.
    OtherAler,
}

/// Why a file is refused, in a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// The signature does not hold (altered, or not a proof the app accepts).
    InvalidSignature,
    /// A draft: no signature.
    Unsigned,
    /// Not a readable submission.
    Unreadable,
    /// Signed with a demo key outside the demo.
    DemoKey,
    /// Breaks a rule of the plan.
    BreaksRules,
}

impl FileState {
    /// Every state, for tests and legends.
    pub const ALL: [FileState; 18] = [
        FileState::Counted,
        FileState::SignerToConfirm,
        FileState::KeyToAccept,
        FileState::DateToConfirm,
        FileState::KeyChanged,
        FileState::KeyReplaced,
        FileState::KeyRevoked,
        FileState::SignerReplaced,
        FileState::SignerRevoked,
        FileState::Superseded,
        FileState::Refused(Refusal::InvalidSignature),
        FileState::Refused(Refusal::Unsigned),
        FileState::Refused(Refusal::Unreadable),
        FileState::Refused(Refusal::DemoKey),
        FileState::Refused(Refusal::BreaksRules),
        FileState::Duplicate,
        FileState::OutsideAmbito,
        FileState::OtherAler,
    ];

    /// The state's one name ("chiave da accettare").
    pub fn name(self) -> Bilingual {
        let (it, en) = match self {
            FileState::Counted => ("conteggiata", "counted"),
            FileState::KeyToAccept => ("chiave da accettare", "key to accept"),
            FileState::SignerToConfirm => ("firmatario da confermare", "signer to confirm"),
            FileState::DateToConfirm => ("data da confermare", "date to confirm"),
            FileState::KeyChanged => ("chiave cambiata da verificare", "changed key to check"),
            FileState::KeyReplaced => (
                "firmata con una chiave sostituita",
                "signed with a replaced key",
            ),
            FileState::KeyRevoked => (
                "firmata con una chiave revocata",
                "signed with a revoked key",
            ),
            FileState::SignerReplaced => (
                "firmata da un firmatario sostituito",
                "signed by a replaced signer",
            ),
            FileState::SignerRevoked => (
                "firmata da un firmatario revocato",
                "signed by a revoked signer",
            ),
            FileState::Superseded => (
                "sostituita da un file più recente",
                "superseded by a newer file",
            ),
            FileState::Refused(Refusal::InvalidSignature) => {
                ("scartata: firma non valida", "refused: signature not valid")
            }
            FileState::Refused(Refusal::Unsigned) => {
                ("scartata: non firmata", "refused: not signed")
            }
            FileState::Refused(Refusal::Unreadable) => {
                ("scartata: illeggibile", "refused: unreadable")
            }
            FileState::Refused(Refusal::DemoKey) => {
                ("scartata: chiave dimostrativa", "refused: demo key")
            }
            FileState::Refused(Refusal::BreaksRules) => (
                "scartata: non rispetta le regole",
                "refused: breaks the rules",
            ),
            FileState::Duplicate => ("già caricato", "already loaded"),
            FileState::OutsideAmbito => (
                "accantonata: altro ambito o anno",
                "set aside: another ambito or year",
            ),
            FileState::OtherAler => (
                "accantonata: non è l'ALER dell'ambito",
                "set aside: not the ambito's ALER",
            ),
        };
        Bilingual::new(it, en)
    }

    /// The state's name for more than one file («chiavi da accettare»): the plural of
    /// [`FileState::name`], so a count never says «5 chiave da accettare».
    pub fn plural_name(self) -> Bilingual {
        let (it, en) = match self {
            FileState::Counted => ("conteggiate", "counted"),
            FileState::KeyToAccept => ("chiavi da accettare", "keys to accept"),
            FileState::SignerToConfirm => ("firmatari da confermare", "signers to confirm"),
            FileState::DateToConfirm => ("date da confermare", "dates to confirm"),
            FileState::KeyChanged => ("chiavi cambiate da verificare", "changed keys to check"),
            FileState::KeyReplaced => (
                "firmate con una chiave sostituita",
                "signed with a replaced key",
            ),
            FileState::KeyRevoked => (
                "firmate con una chiave revocata",
                "signed with a revoked key",
            ),
            FileState::SignerReplaced => (
                "firmate da un firmatario sostituito",
                "signed by a replaced signer",
            ),
            FileState::SignerRevoked => (
                "firmate da un firmatario revocato",
                "signed by a revoked signer",
            ),
            FileState::Superseded => (
                "sostituite da un file più recente",
                "superseded by a newer file",
            ),
            FileState::Refused(Refusal::InvalidSignature) => {
                ("scartate: firma non valida", "refused: signature not valid")
            }
            FileState::Refused(Refusal::Unsigned) => {
                ("scartate: non firmate", "refused: not signed")
            }
            FileState::Refused(Refusal::Unreadable) => {
                ("scartate: illeggibili", "refused: unreadable")
            }
            FileState::Refused(Refusal::DemoKey) => {
                ("scartate: chiave dimostrativa", "refused: demo key")
            }
            FileState::Refused(Refusal::BreaksRules) => (
                "scartate: non rispettano le regole",
                "refused: break the rules",
            ),
            FileState::Duplicate => ("già caricati", "already loaded"),
            FileState::OutsideAmbito => (
                "accantonate: altro ambito o anno",
                "set aside: another ambito or year",
            ),
            FileState::OtherAler => (
                "accantonate: non sono dell'ALER dell'ambito",
                "set aside: not the ambito's ALER",
            ),
        };
        Bilingual::new(it, en)
    }

    /// `n` files in this state, the words agreeing with the count: «1 chiave da accettare»,
    /// «5 chiavi da accettare» (the one name, [`FileState::name`], after 1).
    pub fn count_of(self, n: usize) -> Bilingual {
        let (one, many) = (self.name(), self.plural_name());
        Bilingual::new(
            crate::text::agreeing(n, &one.it, &many.it),
            crate::text::agreeing_en(n, &one.en, &many.en),
        )
    }

    /// The state in one sentence: what it means for the plan and who acts next.
    pub fn sentence(self) -> Bilingual {
        let (it, en) = match self {
            FileState::Counted => ("Il file conta nel piano.", "The file counts in the plan."),
            FileState::KeyToAccept => (
                "File valido, in attesa che il capofila confronti l'impronta della chiave con quella comunicata dall'ente e la accetti.",
                "A valid file, waiting for the capofila to compare the key's fingerprint with the one the ente sent and accept it.",
            ),
            FileState::SignerToConfirm => (
                "File con firma digitale valida, in attesa che il capofila confermi che la persona che l'ha firmato firma per l'ente.",
                "A file with a valid digital signature, waiting for the capofila to confirm that the person who signed it signs for the ente.",
            ),
            FileState::SignerReplaced => (
                "Firmato digitalmente da una persona che l'ente aveva già sostituito: non conta; l'ente deve far firmare chi è ora in carica.",
                "Signed digitally by a person the ente had already replaced: it does not count; the ente must have the person now in office sign it.",
            ),
            FileState::SignerRevoked => (
                "Firmato digitalmente da una persona revocata come firmatario dell'ente: non conta; l'ente deve far firmare chi è ora in carica.",
                "Signed digitally by a person revoked as the ente's signer: it does not count; the ente must have the person now in office sign it.",
            ),
            FileState::DateToConfirm => (
                "File valido con una data di firma futura, in attesa che il capofila la verifichi con l'ente e la confermi.",
                "A valid file with a signing date in the future, waiting for the capofila to check it with the ente and confirm it.",
            ),
            FileState::KeyChanged => (
                "File valido firmato con una chiave diversa da quella registrata, in attesa che il capofila verifichi il cambio di chiave con l'ente.",
                "A valid file signed with another key than the one registered, waiting for the capofila to check the change of key with the ente.",
            ),
            FileState::KeyReplaced => (
                "Firmato con una chiave che l'ente aveva già sostituito: non conta; l'ente deve firmare di nuovo con la chiave nuova.",
                "Signed with a key the ente had already replaced: it does not count; the ente must sign again with its new key.",
            ),
            FileState::KeyRevoked => (
                "Firmato con una chiave revocata: non conta; l'ente deve firmare di nuovo con la chiave nuova.",
                "Signed with a revoked key: it does not count; the ente must sign again with its new key.",
            ),
            FileState::Superseded => (
                "Conta un file dello stesso ente firmato più di recente.",
                "A file of the same ente signed more recently counts instead.",
            ),
            FileState::Refused(_) => (
                "Il file non conta per il motivo indicato: l'ente deve inviarne uno nuovo.",
                "The file does not count for the reason given: the ente must send a new one.",
            ),
            FileState::Duplicate => (
                "Stesso contenuto di un file già nell'elenco: contato una volta.",
                "The same content as a file already in the list: counted once.",
            ),
            FileState::OutsideAmbito => (
                "Scheda valida per un altro ambito o un altro anno: non entra in questo piano.",
                "A valid submission for another ambito or year: it does not enter this plan.",
            ),
            FileState::OtherAler => (
                "Scheda di un'ALER con un nome che non è quello dell'ALER dell'ambito: non entra nel piano e non conta come un'altra ALER; se è dell'ALER dell'ambito, l'ALER deve rifarla con il suo nome esatto.",
                "A submission of an ALER under a name that is not the ambito's ALER's: it does not enter the plan and does not count as another ALER; if it is the ambito's ALER's, the ALER must make it again under its exact name.",
            ),
        };
        Bilingual::new(it, en)
    }

    /// The file is valid and waits for the capofila's decision (a key to accept, a date to
    /// confirm, a changed key to check): its comune is «in attesa di verifica», never missing.
    pub fn waits_for_decision(self) -> bool {
        matches!(
            self,
            FileState::KeyToAccept
                | FileState::SignerToConfirm
                | FileState::DateToConfirm
                | FileState::KeyChanged
        )
    }
}

/// Why a file is set aside or discarded: in Italian (what the CLI prints and the signed
/// aggregate records) and in English.
pub type Reason = Bilingual;

// Eq: an `Rc` of a list of them compares as equal at once when it is the same `Rc` (the
// page compares the list at every render; 10,000 files compared one by one cost a task).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedFile {
    pub name: String,
    pub verified: VerifiedFile,
    /// Rule errors found by re-checking the submission with the capofila's ambito.
    pub errors: Vec<Finding>,
    pub disposition: Disposition,
}

impl ReceivedFile {
    /// The file's state, named once ([`FileState::name`]).
    pub fn state(&self) -> FileState {
        match &self.disposition {
            Disposition::Conteggiata => FileState::Counted,
            Disposition::Sostituita(_) => FileState::Superseded,
            Disposition::Accantonata(_) => FileState::OutsideAmbito,
            Disposition::AlerEstranea(_) => FileState::OtherAler,
            Disposition::ChiaveDaAccettare => FileState::KeyToAccept,
            Disposition::FirmatarioDaConfermare => FileState::SignerToConfirm,
            Disposition::DataFutura(_) => FileState::DateToConfirm,
            Disposition::Scartata(_) => match &self.verified.outcome {
                Outcome::KeyMismatch(_) => FileState::KeyChanged,
                Outcome::RetiredKey(r) => match r.come {
                    crate::signing::RetirementKind::Sostituita => FileState::KeyReplaced,
                    crate::signing::RetirementKind::Revocata => FileState::KeyRevoked,
                },
                Outcome::Qualified(_, SignerStanding::Retired(r)) => match r.come {
                    crate::signing::RetirementKind::Sostituita => FileState::SignerReplaced,
                    crate::signing::RetirementKind::Revocata => FileState::SignerRevoked,
                },
                Outcome::Invalid(_) | Outcome::QualifiedRefused(_) => {
                    FileState::Refused(Refusal::InvalidSignature)
                }
                Outcome::Unsigned => FileState::Refused(Refusal::Unsigned),
                Outcome::Unreadable(_) => FileState::Refused(Refusal::Unreadable),
                Outcome::DemoKey => FileState::Refused(Refusal::DemoKey),
                Outcome::Trusted | Outcome::UnknownKey | Outcome::Qualified(..) => {
                    match self.verified.submission {
                        None => FileState::Refused(Refusal::Unreadable),
                        Some(_) => FileState::Refused(Refusal::BreaksRules),
                    }
                }
            },
        }
    }

    /// What the capofila reads next to the file: why it counts or not, and what to do.
    pub fn explanation(&self) -> Bilingual {
        match &self.disposition {
            Disposition::Conteggiata
            | Disposition::ChiaveDaAccettare
            | Disposition::FirmatarioDaConfermare => self.verified.outcome.message(),
            Disposition::Sostituita(won) => {
                let by = crate::text::visible(&won.by);
                let when = crate::text::day_and_time_of(&won.by_signed_at);
                let this = self
                    .verified
                    .signed_at
                    .as_deref()
                    .map(crate::text::day_and_time_of)
                    .unwrap_or_default();
                Bilingual::new(
                    format!("Conta il file firmato più di recente, {by}, firmato il {when}; questo è del {this}."),
                    format!("The most recently signed file counts, {by}, signed on {when}; this one was signed on {this}."),
                )
            }
            Disposition::Accantonata(m) | Disposition::AlerEstranea(m) => Bilingual::new(
                format!("{}.", crate::text::capitalise(&m.it)),
                format!("{}.", crate::text::capitalise(&m.en)),
            ),
            Disposition::Scartata(m) => m.clone(),
            Disposition::DataFutura(m) => Bilingual::new(
                format!("{}.", crate::text::capitalise(&m.it)),
                format!("{}.", crate::text::capitalise(&m.en)),
            ),
        }
    }

    /// The technical detail behind the explanation (where the reader stopped, what the
    /// format wants), for the "dettagli tecnici" disclosure and the CLI; none when the
    /// explanation says it all.
    pub fn technical_detail(&self) -> Option<Bilingual> {
        match &self.verified.outcome {
            Outcome::Unreadable(e) => e.message().technical,
            Outcome::QualifiedRefused(e) => e.message().technical,
            _ => None,
        }
    }

    /// The explanation and its technical detail: what the CLI prints for the file
    /// ([`Message::italian`]).
    pub fn message(&self) -> Message {
        Message::from(self.explanation()).with_technical(self.technical_detail())
    }

    /// The ente's name as the file gives it, safe to show ([`crate::text::visible`]).
    pub fn ente_name(&self) -> Option<String> {
        self.verified
            .submission
            .as_ref()
            .map(|s| crate::text::visible(&s.ente.display_name()))
    }

    /// The file's name, safe to show: what the page and the CLI print
    /// ([`crate::text::visible`]); `name` stays as received, to match it.
    pub fn shown_name(&self) -> String {
        crate::text::visible(&self.name)
    }
}

/// Larger files are refused unread: a plan's submission is a few kilobytes, and the page
/// must stay responsive on an old office PC.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// The verdict on a file too large to be a submission, without reading it.
pub fn too_large(size: u64) -> Option<VerifiedFile> {
    (size > MAX_FILE_BYTES).then(|| oversized(size))
}

/// The verdict on a file the browser or the system could not read (`why` says what failed):
/// never a verdict on empty bytes.
pub fn not_read(why: Bilingual) -> VerifiedFile {
    let reason = crate::reader::ReadError::invalid(
        format!("il file non si è potuto leggere ({})", why.it),
        format!("the file could not be read ({})", why.en),
    );
    unreadable(reason)
}

/// The verdict on a file already known to be larger than [`MAX_FILE_BYTES`].
pub fn oversized(size: u64) -> VerifiedFile {
    // One decimal, rounded up: a file just over the limit must not read "20 MB (massimo 20 MB)".
    let tenths = (size * 10).div_ceil(1024 * 1024);
    let (whole, tenth, max) = (tenths / 10, tenths % 10, MAX_FILE_BYTES / (1024 * 1024));
    let reason = crate::reader::ReadError::invalid(
        format!("il file pesa {whole},{tenth} MB: una scheda pesa pochi kilobyte (massimo {max} MB)"),
        format!("the file weighs {whole}.{tenth} MB: a submission weighs a few kilobytes (at most {max} MB)"),
    );
    unreadable(reason)
}

fn unreadable(reason: crate::reader::ReadError) -> VerifiedFile {
    VerifiedFile {
        outcome: Outcome::Unreadable(reason),
        submission: None,
        public_key: None,
        fingerprint: None,
        signed_at: None,
    }
}

/// Verifies one file (the costly part, done file by file so a page can show progress).
pub fn check_file(bytes: &[u8], registry: &TrustRegistry) -> VerifiedFile {
    match std::str::from_utf8(bytes) {
        // A BOM is harmless: editors on Windows add it.
        Ok(text) => verify_file(text.trim_start_matches('\u{feff}'), registry),
        Err(_) => unreadable(crate::reader::ReadError::NotText),
    }
}

/// Gives every verified file its disposition for the plan of `ambito` and `year`; files
/// signed with a demo key count only in a `demo` intake; a file dated in the future by
/// `clock` waits for the capofila's confirmation.
pub(super) fn classify(
    files: Vec<(String, VerifiedFile, Option<Vec<Finding>>)>,
    ambito: &Ambito,
    year: u16,
    demo: bool,
    clock: Clock,
) -> Vec<ReceivedFile> {
    let mut received: Vec<ReceivedFile> = files
        .into_iter()
        .map(|(name, mut verified, findings)| {
            // The key that signed the capofila's request is known already.
            if clock.is_own_key(&verified) {
                verified.outcome = Outcome::Trusted;
            }
            let mut errors = Vec::new();
            let foreign = verified
                .submission
                .as_ref()
                .and_then(|s| foreign_aler(s, ambito));
            let disposition = match (&verified.outcome, &verified.submission) {
                (outcome, _) if !outcome.signature_valid() => {
                    Disposition::Scartata(outcome.message())
                }
                (_, None) => Disposition::Scartata(Reason::new(
                    "scheda illeggibile",
                    "unreadable submission",
                )),
                (_, Some(s)) if s.ambito != ambito.id => Disposition::Accantonata(Reason::new(
                    format!(
                        "scheda per l'ambito «{}», non per «{}»",
                        crate::text::visible(&s.ambito),
                        ambito.id
                    ),
                    format!(
                        "submission for the ambito «{}», not for «{}»",
                        crate::text::visible(&s.ambito),
                        ambito.id
                    ),
                )),
                (_, Some(s)) if s.anno_piano != year => Disposition::Accantonata(Reason::new(
                    format!("scheda per il piano {}, non per il {year}", s.anno_piano),
                    format!(
                        "submission for the {} plan, not for the {year} plan",
                        s.anno_piano
                    ),
                )),
                (_, Some(_)) if foreign.is_some() => {
                    Disposition::AlerEstranea(foreign.clone().expect("just checked"))
                }
                (Outcome::UnknownKey, _) => Disposition::ChiaveDaAccettare,
                (Outcome::Qualified(_, SignerStanding::ToConfirm { .. }), _) => {
                    Disposition::FirmatarioDaConfermare
                }
                (Outcome::DemoKey, _) if !demo => Disposition::Scartata(verified.outcome.message()),
                (outcome, Some(s)) if outcome.signer_known() || *outcome == Outcome::DemoKey => {
                    errors = findings.unwrap_or_else(|| rule_errors(s, ambito));
                    let future = || {
                        let signed_at = verified.signed_at.as_deref()?;
                        clock.future_date(&name, signed_at)
                    };
                    match errors.first() {
                        None => future().map_or(Disposition::Conteggiata, Disposition::DataFutura),
                        Some(first) => Disposition::Scartata(broken_rules(first, errors.len() - 1)),
                    }
                }
                (outcome, _) => Disposition::Scartata(outcome.message()),
            };
            ReceivedFile {
                name,
                verified,
                errors,
                disposition,
            }
        })
        .collect();
    supersede_older(&mut received);
    received
}

/// The problems of `s` by the rules, for `ambito`: what makes a signed file discarded.
pub(super) fn rule_errors(s: &Submission, ambito: &Ambito) -> Vec<Finding> {
    rules::validate(s, Some(ambito)).errors().cloned().collect()
}

/// Why a signed file breaking the rules is discarded: the first problem, and how many more
/// (none, one, or a number), in words that agree with the count.
fn broken_rules(first: &Finding, further: usize) -> Reason {
    let (more_it, more_en) = match further {
        0 => (String::new(), String::new()),
        1 => (
            " (e un altro problema)".into(),
            " (and one more problem)".into(),
        ),
        n => (
            format!(" (e altri {n} problemi)"),
            format!(" (and {n} more problems)"),
        ),
    };
    Reason::new(
        format!(
            "la scheda non rispetta le regole: {}{more_it}",
            first.message.it
        ),
        format!(
            "the submission breaks the rules: {}{more_en}",
            first.message.en
        ),
    )
}

/// Why the file of an ALER is not the ambito's ALER's, when it is not: its name, composed
/// (NFC), is not one of [`Ambito::alers`]. Compared by [`crate::aler::id_of`], which keeps
/// every letter: a Cyrillic А is not an A, and «Comune di Trescore Cremasco» is no ALER.
fn foreign_aler(s: &Submission, ambito: &Ambito) -> Option<Reason> {
    let crate::submission::Ente::Aler { nome, .. } = &s.ente else {
        return None;
    };
    if ambito.aler_named(nome).is_some() {
        return None;
    }
    let shown = crate::text::visible(nome);
    let alers = ambito.alers();
    let (its_it, its_en) = if alers.is_empty() {
        (
            "l'ambito non ha un'ALER".to_owned(),
            "the ambito has no ALER".to_owned(),
        )
    } else {
        let list = alers.join(", ");
        (
            format!("l'ALER dell'ambito è {list}"),
            format!("the ambito's ALER is {list}"),
        )
    };
    Some(Reason::new(
        format!("scheda di un'ALER che si chiama «{shown}», ma {its_it}: un nome diverso, anche se sembra uguale, non è l'ALER dell'ambito e la scheda non si conta"),
        format!("submission of an ALER named «{shown}», but {its_en}: another name, even one that looks the same, is not the ambito's ALER and the submission does not count"),
    ))
}

/// Of the counted files of one ente, the newest signed counts (compared as moments: offsets
/// and fractions of a second are the signer's writing; ties: the later name, then the later
/// in the drop); the others are marked as replaced by it.
fn supersede_older(received: &mut [ReceivedFile]) {
    /// The signing moment, the name, the place in the drop: the newest sorts last.
    type NewestKey<'a> = (Option<(i64, u32)>, &'a str, usize);
    // Each file's sort key made once (a moment parsed from its text), not at every
    // comparison: the sort compares n·log n times.
    let mut counted: Vec<(String, NewestKey)> = received
        .iter()
        .enumerate()
        .filter(|(_, f)| f.disposition == Disposition::Conteggiata)
        .filter_map(|(i, f)| {
            let s = f.verified.submission.as_ref()?;
            let signed = f.verified.signed_at.as_deref().and_then(rfc3339_instant);
            Some((s.ente.id(), (signed, f.name.as_str(), i)))
        })
        .collect();
    counted.sort_by(|(ea, ka), (eb, kb)| ea.cmp(eb).then_with(|| ka.cmp(kb)));
    let counted: Vec<(String, usize)> = counted
        .into_iter()
        .map(|(ente, (_, _, i))| (ente, i))
        .collect();
    for pair in counted.windows(2) {
        let ((ente_a, older), (ente_b, newer)) = (&pair[0], &pair[1]);
        if ente_a == ente_b {
            let won = Supersession {
                by: received[*newer].name.clone(),
                by_signed_at: received[*newer]
                    .verified
                    .signed_at
                    .clone()
                    .unwrap_or_default(),
            };
            received[*older].disposition = Disposition::Sostituita(won);
        }
    }
}

/// The submissions in the plan, in the order received.
pub fn counted(received: &[ReceivedFile]) -> Vec<Submission> {
    received
        .iter()
        .filter(|f| f.disposition == Disposition::Conteggiata)
        .filter_map(|f| f.verified.submission.clone())
        .collect()
}

#[cfg(test)]
mod tests {

    /// Just over the limit reads over it: "20,1 MB (massimo 20 MB)", not "20 MB (massimo 20 MB)".
    #[test]
    fn an_oversized_file_says_its_size_with_a_decimal() {
        let v = oversized(MAX_FILE_BYTES + 1);
        let message = v.outcome.message().it;
        assert!(message.contains("pesa 20,1 MB"), "{message}");
        assert!(message.contains("massimo 20 MB"), "{message}");
    }

    use super::*;
    use crate::{aggregate, ambiti, demo};

    fn intake(
        files: &[(String, String)],
        registry: &TrustRegistry,
        year: u16,
    ) -> Vec<ReceivedFile> {
        let checked = files
            .iter()
            .map(|(name, text)| (name.clone(), check_file(text.as_bytes(), registry), None))
            .collect();
        classify(
            checked,
            &ambiti::preset("crema").unwrap(),
            year,
            false,
            Clock::default(),
        )
    }

    #[test]
    fn the_demo_files_all_count_and_give_the_published_plan() {
        let (files, registry) = demo::crema_2021_signed_files();
        let received = intake(&files, &registry, 2021);
        assert!(received
            .iter()
            .all(|f| f.disposition == Disposition::Conteggiata));
        let plan = aggregate(&counted(&received), ambiti::preset("crema").as_ref());
        assert_eq!(plan.totale.totale_assegnabili, 114);
        assert_eq!(plan.ricognizione.inadempienti, ["Trescore Cremasco"]);
        assert_eq!(plan.ricognizione.share().it, "24 su 48 (50%)");
    }

    #[test]
    fn bad_files_get_their_reason_and_the_others_still_count() {
        let (mut files, registry) = demo::crema_2021_signed_files();
        let crema = files
            .iter()
            .find(|(n, _)| n.contains("019035"))
            .unwrap()
            .1
            .clone();
        files.push((
            "alterata.json".into(),
            crema.replacen("\"sap\": 353", "\"sap\": 360", 1),
        ));
        files.push((
            "bozza.json".into(),
            serde_json::to_string(&demo::crema_2021()[3]).unwrap(),
        ));
        files.push(("documento.pdf".into(), "%PDF-1.4 binary".into()));
        files.push(("copia.json".into(), crema.clone()));
        let received = intake(&files, &registry, 2021);
        let by_name = |n: &str| {
            received
                .iter()
                .find(|f| f.name == n)
                .unwrap()
                .disposition
                .clone()
        };
        assert!(
            matches!(by_name("alterata.json"), Disposition::Scartata(m) if m.it.contains("modificato dopo la firma") && m.en.contains("changed after"))
        );
        assert!(
            matches!(by_name("bozza.json"), Disposition::Scartata(m) if m.it.contains("non firmato") && m.en.contains("not signed"))
        );
        assert!(
            matches!(by_name("documento.pdf"), Disposition::Scartata(m) if m.it.contains("illeggibile") && m.en.contains("Unreadable"))
        );
        // The copy and the original: the same ente, one counts, the other is replaced.
        let crema_files: Vec<&ReceivedFile> = received
            .iter()
            .filter(|f| {
                f.verified
                    .submission
                    .as_ref()
                    .is_some_and(|s| s.ente.id() == "019035")
                    && f.verified.outcome == Outcome::Trusted
            })
            .collect();
        assert_eq!(crema_files.len(), 2);
        assert_eq!(
            crema_files
                .iter()
                .filter(|f| f.disposition == Disposition::Conteggiata)
                .count(),
            1
        );
        assert!(crema_files
            .iter()
            .any(|f| matches!(f.disposition, Disposition::Sostituita(_))));
        let plan = aggregate(&counted(&received), None);
        assert_eq!(
            plan.totale.consistenza_totale, 1699,
            "bad files change nothing"
        );
    }

    /// A key for the Comune di Crema and a registry that trusts it.
    fn crema_key(seed: u8) -> (crate::signing::SigningKey, TrustRegistry) {
        use crate::signing::{multikey, SigningKey};
        let key = SigningKey::from_bytes(&[seed; 32]);
        let mut registry = TrustRegistry::default();
        registry.accept(
            "019035",
            "Crema",
            &multikey::public_key_multibase(&key.verifying_key()),
            "t",
            "",
        );
        (key, registry)
    }

    #[test]
    fn the_newest_signed_file_of_an_ente_counts() {
        use crate::signing::sign_submission;
        let (key, registry) = crema_key(9);
        let mut s = demo::crema_2021_owners().remove(6);
        assert_eq!(s.ente.id(), "019035");
        let old = sign_submission(&s, &key, "2020-11-01T10:00:00Z");
        s.consistenza.sas = 6;
        let new = sign_submission(&s, &key, "2020-11-15T10:00:00Z");
        let received = intake(
            &[("z-vecchia.json".into(), old), ("a-nuova.json".into(), new)],
            &registry,
            2021,
        );
        assert_eq!(received[1].disposition, Disposition::Conteggiata);
        assert_eq!(
            received[0].disposition,
            Disposition::Sostituita(Supersession {
                by: "a-nuova.json".into(),
                by_signed_at: "2020-11-15T10:00:00Z".into()
            })
        );
        let why = received[0].explanation();
        assert_eq!(why.it, "Conta il file firmato più di recente, a-nuova.json, firmato il 15/11/2020 10:00; questo è del 01/11/2020 10:00.");
        assert!(why.en.contains("a-nuova.json, signed on 15/11/2020 10:00"));
        assert_eq!(counted(&received)[0].consistenza.sas, 6);
    }

    #[test]
    fn other_years_and_ambiti_are_set_aside_and_unknown_keys_wait() {
        let (files, registry) = demo::crema_2021_signed_files();
        let received = intake(&files[..2], &registry, 2022);
        assert!(
            matches!(&received[0].disposition, Disposition::Accantonata(m) if m.it.contains("piano 2021") && m.en.contains("2021 plan, not for the 2022"))
        );
        let received = intake(&files[..2], &TrustRegistry::default(), 2021);
        assert_eq!(received[0].disposition, Disposition::ChiaveDaAccettare);
        let received = classify(
            files[..1]
                .iter()
                .map(|(n, t)| (n.clone(), check_file(t.as_bytes(), &registry), None))
                .collect(),
            &ambiti::preset("cremona").unwrap(),
            2021,
            false,
            Clock::default(),
        );
        assert!(
            matches!(&received[0].disposition, Disposition::Accantonata(m) if m.it.contains("ambito «crema»") && m.en.contains("ambito «crema»"))
        );
    }

    #[test]
    fn a_signed_file_breaking_a_rule_is_discarded_with_the_reason_in_both_languages() {
        use crate::signing::sign_submission;
        let (key, registry) = crema_key(7);
        let mut s = demo::crema_2021_owners().remove(6);
        s.referente.email = "non-una-email".into();
        let text = sign_submission(&s, &key, "2020-11-01T10:00:00Z");
        let received = intake(&[("crema.json".into(), text)], &registry, 2021);
        let Disposition::Scartata(reason) = &received[0].disposition else {
            panic!("{:?}", received[0].disposition)
        };
        assert!(reason.it.starts_with("la scheda non rispetta le regole: "));
        assert!(reason.en.starts_with("the submission breaks the rules: "));
        assert_eq!(reason.to_string(), reason.it, "the record is Italian");
        // One problem is said alone, never «(e altri 0 problemi)».
        assert!(
            !reason.it.contains("altri") && !reason.en.contains("more"),
            "{reason:?}"
        );
        assert_eq!(
            serde_json::to_value(&received[0].disposition).unwrap()["motivo"],
            reason.it.as_str()
        );
    }

    #[test]
    fn further_problems_are_counted_in_words_that_agree() {
        use crate::signing::sign_submission;
        let (key, registry) = crema_key(7);
        // Each further problem: the email, then the role, then the name of the referente.
        let reason = |problems: usize| {
            let mut s = demo::crema_2021_owners().remove(6);
            s.referente.email = "non-una-email".into();
            if problems > 1 {
                s.referente.ruolo.clear();
            }
            if problems > 2 {
                s.referente.nome.clear();
            }
            let text = sign_submission(&s, &key, "2020-11-01T10:00:00Z");
            match &intake(&[("crema.json".into(), text)], &registry, 2021)[0].disposition {
                Disposition::Scartata(reason) => reason.clone(),
                other => panic!("{other:?}"),
            }
        };
        let two = reason(2);
        assert!(two.it.ends_with("(e un altro problema)"), "{}", two.it);
        assert!(two.en.ends_with("(and one more problem)"), "{}", two.en);
        let three = reason(3);
        assert!(three.it.ends_with("(e altri 2 problemi)"), "{}", three.it);
        assert!(three.en.ends_with("(and 2 more problems)"), "{}", three.en);
    }

    #[test]
    fn oversized_files_are_refused_unread() {
        assert!(too_large(4096).is_none());
        let v = too_large(50 * 1024 * 1024).unwrap();
        assert!(
            matches!(v.outcome, Outcome::Unreadable(ref e) if e.to_string().contains("50,0 MB"))
        );
    }

    #[test]
    fn non_utf8_files_are_unreadable_not_a_crash() {
        let f = super::super::CheckedFile::check(
            "foto.jpg".into(),
            vec![0xff, 0xd8, 0xff, 0xe0, 0x00],
            &std::rc::Rc::new(TrustRegistry::default()),
        );
        assert_eq!(f.name, "foto.jpg");
        assert!(matches!(f.verified.outcome, Outcome::Unreadable(_)));
    }
}
