//! The capofila's intake: the files received (with their bytes), the trust registry, the
//! ambito, the plan year, the capofila's clock (given, never read) and its request. Every
//! change (files added, a key accepted, a registry set, another ambito or year) gives every
//! file its disposition again. The page's reducer and the CLI both drive this one type, so
//! the two cannot drift apart; the plan is made from it one layer up
//! ([`crate::planning::plan_of`]), its files handed on by [`crate::plan_outputs`].

mod dispositions;
mod file_check;
pub mod groups;
mod paste;
pub mod status;

use std::rc::Rc;

pub use dispositions::{
    check_file, counted, too_large, Disposition, FileState, Reason, ReceivedFile, Refusal,
    Supersession, FUTURE_TOLERANCE_SECONDS, MAX_FILE_BYTES,
};
use dispositions::{not_read, oversized};
pub use file_check::FileCheck;
pub use paste::{accept_fingerprints, FileKey, FingerprintPaste, PastedKey};

use crate::ambiti::Ambito;
use crate::comuni::IstatCode;
use crate::request::VerifiedRequest;
use crate::rules::Finding;
use crate::signing::cades::{looks_like_p7m, verify_p7m_with_lists, CadesError, RevocationList};
use crate::signing::qualified::{QualifiedSignature, TrustAnchor};
use crate::signing::{verified_p7m, TrustRegistry, VerifiedFile};
use crate::submission::Submission;
use crate::text::Bilingual;
use status::StatusBoard;

/// A received file, verified once: its bytes are kept so it can be verified again when the
/// registry changes.
// Eq: an `Rc` of a list of them compares as equal at once when it is the same `Rc` (the
// page compares the intake at every render).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedFile {
    pub name: String,
    pub bytes: Rc<[u8]>,
    pub verified: VerifiedFile,
    /// The registry `verified` was given against; none for a verdict given without the
    /// bytes, which no registry changes. [`Intake::add`] verifies again a file verified
    /// against another registry than its own.
    against: Option<Rc<TrustRegistry>>,
    /// For a `.p7m`: its firma digitale verified (the costly step) against the trust anchors
    /// kept here; a registry change asks the registry again without verifying it again.
    p7m: Option<P7mCheck>,
    /// A hash of `bytes`, made while the file is verified, so that [`Intake::add`] finds a
    /// file dropped again without reading every file's bytes at the end of the drop.
    content_hash: u64,
    /// The submission's problems by the rules for the ambito kept here
    /// ([`CheckedFile::validated_for`]): made during the drop, file by file, so that the
    /// classification at its end has little left to do. Used only for that very ambito.
    findings: FindingsMade,
}

/// [`CheckedFile::validated_for`]'s work, kept: a cache, never a difference between two
/// files (their bytes make the same findings).
#[derive(Clone, Debug, Default)]
struct FindingsMade(Option<(Rc<Ambito>, Vec<Finding>)>);

impl PartialEq for FindingsMade {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for FindingsMade {}

/// The hash [`Intake::add`] compares the bytes of files by (equal bytes, equal hash; the
/// bytes themselves are compared when two hashes are equal). Fixed keys: the same on every
/// run.
fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// A file's bytes in the set of those seen in a drop, hashed by the hash made when it was
/// verified.
struct SeenBytes(u64, Rc<[u8]>);

impl std::hash::Hash for SeenBytes {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.0);
    }
}

impl PartialEq for SeenBytes {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0 && self.1 == other.1
    }
}

impl Eq for SeenBytes {}

/// A `.p7m`'s verification, kept with the trust anchors and revocation lists it was made with.
#[derive(Clone, Debug, PartialEq, Eq)]
struct P7mCheck {
    anchors: Rc<Vec<TrustAnchor>>,
    lists: Rc<Vec<RevocationList>>,
    verdict: Result<Rc<QualifiedSignature>, CadesError>,
}

/// The moment a `.p7m` is verified at when the intake has no clock (tests): validity is
/// checked at the file's signing time; a file without one is refused as expired, never
/// counted on a guess.
const NO_CLOCK: &str = "9999-12-31T23:59:59Z";

impl CheckedFile {
    /// Verifies `bytes` against `registry` (the costly step, one file at a time so that a
    /// page can show progress). The verdict remembers the registry, so that an intake whose
    /// registry changed meanwhile verifies the file again when it is added. A `.p7m` is
    /// verified against no trust anchor here: the intake verifies it again against its own
    /// (a drop checks with [`Intake::file_check`], which verifies it once, up front).
    pub fn check(name: String, bytes: Vec<u8>, registry: &Rc<TrustRegistry>) -> CheckedFile {
        CheckedFile::check_with_anchors(name, bytes, registry, &Rc::default(), None)
    }

    /// [`CheckedFile::check`], a `.p7m` (DER, base64 or PEM) verified against `anchors` at
    /// `now` (the capofila's clock, RFC 3339), its content then read as a submission; no
    /// revocation list ([`CheckedFile::check_with_trust`]).
    pub fn check_with_anchors(
        name: String,
        bytes: Vec<u8>,
        registry: &Rc<TrustRegistry>,
        anchors: &Rc<Vec<TrustAnchor>>,
        now: Option<&str>,
    ) -> CheckedFile {
        CheckedFile::check_with_trust(name, bytes, registry, anchors, &Rc::default(), now)
    }

    /// [`CheckedFile::check_with_anchors`], the chain of a `.p7m` also checked against the
    /// revocation `lists` current at `now`.
    pub fn check_with_trust(
        name: String,
        bytes: Vec<u8>,
        registry: &Rc<TrustRegistry>,
        anchors: &Rc<Vec<TrustAnchor>>,
        lists: &Rc<Vec<RevocationList>>,
        now: Option<&str>,
    ) -> CheckedFile {
        let p7m = looks_like_p7m(&bytes).then(|| P7mCheck {
            anchors: anchors.clone(),
            lists: lists.clone(),
            verdict: verify_p7m_with_lists(&bytes, anchors, lists, now.unwrap_or(NO_CLOCK))
                .map(Rc::new),
        });
        CheckedFile {
            verified: match &p7m {
                Some(p) => verified_p7m(&p.verdict, registry),
                None => check_file(&bytes, registry),
            },
            content_hash: content_hash(&bytes),
            bytes: bytes.into(),
            name,
            against: Some(registry.clone()),
            p7m,
            findings: FindingsMade::default(),
        }
    }

    /// The file with its submission's problems by the rules for `ambito` made now, as the
    /// intake's classification would make them: a page calls it file by file during a drop,
    /// so that the end of a drop of 10,000 files does not validate them all in one go. An
    /// intake whose ambito is another (or changed meanwhile) validates the file again.
    pub fn validated_for(mut self, ambito: &Rc<Ambito>) -> CheckedFile {
        self.findings = FindingsMade(self.verified.submission.as_ref().map(|s| {
            let errors = dispositions::rule_errors(s, ambito);
            (ambito.clone(), errors)
        }));
        self
    }

    /// The problems made by [`CheckedFile::validated_for`] for this very `ambito`, if any.
    fn findings_for(&self, ambito: &Rc<Ambito>) -> Option<Vec<Finding>> {
        let (validated, errors) = self.findings.0.as_ref()?;
        Rc::ptr_eq(validated, ambito).then(|| errors.clone())
    }

    /// Whether the verdict holds for `registry` and `trust`: given against them (the same
    /// or equal ones), or given without the bytes.
    fn holds_for(&self, registry: &Rc<TrustRegistry>, trust: Trust) -> bool {
        let registry_holds = self
            .against
            .as_ref()
            .is_none_or(|a| Rc::ptr_eq(a, registry) || **a == **registry);
        registry_holds && self.p7m.as_ref().is_none_or(|p| p.holds_for(trust))
    }

    /// The same file verified against `registry` and `anchors` at `now` (a verdict given
    /// without the bytes stays; a `.p7m` verified against the same anchors is not verified
    /// again, only its signer asked of the registry).
    fn checked_again(
        &self,
        registry: &Rc<TrustRegistry>,
        trust: Trust,
        now: Option<&str>,
    ) -> CheckedFile {
        match &self.p7m {
            _ if self.against.is_none() => self.clone(),
            Some(p) if p.holds_for(trust) => CheckedFile {
                verified: verified_p7m(&p.verdict, registry),
                against: Some(registry.clone()),
                ..self.clone()
            },
            Some(_) => CheckedFile::check_with_trust(
                self.name.clone(),
                self.bytes.to_vec(),
                registry,
                trust.0,
                trust.1,
                now,
            ),
            None => CheckedFile {
                verified: check_file(&self.bytes, registry),
                against: Some(registry.clone()),
                ..self.clone()
            },
        }
    }

    /// The verified firma digitale of a `.p7m` whose signature holds.
    pub fn qualified(&self) -> Option<&QualifiedSignature> {
        self.p7m.as_ref()?.verdict.as_deref().ok()
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
            against: None,
            p7m: None,
            content_hash: 0,
            findings: FindingsMade::default(),
        }
    }
}

/// What a `.p7m` is verified against: the trust anchors and the revocation lists.
type Trust<'a> = (&'a Rc<Vec<TrustAnchor>>, &'a Rc<Vec<RevocationList>>);

impl P7mCheck {
    fn holds_for(&self, (anchors, lists): Trust) -> bool {
        (Rc::ptr_eq(&self.anchors, anchors) || *self.anchors == **anchors)
            && (Rc::ptr_eq(&self.lists, lists) || *self.lists == **lists)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Intake {
    ambito: Rc<Ambito>,
    year: u16,
    registry: Rc<TrustRegistry>,
    /// The certificates trusted to issue qualified certificates (the Italian trusted list's,
    /// or added by hand): a `.p7m` counts only with a chain to one of them.
    anchors: Rc<Vec<TrustAnchor>>,
    /// The certificate revocation lists the capofila loaded: a `.p7m` whose chain a current
    /// one lists is refused, and each signer says whether revocation was checked.
    revocation_lists: Rc<Vec<RevocationList>>,
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
    /// How many times the files were classified: a drop costs one.
    #[cfg(test)]
    classified: Classifications,
}

/// A count kept for the tests only, never a difference between two intakes.
#[cfg(test)]
#[derive(Clone, Debug, Default)]
struct Classifications(usize);

#[cfg(test)]
impl PartialEq for Classifications {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Intake {
    /// An empty intake. Demo keys are dropped from `registry`: no registry trusts them.
    pub fn new(ambito: Ambito, year: u16, registry: TrustRegistry) -> Intake {
        Intake {
            ambito: Rc::new(ambito),
            year,
            registry: Rc::new(registry.without_demo_keys()),
            anchors: Rc::default(),
            revocation_lists: Rc::default(),
            files: Rc::default(),
            received: Rc::default(),
            demo: false,
            now: None,
            confirmed_dates: Rc::default(),
            request: None,
            #[cfg(test)]
            classified: Classifications::default(),
        }
    }

    /// An empty intake for the page's demo, in which files signed with demo keys count
    /// ([`crate::demo::demo_intake`] adds the demo's files). Never for real work.
    pub fn for_demo(ambito: Ambito, year: u16, registry: TrustRegistry) -> Intake {
        Intake {
            demo: true,
            ..Intake::new(ambito, year, registry)
        }
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

    /// Adds files verified with [`Intake::file_check`] (or [`CheckedFile::check`]). A file verified against another
    /// registry than this intake's (a drop verifies against the registry of its start, and a
    /// key may be accepted meanwhile) is verified again against this one. A file with the
    /// same bytes as one already in the list (or earlier in `files`) is the same file dropped
    /// again: it is not added, and its name is returned ("già caricato").
    pub fn add(&mut self, files: Vec<CheckedFile>) -> Vec<String> {
        let again = self.take(files);
        self.classify();
        again
    }

    /// Adds the files of a drop that ended at `now`, the capofila's clock as
    /// [`Intake::set_now`] takes it: the clock and the files cost one classification.
    pub fn add_at(&mut self, files: Vec<CheckedFile>, now: &str) -> Vec<String> {
        self.now = Some(now.into());
        self.add(files)
    }

    /// Takes `files` into the list ([`Intake::add`]) without classifying them.
    fn take(&mut self, files: Vec<CheckedFile>) -> Vec<String> {
        let mut seen: std::collections::HashSet<SeenBytes> = self
            .files
            .iter()
            .filter(|f| !f.bytes.is_empty())
            .map(|f| SeenBytes(f.content_hash, f.bytes.clone()))
            .collect();
        let mut again = Vec::new();
        let (registry, anchors) = (self.registry.clone(), self.anchors.clone());
        let lists = self.revocation_lists.clone();
        let now = self.now.clone();
        let list = Rc::make_mut(&mut self.files);
        for file in files {
            if !file.bytes.is_empty()
                && !seen.insert(SeenBytes(file.content_hash, file.bytes.clone()))
            {
                again.push(file.name);
            } else if file.holds_for(&registry, (&anchors, &lists)) {
                list.push(file);
            } else {
                list.push(file.checked_again(&registry, (&anchors, &lists), now.as_deref()));
            }
        }
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

    /// The trust anchors a `.p7m` is verified against.
    pub fn anchors(&self) -> &Rc<Vec<TrustAnchor>> {
        &self.anchors
    }

    /// Sets the trust anchors (the trusted list loaded, a CA added): every `.p7m` is verified
    /// again against them.
    pub fn set_anchors(&mut self, anchors: Vec<TrustAnchor>) {
        if *self.anchors != anchors {
            self.anchors = Rc::new(anchors);
            self.reverify();
        }
    }

    /// The revocation lists a `.p7m`'s chain is checked against.
    pub fn revocation_lists(&self) -> &Rc<Vec<RevocationList>> {
        &self.revocation_lists
    }

    /// Sets the revocation lists (the capofila loaded or removed one): every `.p7m` is
    /// verified again against them.
    pub fn set_revocation_lists(&mut self, lists: Vec<RevocationList>) {
        if *self.revocation_lists != lists {
            self.revocation_lists = Rc::new(lists);
            self.reverify();
        }
    }

    /// [`Intake::set_revocation_lists`] at `now`, the capofila's clock when it loaded or
    /// removed a list: a list is current or not at that moment (a list issued after the last
    /// drop is used), and the clock moves on for every file as [`Intake::set_now`] moves it.
    pub fn set_revocation_lists_at(&mut self, lists: Vec<RevocationList>, now: &str) {
        let clock_moved = self.now.as_deref() != Some(now);
        self.now = Some(now.into());
        if *self.revocation_lists != lists {
            self.revocation_lists = Rc::new(lists);
            self.reverify();
        } else if clock_moved {
            self.classify();
        }
    }

    /// The capofila confirms that the person who signed the `.p7m` named `file` signs for
    /// the ente its content names («MARIO ROSSI firma per il Comune di Castelleone»), at
    /// `when` (the capofila's clock): recorded in the registry, the files are classified
    /// again (no signature verified again). Returns whether a file waiting for that
    /// confirmation was named and its signer recorded.
    pub fn accept_signer(&mut self, file: &str, when: &str, note: &str) -> bool {
        let Some((id, nome, signer)) = self
            .received
            .iter()
            .filter(|f| f.name == file && f.disposition == Disposition::FirmatarioDaConfermare)
            .find_map(signer_to_confirm)
        else {
            return false;
        };
        self.accept_qualified_signer(&id, &nome, &signer, when, note)
    }

    /// Records in the registry that `signer` signs for the ente `ente_id` (`ente_nome`), at
    /// `when` (the capofila's clock), with `note`; the files are classified again if the
    /// registry changed. The one path of a confirmation made with one click: a received file's
    /// ([`Intake::accept_signer`]) and last year's plan's
    /// ([`crate::planning::LastYear::accept_signer`]), whose callers have checked that the
    /// certificate leads to a trust anchor. Returns whether the registry changed.
    pub fn accept_qualified_signer(
        &mut self,
        ente_id: &str,
        ente_nome: &str,
        signer: &crate::signing::qualified::QualifiedSigner,
        when: &str,
        note: &str,
    ) -> bool {
        self.change_registry(|r| r.accept_signer(ente_id, ente_nome, signer, when, note))
    }

    /// The bulk confirmation: every signer waiting for one whose certificate's organisation
    /// names the ente ([`crate::signing::trust::organizzazione_names_ente`]), recorded at
    /// `when`; the others wait for a confirmation one by one. Gives the signers recorded, once
    /// each, in the words of the one-by-one confirmation («MARIO ROSSI firma per il Comune di
    /// Castelleone»).
    pub fn accept_signers_naming_their_ente(&mut self, when: &str, note: &str) -> Vec<Bilingual> {
        let (registry, confirmed) = self.bulk_confirmation(when, note);
        if !confirmed.is_empty() {
            self.registry = Rc::new(registry);
            self.reverify();
        }
        confirmed
    }

    /// The signers [`Intake::accept_signers_naming_their_ente`] would record now: the page's
    /// button says how many, and shows only when there is one.
    pub fn signers_naming_their_ente(&self) -> Vec<Bilingual> {
        self.bulk_confirmation("2000-01-01T00:00:00Z", "").1
    }

    /// The registry with the bulk confirmation made, and the signers it recorded: each pending
    /// signer is given to the registry's own rule, so a signer of two files is recorded once.
    fn bulk_confirmation(&self, when: &str, note: &str) -> (TrustRegistry, Vec<Bilingual>) {
        let pending: Vec<_> = self
            .received
            .iter()
            .filter(|f| f.disposition == Disposition::FirmatarioDaConfermare)
            .filter_map(signer_to_confirm)
            .collect();
        let mut registry = (*self.registry).clone();
        let confirmed = pending
            .iter()
            .filter(|(id, nome, s)| {
                registry.accept_signers_naming_their_ente(
                    [(id.as_str(), nome.as_str(), s)],
                    when,
                    note,
                ) == 1
            })
            .map(|(_, nome, s)| crate::signing::trust::signs_for(&s.nome_cognome, nome))
            .collect();
        (registry, confirmed)
    }

    /// What the bulk confirmation did: the signers it recorded (`confirmed`, as it gave them)
    /// and how many files still wait for their signer to be confirmed one by one, now.
    pub fn signers_confirmed_sentence(&self, confirmed: &[Bilingual]) -> Bilingual {
        let waiting = self
            .received
            .iter()
            .filter(|f| f.disposition == Disposition::FirmatarioDaConfermare)
            .count();
        status::signers_confirmed(confirmed, waiting)
    }

    /// The submissions in the plan.
    pub fn counted(&self) -> Vec<Submission> {
        counted(&self.received)
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

    /// Every file verified again against the registry and the anchors (a `.p7m` verified
    /// against the same anchors is only asked of the registry).
    fn reverify(&mut self) {
        let (registry, anchors) = (self.registry.clone(), self.anchors.clone());
        let lists = self.revocation_lists.clone();
        let now = self.now.clone();
        self.files = Rc::new(
            self.files
                .iter()
                .map(|f| f.checked_again(&registry, (&anchors, &lists), now.as_deref()))
                .collect(),
        );
        self.classify();
    }

    fn classify(&mut self) {
        #[cfg(test)]
        {
            self.classified.0 += 1;
        }
        let checked = self
            .files
            .iter()
            .map(|f| {
                let findings = f.findings_for(&self.ambito);
                (f.name.clone(), f.verified.clone(), findings)
            })
            .collect();
        self.received = Rc::new(dispositions::classify(
            checked,
            &self.ambito,
            self.year,
            self.demo,
            dispositions::Clock {
                now: self.now.as_deref(),
                confirmed: Some(&self.confirmed_dates),
                // A request signed with a firma digitale has no app key to recognise.
                own_key: self
                    .request
                    .as_deref()
                    .filter(|r| !r.public_key.is_empty())
                    .map(|r| {
                        (
                            r.request.capofila.codice_istat.as_str(),
                            r.public_key.as_str(),
                        )
                    }),
            },
        ));
    }
}

/// The ente (id, name) and the signer of a file whose signer waits for confirmation.
fn signer_to_confirm(
    f: &ReceivedFile,
) -> Option<(String, String, crate::signing::qualified::QualifiedSigner)> {
    let crate::signing::Outcome::Qualified(signature, _) = &f.verified.outcome else {
        return None;
    };
    let s = f.verified.submission.as_ref()?;
    Some((s.ente.id(), s.ente.display_name(), signature.signer.clone()))
}

#[cfg(test)]
mod names;
#[cfg(test)]
mod p7m_tests;
#[cfg(test)]
mod said_alike;
#[cfg(test)]
mod tests;
