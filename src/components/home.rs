use yew::prelude::*;

use crate::i18n::use_lang;
use crate::state::Screen;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub go: Callback<Screen>,
    pub load_demo: Callback<()>,
}

#[function_component(HomeScreen)]
pub fn home_screen(props: &HomeProps) -> Html {
    let t = use_lang().texts();
    html! {
        <section aria-labelledby="home-title">
            <h1 id="home-title">{ t.home_title }</h1>
            <p class="lead">{ t.home_lead }</p>
            <div class="roles row g-3">
                <div class="col-12 col-md-6">
                    <button type="button" id="role-compila" class="btn btn-primary role w-100"
                        onclick={props.go.reform(|_| Screen::Compila)}>
                        { t.compila_title }
                        <span class="role-help d-block">{ t.role_compila_help }</span>
                    </button>
                </div>
                <div class="col-12 col-md-6">
                    <button type="button" id="role-capofila" class="btn btn-primary role w-100"
                        onclick={props.go.reform(|_| Screen::Capofila)}>
                        { t.capofila_title }
                        <span class="role-help d-block">{ t.role_capofila_help }</span>
                    </button>
                </div>
            </div>
            <div class="demo mt-4">
                <h2>{ t.demo_title }</h2>
                <p>{ t.demo_note }</p>
                <button type="button" id="load-demo" class="btn btn-outline-primary"
                    onclick={props.load_demo.reform(|_| ())}>
                    { t.load_demo }
                </button>
            </div>
        </section>
    }
}
