//! #24 point 4: what this copy of the app cannot read in the browser's storage (a registry
//! and a key list of a later version, damaged ones) is kept byte for byte and said on every
//! screen; the features that would write it refuse and say so; a damaged item set aside at
//! the clerk's request stays kept under another key. The footer names the app's version.
//! Point 5: a draft's key panel offers the keys of the draft's ente only.

use offerta_core::demo;
use offerta_core::signing::keyfile::KdfParams;
use offerta_core::signing::trust::REGISTRY_FORMAT_VERSION;
use offerta_core::signing::KeyFile;
use serde_json::Value;

use crate::browser::Browser;
use crate::site::{scratch_dir, served_dist, single_file_url, write};

const REGISTRY: &str = "offerta-abitativa/registro-chiavi";
const KEYS: &str = "offerta-abitativa/chiavi";
const TEXTS: &str = "offerta-abitativa/testi/crema/2021";
const PASSPHRASE: &str = "una frase segreta lunga";

/// Every item as it was stored, byte for byte.
async fn untouched(b: &Browser, items: &[(&str, &str)], when: &str) {
    for (key, text) in items {
        assert_eq!(
            b.stored(key).await,
            Value::from(*text),
            "{key} changed {when}"
        );
    }
}

/// Home, the form with its key panel (a key created), the capofila's screen (a key
/// accepted, the registry panel, the document's texts edited), the statement.
async fn every_screen(b: &Browser, tag: &str, items: &[(&str, &str)], registry_says: &str) {
    let notice = b.text("#stored-unreadable").await;
    assert!(notice.contains(registry_says), "{notice}");
    assert!(
        b.text("#app-version")
            .await
            .contains(env!("CARGO_PKG_VERSION")),
        "the footer names the app's version"
    );
    untouched(b, items, "on opening the page").await;

    // The form: a key created is not remembered over the list this copy cannot read.
    b.click("#role-compila").await;
    b.select("#start-ente", "019035").await;
    b.fill("#start-year", "2021").await;
    b.click("#start").await;
    b.text("#draft-title").await;
    assert!(b.text("#stored-unreadable").await.contains(registry_says));
    b.fill("#key-create-pass", PASSPHRASE).await;
    b.fill("#key-create-pass2", PASSPHRASE).await;
    b.click("#key-create").await;
    let said = b.text_when("#key-note", |t| !t.is_empty()).await;
    assert!(
        said.contains("non può essere salvato in questa copia dell'app"),
        "{said}"
    );
    b.element("#key-fingerprint").await;
    untouched(b, items, "after a key was created").await;

    // The capofila: a key accepted holds on the page; the registry is not saved over.
    b.click("button.back").await;
    b.click("#role-capofila").await;
    b.fill("#year-input", "2021\n").await;
    let dir = scratch_dir(&format!("stored-{tag}"));
    let (files, _) = demo::crema_2021_signed_files();
    let path = write(&dir, &files[0].0, files[0].1.as_bytes());
    b.fill("#files-input", path.to_str().unwrap()).await;
    b.click("#files-table .accept-key").await;
    let said = b
        .text_when("#capofila-message", |t| t.contains("registro"))
        .await;
    assert!(
        said.contains("Il registro delle chiavi non può essere salvato in questa copia dell'app"),
        "{said}"
    );
    b.text_when("#received-count", |t| t.contains("nel piano: 1 "))
        .await;
    b.click("#registry-keys summary").await;
    untouched(b, items, "after a key was accepted").await;
    if items.iter().any(|(k, _)| *k == TEXTS) {
        // The texts of a later version: the defaults show, an edit holds on the page and is
        // not saved over them.
        b.fill("#doc-approval-date", "28 gennaio 2021").await;
        let said = b
            .text_when("#capofila-message", |t| t.contains("testi"))
            .await;
        assert!(
            said.contains("non può essere salvato in questa copia dell'app"),
            "{said}"
        );
        untouched(b, items, "after the texts were edited").await;
    }
    // Emptied, so that leaving the page asks nothing.
    b.click("#clear-files").await;
    b.click("#clear-confirm").await;
    b.text("#no-files").await;

    b.click("button.back").await;
    b.click("#accessibility-link").await;
    b.text("#statement-title").await;
    assert!(b.text("#stored-unreadable").await.contains(registry_says));
    b.click("button.back").await;
    untouched(b, items, "after every screen").await;
}

async fn later_versions_are_kept_and_said(b: &Browser, url: &str, tag: &str) {
    let (_, registry) = demo::crema_2021_signed_files();
    // A registry as the next version of the app would write it: this copy's version plus one.
    let (now, later) = (REGISTRY_FORMAT_VERSION, REGISTRY_FORMAT_VERSION + 1);
    let registry = registry.to_json().replace(
        &format!("\"versione\": {now}"),
        &format!("\"versione\": {later}"),
    );
    let keys = r#"{"formato": "offerta-abitativa/chiavi", "versione": 2, "chiavi": []}"#;
    let texts = r#"{"versione": 2, "testi": {"premessa": "Scritta dalla versione nuova"}}"#;
    let items = [(REGISTRY, registry.as_str()), (KEYS, keys), (TEXTS, texts)];
    b.with_storage(url, &items).await;
    let notice = b.text("#stored-unreadable").await;
    assert!(
        notice.contains("L'elenco delle chiavi ricordate"),
        "{notice}"
    );
    assert!(notice.contains("documento del piano"), "{notice}");
    assert!(
        !b.exists("#stored-unreadable .set-aside").await,
        "a later version's item is never moved"
    );
    every_screen(
        b,
        &format!("later-{tag}"),
        &items,
        &format!("Il registro delle chiavi salvato in questo browser è stato scritto da una versione più recente dell'app (versione del formato {later})"),
    )
    .await;
}

async fn damaged_ones_are_kept_and_set_aside_on_request(b: &Browser, url: &str, tag: &str) {
    let (_, registry) = demo::crema_2021_signed_files();
    let good = registry.to_json();
    let fingerprint = &registry.enti.values().next().unwrap().chiavi[0].impronta;
    let wrong_fingerprint = good.replacen(fingerprint.as_str(), &"0".repeat(fingerprint.len()), 1);
    let keys = r#"[{"formato": "offerta-abitativa/chiave", "versione": 1, "ente": "Com"#;
    let items = [(REGISTRY, wrong_fingerprint.as_str()), (KEYS, keys)];
    b.with_storage(url, &items).await;
    every_screen(
        b,
        &format!("damaged-{tag}"),
        &items,
        "Il registro delle chiavi salvato in questo browser non si legge",
    )
    .await;
    // Truncated and empty ones too.
    for text in [&good[..good.len() / 2], ""] {
        b.with_storage(url, &[(REGISTRY, text)]).await;
        b.click("#role-capofila").await;
        let notice = b.text("#stored-unreadable").await;
        assert!(notice.contains("non si legge"), "{notice}");
        untouched(b, &[(REGISTRY, text)], "on the capofila's screen").await;
    }
    // Set aside at the clerk's request: kept under another key, and the app saves anew.
    b.with_storage(url, &items).await;
    b.click("#stored-unreadable li[data-key='offerta-abitativa/registro-chiavi'] .set-aside")
        .await;
    b.text_when("#stored-unreadable", |t| {
        !t.contains("registro delle chiavi")
    })
    .await;
    assert_eq!(
        b.stored("offerta-abitativa/da-parte/registro-chiavi").await,
        Value::from(wrong_fingerprint.as_str())
    );
    assert_eq!(b.stored(REGISTRY).await, Value::Null);
    untouched(b, &items[1..], "after the registry was set aside").await;
}

/// A draft of a later version stays where it is (the newer copy finds it there): said, and
/// the form for its ente and year saves nothing over it.
async fn a_later_draft_stays_where_it_is(b: &Browser, url: &str) {
    let key = "offerta-abitativa/bozza/019035/2021";
    // One version beyond the submission format this copy writes.
    let later = offerta_core::submission::FORMAT_VERSION + 1;
    let draft =
        format!(r#"{{"formato": "offerta-abitativa/scheda", "versione": {later}, "nuovo": true}}"#);
    let draft = draft.as_str();
    b.with_storage(url, &[(key, draft)]).await;
    let notice = b.text("#stored-unreadable").await;
    assert!(
        notice.contains(&format!("La bozza del Comune di Crema per il piano 2021 salvata in questo browser è stata scritta da una versione più recente dell'app (versione del formato {later})")),
        "{notice}"
    );
    b.click("#role-compila").await;
    b.select("#start-ente", "019035").await;
    b.fill("#start-year", "2021").await;
    b.click("#start").await;
    b.fill("#f-consistenza-sap", "7").await;
    let said = b.text_when("#save-state", |t| t.contains("non può")).await;
    assert!(
        said.contains("La bozza del Comune di Crema per il piano 2021 non può essere salvata in questa copia dell'app"),
        "{said}"
    );
    untouched(b, &[(key, draft)], "after the form was edited").await;
    assert_eq!(
        b.stored(&format!("offerta-abitativa/bozza-illeggibile/{key}"))
            .await,
        Value::Null,
        "not moved aside"
    );
}

/// #24 point 5: Soncino's draft offers Soncino's remembered key, not Castelleone's (the
/// one remembered last).
async fn the_drafts_key_panel_offers_its_entes_keys_only(b: &Browser, url: &str) {
    let key = |ente_id: &str, ente: &str| {
        let fast = KdfParams {
            memoria_kib: 8,
            passaggi: 1,
            parallelismo: 1,
        };
        KeyFile::protect_with(
            &demo::fixture_key(ente_id),
            ente,
            ente_id,
            PASSPHRASE,
            "2026-01-01T00:00:00Z",
            fast,
            ([1; 16], [2; 24]),
        )
        .unwrap()
    };
    let soncino = key("019097", "Comune di Soncino");
    let castelleone = key("019025", "Comune di Castelleone");
    let list = serde_json::to_string(&vec![soncino.clone(), castelleone.clone()]).unwrap();
    b.with_storage(url, &[(KEYS, list.as_str())]).await;
    b.click("#role-compila").await;
    b.select("#start-ente", "019097").await;
    b.fill("#start-year", "2021").await;
    b.click("#start").await;
    let offered = b.text("#key-open-select").await;
    assert!(offered.contains(&soncino.impronta), "{offered}");
    assert!(!offered.contains(&castelleone.impronta), "{offered}");
    b.fill("#key-open-pass", PASSPHRASE).await;
    b.click("#key-open").await;
    assert_eq!(b.text("#key-fingerprint").await, soncino.impronta);
}

/// A draft this copy wrote is stored in the shape older copies read (version 2, without
/// `scritto_da`); one an older copy set aside because it could not read it comes back.
async fn drafts_stay_readable_to_older_copies_and_come_back_from_aside(b: &Browser, url: &str) {
    let home = "offerta-abitativa/bozza/019035/2021";
    let aside = format!("offerta-abitativa/bozza-illeggibile/{home}");
    let mut draft = offerta_core::Submission::new(
        2021,
        "crema",
        offerta_core::submission::Ente::comune("019035").unwrap(),
    );
    draft.referente.nome = "Messa da parte da una copia più vecchia".into();
    let text = serde_json::to_string(&draft).unwrap();
    b.with_storage(url, &[(aside.as_str(), text.as_str())])
        .await;
    b.click("#role-compila").await;
    let offered = b.text("#stored-drafts").await;
    assert!(offered.contains("Crema"), "{offered}");
    assert_eq!(b.stored(&aside).await, Value::Null, "moved back");
    b.click("#stored-drafts .resume-draft").await;
    assert_eq!(
        b.value("#f-referente-nome").await,
        "Messa da parte da una copia più vecchia"
    );
    b.fill("#f-consistenza-sap", "7").await;
    b.text_when("#save-state", |t| t.contains("Bozza salvata"))
        .await;
    let kept: Value = serde_json::from_str(b.stored(home).await.as_str().unwrap()).unwrap();
    assert_eq!(kept["versione"], 2, "the shape older copies read");
    assert!(kept.get("scritto_da").is_none());
    assert_eq!(kept["consistenza"]["sap"], 7);
}

#[tokio::test]
async fn what_this_copy_cannot_read_is_kept_and_said_in_the_served_app() {
    let server = served_dist();
    let b = Browser::start().await;
    later_versions_are_kept_and_said(&b, &server.url(), "served").await;
    damaged_ones_are_kept_and_set_aside_on_request(&b, &server.url(), "served").await;
    a_later_draft_stays_where_it_is(&b, &server.url()).await;
    the_drafts_key_panel_offers_its_entes_keys_only(&b, &server.url()).await;
    drafts_stay_readable_to_older_copies_and_come_back_from_aside(&b, &server.url()).await;
    b.finish().await;
}

#[tokio::test]
async fn what_this_copy_cannot_read_is_kept_and_said_in_the_single_file() {
    let b = Browser::start().await;
    later_versions_are_kept_and_said(&b, &single_file_url(), "single").await;
    damaged_ones_are_kept_and_set_aside_on_request(&b, &single_file_url(), "single").await;
    a_later_draft_stays_where_it_is(&b, &single_file_url()).await;
    the_drafts_key_panel_offers_its_entes_keys_only(&b, &single_file_url()).await;
    drafts_stay_readable_to_older_copies_and_come_back_from_aside(&b, &single_file_url()).await;
    b.finish().await;
}
