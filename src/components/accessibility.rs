//! The accessibility statement page (Legge 4/2004), in the current language.

use yew::prelude::*;

use crate::i18n::statement::AGID_FORM;
use crate::i18n::use_lang;

#[function_component(AccessibilityStatement)]
pub fn accessibility_statement() -> Html {
    let s = use_lang().statement();
    html! {
        <section id="accessibility-statement" aria-labelledby="statement-title">
            <h1 id="statement-title">{ s.title }</h1>
            <p class="lead">{ s.intro }</p>
            <h2>{ s.compliance_title }</h2>
            <p>{ s.compliance }</p>
            <h2>{ s.not_accessible_title }</h2>
            <ul>{ for s.not_accessible.iter().map(|item| html! { <li>{ *item }</li> }) }</ul>
            <h2>{ s.method_title }</h2>
            <p>{ s.method }</p>
            <h2>{ s.feedback_title }</h2>
            <p>{ s.feedback }</p>
            <h2>{ s.enforcement_title }</h2>
            <p>{ s.enforcement }</p>
            <p><a href={AGID_FORM} rel="noopener noreferrer" target="_blank">
                { s.enforcement_link }{ format!(" ({AGID_FORM})") }
            </a></p>
        </section>
    }
}
