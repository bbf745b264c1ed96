//! The Italian trusted list (AgID's `TSL-IT.xml`), which the capofila loads so that the
//! files signed with a firma digitale (`.p7m`) can count: kept in this browser (the core's
//! compact record) and read back at each visit; its number, issue date and next update, a
//! warning when a newer list is due, that its own signature is not checked, an older list
//! held until the capofila confirms it, and the button that removes the kept list.

use std::rc::Rc;

use offerta_core::signing::trusted_list::{read_trusted_list, TrustedList};
use offerta_core::text::{day_of, Message};
use yew::prelude::*;

use crate::browser::{self, storage};
use crate::hooks::use_file_import;
use crate::i18n::{use_lang, Shown};
use crate::state::{Action, AppState, CapofilaAction, ListKept};

#[derive(Properties, PartialEq)]
pub struct TrustedListPanelProps {
    pub list: Option<Rc<TrustedList>>,
    pub kept: ListKept,
    pub older: Option<Rc<TrustedList>>,
    pub dispatch: UseReducerDispatcher<AppState>,
    pub on_message: Callback<Shown>,
}

fn read_list(_: &str, bytes: &[u8]) -> Result<Rc<TrustedList>, Message> {
    read_trusted_list(bytes)
        .map(Rc::new)
        .map_err(|e| e.message())
}

fn dispatcher(
    dispatch: &UseReducerDispatcher<AppState>,
) -> impl Fn(CapofilaAction) + Clone + 'static {
    let dispatch = dispatch.clone();
    move |action| dispatch.dispatch(Action::Capofila(action))
}

/// A list just loaded (or an older one confirmed) is saved in this browser; the state says
/// what came of it.
#[hook]
fn use_trusted_list_saved(props: &TrustedListPanelProps) {
    let send = dispatcher(&props.dispatch);
    let to_save = (props.kept == ListKept::ToSave)
        .then(|| props.list.clone())
        .flatten();
    use_effect_with(to_save, move |to_save| {
        if let Some(list) = to_save {
            send(CapofilaAction::TrustedListSaved(
                storage::save_trusted_list(list),
            ));
        }
    });
}

#[function_component(TrustedListPanel)]
pub fn trusted_list_panel(props: &TrustedListPanelProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let send = dispatcher(&props.dispatch);
    let on_load = {
        let send = send.clone();
        Callback::from(move |list| send(CapofilaAction::LoadTrustedList(list)))
    };
    let on_file = {
        let read = use_file_import(read_list, on_load, props.on_message.clone());
        // The same file may be chosen again (an older list held, then kept after all): an
        // input whose value is unchanged would not say so.
        Callback::from(move |e: Event| {
            read.emit(e.clone());
            let input: web_sys::HtmlInputElement = yew::TargetCast::target_unchecked_into(&e);
            input.set_value("");
        })
    };
    use_trusted_list_saved(props);
    let on_forget = {
        let (send, on_message) = (send.clone(), props.on_message.clone());
        Callback::from(move |_: MouseEvent| match storage::forget_trusted_list() {
            Ok(()) => send(CapofilaAction::ForgetTrustedList),
            Err(e) => on_message.emit(t.explain(&e)),
        })
    };
    let said = props.list.as_ref().map(|list| {
        let out_of_date = list.is_out_of_date(&browser::now_rfc3339());
        let (issued, next) = (day_of(&list.issued), day_of(&list.next_update));
        let anchors = list.signature_anchors().count();
        let words = match props.kept {
            ListKept::Kept => (t.trusted_list_kept)(list.sequence_number, &issued, &next, anchors),
            _ => (t.trusted_list_loaded)(list.sequence_number, &issued, &next, anchors),
        };
        html! {
            <>
                <p id="trusted-list-loaded">{ words }</p>
                if let ListKept::NotSaved(why) = &props.kept {
                    <p id="trusted-list-not-saved" class="alert alert-warning">{ t.explain(why).plain }</p>
                }
                if out_of_date {
                    <p id="trusted-list-out-of-date" class="alert alert-warning">{ t.trusted_list_out_of_date }</p>
                }
                <p class="small">{ offerta_core::text::capitalise(lang.say(&list.signature.message())) }{ "." }</p>
                if props.kept == ListKept::Kept {
                    <p class="small">
                        { t.trusted_list_forget_note }{ " " }
                        <button id="trusted-list-forget" type="button" class="btn btn-outline-secondary btn-sm"
                            onclick={on_forget}>{ t.trusted_list_forget }</button>
                    </p>
                }
            </>
        }
    });
    let older = props.list.as_ref().zip(props.older.as_ref()).map(|(in_use, older)| {
        let (use_older, keep_newer) = (send.clone(), send.clone());
        html! {
            <div id="trusted-list-older" class="alert alert-warning" role="status">
                <p>{ (t.trusted_list_older)(older.sequence_number, &day_of(&older.issued), in_use.sequence_number, &day_of(&in_use.issued)) }</p>
                <button id="trusted-list-use-older" type="button" class="btn btn-outline-danger btn-sm me-2"
                    onclick={Callback::from(move |_: MouseEvent| use_older(CapofilaAction::ConfirmOlderTrustedList))}>
                    { (t.trusted_list_use_older)(older.sequence_number) }
                </button>
                <button id="trusted-list-keep-newer" type="button" class="btn btn-primary btn-sm"
                    onclick={Callback::from(move |_: MouseEvent| keep_newer(CapofilaAction::DiscardOlderTrustedList))}>
                    { (t.trusted_list_keep_newer)(in_use.sequence_number) }
                </button>
            </div>
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
            if let Some(older) = older {
                { older }
            }
            <p class="small">{ t.trusted_list_revocation }</p>
            <div class="mb-3">
                <label for="trusted-list-import" class="form-label">{ t.trusted_list_import }</label>
                <input id="trusted-list-import" class="form-control" type="file" accept=".xml" onchange={on_file} />
            </div>
        </div>
    }
}
