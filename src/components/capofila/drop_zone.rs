//! Where the received files arrive: dropped on the zone or chosen with the button, then read
//! and verified with a progress bar and «Annulla»; a bad file never stops the others.

use std::time::Duration;

use offerta_core::intake::{CheckedFile, FileCheck, MAX_FILE_BYTES};
use offerta_core::text::Bilingual;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::browser::files::{self, Content};
use crate::i18n::use_lang;
use crate::state::{AppState, CapofilaAction, DropCancel};

/// The page repaints the progress this often while files are verified: often enough to
/// look alive on an old PC, seldom enough that repainting does not slow the drop (yielding
/// after every 100 files cost a fifth of a 1,500-file drop).
const REPAINT_EVERY_MS: f64 = 100.0;

/// Reads and verifies the files of one drop with `check` (the intake's registry, trust
/// anchors, revocation lists and ambito at its start: each file is verified once, here), then hands them all to the state at once
/// (`DropFinished`): handing over each batch would copy the growing list every time. When
/// `cancel` is set («Annulla»), it stops and hands over only the files verified so far
/// (`DropCancelled`); the reads already started are left to the browser, unread by the app.
pub fn read_and_verify(
    files: Vec<web_sys::File>,
    check: FileCheck,
    dispatch: UseReducerDispatcher<AppState>,
    cancel: DropCancel,
) {
    cancel.reset();
    wasm_bindgen_futures::spawn_local(async move {
        browser::mark("__offertaDropStart");
        let total = files.len();
        dispatch.dispatch((CapofilaAction::DropProgress { done: 0, total }).into());
        // Every read starts at once, so the browser reads while the wasm verifies.
        let pending: Vec<_> = files
            .into_iter()
            .map(|file| files::start_reading(file, MAX_FILE_BYTES))
            .collect();
        let mut checked = Vec::with_capacity(total);
        let mut verifying_ms = 0.0;
        let mut repainted = browser::now_ms();
        for reading in pending {
            // «Annulla» can only have been pressed while this task waited: for a read, or
            // for the repaint below.
            if cancel.is_cancelled() {
                break;
            }
            let (name, content) = reading.await;
            if cancel.is_cancelled() {
                break;
            }
            let started = browser::now_ms();
            checked.push(match content {
                // Validated by the rules here, file by file, so that the end of the drop has
                // only the classification's last step left (the core's own validation).
                Content::Bytes(bytes) => check.check(name, bytes),
                Content::TooLarge(size) => CheckedFile::too_large(name, size),
                Content::NotRead(detail) => CheckedFile::not_read(
                    name,
                    Bilingual::new(
                        format!("il browser dice: {detail}"),
                        format!("the browser says: {detail}"),
                    ),
                ),
            });
            let now = browser::now_ms();
            verifying_ms += now - started;
            if now - repainted >= REPAINT_EVERY_MS {
                dispatch.dispatch(
                    (CapofilaAction::DropProgress {
                        done: checked.len(),
                        total,
                    })
                    .into(),
                );
                yew::platform::time::sleep(Duration::from_millis(0)).await;
                repainted = browser::now_ms();
            }
        }
        browser::mark("__offertaChecked");
        browser::mark_value("__offertaVerifyMs", verifying_ms);
        let now = browser::now_rfc3339();
        let finished = if checked.len() < total {
            CapofilaAction::DropCancelled {
                files: checked,
                now,
                dropped: total,
            }
        } else {
            CapofilaAction::DropFinished {
                files: checked,
                now,
            }
        };
        dispatch.dispatch(finished.into());
        // Let the tables render before marking the end of the drop.
        yew::platform::time::sleep(Duration::from_millis(0)).await;
        browser::mark("__offertaDropEnd");
    });
}

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    /// Files read so far and files in the drop, while one is being read.
    pub progress: Option<(usize, usize)>,
    pub on_files: Callback<Vec<web_sys::File>>,
    /// «Annulla» pressed during a drop.
    pub on_cancel: Callback<()>,
}

#[function_component(DropZone)]
pub fn drop_zone(props: &DropZoneProps) -> Html {
    let t = use_lang().texts();
    let on_chosen = props.on_files.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let chosen = files::list(input.files());
        // The same files can be chosen again later.
        input.set_value("");
        chosen
    });
    let on_drop = props.on_files.reform(|e: DragEvent| {
        e.prevent_default();
        files::list(e.data_transfer().and_then(|d| d.files()))
    });
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <>
            <div id="drop-zone" class="drop-zone mb-3" ondragover={on_drag_over} ondrop={on_drop}>
                <p>{ t.drop_here }</p>
                <label for="files-input" class="btn btn-primary">{ t.choose_files }</label>
                <input id="files-input" class="visually-hidden" type="file" multiple=true accept=".json,application/json,.p7m" onchange={on_chosen} />
            </div>
            if let Some((done, total)) = props.progress {
                <div id="progress" class="alert alert-info" role="status">
                    <progress class="me-2" max={total.to_string()} value={done.to_string()}
                        aria-labelledby="progress-text"></progress>
                    <span id="progress-text">{ (t.checking)(done, total) }</span>
                    <button id="cancel-drop" type="button" class="btn btn-outline-primary btn-sm ms-3"
                        onclick={on_cancel}>{ t.cancel_drop }</button>
                </div>
            }
        </>
    }
}
