use yew::prelude::*;

use crate::browser::storage;
use crate::components::{
    use_print_events, AccessibilityStatement, CapofilaScreen, CompilaScreen, HomeScreen, Printing,
    StoredNotice,
};
use crate::i18n::{use_lang, Lang};
use crate::state::{Action, AppState, Screen};

/// The chosen language is remembered and set on `<html lang>` (screen readers read by it).
#[hook]
fn use_page_language(lang: Lang) {
    use_effect_with(lang, |lang| {
        storage::save_lang(*lang);
        if let Some(html) = gloo::utils::document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
    });
}

/// A new screen is announced by moving the focus to its title, so keyboard and screen
/// reader users start reading there (not on the first load: the page starts at the top).
#[hook]
fn use_focus_on_new_screen(screen: Screen) {
    let first_screen = use_mut_ref(|| true);
    use_effect_with(screen, move |_| {
        if !std::mem::replace(&mut *first_screen.borrow_mut(), false) {
            crate::browser::focus_first("main h1");
        }
    });
}

/// Each screen is a history entry under a hash route (`#/capofila`): Back and Forward move
/// between screens instead of leaving the app, also from file://. A hash that names no
/// screen (the skip link's `#main`) changes nothing.
#[hook]
fn use_screen_history(screen: Screen, dispatch: UseReducerDispatcher<AppState>) {
    // The route the app itself last wrote: its own change coming back as an event is not a
    // move of the user's (it may arrive after a newer screen, and would undo it).
    let written = use_mut_ref(|| format!("#{}", screen.route()));
    {
        let written = written.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                    let hash = crate::browser::location_hash();
                    if hash == *written.borrow() {
                        return;
                    }
                    if let Some(screen) = Screen::from_hash(&hash) {
                        *written.borrow_mut() = hash;
                        dispatch.dispatch(Action::Go(screen));
                    }
                });
            move || drop(listener)
        });
    }
    use_effect_with(screen, move |screen| {
        if Screen::from_hash(&crate::browser::location_hash()) != Some(*screen) {
            *written.borrow_mut() = format!("#{}", screen.route());
            crate::browser::set_location_hash(screen.route());
        }
    });
}

/// The capofila's files are in memory only: leaving or reloading with files loaded asks
/// first, and the names of the files are kept so that after a reload the page says which
/// to drop again.
#[hook]
fn use_capofila_work_kept(capofila: &crate::state::CapofilaState, lang: Lang) {
    crate::hooks::use_leave_warning(capofila.has_work_to_lose(), lang.texts().leave_with_files);
    // The App renders at every keystroke of the form: the names are gathered and saved
    // only when the files, the list from before, the revocation lists (each change is a new
    // Rc) or last year's plan change.
    let changed = (
        std::rc::Rc::as_ptr(capofila.intake.received()) as usize,
        std::rc::Rc::as_ptr(&capofila.loaded_before) as usize,
        std::rc::Rc::as_ptr(capofila.intake.revocation_lists()) as usize,
        capofila.previous_name.clone(),
    );
    let capofila = capofila.clone();
    use_effect_with(changed, move |_| {
        storage::save_loaded_files(&capofila.names_to_remember())
    });
}

/// The state with `draft` open in the form, as the form's opener does (its ambito from the
/// presets or kept with its request).
fn reopen(state: AppState, draft: offerta_core::Submission) -> AppState {
    use yew::Reducible;
    let presets = offerta_core::ambiti::presets();
    let ambito = presets
        .iter()
        .find(|a| a.id == draft.ambito)
        .cloned()
        .or_else(|| storage::kept_ambito(&draft.ambito))
        .unwrap_or_else(|| presets[0].clone());
    let next = std::rc::Rc::new(state).reduce(Action::OpenDraft {
        submission: Box::new(draft),
        ambito,
        hh_mm: crate::browser::local_hh_mm(),
    });
    (*next).clone()
}

/// This tab remembers which draft the form shows (sessionStorage), so a reload opens it
/// again.
#[hook]
fn use_open_draft_remembered(draft: Option<&crate::state::DraftState>) {
    let key = draft.map(|d| d.submission.draft_key());
    use_effect_with(key, |key| storage::remember_open_draft(key.as_deref()));
}

/// The state the page starts with: what this browser kept (registry, trusted list, language,
/// the names of the files loaded), and the screen of the address.
fn initial_state() -> AppState {
    // The capofila prepares next year's plan.
    let year = js_sys::Date::new_0().get_full_year() as u16 + 1;
    let mut state = AppState::new(storage::stored_registry(), year);
    state.lang = storage::stored_lang();
    state.capofila.loaded_before = std::rc::Rc::new(storage::stored_loaded_files());
    if let Some(list) = storage::stored_trusted_list() {
        let restore = crate::state::CapofilaAction::RestoreTrustedList(std::rc::Rc::new(list));
        state.capofila.apply(restore);
    }
    // A reload comes back to the screen the address names where its state comes back:
    // the capofila's screen, the statement, the form with the draft this tab showed
    // (read again from this browser); home otherwise, saying so in the address without
    // a new history entry.
    let hash = crate::browser::location_hash();
    let draft = storage::open_draft();
    let screen = Screen::after_reload(&hash, draft.is_some());
    let mut state = match (screen, draft) {
        (Screen::Compila, Some(draft)) => reopen(state, draft),
        _ => state,
    };
    state.screen = screen;
    if Screen::from_hash(&hash).is_some_and(|s| s != screen) {
        crate::browser::replace_location_hash(screen.route());
    }
    state
}

/// What this copy cannot read in the browser's storage (kept, never written over, said),
/// and the callback that reads it again once the storage changed.
#[hook]
fn use_unreadable_storage() -> (
    std::rc::Rc<Vec<offerta_core::stored::Problem>>,
    Callback<()>,
) {
    let unreadable = use_state(|| std::rc::Rc::new(storage::unreadable_items()));
    let on_changed = {
        let unreadable = unreadable.clone();
        Callback::from(move |_| unreadable.set(std::rc::Rc::new(storage::unreadable_items())))
    };
    ((*unreadable).clone(), on_changed)
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial_state);
    let (unreadable, on_storage_changed) = use_unreadable_storage();
    use_open_draft_remembered(state.draft.as_ref());
    // Marks when the first screen is up, for the start-up benchmark (docs/PERFORMANCE.md).
    use_effect_with((), |_| crate::browser::mark("__offertaReady"));
    let lang = state.lang;
    let t = lang.texts();
    let printing = use_print_events();
    use_page_language(lang);
    use_focus_on_new_screen(state.screen);
    use_screen_history(state.screen, state.dispatcher());
    use_capofila_work_kept(&state.capofila, lang);
    let on_lang = {
        let dispatch = state.dispatcher();
        let other = if lang == Lang::It { Lang::En } else { Lang::It };
        Callback::from(move |_| dispatch.dispatch(Action::SetLang(other)))
    };
    let go = {
        let state = state.dispatcher();
        Callback::from(move |screen| state.dispatch(Action::Go(screen)))
    };
    let go_link = |screen: Screen| {
        let go = go.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            go.emit(screen)
        })
    };
    let load_demo = Callback::from(state.dispatcher()).reform(|_| Action::LoadDemo);
    let on_key_ready = Callback::from(state.dispatcher()).reform(Action::KeyReady);
    let screen = match state.screen {
        Screen::Home => {
            html! { <HomeScreen go={go.clone()} load_demo={load_demo} dispatch={state.dispatcher()}
            loaded_before={state.capofila.still_to_reload()} /> }
        }
        Screen::Compila => html! {
            <CompilaScreen draft={state.draft.clone()} dispatch={state.dispatcher()}
                signing_key={state.signing_key.clone()} on_key_ready={on_key_ready.clone()}
                default_year={state.capofila.intake.year()} />
        },
        Screen::Capofila => html! {
            <CapofilaScreen
                capofila={state.capofila.clone()}
                dispatch={state.dispatcher()}
                signing_key={state.signing_key.clone()}
                on_key_ready={on_key_ready.clone()} />
        },
        Screen::Accessibilita => html! { <AccessibilityStatement /> },
    };
    html! {
        <ContextProvider<Lang> context={lang}>
        <ContextProvider<Printing> context={printing}>
            <div class="skiplinks">
                <a class="visually-hidden-focusable" href="#main">{ t.skip_to_content }</a>
            </div>
            <PageHeader {on_lang} on_home={go_link(Screen::Home)} />
            <main id="main" class="container" tabindex="-1">
                <StoredNotice problems={unreadable} on_changed={on_storage_changed} />
                if state.screen != Screen::Home {
                    <button type="button" class="btn btn-link back" onclick={go.reform(|_| Screen::Home)}>
                        { t.back_home }
                    </button>
                }
                { screen }
            </main>
            <PageFooter on_statement={go_link(Screen::Accessibilita)} />
        </ContextProvider<Printing>>
        </ContextProvider<Lang>>
    }
}

#[derive(Properties, PartialEq)]
struct PageHeaderProps {
    on_lang: Callback<MouseEvent>,
    on_home: Callback<MouseEvent>,
}

/// The Bootstrap Italia header: the slim bar with the language switch, and the app's name.
#[function_component(PageHeader)]
fn page_header(props: &PageHeaderProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    html! {
        <header class="it-header-wrapper">
            <div class="it-header-slim-wrapper">
                <div class="container">
                    <div class="it-header-slim-wrapper-content">
                        <span class="it-header-slim-title">{ t.region }</span>
                        <div class="it-header-slim-right-zone">
                            <button type="button" id="lang-switch" class="btn btn-sm btn-outline-light lang-switch"
                                onclick={props.on_lang.clone()} lang={if lang == Lang::It { "en" } else { "it" }}>
                                { t.switch_to_other }
                            </button>
                        </div>
                    </div>
                </div>
            </div>
            <div class="it-header-center-wrapper">
                <div class="container">
                    <div class="it-header-center-content-wrapper">
                        <div class="it-brand-wrapper">
                            <a href="#main" onclick={props.on_home.clone()}>
                                <div class="it-brand-text">
                                    <p class="it-brand-title">{ "Offerta Abitativa" }</p>
                                    <p class="it-brand-tagline">{ t.tagline }</p>
                                </div>
                            </a>
                        </div>
                    </div>
                </div>
            </div>
        </header>
    }
}

#[derive(Properties, PartialEq)]
struct PageFooterProps {
    on_statement: Callback<MouseEvent>,
}

/// The footer: the offline note and the link to the accessibility statement.
#[function_component(PageFooter)]
fn page_footer(props: &PageFooterProps) -> Html {
    let t = use_lang().texts();
    html! {
        <footer class="it-footer">
            <div class="it-footer-small-prints">
                <div class="container">
                    <p class="offline-note">{ t.offline_note }</p>
                    <p id="app-version" class="app-version">{ (t.app_version)(env!("CARGO_PKG_VERSION")) }</p>
                    <ul class="it-footer-small-prints-list list-inline">
                        <li class="list-inline-item">
                            <a id="accessibility-link" href="#main" onclick={props.on_statement.clone()}>
                                { t.accessibility_link }
                            </a>
                        </li>
                    </ul>
                </div>
            </div>
        </footer>
    }
}
