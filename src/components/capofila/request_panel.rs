//! The capofila's request to the comuni: deadline, contact and message, signed with the
//! capofila's key and downloaded to send by PEC; or a request sent before, opened again. The
//! request is composed and checked by the core (`Request::compose`).

use std::rc::Rc;

use offerta_core::intake::Intake;
use offerta_core::request::{
    capofila_sender, read_request, read_sent_request, Request, RequestSender, VerifiedRequest,
};
use offerta_core::submission::Ente;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::browser::{self, download, storage};
use crate::components::inputs::typed;
use crate::components::KeyPanel;
use crate::hooks::use_file_import;
use crate::i18n::{use_lang, Lang, Shown};
use crate::state::UnlockedKey;

#[derive(Properties, PartialEq)]
pub struct RequestPanelProps {
    pub intake: Intake,
    pub signing_key: Option<Rc<UnlockedKey>>,
    pub on_key_ready: Callback<Rc<UnlockedKey>>,
    pub on_request: Callback<VerifiedRequest>,
    pub on_message: Callback<Shown>,
    /// Whether the key is opened here: not while the plan's exports show their own panel
    /// (one key panel per page, one key for both).
    pub key_panel_here: bool,
}

/// What the capofila types into the request, as it types it.
#[derive(Clone)]
struct RequestInputs {
    deadline: UseStateHandle<String>,
    referente: UseStateHandle<String>,
    contatto: UseStateHandle<String>,
    message: UseStateHandle<String>,
}

/// The request's inputs: empty, and the default message for the plan `year`.
#[hook]
fn use_request_inputs(year: u16) -> RequestInputs {
    let y = use_lang().yearly();
    RequestInputs {
        deadline: use_state(String::new),
        referente: use_state(String::new),
        contatto: use_state(String::new),
        message: use_state(move || (y.request_default_message)(year)),
    }
}

/// The request composed from what the capofila typed, checked, signed now with `key`,
/// downloaded and kept in this browser: what to say, and the request as the comuni will read
/// it; or why not.
fn sign_request(
    intake: &Intake,
    key: &UnlockedKey,
    inputs: &RequestInputs,
    lang: Lang,
) -> Result<(String, VerifiedRequest), Shown> {
    let y = lang.yearly();
    let sender = RequestSender {
        nome: key.file.ente.clone(),
        codice_istat: key.file.ente_id.clone(),
        referente: (*inputs.referente).clone(),
        contatto: (*inputs.contatto).clone(),
    };
    let request = Request::compose(
        intake.ambito(),
        intake.year(),
        sender,
        &inputs.deadline,
        &inputs.message,
    )
    .map_err(|why| Shown::from(lang.say(&why)))?;
    let now = browser::now_rfc3339();
    request
        .check_before_signing(&now)
        .map_err(|why| Shown::from(lang.say(&why)))?;
    let text = request.signed(&key.key, &now);
    let verified = read_request(text.as_bytes(), None).expect("a request signed here verifies");
    let name = format!(
        "richiesta-offerta-abitativa_{}_{}.json",
        intake.ambito().id,
        intake.year()
    );
    download::save_text(&name, "application/json", &text).map_err(|e| lang.texts().explain(&e))?;
    let kept = storage::save_sent_request(&intake.ambito().id, intake.year(), &text);
    let mut said = (y.request_signed)(&name);
    if !kept {
        said = format!("{said} {}", y.request_not_kept);
    }
    Ok((said, verified))
}

/// The request composed from what the capofila typed, for its firma digitale: the ambito's
/// capofila as sender (no key names it), the same checks as for signing it in the app, its
/// JSON without the app's proof downloaded; what to say, or why not.
fn download_to_sign_digitally(
    intake: &Intake,
    inputs: &RequestInputs,
    lang: Lang,
) -> Result<String, Shown> {
    let say = |why: offerta_core::text::Bilingual| Shown::from(lang.say(&why));
    let sender =
        capofila_sender(intake.ambito(), &inputs.referente, &inputs.contatto).map_err(say)?;
    let request = Request::compose(
        intake.ambito(),
        intake.year(),
        sender,
        &inputs.deadline,
        &inputs.message,
    )
    .map_err(say)?;
    let bytes = request
        .to_sign_digitally(&browser::now_rfc3339())
        .map_err(say)?;
    let name = format!(
        "richiesta-offerta-abitativa_{}_{}_per-firma-digitale.json",
        intake.ambito().id,
        intake.year()
    );
    download::save_bytes(&name, "application/json", &bytes)
        .map_err(|e| lang.texts().explain(&e))?;
    Ok((lang.signed_file().request_saved)(&name))
}

/// The key panel goes once the key is open, and the focus with it: the keyboard user is put
/// on the next step, the sign button.
#[hook]
fn use_focus_on_sign(has_key: bool) {
    let had_key = use_mut_ref(|| has_key);
    use_effect_with(has_key, move |has_key| {
        if *has_key && !*had_key.borrow() {
            use wasm_bindgen::JsCast;
            // A button is focusable as it is (browser::focus_first would take it out of the
            // Tab order).
            if let Some(button) = gloo::utils::document()
                .get_element_by_id("request-sign")
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        }
        *had_key.borrow_mut() = *has_key;
    });
}

#[function_component(RequestPanel)]
pub fn request_panel(props: &RequestPanelProps) -> Html {
    let lang = use_lang();
    let y = lang.yearly();
    let inputs = use_request_inputs(props.intake.year());
    let RequestInputs {
        deadline,
        referente,
        contatto,
        message,
    } = inputs.clone();
    let on_message_input = {
        let message = message.clone();
        Callback::from(move |e: InputEvent| {
            message.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_download_to_sign = {
        let (intake, inputs, on_message) = (
            props.intake.clone(),
            inputs.clone(),
            props.on_message.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            on_message.emit(match download_to_sign_digitally(&intake, &inputs, lang) {
                Ok(said) => said.into(),
                Err(why) => why,
            })
        })
    };
    let on_sign = props.signing_key.clone().map(|key| {
        let (intake, on_request, on_message) = (
            props.intake.clone(),
            props.on_request.clone(),
            props.on_message.clone(),
        );
        Callback::from(
            move |_: MouseEvent| match sign_request(&intake, &key, &inputs, lang) {
                Ok((said, verified)) => {
                    on_message.emit(said.into());
                    on_request.emit(verified);
                }
                Err(why) => on_message.emit(why),
            },
        )
    });
    use_focus_on_sign(props.signing_key.is_some());
    // A request sent before, signed in the app or with the capofila's firma digitale (read by
    // the core against the trusted list loaded, as the CLI reads it).
    let anchors = props.intake.anchors().clone();
    let on_load = use_file_import(
        move |_: &str, bytes: &[u8]| read_sent_request(bytes, &anchors, &browser::now_rfc3339()),
        props.on_request.clone(),
        props.on_message.clone(),
    );
    html! {
        <details id="request-panel" class="no-print mb-3">
            <summary>{ y.request_title }</summary>
            <p>{ y.request_intro }</p>
            if let Some(r) = props.intake.request() {
                <p id="request-current" class="alert alert-info">
                    { (y.request_current)(&offerta_core::text::day_of(&r.request.scadenza), lang.say(&r.signed_with())) }
                </p>
            }
            <div class="row g-3">
                <div class="col-12 col-md-4">
                    <label class="form-label" for="request-deadline">{ y.request_deadline }</label>
                    <input class="form-control" id="request-deadline" type="date" value={(*deadline).clone()} oninput={typed(&deadline)} />
                </div>
                <div class="col-12 col-md-4">
                    <label class="form-label" for="request-referente">{ y.request_referente }</label>
                    <input class="form-control" id="request-referente" type="text" value={(*referente).clone()} oninput={typed(&referente)} />
                </div>
                <div class="col-12 col-md-4">
                    <label class="form-label" for="request-contatto">{ y.request_contatto }</label>
                    <input class="form-control" id="request-contatto" type="text" value={(*contatto).clone()} oninput={typed(&contatto)} />
                </div>
            </div>
            <label class="form-label mt-2" for="request-message">{ y.request_message }</label>
            <textarea class="form-control" id="request-message" rows="3" value={(*message).clone()} oninput={on_message_input} />
            if let Some(on_sign) = on_sign {
                <button type="button" id="request-sign" class="btn btn-primary mt-2" onclick={on_sign}>{ y.request_sign }</button>
            } else {
                <RequestNeedsKey intake={props.intake.clone()} on_key_ready={props.on_key_ready.clone()}
                    key_panel_here={props.key_panel_here} />
            }
            <p id="request-p7m-how" class="mt-3 mb-1">{ lang.signed_file().request_download_how }</p>
            <button type="button" id="request-download-to-sign" class="btn btn-outline-primary"
                aria-describedby="request-p7m-how" onclick={on_download_to_sign}>{ lang.signed_file().request_download }</button>
            <div class="mt-3">
                <label class="form-label" for="request-load">{ y.request_load }</label>
                <input class="form-control" id="request-load" type="file" accept=".json,.p7m,application/json,application/pkcs7-mime" onchange={on_load} />
            </div>
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct NeedsKeyProps {
    intake: Intake,
    on_key_ready: Callback<Rc<UnlockedKey>>,
    key_panel_here: bool,
}

/// No key open: the capofila opens or creates its own here, or (with the plan's exports
/// showing theirs) below.
#[function_component(RequestNeedsKey)]
fn request_needs_key(props: &NeedsKeyProps) -> Html {
    let y = use_lang().yearly();
    let capofila = props
        .intake
        .ambito()
        .capofila_code()
        .and_then(|c| Ente::comune(&c.to_string()).ok());
    html! {
        <>
            <p class="mt-2" id="request-needs-key">{ if props.key_panel_here { y.request_needs_key } else { y.request_key_below } }</p>
            if props.key_panel_here {
                <KeyPanel current={None::<Rc<UnlockedKey>>} on_ready={props.on_key_ready.clone()} for_ente={capofila} />
            }
        </>
    }
}
