//! "Compila la scheda dell'ente": choose the ente, fill the form with instant checks, keep
//! the draft safe, sign and download the file, print the receipt.

use std::rc::Rc;

use offerta_core::ambiti::{self, Ambito};
use offerta_core::carry_forward;
use offerta_core::comuni::{self, IstatCode};
use offerta_core::receipt::Receipt;
use offerta_core::signing::sign_submission;
use offerta_core::submission::Ente;
use offerta_core::{reader, validate, Submission};
use yew::prelude::*;

use super::firma_digitale::FirmaDigitale;
use super::form::{dom_id, DraftForm, Options};
use super::inputs::{chosen, typed};
use super::{DetailedText, KeyPanel};
use crate::browser::{self, download, storage};
use crate::format;
use crate::hooks::use_file_import;
use crate::i18n::{use_lang, Lang, Shown, Texts};
use crate::state::{Action, AppState, ChangeTime, DraftChange, DraftState, UnlockedKey};

#[derive(Properties, PartialEq)]
pub struct CompilaProps {
    pub draft: Option<DraftState>,
    pub dispatch: UseReducerDispatcher<AppState>,
    pub signing_key: Option<Rc<UnlockedKey>>,
    pub on_key_ready: Callback<Rc<UnlockedKey>>,
    pub default_year: u16,
}

#[function_component(CompilaScreen)]
pub fn compila_screen(props: &CompilaProps) -> Html {
    let t = use_lang().texts();
    html! {
        <section aria-labelledby="compila-title">
            <h1 id="compila-title">{ t.compila_title }</h1>
            { match &props.draft {
                None => html! { <StartForm dispatch={props.dispatch.clone()} default_year={props.default_year} /> },
                Some(draft) => html! {
                    <DraftView draft={draft.clone()} dispatch={props.dispatch.clone()}
                        signing_key={props.signing_key.clone()} on_key_ready={props.on_key_ready.clone()} />
                },
            } }
        </section>
    }
}

/// A new, empty submission of the ente chosen, or why not in the page's language.
fn new_submission(
    ambito: &Ambito,
    ente_choice: &str,
    aler_name: &str,
    year: &str,
    lang: Lang,
) -> Result<Submission, String> {
    let t = lang.texts();
    let ente = if ente_choice == "aler" {
        Ente::aler(aler_name)
    } else {
        Ente::comune(ente_choice)
    };
    let ente = match ente {
        Ok(e) => e,
        Err(_) if ente_choice.is_empty() => return Err(t.choose_ente.into()),
        Err(e) => return Err(lang.say(&e).to_owned()),
    };
    let Ok(year) = year.trim().parse::<u16>() else {
        return Err(t.year_format.into());
    };
    Ok(Submission::new(year, &ambito.id, ente))
}

#[derive(Properties, PartialEq)]
struct AnsweredRequestProps {
    asked: offerta_core::submission::RequestRef,
}

/// The request the draft answers, and its deadline: a count of days before it, a warning
/// after it (the submission can still be signed and sent).
#[function_component(AnsweredRequest)]
fn answered_request(props: &AnsweredRequestProps) -> Html {
    let lang = use_lang();
    let today = browser::now_rfc3339();
    let late = props.asked.days_left(&today).is_some_and(|d| d < 0);
    html! {
        <div id="answered-request" class={if late { "alert alert-warning" } else { "alert alert-info" }}>
            <p class="mb-1">{ (lang.yearly().answering)(&props.asked.capofila) }</p>
            <p id="request-deadline-line" class="mb-0">{ lang.say(&props.asked.deadline_line(&today)) }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct StoredDraftsProps {
    /// The drafts kept in this browser, and the keys of those that no longer read.
    drafts: Rc<(Vec<Submission>, Vec<String>)>,
    open: Callback<Submission>,
}

/// The drafts kept in this browser, each a button that opens it again.
#[function_component(StoredDrafts)]
fn stored_drafts(props: &StoredDraftsProps) -> Html {
    let t = use_lang().texts();
    let (stored, open) = (&props.drafts, &props.open);
    html! {
        <>
            if !stored.0.is_empty() {
                <h2>{ t.resume_title }</h2>
                <ul id="stored-drafts">
                    { for stored.0.iter().map(|s| {
                        let (open, s2) = (open.clone(), s.clone());
                        html! { <li><button type="button" class="btn btn-link resume-draft" onclick={Callback::from(move |_| open.emit(s2.clone()))}>
                            { (t.plan_of)(&s.ente.display_name(), s.anno_piano) }
                        </button></li> }
                    }) }
                </ul>
            }
            if !stored.1.is_empty() {
                <p id="unreadable-drafts" class="alert alert-danger" role="alert">{ (t.unreadable_drafts)(stored.1.len()) }</p>
            }
        </>
    }
}

/// Opens a submission in the form; a draft kept in this browser for the same ente and year
/// wins over a new empty one.
pub(crate) fn draft_opener(
    dispatch: UseReducerDispatcher<AppState>,
    presets: Rc<Vec<Ambito>>,
) -> Callback<Submission> {
    Callback::from(move |s: Submission| {
        // A capofila's own ambito came with its request and was kept in this browser.
        let ambito = presets
            .iter()
            .find(|a| a.id == s.ambito)
            .cloned()
            .or_else(|| storage::kept_ambito(&s.ambito))
            .unwrap_or_else(|| presets[0].clone());
        let s = storage::load_draft(&s.draft_key()).unwrap_or(s);
        dispatch.dispatch(Action::OpenDraft {
            submission: Box::new(s),
            ambito,
            hh_mm: browser::local_hh_mm(),
        });
    })
}

#[derive(Properties, PartialEq)]
struct StartProps {
    dispatch: UseReducerDispatcher<AppState>,
    default_year: u16,
}

/// Who fills the form: an ambito, a comune of it or the ALER, a plan year. Drafts kept in
/// this browser are offered first.
#[function_component(StartForm)]
fn start_form(props: &StartProps) -> Html {
    let presets = use_memo((), |_| ambiti::presets());
    let ambito_id = use_state(|| "crema".to_owned());
    let ente_choice = use_state(String::new);
    let aler_name = use_state(|| "ALER Brescia-Cremona-Mantova".to_owned());
    let year = use_state(|| props.default_year.to_string());
    let error = use_state(|| None::<Shown>);
    let stored = use_memo((), |_| storage::stored_drafts());
    let lang = use_lang();
    let t = lang.texts();

    let ambito = presets
        .iter()
        .find(|a| a.id == *ambito_id)
        .cloned()
        .unwrap_or_else(|| presets[0].clone());
    let open = draft_opener(props.dispatch.clone(), presets.clone());
    let on_start = {
        let (ambito, ente_choice, aler_name, year, error, open) = (
            ambito.clone(),
            ente_choice.clone(),
            aler_name.clone(),
            year.clone(),
            error.clone(),
            open.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match new_submission(&ambito, &ente_choice, &aler_name, &year, lang) {
                Ok(s) => open.emit(s),
                Err(why) => error.set(Some(why.into())),
            }
        })
    };
    let on_error = {
        let error = error.clone();
        Callback::from(move |m| error.set(Some(m)))
    };
    html! {
        <>
            <StoredDrafts drafts={stored.clone()} open={open.clone()} />
            <form id="start-form" class="card" onsubmit={on_start}>
                <h2>{ t.new_submission }</h2>
                <label class="form-label" for="start-ambito">{ t.ambito }</label>
                <select class="form-select" id="start-ambito" onchange={chosen(&ambito_id)}>
                    { for presets.iter().map(|a| html! { <option value={a.id.clone()} selected={a.id == *ambito_id}>{ &a.nome }</option> }) }
                </select>
                <label class="form-label" for="start-ente">{ t.ente_filing }</label>
                <select class="form-select" id="start-ente" onchange={chosen(&ente_choice)}>
                    <option value="" selected={ente_choice.is_empty()}>{ t.choose }</option>
                    <option value="aler" selected={*ente_choice == "aler"}>{ t.aler_option }</option>
                    { for ambito.comuni.iter().map(|c| {
                        let name = comuni::by_code(*c).map(|x| x.nome.clone()).unwrap_or_default();
                        html! { <option value={c.to_string()} selected={*ente_choice == c.to_string()}>{ (t.comune_of)(&name) }</option> }
                    }) }
                </select>
                if *ente_choice == "aler" {
                    <label class="form-label" for="start-aler-name">{ t.aler_name }</label>
                    <input class="form-control" id="start-aler-name" type="text" value={(*aler_name).clone()} oninput={typed(&aler_name)} />
                }
                <label class="form-label" for="start-year">{ t.plan_year }</label>
                <input class="form-control" id="start-year" type="text" inputmode="numeric" value={(*year).clone()} oninput={typed(&year)} />
                <button type="submit" id="start" class="btn btn-primary">{ t.start }</button>
                if let Some(e) = &*error { <super::ErrorMessage id="start-error" message={e.clone()} /> }
            </form>
            <StartFromFile {open} {on_error} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct StartFromFileProps {
    open: Callback<Submission>,
    on_error: Callback<Shown>,
}

/// Or the form starts from a file: a draft saved before, or the ente's submission of last
/// year (prefilled for the next plan year, each copied section marked).
#[function_component(StartFromFile)]
fn start_from_file(props: &StartFromFileProps) -> Html {
    let lang = use_lang();
    let (t, y) = (lang.texts(), lang.yearly());
    let on_file = use_file_import(
        |_, bytes| reader::reopen_as_draft(bytes),
        props.open.clone(),
        props.on_error.clone(),
    );
    let on_last_year = use_file_import(
        |_, bytes| {
            let last = carry_forward::read_last_year(bytes)?;
            carry_forward::carry_forward_from(&last, carry_forward::next_plan_year(&last))
        },
        props.open.clone(),
        props.on_error.clone(),
    );
    html! {
        <>
            <p>
                <label class="form-label" for="draft-open">{ t.open_draft_file }</label>
                <input class="form-control" id="draft-open" type="file" accept=".json" onchange={on_file} />
            </p>
            <div id="last-year" class="card p-3">
                <h2>{ y.last_year_title }</h2>
                <p id="last-year-intro">{ y.last_year_intro }</p>
                <label class="form-label" for="last-year-file">{ y.last_year_file }</label>
                <input class="form-control" id="last-year-file" type="file" accept=".json" aria-describedby="last-year-intro" onchange={on_last_year} />
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct DraftViewProps {
    draft: DraftState,
    dispatch: UseReducerDispatcher<AppState>,
    signing_key: Option<Rc<UnlockedKey>>,
    on_key_ready: Callback<Rc<UnlockedKey>>,
}

fn comuni_options(ambito: &Ambito) -> Options {
    Rc::new(
        ambito
            .comuni
            .iter()
            .map(|c: &IstatCode| {
                (
                    *c,
                    comuni::by_code(*c)
                        .map(|x| x.nome.clone())
                        .unwrap_or_else(|| c.to_string()),
                )
            })
            .collect(),
    )
}

#[function_component(DraftView)]
fn draft_view(props: &DraftViewProps) -> Html {
    // Counts this screen's renders, for the e2e test and the benchmark of keystrokes.
    browser::count("__offertaDraftRenders");
    let draft = &props.draft;
    let s = draft.submission.clone();
    let report = use_memo((s.clone(), draft.ambito.clone()), |(s, a)| {
        validate(s, Some(a))
    });
    let options = use_memo(draft.ambito.clone(), |a| comuni_options(a));
    let message = use_state(|| None::<String>);
    let lang = use_lang();
    let t = lang.texts();

    use_draft_kept(draft.clone(), props.dispatch.clone());
    // The same callback at every render, so fields can tell they did not change.
    let on_edit = use_callback(props.dispatch.clone(), |change: DraftChange, dispatch| {
        dispatch.dispatch(Action::EditDraft {
            change,
            at: ChangeTime {
                utc: browser::now_rfc3339(),
                hh_mm: browser::local_hh_mm(),
            },
        })
    });
    let on_save_file = {
        let (s, message) = (s.clone(), message.clone());
        Callback::from(move |_| {
            let text = serde_json::to_string_pretty(&*s).expect("a submission always serialises");
            message.set(
                download::save_text(&s.file_name(false), "application/json", &text)
                    .err()
                    // A download refused: words of the page, no technical detail.
                    .map(|e| t.explain(&e).plain),
            );
        })
    };
    let on_close = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::CloseDraft))
    };
    let saved = match &draft.save_error {
        None => {
            html! { <p id="save-state" class="saved" role="status">{ (t.saved_at)(&draft.saved_at) }</p> }
        }
        Some(e) => {
            // The plain words, and a reader's detail (if any) behind «Dettagli tecnici».
            html! { <div id="save-state" class="alert alert-danger" role="alert"><DetailedText message={t.explain(e)} /></div> }
        }
    };

    html! {
        <>
            <div class="no-print">
                <h2 id="draft-title">{ (t.draft_title)(&s.ente.display_name(), s.anno_piano, &draft.ambito.nome) }</h2>
                if let Some(asked) = &s.richiesta {
                    <AnsweredRequest asked={asked.clone()} />
                }
                if !s.da_verificare.is_empty() {
                    <p id="carried-notice" class="alert alert-warning">{ (lang.yearly().last_year_opened)(s.da_verificare.len()) }</p>
                }
                { saved }
                if crate::browser::storage_follows_the_file() {
                    <p id="storage-note" class="hint">{ t.storage_follows_the_file }</p>
                }
                <div class="exports">
                    <button type="button" id="draft-download" class="btn btn-outline-primary" onclick={on_save_file}>{ t.save_to_file }</button>
                    <button type="button" id="draft-close" class="btn btn-link" onclick={on_close}>{ t.change_ente }</button>
                </div>
                if let Some(m) = &*message { <p class="alert alert-danger" role="alert">{ m }</p> }
                <Summary report={report.clone()} />
                <DraftForm draft={s.clone()} report={report.clone()} comuni={(*options).clone()} on_edit={on_edit} />
                <SignSection submission={s.clone()} report={report.clone()} dispatch={props.dispatch.clone()}
                    signing_key={props.signing_key.clone()} on_key_ready={props.on_key_ready.clone()}
                    on_message={Callback::from({ let message = message.clone(); move |m| message.set(Some(m)) })} />
                <FirmaDigitale submission={s.clone()} report={report.clone()} ambito={draft.ambito.clone()}
                    on_message={Callback::from({ let message = message.clone(); move |m| message.set(Some(m)) })} />
            </div>
            if let Some(signed) = &draft.signed {
                <ReceiptView draft={s.clone()} receipt={signed.clone()} ambito={draft.ambito.nome.clone()} />
            }
        </>
    }
}

/// Every change is saved in this browser at once, so a closed tab loses nothing; leaving
/// with changes not yet signed asks first.
#[hook]
fn use_draft_kept(draft: DraftState, dispatch: UseReducerDispatcher<AppState>) {
    let t = use_lang().texts();
    let s = draft.submission.clone();
    let dispatch_receipt = dispatch.clone();
    // Every change is saved in this browser at once: a closed tab loses nothing. The time
    // shown is the change's own; the page hears from the save only when its outcome
    // changes (the storage is full, or has room again), so a keystroke renders once.
    {
        let draft = draft.clone();
        use_effect_with(s.clone(), move |s| {
            let saved = storage::save_draft(s);
            if draft.save_outcome_changed(&saved) {
                dispatch.dispatch(Action::DraftSaved(saved));
            }
        });
    }
    // The receipt of the file signed last for this draft comes back from its kept bytes
    // (after a reload, or the draft opened again).
    {
        let has_receipt = draft.signed.is_some();
        let dispatch = dispatch_receipt;
        use_effect_with(s.draft_key(), move |key| {
            if has_receipt {
                return;
            }
            if let Some(receipt) = storage::stored_receipt(key) {
                dispatch.dispatch(Action::DraftSigned(Rc::new(receipt)));
            }
        });
    }
    // Leaving with changes not yet signed asks first.
    crate::hooks::use_leave_warning(draft.unsigned_changes, t.leave_warning);
}

#[derive(Properties, PartialEq)]
struct SignSectionProps {
    submission: Rc<Submission>,
    report: Rc<Report>,
    dispatch: UseReducerDispatcher<AppState>,
    signing_key: Option<Rc<UnlockedKey>>,
    on_key_ready: Callback<Rc<UnlockedKey>>,
    on_message: Callback<String>,
}

/// Signing: the ente's key (opened or created here), and the button that signs and
/// downloads, or says why it cannot yet.
#[function_component(SignSection)]
fn sign_section(props: &SignSectionProps) -> Html {
    let (s, report) = (&props.submission, &props.report);
    let lang = use_lang();
    let t = lang.texts();
    let errors = report.errors().count();
    let warnings = report.unacknowledged_warnings().count();
    let key_matches = props
        .signing_key
        .as_ref()
        .map(|k| k.file.ente_id == s.ente.id());
    let why_not = if errors + warnings > 0 {
        Some((t.why_problems)(errors, warnings))
    } else {
        match key_matches {
            None => Some(t.why_key.to_owned()),
            Some(false) => Some((t.why_other_key)(&s.ente.display_name())),
            Some(true) => None,
        }
    };
    let on_sign = {
        let (s, key, dispatch, on_message) = (
            s.clone(),
            props.signing_key.clone(),
            props.dispatch.clone(),
            props.on_message.clone(),
        );
        Callback::from(move |_| {
            let Some(key) = &key else { return };
            let signed_at = browser::now_rfc3339();
            let text = sign_submission(&s, &key.key, &signed_at);
            let name = s.file_name(true);
            if let Err(e) = download::save_text(&name, "application/json", &text) {
                on_message.emit(t.explain(&e).plain);
                return;
            }
            // The receipt is read from the bytes just downloaded, never from the draft, and
            // those bytes are kept so that it comes back after a reload.
            storage::save_signed_file(&s.draft_key(), &name, &text);
            match Receipt::of_signed_file(&name, &text) {
                Ok(receipt) => dispatch.dispatch(Action::DraftSigned(Rc::new(receipt))),
                Err(why) => on_message.emit(lang.say(&why).to_owned()),
            }
        })
    };
    html! {
        <>
            <h2>{ t.sign_section }</h2>
            // The open key, when it is this ente's; otherwise the forms to open or create it.
            <KeyPanel current={props.signing_key.clone().filter(|_| key_matches == Some(true))} on_ready={props.on_key_ready.clone()}
                for_ente={Some(props.submission.ente.clone())} />
            <button type="button" id="sign" class="btn btn-primary" disabled={why_not.is_some()} onclick={on_sign}
                aria-describedby={why_not.is_some().then_some("sign-why")}>
                { t.sign_button }
            </button>
            if let Some(why) = &why_not {
                <p id="sign-why" class="hint">
                    { why }
                    if errors + warnings > 0 {
                        { " " }
                        <a href="#problems" onclick={Callback::from(|e: MouseEvent| {
                            // The summary takes the focus, so reading goes on from there.
                            e.prevent_default();
                            crate::browser::focus_first("#problems");
                        })}>{ t.go_to_problems }</a>
                    }
                </p>
            }
        </>
    }
}

/// The list of every problem, each a link to its field; focusable so a keyboard user lands
/// on it.
#[derive(Properties, PartialEq)]
struct SummaryProps {
    report: Rc<Report>,
}

use offerta_core::rules::{Report, Severity};

#[function_component(Summary)]
fn summary(props: &SummaryProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let open: Vec<_> = props.report.open().collect();
    if open.is_empty() {
        return html! { <div id="problems" class="summary ok" tabindex="-1" role="status"><p>{ t.no_problems }</p></div> };
    }
    html! {
        <div id="problems" class="summary" tabindex="-1" role="region" aria-labelledby="problems-title">
            <h3 id="problems-title">{ (t.to_fix)(open.len()) }</h3>
            <ul>
                { for open.iter().map(|f| html! {
                    <li data-rule={f.rule}>
                        <a href={format!("#{}", dom_id(&f.field))}>
                            { format!("{}: {}", if f.severity == Severity::Error { t.error } else { t.warning }, lang.say(&f.message)) }
                        </a>
                    </li>
                }) }
            </ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ReceiptProps {
    /// The draft as it is now, only to say whether it still matches the signed file.
    draft: Rc<Submission>,
    receipt: Rc<Receipt>,
    /// The ambito's name (the file carries only its id).
    ambito: AttrValue,
}

/// The printable receipt for the protocol office: every figure comes from the signed file's
/// bytes, so editing the draft afterwards changes nothing here; the page says when the
/// draft no longer matches the file.
#[function_component(ReceiptView)]
fn receipt_view(props: &ReceiptProps) -> Html {
    let f = &props.receipt;
    let s = &f.submission;
    let lang = use_lang();
    let t = lang.texts();
    let changed = !f.matches(&props.draft);
    let mut rows = vec![
        (t.r_ente, s.ente.display_name()),
        (t.r_plan, format!("{} - {}", s.anno_piano, props.ambito)),
        (t.r_file, f.file_name.clone()),
        (
            t.r_signed_at,
            format!(
                "{} ({})",
                crate::browser::local_date_time(&f.signed_at),
                f.signed_at
            ),
        ),
        (t.r_fingerprint, f.fingerprint.clone()),
        (t.r_hash, f.hash.clone()),
    ];
    rows.extend(figure_rows(t, s));
    let print = Callback::from(|_| {
        let _ = gloo::utils::window().print();
    });
    html! {
        <section id="receipt" class="receipt" aria-labelledby="receipt-title">
            <h2 id="receipt-title">{ t.receipt_title }</h2>
            if changed {
                <p id="receipt-changed" class="alert alert-warning" role="status">{ lang.say(&Receipt::changed_after_signing()).to_owned() }</p>
            }
            <p class="no-print">{ t.receipt_note }</p>
            <table class="table">
                <tbody>{ for rows.iter().map(|(k, v)| html! { <tr><th scope="row">{ *k }</th><td class="mono">{ v }</td></tr> }) }</tbody>
            </table>
            <button type="button" id="print-receipt" class="btn btn-primary" onclick={print}>{ t.print_receipt }</button>
        </section>
    }
}

/// The figures of a submission as the receipt shows them, read-only: also what a comune sees
/// of the content of a `.p7m` it opens (`signed_file_check`).
pub(crate) fn figure_rows(t: &Texts, s: &Submission) -> [(&'static str, String); 4] {
    let k = s.assegnate_anno_precedente;
    [
        (
            t.r_stock,
            format!(
                "{} / {} / {}",
                format::count(s.consistenza.totale()),
                format::count(s.consistenza.sap.into()),
                format::count(s.consistenza.sas.into())
            ),
        ),
        (t.r_assignable, format::count(s.totale_assegnabili())),
        (
            t.r_assigned,
            format!(
                "{} / {} / {}",
                format::count(k.ordinarie.into()),
                format::count(k.in_deroga.into()),
                format::count(k.totale())
            ),
        ),
        (
            t.r_no_stock,
            if s.nessun_patrimonio {
                t.yes.into()
            } else {
                t.no.into()
            },
        ),
    ]
}
