//! Application state as a reducer (the pattern of Yew's `function_todomvc` example): every
//! change is an [`Action`], so screens stay dumb and transitions are testable natively.
//! The decisions themselves (verification, dispositions, the plan) come from `offerta-core`.

use std::rc::Rc;

use offerta_core::ambiti::{self, Ambito};
use offerta_core::demo;
use offerta_core::intake::{self, ReceivedFile};
use offerta_core::signing::{KeyFile, SigningKey, TrustRegistry, VerifiedFile};
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

/// A file the capofila dropped, kept with its bytes so it can be verified again when the
/// registry changes.
#[derive(Clone, Debug, PartialEq)]
pub struct DroppedFile {
    pub name: String,
    pub bytes: Rc<Vec<u8>>,
    pub verified: VerifiedFile,
}

impl DroppedFile {
    /// A file too large to be a submission: not read, its verdict is known.
    pub fn too_large(name: String, size: u64) -> DroppedFile {
        let (name, verified) = intake::oversized(&name, size);
        DroppedFile {
            name,
            bytes: Rc::new(Vec::new()),
            verified,
        }
    }

    pub fn check(name: String, bytes: Vec<u8>, registry: &TrustRegistry) -> DroppedFile {
        let (name, verified) = intake::check_file(&name, &bytes, registry);
        DroppedFile {
            name,
            bytes: Rc::new(bytes),
            verified,
        }
    }
}

/// What the capofila is working on.
#[derive(Clone, Debug, PartialEq)]
pub struct IntakeState {
    pub ambito: Rc<Ambito>,
    pub year: u16,
    pub files: Rc<Vec<DroppedFile>>,
    /// `files` with their dispositions for `ambito` and `year`.
    pub received: Rc<Vec<ReceivedFile>>,
    pub registry: Rc<TrustRegistry>,
    /// Files verified so far and files in the drop, while a drop is being processed.
    pub progress: Option<(usize, usize)>,
}

impl IntakeState {
    pub fn new(registry: TrustRegistry, year: u16) -> Self {
        IntakeState {
            ambito: Rc::new(ambiti::preset("crema").expect("Crema preset")),
            year,
            files: Rc::new(Vec::new()),
            received: Rc::new(Vec::new()),
            registry: Rc::new(registry),
            progress: None,
        }
    }

    fn classified(mut self) -> Self {
        let checked = self
            .files
            .iter()
            .map(|f| (f.name.clone(), f.verified.clone()))
            .collect();
        self.received = Rc::new(intake::classify(checked, &self.ambito, self.year));
        self
    }

    fn reverified(mut self) -> Self {
        let registry = self.registry.clone();
        self.files = Rc::new(
            self.files
                .iter()
                .map(|f| DroppedFile {
                    verified: intake::check_file(&f.name, &f.bytes, &registry).1,
                    ..f.clone()
                })
                .collect(),
        );
        self.classified()
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
    pub intake: IntakeState,
    pub draft: Option<DraftState>,
    /// The key the ente (or the capofila) signs with, once created or opened.
    pub signing_key: Option<Rc<UnlockedKey>>,
}

impl AppState {
    pub fn new(registry: TrustRegistry, year: u16) -> Self {
        AppState {
            screen: Screen::Home,
            lang: Lang::It,
            intake: IntakeState::new(registry, year),
            draft: None,
            signing_key: None,
        }
    }
}

pub enum Action {
    Go(Screen),
    SetLang(Lang),
    /// Loads the signed Crema 2021 demo files (with their demo keys) on the capofila screen.
    LoadDemo,
    KeyReady(Rc<UnlockedKey>),
    SetAmbito(Ambito),
    SetYear(u16),
    /// A batch of files verified by the page (large drops arrive in several batches).
    FilesChecked(Vec<DroppedFile>),
    Progress(Option<(usize, usize)>),
    ClearFiles,
    /// The capofila's explicit acceptance of a key for an ente.
    AcceptKey {
        ente_id: String,
        ente: String,
        public_key: String,
        when: String,
    },
    SetRegistry(TrustRegistry),
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
                let (files, demo_registry) = demo::crema_2021_signed_files();
                let mut registry = (*next.intake.registry).clone();
                for (id, ente) in demo_registry.enti {
                    for key in ente.chiavi {
                        registry.accept(
                            &id,
                            &ente.nome,
                            &key.chiave_pubblica,
                            &key.accettata_il,
                            &key.nota,
                        );
                    }
                }
                let dropped = files
                    .into_iter()
                    .map(|(name, text)| DroppedFile::check(name, text.into_bytes(), &registry))
                    .collect();
                next.screen = Screen::Capofila;
                next.intake = IntakeState {
                    ambito: Rc::new(ambiti::preset(demo::DEMO_AMBITO).expect("demo ambito")),
                    year: demo::DEMO_YEAR,
                    files: Rc::new(dropped),
                    received: Rc::new(Vec::new()),
                    registry: Rc::new(registry),
                    progress: None,
                }
                .classified();
            }
            Action::SetAmbito(ambito) => {
                next.intake.ambito = Rc::new(ambito);
                next.intake = next.intake.classified();
            }
            Action::SetYear(year) => {
                next.intake.year = year;
                next.intake = next.intake.classified();
            }
            Action::FilesChecked(batch) => {
                let mut files = (*next.intake.files).clone();
                files.extend(batch);
                next.intake.files = Rc::new(files);
                // During a large drop the tables wait for the last batch: classifying and
                // re-rendering after every batch would make the drop quadratic.
                if next.intake.progress.is_none() {
                    next.intake = next.intake.classified();
                }
            }
            Action::Progress(progress) => {
                let finished = progress.is_none() && next.intake.progress.is_some();
                next.intake.progress = progress;
                if finished {
                    next.intake = next.intake.classified();
                }
            }
            Action::ClearFiles => {
                next.intake.files = Rc::new(Vec::new());
                next.intake.received = Rc::new(Vec::new());
            }
            Action::AcceptKey {
                ente_id,
                ente,
                public_key,
                when,
            } => {
                let mut registry = (*next.intake.registry).clone();
                registry.accept(
                    &ente_id,
                    &ente,
                    &public_key,
                    &when,
                    "accettata nella pagina del capofila",
                );
                next.intake.registry = Rc::new(registry);
                next.intake = next.intake.reverified();
            }
            Action::SetRegistry(registry) => {
                next.intake.registry = Rc::new(registry);
                next.intake = next.intake.reverified();
            }
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
    use offerta_core::intake::Disposition;

    fn start() -> Rc<AppState> {
        Rc::new(AppState::new(TrustRegistry::default(), 2027))
    }

    #[test]
    fn loading_the_demo_counts_every_signed_file_for_crema_2021() {
        let state = start().reduce(Action::LoadDemo);
        assert_eq!(state.screen, Screen::Capofila);
        assert_eq!(
            (state.intake.ambito.id.as_str(), state.intake.year),
            ("crema", 2021)
        );
        assert_eq!(state.intake.received.len(), 48);
        assert!(state
            .intake
            .received
            .iter()
            .all(|f| f.disposition == Disposition::Conteggiata));
        let home = state.reduce(Action::Go(Screen::Home));
        assert_eq!(home.intake.received.len(), 48, "going home keeps the files");
    }

    #[test]
    fn another_year_sets_the_files_aside_and_back() {
        let state = start()
            .reduce(Action::LoadDemo)
            .reduce(Action::SetYear(2022));
        assert!(state
            .intake
            .received
            .iter()
            .all(|f| matches!(f.disposition, Disposition::Accantonata(_))));
        let state = state.reduce(Action::SetYear(2021));
        assert!(state
            .intake
            .received
            .iter()
            .all(|f| f.disposition == Disposition::Conteggiata));
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
    fn a_drop_in_batches_is_classified_once_at_the_end() {
        let (files, registry) = demo::crema_2021_signed_files();
        let check = |range: std::ops::Range<usize>| {
            files[range]
                .iter()
                .map(|(n, t)| DroppedFile::check(n.clone(), t.clone().into_bytes(), &registry))
                .collect::<Vec<_>>()
        };
        let state = start()
            .reduce(Action::SetYear(2021))
            .reduce(Action::Progress(Some((0, 48))))
            .reduce(Action::FilesChecked(check(0..30)))
            .reduce(Action::Progress(Some((30, 48))));
        assert_eq!(state.intake.files.len(), 30);
        assert!(state.intake.received.is_empty(), "not classified mid-drop");
        let state = state
            .reduce(Action::FilesChecked(check(30..48)))
            .reduce(Action::Progress(None));
        assert_eq!(state.intake.received.len(), 48);
    }

    #[test]
    fn an_unknown_key_counts_only_after_explicit_acceptance() {
        let (files, _) = demo::crema_2021_signed_files();
        let (name, text) = files[0].clone();
        let state = start()
            .reduce(Action::SetYear(2021))
            .reduce(Action::FilesChecked(vec![DroppedFile::check(
                name,
                text.into_bytes(),
                &TrustRegistry::default(),
            )]));
        let file = state.intake.received[0].clone();
        assert_eq!(file.disposition, Disposition::ChiaveDaAccettare);
        let ente = file.verified.submission.as_ref().unwrap().ente.clone();
        let state = state.reduce(Action::AcceptKey {
            ente_id: ente.id(),
            ente: ente.display_name(),
            public_key: file.verified.public_key.clone().unwrap(),
            when: "2026-11-23T10:00:00Z".into(),
        });
        assert_eq!(
            state.intake.received[0].disposition,
            Disposition::Conteggiata
        );
        assert_eq!(state.intake.registry.enti.len(), 1);
    }
}
