//! The answer to a request whose key the clerk trusts: the ente picked from the ambito's list
//! (or the ALER), or the ente's submission of last year, prefilled and marked.

use offerta_core::comuni;
use offerta_core::request::VerifiedRequest;
use offerta_core::submission::Ente;
use offerta_core::Submission;
use yew::prelude::*;

use crate::browser::{self, storage};
use crate::components::inputs::{chosen, typed};
use crate::components::ErrorMessage;
use crate::hooks::use_file_import;
use crate::i18n::{use_lang, Lang};
use crate::state::{Action, AppState};

#[derive(Properties, PartialEq)]
pub(super) struct AnswerProps {
    pub request: VerifiedRequest,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// The ente the clerk picked (`choice`: "" for none, "aler", or a comune's ISTAT code), or
/// what to say.
fn chosen_ente(choice: &str, aler_name: &str, lang: Lang) -> Result<Ente, String> {
    let ente = match choice {
        "" => return Err(lang.texts().choose_ente.to_owned()),
        "aler" => Ente::aler(aler_name),
        code => Ente::comune(code),
    };
    ente.map_err(|why| lang.say(&why).to_owned())
}

/// The empty answer of `ente` to `request`; a draft of this ente and year kept in this
/// browser wins, and now answers the request too.
fn answer(request: &VerifiedRequest, ente: Ente) -> Submission {
    let fresh = request.start(ente);
    let mut submission = storage::load_draft(&fresh.draft_key()).unwrap_or_else(|| fresh.clone());
    submission.richiesta = fresh.richiesta.clone();
    submission
}

/// Opens `submission` in the form, in the request's ambito.
fn open_answer(
    dispatch: &UseReducerDispatcher<AppState>,
    request: &VerifiedRequest,
) -> Callback<Submission> {
    let (dispatch, ambito) = (dispatch.clone(), request.request.ambito.clone());
    Callback::from(move |submission| {
        dispatch.dispatch(Action::OpenDraft {
            submission: Box::new(submission),
            ambito: ambito.clone(),
            hh_mm: browser::local_hh_mm(),
        })
    })
}

#[function_component(AnswerForm)]
pub(super) fn answer_form(props: &AnswerProps) -> Html {
    let lang = use_lang();
    let (t, y) = (lang.texts(), lang.yearly());
    let ente_choice = use_state(String::new);
    let aler_name = use_state(|| "ALER Brescia-Cremona-Mantova".to_owned());
    let start_error = use_state(|| None::<String>);
    let open = open_answer(&props.dispatch, &props.request);
    let on_start = {
        let (request, open) = (props.request.clone(), open.clone());
        let (ente_choice, aler_name, start_error) =
            (ente_choice.clone(), aler_name.clone(), start_error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match chosen_ente(&ente_choice, &aler_name, lang) {
                Ok(ente) => open.emit(answer(&request, ente)),
                Err(why) => start_error.set(Some(why)),
            }
        })
    };
    // Or the answer starts from the ente's submission of last year, prefilled and marked.
    let on_last_year = {
        let (request, start_error) = (props.request.clone(), start_error.clone());
        use_file_import(
            move |_, bytes| request.start_from_last_year(bytes),
            open,
            Callback::from(move |m| start_error.set(Some(m))),
        )
    };
    html! {
        <>
            <form id="request-start-form" onsubmit={on_start}>
                <label class="form-label" for="request-ente">{ y.request_choose_ente }</label>
                <select class="form-select" id="request-ente" onchange={chosen(&ente_choice)}>
                    <option value="" selected={ente_choice.is_empty()}>{ t.choose }</option>
                    <option value="aler" selected={*ente_choice == "aler"}>{ t.aler_option }</option>
                    { for props.request.request.ambito.comuni.iter().map(|c| {
                        let name = comuni::by_code(*c).map(|x| x.nome.clone()).unwrap_or_default();
                        html! { <option value={c.to_string()} selected={*ente_choice == c.to_string()}>{ (t.comune_of)(&name) }</option> }
                    }) }
                </select>
                if *ente_choice == "aler" {
                    <label class="form-label" for="request-aler-name">{ t.aler_name }</label>
                    <input class="form-control" id="request-aler-name" type="text" value={(*aler_name).clone()} oninput={typed(&aler_name)} />
                }
                if let Some(m) = &*start_error {
                    <ErrorMessage id="request-start-error" class="mt-2" message={m.clone()} />
                }
                <button type="submit" id="request-start" class="btn btn-primary mt-2">{ y.request_start }</button>
            </form>
            <div class="mt-3">
                <label class="form-label" for="request-last-year">{ y.request_last_year }</label>
                <input class="form-control" id="request-last-year" type="file" accept=".json,application/json" onchange={on_last_year} />
            </div>
        </>
    }
}
