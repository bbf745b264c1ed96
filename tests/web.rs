//! Component tests: the Yew shell rendered in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use offerta_abitativa::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Yew renders asynchronously: give its scheduler a turn.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

async fn render_app() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not rendered in: {}", root.inner_html()))
}

async fn click(root: &Element, selector: &str) {
    find(root, selector).unchecked_into::<HtmlElement>().click();
    settle().await;
}

#[wasm_bindgen_test]
async fn home_offers_both_roles_in_italian() {
    let root = render_app().await;
    assert!(find(&root, "#role-compila")
        .text_content()
        .unwrap()
        .contains("Compila la scheda dell'ente"));
    assert!(find(&root, "#role-capofila")
        .text_content()
        .unwrap()
        .contains("Aggrega come comune capofila"));
}

#[wasm_bindgen_test]
async fn roles_open_their_screen_and_back_returns_home() {
    let root = render_app().await;
    click(&root, "#role-compila").await;
    find(&root, "#compila-title");
    click(&root, "button.back").await;
    click(&root, "#role-capofila").await;
    find(&root, "#capofila-title");
    find(&root, "#no-files");
}

#[wasm_bindgen_test]
async fn demo_shows_the_published_crema_totals() {
    let root = render_app().await;
    click(&root, "#load-demo").await;
    let totals: Vec<String> = {
        let cells = find(&root, "#plan-summary tfoot")
            .query_selector_all("td")
            .unwrap();
        (0..cells.length())
            .map(|i| cells.item(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(totals, ["1.699", "1.678", "21", "114", "12"]);
    assert_eq!(find(&root, "#plan-summary tbody").child_element_count(), 24);
}

/// Sets a field's value and fires the event Yew listens to, as typing would.
async fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    settle().await;
}

async fn choose(root: &Element, selector: &str, value: &str) {
    let select: HtmlSelectElement = find(root, selector).unchecked_into();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    settle().await;
}

async fn new_draft(root: &Element, ente: &str, year: &str) {
    // Each test starts from an empty browser store: drafts of other tests must not resume.
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    click(root, "#role-compila").await;
    choose(root, "#start-ente", ente).await;
    type_into(root, "#start-year", year).await;
    click(root, "#start").await;
    find(root, "#draft-title");
}

#[wasm_bindgen_test]
async fn form_shows_an_error_next_to_its_field_and_drops_it_when_fixed() {
    let root = render_app().await;
    new_draft(&root, "019035", "2021").await;
    type_into(&root, "#f-referente-email", "non-un-indirizzo").await;
    let messages = find(&root, "#m-referente-email").text_content().unwrap();
    assert!(messages.contains("Errore: "), "{messages}");
    assert_eq!(
        find(&root, "#f-referente-email")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("m-referente-email")
    );
    type_into(&root, "#f-referente-email", "casa@comune.example.org").await;
    assert!(root.query_selector("#m-referente-email").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn form_computes_totals_live_and_blocks_signing_with_a_reason() {
    let root = render_app().await;
    new_draft(&root, "019035", "2021").await;
    type_into(&root, "#f-consistenza-sap", "353").await;
    type_into(&root, "#f-consistenza-sas", "5").await;
    assert_eq!(
        find(&root, "#total-a").text_content().unwrap(),
        "Totale alloggi: 358"
    );
    click(&root, "#add-carenza_manutentiva").await;
    type_into(&root, "#f-carenza_manutentiva-0-unita", "4").await;
    assert!(find(&root, "#total-f")
        .text_content()
        .unwrap()
        .ends_with(": 4"));
    let sign: HtmlElement = find(&root, "#sign").unchecked_into();
    assert!(sign.has_attribute("disabled"));
    assert!(find(&root, "#sign-why")
        .text_content()
        .unwrap()
        .contains("errori"));
    type_into(&root, "#f-consistenza-sap", "3,5").await;
    assert!(find(&root, "#m-consistenza-sap")
        .text_content()
        .unwrap()
        .contains("numero intero"));
    assert_eq!(
        find(&root, "#total-a").text_content().unwrap(),
        "Totale alloggi: 358",
        "a bad entry keeps the last good value"
    );
}
