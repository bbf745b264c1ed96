//! The capofila's trust registry: how many entes have a key, export it to a file, import one.

use std::rc::Rc;

use offerta_core::signing::TrustRegistry;
use yew::prelude::*;

use crate::browser::download;
use crate::hooks::use_file_import;
use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct RegistryPanelProps {
    pub registry: Rc<TrustRegistry>,
    pub on_import: Callback<TrustRegistry>,
    pub on_message: Callback<String>,
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
            on_message.emit((t.registry_imported)(r.enti.len()));
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
                &registry.to_json(),
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
