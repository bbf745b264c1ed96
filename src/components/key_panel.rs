//! The ente's signing key: create it (encrypted with a passphrase, saved as a file and
//! optionally in this browser) or open it again, and show its fingerprint.

use std::rc::Rc;

use offerta_core::signing::keyfile::{KdfParams, MIN_PASSPHRASE_CHARS};
use offerta_core::signing::KeyFile;
use offerta_core::submission::Ente;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::inputs::{ticked, typed};
use super::DetailedText;
use crate::browser::{self, download, storage};
use crate::format::capitalise;
use crate::hooks::use_file_import;
use crate::i18n::use_lang;
use crate::state::UnlockedKey;

#[derive(Properties, PartialEq)]
pub struct KeyPanelProps {
    pub current: Option<Rc<UnlockedKey>>,
    pub on_ready: Callback<Rc<UnlockedKey>>,
    /// The ente whose key is wanted (the draft's, the capofila): a new key starts for it, so
    /// a typo cannot make a key for another comune.
    #[prop_or_default]
    pub for_ente: Option<Ente>,
}

/// A key file chosen from disk.
fn read_key_file(_: &str, bytes: &[u8]) -> Result<KeyFile, offerta_core::text::Bilingual> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        offerta_core::text::Bilingual::new(
            "non è un file di chiave (non è testo)",
            "not a key file (not text)",
        )
    })?;
    KeyFile::from_json(text).map_err(|e| e.message())
}

/// A key created for `ente`, remembered in this browser if asked and offered as a file; what
/// could not be done (remembering, downloading) is listed beside the key.
fn create_key(
    ente: &Ente,
    pass: &str,
    remember: bool,
) -> Result<(UnlockedKey, Vec<browser::BrowserError>), offerta_core::signing::KeyFileError> {
    let (file, key) = KeyFile::create(
        &ente.display_name(),
        &ente.id(),
        pass,
        &browser::now_rfc3339(),
        KdfParams::default(),
    )?;
    let mut problems = Vec::new();
    if remember {
        problems.extend(storage::remember_key(&file).err());
    }
    problems.extend(download_key(&file).err());
    Ok((UnlockedKey { file, key }, problems))
}

/// The passphrase work (a second or so on an old PC) runs once the busy state is painted;
/// its message, if any, is shown after.
fn in_background(
    busy: &UseStateHandle<bool>,
    error: &UseStateHandle<Option<String>>,
    work: impl FnOnce() -> Option<String> + 'static,
) {
    busy.set(true);
    let (busy, error) = (busy.clone(), error.clone());
    after_paint(move || {
        error.set(work());
        busy.set(false);
    });
}

/// A message from the core as a sentence in the page's language.
fn sentence(lang: crate::i18n::Lang, m: &offerta_core::text::Bilingual) -> String {
    format!("{}.", capitalise(lang.say(m)))
}

fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn key_file_name(file: &KeyFile) -> String {
    // The name says what the file is: it stays in the office and is never sent.
    format!(
        "CHIAVE-PRIVATA-NON-INVIARE_{}.json",
        file.ente_id.replace(':', "-")
    )
}

fn download_key(file: &KeyFile) -> Result<(), browser::BrowserError> {
    download::save_text(
        &key_file_name(file),
        "application/json",
        &file.to_file_json(),
    )
}

/// The keys remembered in this browser the panel offers: those of `ente_id` when the panel
/// is for one ente (Soncino's draft offers no key of Castelleone's), else every one; in the
/// stored order, newest last.
pub fn keys_offered(stored: Vec<KeyFile>, ente_id: Option<&str>) -> Vec<KeyFile> {
    match ente_id {
        Some(id) => stored.into_iter().filter(|k| k.ente_id == id).collect(),
        None => stored,
    }
}

/// The passphrase work of opening `file` with `pass`: the key to `on_ready`, or what to say.
fn unlock(
    file: KeyFile,
    pass: String,
    on_ready: Callback<Rc<UnlockedKey>>,
    lang: crate::i18n::Lang,
) -> impl FnOnce() -> Option<String> {
    move || match file.unlock(&pass) {
        Ok(key) => {
            on_ready.emit(Rc::new(UnlockedKey { file, key }));
            None
        }
        Err(e) => Some(sentence(lang, &e.message())),
    }
}

/// The passphrase work of creating a key for `ente` ([`create_key`]): the key to `on_ready`
/// and what could not be done to `on_note` (`to`), or what to say.
fn create(
    ente: Ente,
    pass: String,
    remember: bool,
    to: (Callback<Rc<UnlockedKey>>, Callback<Option<String>>),
    lang: crate::i18n::Lang,
) -> impl FnOnce() -> Option<String> {
    let (on_ready, on_note) = to;
    move || {
        let (key, problems) = match create_key(&ente, &pass, remember) {
            Ok(created) => created,
            Err(e) => return Some(sentence(lang, &e.message())),
        };
        // Said by the panel: this form gives way to the key ready.
        let said: Vec<String> = problems.iter().map(|e| lang.texts().explain(e)).collect();
        on_note.emit((!said.is_empty()).then(|| said.join(" ")));
        on_ready.emit(Rc::new(key));
        None
    }
}

/// What the form starts with for the ente whose key is wanted: its ISTAT code (a comune) and
/// its name (the ALER).
fn typed_for(ente: Option<&Ente>) -> (String, String) {
    match ente {
        Some(Ente::Comune { istat, .. }) => (istat.to_string(), String::new()),
        Some(Ente::Aler { nome, .. }) => (String::new(), nome.clone()),
        None => (String::new(), String::new()),
    }
}

/// Whose the ISTAT code typed is (the comune's name), or, once it has six digits, why it
/// names no comune.
fn istat_preview(
    ente: &Result<Ente, offerta_core::text::Bilingual>,
    istat: &str,
    lang: crate::i18n::Lang,
) -> Option<String> {
    match (ente, istat.trim().len()) {
        (Ok(ente), _) => Some(ente.display_name()),
        (Err(e), 6) => Some(capitalise(lang.say(e))),
        _ => None,
    }
}

/// Runs `work` after the browser has painted the "in corso" state: Argon2id takes a moment.
fn after_paint(work: impl FnOnce() + 'static) {
    gloo::timers::callback::Timeout::new(30, work).forget();
}

#[function_component(KeyPanel)]
pub fn key_panel(props: &KeyPanelProps) -> Html {
    // What could not be done with a key just created (remembering it, downloading it): kept
    // here, so it is still said once the panel shows the key ready.
    let note = use_state(|| None::<String>);
    let on_note = {
        let note = note.clone();
        Callback::from(move |n| note.set(n))
    };
    let panel = match &props.current {
        Some(key) => html! { <KeyReadyView unlocked={key.clone()} /> },
        None => html! {
            <div class="key-panel">
                <OpenKeyForm on_ready={props.on_ready.clone()} for_ente={props.for_ente.clone()} />
                <CreateKeyForm on_ready={props.on_ready.clone()} for_ente={props.for_ente.clone()} {on_note} />
            </div>
        },
    };
    html! {
        <>
            { panel }
            if let Some(n) = &*note {
                <div id="key-note" class="alert alert-warning" role="alert"><DetailedText message={n.clone()} /></div>
            }
        </>
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
    let lang = use_lang();
    let t = lang.texts();
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
            <p id="key-keep" class="hint">{ t.key_keep_hint }</p>
            if let Some(e) = &*error { <p class="alert alert-danger" role="alert">{ e }</p> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    on_ready: Callback<Rc<UnlockedKey>>,
    #[prop_or_default]
    for_ente: Option<Ente>,
    /// What could not be done with the key created, said by the panel.
    #[prop_or_default]
    on_note: Callback<Option<String>>,
}

#[function_component(OpenKeyForm)]
fn open_key_form(props: &FormProps) -> Html {
    let ente_id = props.for_ente.as_ref().map(Ente::id);
    let stored = use_memo(ente_id, |id| {
        keys_offered(storage::stored_keys(), id.as_deref())
    });
    let lang = use_lang();
    let t = lang.texts();
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
        let (chosen, cleared) = (chosen.clone(), error.clone());
        let on_key = Callback::from(move |key: KeyFile| {
            chosen.set(Some(key));
            cleared.set(None);
        });
        let error = error.clone();
        use_file_import(
            read_key_file,
            on_key,
            Callback::from(move |m| error.set(Some(m))),
        )
    };
    let on_submit = {
        let (chosen, passphrase) = (chosen.clone(), passphrase.clone());
        let (error, busy, on_ready) = (error.clone(), busy.clone(), props.on_ready.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(file) = (*chosen).clone() else {
                return error.set(Some(t.key_choose_file.into()));
            };
            let work = unlock(file, (*passphrase).clone(), on_ready.clone(), lang);
            in_background(&busy, &error, work);
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
                value={(*passphrase).clone()} oninput={typed(&passphrase)}
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
    let is_aler = use_state(|| matches!(props.for_ente, Some(Ente::Aler { .. })));
    let istat = use_state(|| typed_for(props.for_ente.as_ref()).0);
    let aler_name = use_state(|| typed_for(props.for_ente.as_ref()).1);
    let pass = use_state(String::new);
    let pass2 = use_state(String::new);
    let remember = use_state(|| true);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let lang = use_lang();
    let t = lang.texts();

    let ente = if *is_aler {
        Ente::aler(&aler_name)
    } else {
        Ente::comune(&istat)
    };
    let on_submit = {
        let (ente, pass, pass2, remember) =
            (ente.clone(), pass.clone(), pass2.clone(), remember.clone());
        let (error, busy, on_ready) = (error.clone(), busy.clone(), props.on_ready.clone());
        let on_note = props.on_note.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let ente = match &ente {
                Ok(ente) => ente.clone(),
                Err(e) => return error.set(Some(sentence(lang, e))),
            };
            if *pass != *pass2 {
                return error.set(Some(t.key_mismatch.into()));
            }
            let work = create(
                ente,
                (*pass).clone(),
                *remember,
                (on_ready.clone(), on_note.clone()),
                lang,
            );
            in_background(&busy, &error, work);
        })
    };
    let preview = (!*is_aler)
        .then(|| istat_preview(&ente, &istat, lang))
        .flatten();

    html! {
        <form class="card" onsubmit={on_submit} aria-labelledby="key-create-title">
            <h3 id="key-create-title">{ t.key_create_title }</h3>
            <p class="hint">{ t.key_create_note }</p>
            <div class="form-check">
                <input id="key-create-aler" type="checkbox" checked={*is_aler} onchange={ticked(&is_aler)} />
                <label for="key-create-aler">{ t.key_is_aler }</label>
            </div>
            if *is_aler {
                <label class="form-label" for="key-create-aler-name">{ t.aler_name }</label>
                <input class="form-control" id="key-create-aler-name" type="text" value={(*aler_name).clone()} oninput={typed(&aler_name)} />
            } else {
                <label class="form-label" for="key-create-istat">{ t.key_istat }</label>
                <input class="form-control" id="key-create-istat" type="text" inputmode="numeric" maxlength="6"
                    value={(*istat).clone()} oninput={typed(&istat)} aria-describedby="key-create-istat-name" />
                <p id="key-create-istat-name" class="hint" aria-live="polite">{ preview.unwrap_or_default() }</p>
            }
            <label class="form-label" for="key-create-pass">{ (t.key_new_passphrase)(MIN_PASSPHRASE_CHARS) }</label>
            <input class="form-control" id="key-create-pass" type="password" autocomplete="new-password" value={(*pass).clone()} oninput={typed(&pass)} />
            <label class="form-label" for="key-create-pass2">{ t.key_repeat }</label>
            <input class="form-control" id="key-create-pass2" type="password" autocomplete="new-password" value={(*pass2).clone()} oninput={typed(&pass2)} />
            <div class="form-check">
                <input id="key-remember" type="checkbox" checked={*remember} onchange={ticked(&remember)} />
                <label for="key-remember">{ t.key_remember }</label>
            </div>
            <button type="submit" id="key-create" class="btn btn-primary" disabled={*busy}>
                { if *busy { t.key_creating } else { t.key_create } }
            </button>
            if let Some(e) = &*error { <p id="key-error-create" class="alert alert-danger" role="alert">{ e }</p> }
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(ente_id: &str) -> KeyFile {
        offerta_core::demo::fixture_key_file(ente_id)
    }

    #[test]
    fn a_drafts_key_panel_offers_only_the_drafts_entes_keys() {
        // Soncino's key, then Castelleone's (remembered last).
        let stored = vec![key("019097"), key("019025")];
        let offered = keys_offered(stored.clone(), Some("019097"));
        assert_eq!(offered, [stored[0].clone()]);
        assert!(keys_offered(stored.clone(), Some("019035")).is_empty());
        assert_eq!(keys_offered(stored.clone(), None), stored);
    }
}
