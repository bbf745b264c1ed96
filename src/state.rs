//! Application state as a reducer (the pattern of Yew's `function_todomvc` example): every
//! change is an [`Action`], so screens stay dumb and transitions are testable natively.

use std::rc::Rc;

use offerta_core::signing::{KeyFile, SigningKey};
use offerta_core::{demo, Submission};
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

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub screen: Screen,
    /// Submissions the capofila is working on.
    pub received: Rc<Vec<Submission>>,
    /// The key the ente signs with, once created or opened.
    pub signing_key: Option<Rc<UnlockedKey>>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            screen: Screen::Home,
            received: Rc::new(Vec::new()),
            signing_key: None,
        }
    }
}

pub enum Action {
    Go(Screen),
    /// Loads the Crema 2021 demo submissions and opens the capofila screen on them.
    LoadDemo,
    KeyReady(Rc<UnlockedKey>),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = match action {
            Action::Go(screen) => AppState {
                screen,
                ..(*self).clone()
            },
            Action::LoadDemo => AppState {
                screen: Screen::Capofila,
                received: Rc::new(demo::crema_2021()),
                ..(*self).clone()
            },
            Action::KeyReady(key) => AppState {
                signing_key: Some(key),
                ..(*self).clone()
            },
        };
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loading_the_demo_opens_the_capofila_screen_with_every_submission() {
        let state = Rc::new(AppState::default()).reduce(Action::LoadDemo);
        assert_eq!(state.screen, Screen::Capofila);
        assert_eq!(state.received.len(), 24);
        let home = state.reduce(Action::Go(Screen::Home));
        assert_eq!(home.screen, Screen::Home);
        assert_eq!(home.received.len(), 24, "going home keeps the loaded files");
    }
}
