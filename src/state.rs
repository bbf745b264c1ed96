//! Application state as a reducer (the pattern of Yew's `function_todomvc` example): every
//! change is an [`Action`], so screens stay dumb and transitions are testable natively.
//! The decisions themselves (verification, dispositions, the plan) come from `offerta-core`.

use std::rc::Rc;

use offerta_core::ambiti::{self, Ambito};
use offerta_core::demo;
use offerta_core::intake::{self, ReceivedFile};
use offerta_core::signing::{KeyFile, SigningKey, TrustRegistry, VerifiedFile};
use yew::Reducible;

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
                .map(|f| DroppedFile::check(f.name.clone(), f.bytes.to_vec(), &registry))
                .collect(),
        );
        self.classified()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub screen: Screen,
    pub intake: IntakeState,
    /// The key the ente (or the capofila) signs with, once created or opened.
    pub signing_key: Option<Rc<UnlockedKey>>,
}

impl AppState {
    pub fn new(registry: TrustRegistry, year: u16) -> Self {
        AppState {
            screen: Screen::Home,
            intake: IntakeState::new(registry, year),
            signing_key: None,
        }
    }
}

pub enum Action {
    Go(Screen),
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
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Go(screen) => next.screen = screen,
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
