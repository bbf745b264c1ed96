//! The capofila's intake: the files received (with their bytes), the trust registry, the
//! ambito, the plan year and the capofila's clock (given, never read). Every change (files added, a key accepted, a registry set,
//! another ambito or year) gives every file its disposition again, and the plan and the
//! signed aggregate come from here. The page's reducer and the CLI both drive this one type,
//! so the two cannot drift apart.

mod dispositions;
mod paste;
pub mod status;

use std::rc::Rc;

pub use dispositions::{
    check_file, counted, too_large, Disposition, FileState, Reason, ReceivedFile, Refusal,
    Supersession, FUTURE_TOLERANCE_SECONDS, MAX_FILE_BYTES,
};
use dispositions::{not_read, oversized};
pub use paste::{accept_fingerprints, FileKey, FingerprintPaste, PastedKey};

use crate::aggregate::{aggregate, Plan};
use crate::ambiti::{self, Ambito};
use crate::comparison::Comparison;
use crate::comuni::IstatCode;
use crate::document::{plan_document, DocumentInput, PlanDocument};
use crate::plan_texts::PlanTexts;
use crate::previous_plan::{CapofilaKnown, PlanTrust, PreviousPlan};
use crate::request::VerifiedRequest;
use crate::signing::{sign_document, SigningKey, TrustRegistry, VerifiedFile};
use crate::submission::Submission;
use crate::text::Bilingual;
use status::StatusBoard;

/// A received file, verified once: its bytes are kept so it can be verified again when the
/// registry changes.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedFile {
    pub name: String,
    pub bytes: Rc<[u8]>,
    pub verified: VerifiedFile,
}

impl CheckedFile {
    /// Verifies `bytes` against `registry` (the costly step, one file at a time so that a
    /// page can show progress).
    pub fn check(name: String, bytes: Vec<u8>, registry: &TrustRegistry) -> CheckedFile {
        CheckedFile {
            verified: check_file(&bytes, registry),
            bytes: bytes.into(),
            name,
        }
    }

    /// A file larger than [`MAX_FILE_BYTES`]: not read, its verdict is known.
    pub fn too_large(name: String, size: u64) -> CheckedFile {
        CheckedFile::unread(name, oversized(size))
    }

    /// A file the browser or the system could not read, with the reason.
    pub fn not_read(name: String, why: Bilingual) -> CheckedFile {
        CheckedFile::unread(name, not_read(why))
    }

    /// A file whose verdict was given without its bytes (e.g. [`too_large`]).
    pub fn unread(name: String, verified: VerifiedFile) -> CheckedFile {
        CheckedFile {
            name,
            bytes: Rc::from(Vec::new()),
            verified,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Intake {
    ambito: Rc<Ambito>,
    year: u16,
    registry: Rc<TrustRegistry>,
    files: Rc<Vec<CheckedFile>>,
    /// `files` with their dispositions for `ambito` and `year`.
    received: Rc<Vec<ReceivedFile>>,
    /// The page's demo: files signed with demo keys count. Never true for real work.
    demo: bool,
    /// The capofila's clock (RFC 3339), given by the page or the CLI: a file signed after it
    /// (by more than a day) waits for [`Intake::confirm_date`]. Without it, no date is
    /// questioned.
    now: Option<Rc<str>>,
    /// The names of the files whose future date the capofila confirmed.
    confirmed_dates: Rc<std::collections::BTreeSet<String>>,
    /// The capofila's request for this ambito and year, when it made or loaded one: the
    /// status board matches the answers to it.
    request: Option<Rc<VerifiedRequest>>,
    /// Last year's signed plan, to compare with and to take the owners from.
    previous: Option<Rc<PreviousPlan>>,
}

impl Intake {
    /// An empty intake. Demo keys are dropped from `registry`: no registry trusts them.
    pub fn new(ambito: Ambito, year: u16, registry: TrustRegistry) -> Intake {
        Intake {
            ambito: Rc::new(ambito),
            year,
            registry: Rc::new(registry.without_demo_keys()),
            files: Rc::default(),
            received: Rc::default(),
            demo: false,
            now: None,
            confirmed_dates: Rc::default(),
            request: None,
            previous: None,
        }
    }

    /// The demo: the Crema 2021 answers signed with demo keys, which count here because the
    /// intake knows it is a demo; `registry` (the capofila's own) is kept as it is.
    pub fn demo(registry: TrustRegistry) -> Intake {
        let ambito = ambiti::preset(crate::demo::DEMO_AMBITO).expect("the demo ambito ships");
        let mut intake = Intake::new(ambito, crate::demo::DEMO_YEAR, registry);
        intake.demo = true;
        let files = crate::demo::crema_2021_demo_files()
            .into_iter()
            .map(|(name, text)| CheckedFile::check(name, text.into_bytes(), &intake.registry))
            .collect();
        intake.add(files);
        intake
    }

    pub fn ambito(&self) -> &Rc<Ambito> {
        &self.ambito
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn registry(&self) -> &Rc<TrustRegistry> {
        &self.registry
    }

    /// Every file received, with its disposition, in the order received.
    pub fn received(&self) -> &Rc<Vec<ReceivedFile>> {
        &self.received
    }

    pub fn is_demo(&self) -> bool {
        self.demo
    }

    pub fn set_ambito(&mut self, ambito: Ambito) {
        self.ambito = Rc::new(ambito);
        self.forget_request_of_another_plan();
        self.classify();
    }

    /// Ticks or unticks a comune of the ambito as owning housing: only the plan's
    /// ricognizione changes, no file's disposition does.
    pub fn set_owner(&mut self, code: IstatCode, owns: bool) {
        Rc::make_mut(&mut self.ambito).set_owner(code, owns);
    }

    /// The capofila's clock, RFC 3339 (the core reads none): the page passes the browser's,
    /// the CLI the system's. Files signed more than [`FUTURE_TOLERANCE_SECONDS`] after it get
    /// [`Disposition::DataFutura`] and do not count until confirmed. A `now` that is not an
    /// RFC 3339 moment questions no date.
    pub fn set_now(&mut self, now: &str) {
        if self.now.as_deref() != Some(now) {
            self.now = Some(now.into());
            self.classify();
        }
    }

    /// The capofila's clock as last given.
    pub fn now(&self) -> Option<&str> {
        self.now.as_deref()
    }

    /// The capofila checked with the ente that the future date of the file `name` is right
    /// (or accepts it as it is): the file then competes with the ente's others as any file,
    /// its date as written. Returns whether a file waiting for that confirmation was named.
    pub fn confirm_date(&mut self, name: &str) -> bool {
        let waiting = self
            .received
            .iter()
            .any(|f| f.name == name && matches!(f.disposition, Disposition::DataFutura(_)));
        if waiting {
            Rc::make_mut(&mut self.confirmed_dates).insert(name.to_owned());
            self.classify();
        }
        waiting
    }

    /// The names of the files whose date the capofila confirmed.
    pub fn confirmed_dates(&self) -> impl Iterator<Item = &str> {
        self.confirmed_dates.iter().map(String::as_str)
    }

    pub fn set_year(&mut self, year: u16) {
        self.year = year;
        self.forget_request_of_another_plan();
        self.classify();
    }

    /// A request is of one ambito and year: another choice of either leaves it behind.
    fn forget_request_of_another_plan(&mut self) {
        let (id, year) = (&self.ambito.id, self.year);
        self.request = self
            .request
            .take()
            .filter(|r| r.request.ambito.id == *id && r.request.anno_piano == year);
    }

    /// The capofila's request the answers are matched to: it must be for this intake's ambito
    /// and plan year; another is refused with the reason and changes nothing. `None` forgets it.
    pub fn set_request(&mut self, request: Option<VerifiedRequest>) -> Result<(), Bilingual> {
        if let Some(r) = &request {
            let asked = &r.request;
            if asked.ambito.id != self.ambito.id || asked.anno_piano != self.year {
                return Err(Bilingual::new(
                    format!(
                        "La richiesta è per l'ambito «{}» e il piano {}, non per «{}» e il piano {}: scegliere l'ambito e l'anno della richiesta, o caricare la richiesta giusta.",
                        asked.ambito.nome, asked.anno_piano, self.ambito.nome, self.year
                    ),
                    format!(
                        "The request is for the ambito «{}» and the {} plan, not for «{}» and the {} plan: choose the request's ambito and year, or load the right request.",
                        asked.ambito.nome, asked.anno_piano, self.ambito.nome, self.year
                    ),
                ));
            }
        }
        self.request = request.map(Rc::new);
        // The capofila's own file signed with the request's key needs no acceptance.
        self.classify();
        Ok(())
    }

    /// The request for this ambito and year, from the capofila whose key file says `ente`
    /// (id `ente_id`): only the comune capofila's key asks; the deadline must be a date and
    /// the referente and the contact are what a comune needs to reach the capofila. The
    /// page and `offerta richiesta` both make their request here.
    #[allow(clippy::too_many_arguments)]
    pub fn compose_request(
        &self,
        ente: &str,
        ente_id: &str,
        deadline: &str,
        referente: &str,
        contatto: &str,
        message: &str,
    ) -> Result<crate::request::Request, Bilingual> {
        self.check_plan_signer(ente, ente_id)?;
        let request = crate::request::Request::new(
            &self.ambito,
            self.year,
            deadline.trim(),
            crate::request::RequestSender {
                nome: ente.to_owned(),
                codice_istat: ente_id.to_owned(),
                referente: referente.trim().to_owned(),
                contatto: contatto.trim().to_owned(),
            },
            message.trim(),
        );
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

    /// The request set by [`Intake::set_request`].
    pub fn request(&self) -> Option<&VerifiedRequest> {
        self.request.as_deref()
    }

    /// Who answered, who owns housing and is still silent, the deadline: seen on `today`.
    pub fn status_board(&self, today: &str) -> StatusBoard {
        StatusBoard::of(
            &self.received,
            &self.ambito,
            self.year,
            self.request.as_deref(),
            today,
        )
    }

    /// Adds files verified with [`CheckedFile::check`] (against this intake's registry). A
    /// file with the same bytes as one already in the list (or earlier in `files`) is the same
    /// file dropped again: it is not added, and its name is returned ("già caricato").
    pub fn add(&mut self, files: Vec<CheckedFile>) -> Vec<String> {
        let mut seen: std::collections::HashSet<Rc<[u8]>> = self
            .files
            .iter()
            .filter(|f| !f.bytes.is_empty())
            .map(|f| f.bytes.clone())
            .collect();
        let mut again = Vec::new();
        let list = Rc::make_mut(&mut self.files);
        for file in files {
            if !file.bytes.is_empty() && !seen.insert(file.bytes.clone()) {
                again.push(file.name);
            } else {
                list.push(file);
            }
        }
        self.classify();
        again
    }

    /// Forgets every file; the demo, if it was one, is over.
    pub fn clear_files(&mut self) {
        self.files = Rc::default();
        self.received = Rc::default();
        self.demo = false;
        self.confirmed_dates = Rc::default();
    }

    /// The capofila's explicit acceptance of a key for an ente (after comparing its
    /// fingerprint): the files are verified again. Returns whether the registry changed
    /// (never for a demo key).
    pub fn accept_key(
        &mut self,
        ente_id: &str,
        ente: &str,
        public_key: &str,
        when: &str,
        note: &str,
    ) -> bool {
        self.change_registry(|r| r.accept(ente_id, ente, public_key, when, note))
    }

    /// Accepts the key of every file waiting for one: only for a capofila that has already
    /// compared every fingerprint (the CLI's `--trust-new-keys`). Returns how many.
    pub fn accept_waiting_keys(&mut self, when: &str, note: &str) -> usize {
        let waiting: Vec<(String, String, String)> = self
            .received
            .iter()
            .filter(|f| f.disposition == Disposition::ChiaveDaAccettare)
            .filter_map(|f| {
                let s = f.verified.submission.as_ref()?;
                let key = f.verified.public_key.clone()?;
                Some((s.ente.id(), s.ente.display_name(), key))
            })
            .collect();
        let mut registry = (*self.registry).clone();
        let added = waiting
            .iter()
            .filter(|(id, ente, key)| registry.accept(id, ente, key, when, note))
            .count();
        if added > 0 {
            self.registry = Rc::new(registry);
            self.reverify();
        }
        added
    }

    /// The ente made a new key (new PC, forgotten passphrase) and the capofila checked its
    /// fingerprint with the ente: `public_key` is accepted and every key of the ente in use
    /// is marked replaced from `when` (files it signed before still count). The files are
    /// verified again. Returns whether the registry changed; false for a demo key, a key
    /// retired already, an empty `reason` or a `when` that is not a moment (ask
    /// [`crate::signing::check_retirement`] first to tell the capofila why).
    pub fn replace_key(
        &mut self,
        ente_id: &str,
        ente: &str,
        public_key: &str,
        when: &str,
        reason: &str,
    ) -> bool {
        self.change_registry(|r| r.replace(ente_id, ente, public_key, when, reason))
    }

    /// A key of the ente (its public key or fingerprint) was lost or stolen: files it
    /// signed from `from` on no longer count. The files are verified again. Returns whether
    /// the registry changed (false for an unknown key, a key revoked already, an empty
    /// `reason` or a `from` that is not a moment; see [`crate::signing::check_retirement`]).
    pub fn revoke_key(
        &mut self,
        ente_id: &str,
        key_or_fingerprint: &str,
        from: &str,
        reason: &str,
    ) -> bool {
        self.change_registry(|r| r.revoke(ente_id, key_or_fingerprint, from, reason))
    }

    /// Accepts the key of every file waiting for one whose fingerprint is in `text`, what the
    /// capofila pasted (one fingerprint per line, or a whole PEC message). Files of this
    /// ambito and year signed with another key than the ente's are not accepted, only
    /// reported (they need [`Intake::replace_key`]). The files are verified again.
    pub fn accept_fingerprints(&mut self, text: &str, when: &str, note: &str) -> FingerprintPaste {
        let received = self.received.clone();
        let waiting = received
            .iter()
            .filter(|f| f.disposition == Disposition::ChiaveDaAccettare)
            .map(|f| (f.name.as_str(), &f.verified));
        // Only those the capofila would see as "chiave diversa" (this ambito and year).
        let mismatched = received
            .iter()
            .filter(|f| matches!(f.disposition, Disposition::Scartata(_)))
            .filter(|f| paste::is_key_mismatch(&f.verified))
            .map(|f| (f.name.as_str(), &f.verified));
        let mut registry = (*self.registry).clone();
        let paste = accept_fingerprints(&mut registry, text, waiting, mismatched, when, note);
        if !paste.accepted.is_empty() {
            self.registry = Rc::new(registry);
            self.reverify();
        }
        paste
    }

    /// Applies `change` to a copy of the registry; if it changed anything, the copy becomes
    /// the registry and every file is verified again.
    fn change_registry(&mut self, change: impl FnOnce(&mut TrustRegistry) -> bool) -> bool {
        let mut registry = (*self.registry).clone();
        let changed = change(&mut registry);
        if changed {
            self.registry = Rc::new(registry);
            self.reverify();
        }
        changed
    }

    /// Replaces the registry (e.g. imported from a file), without its demo keys.
    pub fn set_registry(&mut self, registry: TrustRegistry) {
        self.registry = Rc::new(registry.without_demo_keys());
        self.reverify();
    }

    /// The submissions in the plan.
    pub fn counted(&self) -> Vec<Submission> {
        counted(&self.received)
    }

    /// The plan: the counted submissions aggregated for the ambito. When the ambito lists no
    /// owners and last year's plan of this ambito is loaded, the ricognizione takes last
    /// year's owners as the known ones ([`Intake::owners_from_previous`]).
    /// A silent comune whose file arrived (waiting for a decision, or refused) is named so
    /// by the ricognizione ([`crate::ricognizione::Ricognizione::with_received`]).
    pub fn plan(&self) -> Plan {
        let with_owners;
        let ambito = match self.owners_from_previous() {
            Some(owners) => {
                let mut ambito = (*self.ambito).clone();
                ambito.con_patrimonio = Some(owners);
                with_owners = ambito;
                &with_owners
            }
            None => &*self.ambito,
        };
        let mut plan = aggregate(&self.counted(), Some(ambito));
        // The plan is for this intake's year even when no file counted (issue #25): the
        // aggregate states the year it was made for.
        plan.anno_piano = Some(self.year);
        plan.ricognizione =
            std::mem::take(&mut plan.ricognizione).with_received(&self.received, Some(ambito));
        plan
    }

    /// How many files wait for the capofila's decision (a key to accept, a date to confirm,
    /// a changed key): while any does, the plan is a draft.
    pub fn waiting(&self) -> usize {
        self.received
            .iter()
            .filter(|f| f.state().waits_for_decision())
            .count()
    }

    /// «bozza: N file in attesa di decisione», while any file waits: the page says it above
    /// the plan, the document, the XLSX, the CSV and the aggregate carry it.
    pub fn draft_note(&self) -> Option<Bilingual> {
        status::draft_note(self.waiting())
    }

    /// Last year's signed plan to compare with, or none. A plan of another ambito, or of
    /// this year or a later one, is refused with the reason and nothing changes; a plan of
    /// a year before last is accepted (the comparison notes it).
    pub fn set_previous(&mut self, previous: Option<PreviousPlan>) -> Result<(), Bilingual> {
        if let Some(p) = &previous {
            p.fits(&self.ambito.id, self.year)?;
        }
        self.previous = previous.map(Rc::new);
        Ok(())
    }

    pub fn previous(&self) -> Option<&PreviousPlan> {
        self.previous.as_deref()
    }

    /// Whether last year's plan counts, as this intake knows the capofila now (its
    /// registry, its request, the clock): asked afresh, so a registry imported or a request
    /// loaded after the plan counts too. `None` without a plan.
    pub fn previous_trust(&self) -> Option<PlanTrust> {
        let previous = self.previous.as_ref()?;
        Some(previous.trust(&CapofilaKnown {
            capofila: self.ambito.capofila_code(),
            registry: &self.registry,
            request: self.request.as_deref(),
            demo: self.demo,
            now: self.now.as_deref(),
        }))
    }

    /// The line that says which plan is compared with and whether it counts (page, CLI).
    pub fn previous_status(&self) -> Option<Bilingual> {
        let trust = self.previous_trust()?;
        self.previous.as_ref().map(|p| p.status_line(&trust))
    }

    /// The owners the ricognizione takes from last year's plan: the app's choice when the
    /// ambito says nothing of who owns housing (no `con_patrimonio`, no owner ticked), since
    /// the law's ricognizione starts from the previous plan (docs/DOMAIN.md, section 5). An
    /// owner list given in the ambito, or ticked on the page, always wins; a previous plan of
    /// another ambito (the ambito changed after it was loaded) gives none, and so does one
    /// not signed with the capofila's known key (issue #25: anyone can sign a plan).
    pub fn owners_from_previous(&self) -> Option<Vec<IstatCode>> {
        let previous = self.previous.as_ref()?;
        let verified = self.previous_trust().is_some_and(|t| t.is_verified());
        (verified && !self.ambito.owners_known() && previous.ambito == self.ambito.id)
            .then(|| previous.owner_codes(&self.ambito))
    }

    /// This year's `plan` against last year's, when one is loaded.
    pub fn comparison(&self, plan: &Plan) -> Option<Comparison> {
        self.previous.as_ref().map(|p| Comparison::of(p, plan))
    }

    /// The plan document (cover, sections a-k, the comparison with last year's plan when
    /// one is loaded, attachments) with the capofila's `texts` composed (NFC). Ask
    /// [`PlanTexts::check`] first: the page and the CLI make no document from texts that
    /// carry an invisible character.
    pub fn document(&self, plan: &Plan, texts: &PlanTexts) -> PlanDocument {
        let comparison = self.comparison(plan);
        let trust = self.previous_trust();
        let previous = match (self.previous.as_deref(), &trust, &comparison) {
            (Some(plan), Some(trust), Some(comparison)) => Some(crate::document::PreviousPart {
                plan,
                trust,
                comparison,
            }),
            _ => None,
        };
        plan_document(&DocumentInput {
            plan,
            ambito: &self.ambito,
            year: self.year,
            texts: &texts.composed(),
            received: &self.received,
            previous,
        })
    }

    /// What the exported files say about themselves, made at `now` (RFC 3339).
    pub fn about(&self, now: &str) -> crate::export::About {
        crate::export::About {
            ambito: self.ambito.nome.clone(),
            anno: self.year,
            made_on: crate::text::day_of(now),
            bozza: self.draft_note().map(|b| b.it),
        }
    }

    /// Whether the key of `ente` (its id `ente_id`, as its key file says) may sign this plan:
    /// only the comune capofila's may.
    pub fn check_plan_signer(&self, ente: &str, ente_id: &str) -> Result<(), Bilingual> {
        let Some(capofila) = self.ambito.capofila_code() else {
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

    /// The capofila's texts as they start for this ambito and year.
    pub fn default_texts(&self) -> PlanTexts {
        PlanTexts::defaults(&self.ambito, self.year)
    }

    /// The aggregate the capofila hands on, unsigned, as pretty JSON.
    pub fn aggregate_text(&self, plan: &Plan, texts: &PlanTexts) -> String {
        let json = crate::plan_file::aggregate_json(plan, &self.received, &texts.composed());
        serde_json::to_string_pretty(&json).expect("a JSON value always serialises")
    }

    /// The aggregate signed with the capofila's key at `when`, as pretty JSON.
    pub fn signed_aggregate_text(
        &self,
        plan: &Plan,
        texts: &PlanTexts,
        key: &SigningKey,
        when: &str,
    ) -> String {
        let serde_json::Value::Object(document) =
            crate::plan_file::aggregate_json(plan, &self.received, &texts.composed())
        else {
            unreachable!("the aggregate is a JSON object")
        };
        let signed = sign_document(document, key, when);
        serde_json::to_string_pretty(&signed).expect("a JSON value always serialises")
    }

    fn reverify(&mut self) {
        let registry = self.registry.clone();
        self.files = Rc::new(
            self.files
                .iter()
                .map(|f| CheckedFile {
                    verified: check_file(&f.bytes, &registry),
                    ..f.clone()
                })
                .collect(),
        );
        self.classify();
    }

    fn classify(&mut self) {
        let checked = self
            .files
            .iter()
            .map(|f| (f.name.clone(), f.verified.clone()))
            .collect();
        self.received = Rc::new(dispositions::classify(
            checked,
            &self.ambito,
            self.year,
            self.demo,
            dispositions::Clock {
                now: self.now.as_deref(),
                confirmed: Some(&self.confirmed_dates),
                own_key: self.request.as_deref().map(|r| {
                    (
                        r.request.capofila.codice_istat.as_str(),
                        r.public_key.as_str(),
                    )
                }),
            },
        ));
    }
}

#[cfg(test)]
mod names;
#[cfg(test)]
mod said_alike;
#[cfg(test)]
mod tests;
