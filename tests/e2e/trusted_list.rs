//! Issue #29: the Italian trusted list kept in the browser. Loaded once, it comes back after
//! a reload and a `.p7m` dropped then is verified against it; an older list loaded is held
//! until the capofila confirms; the capofila can remove it; a record of a later version of
//! the app is kept byte for byte, said, and never written over. Both languages, axe on the
//! panel, in both builds.

use serde_json::Value;

use crate::accessibility::assert_no_violations;
use crate::browser::Browser;
use crate::site::{served_dist, single_file_url};

const KEPT: &str = "offerta-abitativa/elenco-di-fiducia";

fn cades(name: &str) -> String {
    format!("{}/tests/cades/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn real_list() -> String {
    format!(
        "{}/tests/trusted-list/TSL-IT-2019-09-04-seq141.xml",
        env!("CARGO_MANIFEST_DIR")
    )
}

async fn capofila_2021(b: &Browser) {
    b.click("#role-capofila").await;
    b.fill("#year-input", "2021\n").await;
}

/// The page loaded again: it comes back to the capofila's screen the address names.
async fn reload_capofila_2021(b: &Browser) {
    b.client.refresh().await.unwrap();
    b.text("#capofila-title").await;
    b.fill("#year-input", "2021\n").await;
}

async fn kept_across_a_reload(b: &Browser, url: &str) {
    b.with_storage(url, &[]).await;
    capofila_2021(b).await;
    assert!(b.text("#trusted-list-none").await.contains("TSL-IT.xml"));
    b.fill(
        "#trusted-list-import",
        &cades("elenco-di-fiducia-di-prova.xml"),
    )
    .await;
    b.text_when("#trusted-list-loaded", |t| {
        t.starts_with("Elenco di fiducia conservato in questo browser: numero 1,")
    })
    .await;
    let record = b.stored(KEPT).await;
    let record: Value = serde_json::from_str(record.as_str().expect("the list is kept")).unwrap();
    assert_eq!(record["formato"], KEPT);
    assert_eq!(record["numero"], 1);

    reload_capofila_2021(b).await;
    let kept = b.text("#trusted-list-loaded").await;
    assert!(
        kept.starts_with("Elenco di fiducia conservato in questo browser: numero 1, emesso il 01/12/2026, prossimo aggiornamento entro il 01/12/2035"),
        "{kept}"
    );
    let panel = b.text("#trusted-list").await;
    assert!(
        panel.contains("caricare solo l'elenco scaricato dal sito di AgID"),
        "the list's signature, not checked: {panel}"
    );
    assert!(!panel.contains("ricaricarlo a ogni visita"), "{panel}");
    b.fill("#files-input", &cades("buona-rsa.json.p7m")).await;
    b.text_when("#received-count", |t| t.starts_with("Schede ricevute: 1 "))
        .await;
    assert_eq!(
        b.file_group("buona-rsa.json.p7m").await,
        "1 firmatario da confermare",
        "verified against the kept list"
    );
    assert_no_violations(b, "the trusted list kept in the browser").await;
    b.click("#lang-switch").await;
    b.text_when("#trusted-list-loaded", |t| {
        t.starts_with("Trusted list kept in this browser: number 1, issued on")
    })
    .await;
    assert!(b
        .text("#trusted-list-forget")
        .await
        .contains("Remove the list"));
    assert_no_violations(b, "the trusted list kept, in English").await;
    b.click("#lang-switch").await;

    // Removed on request: no list, the `.p7m` no longer trusted, nothing kept.
    b.click("#trusted-list-forget").await;
    b.text("#trusted-list-none").await;
    assert_eq!(b.stored(KEPT).await, Value::Null);
    assert_eq!(
        b.file_group("buona-rsa.json.p7m").await,
        "1 scartata: firma non valida"
    );
}

/// The real list (n. 141) kept; the test list (n. 1) loaded after it is held: the newer one
/// stays in use and kept unless the capofila confirms.
async fn an_older_list_is_held_until_confirmed(b: &Browser, url: &str) {
    b.with_storage(url, &[]).await;
    capofila_2021(b).await;
    b.fill("#trusted-list-import", &real_list()).await;
    b.text_when("#trusted-list-loaded", |t| {
        t.contains("conservato in questo browser: numero 141,")
    })
    .await;
    // Only the CAs for signatures: 127 of the 133 granted CA/QC services.
    assert!(b
        .text("#trusted-list-loaded")
        .await
        .contains(": 127 certificati di certificatori qualificati per la firma elettronica"));
    assert!(b.exists("#trusted-list-out-of-date").await, "2020's list");
    let kept_141 = b.stored(KEPT).await;
    b.fill(
        "#trusted-list-import",
        &cades("elenco-di-fiducia-di-prova.xml"),
    )
    .await;
    let said = b.text("#trusted-list-older").await;
    assert!(
        said.contains("L'elenco caricato (n. 1, emesso il 01/12/2026) è più vecchio di quello in uso (n. 141, emesso il 04/09/2019): resta in uso il n. 141"),
        "{said}"
    );
    assert!(b.text("#trusted-list-loaded").await.contains("numero 141,"));
    assert_eq!(b.stored(KEPT).await, kept_141, "the newer list stays kept");
    assert_no_violations(b, "an older trusted list held").await;
    b.click("#trusted-list-keep-newer").await;
    assert!(!b.exists("#trusted-list-older").await);
    b.fill(
        "#trusted-list-import",
        &cades("elenco-di-fiducia-di-prova.xml"),
    )
    .await;
    b.click("#lang-switch").await;
    assert!(b
        .text("#trusted-list-use-older")
        .await
        .contains("Use list no. 1 anyway"));
    b.click("#lang-switch").await;
    b.click("#trusted-list-use-older").await;
    b.text_when("#trusted-list-loaded", |t| {
        t.contains("conservato in questo browser: numero 1,")
    })
    .await;
    assert_ne!(b.stored(KEPT).await, kept_141);
}

/// A record written by a later version of the app: said at the top, kept byte for byte
/// across a reload and a list loaded (which then holds on the page only, saying why).
async fn a_later_record_is_kept_and_said(b: &Browser, url: &str) {
    let later = r#"{"formato":"offerta-abitativa/elenco-di-fiducia","versione":2,"xml":"<TrustServiceStatusList/>"}"#;
    b.with_storage(url, &[(KEPT, later)]).await;
    let said = "L'elenco di fiducia per la firma digitale salvato in questo browser è stato scritto da una versione più recente dell'app (versione del formato 2)";
    assert!(b.text("#stored-unreadable").await.contains(said));
    b.client.refresh().await.unwrap();
    assert!(b.text("#stored-unreadable").await.contains(said));
    assert_eq!(b.stored(KEPT).await, Value::from(later), "after a reload");
    capofila_2021(b).await;
    b.text("#trusted-list-none").await;
    b.fill(
        "#trusted-list-import",
        &cades("elenco-di-fiducia-di-prova.xml"),
    )
    .await;
    let refused = b.text("#trusted-list-not-saved").await;
    assert!(
        refused.contains("L'elenco di fiducia per la firma digitale non può essere salvato in questa copia dell'app"),
        "{refused}"
    );
    assert!(b
        .text("#trusted-list-loaded")
        .await
        .starts_with("Elenco di fiducia italiano n. 1,"));
    assert!(!b.exists("#trusted-list-forget").await);
    assert_eq!(
        b.stored(KEPT).await,
        Value::from(later),
        "after a list loaded"
    );
    assert_no_violations(b, "a later trusted list record kept").await;
    b.click("#lang-switch").await;
    assert!(b
        .text("#stored-unreadable")
        .await
        .contains("The trusted list for digital signatures stored in this browser was written by a newer version of the app (format version 2)"));
    b.click("#lang-switch").await;
}

#[tokio::test]
async fn the_trusted_list_is_kept_in_the_browser_in_the_served_app() {
    let server = served_dist();
    let b = Browser::start().await;
    kept_across_a_reload(&b, &server.url()).await;
    an_older_list_is_held_until_confirmed(&b, &server.url()).await;
    a_later_record_is_kept_and_said(&b, &server.url()).await;
    b.finish().await;
}

#[tokio::test]
async fn the_trusted_list_is_kept_in_the_browser_in_the_single_file() {
    let b = Browser::start().await;
    kept_across_a_reload(&b, &single_file_url()).await;
    an_older_list_is_held_until_confirmed(&b, &single_file_url()).await;
    a_later_record_is_kept_and_said(&b, &single_file_url()).await;
    b.finish().await;
}
