//! Application state as a reducer (the pattern of Yew's `function_todomvc` example): every
//! change is an [`Action`], so screens stay dumb and transitions are testable natively.
//! The decisions themselves (verification, dispositions, the plan) come from `offerta-core`.

use std::rc::Rc;

use offerta_core::ambiti::{self, Ambito};
use offerta_core::comuni::IstatCode;
use offerta_core::intake::{CheckedFile, FingerprintPaste, Intake};
use offerta_core::percent::Percent;
use offerta_core::plan_outputs;
use offerta_core::plan_texts::PlanTexts;
use offerta_core::planning::LastYear;
use offerta_core::previous_plan::PreviousPlan;
use offerta_core::receipt::Receipt;
use offerta_core::request::VerifiedRequest;
use offerta_core::signing::qualified::TrustAnchor;
use offerta_core::signing::trusted_list::TrustedList;
use offerta_core::signing::{KeyFile, SigningKey, TrustRegistry};
use offerta_core::submission::CarriedSection;
use offerta_core::submission::{AdditionalCategory, RowSection, ShareSlot};
use offerta_core::Submission;
use yew::Reducible;

use crate::i18n::Lang;

/// The ente's signing key, opened with its passphrase: kept in memory only.
#[derive(Debug, PartialEq)]
pub struct UnlockedKey {
    pub file: KeyFile,
    pub key: SigningKey,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Home,
    /// A comune or the ALER fills its submission.
    Compila,
    /// The comune capofila aggregates the submissions received.
    Capofila,
    /// The accessibility statement (dichiarazione di accessibilità, Legge 4/2004).
    Accessibilita,
}

impl Screen {
    /// The screen's place after `#` in the address: a hash route works from file://, and each
    /// screen is a history entry, so Back and Forward move between screens.
    pub fn route(self) -> &'static str {
        match self {
            Screen::Home => "/",
            Screen::Compila => "/scheda",
            Screen::Capofila => "/capofila",
            Screen::Accessibilita => "/accessibilita",
        }
    }

    /// The screen a location hash names; `None` for a hash that names no screen (the skip
    /// link's `#main`), which then changes nothing.
    pub fn from_hash(hash: &str) -> Option<Screen> {
        match hash.strip_prefix('#').unwrap_or(hash) {
            "" | "/" => Some(Screen::Home),
            "/scheda" => Some(Screen::Compila),
            "/capofila" => Some(Screen::Capofila),
            "/accessibilita" => Some(Screen::Accessibilita),
            _ => None,
        }
    }

    /// The screen a page load (a reload) shows for the address's hash: the screen it names
    /// where its state comes back (the capofila's screen, whose registry, texts and list of
    /// files to drop again are kept; the statement; the form when the draft this tab showed
    /// was read again, `draft_restored`), home otherwise.
    pub fn after_reload(hash: &str, draft_restored: bool) -> Screen {
        match Screen::from_hash(hash) {
            Some(Screen::Compila) if !draft_restored => Screen::Home,
            Some(screen) => screen,
            None => Screen::Home,
        }
    }
}

/// What the capofila is working on: the core's intake (files, registry, ambito, year), last
/// year's plan, the ambiti it imported from files, and the progress of a drop being read.
#[derive(Clone, Debug, PartialEq)]
pub struct CapofilaState {
    pub intake: Intake,
    /// Last year's signed plan, once opened (the core's: compared with, and a source of the
    /// owners when the ambito lists none).
    pub last_year: LastYear,
    /// Ambiti imported from files, and ambiti whose owners the capofila ticked on the page:
    /// the select lists them beside the presets (an edited preset in its place), also after
    /// the capofila leaves the screen and comes back.
    pub imported_ambiti: Rc<Vec<Ambito>>,
    /// Files read so far and files in the drop, while a drop is being read.
    pub progress: Option<(usize, usize)>,
    /// Files of the last drop that were already in the list (same content): not added again.
    pub already_loaded: Rc<Vec<String>>,
    /// The last drop, if the capofila cancelled it: what it had verified and added.
    pub cancelled_drop: Option<CancelledDrop>,
    /// Set by «Annulla» while a drop is read; the drop's task looks at it between batches.
    pub drop_cancel: DropCancel,
    /// The capofila's texts for the plan document once it edits them (or they are read back
    /// from this browser); until then the defaults of the ambito and year apply.
    pub texts: Option<Rc<PlanTexts>>,
    /// The names of the files loaded when the page was closed or reloaded (the browser keeps
    /// no file, only their names): the page lists those not dropped again yet.
    pub loaded_before: Rc<Vec<String>>,
    /// What the last paste of fingerprints did, for the page to say it.
    pub last_paste: Option<Rc<FingerprintPaste>>,
    /// Why last year's plan just opened was not taken (another ambito, not an earlier year).
    pub previous_problem: Option<offerta_core::text::Bilingual>,
    /// The name of the file of last year's plan taken, to drop again after a reload.
    pub previous_name: Option<String>,
    /// The Italian trusted list in use (loaded, or kept in this browser): the anchors of its
    /// services for signatures are the intake's.
    pub trusted_list: Option<Rc<TrustedList>>,
    /// The signers the last bulk confirmation recorded, for the page to say it.
    pub signers_confirmed: Option<Rc<Vec<offerta_core::text::Bilingual>>>,
    /// Whether the list in use is kept in this browser.
    pub trusted_list_kept: ListKept,
    /// A list loaded that is older than the one in use (a lower sequence number): held, and
    /// the one in use kept, until the capofila confirms.
    pub older_trusted_list: Option<Rc<TrustedList>>,
}

/// Whether the trusted list in use is kept in this browser.
#[derive(Clone, Debug, PartialEq)]
pub enum ListKept {
    /// Read back from this browser, or saved there since it was loaded (or no list yet).
    Kept,
    /// Loaded now: the page saves it (the reducer does no storage).
    ToSave,
    /// Not saved, and why (no room; an item this copy cannot read is stored there): it holds
    /// while the page stays open.
    NotSaved(crate::browser::BrowserError),
}

/// The presets, then the `imported` ambiti (an imported or edited ambito with a preset's
/// id takes its place).
pub fn choosable_ambiti(imported: &[Ambito]) -> Vec<Ambito> {
    let presets = ambiti::presets();
    let mine = |id: &str| imported.iter().find(|i| i.id == id);
    let others = imported
        .iter()
        .filter(|i| !presets.iter().any(|p| p.id == i.id))
        .cloned();
    presets
        .iter()
        .map(|p| mine(&p.id).unwrap_or(p).clone())
        .chain(others)
        .collect()
}

impl CapofilaState {
    pub fn new(registry: TrustRegistry, year: u16) -> Self {
        let crema = ambiti::preset("crema").expect("the Crema preset ships");
        CapofilaState {
            intake: Intake::new(crema, year, registry),
            last_year: LastYear::default(),
            imported_ambiti: Rc::default(),
            progress: None,
            already_loaded: Rc::default(),
            cancelled_drop: None,
            drop_cancel: DropCancel::default(),
            texts: None,
            loaded_before: Rc::default(),
            last_paste: None,
            previous_problem: None,
            previous_name: None,
            trusted_list: None,
            signers_confirmed: None,
            trusted_list_kept: ListKept::Kept,
            older_trusted_list: None,
        }
    }

    /// The files loaded before the page was closed that are not loaded again yet.
    pub fn still_to_reload(&self) -> Vec<String> {
        // A set: 10,000 names remembered against 10,000 files loaded, compared pair by
        // pair, would cost the page seconds.
        let now: std::collections::HashSet<&str> = self.loaded_now().collect();
        self.loaded_before
            .iter()
            .filter(|name| !now.contains(name.as_str()))
            .cloned()
            .collect()
    }

    /// The names the browser keeps for the next reload: the files loaded now and those of
    /// before still to drop again. The demo's files are no work to resume.
    pub fn names_to_remember(&self) -> Vec<String> {
        let mut names: Vec<String> = if self.intake.is_demo() {
            Vec::new()
        } else {
            self.loaded_now().map(str::to_owned).collect()
        };
        names.extend(self.still_to_reload());
        names
    }

    /// The files loaded now, by name: the schede, last year's plan and the revocation lists.
    /// The browser keeps none of them (a CA's revocation list can be several MB), so after a
    /// reload each is named among the files to load again.
    fn loaded_now(&self) -> impl Iterator<Item = &str> {
        let received = self.intake.received().iter().map(|f| f.name.as_str());
        let lists = self.intake.revocation_lists().iter();
        received
            .chain(self.previous_name.as_deref())
            .chain(lists.map(|l| l.file_name.as_str()))
    }

    /// Whether leaving the page would lose work: files loaded for a real plan.
    pub fn has_work_to_lose(&self) -> bool {
        !self.intake.is_demo() && !self.intake.received().is_empty()
    }

    /// The texts of the plan document: the capofila's, or the defaults for its ambito and
    /// year.
    pub fn texts(&self) -> Rc<PlanTexts> {
        self.texts
            .clone()
            .unwrap_or_else(|| Rc::new(plan_outputs::default_texts(&self.intake)))
    }

    /// The ambiti the capofila can choose ([`choosable_ambiti`]).
    pub fn ambiti(&self) -> Vec<Ambito> {
        choosable_ambiti(&self.imported_ambiti)
    }

    /// Which plan the texts belong to: one ambito in one year.
    pub fn plan_key(&self) -> (String, u16) {
        (self.intake.ambito().id.clone(), self.intake.year())
    }

    pub fn apply(&mut self, action: CapofilaAction) {
        let plan = self.plan_key();
        self.reduce(action);
        // Last year's `.p7m` plan follows the trusted list and the revocation lists, whichever
        // action changed them (nothing is verified when they did not change).
        self.last_year.follow_trust(&self.intake);
        if self.plan_key() != plan {
            // Another plan: its texts are its own (read back from the browser if kept).
            self.texts = None;
        }
    }

    fn reduce(&mut self, action: CapofilaAction) {
        match action {
            CapofilaAction::ChooseAmbito(id) => self.choose_ambito(&id),
            CapofilaAction::ImportAmbito(ambito) => {
                self.keep(ambito.clone());
                self.intake.set_ambito(ambito);
            }
            CapofilaAction::SetOwner { comune, owns } => {
                self.intake.set_owner(comune, owns);
                // Kept as the capofila's own version, so choosing the ambito again later
                // in the session brings the ticks back.
                self.keep((**self.intake.ambito()).clone());
            }
            CapofilaAction::SetYear(year) => self.intake.set_year(year),
            CapofilaAction::DropProgress { done, total } => {
                if done == 0 {
                    // A new drop: the last one's cancellation is old news.
                    self.cancelled_drop = None;
                }
                self.progress = Some((done, total));
            }
            CapofilaAction::ConfirmDate(name) => {
                self.intake.confirm_date(&name);
            }
            CapofilaAction::DropFinished { files, now } => {
                // The drop's clock and its files: one classification, not one each.
                self.already_loaded = Rc::new(self.intake.add_at(files, &now));
                self.progress = None;
            }
            CapofilaAction::DropCancelled {
                files,
                now,
                dropped,
            } => {
                let verified = files.len();
                self.already_loaded = Rc::new(self.intake.add_at(files, &now));
                self.cancelled_drop = Some(CancelledDrop {
                    added: verified - self.already_loaded.len(),
                    dropped,
                });
                self.progress = None;
            }
            CapofilaAction::ClearFiles => {
                self.intake.clear_files();
                self.already_loaded = Rc::default();
                self.cancelled_drop = None;
                self.loaded_before = Rc::default();
                self.signers_confirmed = None;
            }
            CapofilaAction::ForgetLoadedBefore => self.loaded_before = Rc::default(),
            CapofilaAction::AcceptKey {
                ente_id,
                ente,
                public_key,
                when,
            } => self.accept_key(&ente_id, &ente, &public_key, &when),
            CapofilaAction::ReplaceKey { key, when, reason } => {
                self.intake
                    .replace_key(&key.ente_id, &key.ente, &key.public_key, &when, &reason);
            }
            CapofilaAction::RevokeKey {
                ente_id,
                fingerprint,
                from,
                reason,
            } => {
                self.intake
                    .revoke_key(&ente_id, &fingerprint, &from, &reason);
            }
            CapofilaAction::AcceptFingerprints { text, when } => {
                self.accept_fingerprints(&text, &when)
            }
            CapofilaAction::SetRegistry(registry) => self.intake.set_registry(registry),
            CapofilaAction::AcceptSigner { file, when } => self.accept_signer(&file, &when),
            CapofilaAction::AcceptSignersNamingTheirEnte { when } => self.accept_signers(&when),
            CapofilaAction::AcceptPlanSigner { when } => {
                self.last_year.accept_signer(&mut self.intake, &when);
            }
            CapofilaAction::SetAnchors(anchors) => self.intake.set_anchors(anchors),
            CapofilaAction::SetTexts(texts) => self.texts = Some(Rc::new(texts)),
            CapofilaAction::SetRequest(request) => self.set_request(*request),
            CapofilaAction::SetPrevious { plan, name } => self.set_previous(*plan, name),
            // The trusted list's and the revocation lists' actions, the only ones left.
            on_trust_material => self.apply_to_trusted_list(on_trust_material),
        }
    }

    // The trusted list.

    /// The list in use, and the anchors of its services for signatures as the intake's
    /// (none without a list): every `.p7m` is verified again.
    fn use_trusted_list(&mut self, list: Option<Rc<TrustedList>>) {
        let anchors = list
            .as_ref()
            .map(|l| l.signature_anchors().cloned().collect())
            .unwrap_or_default();
        self.intake.set_anchors(anchors);
        self.trusted_list = list;
    }

    /// The actions on the trusted list and the revocation lists (any other is
    /// [`Self::apply`]'s, never sent here).
    fn apply_to_trusted_list(&mut self, action: CapofilaAction) {
        match action {
            CapofilaAction::LoadTrustedList(list) => self.load_trusted_list(list),
            CapofilaAction::RestoreTrustedList(list) => {
                self.use_trusted_list(Some(list));
                self.trusted_list_kept = ListKept::Kept;
            }
            CapofilaAction::ConfirmOlderTrustedList => {
                if let Some(older) = self.older_trusted_list.take() {
                    self.use_trusted_list(Some(older));
                    self.trusted_list_kept = ListKept::ToSave;
                }
            }
            CapofilaAction::DiscardOlderTrustedList => self.older_trusted_list = None,
            CapofilaAction::ReplaceRevocationList { name, list, when } => {
                self.replace_crl(&name, list, &when)
            }
            CapofilaAction::TrustedListSaved(saved)
                if self.trusted_list_kept == ListKept::ToSave =>
            {
                self.trusted_list_kept = saved.map_or_else(ListKept::NotSaved, |()| ListKept::Kept);
            }
            CapofilaAction::ForgetTrustedList => {
                self.use_trusted_list(None);
                self.trusted_list_kept = ListKept::Kept;
                self.older_trusted_list = None;
            }
            _ => {}
        }
    }

    fn load_trusted_list(&mut self, list: Rc<TrustedList>) {
        let older = self
            .trusted_list
            .as_ref()
            .is_some_and(|in_use| list.is_older_than(in_use));
        if older {
            self.older_trusted_list = Some(list);
        } else {
            self.use_trusted_list(Some(list));
            self.trusted_list_kept = ListKept::ToSave;
            self.older_trusted_list = None;
        }
    }

    // Who signs for whom with a firma digitale.

    fn accept_signer(&mut self, file: &str, when: &str) {
        self.intake.accept_signer(file, when, "");
    }

    /// The bulk confirmation, its result kept for the page to say.
    fn accept_signers(&mut self, when: &str) {
        let confirmed = self.intake.accept_signers_naming_their_ente(
            when,
            offerta_core::signing::trust::BULK_CONFIRMATION_NOTE,
        );
        self.signers_confirmed = Some(Rc::new(confirmed));
    }

    /// The revocation list of file `name` taken away, and `list` put in its place (a list
    /// loaded again under the same name replaces the one before), at `when`.
    fn replace_crl(
        &mut self,
        name: &str,
        list: Option<Rc<offerta_core::signing::cades::RevocationList>>,
        when: &str,
    ) {
        let mut lists = (**self.intake.revocation_lists()).clone();
        lists.retain(|l| l.file_name != name);
        lists.extend(list.map(|l| (*l).clone()));
        self.intake.set_revocation_lists_at(lists, when);
    }

    // The plan's ambito, request and last year's plan.

    fn choose_ambito(&mut self, id: &str) {
        if let Some(ambito) = self.ambiti().into_iter().find(|a| a.id == id) {
            self.intake.set_ambito(ambito);
        }
    }

    fn set_request(&mut self, request: VerifiedRequest) {
        let asked = &request.request;
        if asked.ambito.id != self.intake.ambito().id {
            // The capofila's own version of the ambito (its ticks) if it has one,
            // else the request's, listed from now on.
            let ambito = match self.ambiti().into_iter().find(|a| a.id == asked.ambito.id) {
                Some(known) => known,
                None => {
                    self.keep(asked.ambito.clone());
                    asked.ambito.clone()
                }
            };
            self.intake.set_ambito(ambito);
        }
        if asked.anno_piano != self.intake.year() {
            self.intake.set_year(asked.anno_piano);
        }
        // Same ambito and year now: the core accepts it.
        let _ = self.intake.set_request(Some(request));
    }

    fn set_previous(&mut self, plan: PreviousPlan, name: String) {
        self.previous_problem = self.last_year.set(&self.intake, Some(plan)).err();
        if self.previous_problem.is_none() {
            self.previous_name = Some(name);
        }
    }

    // The keys the capofila trusts.

    fn accept_key(&mut self, ente_id: &str, ente: &str, public_key: &str, when: &str) {
        self.intake.accept_key(
            ente_id,
            ente,
            public_key,
            when,
            "accettata nella pagina del capofila",
        );
    }

    fn accept_fingerprints(&mut self, text: &str, when: &str) {
        let paste = self.intake.accept_fingerprints(
            text,
            when,
            "impronta incollata dalla PEC dell'ente nella pagina del capofila",
        );
        self.last_paste = Some(Rc::new(paste));
    }

    /// Lists `ambito` among the capofila's own, in place of one with the same id.
    fn keep(&mut self, ambito: Ambito) {
        let imported = Rc::make_mut(&mut self.imported_ambiti);
        match imported.iter_mut().find(|a| a.id == ambito.id) {
            Some(old) => *old = ambito,
            None => imported.push(ambito),
        }
    }
}

/// A drop the capofila cancelled: of the files `dropped`, those `added` to the list (verified
/// before «Annulla» and not already in it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CancelledDrop {
    pub added: usize,
    pub dropped: usize,
}

/// The signal from «Annulla» to the drop being read: shared by the button and the drop's
/// task, which stops at its next pause; the same signal whatever the state's copies.
#[derive(Clone, Debug, Default)]
pub struct DropCancel(Rc<std::cell::Cell<bool>>);

impl DropCancel {
    /// A new drop starts: not cancelled.
    pub fn reset(&self) {
        self.0.set(false);
    }

    pub fn cancel(&self) {
        self.0.set(true);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.get()
    }
}

impl PartialEq for DropCancel {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The key that signed a received file, and whose it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnteKey {
    pub ente_id: String,
    pub ente: String,
    pub public_key: String,
}

/// What the capofila does on its screen: plain data, reduced by [`CapofilaState::apply`].
pub enum CapofilaAction {
    /// The capofila picks an ambito of the list by its id.
    ChooseAmbito(String),
    /// An ambito imported from a file: listed from now on, and chosen.
    ImportAmbito(Ambito),
    /// The capofila ticks (or unticks) a comune of the ambito as owning housing.
    SetOwner {
        comune: IstatCode,
        owns: bool,
    },
    SetYear(u16),
    /// Files of a drop read and verified so far, of all the files dropped.
    DropProgress {
        done: usize,
        total: usize,
    },
    /// The drop is done: every file, verified, joins the intake at once, with the capofila's
    /// clock (RFC 3339) at the end of the drop: a file signed more than a day after it waits
    /// for the capofila to confirm its date.
    DropFinished {
        files: Vec<CheckedFile>,
        now: String,
    },
    /// The capofila pressed «Annulla» during a drop: the files verified so far join the
    /// intake like a finished drop's (what was in it stays); the others, of the `dropped`,
    /// are left out.
    DropCancelled {
        files: Vec<CheckedFile>,
        now: String,
        dropped: usize,
    },
    /// The capofila checked with the ente and confirms the future signing date of the file
    /// of this name: it then counts like any other.
    ConfirmDate(String),
    /// Empties the list (and forgets the files loaded before a reload).
    ClearFiles,
    /// The capofila no longer wants the list of the files loaded before the reload.
    ForgetLoadedBefore,
    /// The capofila's explicit acceptance of a key for an ente.
    AcceptKey {
        ente_id: String,
        ente: String,
        public_key: String,
        when: String,
    },
    /// The ente made a new key and the capofila compared its fingerprint: the new key
    /// replaces the ente's keys in use from `when`, for `reason`.
    ReplaceKey {
        key: EnteKey,
        when: String,
        reason: String,
    },
    /// A key lost or stolen: files it signed from `from` on no longer count.
    RevokeKey {
        ente_id: String,
        fingerprint: String,
        from: String,
        reason: String,
    },
    /// The fingerprints the entes sent, as pasted (a list or a whole PEC message).
    AcceptFingerprints {
        text: String,
        when: String,
    },
    SetRegistry(TrustRegistry),
    /// The capofila confirms, at `when`, that the person who signed the `.p7m` named `file`
    /// signs for the ente its content names: recorded in the registry, the file counts.
    AcceptSigner {
        file: String,
        when: String,
    },
    /// The capofila confirms, at `when`, every signer waiting whose certificate's
    /// organisation names the ente they sign for (the core's rule); the others keep waiting.
    AcceptSignersNamingTheirEnte {
        when: String,
    },
    /// The capofila confirms, at `when`, that the person who signed last year's `.p7m` plan
    /// signs for it (the core checks the certificate is on the trusted list loaded).
    AcceptPlanSigner {
        when: String,
    },
    /// The certificates a `.p7m`'s chain must reach (the trusted list loaded): every `.p7m`
    /// is verified again.
    SetAnchors(Vec<TrustAnchor>),
    /// A trusted list the capofila loaded: used (and saved by the page) unless it is older
    /// than the one in use, which is then kept and the loaded one held until confirmed.
    LoadTrustedList(Rc<TrustedList>),
    /// The list kept in this browser, read back when the page starts.
    RestoreTrustedList(Rc<TrustedList>),
    /// The capofila confirms the older list held: used and saved in place of the newer one.
    ConfirmOlderTrustedList,
    /// The capofila keeps the newer list: the older one held is dropped.
    DiscardOlderTrustedList,
    /// What saving the list loaded gave.
    TrustedListSaved(Result<(), crate::browser::BrowserError>),
    /// The list was removed from this browser: none in use, no `.p7m` counts until one is
    /// loaded again.
    ForgetTrustedList,
    /// The certificate revocation list of that file name taken away, and the one given (if
    /// any) loaded in its place; kept for the visit, in the intake: every `.p7m` is verified
    /// again, the lists judged current or not at `when` (the capofila's clock then).
    ReplaceRevocationList {
        name: String,
        list: Option<Rc<offerta_core::signing::cades::RevocationList>>,
        when: String,
    },
    /// The capofila's texts for the plan document, as it edited or reopened them.
    SetTexts(PlanTexts),
    /// The request the capofila signed now, or opened again (a file, or kept in this
    /// browser): the screen moves to its ambito and year, and the status board matches the
    /// answers to it.
    SetRequest(Box<VerifiedRequest>),
    /// Last year's signed plan, read, to compare this year's with (refused by the core when
    /// it is of another ambito or not of an earlier year: `previous_problem` says why).
    SetPrevious {
        plan: Box<PreviousPlan>,
        /// The file's name, kept to say which to open again after a reload.
        name: String,
    },
}

impl From<CapofilaAction> for Action {
    fn from(action: CapofilaAction) -> Action {
        Action::Capofila(action)
    }
}

/// What a field's setter writes into the draft: the value typed or chosen.
pub type Edit = Rc<dyn Fn(&mut Submission)>;

/// A change to the draft, made in the form: plain data, except the value a field's setter
/// writes.
#[derive(Clone)]
pub enum DraftChange {
    Set(Edit),
    NoStock(bool),
    /// A share reserved with this percent (its motivation still to write), or none.
    Share {
        slot: ShareSlot,
        percent: Option<Percent>,
    },
    /// The further category (h) added, empty, or taken away.
    AdditionalCategory(bool),
    Acknowledge {
        rule: String,
        field: String,
        reason: String,
    },
    WithdrawAcknowledgement {
        rule: String,
        field: String,
    },
    AddRow {
        section: RowSection,
        comune: IstatCode,
    },
    RemoveRow {
        section: RowSection,
        index: usize,
    },
    /// The clerk looked at a part copied from last year and confirms it as it is.
    ConfirmCarried(CarriedSection),
    /// The text typed in a count or share field that is not yet a value («4O»): kept in the
    /// draft as typed, an error until corrected (`offerta_core::typed_text`). A text that
    /// reads is a `Set` of the value, which forgets the field's text.
    Typed {
        field: String,
        text: String,
    },
}

impl DraftChange {
    fn apply(self, s: &mut Submission) {
        match self {
            DraftChange::Set(edit) => edit(s),
            DraftChange::NoStock(on) => s.nessun_patrimonio = on,
            DraftChange::ConfirmCarried(section) => s.confirm_carried(section),
            DraftChange::Share { slot, percent } => s.set_share(slot, percent),
            DraftChange::Typed { field, text } => {
                s.keep_typed_text(&field, &text);
            }
            DraftChange::AdditionalCategory(on) => {
                s.forget_typed_texts_under("categoria_aggiuntiva");
                s.categoria_aggiuntiva = on.then(|| AdditionalCategory {
                    nome: String::new(),
                    motivazione: String::new(),
                    percento: None,
                })
            }
            DraftChange::Acknowledge {
                rule,
                field,
                reason,
            } => s.acknowledge(&rule, &field, &reason),
            DraftChange::WithdrawAcknowledgement { rule, field } => {
                s.withdraw_acknowledgement(&rule, &field)
            }
            DraftChange::AddRow { section, comune } => s.add_row(section, comune),
            DraftChange::RemoveRow { section, index } => s.remove_row(section, index),
        }
    }
}

/// When a change to the draft was made: `utc` (RFC 3339) goes into the file as
/// `modificata_il`, `hh_mm` (local time) onto the screen as the time of the save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeTime {
    pub utc: String,
    pub hh_mm: String,
}

/// The submission an ente is filling in.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftState {
    pub submission: Rc<Submission>,
    /// The ambito the rows are checked against.
    pub ambito: Rc<Ambito>,
    /// Local "hh:mm" of the last change, or of the opening: the draft is saved in this
    /// browser at each, so this is the time of the last save unless `save_error` says why
    /// it failed.
    pub saved_at: String,
    /// Why the browser refused the last save; it stays until a save succeeds, so that the
    /// page is told only when the outcome of saving changes (one render per keystroke).
    pub save_error: Option<crate::browser::BrowserError>,
    /// Changed since it was last signed (or never signed): leaving the page asks first.
    pub unsigned_changes: bool,
    /// The receipt of the last signed file, made from its own bytes: it never changes with
    /// the draft (`Receipt::matches` says whether the draft still says the same).
    pub signed: Option<Rc<Receipt>>,
}

impl DraftState {
    /// Whether the outcome of a save differs from the one shown, and must be dispatched.
    pub fn save_outcome_changed(&self, saved: &Result<(), crate::browser::BrowserError>) -> bool {
        saved.as_ref().err() != self.save_error.as_ref()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub screen: Screen,
    pub lang: Lang,
    pub capofila: CapofilaState,
    pub draft: Option<DraftState>,
    /// The key the ente (or the capofila) signs with, once created or opened.
    pub signing_key: Option<Rc<UnlockedKey>>,
}

impl AppState {
    pub fn new(registry: TrustRegistry, year: u16) -> Self {
        AppState {
            screen: Screen::Home,
            lang: Lang::It,
            capofila: CapofilaState::new(registry, year),
            draft: None,
            signing_key: None,
        }
    }
}

pub enum Action {
    Go(Screen),
    SetLang(Lang),
    /// Opens the capofila screen on the Crema 2021 demo (files signed with demo keys).
    LoadDemo,
    KeyReady(Rc<UnlockedKey>),
    /// A change on the capofila's screen.
    Capofila(CapofilaAction),
    /// Opens a submission in the form (a new one, a stored draft or a file) at local time
    /// `hh_mm`.
    OpenDraft {
        submission: Box<Submission>,
        ambito: Ambito,
        hh_mm: String,
    },
    /// Every change to the draft, made at `at`.
    EditDraft {
        change: DraftChange,
        at: ChangeTime,
    },
    /// The outcome of saving the draft in this browser, dispatched only when it changes.
    DraftSaved(Result<(), crate::browser::BrowserError>),
    DraftSigned(Rc<Receipt>),
    CloseDraft,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Go(screen) => next.screen = screen,
            Action::SetLang(lang) => next.lang = lang,
            Action::KeyReady(key) => next.signing_key = Some(key),
            Action::LoadDemo => {
                let (registry, plan) = (
                    (**next.capofila.intake.registry()).clone(),
                    next.capofila.plan_key(),
                );
                next.screen = Screen::Capofila;
                next.capofila.intake = offerta_core::demo::demo_intake(registry);
                next.capofila.last_year = LastYear::default();
                next.capofila.progress = None;
                next.capofila.already_loaded = Rc::default();
                next.capofila.cancelled_drop = None;
                if next.capofila.plan_key() != plan {
                    next.capofila.texts = None;
                }
            }
            Action::Capofila(action) => next.capofila.apply(action),
            Action::OpenDraft {
                submission,
                ambito,
                hh_mm,
            } => {
                // A draft of format version 1 (stored before version 2, or a file) is
                // edited, saved and signed as the version the app writes.
                let mut submission = submission.in_current_format();
                submission.sync_aler_comuni();
                // Opened from the form's start or from the home page: the form shows it.
                next.screen = Screen::Compila;
                next.draft = Some(DraftState {
                    submission: Rc::new(submission),
                    ambito: Rc::new(ambito),
                    saved_at: hh_mm,
                    save_error: None,
                    unsigned_changes: false,
                    signed: None,
                });
            }
            Action::EditDraft { change, at } => {
                if let Some(draft) = &mut next.draft {
                    let mut submission = (*draft.submission).clone();
                    change.apply(&mut submission);
                    // A part copied from last year and now changed counts as checked.
                    submission.settle_carried(&draft.submission);
                    submission.sync_aler_comuni();
                    // Stated totals belong to signed files; a draft is recomputed live.
                    submission.totali = None;
                    submission.modificata_il = Some(at.utc);
                    draft.submission = Rc::new(submission);
                    draft.saved_at = at.hh_mm;
                    draft.unsigned_changes = true;
                }
            }
            Action::DraftSaved(result) => {
                if let Some(draft) = &mut next.draft {
                    draft.save_error = result.err();
                }
            }
            Action::DraftSigned(receipt) => {
                if let Some(draft) = &mut next.draft {
                    // Just signed, the draft matches; a receipt brought back after a reload
                    // may describe a file older than the draft's last changes.
                    draft.unsigned_changes = !receipt.matches(&draft.submission);
                    draft.signed = Some(receipt);
                }
            }
            Action::CloseDraft => next.draft = None,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use offerta_core::demo;
    use offerta_core::intake::Disposition;

    fn plan_of(capofila: &CapofilaState) -> offerta_core::Plan {
        offerta_core::planning::plan_of(&capofila.intake, &capofila.last_year)
    }

    /// The end of a drop, at a moment after every demo file's signature.
    fn drop_finished(files: Vec<CheckedFile>) -> Action {
        CapofilaAction::DropFinished {
            files,
            now: "2026-12-06T10:00:00Z".into(),
        }
        .into()
    }

    fn start() -> Rc<AppState> {
        Rc::new(AppState::new(TrustRegistry::default(), 2027))
    }

    fn dispositions(state: &AppState) -> Vec<Disposition> {
        state
            .capofila
            .intake
            .received()
            .iter()
            .map(|f| f.disposition.clone())
            .collect()
    }

    #[test]
    fn every_screen_has_a_hash_route_and_other_hashes_name_none() {
        for screen in [
            Screen::Home,
            Screen::Compila,
            Screen::Capofila,
            Screen::Accessibilita,
        ] {
            assert_eq!(
                Screen::from_hash(&format!("#{}", screen.route())),
                Some(screen)
            );
        }
        assert_eq!(Screen::from_hash(""), Some(Screen::Home));
        assert_eq!(
            Screen::from_hash("#main"),
            None,
            "the skip link is no screen"
        );
        assert_eq!(Screen::from_hash("#/altro"), None);
    }

    #[test]
    fn loading_the_demo_counts_every_signed_file_for_crema_2021() {
        let state = start().reduce(Action::LoadDemo);
        assert_eq!(state.screen, Screen::Capofila);
        let intake = &state.capofila.intake;
        assert_eq!(
            (intake.ambito().id.as_str(), intake.year()),
            ("crema", 2021)
        );
        assert_eq!(intake.received().len(), 48);
        assert!(dispositions(&state)
            .iter()
            .all(|d| *d == Disposition::Conteggiata));
        assert!(
            intake.registry().enti.is_empty(),
            "demo keys stay out of the registry"
        );
        let home = state.reduce(Action::Go(Screen::Home));
        assert_eq!(
            home.capofila.intake.received().len(),
            48,
            "going home keeps the files"
        );
    }

    #[test]
    fn another_year_sets_the_files_aside_and_back() {
        let state = start()
            .reduce(Action::LoadDemo)
            .reduce((CapofilaAction::SetYear(2022)).into());
        assert!(dispositions(&state)
            .iter()
            .all(|d| matches!(d, Disposition::Accantonata(_))));
        let state = state.reduce((CapofilaAction::SetYear(2021)).into());
        assert!(dispositions(&state)
            .iter()
            .all(|d| *d == Disposition::Conteggiata));
    }

    #[test]
    fn an_imported_ambito_stays_listed_and_chosen_after_leaving_the_screen() {
        let mine = ambiti::import_file("Mio ambito.csv", "019035\n019002\n").unwrap();
        let state = start()
            .reduce(Action::Go(Screen::Capofila))
            .reduce((CapofilaAction::ImportAmbito(mine.clone())).into())
            .reduce(Action::Go(Screen::Home))
            .reduce(Action::Go(Screen::Capofila));
        assert_eq!(state.capofila.intake.ambito().id, mine.id);
        assert!(state.capofila.ambiti().contains(&mine));
        let state = state.reduce((CapofilaAction::ChooseAmbito("cremona".into())).into());
        assert_eq!(state.capofila.intake.ambito().id, "cremona");
        let state = state.reduce((CapofilaAction::ChooseAmbito(mine.id.clone())).into());
        assert_eq!(*state.capofila.intake.ambito(), Rc::new(mine));
        let state = state.reduce((CapofilaAction::ChooseAmbito("nessuno".into())).into());
        assert_eq!(
            state.capofila.intake.ambito().id,
            "mio-ambito",
            "an unknown id changes nothing"
        );
    }

    #[test]
    fn the_document_texts_belong_to_one_ambito_and_year() {
        let state = start().reduce(Action::LoadDemo);
        assert!(state.capofila.texts.is_none());
        assert_eq!(
            state.capofila.texts().comune_capofila,
            "Crema",
            "the defaults"
        );
        let mut texts = (*state.capofila.texts()).clone();
        texts.approvazione_data = "28 gennaio 2021".into();
        let state = state.reduce(CapofilaAction::SetTexts(texts.clone()).into());
        assert_eq!(*state.capofila.texts(), texts);
        // The same year typed again, the files cleared: still this plan, same texts.
        let state = state
            .reduce(CapofilaAction::SetYear(2021).into())
            .reduce(CapofilaAction::ClearFiles.into());
        assert_eq!(*state.capofila.texts(), texts);
        // Another year is another plan: its own texts (the defaults until read back).
        let state = state.reduce(CapofilaAction::SetYear(2022).into());
        assert!(state.capofila.texts.is_none());
        assert!(state.capofila.texts().premessa.contains("anno 2022"));
    }

    #[test]
    fn owners_ticked_stay_when_the_ambito_is_chosen_again() {
        let trescore: IstatCode = "019109".parse().unwrap();
        let untick = CapofilaAction::SetOwner {
            comune: trescore,
            owns: false,
        };
        let state = start().reduce(Action::LoadDemo).reduce(untick.into());
        let r = plan_of(&state.capofila).ricognizione;
        assert_eq!(r.share().it, "23 su 48 (48%)");
        assert!(r.inadempienti.is_empty());
        let state = state
            .reduce(Action::Go(Screen::Home))
            .reduce(Action::Go(Screen::Capofila))
            .reduce((CapofilaAction::ChooseAmbito("cremona".into())).into())
            .reduce((CapofilaAction::ChooseAmbito("crema".into())).into());
        let ambito = state.capofila.intake.ambito();
        assert_eq!(ambito.id, "crema");
        assert!(!ambito.owns_stock(trescore), "the tick came back");
        assert_eq!(ambito.con_patrimonio.as_ref().map(Vec::len), Some(23));
        let listed: Vec<String> = state.capofila.ambiti().into_iter().map(|a| a.id).collect();
        assert_eq!(
            listed,
            ["crema", "cremona"],
            "the edited Crema in the preset's place"
        );
        let tick = CapofilaAction::SetOwner {
            comune: trescore,
            owns: true,
        };
        let state = state.reduce(tick.into());
        assert_eq!(
            plan_of(&state.capofila).ricognizione.inadempienti,
            ["Trescore Cremasco"]
        );
        assert_eq!(state.capofila.imported_ambiti.len(), 1, "one Crema kept");
    }

    fn open(submission: Submission) -> Rc<AppState> {
        start().reduce(Action::OpenDraft {
            submission: Box::new(submission),
            ambito: ambiti::preset("crema").unwrap(),
            hh_mm: "09:58".into(),
        })
    }

    fn change(state: Rc<AppState>, change: DraftChange) -> Rc<AppState> {
        state.reduce(Action::EditDraft {
            change,
            at: ChangeTime {
                utc: "2026-11-23T10:00:00Z".into(),
                hh_mm: "11:00".into(),
            },
        })
    }

    fn draft(state: &AppState) -> &DraftState {
        state.draft.as_ref().unwrap()
    }

    #[test]
    fn editing_a_draft_marks_it_changed_until_signed() {
        let state = open(demo::crema_2021_owners().remove(6).with_stated_totals());
        assert!(!draft(&state).unsigned_changes);
        assert_eq!(draft(&state).saved_at, "09:58", "saved when opened");
        let state = change(
            state,
            DraftChange::Set(Rc::new(|s: &mut Submission| s.consistenza.sap = 360)),
        );
        let draft = state.draft.as_ref().unwrap();
        assert_eq!(draft.submission.consistenza.sap, 360);
        assert_eq!(
            draft.submission.modificata_il.as_deref(),
            Some("2026-11-23T10:00:00Z")
        );
        assert_eq!(draft.submission.totali, None, "a draft states no totals");
        assert_eq!(draft.saved_at, "11:00");
        assert!(draft.unsigned_changes);
        let key = demo::fixture_key(&draft.submission.ente.id());
        let text =
            offerta_core::signing::sign_submission(&draft.submission, &key, "2026-11-23T10:01:00Z");
        let receipt = Rc::new(Receipt::of_signed_file("f.json", &text).unwrap());
        let state = state.reduce(Action::DraftSigned(receipt));
        assert!(!state.draft.as_ref().unwrap().unsigned_changes);
    }

    /// The draft of a comune with one row of c) of 4 units; f = 4 + its other rows.
    fn with_row_of_c() -> Rc<AppState> {
        let mut s = demo::crema_2021_owners().remove(6).with_stated_totals();
        s.totali = None;
        s.add_row(RowSection::NuovaEdificazione, s.ente.comune_code().unwrap());
        let last = s.nuova_edificazione.len() - 1;
        s.nuova_edificazione[last].unita = 4;
        open(s)
    }

    fn c_field(state: &AppState) -> String {
        format!(
            "nuova_edificazione[{}].unita",
            draft(state).submission.nuova_edificazione.len() - 1
        )
    }

    /// What the form sends when 40 is typed in the last row of c): the value, and the
    /// field's kept text forgotten.
    fn set_c_to_40(field: &str) -> DraftChange {
        let field = field.to_owned();
        DraftChange::Set(Rc::new(move |s: &mut Submission| {
            let last = s.nuova_edificazione.len() - 1;
            s.nuova_edificazione[last].unita = 40;
            s.clear_typed_text(&field);
        }))
    }

    /// Issue #24: for each kind of bad text typed in a count, what the summary, the sign
    /// button (`can_sign`), the totals, a reload and the signed file would say agree with
    /// what the field shows.
    #[test]
    fn a_count_left_with_a_bad_text_is_an_error_everywhere_and_survives_a_reload() {
        for bad in ["4O", "1,5", "1.5", "-3", "40 unità"] {
            let state = with_row_of_c();
            let field = c_field(&state);
            let f_before = draft(&state).submission.totale_assegnabili();
            let state = change(
                state,
                DraftChange::Typed {
                    field: field.clone(),
                    text: bad.into(),
                },
            );
            let s = &draft(&state).submission;
            let report = offerta_core::validate(s, Some(&draft(&state).ambito));
            let open: Vec<_> = report.open().filter(|f| f.field == field).collect();
            assert_eq!(open.len(), 1, "{bad}: the summary lists the field");
            assert_eq!(open[0].rule, offerta_core::typed_text::RULE_ID);
            assert!(
                open[0].message.it.contains(bad),
                "{bad}: {}",
                open[0].message.it
            );
            assert!(!report.can_sign(), "{bad}: signing is refused");
            assert!(s.incomplete(offerta_core::typed_text::Total::Assegnabili));
            assert_eq!(
                s.totale_assegnabili(),
                f_before,
                "{bad}: the last good value stays"
            );
            // The stored draft keeps the text: a reload shows it and its error again.
            let stored = serde_json::to_string(&**s).unwrap();
            let reloaded = offerta_core::reader::read_submission(&stored).unwrap();
            assert_eq!(reloaded.typed_text(&field), Some(bad));
            assert!(!offerta_core::validate(&reloaded, None).can_sign());
            // Corrected, the value is set and the text forgotten.
            let state = change(state, set_c_to_40(&field));
            let s = &draft(&state).submission;
            assert_eq!(s.typed_text(&field), None);
            assert!(!s.incomplete(offerta_core::typed_text::Total::Assegnabili));
            assert_eq!(s.totale_assegnabili(), f_before + 36);
        }
    }

    #[test]
    fn the_receipt_keeps_the_signed_figures_and_the_draft_says_it_changed() {
        let state = with_row_of_c();
        let s = draft(&state).submission.clone();
        let key = demo::fixture_key(&s.ente.id());
        let text = offerta_core::signing::sign_submission(&s, &key, "2026-11-23T10:01:00Z");
        let receipt = Rc::new(Receipt::of_signed_file("f.json", &text).unwrap());
        let state = state.reduce(Action::DraftSigned(receipt.clone()));
        assert!(draft(&state)
            .signed
            .as_ref()
            .unwrap()
            .matches(&draft(&state).submission));
        let field = c_field(&state);
        let state = change(state, set_c_to_40(&field));
        let shown = draft(&state).signed.as_ref().unwrap();
        assert_eq!(
            **shown, *receipt,
            "the receipt never changes with the draft"
        );
        assert_eq!(
            shown.submission.totale_assegnabili(),
            s.totale_assegnabili(),
            "it says the signed f"
        );
        assert!(
            !shown.matches(&draft(&state).submission),
            "the page says the draft changed"
        );
    }

    #[test]
    fn removing_a_row_or_the_further_category_takes_its_text_with_it() {
        let state = with_row_of_c();
        let field = c_field(&state);
        let index = draft(&state).submission.nuova_edificazione.len() - 1;
        let state = change(
            state,
            DraftChange::Typed {
                field: field.clone(),
                text: "4O".into(),
            },
        );
        let state = change(
            state,
            DraftChange::RemoveRow {
                section: RowSection::NuovaEdificazione,
                index,
            },
        );
        assert!(draft(&state).submission.testi_da_correggere.is_empty());
        let state = change(state, DraftChange::AdditionalCategory(true));
        let state = change(
            state,
            DraftChange::Typed {
                field: "categoria_aggiuntiva.percento".into(),
                text: "x".into(),
            },
        );
        assert_eq!(draft(&state).submission.testi_da_correggere.len(), 1);
        let state = change(state, DraftChange::AdditionalCategory(false));
        assert!(draft(&state).submission.testi_da_correggere.is_empty());
    }

    fn aler() -> Submission {
        Submission::new(
            2021,
            "crema",
            offerta_core::submission::Ente::aler("ALER Brescia-Cremona-Mantova").unwrap(),
        )
    }

    fn aler_comuni(state: &AppState) -> Vec<String> {
        match &draft(state).submission.ente {
            offerta_core::submission::Ente::Aler { comuni, .. } => {
                comuni.iter().map(|c| c.to_string()).collect()
            }
            _ => unreachable!(),
        }
    }

    #[test]
    fn rows_are_added_and_removed_by_plain_data_and_the_aler_comuni_follow() {
        let code = |c: &str| c.parse::<IstatCode>().unwrap();
        let state = open(aler());
        let state = change(
            state,
            DraftChange::AddRow {
                section: RowSection::Transitori,
                comune: code("019035"),
            },
        );
        let state = change(
            state,
            DraftChange::AddRow {
                section: RowSection::NuovaEdificazione,
                comune: code("019002"),
            },
        );
        assert_eq!(draft(&state).submission.transitori.len(), 1);
        assert_eq!(draft(&state).submission.nuova_edificazione.len(), 1);
        assert_eq!(aler_comuni(&state), ["019002", "019035"]);
        assert!(draft(&state).unsigned_changes);
        let state = change(
            state,
            DraftChange::RemoveRow {
                section: RowSection::NuovaEdificazione,
                index: 0,
            },
        );
        assert!(draft(&state).submission.nuova_edificazione.is_empty());
        assert_eq!(aler_comuni(&state), ["019035"]);
    }

    #[test]
    fn a_warning_is_confirmed_and_withdrawn_by_plain_data() {
        let state = change(
            open(aler()),
            DraftChange::Acknowledge {
                rule: "r".into(),
                field: "consistenza.sap".into(),
                reason: "motivo letto".into(),
            },
        );
        let acks = &draft(&state).submission.avvisi_confermati;
        assert_eq!(acks.len(), 1);
        assert_eq!(
            (
                acks[0].regola.as_str(),
                acks[0].campo.as_str(),
                acks[0].motivo.as_str()
            ),
            ("r", "consistenza.sap", "motivo letto")
        );
        let state = change(
            state,
            DraftChange::WithdrawAcknowledgement {
                rule: "r".into(),
                field: "consistenza.sap".into(),
            },
        );
        assert!(draft(&state).submission.avvisi_confermati.is_empty());
        assert_eq!(
            draft(&state).submission.modificata_il.as_deref(),
            Some("2026-11-23T10:00:00Z")
        );
    }

    #[test]
    fn a_draft_of_format_version_1_opens_as_the_current_version() {
        let mut old = aler();
        old.versione = offerta_core::submission::OLDEST_FORMAT_VERSION_READ;
        let state = open(old);
        assert_eq!(
            draft(&state).submission.versione,
            offerta_core::submission::FORMAT_VERSION_BEFORE_2026
        );
        // A 2026 draft of version 1 opens as version 4: its d) as SAP, its SAS part empty.
        let mut old = aler();
        old.anno_piano = 2026;
        old.versione = offerta_core::submission::OLDEST_FORMAT_VERSION_READ;
        let state = open(old);
        let s = &draft(&state).submission;
        assert_eq!(s.versione, offerta_core::submission::FORMAT_VERSION);
        assert_eq!(s.avvicendamento_sas, Some(Default::default()));
    }

    /// From 2026 the form's d) has SAS rows of their own: added and removed by plain data,
    /// the ALER's comuni following them, and f (SAP only) unchanged by them.
    #[test]
    fn sas_turnover_rows_are_plain_data_and_stay_out_of_f() {
        let code = |c: &str| c.parse::<IstatCode>().unwrap();
        let mut s = aler();
        s.anno_piano = 2026;
        let state = open(s);
        let state = change(
            state,
            DraftChange::AddRow {
                section: RowSection::AvvicendamentoSas,
                comune: code("019035"),
            },
        );
        let state = change(
            state,
            DraftChange::AddRow {
                section: RowSection::Avvicendamento,
                comune: code("019002"),
            },
        );
        let sub = &draft(&state).submission;
        assert_eq!(sub.avvicendamento_sas.as_ref().unwrap().per_comune.len(), 1);
        assert_eq!(aler_comuni(&state), ["019002", "019035"]);
        let mut typed = Submission::clone(&draft(&state).submission);
        typed.avvicendamento_sas.as_mut().unwrap().per_comune[0].unita = 3;
        typed.avvicendamento.per_comune[0].unita = 2;
        assert_eq!(typed.totale_assegnabili(), 2);
        assert_eq!(typed.avvicendamento_sas_totale(), 3);
        let state = change(
            state,
            DraftChange::RemoveRow {
                section: RowSection::AvvicendamentoSas,
                index: 0,
            },
        );
        assert!(draft(&state)
            .submission
            .avvicendamento_sas
            .as_ref()
            .unwrap()
            .per_comune
            .is_empty());
        assert_eq!(aler_comuni(&state), ["019002"]);
    }

    #[test]
    fn toggles_are_plain_data() {
        let state = open(aler());
        let state = change(state, DraftChange::NoStock(true));
        assert!(draft(&state).submission.nessun_patrimonio);
        let state = change(
            state,
            DraftChange::Share {
                slot: ShareSlot::ForzePolizia,
                percent: Some(Percent::whole(10)),
            },
        );
        assert_eq!(
            draft(&state)
                .submission
                .forze_polizia
                .as_ref()
                .map(|s| s.percento),
            Some(Percent::whole(10))
        );
        let state = change(state, DraftChange::AdditionalCategory(true));
        assert!(draft(&state).submission.categoria_aggiuntiva.is_some());
        let state = change(
            state,
            DraftChange::Share {
                slot: ShareSlot::ForzePolizia,
                percent: None,
            },
        );
        let state = change(state, DraftChange::AdditionalCategory(false));
        assert_eq!(draft(&state).submission.forze_polizia, None);
        assert_eq!(draft(&state).submission.categoria_aggiuntiva, None);
    }

    #[test]
    fn only_a_change_in_the_outcome_of_saving_is_dispatched() {
        use crate::browser::BrowserError;
        let state = open(aler());
        let full = Err(BrowserError::DraftNoSpace);
        assert!(!draft(&state).save_outcome_changed(&Ok(())));
        assert!(draft(&state).save_outcome_changed(&full));
        let state = state.reduce(Action::DraftSaved(full.clone()));
        assert_eq!(draft(&state).save_error, Some(BrowserError::DraftNoSpace));
        // The storage stays full while the user types: nothing more to say, and the
        // error stays on screen.
        let state = change(state, DraftChange::NoStock(true));
        assert!(!draft(&state).save_outcome_changed(&full));
        assert_eq!(draft(&state).save_error, Some(BrowserError::DraftNoSpace));
        assert!(draft(&state).save_outcome_changed(&Ok(())));
        let state = state.reduce(Action::DraftSaved(Ok(())));
        assert_eq!(draft(&state).save_error, None);
        assert_eq!(draft(&state).saved_at, "11:00");
    }

    #[test]
    fn a_drop_joins_the_intake_once_when_it_is_done() {
        let (files, registry) = demo::crema_2021_signed_files();
        let at_start = Rc::new(registry.clone());
        let checked: Vec<CheckedFile> = files
            .iter()
            .map(|(n, t)| CheckedFile::check(n.clone(), t.clone().into_bytes(), &at_start))
            .collect();
        let state = Rc::new(AppState::new(registry.clone(), 2021))
            .reduce((CapofilaAction::DropProgress { done: 0, total: 48 }).into())
            .reduce(
                (CapofilaAction::DropProgress {
                    done: 30,
                    total: 48,
                })
                .into(),
            );
        assert_eq!(state.capofila.progress, Some((30, 48)));
        assert!(
            state.capofila.intake.received().is_empty(),
            "nothing before the end"
        );
        let state = state.reduce(drop_finished(checked));
        assert_eq!(state.capofila.progress, None);
        assert_eq!(
            state.capofila.intake.now(),
            Some("2026-12-06T10:00:00Z"),
            "the drop's clock came with its files"
        );
        assert_eq!(state.capofila.intake.received().len(), 48);
        assert!(dispositions(&state)
            .iter()
            .all(|d| *d == Disposition::Conteggiata));
    }

    #[test]
    fn a_cancelled_drop_adds_the_files_verified_before_and_keeps_the_list() {
        let (files, registry) = demo::crema_2021_signed_files();
        let at_start = Rc::new(registry.clone());
        let checked: Vec<CheckedFile> = files
            .iter()
            .map(|(n, t)| CheckedFile::check(n.clone(), t.clone().into_bytes(), &at_start))
            .collect();
        let state = Rc::new(AppState::new(registry.clone(), 2021))
            .reduce(drop_finished(checked[..5].to_vec()))
            .reduce((CapofilaAction::DropProgress { done: 0, total: 48 }).into())
            .reduce(
                (CapofilaAction::DropCancelled {
                    // Two verified before «Annulla» were in the list already.
                    files: checked[3..20].to_vec(),
                    now: "2026-12-06T10:00:00Z".into(),
                    dropped: 45,
                })
                .into(),
            );
        assert_eq!(state.capofila.progress, None);
        assert_eq!(state.capofila.intake.received().len(), 20);
        assert_eq!(
            state.capofila.cancelled_drop,
            Some(CancelledDrop {
                added: 15,
                dropped: 45
            })
        );
        let state = state.reduce((CapofilaAction::DropProgress { done: 0, total: 3 }).into());
        assert_eq!(state.capofila.cancelled_drop, None, "a new drop");
    }

    #[test]
    fn an_unknown_key_counts_only_after_explicit_acceptance() {
        let (files, _) = demo::crema_2021_signed_files();
        let (name, text) = files[0].clone();
        let state = start()
            .reduce((CapofilaAction::SetYear(2021)).into())
            .reduce(drop_finished(vec![CheckedFile::check(
                name,
                text.into_bytes(),
                &Rc::new(TrustRegistry::default()),
            )]));
        let file = state.capofila.intake.received()[0].clone();
        assert_eq!(file.disposition, Disposition::ChiaveDaAccettare);
        let ente = file.verified.submission.as_ref().unwrap().ente.clone();
        let state = state.reduce(
            (CapofilaAction::AcceptKey {
                ente_id: ente.id(),
                ente: ente.display_name(),
                public_key: file.verified.public_key.clone().unwrap(),
                when: "2026-11-23T10:00:00Z".into(),
            })
            .into(),
        );
        assert_eq!(dispositions(&state), [Disposition::Conteggiata]);
        assert_eq!(state.capofila.intake.registry().enti.len(), 1);
    }

    /// A file of tests/cades/revoca/ (MARIO ROSSI's own chain, its revocation lists).
    fn revoca(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/cades/revoca/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(path).unwrap()
    }

    /// The capofila of 2021 with the revoca chain's root as its anchor, MARIO ROSSI's
    /// `.p7m` dropped at `now`.
    fn rossi_dropped_at(now: &str) -> Rc<AppState> {
        let root =
            offerta_core::signing::cades::anchor_from_file(&revoca("root-ca.pem"), "root-ca.pem")
                .unwrap();
        start()
            .reduce((CapofilaAction::SetYear(2021)).into())
            .reduce((CapofilaAction::SetAnchors(vec![root])).into())
            .reduce(
                CapofilaAction::DropFinished {
                    files: vec![CheckedFile::check(
                        "rossi.json.p7m".into(),
                        revoca("firmata.json.p7m"),
                        &Rc::new(TrustRegistry::default()),
                    )],
                    now: now.into(),
                }
                .into(),
            )
    }

    /// A revocation list loaded refuses MARIO ROSSI's `.p7m` of tests/cades/revoca/ (the list
    /// names him); loaded again under the same name (the clean list), it replaces the first;
    /// taken away, the file is as before.
    #[test]
    fn a_revocation_list_loaded_or_taken_away_classifies_the_p7m_again() {
        use offerta_core::signing::cades::read_crl;
        let list = |file: &str| Some(Rc::new(read_crl(&revoca(file), "lista.crl").unwrap()));
        let state = rossi_dropped_at("2027-01-10T10:00:00Z");
        assert_eq!(dispositions(&state), [Disposition::FirmatarioDaConfermare]);
        let replace = |name: &str, list| {
            CapofilaAction::ReplaceRevocationList {
                name: name.into(),
                list,
                when: "2027-01-10T10:05:00Z".into(),
            }
            .into()
        };
        let state = state.reduce(replace("lista.crl", list("revocato.crl")));
        let file = &state.capofila.intake.received()[0];
        assert_eq!(file.verified.outcome.code(), "firma-digitale-non-valida");
        assert!(file.explanation().it.contains("è stato revocato il"));
        let state = state.reduce(replace("lista.crl", list("non-revocato.crl")));
        assert_eq!(state.capofila.intake.revocation_lists().len(), 1);
        let file = &state.capofila.intake.received()[0];
        assert!(file
            .explanation()
            .it
            .contains("non revocato secondo la lista di revoca"));
        let state = state.reduce(replace("lista.crl", None));
        assert!(state.capofila.intake.revocation_lists().is_empty());
        assert!(state.capofila.intake.received()[0]
            .explanation()
            .it
            .contains("revoca non controllata (nessuna lista di revoca caricata"));
    }

    /// A revocation list is current or not at the moment the capofila loads it, not at the
    /// last drop's: files dropped on 30 November, a list of 1 December loaded a week later
    /// refuses the revoked signer (before, the list was judged «not yet current» at the
    /// drop's clock and left unused, the revoked signer waiting to be confirmed).
    #[test]
    fn a_revocation_list_newer_than_the_last_drop_is_used() {
        use offerta_core::signing::cades::read_crl;
        let state = rossi_dropped_at("2026-11-30T10:00:00Z");
        let list = read_crl(&revoca("revocato.crl"), "lista.crl").unwrap();
        let state = state.reduce(
            CapofilaAction::ReplaceRevocationList {
                name: "lista.crl".into(),
                list: Some(Rc::new(list)),
                when: "2026-12-07T10:00:00Z".into(),
            }
            .into(),
        );
        let file = &state.capofila.intake.received()[0];
        assert_eq!(file.verified.outcome.code(), "firma-digitale-non-valida");
        assert!(
            file.explanation().it.contains("è stato revocato il"),
            "{}",
            file.explanation().it
        );
    }

    /// A `.p7m` of tests/cades/ (Castelleone's 2021 submission, signed by MARIO ROSSI with
    /// the test CA): refused without anchors, waiting for its signer once the test root is
    /// an anchor, counted once the capofila confirms the signer.
    #[test]
    fn a_p7m_counts_once_its_signer_is_confirmed() {
        let cades = |name: &str| {
            std::fs::read(format!("{}/tests/cades/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
        };
        let name = "buona-rsa.json.p7m".to_owned();
        let state = start()
            .reduce((CapofilaAction::SetYear(2021)).into())
            .reduce(
                CapofilaAction::DropFinished {
                    files: vec![CheckedFile::check(
                        name.clone(),
                        cades(&name),
                        &Rc::new(TrustRegistry::default()),
                    )],
                    // After the fixtures' signing time (December 2026).
                    now: "2027-01-10T10:00:00Z".into(),
                }
                .into(),
            );
        let refused = &state.capofila.intake.received()[0];
        assert_eq!(refused.verified.outcome.code(), "firma-digitale-non-valida");
        let root =
            offerta_core::signing::cades::anchor_from_file(&cades("root-ca.pem"), "root-ca.pem")
                .unwrap();
        let state = state.reduce((CapofilaAction::SetAnchors(vec![root])).into());
        assert_eq!(dispositions(&state), [Disposition::FirmatarioDaConfermare]);
        let state = state.reduce(
            (CapofilaAction::AcceptSigner {
                file: name,
                when: "2026-12-07T10:00:00Z".into(),
            })
            .into(),
        );
        assert_eq!(dispositions(&state), [Disposition::Conteggiata]);
        assert_eq!(
            state.capofila.intake.registry().enti["019025"].firmatari[0].codice_fiscale,
            "RSSMRA80A01H501U"
        );
    }

    /// The bulk confirmation (tests/cades/enti/): the two signers whose certificate names
    /// their ente are recorded with the core's note, the third waits; the page keeps which
    /// were confirmed, and forgets it with the list.
    #[test]
    fn the_bulk_confirmation_records_the_signers_naming_their_ente() {
        let cades = |name: &str| {
            std::fs::read(format!(
                "{}/tests/cades/enti/{name}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap()
        };
        let root =
            offerta_core::signing::cades::anchor_from_file(&cades("root-ca.pem"), "root-ca.pem")
                .unwrap();
        let names = [
            "crema-neri.json.p7m",
            "romanengo-gialli.json.p7m",
            "offanengo-blu.json.p7m",
        ];
        let state = start()
            .reduce((CapofilaAction::SetYear(2021)).into())
            .reduce((CapofilaAction::SetAnchors(vec![root])).into())
            .reduce(
                CapofilaAction::DropFinished {
                    files: names
                        .iter()
                        .map(|n| {
                            CheckedFile::check_with_anchors(
                                (*n).to_owned(),
                                cades(n),
                                &Rc::new(TrustRegistry::default()),
                                &Rc::new(Vec::new()),
                                Some("2027-01-10T10:00:00Z"),
                            )
                        })
                        .collect(),
                    now: "2027-01-10T10:00:00Z".into(),
                }
                .into(),
            );
        assert_eq!(state.capofila.intake.signers_naming_their_ente().len(), 2);
        let state = state.reduce(
            (CapofilaAction::AcceptSignersNamingTheirEnte {
                when: "2027-01-10T10:05:00Z".into(),
            })
            .into(),
        );
        assert_eq!(
            dispositions(&state),
            [
                Disposition::Conteggiata,
                Disposition::Conteggiata,
                Disposition::FirmatarioDaConfermare
            ]
        );
        let confirmed = state.capofila.signers_confirmed.clone().unwrap();
        assert_eq!(confirmed.len(), 2);
        assert_eq!(
            state.capofila.intake.registry().enti["019035"].firmatari[0].nota,
            offerta_core::signing::trust::BULK_CONFIRMATION_NOTE
        );
        let state = state.reduce(CapofilaAction::ClearFiles.into());
        assert!(state.capofila.signers_confirmed.is_none());
    }

    fn trusted_list(path: &str) -> Rc<offerta_core::signing::trusted_list::TrustedList> {
        let bytes = std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        Rc::new(offerta_core::signing::trusted_list::read_trusted_list(&bytes).unwrap())
    }

    /// The list kept in this browser comes back as in use; a newer one loaded replaces it
    /// (to be saved); an older one is held, the newer kept, until the capofila confirms;
    /// forgetting it leaves no anchor.
    #[test]
    fn an_older_trusted_list_is_held_until_confirmed_and_a_forgotten_one_leaves_no_anchor() {
        let real = trusted_list("tests/trusted-list/TSL-IT-2019-09-04-seq141.xml");
        let test = trusted_list("tests/cades/elenco-di-fiducia-di-prova.xml");
        assert!(test.is_older_than(&real), "n. 1 before n. 141");
        let state = start().reduce((CapofilaAction::RestoreTrustedList(test.clone())).into());
        assert_eq!(state.capofila.trusted_list_kept, ListKept::Kept);
        assert_eq!(state.capofila.intake.anchors().len(), 1);
        let state = state.reduce((CapofilaAction::LoadTrustedList(real.clone())).into());
        assert_eq!(state.capofila.trusted_list, Some(real.clone()));
        assert_eq!(state.capofila.trusted_list_kept, ListKept::ToSave);
        assert_eq!(
            state.capofila.intake.anchors().len(),
            127,
            "signature services only"
        );
        let state = state.reduce((CapofilaAction::TrustedListSaved(Ok(()))).into());
        assert_eq!(state.capofila.trusted_list_kept, ListKept::Kept);
        // The older one: held, the newer one still in use and kept.
        let state = state.reduce((CapofilaAction::LoadTrustedList(test.clone())).into());
        assert_eq!(state.capofila.trusted_list, Some(real.clone()));
        assert_eq!(state.capofila.older_trusted_list, Some(test.clone()));
        assert_eq!(state.capofila.trusted_list_kept, ListKept::Kept);
        let kept = state
            .clone()
            .reduce((CapofilaAction::DiscardOlderTrustedList).into());
        assert_eq!(kept.capofila.older_trusted_list, None);
        assert_eq!(kept.capofila.trusted_list, Some(real.clone()));
        let state = state.reduce((CapofilaAction::ConfirmOlderTrustedList).into());
        assert_eq!(state.capofila.trusted_list, Some(test.clone()));
        assert_eq!(state.capofila.trusted_list_kept, ListKept::ToSave);
        assert_eq!(state.capofila.intake.anchors().len(), 1);
        let full = crate::browser::BrowserError::TrustedListNotSaved;
        let state = state.reduce((CapofilaAction::TrustedListSaved(Err(full.clone()))).into());
        assert_eq!(state.capofila.trusted_list_kept, ListKept::NotSaved(full));
        let state = state.reduce((CapofilaAction::ForgetTrustedList).into());
        assert_eq!(state.capofila.trusted_list, None);
        assert!(state.capofila.intake.anchors().is_empty());
    }

    #[test]
    fn a_key_accepted_while_a_drop_is_read_counts_for_the_dropped_file() {
        let (files, _) = demo::crema_2021_signed_files();
        let state = start().reduce((CapofilaAction::SetYear(2021)).into());
        // The drop zone verifies against the registry of the drop's start.
        let at_start = state.capofila.intake.registry().clone();
        let (name, text) = files[0].clone();
        let dropped = CheckedFile::check(name, text.into_bytes(), &at_start);
        assert_eq!(
            dropped.verified.outcome,
            offerta_core::signing::Outcome::UnknownKey
        );
        let ente = dropped.verified.submission.clone().unwrap().ente;
        let state = state.reduce(
            (CapofilaAction::AcceptKey {
                ente_id: ente.id(),
                ente: ente.display_name(),
                public_key: dropped.verified.public_key.clone().unwrap(),
                when: "2026-11-23T10:00:00Z".into(),
            })
            .into(),
        );
        let state = state.reduce(drop_finished(vec![dropped]));
        assert_eq!(dispositions(&state), [Disposition::Conteggiata]);
    }

    #[test]
    fn the_files_loaded_before_a_reload_are_listed_until_dropped_again() {
        let (files, registry) = demo::crema_2021_signed_files();
        let mut before = AppState::new(registry.clone(), 2021);
        before.capofila.loaded_before = Rc::new(vec![files[0].0.clone(), files[1].0.clone()]);
        let state = Rc::new(before);
        assert_eq!(state.capofila.still_to_reload().len(), 2);
        assert!(!state.capofila.has_work_to_lose(), "no file loaded yet");
        let (name, text) = files[0].clone();
        let state = state.reduce(drop_finished(vec![CheckedFile::check(
            name.clone(),
            text.into_bytes(),
            &Rc::new(registry),
        )]));
        assert_eq!(state.capofila.still_to_reload(), [files[1].0.clone()]);
        assert!(state.capofila.has_work_to_lose());
        // The browser remembers both: the one loaded and the one still to drop.
        assert_eq!(
            state.capofila.names_to_remember(),
            [name, files[1].0.clone()]
        );
        let cleared = state.clone().reduce((CapofilaAction::ClearFiles).into());
        assert!(cleared.capofila.names_to_remember().is_empty());
        let forgotten = state.reduce((CapofilaAction::ForgetLoadedBefore).into());
        assert_eq!(forgotten.capofila.still_to_reload(), Vec::<String>::new());
        // The demo is no work to lose.
        let demo = forgotten.reduce(Action::LoadDemo);
        assert!(!demo.capofila.has_work_to_lose());
        assert!(demo.capofila.names_to_remember().is_empty());
    }

    #[test]
    fn last_years_plan_is_among_the_files_to_open_again_after_a_reload() {
        let mut state = AppState::new(TrustRegistry::default(), 2022);
        state.capofila.previous_name = Some("piano_crema_2021.json".into());
        assert_eq!(
            state.capofila.names_to_remember(),
            ["piano_crema_2021.json"]
        );
        // After the reload the name is listed until the plan is opened again.
        let mut after = AppState::new(TrustRegistry::default(), 2022);
        after.capofila.loaded_before = Rc::new(state.capofila.names_to_remember());
        assert_eq!(after.capofila.still_to_reload(), ["piano_crema_2021.json"]);
        after.capofila.previous_name = Some("piano_crema_2021.json".into());
        assert!(after.capofila.still_to_reload().is_empty());
    }

    /// The browser keeps no revocation list (a CA's list can be several MB): its name is
    /// remembered with the files, so that after a reload the page says to load it again, and
    /// no revoked signer is counted because a list was silently gone.
    #[test]
    fn a_revocation_list_is_among_the_files_to_load_again_after_a_reload() {
        use offerta_core::signing::cades::read_crl;
        let list = read_crl(&revoca("revocato.crl"), "ca-prova.crl").unwrap();
        let load = |state: Rc<AppState>| {
            state.reduce(
                CapofilaAction::ReplaceRevocationList {
                    name: "ca-prova.crl".into(),
                    list: Some(Rc::new(list.clone())),
                    when: "2027-01-10T10:05:00Z".into(),
                }
                .into(),
            )
        };
        let state = load(rossi_dropped_at("2027-01-10T10:00:00Z"));
        assert_eq!(
            state.capofila.names_to_remember(),
            ["rossi.json.p7m", "ca-prova.crl"]
        );
        let mut after = AppState::new(TrustRegistry::default(), 2021);
        after.capofila.loaded_before = Rc::new(state.capofila.names_to_remember());
        let after = Rc::new(after);
        assert_eq!(
            after.capofila.still_to_reload(),
            ["rossi.json.p7m", "ca-prova.crl"]
        );
        let after = load(after);
        assert_eq!(after.capofila.still_to_reload(), ["rossi.json.p7m"]);
    }

    #[test]
    fn a_reload_comes_back_to_the_screen_whose_state_comes_back() {
        assert_eq!(Screen::after_reload("#/capofila", false), Screen::Capofila);
        assert_eq!(
            Screen::after_reload("#/accessibilita", false),
            Screen::Accessibilita
        );
        assert_eq!(Screen::after_reload("#/scheda", true), Screen::Compila);
        assert_eq!(
            Screen::after_reload("#/scheda", false),
            Screen::Home,
            "no draft to show: home, where the drafts are offered"
        );
        assert_eq!(Screen::after_reload("", false), Screen::Home);
        assert_eq!(Screen::after_reload("#main", false), Screen::Home);
    }

    /// Last year's `.p7m` plan follows the trusted list loaded after it, whichever action
    /// loads it, and its signer is confirmed with one click through the core (issue #29).
    /// Signed at test time by tests/cades/sign-now.sh.
    #[test]
    fn last_years_p7m_plan_follows_the_trusted_list_and_its_signer_is_confirmed() {
        use offerta_core::previous_plan::{read_any_previous_plan, KnownBy, PlanTrust};
        let dir =
            std::env::temp_dir().join(format!("offerta-state-plan-p7m-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let clock = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let now = offerta_core::signing::rfc3339_utc(clock + 1);
        let year: u16 = now[..4].parse().unwrap();
        let ambito = offerta_core::ambiti::preset("crema").unwrap();
        let mut subs = demo::crema_2021();
        for s in &mut subs {
            s.anno_piano = year;
        }
        let plan = offerta_core::aggregate(&subs, Some(&ambito));
        let texts = offerta_core::plan_texts::PlanTexts::defaults(&ambito, year);
        let intake = Intake::new(ambito, year, TrustRegistry::default());
        let content =
            offerta_core::plan_outputs::aggregate_to_sign_digitally(&intake, &plan, &texts, false)
                .unwrap();
        std::fs::write(dir.join("piano.json"), content).unwrap();
        let out = std::process::Command::new("bash")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/cades/sign-now.sh"
            ))
            .arg(&dir)
            .arg("piano.json")
            .output()
            .expect("bash is installed");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
        let p7m = read("piano.json.p7m");
        let ca = offerta_core::signing::cades::anchor_from_file(&read("ca.pem"), "ca.pem").unwrap();
        let previous = read_any_previous_plan(&p7m, &Rc::default(), &Rc::default(), &now).unwrap();

        let state = Rc::new(AppState::new(TrustRegistry::default(), year + 1)).reduce(
            CapofilaAction::SetPrevious {
                plan: Box::new(previous),
                name: "piano.json.p7m".into(),
            }
            .into(),
        );
        let trust = |s: &AppState| s.capofila.last_year.trust(&s.capofila.intake);
        let to_confirm = |s: &AppState| s.capofila.last_year.signer_to_confirm(&s.capofila.intake);
        assert!(matches!(trust(&state), Some(PlanTrust::Unverified(_))));
        assert_eq!(to_confirm(&state), None, "a certificate not checked");
        let state = state.reduce((CapofilaAction::AcceptPlanSigner { when: now.clone() }).into());
        assert!(!state
            .capofila
            .intake
            .registry()
            .to_json()
            .contains("NRENNA70A41D142X"));

        // The trusted list after the plan: judged again, the signer offered for confirmation.
        let state = state.reduce((CapofilaAction::SetAnchors(vec![ca])).into());
        let words = to_confirm(&state).expect("a signer to confirm").words;
        assert_eq!(words.it, "ANNA NERI firma per il Comune di Crema");
        let state = state.reduce((CapofilaAction::AcceptPlanSigner { when: now.clone() }).into());
        assert_eq!(
            trust(&state),
            Some(PlanTrust::Verified(KnownBy::FirmaDigitale))
        );
        assert!(state
            .capofila
            .intake
            .registry()
            .to_json()
            .contains("NRENNA70A41D142X"));
        assert_eq!(to_confirm(&state), None);
        // The list forgotten: the plan is no longer verified.
        let state = state.reduce((CapofilaAction::ForgetTrustedList).into());
        assert!(matches!(trust(&state), Some(PlanTrust::Unverified(_))));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
