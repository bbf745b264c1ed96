//! The capofila's request to the comuni: deadline, contact and message, signed with the
//! capofila's key and downloaded to send by PEC; or a request sent before, opened again. The
//! request is composed and checked by the core (`Request::compose`).

use std::rc::Rc;

use offerta_core::intake::Intake;
use offerta_core::request::{read_request, Request, RequestSender, VerifiedRequest};
use offerta_core::submission::Ente;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::browser::{self, download, storage};
use crate::components::inputs::typed;
use crate::components::KeyPanel;
use crate::hooks::use_file_import;
use crate::i18n::use_lang;
use crate::state::UnlockedKey;

#[derive(Properties, PartialEq)]
pub struct RequestPanelProps {
    pub intake: Intake,
    pub signing_key: Option<Rc<UnlockedKey>>,
    pub on_key_ready: Callback<Rc<UnlockedKey>>,
    pub on_request: Callback<VerifiedRequest>,
    pub on_message: Callback<String>,
    /// Whether the key is opened here: not while the plan's exports show their own panel
    /// (one key panel per page, one key for both).
    pub key_panel_here: bool,
}

/// A request file opened again: any request that verifies (the capofila's own).
fn read_sent_request(
    _: &str,
    bytes: &[u8],
) -> Result<VerifiedRequest, offerta_core::text::Bilingual> {
    read_request(bytes, None)
}

#[function_component(RequestPanel)]
pub fn request_panel(props: &RequestPanelProps) -> Html {
    let lang = use_lang();
    let y = lang.yearly();
    let deadline = use_state(String::new);
    let referente = use_state(String::new);
    let contatto = use_state(String::new);
    let year = props.intake.year();
    let message = use_state(move || (y.request_default_message)(year));
    let on_message_input = {
        let message = message.clone();
        Callback::from(move |e: InputEvent| {
            message.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_sign = props.signing_key.clone().map(|key| {
        let (intake, on_request, on_message) = (
            props.intake.clone(),
            props.on_request.clone(),
            props.on_message.clone(),
        );
        let (deadline, referente, contatto, message) = (
            deadline.clone(),
            referente.clone(),
            contatto.clone(),
            message.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let sender = RequestSender {
                nome: key.file.ente.clone(),
                codice_istat: key.file.ente_id.clone(),
                referente: (*referente).clone(),
                contatto: (*contatto).clone(),
            };
            let composed =
                Request::compose(intake.ambito(), intake.year(), sender, &deadline, &message);
            let request = match composed {
                Ok(r) => r,
                Err(why) => return on_message.emit(lang.say(&why).to_owned()),
            };
            let now = browser::now_rfc3339();
            if let Err(why) = request.check_before_signing(&now) {
                return on_message.emit(lang.say(&why).to_owned());
            }
            let text = request.signed(&key.key, &now);
            let verified =
                read_request(text.as_bytes(), None).expect("a request signed here verifies");
            let name = format!(
                "richiesta-offerta-abitativa_{}_{}.json",
                intake.ambito().id,
                intake.year()
            );
            if let Err(e) = download::save_text(&name, "application/json", &text) {
                return on_message.emit(lang.texts().explain(&e));
            }
            let kept = storage::save_sent_request(&intake.ambito().id, intake.year(), &text);
            let mut said = (y.request_signed)(&name);
            if !kept {
                said = format!("{said} {}", y.request_not_kept);
            }
            on_message.emit(said);
            on_request.emit(verified);
        })
    });
    // The key panel goes once the key is open, and the focus with it: the keyboard user is
    // put on the next step, the sign button.
    let had_key = use_mut_ref(|| props.signing_key.is_some());
    use_effect_with(props.signing_key.is_some(), move |has_key| {
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
    let on_load = use_file_import(
        read_sent_request,
        props.on_request.clone(),
        props.on_message.clone(),
    );
    let capofila = props
        .intake
        .ambito()
        .capofila_code()
        .and_then(|c| Ente::comune(&c.to_string()).ok());
    html! {
        <details id="request-panel" class="no-print mb-3">
            <summary>{ y.request_title }</summary>
            <p>{ y.request_intro }</p>
            if let Some(r) = props.intake.request() {
                <p id="request-current" class="alert alert-info">
                    { (y.request_current)(&offerta_core::text::day_of(&r.request.scadenza), &r.fingerprint) }
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
                <p class="mt-2" id="request-needs-key">{ if props.key_panel_here { y.request_needs_key } else { y.request_key_below } }</p>
                if props.key_panel_here {
                    <KeyPanel current={None::<Rc<UnlockedKey>>} on_ready={props.on_key_ready.clone()} for_ente={capofila} />
                }
            }
            <div class="mt-3">
                <label class="form-label" for="request-load">{ y.request_load }</label>
                <input class="form-control" id="request-load" type="file" accept=".json,application/json" onchange={on_load} />
            </div>
        </details>
    }
}
