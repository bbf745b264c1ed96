//! A message about a file that was refused: the plain words for the clerk, and what the
//! reader found (line and column, encoding, the field) behind «Dettagli tecnici».

use offerta_core::text::plain_and_technical;
use yew::prelude::*;

use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct ErrorMessageProps {
    pub id: AttrValue,
    pub message: String,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component(ErrorMessage)]
pub fn error_message(props: &ErrorMessageProps) -> Html {
    let t = use_lang().texts();
    let (plain, technical) = plain_and_technical(&props.message);
    html! {
        <div id={props.id.clone()} class={classes!("alert", "alert-danger", props.class.clone())} role="alert">
            <p class="mb-0">{ plain }</p>
            if let Some(detail) = technical {
                <details class="technical">
                    <summary>{ t.technical_details }</summary>
                    <p class="mb-0">{ detail }</p>
                </details>
            }
        </div>
    }
}
