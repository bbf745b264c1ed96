use std::rc::Rc;

use offerta_core::ambiti;
use yew::prelude::*;

use super::compila::draft_opener;
use crate::browser::{self, storage};
use crate::i18n::use_lang;
use crate::state::{AppState, Screen};

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub go: Callback<Screen>,
    pub load_demo: Callback<()>,
    pub dispatch: UseReducerDispatcher<AppState>,
    /// The capofila's files loaded before the page was closed or reloaded, not loaded again.
    pub loaded_before: Vec<String>,
}

/// How many of the latest drafts the home page offers to resume.
const RESUMED_ON_HOME: usize = 3;

#[derive(Properties, PartialEq)]
struct ResumeProps {
    dispatch: UseReducerDispatcher<AppState>,
}

/// After a reload the clerk finds the latest drafts kept in this browser on the first page:
/// one click takes it back to its work.
#[function_component(ResumeDrafts)]
fn resume_drafts(props: &ResumeProps) -> Html {
    let t = use_lang().texts();
    let drafts = use_memo((), |_| {
        let mut drafts = storage::stored_drafts().0;
        // The latest first: RFC 3339 times in UTC sort as text.
        drafts.sort_by(|a, b| b.modificata_il.cmp(&a.modificata_il));
        drafts.truncate(RESUMED_ON_HOME);
        drafts
    });
    if drafts.is_empty() {
        return html! {};
    }
    let open = draft_opener(props.dispatch.clone(), Rc::new(ambiti::presets()));
    html! {
        <div id="home-drafts" class="mt-4">
            <h2>{ t.resume_title }</h2>
            <ul class="list-unstyled">
                { for drafts.iter().map(|s| {
                    let (open, draft) = (open.clone(), s.clone());
                    let saved = s.modificata_il.as_deref().map(browser::local_date_time).unwrap_or_default();
                    html! { <li><button type="button" class="btn btn-outline-primary mb-2 resume-home"
                        onclick={Callback::from(move |_| open.emit(draft.clone()))}>
                        { (t.resume_draft_of)(&s.ente.display_name(), s.anno_piano, &saved) }
                    </button></li> }
                }) }
            </ul>
        </div>
    }
}

#[function_component(HomeScreen)]
pub fn home_screen(props: &HomeProps) -> Html {
    let t = use_lang().texts();
    html! {
        <section aria-labelledby="home-title">
            <h1 id="home-title">{ t.home_title }</h1>
            <p class="lead">{ t.home_lead }</p>
            <div class="roles row g-3">
                <div class="col-12 col-md-6">
                    <button type="button" id="role-compila" class="btn btn-primary role w-100"
                        onclick={props.go.reform(|_| Screen::Compila)}>
                        { t.compila_title }
                        <span class="role-help d-block">{ t.role_compila_help }</span>
                    </button>
                </div>
                <div class="col-12 col-md-6">
                    <button type="button" id="role-capofila" class="btn btn-primary role w-100"
                        onclick={props.go.reform(|_| Screen::Capofila)}>
                        { t.capofila_title }
                        <span class="role-help d-block">{ t.role_capofila_help }</span>
                    </button>
                </div>
            </div>
            if !props.loaded_before.is_empty() {
                <div id="home-loaded-before" class="alert alert-warning mt-4" role="status">
                    <p>{ (t.home_loaded_before)(props.loaded_before.len()) }</p>
                    <button type="button" id="resume-capofila" class="btn btn-outline-primary"
                        onclick={props.go.reform(|_| Screen::Capofila)}>{ t.resume_capofila }</button>
                </div>
            }
            <ResumeDrafts dispatch={props.dispatch.clone()} />
            <super::open_request::OpenRequest dispatch={props.dispatch.clone()} />
            <div class="demo mt-4">
                <h2>{ t.demo_title }</h2>
                <p>{ t.demo_note }</p>
                <button type="button" id="load-demo" class="btn btn-outline-primary"
                    onclick={props.load_demo.reform(|_| ())}>
                    { t.load_demo }
                </button>
            </div>
        </section>
    }
}
