//! The ente's signing key: create it (encrypted with a passphrase, saved as a file and
//! optionally in this browser) or open it again, and show its fingerprint.

use std::rc::Rc;

use offerta_core::signing::keyfile::{KdfParams, MIN_PASSPHRASE_CHARS};
use offerta_core::signing::KeyFile;
use offerta_core::submission::Ente;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser::{self, download, files, storage};
use crate::format::capitalise;
use crate::i18n::use_lang;
use crate::state::UnlockedKey;

#[derive(Properties, PartialEq)]
pub struct KeyPanelProps {
    pub current: Option<Rc<UnlockedKey>>,
    pub on_ready: Callback<Rc<UnlockedKey>>,
}

fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn key_file_name(file: &KeyFile) -> String {
    format!("chiave-firma_{}.json", file.ente_id.replace(':', "-"))
}

fn download_key(file: &KeyFile) -> Result<(), browser::BrowserError> {
    download::save_text(&key_file_name(file), "application/json", &file.to_json())
}

/// Runs `work` after the browser has painted the "in corso" state: Argon2id takes a moment.
fn after_paint(work: impl FnOnce() + 'static) {
    gloo::timers::callback::Timeout::new(30, work).forget();
}

#[function_component(KeyPanel)]
pub fn key_panel(props: &KeyPanelProps) -> Html {
    match &props.current {
        Some(key) => html! { <KeyReadyView unlocked={key.clone()} /> },
        None => html! {
            <div class="key-panel">
                <OpenKeyForm on_ready={props.on_ready.clone()} />
                <CreateKeyForm on_ready={props.on_ready.clone()} />
            </div>
        },
    }
}

#[derive(Properties, PartialEq)]
struct KeyReadyProps {
    unlocked: Rc<UnlockedKey>,
}

#[function_component(KeyReadyView)]
fn key_ready_view(props: &KeyReadyProps) -> Html {
    let file = &props.unlocked.file;
    let error = use_state(|| None::<String>);
    let t = use_lang().texts();
    let on_download = {
        let file = file.clone();
        let error = error.clone();
        Callback::from(move |_| error.set(download_key(&file).err().map(|e| t.explain(&e))))
    };
    html! {
        <div class="key-ready" role="status">
            <p>{ (t.key_ready)(&file.ente) }</p>
            <p>
                { t.key_fingerprint }
                <strong id="key-fingerprint" class="fingerprint">{ &file.impronta }</strong>
            </p>
            <p>{ t.key_send_by_pec }</p>
            <button type="button" id="key-download" class="btn btn-outline-primary" onclick={on_download}>
                { t.key_download }
            </button>
            if let Some(e) = &*error { <p class="alert alert-danger" role="alert">{ e }</p> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    on_ready: Callback<Rc<UnlockedKey>>,
}

#[function_component(OpenKeyForm)]
fn open_key_form(props: &FormProps) -> Html {
    let stored = use_memo((), |_| storage::stored_keys());
    let t = use_lang().texts();
    let chosen = use_state(|| stored.last().cloned());
    let passphrase = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    let on_select = {
        let stored = stored.clone();
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let index: Option<usize> = input_value(&e).parse().ok();
            chosen.set(index.and_then(|i| stored.get(i).cloned()));
        })
    };
    let on_file = {
        let chosen = chosen.clone();
        let error = error.clone();
        Callback::from(move |e: Event| {
            let Some(file) = files::first_chosen(&e) else {
                return;
            };
            let chosen = chosen.clone();
            let error = error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match files::read_text(file).await {
                    (name, Some(text)) => match KeyFile::from_json(&text) {
                        Ok(key) => {
                            chosen.set(Some(key));
                            error.set(None);
                        }
                        Err(e) => error.set(Some(format!("{name}: {e}."))),
                    },
                    (name, None) => error.set(Some(format!("{name}: {}", t.key_file_unreadable))),
                }
            });
        })
    };
    let on_pass = {
        let passphrase = passphrase.clone();
        Callback::from(move |e: InputEvent| {
            passphrase.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_submit = {
        let chosen = chosen.clone();
        let passphrase = passphrase.clone();
        let error = error.clone();
        let busy = busy.clone();
        let on_ready = props.on_ready.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(file) = (*chosen).clone() else {
                error.set(Some(t.key_choose_file.into()));
                return;
            };
            busy.set(true);
            let (pass, error, busy, on_ready) = (
                (*passphrase).clone(),
                error.clone(),
                busy.clone(),
                on_ready.clone(),
            );
            after_paint(move || {
                match file.unlock(&pass) {
                    Ok(key) => {
                        error.set(None);
                        on_ready.emit(Rc::new(UnlockedKey { file, key }));
                    }
                    Err(e) => error.set(Some(format!("{}.", capitalise(&e.to_string())))),
                }
                busy.set(false);
            });
        })
    };

    html! {
        <form class="card" onsubmit={on_submit} aria-labelledby="key-open-title">
            <h3 id="key-open-title">{ t.key_open_title }</h3>
            if !stored.is_empty() {
                <label class="form-label" for="key-open-select">{ t.key_stored }</label>
                <select class="form-select" id="key-open-select" onchange={on_select}>
                    { for stored.iter().enumerate().rev().map(|(i, k)| html! {
                        <option value={i.to_string()} selected={Some(k) == chosen.as_ref()}>
                            { (t.key_stored_item)(&k.ente, &k.impronta) }
                        </option>
                    }) }
                </select>
            }
            <label class="form-label" for="key-file">{ t.key_or_file }</label>
            <input class="form-control" id="key-file" type="file" accept=".json,application/json" onchange={on_file} />
            if let Some(k) = &*chosen {
                <p class="hint">{ (t.key_chosen)(&k.ente, &k.impronta) }</p>
            }
            <label class="form-label" for="key-open-pass">{ t.passphrase }</label>
            <input class="form-control" id="key-open-pass" type="password" autocomplete="current-password"
                value={(*passphrase).clone()} oninput={on_pass}
                aria-describedby={error.is_some().then_some("key-error-open")} />
            <button type="submit" id="key-open" class="btn btn-primary" disabled={*busy}>
                { if *busy { t.key_opening } else { t.key_open } }
            </button>
            if let Some(e) = &*error { <p id="key-error-open" class="alert alert-danger" role="alert">{ e }</p> }
        </form>
    }
}

#[function_component(CreateKeyForm)]
fn create_key_form(props: &FormProps) -> Html {
    let is_aler = use_state(|| false);
    let istat = use_state(String::new);
    let aler_name = use_state(String::new);
    let pass = use_state(String::new);
    let pass2 = use_state(String::new);
    let remember = use_state(|| true);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let t = use_lang().texts();

    let ente = if *is_aler {
        Ente::aler(&aler_name)
    } else {
        Ente::comune(&istat)
    };
    let text_setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_aler = {
        let is_aler = is_aler.clone();
        Callback::from(move |e: Event| {
            is_aler.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let on_remember = {
        let remember = remember.clone();
        Callback::from(move |e: Event| {
            remember.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let on_submit = {
        let (ente, pass, pass2, remember) =
            (ente.clone(), pass.clone(), pass2.clone(), remember.clone());
        let (error, busy, on_ready) = (error.clone(), busy.clone(), props.on_ready.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let ente = match &ente {
                Ok(ente) => ente.clone(),
                Err(e) => return error.set(Some(format!("{}.", capitalise(e)))),
            };
            if *pass != *pass2 {
                return error.set(Some(t.key_mismatch.into()));
            }
            busy.set(true);
            let (pass, remember, error, busy, on_ready) = (
                (*pass).clone(),
                *remember,
                error.clone(),
                busy.clone(),
                on_ready.clone(),
            );
            after_paint(move || {
                let created = KeyFile::create(
                    &ente.display_name(),
                    &ente.id(),
                    &pass,
                    &browser::now_rfc3339(),
                    KdfParams::default(),
                );
                match created {
                    Ok((file, key)) => {
                        let mut problems = Vec::new();
                        if remember {
                            problems.extend(storage::remember_key(&file).err());
                        }
                        problems.extend(download_key(&file).err());
                        let said: Vec<String> = problems.iter().map(|e| t.explain(e)).collect();
                        error.set((!said.is_empty()).then(|| said.join(" ")));
                        on_ready.emit(Rc::new(UnlockedKey { file, key }));
                    }
                    Err(e) => error.set(Some(format!("{}.", capitalise(&e.to_string())))),
                }
                busy.set(false);
            });
        })
    };
    let preview = match (&ente, *is_aler, istat.trim().len()) {
        (Ok(ente), false, _) => Some(ente.display_name()),
        (Err(e), false, 6) => Some(capitalise(e)),
        _ => None,
    };

    html! {
        <form class="card" onsubmit={on_submit} aria-labelledby="key-create-title">
            <h3 id="key-create-title">{ t.key_create_title }</h3>
            <p class="hint">{ t.key_create_note }</p>
            <div class="form-check">
                <input id="key-create-aler" type="checkbox" checked={*is_aler} onchange={on_aler} />
                <label for="key-create-aler">{ t.key_is_aler }</label>
            </div>
            if *is_aler {
                <label class="form-label" for="key-create-aler-name">{ t.aler_name }</label>
                <input class="form-control" id="key-create-aler-name" type="text" value={(*aler_name).clone()} oninput={text_setter(&aler_name)} />
            } else {
                <label class="form-label" for="key-create-istat">{ t.key_istat }</label>
                <input class="form-control" id="key-create-istat" type="text" inputmode="numeric" maxlength="6"
                    value={(*istat).clone()} oninput={text_setter(&istat)} aria-describedby="key-create-istat-name" />
                <p id="key-create-istat-name" class="hint" aria-live="polite">{ preview.unwrap_or_default() }</p>
            }
            <label class="form-label" for="key-create-pass">{ (t.key_new_passphrase)(MIN_PASSPHRASE_CHARS) }</label>
            <input class="form-control" id="key-create-pass" type="password" autocomplete="new-password" value={(*pass).clone()} oninput={text_setter(&pass)} />
            <label class="form-label" for="key-create-pass2">{ t.key_repeat }</label>
            <input class="form-control" id="key-create-pass2" type="password" autocomplete="new-password" value={(*pass2).clone()} oninput={text_setter(&pass2)} />
            <div class="form-check">
                <input id="key-remember" type="checkbox" checked={*remember} onchange={on_remember} />
                <label for="key-remember">{ t.key_remember }</label>
            </div>
            <button type="submit" id="key-create" class="btn btn-primary" disabled={*busy}>
                { if *busy { t.key_creating } else { t.key_create } }
            </button>
            if let Some(e) = &*error { <p id="key-error-create" class="alert alert-danger" role="alert">{ e }</p> }
        </form>
    }
}
