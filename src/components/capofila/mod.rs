//! The capofila's screen: choose ambito and year, tick the comuni owning housing, drop the
//! files received, see what each file is, manage the trust registry, read the plan's
//! ricognizione and tables and export them. Each part is a small component with narrow
//! callbacks; every decision comes from the core's `Intake`.

mod ambito_year;
mod comparison;
mod document;
mod drop_zone;
mod exports;
mod file_table;
mod fingerprints;
mod owners;
mod registry_panel;
mod request_panel;
mod revocation_panel;
mod status_board;
mod trusted_list_panel;

use std::rc::Rc;

use offerta_core::intake::status::StatusBoard;
use offerta_core::intake::{Disposition, FingerprintPaste, Intake, ReceivedFile};
use offerta_core::plan_outputs;
use offerta_core::plan_texts::PlanTexts;
use offerta_core::planning::{plan_of, LastYear};
use offerta_core::signing::TrustRegistry;
use offerta_core::tables;
use yew::prelude::*;

use super::{use_printing, DetailedText, PlanTable, PlanTables};
use crate::browser::{self, storage, BrowserError};
use crate::i18n::{use_lang, Lang, Shown};
use crate::state::{
    choosable_ambiti, Action, AppState, CapofilaAction, CapofilaState, UnlockedKey,
};
use ambito_year::AmbitoAndYear;
use comparison::{ComparisonView, PreviousPlanInput};
use document::{DocumentSection, DocumentView};
use drop_zone::{read_and_verify, DropZone};
use exports::Exports;
use file_table::{FileTable, FilesSummary, KeyReplacement, KeyToAccept};
use fingerprints::PasteFingerprints;
use owners::Owners;
use registry_panel::{RegistryPanel, Revocation};
use request_panel::RequestPanel;
use revocation_panel::RevocationPanel;
use status_board::StatusBoardView;
use trusted_list_panel::TrustedListPanel;

#[derive(Properties, PartialEq)]
pub struct CapofilaProps {
    pub capofila: CapofilaState,
    pub dispatch: UseReducerDispatcher<AppState>,
    pub signing_key: Option<Rc<UnlockedKey>>,
    pub on_key_ready: Callback<Rc<UnlockedKey>>,
}

#[function_component(CapofilaScreen)]
pub fn capofila_screen(props: &CapofilaProps) -> Html {
    let CapofilaState {
        intake,
        last_year,
        progress,
        ..
    } = &props.capofila;
    let dispatch = &props.dispatch;
    let lang = use_lang();
    let t = lang.texts();
    let message = use_state(|| None::<Shown>);
    let say = {
        let message = message.clone();
        Callback::from(move |m: Shown| message.set(Some(m)))
    };

    use_registry_kept(intake.registry().clone(), say.clone());
    use_sent_request_restored(intake, dispatch);
    let board = use_status_board(intake);
    let ambiti = use_memo(props.capofila.imported_ambiti.clone(), |imported| {
        choosable_ambiti(imported)
    });

    let on_files = {
        let (intake, dispatch) = (intake.clone(), dispatch.clone());
        let cancel = props.capofila.drop_cancel.clone();
        Callback::from(move |files| {
            let check = intake.file_check(Some(&browser::now_rfc3339()));
            read_and_verify(files, check, dispatch.clone(), cancel.clone())
        })
    };
    let on_cancel = {
        let cancel = props.capofila.drop_cancel.clone();
        Callback::from(move |()| cancel.cancel())
    };
    // With many files the plan follows the list one task later: the browser paints the
    // list and answers a click in between, instead of one long task for both.
    let plan_intake = use_deferred(intake.clone(), intake.received().len() > PLAN_FOLLOWS_OVER);
    let in_plan = in_plan(plan_intake.received());

    html! {
        <section class="capofila" aria-labelledby="capofila-title">
            <h1 id="capofila-title">{ t.capofila_title }</h1>
            <div class="no-print">
                <AmbitoAndYear ambiti={ambiti.clone()} chosen={intake.ambito().id.clone()} year={intake.year()}
                    on_choose={dispatch_with(dispatch, CapofilaAction::ChooseAmbito)}
                    on_import={dispatch_with(dispatch, CapofilaAction::ImportAmbito)}
                    on_year={dispatch_with(dispatch, CapofilaAction::SetYear)}
                    on_message={say.clone()} />
                <Owners ambito={intake.ambito().clone()}
                    on_change={dispatch_with(dispatch, |(comune, owns)| CapofilaAction::SetOwner { comune, owns })} />
                <RequestPanel intake={intake.clone()} signing_key={props.signing_key.clone()}
                    on_key_ready={props.on_key_ready.clone()} on_message={say.clone()}
                    on_request={dispatch_with(dispatch, |r| CapofilaAction::SetRequest(Box::new(r)))}
                    key_panel_here={in_plan == 0} />
                <StatusBoardView {board} />
                <PreviousPlanInput status={last_year.trust(intake).zip(last_year.status(intake)).map(|(t, line)| (t.is_verified(), line))}
                    problem={props.capofila.previous_problem.clone()} anchors={intake.anchors().clone()} lists={intake.revocation_lists().clone()}
                    signer_to_confirm={last_year.signer_to_confirm(intake).map(|s| s.words)}
                    on_confirm_signer={dispatch_with(dispatch, |_: ()| CapofilaAction::AcceptPlanSigner { when: browser::now_rfc3339() })}
                    on_previous={dispatch_with(dispatch, |(name, p)| CapofilaAction::SetPrevious { plan: Box::new(p), name })}
                    on_message={say.clone()} />
                <h2>{ t.received_title }</h2>
                if intake.is_demo() {
                    <p id="demo-notice" class="alert alert-warning">{ t.demo_notice }</p>
                }
                <DropZone progress={*progress} {on_files} {on_cancel} />
                if let Some(cancelled) = props.capofila.cancelled_drop {
                    <p id="drop-cancelled" class="alert alert-warning" role="status">
                        { (t.drop_cancelled)(cancelled.added, cancelled.dropped) }
                    </p>
                }
                <LoadedBefore names={props.capofila.still_to_reload()}
                    on_forget={dispatch_with(dispatch, |_: ()| CapofilaAction::ForgetLoadedBefore)} />
                if !props.capofila.already_loaded.is_empty() {
                    <p id="already-loaded" class="alert alert-info" role="status">
                        { already_loaded(lang, &props.capofila.already_loaded) }
                    </p>
                }
                if let Some(m) = &*message {
                    <div id="capofila-message" class="alert alert-info" role="status">
                        // What a reader found stays behind «Dettagli tecnici».
                        <DetailedText message={m.clone()} />
                    </div>
                }
            </div>
            <ReceivedFiles received={intake.received().clone()} last_paste={props.capofila.last_paste.clone()}
                bulk_signers={intake.signers_naming_their_ente().len()}
                signers_confirmed={props.capofila.signers_confirmed.as_ref().map(|c| intake.signers_confirmed_sentence(c))}
                dispatch={dispatch.clone()} />
            <TrustedListPanel list={props.capofila.trusted_list.clone()} kept={props.capofila.trusted_list_kept.clone()}
                older={props.capofila.older_trusted_list.clone()} dispatch={dispatch.clone()} on_message={say.clone()} />
            // Revocation lists only matter for a `.p7m` checked against a trusted list: shown
            // once one is in use (or a list is loaded), so that a capofila receiving only files
            // signed in the app does not scroll past them to the plan.
            if props.capofila.trusted_list.is_some() || !intake.revocation_lists().is_empty() {
                <RevocationPanel lists={intake.revocation_lists().clone()} anchors={intake.anchors().clone()}
                    on_load={dispatch_with(dispatch, |list: Rc<offerta_core::signing::cades::RevocationList>| CapofilaAction::ReplaceRevocationList { name: list.file_name.clone(), list: Some(list), when: browser::now_rfc3339() })}
                    on_remove={dispatch_with(dispatch, |name| CapofilaAction::ReplaceRevocationList { name, list: None, when: browser::now_rfc3339() })} on_message={say.clone()} />
            }
            <RegistryPanel registry={intake.registry().clone()}
                on_import={dispatch_with(dispatch, CapofilaAction::SetRegistry)} on_message={say.clone()}
                on_revoke={dispatch_with(dispatch, revoke)} />
            if in_plan > 0 {
                <PlanSection intake={plan_intake} last_year={last_year.clone()} texts={props.capofila.texts()} edited={props.capofila.texts.is_some()}
                    on_texts={dispatch_with(dispatch, CapofilaAction::SetTexts)} signing_key={props.signing_key.clone()}
                    on_key_ready={props.on_key_ready.clone()} on_message={say} />
            }
        </section>
    }
}

/// Above this many files received, the plan is rendered in the task after the list
/// ([`use_deferred`]); below it, in the same (quick enough, and a test or a clerk reading the
/// plan right after a click sees it up to date).
const PLAN_FOLLOWS_OVER: usize = 300;

/// `value` as it was released: at once while `defer` is false; otherwise one task after it
/// changed (a newer change in between supersedes it), so a component that is slow to render
/// with it does not lengthen the task that changed it.
#[hook]
fn use_deferred<T: Clone + PartialEq + 'static>(value: T, defer: bool) -> T {
    let released = use_mut_ref(|| value.clone());
    let update = use_force_update();
    if !defer {
        *released.borrow_mut() = value.clone();
    }
    {
        let released = released.clone();
        use_effect_with((value, defer), move |(value, defer)| {
            let timeout = defer.then(|| {
                let value = value.clone();
                gloo::timers::callback::Timeout::new(0, move || {
                    *released.borrow_mut() = value;
                    update.force_update();
                })
            });
            move || drop(timeout)
        });
    }
    let shown = released.borrow().clone();
    shown
}

/// The status board of the answers: it counts days, so it changes with the day, not with
/// the second.
#[hook]
fn use_status_board(intake: &Intake) -> Rc<StatusBoard> {
    let today = browser::now_rfc3339()[..10].to_owned();
    use_memo(
        (
            intake.received().clone(),
            intake.ambito().clone(),
            intake.request().cloned(),
            today,
        ),
        |(_, _, _, today)| intake.status_board(today),
    )
}

/// How many of the files received count in the plan.
fn in_plan(received: &[ReceivedFile]) -> usize {
    received
        .iter()
        .filter(|f| f.disposition == Disposition::Conteggiata)
        .count()
}

#[derive(Properties, PartialEq)]
struct ReceivedProps {
    received: Rc<Vec<ReceivedFile>>,
    last_paste: Option<Rc<FingerprintPaste>>,
    /// How many signers the bulk confirmation would record, and what the last one did.
    bulk_signers: usize,
    signers_confirmed: Option<offerta_core::text::Bilingual>,
    dispatch: UseReducerDispatcher<AppState>,
}

/// The files received: how many count, the fingerprints to paste, each file's row, and the
/// button that empties the list.
#[function_component(ReceivedFiles)]
fn received_files(props: &ReceivedProps) -> Html {
    let t = use_lang().texts();
    let (received, dispatch) = (&props.received, &props.dispatch);
    let groups = use_memo(received.clone(), |received| {
        offerta_core::intake::groups::file_groups(received)
    });
    // Effects run once the render is in the page: when the list of a drop was shown.
    use_effect_with(received.clone(), |_| {
        browser::mark("__offertaFilesRendered")
    });
    if received.is_empty() {
        return html! { <p id="no-files">{ t.no_files }</p> };
    }
    let in_plan = in_plan(received);
    let waiting = received
        .iter()
        .filter(|f| f.disposition == Disposition::ChiaveDaAccettare)
        .count();
    // The fingerprints to paste sit under the keys they accept.
    let paste = html! {
        <PasteFingerprints waiting={waiting} last={props.last_paste.clone()}
            on_paste={dispatch_with(dispatch, paste_now)} />
    };
    html! {
        <>
            <p id="received-count">
                { (t.received_count)(received.len(), in_plan, received.len() - in_plan) }
            </p>
            <FilesSummary groups={groups.clone()} />
            // What the last paste did, once no key waits any more.
            if waiting == 0 && props.last_paste.is_some() {
                { paste.clone() }
            }
            <FileTable received={received.clone()} groups={groups.clone()} under_keys={paste} on_accept={dispatch_with(dispatch, accept_now)}
                on_replace={dispatch_with(dispatch, replace_now)}
                on_confirm_date={dispatch_with(dispatch, CapofilaAction::ConfirmDate)}
                on_confirm_signer={dispatch_with(dispatch, confirm_signer_now)}
                bulk_signers={props.bulk_signers} signers_confirmed={props.signers_confirmed.clone()}
                on_confirm_signers={dispatch_with(dispatch, |_: ()| CapofilaAction::AcceptSignersNamingTheirEnte { when: browser::now_rfc3339() })} />
            <ClearFiles count={received.len()} on_clear={dispatch_with(dispatch, |_: ()| CapofilaAction::ClearFiles)} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct LoadedBeforeProps {
    names: Vec<String>,
    on_forget: Callback<()>,
}

/// After a reload (or a closed tab) the files are gone from the page, not from the disk: the
/// page names the files that were loaded, until they are dropped again or the capofila
/// says it no longer needs the list.
#[function_component(LoadedBefore)]
fn loaded_before(props: &LoadedBeforeProps) -> Html {
    let t = use_lang().texts();
    if props.names.is_empty() {
        return html! {};
    }
    html! {
        <div id="loaded-before" class="alert alert-warning" role="status">
            <p>{ (t.loaded_before)(props.names.len()) }</p>
            <ul id="loaded-before-names">
                { for props.names.iter().map(|n| html! { <li>{ offerta_core::text::visible(n) }</li> }) }
            </ul>
            <button type="button" id="forget-loaded-before" class="btn btn-link p-0"
                onclick={props.on_forget.reform(|_| ())}>{ t.forget_loaded_before }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ClearFilesProps {
    count: usize,
    on_clear: Callback<()>,
}

/// Emptying the list loses the capofila's work: the page asks first, in the page (a
/// keyboard user answers it like any other control).
#[function_component(ClearFiles)]
fn clear_files(props: &ClearFilesProps) -> Html {
    let t = use_lang().texts();
    let asking = use_state(|| false);
    // The question takes the focus, so a keyboard user answers it next.
    use_effect_with(*asking, |asking| {
        if *asking {
            use wasm_bindgen::JsCast;
            if let Some(button) = gloo::utils::document()
                .get_element_by_id("clear-cancel")
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        }
    });
    let ask = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(true))
    };
    let cancel = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(false))
    };
    let confirm = {
        let (asking, on_clear) = (asking.clone(), props.on_clear.clone());
        Callback::from(move |_: MouseEvent| {
            asking.set(false);
            on_clear.emit(());
        })
    };
    html! {
        <div class="no-print">
            if *asking {
                <div id="clear-question" class="alert alert-warning" role="alertdialog" aria-labelledby="clear-question-text">
                    <p id="clear-question-text">{ (t.clear_files_question)(props.count) }</p>
                    <button type="button" id="clear-confirm" class="btn btn-danger me-2" onclick={confirm}>{ t.clear_files_yes }</button>
                    <button type="button" id="clear-cancel" class="btn btn-outline-primary" onclick={cancel}>{ t.clear_files_no }</button>
                </div>
            } else {
                <button type="button" id="clear-files" class="btn btn-link" onclick={ask}>{ t.clear_files }</button>
            }
        </div>
    }
}

/// The request the capofila signed for this ambito and year is kept in this browser: after
/// a reload (or choosing the ambito and year again) the status board has its deadline back.
#[hook]
fn use_sent_request_restored(intake: &Intake, dispatch: &UseReducerDispatcher<AppState>) {
    let plan = (
        intake.ambito().id.clone(),
        intake.year(),
        intake.request().is_some(),
    );
    let dispatch = dispatch.clone();
    use_effect_with(plan, move |(ambito, year, has_request)| {
        if !has_request {
            if let Some(request) = storage::stored_sent_request(ambito, *year)
                .and_then(|text| offerta_core::request::read_request(text.as_bytes(), None).ok())
            {
                dispatch.dispatch(Action::Capofila(CapofilaAction::SetRequest(Box::new(
                    request,
                ))));
            }
        }
    });
}

/// The registry is the capofila's own: kept in this browser across visits. The core keeps
/// demo keys out of it, so there is nothing to strip here.
#[hook]
fn use_registry_kept(registry: Rc<TrustRegistry>, on_error: Callback<Shown>) {
    let t = use_lang().texts();
    use_effect_with(registry, move |registry| {
        match storage::save_registry(registry) {
            // An empty registry over one this copy cannot read: nothing of the capofila's
            // to lose yet, and the notice at the top already says what is kept.
            Err(BrowserError::NotOverwritten(_)) if registry.enti.is_empty() => {}
            Err(e) => on_error.emit(t.explain(&e)),
            Ok(()) => {}
        }
    });
}

#[derive(Properties, PartialEq)]
struct PlanSectionProps {
    intake: Intake,
    last_year: LastYear,
    texts: Rc<PlanTexts>,
    edited: bool,
    on_texts: Callback<PlanTexts>,
    signing_key: Option<Rc<UnlockedKey>>,
    on_key_ready: Callback<Rc<UnlockedKey>>,
    on_message: Callback<Shown>,
}

/// The plan of the files counted: its tables and its exports.
#[function_component(PlanSection)]
fn plan_section(props: &PlanSectionProps) -> Html {
    let (intake, last_year) = (&props.intake, &props.last_year);
    let lang = use_lang();
    // The intake's plan: with last year's plan loaded, its owners may stand in for a list.
    let plan = use_memo(
        (
            intake.received().clone(),
            intake.ambito().clone(),
            last_year.clone(),
        ),
        |_| browser::timed("__offertaPlanMs", || plan_of(intake, last_year)),
    );
    // The tables speak both languages: the page shows its own, the exports the Italian.
    let tables = use_memo(plan.clone(), |plan| {
        browser::timed("__offertaTablesMs", || tables::tables(plan))
    });
    let printing = use_printing();
    // The printed plan is the document, built only while printing: a province's plan has
    // thousands of rows, and a drop should not pay for them.
    let printed = use_memo(
        (
            plan.clone(),
            props.texts.clone(),
            intake.clone(),
            last_year.clone(),
            printing,
        ),
        |(plan, texts, intake, last_year, printing)| {
            printing.then(|| Rc::new(plan_outputs::document(intake, last_year, plan, texts)))
        },
    );
    // Effects run once the render is in the page: the benchmark's end of a drop.
    use_effect_with(tables.clone(), |_| browser::mark("__offertaTablesRendered"));
    html! {
        <>
            <h2 id="plan-title">{ (lang.texts().plan_heading)(intake.year(), &intake.ambito().nome) }</h2>
            if let Some(note) = intake.draft_note() {
                <p id="plan-draft" class="alert alert-warning" role="status">
                    <strong>{ offerta_core::text::capitalise(lang.say(&note)) }</strong>{ ". " }{ lang.texts().draft_explained }
                </p>
            }
            <p id="ricognizione-sentence">{ lang.say(&plan.ricognizione.sentence()) }</p>
            <PlanTable plan={plan.clone()} />
            <PlanTables tables={tables.clone()} />
            <ComparisonView intake={intake.clone()} last_year={last_year.clone()} plan={plan.clone()} />
            <DocumentSection plan={plan.clone()} intake={intake.clone()} last_year={last_year.clone()} texts={props.texts.clone()} edited={props.edited}
                on_texts={props.on_texts.clone()} on_message={props.on_message.clone()} />
            if let Some(document) = (*printed).clone() {
                <div class="print-only"><DocumentView {document} /></div>
            }
            <Exports {plan} intake={intake.clone()} texts={props.texts.clone()} signing_key={props.signing_key.clone()}
                on_key_ready={props.on_key_ready.clone()} on_message={props.on_message.clone()} />
        </>
    }
}

/// «Già caricato: a.json, b.json. Stesso contenuto ...»: the core's name and sentence of a
/// duplicate, as the CLI says them.
fn already_loaded(lang: Lang, names: &[String]) -> String {
    let state = offerta_core::intake::FileState::Duplicate;
    let names: Vec<String> = names
        .iter()
        .map(|n| offerta_core::text::visible(n))
        .collect();
    format!(
        "{}: {}. {}",
        offerta_core::text::capitalise(lang.say(&state.name())),
        names.join(", "),
        lang.say(&state.sentence())
    )
}

/// The capofila accepts a key now (the page's clock: the core reads none).
fn accept_now(k: KeyToAccept) -> CapofilaAction {
    CapofilaAction::AcceptKey {
        ente_id: k.ente_id,
        ente: k.ente,
        public_key: k.public_key,
        when: browser::now_rfc3339(),
    }
}

/// The capofila confirms a `.p7m`'s signer for its ente now.
fn confirm_signer_now(file: String) -> CapofilaAction {
    CapofilaAction::AcceptSigner {
        file,
        when: browser::now_rfc3339(),
    }
}

/// The capofila replaces an ente's key now, for the reason it wrote.
fn replace_now(r: KeyReplacement) -> CapofilaAction {
    CapofilaAction::ReplaceKey {
        key: r.key,
        when: browser::now_rfc3339(),
        reason: r.reason,
    }
}

/// The fingerprints pasted now.
fn paste_now(text: String) -> CapofilaAction {
    CapofilaAction::AcceptFingerprints {
        text,
        when: browser::now_rfc3339(),
    }
}

fn revoke(r: Revocation) -> CapofilaAction {
    CapofilaAction::RevokeKey {
        ente_id: r.ente_id,
        fingerprint: r.fingerprint,
        from: r.from,
        reason: r.reason,
    }
}

/// A callback that dispatches the action `make` builds from what it receives.
fn dispatch_with<T: 'static>(
    dispatch: &UseReducerDispatcher<AppState>,
    make: fn(T) -> CapofilaAction,
) -> Callback<T> {
    let dispatch = dispatch.clone();
    Callback::from(move |value| dispatch.dispatch(Action::Capofila(make(value))))
}
