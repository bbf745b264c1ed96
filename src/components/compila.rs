use yew::prelude::*;

#[function_component(CompilaScreen)]
pub fn compila_screen() -> Html {
    html! {
        <section aria-labelledby="compila-title">
            <h1 id="compila-title">{ "Compila la scheda dell'ente" }</h1>
            <p>
                { "Il modulo di compilazione con i controlli immediati, la bozza salvata \
                   automaticamente e la firma del file è in preparazione." }
            </p>
        </section>
    }
}
