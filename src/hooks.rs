//! Hooks shared by the screens.

use std::rc::Rc;

use offerta_core::text::{visible, Bilingual};
use yew::prelude::*;

use crate::browser::files;
use crate::i18n::use_lang;

/// What a file input does when the user chooses a file: read it, make something of it, and
/// say what went wrong. `parse` gets the file's name and bytes and gives the thing, or why
/// not in both languages; `on_ok` receives the thing; `on_error` receives "name: why." (or
/// why the browser could not read the file) in the page's language.
#[hook]
pub fn use_file_import<T, F>(
    parse: F,
    on_ok: Callback<T>,
    on_error: Callback<String>,
) -> Callback<Event>
where
    T: 'static,
    F: Fn(&str, &[u8]) -> Result<T, Bilingual> + 'static,
{
    let read = use_file_read(parse, on_ok, on_error);
    Callback::from(move |e: Event| {
        if let Some(file) = files::first_chosen(&e) {
            read.emit(file);
        }
    })
}

/// [`use_file_import`] for a file however it came (chosen, or dropped on a zone). The name in
/// a message shows its invisible characters (`text::visible`): a name is outside input.
#[hook]
pub fn use_file_read<T, F>(
    parse: F,
    on_ok: Callback<T>,
    on_error: Callback<String>,
) -> Callback<web_sys::File>
where
    T: 'static,
    F: Fn(&str, &[u8]) -> Result<T, Bilingual> + 'static,
{
    let lang = use_lang();
    let parse = Rc::new(parse);
    Callback::from(move |file: web_sys::File| {
        let (parse, on_ok, on_error) = (parse.clone(), on_ok.clone(), on_error.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let (name, bytes) = files::read(file).await;
            let result = bytes
                .map_err(|e| lang.texts().explain(&e))
                .and_then(|bytes| {
                    parse(&name, &bytes)
                        .map_err(|e| format!("{}: {}.", visible(&name), lang.say(&e)))
                });
            match result {
                Ok(thing) => on_ok.emit(thing),
                Err(message) => on_error.emit(message),
            }
        });
    })
}

/// While `active`, leaving or reloading the page asks first: the browser shows its own
/// question (it ignores the text, but some need one set).
#[hook]
pub fn use_leave_warning(active: bool, message: &'static str) {
    use wasm_bindgen::JsCast;
    use_effect_with(active, move |active| {
        let listener = active.then(|| {
            // Not passive: cancelling the event is how current browsers are asked to ask.
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            let window = gloo::utils::window();
            gloo::events::EventListener::new_with_options(
                &window,
                "beforeunload",
                options,
                move |e| {
                    e.prevent_default();
                    if let Some(e) = e.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                        e.set_return_value(message);
                    }
                },
            )
        });
        move || drop(listener)
    });
}
