use std::rc::Rc;

use yew::prelude::*;

use super::KeyPanel;
use crate::state::UnlockedKey;

#[derive(Properties, PartialEq)]
pub struct CompilaProps {
    pub signing_key: Option<Rc<UnlockedKey>>,
    pub on_key_ready: Callback<Rc<UnlockedKey>>,
}

#[function_component(CompilaScreen)]
pub fn compila_screen(props: &CompilaProps) -> Html {
    html! {
        <section aria-labelledby="compila-title">
            <h1 id="compila-title">{ "Compila la scheda dell'ente" }</h1>
            <h2>{ "Chiave di firma" }</h2>
            <p>
                { "Il file della scheda viene firmato con la chiave dell'ente. Al primo uso si crea \
                   la chiave; le volte successive la si apre con la frase segreta." }
            </p>
            <KeyPanel current={props.signing_key.clone()} on_ready={props.on_key_ready.clone()} />
            <h2>{ "Scheda" }</h2>
            <p>
                { "Il modulo di compilazione con i controlli immediati e la bozza salvata \
                   automaticamente è in preparazione." }
            </p>
        </section>
    }
}
