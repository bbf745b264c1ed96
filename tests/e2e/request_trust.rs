//! Issue #25, requests can be spoofed: the first request of a capofila is «da verificare»
//! until the clerk confirms its fingerprint against the capofila's PEC (only then is its key
//! remembered and the answer offered); a request signed with another key is refused, and the
//! remembered key can be forgotten explicitly; a memory of keys that cannot be read is kept
//! as it is, said, and no request counts as «first» silently. In both builds.

use offerta_core::request::{read_request, Request};
use offerta_core::signing::SigningKey;
use serde_json::Value;

use crate::browser::Browser;
use crate::site::{scratch_dir, served_dist, single_file_url, write};

const KEYS: &str = offerta_core::stored::CAPOFILA_KEYS;

/// Crema's request for 2027 signed with `key`, written to a file.
fn request_file(tag: &str, name: &str, key: &SigningKey) -> (std::path::PathBuf, String) {
    let text = Request::new(
        &offerta_core::ambiti::preset("crema").unwrap(),
        2027,
        "2027-01-15",
        offerta_core::demo::crema_capofila(),
        "",
    )
    .signed(key, "2026-12-01T09:00:00Z");
    let fingerprint = read_request(text.as_bytes(), None).unwrap().fingerprint;
    let dir = scratch_dir(&format!(
        "request-trust-{tag}-{}",
        name.trim_end_matches(".json")
    ));
    (write(&dir, name, text.as_bytes()), fingerprint)
}

/// Empties the storage (or stores `keys` as the memory of capofila keys) and loads the page.
async fn fresh(b: &Browser, url: &str, keys: Option<&str>) {
    let items: Vec<(&str, &str)> = keys.map(|k| (KEYS, k)).into_iter().collect();
    b.with_storage(url, &items).await;
    b.element("#request-file").await;
}

/// Opens `file` and waits until the note on its key says `said`.
async fn open(b: &Browser, file: &std::path::Path, said: &str) -> String {
    b.fill("#request-file", file.to_str().unwrap()).await;
    for _ in 0..100 {
        if b.exists("#request-key-note").await {
            let note = b.text("#request-key-note").await;
            if note.contains(said) {
                return note;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let body = b
        .client
        .execute("return document.body.innerText", vec![])
        .await
        .unwrap();
    panic!(
        "{}: the note never said «{said}»: {}",
        file.display(),
        body.as_str().unwrap_or_default()
    );
}

async fn first_key_is_confirmed_and_can_be_forgotten(b: &Browser, url: &str, tag: &str) {
    let (real, real_fp) = request_file(
        tag,
        "richiesta.json",
        &offerta_core::demo::fixture_key("019035"),
    );
    let (forged, forged_fp) = request_file(
        tag,
        "richiesta-falsa.json",
        &SigningKey::from_bytes(&[66; 32]),
    );
    fresh(b, url, None).await;
    // The first request, from whichever key, is to be checked and teaches nothing by itself.
    let note = open(b, &forged, &forged_fp).await;
    assert!(
        note.starts_with("Da verificare") && note.contains("PEC"),
        "{note}"
    );
    assert!(
        !b.exists("#request-start-form").await,
        "no answer before the check"
    );
    assert!(b.exists("#request-key-confirm").await);
    assert_eq!(
        b.stored(KEYS).await,
        Value::Null,
        "nothing remembered unconfirmed"
    );
    // The real one, after the forged one, is not «chiave diversa»: the clerk compares.
    let note = open(b, &real, &real_fp).await;
    assert!(note.starts_with("Da verificare"), "{note}");
    b.click("#request-key-confirm").await;
    b.text_when("#request-key-note", |t| t.contains("Impronta confrontata"))
        .await;
    b.element("#request-start-form").await;
    let kept = b.stored(KEYS).await;
    assert!(kept.as_str().unwrap().contains("019035"), "{kept}");
    // Now the forged one is refused, and the remembered key can be forgotten explicitly.
    b.fill("#request-file", forged.to_str().unwrap()).await;
    let error = b.text_when("#request-error", |t| !t.is_empty()).await;
    assert!(error.contains("chiave diversa"), "{error}");
    let advice = b.text("#request-forget").await;
    assert!(
        advice.contains(&format!(
            "solo se è {forged_fp} dimenticare la chiave conosciuta (impronta {real_fp})"
        )),
        "{advice}"
    );
    assert_eq!(b.stored(KEYS).await, kept, "refusing changes nothing");
    b.click("#request-forget-key").await;
    b.element("#request-key-forgotten").await;
    let left = b.stored(KEYS).await;
    assert!(!left.as_str().unwrap().contains("019035"), "{left}");
    let note = open(b, &forged, &forged_fp).await;
    assert!(note.starts_with("Da verificare"), "{note}");
}

async fn an_unreadable_memory_of_keys_is_kept_and_said(b: &Browser, url: &str, tag: &str) {
    let (real, real_fp) = request_file(
        tag,
        "richiesta.json",
        &offerta_core::demo::fixture_key("019035"),
    );
    let damaged = "{\"019035\": \"z6Mk";
    fresh(b, url, Some(damaged)).await;
    let notice = b.text("#stored-unreadable").await;
    assert!(!notice.is_empty());
    let note = open(b, &real, &real_fp).await;
    assert!(
        note.contains("la memoria delle chiavi dei capofila già conosciuti non si può leggere"),
        "{note}"
    );
    assert!(note.contains("PEC"), "{note}");
    assert!(!b.exists("#request-start-form").await);
    b.click("#request-key-confirm").await;
    let note = b
        .text_when("#request-key-note", |t| t.contains("non è stata ricordata"))
        .await;
    assert!(note.contains("confrontare di nuovo"), "{note}");
    assert_eq!(
        b.stored(KEYS).await,
        Value::from(damaged),
        "kept byte for byte"
    );
}

#[tokio::test]
async fn a_first_request_is_checked_against_the_pec_in_the_served_app() {
    let server = served_dist();
    let b = Browser::start().await;
    first_key_is_confirmed_and_can_be_forgotten(&b, &server.url(), "served").await;
    an_unreadable_memory_of_keys_is_kept_and_said(&b, &server.url(), "served").await;
    b.finish().await;
}

#[tokio::test]
async fn a_first_request_is_checked_against_the_pec_in_the_single_file() {
    let b = Browser::start().await;
    first_key_is_confirmed_and_can_be_forgotten(&b, &single_file_url(), "single").await;
    an_unreadable_memory_of_keys_is_kept_and_said(&b, &single_file_url(), "single").await;
    b.finish().await;
}
