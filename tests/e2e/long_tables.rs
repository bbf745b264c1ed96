//! A capofila with hundreds of entes: long tables show their first rows, the rest on request
//! and always in print; the exports are not affected (they come from the core).

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use serde_json::json;

use crate::browser::Browser;
use crate::lombardy::{listed, Lombardy};
use crate::site::{served_dist, single_file_url};

const FILES: usize = 200;

async fn expanded(b: &Browser, css: &str) -> String {
    let attr = b.element(css).await.attr("aria-expanded").await.unwrap();
    attr.unwrap_or_default()
}

async fn rows(b: &Browser, css: &str) -> usize {
    b.texts(css).await.len()
}

async fn long_tables(b: &Browser, url: &str, tag: &str) {
    let lombardy = Lombardy::written(FILES, &format!("long-{tag}"));
    lombardy.set_up(b, url).await;
    // Whatever the progress bar says during the drop is recorded.
    b.client
        .execute(
            "window.__progress = []; new MutationObserver(() => { \
                 const p = document.getElementById('progress'); \
                 if (p) window.__progress.push(p.textContent); \
             }).observe(document.body, { childList: true, subtree: true, characterData: true }); \
             return true;",
            vec![],
        )
        .await
        .unwrap();
    b.fill("#files-input", &listed(&lombardy.files)).await;
    b.text_when("#received-count", |t| {
        t.contains(&format!("nel piano: {FILES}"))
    })
    .await;
    let progress = b
        .client
        .execute("return window.__progress", vec![])
        .await
        .unwrap();
    let shown = |t: &serde_json::Value| {
        t.as_str()
            .unwrap_or("")
            .contains(&format!("di {FILES} file"))
    };
    assert!(
        progress
            .as_array()
            .is_some_and(|seen| seen.iter().any(shown)),
        "the progress bar showed: {progress}"
    );
    assert!(
        !b.exists("#progress").await,
        "and goes when the drop is done"
    );

    // Headers of figures stand over the figures, on the right; names stay on the left.
    let aligned = b
        .client
        .execute(
            "return [...document.querySelectorAll('#plan-summary thead th, #plan-tables thead th')] \
                 .map(th => getComputedStyle(th).textAlign);",
            vec![],
        )
        .await
        .unwrap();
    // Firefox says "start" where Chromium says "left": the same in a left-to-right page.
    let aligned: Vec<String> = serde_json::from_value::<Vec<String>>(aligned)
        .unwrap()
        .into_iter()
        .map(|a| if a == "start" { "left".into() } else { a })
        .collect();
    assert_eq!(aligned[0], "left", "{aligned:?}");
    assert!(aligned[1..6].iter().all(|a| a == "right"), "{aligned:?}");

    // The summary per ente: 60 rows of 200, said in the caption, the rest on request.
    assert_eq!(rows(b, "#plan-summary tbody tr").await, 60);
    assert!(b
        .text("#plan-summary caption")
        .await
        .ends_with("(prime 60 righe di 200)"));
    let toggles = b.texts(".show-rows").await;
    assert!(
        toggles.iter().all(|t| t.starts_with("Mostra tutte le")),
        "{toggles:?}"
    );
    b.click(".show-rows").await;
    assert_eq!(rows(b, "#plan-summary tbody tr").await, FILES);
    assert_eq!(b.text(".show-rows").await, "Mostra solo le prime 60 righe");
    b.click(".show-rows").await;
    assert_eq!(rows(b, "#plan-summary tbody tr").await, 60);

    // Each section of the plan is an accordion item: it closes and opens again, its button
    // saying so; a closed section is not in the page.
    let first = "#plan-tables .accordion-button";
    assert_eq!(expanded(b, first).await, "true");
    let tables = rows(b, "#plan-tables table").await;
    b.click(first).await;
    assert_eq!(expanded(b, first).await, "false");
    assert_eq!(rows(b, "#plan-tables table").await, tables - 1);

    // Printing opens every section and shows every row of every table, and screen rendering comes back after.
    let fire = |event: &'static str| {
        b.client.execute(
            "window.dispatchEvent(new Event(arguments[0])); return true;",
            vec![json!(event)],
        )
    };
    fire("beforeprint").await.unwrap();
    b.text_when("#plan-summary caption", |t| !t.contains("prime 60"))
        .await;
    assert_eq!(rows(b, "#plan-summary tbody tr").await, FILES);
    assert!(
        !b.exists(".show-rows[aria-expanded=false]").await,
        "every table is whole"
    );
    fire("afterprint").await.unwrap();
    b.text_when("#plan-summary caption", |t| t.contains("prime 60"))
        .await;
    assert_eq!(rows(b, "#plan-summary tbody tr").await, 60);
    assert_eq!(
        rows(b, "#plan-tables table").await,
        tables - 1,
        "as the user left it"
    );
}

#[tokio::test]
async fn served_app_shows_long_tables_in_part_and_prints_them_whole() {
    let server = served_dist();
    let b = Browser::start().await;
    long_tables(&b, &server.url(), "served").await;
    b.finish().await;
}

#[tokio::test]
async fn single_file_shows_long_tables_in_part_and_prints_them_whole() {
    let b = Browser::start().await;
    long_tables(&b, &single_file_url(), "file").await;
    b.finish().await;
}
