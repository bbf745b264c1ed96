//! The capofila's screen: choose ambito and year, drop the files received, see what each
//! file is, manage the trust registry, read the plan's tables and export them.

use std::rc::Rc;
use std::time::Duration;

use offerta_core::ambiti::{self, Ambito};
use offerta_core::intake::{self, Disposition, ReceivedFile};
use offerta_core::signing::{sign_document, TrustRegistry};
use offerta_core::{aggregate, export};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{KeyPanel, PlanTable, PlanTables, ScrollRegion};
use crate::browser::files::Content;
use crate::browser::{self, download, files, storage};
use crate::format::{self, capitalise};
use crate::i18n::{use_lang, Lang, Texts};
use crate::state::{Action, AppState, DroppedFile, IntakeState, UnlockedKey};

#[derive(Properties, PartialEq)]
pub struct CapofilaProps {
    pub intake: IntakeState,
    pub dispatch: UseReducerDispatcher<AppState>,
    pub signing_key: Option<Rc<UnlockedKey>>,
    pub on_key_ready: Callback<Rc<UnlockedKey>>,
}

/// The page repaints the progress this often while files are verified: often enough to
/// look alive on an old PC, seldom enough that repainting does not slow the drop (yielding
/// after every 100 files cost a fifth of a 1,500-file drop).
const REPAINT_EVERY_MS: f64 = 100.0;

/// Reads and verifies the dropped files; a bad file never stops the others.
fn process(
    files: Vec<web_sys::File>,
    registry: Rc<TrustRegistry>,
    dispatch: UseReducerDispatcher<AppState>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        browser::mark("__offertaDropStart");
        let total = files.len();
        dispatch.dispatch(Action::Progress(Some((0, total))));
        // Every read starts at once, so the browser reads while the wasm verifies.
        let pending: Vec<_> = files
            .into_iter()
            .map(|file| files::start_reading(file, intake::MAX_FILE_BYTES))
            .collect();
        // The files reach the state once, at the end: handing over each batch would copy
        // the growing list every time.
        let mut checked = Vec::with_capacity(total);
        let mut verifying_ms = 0.0;
        let mut repainted = browser::now_ms();
        for reading in pending {
            let (name, content) = reading.await;
            let started = browser::now_ms();
            checked.push(match content {
                Content::Bytes(bytes) => DroppedFile::check(name, bytes, &registry),
                Content::TooLarge(size) => DroppedFile::too_large(name, size),
            });
            let now = browser::now_ms();
            verifying_ms += now - started;
            if now - repainted >= REPAINT_EVERY_MS {
                dispatch.dispatch(Action::Progress(Some((checked.len(), total))));
                yew::platform::time::sleep(Duration::from_millis(0)).await;
                repainted = browser::now_ms();
            }
        }
        browser::mark("__offertaChecked");
        browser::mark_value("__offertaVerifyMs", verifying_ms);
        dispatch.dispatch(Action::FilesChecked(checked));
        dispatch.dispatch(Action::Progress(None));
        // Let the tables render before marking the end of the drop.
        yew::platform::time::sleep(Duration::from_millis(0)).await;
        browser::mark("__offertaDropEnd");
    });
}

fn status_label(d: &Disposition, t: &Texts) -> (&'static str, &'static str) {
    match d {
        Disposition::Conteggiata => (t.status_counted, "ok"),
        Disposition::Sostituita(_) => (t.status_superseded, "info"),
        Disposition::Accantonata(_) => (t.status_set_aside, "warn"),
        Disposition::ChiaveDaAccettare => (t.status_key_to_accept, "warn"),
        Disposition::Scartata(_) => (t.status_discarded, "bad"),
    }
}

fn status_detail(f: &ReceivedFile, lang: Lang) -> String {
    let outcome = &f.verified.outcome;
    match &f.disposition {
        Disposition::Conteggiata | Disposition::ChiaveDaAccettare => {
            lang.say(&outcome.message()).to_owned()
        }
        Disposition::Sostituita(by) => (lang.texts().superseded_by)(by),
        Disposition::Accantonata(m) => format!("{}.", capitalise(lang.say(m))),
        Disposition::Scartata(m) => lang.say(m).to_owned(),
    }
}

#[function_component(CapofilaScreen)]
pub fn capofila_screen(props: &CapofilaProps) -> Html {
    let intake = &props.intake;
    let dispatch = props.dispatch.clone();
    let lang = use_lang();
    let t = lang.texts();
    let message = use_state(|| None::<String>);
    let custom_ambiti = use_state(Vec::<Ambito>::new);

    // The registry is the capofila's own: keep it across visits (without demo keys).
    {
        let message = message.clone();
        use_effect_with(intake.registry.clone(), move |registry| {
            if let Err(e) = storage::save_registry(registry) {
                message.set(Some(t.explain(&e)));
            }
        });
    }

    let counted = use_memo(intake.received.clone(), |received| {
        intake::counted(received)
    });
    let plan = use_memo(
        (counted.clone(), intake.ambito.clone()),
        |(counted, ambito)| aggregate(counted, Some(ambito)),
    );
    // The tables speak both languages: the page shows its own, the exports the Italian.
    let tables = use_memo(plan.clone(), |plan| export::tables(plan));
    // Effects run once the render is in the page: the benchmark's end of a drop.
    use_effect_with(tables.clone(), |_| browser::mark("__offertaTablesRendered"));

    let on_files = {
        let dispatch = dispatch.clone();
        let registry = intake.registry.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            process(
                files::list(input.files()),
                registry.clone(),
                dispatch.clone(),
            );
            input.set_value("");
        })
    };
    let on_drop = {
        let dispatch = dispatch.clone();
        let registry = intake.registry.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let files = files::list(e.data_transfer().and_then(|d| d.files()));
            process(files, registry.clone(), dispatch.clone());
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());

    let all_ambiti: Vec<Ambito> = ambiti::presets()
        .into_iter()
        .chain(custom_ambiti.iter().cloned())
        .collect();
    let on_ambito = {
        let dispatch = dispatch.clone();
        let all = all_ambiti.clone();
        Callback::from(move |e: Event| {
            let id = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Some(a) = all.iter().find(|a| a.id == id) {
                dispatch.dispatch(Action::SetAmbito(a.clone()));
            }
        })
    };
    let on_year = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Ok(year) = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .trim()
                .parse()
            {
                dispatch.dispatch(Action::SetYear(year));
            }
        })
    };
    let on_ambito_file = {
        let (dispatch, custom, message) =
            (dispatch.clone(), custom_ambiti.clone(), message.clone());
        Callback::from(move |e: Event| {
            let Some(file) = files::first_chosen(&e) else {
                return;
            };
            let (dispatch, custom, message) = (dispatch.clone(), custom.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let (name, bytes) = files::read(file).await;
                let text = String::from_utf8_lossy(&bytes);
                let stem = name
                    .rsplit_once('.')
                    .map_or(name.as_str(), |(s, _)| s)
                    .to_lowercase();
                let id = format::slug(&stem);
                let imported = if name.to_lowercase().ends_with(".csv") {
                    ambiti::import_csv(&id, &stem, &text)
                } else {
                    ambiti::import_json(&text)
                };
                match imported {
                    Ok(a) => {
                        message.set(Some((t.ambito_imported)(&a.nome, a.comuni.len())));
                        let mut list = (*custom).clone();
                        list.retain(|x| x.id != a.id);
                        list.push(a.clone());
                        custom.set(list);
                        dispatch.dispatch(Action::SetAmbito(a));
                    }
                    Err(e) => message.set(Some(format!("{name}: {}.", lang.say(&e)))),
                }
            });
        })
    };
    let on_registry_export = {
        let (registry, message) = (intake.registry.clone(), message.clone());
        Callback::from(move |_| {
            let result = download::save_text(
                "registro-chiavi.json",
                "application/json",
                &registry.to_json(),
            );
            message.set(result.err().map(|e| t.explain(&e)));
        })
    };
    let on_registry_import = {
        let (dispatch, message) = (dispatch.clone(), message.clone());
        Callback::from(move |e: Event| {
            let Some(file) = files::first_chosen(&e) else {
                return;
            };
            let (dispatch, message) = (dispatch.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let (name, bytes) = files::read(file).await;
                match TrustRegistry::from_json(&String::from_utf8_lossy(&bytes)) {
                    Ok(r) => {
                        message.set(Some((t.registry_imported)(r.enti.len())));
                        dispatch.dispatch(Action::SetRegistry(r));
                    }
                    Err(e) => message.set(Some(format!("{name}: {}.", lang.say(&e)))),
                }
            });
        })
    };
    let export_name = format!(
        "piano-offerta-abitativa_{}_{}",
        intake.ambito.id, intake.year
    );
    let on_xlsx = {
        let (plan, message, name) = (plan.clone(), message.clone(), export_name.clone());
        Callback::from(move |_| {
            let result = export::xlsx(&plan).and_then(|bytes| {
                download::save_bytes(
                    &format!("{name}.xlsx"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    &bytes,
                )
                .map_err(|e| t.explain(&e))
            });
            message.set(result.err());
        })
    };
    let on_csv = {
        let (plan, message, name) = (plan.clone(), message.clone(), export_name.clone());
        Callback::from(move |_| {
            message.set(
                download::save_text(
                    &format!("{name}.csv"),
                    "text/csv;charset=utf-8",
                    &export::csv(&plan),
                )
                .err()
                .map(|e| t.explain(&e)),
            )
        })
    };
    let on_json = {
        let (plan, received, message, name) = (
            plan.clone(),
            intake.received.clone(),
            message.clone(),
            export_name.clone(),
        );
        let key = props.signing_key.clone();
        Callback::from(move |_| {
            let Some(key) = &key else { return };
            let serde_json::Value::Object(document) = export::aggregate_json(&plan, &received)
            else {
                return;
            };
            let signed = sign_document(document, &key.key, &browser::now_rfc3339());
            let text = serde_json::to_string_pretty(&signed).unwrap_or_default();
            message.set(
                download::save_text(&format!("{name}_firmato.json"), "application/json", &text)
                    .err()
                    .map(|e| t.explain(&e)),
            );
        })
    };
    let on_print = Callback::from(|_| {
        let _ = gloo::utils::window().print();
    });
    let on_clear = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::ClearFiles))
    };

    let in_plan = intake
        .received
        .iter()
        .filter(|f| f.disposition == Disposition::Conteggiata)
        .count();

    html! {
        <section aria-labelledby="capofila-title">
            <h1 id="capofila-title">{ t.capofila_title }</h1>
            <div class="no-print">
                <h2>{ t.ambito_and_year }</h2>
                <div class="row">
                    <div class="col-12 col-md-6 mb-3">
                        <label for="ambito-select" class="form-label">{ t.ambito }</label>
                        <select id="ambito-select" class="form-select" onchange={on_ambito}>
                            { for all_ambiti.iter().map(|a| html! {
                                <option value={a.id.clone()} selected={a.id == intake.ambito.id}>
                                    { (t.ambito_option)(&a.nome, a.comuni.len()) }
                                </option>
                            }) }
                        </select>
                    </div>
                    <div class="col-12 col-md-6 mb-3">
                        <label for="year-input" class="form-label">{ t.plan_year }</label>
                        <input id="year-input" class="form-control" type="number" min="2019" max="2100"
                            value={intake.year.to_string()} onchange={on_year} />
                    </div>
                </div>
                <div class="mb-3">
                    <label for="ambito-file" class="form-label">{ t.import_ambito }</label>
                    <input id="ambito-file" class="form-control" type="file" accept=".json,.csv" onchange={on_ambito_file} />
                </div>

                <h2>{ t.received_title }</h2>
                <div id="drop-zone" class="drop-zone mb-3" ondragover={on_drag_over} ondrop={on_drop}>
                    <p>{ t.drop_here }</p>
                    <label for="files-input" class="btn btn-primary">{ t.choose_files }</label>
                    <input id="files-input" class="visually-hidden" type="file" multiple=true accept=".json,application/json" onchange={on_files} />
                </div>
                if let Some((done, total)) = intake.progress {
                    <div id="progress" class="alert alert-info" role="status">
                        <progress class="me-2" max={total.to_string()} value={done.to_string()}
                            aria-labelledby="progress-text"></progress>
                        <span id="progress-text">{ (t.checking)(done, total) }</span>
                    </div>
                }
                if let Some(m) = &*message {
                    <div id="capofila-message" class="alert alert-info" role="status">{ m }</div>
                }
            </div>
            if intake.received.is_empty() {
                <p id="no-files">{ t.no_files }</p>
            } else {
                <p id="received-count">
                    { (t.received_count)(intake.received.len(), in_plan, intake.received.len() - in_plan) }
                </p>
                <FileTable received={intake.received.clone()} dispatch={dispatch.clone()} />
                <button type="button" class="btn btn-link no-print" onclick={on_clear}>{ t.clear_files }</button>
            }
            <div class="no-print">
                <h2>{ t.registry_title }</h2>
                <p id="registry-count">{ (t.registry_count)(intake.registry.enti.len()) }</p>
                <div class="row">
                    <div class="col-12 col-md-6 mb-3">
                        <button type="button" id="registry-export" class="btn btn-outline-primary" onclick={on_registry_export}>{ t.registry_export }</button>
                    </div>
                    <div class="col-12 col-md-6 mb-3">
                        <label for="registry-import" class="form-label">{ t.registry_import }</label>
                        <input id="registry-import" class="form-control" type="file" accept=".json" onchange={on_registry_import} />
                    </div>
                </div>
            </div>
            if !counted.is_empty() {
                <h2>{ (t.plan_heading)(intake.year, &intake.ambito.nome) }</h2>
                <PlanTable plan={plan.clone()} />
                <PlanTables tables={tables.clone()} />
                <div class="no-print exports">
                    <h2>{ t.export_title }</h2>
                    <div class="d-flex flex-wrap gap-2 mb-3">
                        <button type="button" id="export-xlsx" class="btn btn-primary" onclick={on_xlsx}>{ t.export_xlsx }</button>
                        <button type="button" id="export-csv" class="btn btn-primary" onclick={on_csv}>{ t.export_csv }</button>
                        <button type="button" id="print" class="btn btn-primary" onclick={on_print}>{ t.print_pdf }</button>
                        if props.signing_key.is_some() {
                            <button type="button" id="export-json" class="btn btn-primary" onclick={on_json}>{ t.export_signed }</button>
                        }
                    </div>
                    if props.signing_key.is_none() {
                        <p>{ t.signed_needs_key }</p>
                        <KeyPanel current={None::<Rc<UnlockedKey>>} on_ready={props.on_key_ready.clone()} />
                    }
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FileTableProps {
    received: Rc<Vec<ReceivedFile>>,
    dispatch: UseReducerDispatcher<AppState>,
}

#[function_component(FileTable)]
fn file_table(props: &FileTableProps) -> Html {
    // With hundreds of files the capofila looks for the ones needing attention: the files
    // in the plan are listed on request (and rendering thousands of rows costs seconds).
    let show_all = use_state(|| false);
    let lang = use_lang();
    let t = lang.texts();
    let in_plan = props
        .received
        .iter()
        .filter(|f| f.disposition == Disposition::Conteggiata)
        .count();
    let listed: Vec<&ReceivedFile> = props
        .received
        .iter()
        .filter(|f| *show_all || f.disposition != Disposition::Conteggiata)
        .collect();
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_| show_all.set(!*show_all))
    };
    let row = |f: &ReceivedFile| {
        let (label, class) = status_label(&f.disposition, t);
        let accept = match (
            &f.disposition,
            &f.verified.submission,
            &f.verified.public_key,
        ) {
            (Disposition::ChiaveDaAccettare, Some(s), Some(key)) => {
                let dispatch = props.dispatch.clone();
                let (ente_id, ente, public_key) = (s.ente.id(), s.ente.display_name(), key.clone());
                let onclick = Callback::from(move |_| {
                    dispatch.dispatch(Action::AcceptKey {
                        ente_id: ente_id.clone(),
                        ente: ente.clone(),
                        public_key: public_key.clone(),
                        when: browser::now_rfc3339(),
                    })
                });
                html! {
                    <button type="button" class="btn btn-outline-primary accept-key" {onclick}>
                        { (t.accept_key)(f.verified.fingerprint.as_deref().unwrap_or_default()) }
                    </button>
                }
            }
            _ => html! {},
        };
        html! {
            <tr class={classes!("file", class)}>
                <th scope="row" class="file-name">{ &f.name }</th>
                <td>{ f.ente_name().unwrap_or_else(|| "-".into()) }</td>
                <td class="status"><span class={classes!("badge", class)}>{ label }</span></td>
                <td class="detail">{ status_detail(f, lang) } { accept }</td>
            </tr>
        }
    };
    html! {
        <>
        <button type="button" id="files-toggle" class="btn btn-link no-print" onclick={toggle}>
            { if *show_all { t.files_show_to_check.to_owned() } else { (t.files_show_all)(in_plan) } }
        </button>
        <ScrollRegion labelled_by="files-table-caption">
            <table id="files-table" class="table">
                <caption id="files-table-caption">{ if *show_all { t.files_caption_all } else { t.files_caption_to_check } }</caption>
                <thead><tr>
                    <th scope="col">{ t.col_file }</th>
                    <th scope="col">{ t.col_ente }</th>
                    <th scope="col">{ t.col_status }</th>
                    <th scope="col">{ t.col_detail }</th>
                </tr></thead>
                <tbody>{ for listed.into_iter().map(row) }</tbody>
            </table>
        </ScrollRegion>
        </>
    }
}
