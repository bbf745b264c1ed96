//! The capofila's trust registry: the keys of each ente with their state (in use, replaced,
//! revoked), the revocation of a lost or stolen key, export to a file, import one.

use std::rc::Rc;

use offerta_core::signing::{check_retirement, TrustRegistry};
use yew::prelude::*;

use crate::browser::download;
use crate::hooks::use_file_import;
use crate::i18n::{use_lang, Shown};

#[derive(Properties, PartialEq)]
pub struct RegistryPanelProps {
    pub registry: Rc<TrustRegistry>,
    pub on_import: Callback<TrustRegistry>,
    pub on_message: Callback<Shown>,
    pub on_revoke: Callback<Revocation>,
}

/// A key the capofila revokes: the ente's id, the key's fingerprint, from when and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Revocation {
    pub ente_id: String,
    pub fingerprint: String,
    pub from: String,
    pub reason: String,
}

fn read_registry(_: &str, bytes: &[u8]) -> Result<TrustRegistry, offerta_core::text::Bilingual> {
    TrustRegistry::from_json(&String::from_utf8_lossy(bytes))
}

#[function_component(RegistryPanel)]
pub fn registry_panel(props: &RegistryPanelProps) -> Html {
    let t = use_lang().texts();
    let on_imported = {
        let (on_import, on_message) = (props.on_import.clone(), props.on_message.clone());
        Callback::from(move |r: TrustRegistry| {
            on_message.emit((t.registry_imported)(r.enti.len()).into());
            on_import.emit(r);
        })
    };
    let on_file = use_file_import(read_registry, on_imported, props.on_message.clone());
    let on_export = {
        let (registry, on_message) = (props.registry.clone(), props.on_message.clone());
        Callback::from(move |_| {
            let saved = download::save_text(
                "registro-chiavi.json",
                "application/json",
                &registry.to_file_json(),
            );
            if let Err(e) = saved {
                on_message.emit(t.explain(&e));
            }
        })
    };
    html! {
        <div class="no-print">
            <h2>{ t.registry_title }</h2>
            <p id="registry-count">{ (t.registry_count)(props.registry.enti.len()) }</p>
            if !props.registry.enti.is_empty() {
                <KeyList registry={props.registry.clone()} on_revoke={props.on_revoke.clone()} />
            }
            <div class="row">
                <div class="col-12 col-md-6 mb-3">
                    <button type="button" id="registry-export" class="btn btn-outline-primary" onclick={on_export}>{ t.registry_export }</button>
                </div>
                <div class="col-12 col-md-6 mb-3">
                    <label for="registry-import" class="form-label">{ t.registry_import }</label>
                    <input id="registry-import" class="form-control" type="file" accept=".json" onchange={on_file} />
                </div>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct KeyListProps {
    registry: Rc<TrustRegistry>,
    on_revoke: Callback<Revocation>,
}

/// How many keys the list shows at most: a registry of 100,000 keys is searched, not
/// rendered whole (rendering every row made the import of such a registry take minutes).
const KEYS_SHOWN: usize = 100;

/// Every key of the registry with its state, rendered once opened; a key in use can be
/// revoked from a date. With many keys, a search by ente or fingerprint finds one.
#[function_component(KeyList)]
fn key_list(props: &KeyListProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let open = use_state(|| false);
    let query = use_state(String::new);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::HtmlDetailsElement>()
                    .open(),
            )
        })
    };
    let summary = html! { <summary>{ t.registry_keys_open }</summary> };
    if !*open {
        return html! { <details id="registry-keys" class="mb-3" ontoggle={on_toggle}>{ summary }</details> };
    }
    let found = props.registry.keys_matching(&query, KEYS_SHOWN);
    let rows = found.shown.iter().map(|&(id, ente, k)| {
        let state = match &k.ritirata {
            None => t.key_in_use.to_owned(),
            Some(r) => lang.say(&r.describe()).to_owned(),
        };
        html! {
            <tr key={format!("{id}/{}", k.chiave_pubblica)}>
                <th scope="row">{ &ente.nome }</th>
                <td class="fingerprint">{ &k.impronta }</td>
                <td>{ offerta_core::text::day_of(&k.accettata_il) }</td>
                <td class="key-state">
                    { state }
                    if k.is_active() {
                        <Revoke ente_id={id.to_owned()} fingerprint={k.impronta.clone()} on_revoke={props.on_revoke.clone()} />
                    }
                </td>
            </tr>
        }
    });
    let total_keys: usize = props.registry.enti.values().map(|e| e.chiavi.len()).sum();
    html! {
        <details id="registry-keys" class="mb-3" ontoggle={on_toggle} open=true>
            { summary }
            if total_keys > KEYS_SHOWN {
                <label class="form-label" for="registry-search">{ t.registry_search }</label>
                <input id="registry-search" class="form-control mb-2" type="search"
                    value={(*query).clone()} oninput={crate::components::inputs::typed(&query)} />
            }
            <p id="registry-shown" class="hint" aria-live="polite">{ (t.registry_shown)(found.shown.len(), found.total, total_keys) }</p>
            <crate::components::ScrollRegion labelled_by="registry-keys-caption">
                <table class="table table-sm" id="registry-keys-table">
                    <caption id="registry-keys-caption">{ t.registry_keys_caption }</caption>
                    <thead><tr>
                        <th scope="col">{ t.col_ente }</th>
                        <th scope="col">{ t.col_fingerprint }</th>
                        <th scope="col">{ t.col_accepted_on }</th>
                        <th scope="col">{ t.col_key_state }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </crate::components::ScrollRegion>
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct RevokeProps {
    ente_id: String,
    fingerprint: String,
    on_revoke: Callback<Revocation>,
}

/// Revokes one key (lost or stolen) from a day, with the reason the registry keeps.
#[function_component(Revoke)]
fn revoke(props: &RevokeProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let from = use_state(|| crate::browser::now_rfc3339()[..10].to_owned());
    let reason = use_state(String::new);
    let problem = use_state(|| None::<String>);
    let id = format!("revoke-{}", props.fingerprint);
    let on_from = crate::components::inputs::typed(&from);
    let on_reason = crate::components::inputs::typed(&reason);
    let on_click = {
        let (from, reason, problem) = (from.clone(), reason.clone(), problem.clone());
        let (ente_id, fingerprint, on_revoke) = (
            props.ente_id.clone(),
            props.fingerprint.clone(),
            props.on_revoke.clone(),
        );
        Callback::from(move |_| match check_retirement(&from, &reason) {
            Ok(moment) => on_revoke.emit(Revocation {
                ente_id: ente_id.clone(),
                fingerprint: fingerprint.clone(),
                from: moment,
                reason: (*reason).clone(),
            }),
            Err(why) => problem.set(Some(lang.say(&why).to_owned())),
        })
    };
    html! {
        <details class="revoke-key">
            <summary>{ t.revoke_open }</summary>
            <p class="hint">{ t.revoke_intro }</p>
            <label class="form-label" for={format!("{id}-from")}>{ t.revoke_from }</label>
            <input id={format!("{id}-from")} class="form-control revoke-from" type="date"
                value={(*from).clone()} oninput={on_from} />
            <label class="form-label" for={format!("{id}-reason")}>{ t.revoke_reason }</label>
            <input id={format!("{id}-reason")} class="form-control revoke-reason" type="text"
                value={(*reason).clone()} oninput={on_reason}
                aria-describedby={problem.is_some().then(|| format!("{id}-problem"))} />
            if let Some(p) = &*problem {
                <p id={format!("{id}-problem")} class="error-msg">{ p }</p>
            }
            <button type="button" class="btn btn-outline-danger mt-2 revoke-confirm" onclick={on_click}>{ t.revoke_confirm }</button>
        </details>
    }
}
