//! Which plan the capofila is making: the ambito (a preset or one imported from a file) and
//! the plan year.

use std::rc::Rc;

use offerta_core::ambiti::{self, Ambito};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::use_file_import;
use crate::i18n::{use_lang, Shown};

#[derive(Properties, PartialEq)]
pub struct AmbitoAndYearProps {
    /// Presets and imported ambiti, as listed.
    pub ambiti: Rc<Vec<Ambito>>,
    /// The id of the ambito chosen.
    pub chosen: String,
    pub year: u16,
    pub on_choose: Callback<String>,
    pub on_import: Callback<Ambito>,
    pub on_year: Callback<u16>,
    pub on_message: Callback<Shown>,
}

/// An ambito file as the CLI reads it too (`ambiti::import_file`). Spreadsheets may save a
/// CSV in a Windows code page: the codes are digits, so a lossy reading keeps them.
fn read_ambito(name: &str, bytes: &[u8]) -> Result<Ambito, offerta_core::ambiti::ImportError> {
    ambiti::import_file(name, &String::from_utf8_lossy(bytes))
}

#[function_component(AmbitoAndYear)]
pub fn ambito_and_year(props: &AmbitoAndYearProps) -> Html {
    let t = use_lang().texts();
    // The choice is set on the select itself: Firefox keeps a selection the user made over
    // a `selected` attribute changed later (a newly imported ambito stayed unchosen).
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(
            (props.chosen.clone(), props.ambiti.clone()),
            move |(chosen, _)| {
                if let Some(select) = select.cast::<web_sys::HtmlSelectElement>() {
                    select.set_value(chosen);
                }
            },
        );
    }
    let on_imported = {
        let (on_import, on_message) = (props.on_import.clone(), props.on_message.clone());
        Callback::from(move |a: Ambito| {
            on_message.emit((t.ambito_imported)(&a.nome, a.comuni.len()).into());
            on_import.emit(a);
        })
    };
    let on_file = use_file_import(read_ambito, on_imported, props.on_message.clone());
    let on_ambito = props
        .on_choose
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
    // The year changes as it is typed, once it is a plan year the app has rules for: "20"
    // on the way to "2026" changes nothing, and no blur is needed.
    let on_year = {
        let on_year = props.on_year.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(year) = text.trim().parse::<u16>() {
                if offerta_core::rules::rule_set_for(year).is_some() {
                    on_year.emit(year);
                }
            }
        })
    };
    html! {
        <>
            <h2>{ t.ambito_and_year }</h2>
            <div class="row">
                <div class="col-12 col-md-6 mb-3">
                    <label for="ambito-select" class="form-label">{ t.ambito }</label>
                    <select id="ambito-select" class="form-select" onchange={on_ambito} ref={select.clone()}>
                        { for props.ambiti.iter().map(|a| html! {
                            <option value={a.id.clone()} selected={a.id == props.chosen}>
                                { (t.ambito_option)(&a.nome, a.comuni.len()) }
                            </option>
                        }) }
                    </select>
                </div>
                <div class="col-12 col-md-6 mb-3">
                    <label for="year-input" class="form-label">{ t.plan_year }</label>
                    <input id="year-input" class="form-control" type="number" min="2019" max="2100"
                        value={props.year.to_string()} oninput={on_year} />
                </div>
            </div>
            <div class="mb-3">
                <label for="ambito-file" class="form-label">{ t.import_ambito }</label>
                <input id="ambito-file" class="form-control" type="file" accept=".json,.csv" onchange={on_file} />
            </div>
        </>
    }
}
