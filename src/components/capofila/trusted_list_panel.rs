//! The Italian trusted list (AgID's `TSL-IT.xml`), which the capofila loads so that the
//! files signed with a firma digitale (`.p7m`) can count: its issue date and next update,
//! a warning when a newer list is due, and that its own signature is not checked.

use std::rc::Rc;

use offerta_core::signing::trusted_list::{read_trusted_list, TrustedList};
use offerta_core::text::{day_of, Message};
use yew::prelude::*;

use crate::browser;
use crate::hooks::use_file_import;
use crate::i18n::{use_lang, Shown};

#[derive(Properties, PartialEq)]
pub struct TrustedListPanelProps {
    pub list: Option<Rc<TrustedList>>,
    pub on_load: Callback<Rc<TrustedList>>,
    pub on_message: Callback<Shown>,
}

fn read_list(_: &str, bytes: &[u8]) -> Result<Rc<TrustedList>, Message> {
    read_trusted_list(bytes)
        .map(Rc::new)
        .map_err(|e| e.message())
}

#[function_component(TrustedListPanel)]
pub fn trusted_list_panel(props: &TrustedListPanelProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let on_file = use_file_import(read_list, props.on_load.clone(), props.on_message.clone());
    let said = props.list.as_ref().map(|list| {
        let out_of_date = list.is_out_of_date(&browser::now_rfc3339());
        html! {
            <>
                <p id="trusted-list-loaded">
                    { (t.trusted_list_loaded)(
                        list.sequence_number,
                        &day_of(&list.issued),
                        &day_of(&list.next_update),
                        list.signature_anchors().count(),
                    ) }
                </p>
                if out_of_date {
                    <p id="trusted-list-out-of-date" class="alert alert-warning">{ t.trusted_list_out_of_date }</p>
                }
                <p class="small">{ offerta_core::text::capitalise(lang.say(&list.signature.message())) }{ "." }</p>
            </>
        }
    });
    html! {
        <div class="no-print" id="trusted-list">
            <h2>{ t.trusted_list_title }</h2>
            if let Some(said) = said {
                { said }
            } else {
                <p id="trusted-list-none">{ t.trusted_list_none }</p>
            }
            <p class="small">{ t.trusted_list_not_kept }</p>
            <div class="mb-3">
                <label for="trusted-list-import" class="form-label">{ t.trusted_list_import }</label>
                <input id="trusted-list-import" class="form-control" type="file" accept=".xml" onchange={on_file} />
            </div>
        </div>
    }
}
