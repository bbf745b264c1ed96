//! Component tests: the Yew shell rendered in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use offerta_abitativa::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

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
