//! The comune's side of the firma digitale: a finished draft downloads as the scheda to sign
//! in the office's own signing tool, byte for byte what the core makes, with the two lines
//! saying how; a draft with a problem does not.

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use offerta_core::signing::content::scheda_to_sign;
use offerta_core::{ambiti, demo, reader};

use crate::accessibility::assert_no_violations;
use crate::browser::Browser;
use crate::site::{scratch_dir, served_dist, single_file_url, write};

const TO_SIGN: &str = "offerta-abitativa_2021_019035_comune-di-crema_per-firma-digitale.json";

async fn downloads_the_scheda_to_sign(b: &Browser, url: &str, tag: &str) {
    // The Comune di Crema's figures of the published 2021 plan, as a draft saved to a file.
    let crema = demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == "019035")
        .expect("Crema is in the 2021 plan");
    let draft = serde_json::to_string_pretty(&crema).unwrap();
    let dir = scratch_dir(tag);
    let path = write(&dir, "bozza-crema.json", draft.as_bytes());

    b.client.goto(url).await.unwrap();
    b.click("#role-compila").await;
    b.fill("#draft-open", path.to_str().unwrap()).await;
    b.text_when("#problems", |t| t.contains("Nessun problema"))
        .await;
    let how = b.text("#firma-digitale-how").await;
    assert!(
        how.starts_with("Firmala con il programma di firma digitale che usi di solito")
            && how.contains(&format!("otterrai un file {TO_SIGN}.p7m"))
            && how.ends_with("Invia quel file al comune capofila via PEC."),
        "{how}"
    );
    assert_no_violations(b, "form ready to sign, with the firma digitale").await;

    b.click("#download-to-sign").await;
    let downloaded = b.downloaded_bytes(TO_SIGN).await;
    let opened = reader::reopen_as_draft(draft.as_bytes()).unwrap();
    let expected =
        scheda_to_sign(&opened, ambiti::preset("crema").as_ref()).expect("a finished submission");
    assert_eq!(expected.file_name, TO_SIGN);
    assert_eq!(
        String::from_utf8_lossy(&downloaded),
        String::from_utf8_lossy(&expected.bytes),
        "the page hands out the core's bytes"
    );
    assert_eq!(downloaded, expected.bytes);

    // A problem holds the download back as it holds signing, and says why.
    b.fill("#f-referente-email", "servizi.abitativi").await;
    b.text_when("#sign-why", |t| t.contains("correggere 1 errore"))
        .await;
    let button = b.element("#download-to-sign").await;
    assert!(button.attr("disabled").await.unwrap().is_some());
    assert_eq!(
        button.attr("aria-describedby").await.unwrap().as_deref(),
        Some("firma-digitale-how sign-why")
    );
    assert_no_violations(b, "form with an error, the firma digitale held back").await;

    b.click("#lang-switch").await;
    b.text_when("#download-to-sign", |t| {
        t == "Download the submission to sign digitally"
    })
    .await;
    assert!(b
        .text("#firma-digitale-how")
        .await
        .contains("in CAdES format: you will get a file"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn served_comune_downloads_the_scheda_to_sign_digitally() {
    let server = served_dist();
    let b = Browser::start().await;
    downloads_the_scheda_to_sign(&b, &server.url(), "p7m-served").await;
    b.finish().await;
}

#[tokio::test]
async fn single_file_comune_downloads_the_scheda_to_sign_digitally() {
    let b = Browser::start().await;
    downloads_the_scheda_to_sign(&b, &single_file_url(), "p7m-single").await;
    b.finish().await;
}

/// The capofila's side: the trusted list loaded (the test list of tests/cades/, whose one
/// CA is the test root), a `.p7m` signed outside the app dropped, its signer confirmed with
/// one click, the file counted.
async fn a_p7m_dropped_counts_once_its_signer_is_confirmed(b: &Browser, url: &str) {
    let cades = |name: &str| format!("{}/tests/cades/{name}", env!("CARGO_MANIFEST_DIR"));
    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", "2021\n").await;
    b.fill("#files-input", &cades("buona-rsa.json.p7m")).await;
    b.text_when("#received-count", |t| t.starts_with("Schede ricevute: 1 "))
        .await;
    // No list loaded: the firma digitale is not trusted.
    assert!(b.text("#trusted-list-none").await.contains("TSL-IT.xml"));
    assert_eq!(
        b.file_group("buona-rsa.json.p7m").await,
        "1 scartata: firma non valida"
    );
    b.fill(
        "#trusted-list-import",
        &cades("elenco-di-fiducia-di-prova.xml"),
    )
    .await;
    let loaded = b
        .text_when("#trusted-list-loaded", |t| {
            t.contains("conservato in questo browser: numero 1,")
        })
        .await;
    assert!(
        loaded.contains("emesso il 01/12/2026") && loaded.contains("entro il 01/12/2035"),
        "{loaded}"
    );
    b.text_when(".confirm-signer", |t| {
        t == "Conferma: MARIO ROSSI firma per il Comune di Castelleone"
    })
    .await;
    assert_eq!(
        b.file_group("buona-rsa.json.p7m").await,
        "1 firmatario da confermare"
    );
    assert_no_violations(b, "a .p7m whose signer waits for confirmation").await;
    b.click(".confirm-signer").await;
    b.text_when("#received-count", |t| t.contains("nel piano: 1"))
        .await;
    assert_eq!(b.file_group("buona-rsa.json.p7m").await, "1 conteggiata");
}

#[tokio::test]
async fn a_p7m_dropped_counts_once_its_signer_is_confirmed_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    a_p7m_dropped_counts_once_its_signer_is_confirmed(&b, &server.url()).await;
    a_p7m_dropped_counts_once_its_signer_is_confirmed(&b, &single_file_url()).await;
    b.finish().await;
}

/// The bulk confirmation: three `.p7m` of tests/cades/enti/ (their own test CA, in its own
/// test list). ANNA NERI's certificate names the Comune di Crema and PAOLO GIALLI's the
/// Comune di Romanengo, so one click confirms both; SARA BLU's names a firm, so Offanengo's
/// file keeps its own button. The summary line and the verbale follow.
async fn the_signers_naming_their_ente_are_confirmed_at_once(b: &Browser, url: &str) {
    let enti = |name: &str| format!("{}/tests/cades/enti/{name}", env!("CARGO_MANIFEST_DIR"));
    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", "2021\n").await;
    b.fill(
        "#trusted-list-import",
        &enti("elenco-di-fiducia-di-prova.xml"),
    )
    .await;
    b.text_when("#trusted-list-loaded", |t| t.contains("numero 1,"))
        .await;
    let files = [
        "crema-neri.json.p7m",
        "romanengo-gialli.json.p7m",
        "offanengo-blu.json.p7m",
    ];
    let paths: Vec<String> = files.iter().map(|f| enti(f)).collect();
    b.fill("#files-input", &paths.join("\n")).await;
    b.text_when("#confirm-signers-naming-ente", |t| {
        t == "Conferma i 2 firmatari il cui certificato nomina il proprio ente"
    })
    .await;
    assert_eq!(
        b.text("#files-summary p").await,
        "3 firmatari da confermare"
    );
    let hint = b.text("#confirm-signers-naming-ente-hint").await;
    assert!(
        hint.contains("l'organizzazione di chi firma")
            && hint.contains("«COMUNE DI CREMA» per il Comune di Crema"),
        "{hint}"
    );
    assert_eq!(b.texts(".confirm-signer").await.len(), 3);
    assert_no_violations(b, "signers to confirm, with the bulk confirmation").await;

    b.click("#confirm-signers-naming-ente").await;
    let said = b.text_when("#signers-confirmed", |t| !t.is_empty()).await;
    assert_eq!(
        said,
        "Confermati 2 firmatari il cui certificato nomina il proprio ente: ANNA NERI firma per il Comune di Crema; PAOLO GIALLI firma per il Comune di Romanengo. 1 file attende ancora la conferma del firmatario, uno per uno."
    );
    assert!(!b.exists("#confirm-signers-naming-ente").await);
    assert_eq!(
        b.texts(".confirm-signer").await,
        ["Conferma: SARA BLU firma per il Comune di Offanengo"]
    );
    assert_eq!(
        b.text("#files-summary p").await,
        "1 firmatario da confermare, 2 conteggiate"
    );
    assert_eq!(b.file_group("crema-neri.json.p7m").await, "2 conteggiate");
    assert_eq!(
        b.file_group("offanengo-blu.json.p7m").await,
        "1 firmatario da confermare"
    );
    assert_no_violations(b, "after the bulk confirmation").await;

    // The verbale says the same: two counted, one signer to confirm.
    b.click("#export-verbale-csv").await;
    let csv = b.downloaded("verbale-ricezione-crema-2021.csv").await;
    let line = |file: &str| {
        csv.lines()
            .find(|l| l.starts_with(&format!("{file};")))
            .unwrap_or_else(|| panic!("{file} in {csv}"))
            .to_owned()
    };
    assert!(
        line("crema-neri.json.p7m").contains(";conteggiata;"),
        "{csv}"
    );
    assert!(
        line("romanengo-gialli.json.p7m").contains(";conteggiata;"),
        "{csv}"
    );
    assert!(
        line("offanengo-blu.json.p7m").contains(";firmatario da confermare;"),
        "{csv}"
    );

    // In English, the same words on the page's side.
    b.click("#lang-switch").await;
    let said = b.text("#signers-confirmed").await;
    assert!(
        said.starts_with("Confirmed 2 signers whose certificate names their own ente: ANNA NERI signs for the Comune di Crema;"),
        "{said}"
    );
    b.click("#lang-switch").await;
}

#[tokio::test]
async fn the_signers_naming_their_ente_are_confirmed_at_once_in_both_builds() {
    let server = served_dist();
    // A fresh browser each time: the verbale downloaded twice would be renamed.
    for url in [server.url(), single_file_url()] {
        let b = Browser::start().await;
        the_signers_naming_their_ente_are_confirmed_at_once(&b, &url).await;
        b.finish().await;
    }
}
