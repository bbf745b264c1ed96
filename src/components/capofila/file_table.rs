//! The files received, one row each: its ente, its state and why, and for a key not yet
//! registered the button that accepts it. Files in the plan are listed on request.

use std::rc::Rc;

use offerta_core::intake::{Disposition, ReceivedFile};
use yew::prelude::*;

use crate::components::ScrollRegion;
use crate::i18n::{use_lang, Lang, Texts};

/// A key the capofila accepts for an ente, after comparing its fingerprint.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyToAccept {
    pub ente_id: String,
    pub ente: String,
    pub public_key: String,
}

#[derive(Properties, PartialEq)]
pub struct FileTableProps {
    pub received: Rc<Vec<ReceivedFile>>,
    pub on_accept: Callback<KeyToAccept>,
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

/// The key of a file waiting for one, when it has a readable submission.
fn key_to_accept(f: &ReceivedFile) -> Option<KeyToAccept> {
    let (Disposition::ChiaveDaAccettare, Some(s), Some(key)) = (
        &f.disposition,
        &f.verified.submission,
        &f.verified.public_key,
    ) else {
        return None;
    };
    Some(KeyToAccept {
        ente_id: s.ente.id(),
        ente: s.ente.display_name(),
        public_key: key.clone(),
    })
}

/// One file's row (a plain function: a thousand rows are not worth a component each).
fn file_row(f: &ReceivedFile, lang: Lang, on_accept: &Callback<KeyToAccept>) -> Html {
    let t = lang.texts();
    let (label, class) = status_label(&f.disposition, t);
    let explanation = f.explanation();
    let accept = key_to_accept(f).map(|key| {
        let onclick = on_accept.reform(move |_| key.clone());
        html! {
            <button type="button" class="btn btn-outline-primary accept-key" {onclick}>
                { (t.accept_key)(f.verified.fingerprint.as_deref().unwrap_or_default()) }
            </button>
        }
    });
    html! {
        <tr class={classes!("file", class)}>
            <th scope="row" class="file-name">{ &f.name }</th>
            <td>{ f.ente_name().unwrap_or_else(|| "-".into()) }</td>
            <td class="status"><span class={classes!("badge", class)}>{ label }</span></td>
            <td class="detail">
                { lang.say(&explanation) } { for accept }
                if let Some(detail) = f.technical_detail() {
                    <details class="technical">
                        <summary>{ t.technical_details }</summary>
                        { lang.say(&detail).to_owned() }
                    </details>
                }
            </td>
        </tr>
    }
}

#[function_component(FileTable)]
pub fn file_table(props: &FileTableProps) -> Html {
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
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_| show_all.set(!*show_all))
    };
    let rows = props
        .received
        .iter()
        .filter(|f| *show_all || f.disposition != Disposition::Conteggiata)
        .map(|f| file_row(f, lang, &props.on_accept));
    html! {
        <>
        // Nothing to show besides the files to check when none is in the plan.
        if in_plan > 0 {
            <button type="button" id="files-toggle" class="btn btn-link no-print" onclick={toggle}>
                { if *show_all { t.files_show_to_check.to_owned() } else { (t.files_show_all)(in_plan) } }
            </button>
        }
        <ScrollRegion labelled_by="files-table-caption">
            <table id="files-table" class="table">
                <caption id="files-table-caption">{ if *show_all { t.files_caption_all } else { t.files_caption_to_check } }</caption>
                <thead><tr>
                    <th scope="col">{ t.col_file }</th>
                    <th scope="col">{ t.col_ente }</th>
                    <th scope="col">{ t.col_status }</th>
                    <th scope="col">{ t.col_detail }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </ScrollRegion>
        </>
    }
}
