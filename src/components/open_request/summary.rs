//! What an opened request says (who asks, for which ambito and year, by when, the message,
//! the owners), and what the clerk must do about its key.

use offerta_core::request::{deadline_line, KeyStanding, VerifiedRequest};
use offerta_core::text::visible;
use yew::prelude::*;

use crate::browser;
use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub(super) struct SummaryProps {
    pub request: VerifiedRequest,
}

/// Who asks, for which ambito and year, by when (a warning once the day has passed), the
/// capofila's message and how many comuni it names as owners.
#[function_component(RequestSummary)]
pub(super) fn request_summary(props: &SummaryProps) -> Html {
    let lang = use_lang();
    let y = lang.yearly();
    let (request, today) = (&props.request.request, browser::now_rfc3339());
    let late = request.days_left(&today).is_some_and(|d| d < 0);
    html! {
        <>
            <p id="request-from">{
                if props.request.signed_digitally.is_some() {
                    (lang.signed_file().request_from)(&visible(&request.capofila.nome))
                } else {
                    (y.request_from)(&visible(&request.capofila.nome), &props.request.fingerprint)
                }
            }</p>
            <p id="request-for">{ (y.request_for)(&request.ambito.nome, request.anno_piano) }</p>
            <p id="request-deadline" class={if late { "alert alert-warning" } else { "" }}>
                { lang.say(&deadline_line(&request.scadenza, &today)) }
            </p>
            if !request.messaggio.is_empty() {
                <blockquote id="request-message-text" class="blockquote">{ visible(&request.messaggio) }</blockquote>
            }
            <p id="request-owners">{ lang.say(&props.request.owners_line()) }</p>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct KeyCheckProps {
    pub request: VerifiedRequest,
    pub standing: KeyStanding,
    /// Whether the clerk confirmed the fingerprint (a known key needs no confirmation).
    pub confirmed: bool,
    /// Whether the confirmed key was remembered.
    pub kept: bool,
    pub on_confirm: Callback<()>,
}

/// The key's note: until the clerk confirms the fingerprint against the capofila's PEC, what
/// to compare and the button that confirms it; after, whether the key was remembered.
#[function_component(KeyCheck)]
pub(super) fn key_check(props: &KeyCheckProps) -> Html {
    let lang = use_lang();
    let y = lang.yearly();
    if !props.confirmed {
        return html! {
            <div id="request-key-check" class="alert alert-warning">
                <p id="request-key-note">{ lang.say(&props.request.key_note(props.standing)) }</p>
                <button type="button" id="request-key-confirm" class="btn btn-warning"
                    onclick={props.on_confirm.reform(|_: MouseEvent| ())}>{
                        if props.standing == KeyStanding::FirmaDigitale { lang.signed_file().request_confirm } else { y.request_key_confirm }
                    }</button>
                <p class="hint mt-2 mb-0">{ y.request_unconfirmed }</p>
            </div>
        };
    }
    let note = match (props.standing, props.kept) {
        (KeyStanding::Known | KeyStanding::FirmaDigitale, _) => {
            lang.say(&props.request.key_note(props.standing)).to_owned()
        }
        (_, true) => y.request_key_remembered.to_owned(),
        (_, false) => y.request_key_not_kept.to_owned(),
    };
    html! { <p id="request-key-note" class="hint">{ note }</p> }
}
