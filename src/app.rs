use yew::prelude::*;

use crate::browser::storage;
use crate::components::{CapofilaScreen, CompilaScreen, HomeScreen};
use crate::i18n::Lang;
use crate::state::{Action, AppState, Screen};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        // The capofila prepares next year's plan.
        let year = js_sys::Date::new_0().get_full_year() as u16 + 1;
        let mut state = AppState::new(storage::stored_registry(), year);
        state.lang = storage::stored_lang();
        state
    });
    // Marks when the first screen is up, for the start-up benchmark (docs/PERFORMANCE.md).
    use_effect_with((), |_| crate::browser::mark("__offertaReady"));
    let lang = state.lang;
    use_effect_with(lang, |lang| {
        storage::save_lang(*lang);
        if let Some(html) = gloo::utils::document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
    });
    let on_lang = {
        let dispatch = state.dispatcher();
        let other = if lang == Lang::It { Lang::En } else { Lang::It };
        Callback::from(move |_| dispatch.dispatch(Action::SetLang(other)))
    };
    let go = {
        let state = state.dispatcher();
        Callback::from(move |screen| state.dispatch(Action::Go(screen)))
    };
    let load_demo = {
        let state = state.dispatcher();
        Callback::from(move |_| state.dispatch(Action::LoadDemo))
    };
    let on_key_ready = {
        let state = state.dispatcher();
        Callback::from(move |key| state.dispatch(Action::KeyReady(key)))
    };
    let screen = match state.screen {
        Screen::Home => html! { <HomeScreen go={go.clone()} load_demo={load_demo} /> },
        Screen::Compila => html! {
            <CompilaScreen draft={state.draft.clone()} dispatch={state.dispatcher()}
                signing_key={state.signing_key.clone()} on_key_ready={on_key_ready.clone()}
                default_year={state.intake.year} />
        },
        Screen::Capofila => html! {
            <CapofilaScreen
                intake={state.intake.clone()}
                dispatch={state.dispatcher()}
                signing_key={state.signing_key.clone()}
                on_key_ready={on_key_ready.clone()} />
        },
    };
    html! {
        <ContextProvider<Lang> context={lang}>
            <header class="site-header">
                <div class="container">
                    <button type="button" id="lang-switch" class="btn lang-switch" onclick={on_lang}
                        lang={if lang == Lang::It { "en" } else { "it" }}>
                        { lang.texts().switch_to_other }
                    </button>
                    <p class="site-title">{ "Offerta Abitativa" }</p>
                    <p class="site-subtitle">
                        { "Piano annuale dell'offerta dei servizi abitativi pubblici e sociali - Regione Lombardia" }
                    </p>
                </div>
            </header>
            <main id="main" class="container">
                if state.screen != Screen::Home {
                    <button type="button" class="btn btn-link back" onclick={go.reform(|_| Screen::Home)}>
                        { "← Torna alla pagina iniziale" }
                    </button>
                }
                { screen }
            </main>
            <footer class="site-footer container">
                <p>{ "Funziona senza rete: nessun dato lascia questo computer." }</p>
            </footer>
        </ContextProvider<Lang>>
    }
}
