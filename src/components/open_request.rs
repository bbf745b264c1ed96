//! A comune opens the capofila's request on the home screen (chosen or dropped): the app
//! verifies it, shows who asks and the deadline, remembers the capofila's key for the next
//! request, and starts the submission with the ambito and the year fixed and the ente picked
//! from the ambito's list.

use offerta_core::comuni;
use offerta_core::request::{forget_key_advice, read_request, KeyStanding, VerifiedRequest};
use offerta_core::signing::fingerprint;
use offerta_core::submission::Ente;
use offerta_core::text::{Bilingual, Message};
use yew::prelude::*;

use super::inputs::{chosen, typed};
use crate::browser::{self, files, storage};
use crate::i18n::{use_lang, Shown};
use crate::state::{Action, AppState};

/// A request as opened here: what this browser knew of its capofila's key, and whether the
/// clerk confirmed the fingerprint (a known key needs no confirmation); `kept`: whether the
/// confirmed key was remembered.
#[derive(Clone, PartialEq)]
struct Opened {
    request: VerifiedRequest,
    standing: KeyStanding,
    confirmed: bool,
    kept: bool,
}

/// A request signed with another key than the one remembered for its capofila: what the
/// clerk may forget once the capofila confirmed its new key by telephone or PEC.
#[derive(Clone, PartialEq)]
struct OtherKey {
    codice_istat: String,
    advice: Bilingual,
}

/// Reads a request against the key this browser keeps for its capofila. A first request
/// (or one met when the memory of keys cannot be read) is opened to be checked: its key is
/// remembered only once the clerk confirms the fingerprint; a later one signed otherwise is
/// refused by the core.
fn open(bytes: &[u8]) -> Result<Opened, (Box<Message>, Option<OtherKey>)> {
    let request = read_request(bytes, None).map_err(|e| (Box::new(e), None))?;
    let code = request.request.capofila.codice_istat.clone();
    let standing = match storage::known_capofila_key(&code) {
        Err(()) => KeyStanding::MemoryUnreadable,
        Ok(None) => KeyStanding::First,
        Ok(Some(known)) if known == request.public_key => KeyStanding::Known,
        Ok(Some(known)) => {
            let why = read_request(bytes, Some(&known)).expect_err("another key is refused");
            let advice = forget_key_advice(&fingerprint(&known), &request.fingerprint);
            return Err((
                Box::new(why),
                Some(OtherKey {
                    codice_istat: code,
                    advice,
                }),
            ));
        }
    };
    Ok(Opened {
        request,
        standing,
        confirmed: standing == KeyStanding::Known,
        kept: standing == KeyStanding::Known,
    })
}

/// The clerk confirmed the fingerprint: the key is remembered (unless the memory cannot be
/// read, which is never written over) and the ambito kept.
fn confirm(o: &Opened) -> Opened {
    let kept = o.standing == KeyStanding::First
        && storage::remember_capofila_key(
            &o.request.request.capofila.codice_istat,
            &o.request.public_key,
        )
        .is_ok();
    storage::keep_ambito(&o.request.request.ambito);
    Opened {
        confirmed: true,
        kept,
        ..o.clone()
    }
}

#[derive(Properties, PartialEq)]
pub struct OpenRequestProps {
    pub dispatch: UseReducerDispatcher<AppState>,
}

#[function_component(OpenRequest)]
pub fn open_request(props: &OpenRequestProps) -> Html {
    let lang = use_lang();
    let y = lang.yearly();
    let opened = use_state(|| None::<Opened>);
    let error = use_state(|| None::<Shown>);
    let other_key = use_state(|| None::<OtherKey>);
    let forgotten = use_state(|| false);
    let ente_choice = use_state(String::new);
    let aler_name = use_state(|| "ALER Brescia-Cremona-Mantova".to_owned());
    let start_error = use_state(|| None::<Shown>);

    let take = {
        let states = (
            opened.clone(),
            error.clone(),
            ente_choice.clone(),
            other_key.clone(),
            forgotten.clone(),
        );
        Callback::from(move |file: web_sys::File| {
            let (opened, error, ente_choice, other_key, forgotten) = states.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let (name, bytes) = files::read(file).await;
                let shown = offerta_core::text::visible(&name);
                let result = bytes
                    .map_err(|e| (lang.texts().explain(&e), None))
                    .and_then(|bytes| {
                        open(&bytes)
                            .map_err(|(e, other)| (Shown::of_file(&shown, lang.show(&e)), other))
                    });
                forgotten.set(false);
                match result {
                    Ok(o) => {
                        if o.confirmed {
                            storage::keep_ambito(&o.request.request.ambito);
                        }
                        error.set(None);
                        other_key.set(None);
                        ente_choice.set(String::new());
                        opened.set(Some(o));
                    }
                    Err((m, other)) => {
                        // A bad request changes nothing: the one opened before stays.
                        error.set(Some(m));
                        other_key.set(other);
                    }
                }
            });
        })
    };
    let on_confirm = {
        let opened = opened.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(o) = &*opened {
                opened.set(Some(confirm(o)));
            }
        })
    };
    let on_forget = {
        let (other_key, forgotten, error) = (other_key.clone(), forgotten.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(other) = &*other_key else { return };
            match storage::forget_capofila_key(&other.codice_istat) {
                Ok(()) => {
                    other_key.set(None);
                    error.set(None);
                    forgotten.set(true);
                }
                Err(e) => error.set(Some(lang.texts().explain(&e))),
            }
        })
    };
    let on_choose = {
        let take = take.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = files::first_chosen(&e) {
                take.emit(file);
            }
            // The same file can be chosen again (after forgetting a key, or confirming with
            // the capofila): a browser fires no change for the file already chosen.
            let input: web_sys::HtmlInputElement = yew::TargetCast::target_unchecked_into(&e);
            input.set_value("");
        })
    };
    let on_drop = {
        let take = take.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let dropped = files::list(e.data_transfer().and_then(|d| d.files()));
            if let Some(file) = dropped.into_iter().next() {
                take.emit(file);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_start = opened.as_ref().map(|o| {
        let (request, dispatch) = (o.request.clone(), props.dispatch.clone());
        let (ente_choice, aler_name, start_error) =
            (ente_choice.clone(), aler_name.clone(), start_error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let ente = match ente_choice.as_str() {
                "" => return start_error.set(Some(lang.texts().choose_ente.into())),
                "aler" => Ente::aler(&aler_name),
                code => Ente::comune(code),
            };
            let ente = match ente {
                Ok(ente) => ente,
                Err(why) => return start_error.set(Some(lang.say(&why).into())),
            };
            let fresh = request.start(ente);
            // A draft of this ente and year kept in this browser wins; it now answers the
            // request too.
            let mut submission =
                storage::load_draft(&fresh.draft_key()).unwrap_or_else(|| fresh.clone());
            submission.richiesta = fresh.richiesta.clone();
            dispatch.dispatch(Action::OpenDraft {
                submission: Box::new(submission),
                ambito: request.request.ambito.clone(),
                hh_mm: browser::local_hh_mm(),
            });
        })
    });
    // Or the answer starts from the ente's submission of last year, prefilled and marked.
    let on_last_year = opened.as_ref().map(|o| {
        let (request, dispatch, start_error) = (
            o.request.clone(),
            props.dispatch.clone(),
            start_error.clone(),
        );
        Callback::from(move |e: Event| {
            let Some(file) = files::first_chosen(&e) else {
                return;
            };
            let (request, dispatch, start_error) =
                (request.clone(), dispatch.clone(), start_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let (name, bytes) = files::read(file).await;
                let result = bytes
                    .map_err(|e| lang.texts().explain(&e))
                    .and_then(|bytes| {
                        request.start_from_last_year(&bytes).map_err(|e| {
                            let name = offerta_core::text::visible(&name);
                            Shown::of_file(&name, lang.say(&e).into())
                        })
                    });
                match result {
                    Ok(submission) => dispatch.dispatch(Action::OpenDraft {
                        submission: Box::new(submission),
                        ambito: request.request.ambito.clone(),
                        hh_mm: browser::local_hh_mm(),
                    }),
                    Err(m) => start_error.set(Some(m)),
                }
            });
        })
    });
    let t = lang.texts();
    let today = browser::now_rfc3339();
    html! {
        <div id="open-request" class="card p-3 mt-4" ondrop={on_drop} ondragover={on_drag_over}>
            <h2>{ y.open_request_title }</h2>
            <p>{ y.open_request_intro }</p>
            <label class="form-label" for="request-file">{ y.open_request_file }</label>
            <input class="form-control" id="request-file" type="file" accept=".json,application/json" onchange={on_choose} />
            if let Some(m) = &*error {
                <super::ErrorMessage id="request-error" class="mt-2" message={m.clone()} />
            }
            if let (Some(o), Some(on_start)) = (&*opened, on_start) {
                <div id="request-opened" class="mt-3" role="status">
                    <p id="request-from">{ (y.request_from)(&offerta_core::text::visible(&o.request.request.capofila.nome), &o.request.fingerprint) }</p>
                    <p id="request-for">{ (y.request_for)(&o.request.request.ambito.nome, o.request.request.anno_piano) }</p>
                    <p id="request-deadline" class={if o.request.request.days_left(&today).is_some_and(|d| d < 0) { "alert alert-warning" } else { "" }}>
                        { lang.say(&offerta_core::request::deadline_line(&o.request.request.scadenza, &today)) }
                    </p>
                    if !o.request.request.messaggio.is_empty() {
                        <blockquote id="request-message-text" class="blockquote">{ offerta_core::text::visible(&o.request.request.messaggio) }</blockquote>
                    }
                    <p id="request-owners">{ lang.say(&o.request.owners_line()) }</p>
                    if o.confirmed {
                        <p id="request-key-note" class="hint">{
                            match (o.standing, o.kept) {
                                (KeyStanding::Known, _) => lang.say(&o.request.key_note(KeyStanding::Known)).to_owned(),
                                (_, true) => y.request_key_remembered.to_owned(),
                                (_, false) => y.request_key_not_kept.to_owned(),
                            }
                        }</p>
                    } else {
                        <div id="request-key-check" class="alert alert-warning">
                            <p id="request-key-note">{ lang.say(&o.request.key_note(o.standing)) }</p>
                            <button type="button" id="request-key-confirm" class="btn btn-warning" onclick={on_confirm}>{ y.request_key_confirm }</button>
                            <p class="hint mt-2 mb-0">{ y.request_unconfirmed }</p>
                        </div>
                    }
                    if o.confirmed {
                    <form id="request-start-form" onsubmit={on_start}>
                        <label class="form-label" for="request-ente">{ y.request_choose_ente }</label>
                        <select class="form-select" id="request-ente" onchange={chosen(&ente_choice)}>
                            <option value="" selected={ente_choice.is_empty()}>{ t.choose }</option>
                            <option value="aler" selected={*ente_choice == "aler"}>{ t.aler_option }</option>
                            { for o.request.request.ambito.comuni.iter().map(|c| {
                                let name = comuni::by_code(*c).map(|x| x.nome.clone()).unwrap_or_default();
                                html! { <option value={c.to_string()} selected={*ente_choice == c.to_string()}>{ (t.comune_of)(&name) }</option> }
                            }) }
                        </select>
                        if *ente_choice == "aler" {
                            <label class="form-label" for="request-aler-name">{ t.aler_name }</label>
                            <input class="form-control" id="request-aler-name" type="text" value={(*aler_name).clone()} oninput={typed(&aler_name)} />
                        }
                        if let Some(m) = &*start_error {
                            <super::ErrorMessage id="request-start-error" class="mt-2" message={m.clone()} />
                        }
                        <button type="submit" id="request-start" class="btn btn-primary mt-2">{ y.request_start }</button>
                    </form>
                    <div class="mt-3">
                        <label class="form-label" for="request-last-year">{ y.request_last_year }</label>
                        <input class="form-control" id="request-last-year" type="file" accept=".json,application/json" onchange={on_last_year} />
                    </div>
                    }
                </div>
            }
            if let Some(other) = &*other_key {
                <div id="request-forget" class="mt-2">
                    <p>{ lang.say(&other.advice) }</p>
                    <button type="button" id="request-forget-key" class="btn btn-outline-danger" onclick={on_forget}>{ y.request_forget_key }</button>
                </div>
            }
            if *forgotten {
                <p id="request-key-forgotten" class="alert alert-info mt-2" role="status">{ y.request_key_forgotten }</p>
            }
        </div>
    }
}
