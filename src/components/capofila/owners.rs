//! Which comuni of the ambito own housing. The capofila knows them from the previous plan and
//! the regional registry, not from the answers: only with this list can the plan name an
//! owner that sent nothing as inadempiente (the core's `ricognizione`). One native checkbox
//! per comune, so a keyboard and a screen reader work as they do everywhere.

use std::rc::Rc;

use offerta_core::ambiti::Ambito;
use offerta_core::comuni::{self, IstatCode};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct OwnersProps {
    pub ambito: Rc<Ambito>,
    /// A comune ticked (true) or unticked (false) as owning housing.
    pub on_change: Callback<(IstatCode, bool)>,
}

#[function_component(Owners)]
pub fn owners(props: &OwnersProps) -> Html {
    let t = use_lang().texts();
    let ambito = &props.ambito;
    let summary = match &ambito.con_patrimonio {
        Some(owners) => (t.owners_summary)(owners.len(), ambito.comuni.len()),
        None => t.owners_not_known.to_owned(),
    };
    html! {
        <details id="owners" class="owners mb-3">
            <summary>{ summary }</summary>
            <fieldset aria-describedby="owners-help">
                <legend>{ t.owners_legend }</legend>
                <p id="owners-help">{ t.owners_help }</p>
                <div class="owners-list">
                    { for ambito.comuni.iter().map(|&code| owner_box(code, ambito.owns_stock(code), &props.on_change)) }
                </div>
            </fieldset>
        </details>
    }
}

/// The labelled checkbox of one comune: its name and ISTAT code.
fn owner_box(code: IstatCode, owns: bool, on_change: &Callback<(IstatCode, bool)>) -> Html {
    let id = format!("owner-{code}");
    let name = comuni::by_code(code).map_or("", |c| c.nome.as_str());
    let onchange = on_change.reform(move |e: Event| {
        (
            code,
            e.target_unchecked_into::<HtmlInputElement>().checked(),
        )
    });
    html! {
        <div class="form-check" key={id.clone()}>
            <input id={id.clone()} type="checkbox" checked={owns} {onchange} />
            <label for={id}>{ format!("{name} ({code})") }</label>
        </div>
    }
}
