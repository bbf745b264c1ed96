//! «Scarica la scheda da firmare digitalmente»: the finished submission as the core writes it
//! for a firma digitale (`signing::content::scheda_to_sign`), with how to sign and send it.

use std::rc::Rc;

use offerta_core::ambiti::Ambito;
use offerta_core::rules::Report;
use offerta_core::signing::content::scheda_to_sign;
use offerta_core::Submission;
use yew::prelude::*;

use super::signed_file_check::SignedFileCheck;
use crate::browser::download;
use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct FirmaDigitaleProps {
    pub submission: Rc<Submission>,
    pub report: Rc<Report>,
    pub ambito: Rc<Ambito>,
    /// What to say when the browser refuses the download.
    pub on_message: Callback<String>,
}

/// The download of the scheda to sign with the office's own signing tool, offered once the
/// same checks as for signing in the app pass (`#sign-why` says what is left, above).
#[function_component(FirmaDigitale)]
pub fn firma_digitale(props: &FirmaDigitaleProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let ready = props.report.can_sign();
    let file_name = props.submission.file_name_for_firma_digitale();
    let on_download = {
        let (s, ambito, on_message) = (
            props.submission.clone(),
            props.ambito.clone(),
            props.on_message.clone(),
        );
        Callback::from(move |_| match scheda_to_sign(&s, Some(&ambito)) {
            Ok(scheda) => {
                if let Err(e) =
                    download::save_bytes(&scheda.file_name, "application/json", &scheda.bytes)
                {
                    on_message.emit(t.explain(&e).plain);
                }
            }
            // The button is enabled only when the checks pass; said all the same.
            Err(report) => on_message.emit((t.why_problems)(
                report.errors().count(),
                report.unacknowledged_warnings().count(),
            )),
        })
    };
    let described = if ready {
        "firma-digitale-how"
    } else {
        "firma-digitale-how sign-why"
    };
    html! {
        <div id="firma-digitale" class="card p-3 mt-3">
            <h3>{ t.firma_digitale_title }</h3>
            <p id="firma-digitale-how">{ (t.firma_digitale_how)(&file_name) }</p>
            <button type="button" id="download-to-sign" class="btn btn-outline-primary" disabled={!ready}
                onclick={on_download} aria-describedby={described}>
                { t.firma_digitale_button }
            </button>
            <SignedFileCheck draft={props.submission.clone()} ambito={props.ambito.clone()} />
        </div>
    }
}
