//! The home screen, the two roles and the demo, in both builds.

use serde_json::Value;

use crate::browser::Browser;
use crate::site::{served_dist, single_file_url};

/// The Content-Security-Policy the page declares.
async fn page_csp(b: &Browser) -> String {
    let csp = b
        .client
        .execute(
            "return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content",
            vec![],
        )
        .await
        .unwrap();
    csp.as_str().unwrap_or_default().to_owned()
}

/// What happens when the page tries to fetch `url`: "allowed", "blocked" or "violation".
async fn try_fetch(b: &Browser, url: &str) -> Value {
    b.client
        .execute_async(
            "const [url, done] = arguments;\
             document.addEventListener('securitypolicyviolation', () => done('violation'));\
             fetch(url).then(() => done('allowed'), () => done('blocked'));",
            vec![Value::from(url)],
        )
        .await
        .unwrap()
}

/// Home -> each role -> back -> demo: what a newcomer does first.
async fn click_through_home_and_demo(b: &Browser) {
    assert!(b
        .text("#role-compila")
        .await
        .contains("Compila la scheda dell'ente"));
    assert!(b
        .text("#role-capofila")
        .await
        .contains("Aggrega come comune capofila"));
    let lang = b
        .client
        .execute("return document.documentElement.lang", vec![])
        .await
        .unwrap();
    assert_eq!(lang, Value::from("it"));

    b.click("#role-compila").await;
    assert_eq!(
        b.text("#compila-title").await,
        "Compila la scheda dell'ente"
    );
    b.click("button.back").await;
    b.click("#role-capofila").await;
    assert!(b
        .text("#no-files")
        .await
        .contains("Nessuna scheda caricata"));
    b.click("button.back").await;

    b.click("#load-demo").await;
    assert_eq!(
        b.text("#received-count").await,
        "Schede ricevute: 48 - nel piano: 48 - da controllare: 0"
    );
    b.text("#plan-summary").await;
    assert_eq!(
        b.texts("#plan-summary tfoot td").await,
        ["1.699", "1.678", "21", "114", "12"]
    );
    let first_row = b.texts("#plan-summary tbody tr:first-child > *").await;
    assert_eq!(
        first_row,
        [
            "ALER Brescia-Cremona-Mantova",
            "1.006",
            "997",
            "9",
            "71",
            "5"
        ]
    );
}

#[tokio::test]
async fn served_app_opens_on_home_and_loads_the_demo() {
    let server = served_dist();
    let b = Browser::start().await;
    b.client.goto(&server.url()).await.unwrap();
    click_through_home_and_demo(&b).await;

    // The served page has its policy too: only its own server, nothing else.
    let csp = page_csp(&b).await;
    assert!(csp.contains("connect-src 'self'"), "{csp}");
    assert_ne!(
        try_fetch(&b, "http://127.0.0.2:9/").await,
        Value::from("allowed")
    );
    b.finish().await;
}

#[tokio::test]
async fn single_file_works_from_file_url_without_network() {
    let b = Browser::start().await;
    b.client.goto(&single_file_url()).await.unwrap();
    click_through_home_and_demo(&b).await;

    let csp = page_csp(&b).await;
    assert!(csp.contains("connect-src 'none'"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");

    // Everything is inside the file: no script, style or icon comes from elsewhere.
    let external = b
        .client
        .execute(
            "return [...document.querySelectorAll('script[src], link[href]')]\
               .map(e => e.src || e.href).filter(u => !u.startsWith('data:'))",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(external, Value::Array(vec![]));

    // The policy is in force: even a data: URL, which any page may fetch, is refused.
    assert_ne!(
        try_fetch(&b, "data:text/plain,x").await,
        Value::from("allowed")
    );
    b.finish().await;
}

/// After loading, using the app makes no request at all: served, the server sees none;
/// from file://, the page records no resource fetched.
#[tokio::test]
async fn using_the_app_makes_no_network_request() {
    let server = served_dist();
    let b = Browser::start().await;
    b.client.goto(&server.url()).await.unwrap();
    b.text("#role-compila").await;
    // What the page loads by itself (Firefox asks for the icon a little after the load):
    // counted once the server has been quiet for a second.
    let mut after_load = server.request_count();
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        let now = server.request_count();
        if now == after_load {
            break;
        }
        after_load = now;
    }
    click_through_home_and_demo(&b).await;
    b.click("button.back").await;
    b.click("#role-compila").await;
    b.select("#start-ente", "019035").await;
    b.click("#start").await;
    b.fill("#f-consistenza-sap", "12").await;
    b.text("#save-state").await;
    assert_eq!(
        server.request_count(),
        after_load,
        "requests after the page loaded"
    );

    b.client.goto(&single_file_url()).await.unwrap();
    click_through_home_and_demo(&b).await;
    let fetched = b
        .client
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith('data:'))",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fetched, Value::Array(vec![]));
    b.finish().await;
}
