//! What is stored in this browser that this copy of the app cannot read (written by a later
//! version, or damaged): said on every screen, in plain words with the technical detail
//! behind «Dettagli tecnici». Nothing of it is written over; a damaged item can be set
//! aside (kept under another key) at the clerk's request, so the app can save a new one.

use std::rc::Rc;

use offerta_core::stored::Problem;
use yew::prelude::*;

use super::DetailedText;
use crate::browser::storage;
use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct StoredNoticeProps {
    pub problems: Rc<Vec<Problem>>,
    /// After an item was set aside: the page reads the storage again.
    pub on_changed: Callback<()>,
}

#[function_component(StoredNotice)]
pub fn stored_notice(props: &StoredNoticeProps) -> Html {
    let t = use_lang().texts();
    let error = use_state(|| None::<String>);
    if props.problems.is_empty() {
        return html! {};
    }
    html! {
        <section id="stored-unreadable" class="alert alert-warning no-print" role="alert"
            aria-labelledby="stored-unreadable-title">
            <p id="stored-unreadable-title" class="fw-bold">{ t.stored_notice_title }</p>
            <ul class="mb-0">
                { for props.problems.iter().map(|p| {
                    let on_aside = {
                        let (p, error, on_changed) = (p.clone(), error.clone(), props.on_changed.clone());
                        Callback::from(move |_| match storage::set_aside(&p) {
                            Ok(()) => {
                                error.set(None);
                                on_changed.emit(());
                            }
                            // Setting aside fails in plain words, with no detail.
                            Err(e) => error.set(Some(t.explain(&e).plain)),
                        })
                    };
                    html! {
                        <li class="stored-problem" data-key={p.key.clone()}>
                            <DetailedText message={(t.stored_problem)(p)} />
                            if p.can_set_aside() {
                                <button type="button" class="btn btn-sm btn-outline-primary set-aside mt-1"
                                    onclick={on_aside}>{ t.set_aside }</button>
                            }
                        </li>
                    }
                }) }
            </ul>
            if let Some(e) = &*error { <p class="mb-0 mt-2">{ e }</p> }
        </section>
    }
}
