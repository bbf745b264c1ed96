//! Accepting many keys at once: the capofila pastes the fingerprints the entes sent (one per
//! line, or the whole PEC message) and every file waiting for a key whose fingerprint is
//! there is accepted; the page then says what happened to each.

use std::rc::Rc;

use offerta_core::intake::FingerprintPaste;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct PasteFingerprintsProps {
    /// Files waiting for a key now.
    pub waiting: usize,
    /// What the last paste did.
    pub last: Option<Rc<FingerprintPaste>>,
    pub on_paste: Callback<String>,
}

#[function_component(PasteFingerprints)]
pub fn paste_fingerprints(props: &PasteFingerprintsProps) -> Html {
    let t = use_lang().texts();
    let text = use_state(String::new);
    if props.waiting == 0 && props.last.is_none() {
        return html! {};
    }
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_click = {
        let (text, on_paste) = (text.clone(), props.on_paste.clone());
        Callback::from(move |_| on_paste.emit((*text).clone()))
    };
    html! {
        <div id="paste-fingerprints" class="no-print mb-3">
            <label class="form-label" for="fingerprints-text">{ t.paste_label }</label>
            <p class="hint" id="fingerprints-hint">{ t.paste_hint }</p>
            <textarea id="fingerprints-text" class="form-control" rows="2" value={(*text).clone()}
                oninput={on_input} aria-describedby="fingerprints-hint" />
            <button type="button" id="fingerprints-accept" class="btn btn-primary mt-2" onclick={on_click}
                disabled={text.trim().is_empty()}>{ t.paste_accept }</button>
            if let Some(paste) = &props.last {
                <PasteOutcome paste={paste.clone()} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PasteOutcomeProps {
    paste: Rc<FingerprintPaste>,
}

/// What the paste did: the entes accepted, the files still waiting (with the fingerprint to
/// ask for), the files signed with a key other than the registered one, the fingerprints
/// that match no file.
#[function_component(PasteOutcome)]
fn paste_outcome(props: &PasteOutcomeProps) -> Html {
    let t = use_lang().texts();
    let p = &props.paste;
    html! {
        <div id="paste-outcome" role="status" class="mt-2">
            <p id="paste-accepted">{ (t.paste_accepted)(p.accepted.len()) }</p>
            if !p.accepted.is_empty() {
                <ul>{ for p.accepted.iter().map(|k| html! { <li>{ format!("{} - {}", k.ente, k.fingerprint) }</li> }) }</ul>
            }
            if !p.still_waiting.is_empty() {
                <p>{ (t.paste_still_waiting)(p.still_waiting.len()) }</p>
                <ul id="paste-still-waiting">
                    { for p.still_waiting.iter().map(|f| html! { <li>{ format!("{} ({}): {}", f.ente, f.name, f.fingerprint) }</li> }) }
                </ul>
            }
            if !p.key_mismatch.is_empty() {
                <p>{ t.paste_key_mismatch }</p>
                <ul id="paste-key-mismatch">
                    { for p.key_mismatch.iter().map(|f| html! { <li>{ format!("{} ({}): {}", f.ente, f.name, f.fingerprint) }</li> }) }
                </ul>
            }
            if !p.unmatched.is_empty() {
                <p id="paste-unmatched">{ (t.paste_unmatched)(&p.unmatched.join(", ")) }</p>
            }
        </div>
    }
}
