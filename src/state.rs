//! Application state as a reducer (the pattern of Yew's `function_todomvc` example): every
//! change is an [`Action`], so screens stay dumb and transitions are testable natively.
//! The decisions themselves (verification, dispositions, the plan) come from `offerta-core`.

use std::rc::Rc;

use offerta_core::ambiti::{self, Ambito};
use offerta_core::intake::{CheckedFile, Intake};
use offerta_core::signing::{KeyFile, SigningKey, TrustRegistry};
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

/// What the capofila is working on: the core's intake (files, registry, ambito, year), the
/// ambiti it imported from files, and the progress of a drop being read.
#[derive(Clone, Debug, PartialEq)]
pub struct CapofilaState {
    pub intake: Intake,
    /// Ambiti imported from files: the select lists them beside the presets, also after
    /// the capofila leaves the screen and comes back.
    pub imported_ambiti: Rc<Vec<Ambito>>,
    /// Files read so far and files in the drop, while a drop is being read.
    pub progress: Option<(usize, usize)>,
}

impl CapofilaState {
    pub fn new(registry: TrustRegistry, year: u16) -> Self {
        let crema = ambiti::preset("crema").expect("the Crema preset ships");
        CapofilaState {
            intake: Intake::new(crema, year, registry),
            imported_ambiti: Rc::default(),
            progress: None,
        }
    }

    /// The ambiti the capofila can choose: the presets, then the imported ones (an imported
    /// ambito with a preset's id takes its place).
    pub fn ambiti(&self) -> Vec<Ambito> {
        let imported = self.imported_ambiti.iter();
        ambiti::presets()
            .into_iter()
            .filter(|p| !self.imported_ambiti.iter().any(|i| i.id == p.id))
            .chain(imported.cloned())
            .collect()
    }

    pub fn apply(&mut self, action: CapofilaAction) {
        match action {
            CapofilaAction::ChooseAmbito(id) => {
                if let Some(ambito) = self.ambiti().into_iter().find(|a| a.id == id) {
                    self.intake.set_ambito(ambito);
                }
            }
            CapofilaAction::ImportAmbito(ambito) => {
                let mut imported = (*self.imported_ambiti).clone();
                imported.retain(|a| a.id != ambito.id);
                imported.push(ambito.clone());
                self.imported_ambiti = Rc::new(imported);
                self.intake.set_ambito(ambito);
            }
            CapofilaAction::SetYear(year) => self.intake.set_year(year),
            CapofilaAction::DropProgress { done, total } => {
                self.progress = Some((done, total));
            }
            CapofilaAction::DropFinished(files) => {
                self.intake.add(files);
                self.progress = None;
            }
            CapofilaAction::ClearFiles => self.intake.clear_files(),
            CapofilaAction::AcceptKey {
                ente_id,
                ente,
                public_key,
                when,
            } => {
                self.intake.accept_key(
                    &ente_id,
                    &ente,
                    &public_key,
                    &when,
                    "accettata nella pagina del capofila",
                );
            }
            CapofilaAction::SetRegistry(registry) => self.intake.set_registry(registry),
        }
    }
}

/// What the capofila does on its screen: plain data, reduced by [`CapofilaState::apply`].
pub enum CapofilaAction {
    /// The capofila picks an ambito of the list by its id.
    ChooseAmbito(String),
    /// An ambito imported from a file: listed from now on, and chosen.
    ImportAmbito(Ambito),
    SetYear(u16),
    /// Files of a drop read and verified so far, of all the files dropped.
    DropProgress {
        done: usize,
        total: usize,
    },
    /// The drop is done: every file, verified, joins the intake at once.
    DropFinished(Vec<CheckedFile>),
    ClearFiles,
    /// The capofila's explicit acceptance of a key for an ente.
    AcceptKey {
        ente_id: String,
        ente: String,
        public_key: String,
        when: String,
    },
    SetRegistry(TrustRegistry),
}

impl From<CapofilaAction> for Action {
    fn from(action: CapofilaAction) -> Action {
        Action::Capofila(action)
    }
}

/// A change to the draft, made by a form field.
pub type Edit = Rc<dyn Fn(&mut Submission)>;

/// The submission an ente is filling in.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftState {
    pub submission: Rc<Submission>,
    /// The ambito the rows are checked against.
    pub ambito: Rc<Ambito>,
    /// "hh:mm" of the last save in this browser, or why it failed.
    pub saved: Result<Option<String>, crate::browser::BrowserError>,
    /// Changed since it was last signed (or never signed): leaving the page asks first.
    pub unsigned_changes: bool,
    /// The last signed file, for the receipt: name, text and hash.
    pub signed: Option<Rc<SignedFile>>,
}

#[derive(Debug, PartialEq)]
pub struct SignedFile {
    pub name: String,
    pub text: String,
    pub hash: String,
    pub fingerprint: String,
    pub signed_at: String,
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
    /// Opens a submission in the form (a new one, a stored draft or a file).
    OpenDraft {
        submission: Box<Submission>,
        ambito: Ambito,
    },
    EditDraft {
        edit: Edit,
        at: String,
    },
    DraftSaved(Result<String, crate::browser::BrowserError>),
    DraftSigned(Rc<SignedFile>),
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
                let registry = (**next.capofila.intake.registry()).clone();
                next.screen = Screen::Capofila;
                next.capofila.intake = Intake::demo(registry);
                next.capofila.progress = None;
            }
            Action::Capofila(action) => next.capofila.apply(action),
            Action::OpenDraft { submission, ambito } => {
                let mut submission = *submission;
                submission.sync_aler_comuni();
                next.draft = Some(DraftState {
                    submission: Rc::new(submission),
                    ambito: Rc::new(ambito),
                    saved: Ok(None),
                    unsigned_changes: false,
                    signed: None,
                });
            }
            Action::EditDraft { edit, at } => {
                if let Some(draft) = &mut next.draft {
                    let mut submission = (*draft.submission).clone();
                    edit(&mut submission);
                    submission.sync_aler_comuni();
                    // Stated totals belong to signed files; a draft is recomputed live.
                    submission.totali = None;
                    submission.modificata_il = Some(at);
                    draft.submission = Rc::new(submission);
                    draft.unsigned_changes = true;
                }
            }
            Action::DraftSaved(result) => {
                if let Some(draft) = &mut next.draft {
                    draft.saved = result.map(Some);
                }
            }
            Action::DraftSigned(file) => {
                if let Some(draft) = &mut next.draft {
                    draft.signed = Some(file);
                    draft.unsigned_changes = false;
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
    fn editing_a_draft_marks_it_changed_until_signed() {
        let submission = demo::crema_2021_owners().remove(6);
        let ambito = ambiti::preset("crema").unwrap();
        let state = start().reduce(Action::OpenDraft {
            submission: Box::new(submission),
            ambito,
        });
        let draft = state.draft.as_ref().unwrap();
        assert!(!draft.unsigned_changes);
        let state = state.reduce(Action::EditDraft {
            edit: Rc::new(|s: &mut Submission| s.consistenza.sap = 360),
            at: "2026-11-23T10:00:00Z".into(),
        });
        let draft = state.draft.as_ref().unwrap();
        assert_eq!(draft.submission.consistenza.sap, 360);
        assert_eq!(
            draft.submission.modificata_il.as_deref(),
            Some("2026-11-23T10:00:00Z")
        );
        assert!(draft.unsigned_changes);
        let signed = Rc::new(SignedFile {
            name: "f.json".into(),
            text: "{}".into(),
            hash: "h".into(),
            fingerprint: "fp".into(),
            signed_at: "t".into(),
        });
        let state = state.reduce(Action::DraftSigned(signed));
        assert!(!state.draft.as_ref().unwrap().unsigned_changes);
    }

    #[test]
    fn a_drop_joins_the_intake_once_when_it_is_done() {
        let (files, registry) = demo::crema_2021_signed_files();
        let checked: Vec<CheckedFile> = files
            .iter()
            .map(|(n, t)| CheckedFile::check(n.clone(), t.clone().into_bytes(), &registry))
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
        let state = state.reduce((CapofilaAction::DropFinished(checked)).into());
        assert_eq!(state.capofila.progress, None);
        assert_eq!(state.capofila.intake.received().len(), 48);
        assert!(dispositions(&state)
            .iter()
            .all(|d| *d == Disposition::Conteggiata));
    }

    #[test]
    fn an_unknown_key_counts_only_after_explicit_acceptance() {
        let (files, _) = demo::crema_2021_signed_files();
        let (name, text) = files[0].clone();
        let state = start()
            .reduce((CapofilaAction::SetYear(2021)).into())
            .reduce(
                (CapofilaAction::DropFinished(vec![CheckedFile::check(
                    name,
                    text.into_bytes(),
                    &TrustRegistry::default(),
                )]))
                .into(),
            );
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
}
