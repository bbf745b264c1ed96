//! Hooks shared by the screens.

use offerta_core::text::Message;
use yew::prelude::*;

use crate::browser::files;
use crate::i18n::{use_lang, Shown};

/// What a file input does when the user chooses a file: read it, make something of it, and
/// say what went wrong. `parse` gets the file's name and bytes and gives the thing, or why
/// not in both languages (with its technical detail, if any); `on_ok` receives the thing;
/// `on_error` receives "name: why." (or why the browser could not read the file) in the
/// page's language, the detail apart.
#[hook]
pub fn use_file_import<T: 'static, E: Into<Message> + 'static>(
    parse: fn(&str, &[u8]) -> Result<T, E>,
    on_ok: Callback<T>,
    on_error: Callback<Shown>,
) -> Callback<Event> {
    let lang = use_lang();
    Callback::from(move |e: Event| {
        let Some(file) = files::first_chosen(&e) else {
            return;
        };
        let (on_ok, on_error) = (on_ok.clone(), on_error.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let (name, bytes) = files::read(file).await;
            let result = bytes
                .map_err(|e| lang.texts().explain(&e))
                .and_then(|bytes| {
                    parse(&name, &bytes).map_err(|e| Shown::of_file(&name, lang.show(&e.into())))
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
