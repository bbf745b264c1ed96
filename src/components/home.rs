use yew::prelude::*;

use crate::state::Screen;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub go: Callback<Screen>,
    pub load_demo: Callback<()>,
}

#[function_component(HomeScreen)]
pub fn home_screen(props: &HomeProps) -> Html {
    html! {
        <section aria-labelledby="home-title">
            <h1 id="home-title">{ "Che cosa vuoi fare?" }</h1>
            <p class="lead">
                { "Ogni ente proprietario compila e firma la propria scheda; il comune capofila \
                   raccoglie le schede ricevute e prepara le tabelle del piano annuale." }
            </p>
            <div class="roles">
                <button type="button" id="role-compila" class="btn btn-primary role"
                    onclick={props.go.reform(|_| Screen::Compila)}>
                    { "Compila la scheda dell'ente" }
                    <span class="role-help">{ "Comuni e ALER: inserire i dati e firmare il file da inviare" }</span>
                </button>
                <button type="button" id="role-capofila" class="btn btn-primary role"
                    onclick={props.go.reform(|_| Screen::Capofila)}>
                    { "Aggrega come comune capofila" }
                    <span class="role-help">{ "Verificare le schede ricevute e produrre le tabelle del piano" }</span>
                </button>
            </div>
            <div class="demo">
                <h2>{ "Provare subito" }</h2>
                <p>{ "Carica le schede dell'ambito di Crema per il piano 2021 (dati pubblicati) e guarda il piano aggregato." }</p>
                <button type="button" id="load-demo" class="btn btn-outline-primary"
                    onclick={props.load_demo.reform(|_| ())}>
                    { "Carica i dati dimostrativi (Crema, 2021)" }
                </button>
            </div>
        </section>
    }
}
