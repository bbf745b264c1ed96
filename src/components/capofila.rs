use std::rc::Rc;

use offerta_core::{aggregate, Submission};
use yew::prelude::*;

use super::PlanTable;

#[derive(Properties, PartialEq)]
pub struct CapofilaProps {
    pub received: Rc<Vec<Submission>>,
}

#[function_component(CapofilaScreen)]
pub fn capofila_screen(props: &CapofilaProps) -> Html {
    let plan = use_memo(props.received.clone(), |received| aggregate(received, None));
    html! {
        <section aria-labelledby="capofila-title">
            <h1 id="capofila-title">{ "Aggrega come comune capofila" }</h1>
            if props.received.is_empty() {
                <p id="no-files">
                    { "Nessuna scheda caricata. Torna alla pagina iniziale e carica i dati \
                       dimostrativi per vedere il piano aggregato." }
                </p>
            } else {
                <p id="received-count">
                    { format!("Schede caricate: {}", props.received.len()) }
                </p>
                <PlanTable plan={plan} />
            }
        </section>
    }
}
