//! The signing key: created in the app, downloaded, remembered, reopened with its passphrase.

use offerta_core::signing::{fingerprint, KeyFile};

use crate::browser::Browser;
use crate::site::{served_dist, single_file_url};

const PASSPHRASE: &str = "una frase segreta lunga";

fn looks_like_fingerprint(text: &str) -> bool {
    text.len() == 24
        && text.split('-').count() == 5
        && text
            .split('-')
            .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_hexdigit()))
}

async fn create_download_reload_and_reopen(b: &Browser, url: &str) {
    b.client.goto(url).await.unwrap();
    b.click("#role-compila").await;
    // The key panel sits in the form of an ente.
    b.select("#start-ente", "019035").await;
    b.click("#start").await;
    b.fill("#key-create-istat", "019035").await;
    assert_eq!(
        b.text_when("#key-create-istat-name", |t| !t.is_empty())
            .await,
        "Comune di Crema"
    );

    // Two different passphrases: a clear message, no key.
    b.fill("#key-create-pass", PASSPHRASE).await;
    b.fill("#key-create-pass2", "un'altra frase ancora").await;
    b.click("#key-create").await;
    assert!(b.text("#key-error-create").await.contains("non coincidono"));

    b.fill("#key-create-pass2", PASSPHRASE).await;
    b.click("#key-create").await;
    let shown = b
        .text_when("#key-fingerprint", looks_like_fingerprint)
        .await;

    // Named and described as a file that stays in the office.
    let file =
        KeyFile::from_json(&b.downloaded("CHIAVE-PRIVATA-NON-INVIARE_019035.json").await).unwrap();
    assert!(b.text("#key-keep").await.contains("non si invia mai"));
    assert_eq!(file.impronta, shown);
    assert_eq!(fingerprint(&file.chiave_pubblica), shown);
    assert_eq!(file.ente, "Comune di Crema");
    assert!(
        file.unlock(PASSPHRASE).is_ok(),
        "the downloaded key opens with the passphrase"
    );

    // A new visit: the key is remembered (encrypted) and opens only with the passphrase.
    // The reload comes back to the draft's form.
    b.client.refresh().await.unwrap();
    assert!(b.text("#key-open-select").await.contains(&shown));
    b.fill("#key-open-pass", "frase sbagliata!!").await;
    b.click("#key-open").await;
    assert!(b
        .text("#key-error-open")
        .await
        .contains("Frase segreta errata"));
    b.fill("#key-open-pass", PASSPHRASE).await;
    b.click("#key-open").await;
    assert_eq!(
        b.text_when("#key-fingerprint", looks_like_fingerprint)
            .await,
        shown
    );
}

#[tokio::test]
async fn served_app_creates_downloads_remembers_and_reopens_a_key() {
    let server = served_dist();
    let b = Browser::start().await;
    create_download_reload_and_reopen(&b, &server.url()).await;
    b.finish().await;
}

#[tokio::test]
async fn single_file_creates_downloads_remembers_and_reopens_a_key() {
    let b = Browser::start().await;
    create_download_reload_and_reopen(&b, &single_file_url()).await;
    b.finish().await;
}
