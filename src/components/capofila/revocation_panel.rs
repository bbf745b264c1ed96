//! The certificate revocation lists (CRLs) the capofila loads, beside the trusted list: the
//! app is offline, so it fetches no list and asks no OCSP responder; a list loaded here makes
//! a `.p7m` whose certificate it names refused, and the others say «non revocato secondo la
//! lista …». Each list is shown as the core summarises it (issuer, dates, how many
//! certificates it names, whether it is used); the lists are kept for the visit only.

use std::rc::Rc;

use offerta_core::signing::cades::revocation::{summaries, CrlError, MAX_CRL_BYTES};
use offerta_core::signing::cades::{read_crl, RevocationList};
use offerta_core::signing::qualified::TrustAnchor;
use offerta_core::text::{Bilingual, Message};
use yew::prelude::*;

use crate::browser::{self, files};
use crate::hooks::use_file_read;
use crate::i18n::{use_lang, Shown};

#[derive(Properties, PartialEq)]
pub struct RevocationPanelProps {
    pub lists: Rc<Vec<RevocationList>>,
    pub anchors: Rc<Vec<TrustAnchor>>,
    pub on_load: Callback<Rc<RevocationList>>,
    /// The file name of a list to take away.
    pub on_remove: Callback<String>,
    pub on_message: Callback<Shown>,
}

fn read_list(name: &str, bytes: &[u8]) -> Result<Rc<RevocationList>, Message> {
    read_crl(bytes, name).map(Rc::new).map_err(|e| e.message())
}

fn title() -> Bilingual {
    Bilingual::new(
        "Liste di revoca dei certificati (CRL)",
        "Certificate revocation lists (CRL)",
    )
}

fn offline() -> Bilingual {
    Bilingual::new(
        "L'app lavora senza internet: non scarica le liste di revoca e non interroga i servizi OCSP dei certificatori. Senza una lista, ogni firma digitale dice «revoca non controllata». Per controllarla, scaricare dal sito del certificatore la sua lista di revoca (file .crl) e caricarla qui: un file firmato con un certificato che vi è elencato è scartato.",
        "The app works without internet: it downloads no revocation list and asks no certification authority's OCSP service. Without a list, each digital signature says «revocation not checked». To check it, download the certification authority's revocation list (.crl file) from its site and load it here: a file signed with a certificate it lists is rejected.",
    )
}

fn not_kept() -> Bilingual {
    Bilingual::new(
        "Le liste caricate valgono solo per questa visita: il browser non le conserva (ne ricorda solo il nome); caricarle di nuovo alla prossima apertura.",
        "The lists loaded hold for this visit only: the browser does not keep them (it remembers their names only); load them again next time.",
    )
}

fn none() -> Bilingual {
    Bilingual::new(
        "Nessuna lista di revoca caricata.",
        "No revocation list loaded.",
    )
}

fn import_label() -> Bilingual {
    Bilingual::new(
        "Carica una o più liste di revoca (.crl)",
        "Load one or more revocation lists (.crl)",
    )
}

#[function_component(RevocationPanel)]
pub fn revocation_panel(props: &RevocationPanelProps) -> Html {
    let lang = use_lang();
    let read = use_file_read(read_list, props.on_load.clone(), props.on_message.clone());
    let on_message = props.on_message.clone();
    let on_files = Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        for file in files::list(input.files()) {
            // A file far larger than any list is refused before the browser reads it.
            let size = file.size() as usize;
            if size > MAX_CRL_BYTES {
                let plain = lang
                    .say(&CrlError::TooLarge(size).message().plain)
                    .to_owned();
                on_message.emit(Shown {
                    plain: format!("{}: {plain}.", file.name()),
                    technical: None,
                });
            } else {
                read.emit(file);
            }
        }
        input.set_value("");
    });
    let shown = summaries(&props.lists, &props.anchors, &browser::now_rfc3339());
    let items = shown.iter().map(|summary| {
        let name = summary.file_name.clone();
        let on_remove = props.on_remove.clone();
        let remove = Callback::from(move |_: MouseEvent| on_remove.emit(name.clone()));
        let class = if summary.usable { "" } else { "text-danger" };
        let remove_label = lang.say(&Bilingual::new(
            format!("Togli la lista {}", summary.file_name),
            format!("Remove the list {}", summary.file_name),
        )).to_owned();
        html! {
            <li class={classes!("revocation-list", class)}>
                <strong>{ offerta_core::text::visible(&summary.file_name) }</strong>{ ": " }
                { lang.say(&summary.described()) }{ " " }
                <button type="button" class="btn btn-sm btn-outline-secondary" aria-label={remove_label}
                    onclick={remove}>{ lang.say(&Bilingual::new("Togli", "Remove")) }</button>
            </li>
        }
    });
    html! {
        <div class="no-print" id="revocation-lists">
            <h2>{ lang.say(&title()) }</h2>
            <p class="small">{ lang.say(&offline()) }</p>
            if shown.is_empty() {
                <p id="revocation-lists-none">{ lang.say(&none()) }</p>
            } else {
                <ul id="revocation-lists-loaded">{ for items }</ul>
            }
            <p class="small">{ lang.say(&not_kept()) }</p>
            <div class="mb-3">
                <label for="revocation-list-import" class="form-label">{ lang.say(&import_label()) }</label>
                <input id="revocation-list-import" class="form-control" type="file" multiple=true
                    accept=".crl,.pem,.der" onchange={on_files} />
            </div>
        </div>
    }
}
