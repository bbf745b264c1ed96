//! Small callbacks that copy what a control holds into a piece of local state.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A text input that writes what is typed into `state`, at every keystroke (so a click
/// right after typing sees the new value).
pub fn typed(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        state.set(e.target_unchecked_into::<HtmlInputElement>().value())
    })
}

/// A select (or input) that writes its value into `state` when it changes.
pub fn chosen(state: &UseStateHandle<String>) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
}

/// A checkbox that writes whether it is ticked into `state`.
pub fn ticked(state: &UseStateHandle<bool>) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        state.set(e.target_unchecked_into::<HtmlInputElement>().checked())
    })
}
