//! A message about a file that was refused: the plain words for the clerk, and what the
//! reader found (line and column, encoding, the field) behind «Dettagli tecnici».

use yew::prelude::*;

use crate::i18n::{use_lang, Shown};

#[derive(Properties, PartialEq)]
pub struct DetailedTextProps {
    pub message: Shown,
}

/// A message's plain words; its technical detail, if any, behind the disclosure.
#[function_component(DetailedText)]
pub fn detailed_text(props: &DetailedTextProps) -> Html {
    let t = use_lang().texts();
    let Shown { plain, technical } = &props.message;
    html! {
        <>
            <p class="mb-0">{ plain }</p>
            if let Some(detail) = technical {
                <details class="technical">
                    <summary>{ t.technical_details }</summary>
                    <p class="mb-0">{ detail }</p>
                </details>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ErrorMessageProps {
    pub id: AttrValue,
    pub message: Shown,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component(ErrorMessage)]
pub fn error_message(props: &ErrorMessageProps) -> Html {
    html! {
        <div id={props.id.clone()} class={classes!("alert", "alert-danger", props.class.clone())} role="alert">
            <DetailedText message={props.message.clone()} />
        </div>
    }
}
