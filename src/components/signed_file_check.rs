//! «Controlla un file firmato digitalmente (.p7m)»: the comune opens the `.p7m` its signing
//! tool made and sees who signed, when, whether the file is intact, whether the certificate
//! was checked against a trusted list, and what the content says, beside its draft. The core
//! decides everything (`signing::content::open_signed_scheda`, `compared_with_draft`); the
//! draft is never touched.

use std::rc::Rc;

use offerta_core::ambiti::{self, Ambito};
use offerta_core::rules::Severity;
use offerta_core::signing::cades::OpenedSigner;
use offerta_core::signing::content::{compared_with_draft, open_signed_scheda, SignedScheda};
use offerta_core::Submission;
use yew::prelude::*;

use super::compila::figure_rows;
use super::{DetailedText, ErrorMessage};
use crate::browser;
use crate::hooks::use_file_import;
use crate::i18n::{use_lang, Lang, Shown};

#[derive(Properties, PartialEq)]
pub struct SignedFileCheckProps {
    /// The draft of this browser: only compared with the file's content.
    pub draft: Rc<Submission>,
    pub ambito: Rc<Ambito>,
}

/// A `.p7m` opened, with the name it was chosen under.
#[derive(PartialEq)]
struct Checked {
    file_name: String,
    scheda: SignedScheda,
}

#[function_component(SignedFileCheck)]
pub fn signed_file_check(props: &SignedFileCheckProps) -> Html {
    let lang = use_lang();
    let x = lang.signed_file();
    let checked = use_state(|| None::<Rc<Checked>>);
    let error = use_state(|| None::<Shown>);
    let on_file = {
        let ambito = props.ambito.clone();
        let on_ok = {
            let (checked, error) = (checked.clone(), error.clone());
            Callback::from(move |c: Rc<Checked>| {
                error.set(None);
                checked.set(Some(c));
            })
        };
        let on_error = {
            let (checked, error) = (checked.clone(), error.clone());
            Callback::from(move |e: Shown| {
                checked.set(None);
                error.set(Some(e));
            })
        };
        // The comune's browser keeps no trusted list: the trust is said as not checked.
        use_file_import(
            move |name, bytes| {
                open_signed_scheda(bytes, &[], &browser::now_rfc3339(), Some(&ambito))
                    .map(|scheda| {
                        Rc::new(Checked {
                            file_name: name.to_owned(),
                            scheda,
                        })
                    })
                    .map_err(|e| e.message())
            },
            on_ok,
            on_error,
        )
    };
    html! {
        <div id="signed-check" class="mt-3">
            <h4 id="signed-check-title">{ x.title }</h4>
            <p id="signed-check-intro">{ x.intro }</p>
            <label class="form-label" for="signed-check-input">{ x.label }</label>
            <input class="form-control" id="signed-check-input" type="file" accept=".p7m,application/pkcs7-mime"
                aria-describedby="signed-check-intro" onchange={on_file} />
            <div aria-live="polite">
                if let Some(e) = &*error {
                    <ErrorMessage id="signed-check-error" message={e.clone()} class="mt-2" />
                }
                if let Some(c) = &*checked {
                    { result(lang, c, &props.draft, &props.ambito) }
                }
            </div>
        </div>
    }
}

/// What the file says, signer by signer, then its content.
fn result(lang: Lang, checked: &Checked, draft: &Submission, ambito: &Ambito) -> Html {
    let x = lang.signed_file();
    let opened = &checked.scheda.opened;
    html! {
        <section id="signed-check-result" class="card p-3 mt-2" aria-labelledby="signed-check-result-title">
            <h5 id="signed-check-result-title">{ (x.result_title)(&checked.file_name) }</h5>
            { for opened.signers.iter().map(|s| signer(lang, s)) }
            <h6 id="signed-check-content-title">{ x.content_title }</h6>
            if opened.intact() {
                { content(lang, &checked.scheda, draft, ambito) }
            } else {
                <p id="signed-check-content" class="alert alert-danger">{ x.content_not_shown }</p>
            }
        </section>
    }
}

fn signer(lang: Lang, opened: &OpenedSigner) -> Html {
    let x = lang.signed_file();
    let said = match &opened.signer {
        None => x.no_certificate.to_owned(),
        Some(s) => {
            let local = opened.signing_time.as_deref().map(browser::local_date_time);
            let when = local.as_deref().and_then(|l| l.split_once(' '));
            let cf = (!s.codice_fiscale.is_empty()).then_some(s.codice_fiscale.as_str());
            (x.signed_by)(&s.nome_cognome, cf, &s.certificatore, when)
        }
    };
    let intact = opened.integrity.is_ok();
    let trusted = matches!(opened.trust, offerta_core::signing::cades::Trust::Trusted);
    html! {
        <div class="signed-check-signer mb-2">
            <p class="signed-check-by fw-bold">{ said }</p>
            <div class={classes!("signed-check-integrity", "alert", if intact { "alert-success" } else { "alert-danger" })}>
                <strong>{ x.integrity }</strong>{ " " }
                <DetailedText message={lang.show(&opened.integrity_described())} />
            </div>
            <div class={classes!("signed-check-trust", "alert", if trusted { "alert-success" } else { "alert-warning" })}>
                <strong>{ x.trust }</strong>{ " " }
                <DetailedText message={lang.show(&opened.trust.described())} />
            </div>
        </div>
    }
}

/// The content: the figures as the receipt shows them, the rules' findings, the draft.
fn content(lang: Lang, scheda: &SignedScheda, draft: &Submission, ambito: &Ambito) -> Html {
    let (t, x) = (lang.texts(), lang.signed_file());
    let s = match &scheda.submission {
        Ok(s) => s,
        Err(e) => {
            return html! {
                <div id="signed-check-content" class="alert alert-danger">
                    <p class="mb-1">{ x.not_a_scheda }</p>
                    <DetailedText message={lang.show(&e.message())} />
                </div>
            }
        }
    };
    let ambito_name = if ambito.id == s.ambito {
        ambito.nome.clone()
    } else {
        ambiti::preset(&s.ambito).map_or_else(|| s.ambito.clone(), |a| a.nome)
    };
    let mut rows = vec![
        (t.r_ente, s.ente.display_name()),
        (t.r_plan, format!("{} - {}", s.anno_piano, ambito_name)),
    ];
    rows.extend(figure_rows(t, s));
    let open: Vec<_> = scheda.report.iter().flat_map(|r| r.open()).collect();
    let same = compared_with_draft(s, draft);
    html! {
        <div id="signed-check-content">
            <table id="signed-check-figures" class="table">
                <caption>{ x.figures_caption }</caption>
                <tbody>{ for rows.iter().map(|(k, v)| html! { <tr><th scope="row">{ *k }</th><td class="mono">{ v }</td></tr> }) }</tbody>
            </table>
            <div id="signed-check-rules">
                if open.is_empty() {
                    <p class="mb-1">{ x.rules_ok }</p>
                } else {
                    <p class="mb-1">{ (x.rules_open)(open.len()) }</p>
                    <ul>
                        { for open.iter().map(|f| html! {
                            <li data-rule={f.rule}>{ format!("{}: {}", if f.severity == Severity::Error { t.error } else { t.warning }, lang.say(&f.message)) }</li>
                        }) }
                    </ul>
                }
            </div>
            <p id="signed-check-draft" class={classes!("alert", if same.is_ok() { "alert-success" } else { "alert-warning" })}>
                { match &same {
                    Ok(()) => x.same_as_draft.to_owned(),
                    Err(why) => (x.not_the_draft)(lang.say(why)),
                } }
            </p>
        </div>
    }
}
