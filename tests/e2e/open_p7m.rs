//! A comune checks what it signed with its firma digitale: it downloads the scheda to sign,
//! signs it (here with a test CA and signer made by OpenSSL at test time, since the
//! fixtures' keys are not kept: tests/cades/README.md) and opens the `.p7m` on its own
//! screen. The page names the signer, says the file is intact, that the certificate was not
//! checked against a trusted list, and shows the content beside the draft; an altered file is
//! said to be altered, a file that is no `.p7m` is named with its problem.
#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::path::Path;
use std::process::Command;

use offerta_core::demo;

use crate::accessibility::assert_no_violations;
use crate::browser::Browser;
use crate::site::{scratch_dir, served_dist, single_file_url, write};
use serde_json::json;

const TO_SIGN: &str = "offerta-abitativa_2021_019035_comune-di-crema_per-firma-digitale.json";

/// `file` signed in CAdES as an office's tool does, by MARIO ROSSI of the Comune di Crema with
/// a qualified certificate of a test CA made here (tests/cades/sign-now.sh): gives the
/// `.p7m`'s bytes.
fn sign_with_a_test_certificate(dir: &Path, file: &Path) -> Vec<u8> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cades/sign-now.sh");
    let out = Command::new("bash")
        .arg(script)
        .arg(dir)
        .arg(file)
        .arg("/C=IT/O=Comune di Crema/GN=MARIO/SN=ROSSI/CN=ROSSI MARIO/serialNumber=TINIT-RSSMRA80A01H501U")
        .output()
        .expect("bash is installed");
    assert!(
        out.status.success(),
        "sign-now.sh: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(format!("{}.p7m", file.display())).unwrap()
}

/// «il 07/12/2026 alle 03:12»: a date and a time the Italian way, whatever the clock says.
fn says_a_date_and_time(text: &str, at: &str) -> bool {
    text.split_once(at).is_some_and(|(_, rest)| {
        let b = rest.as_bytes();
        b.len() >= 21
            && b[2] == b'/'
            && b[5] == b'/'
            && &rest[10..16] == " alle "
            && b[18] == b':'
            && [0, 1, 3, 4, 6, 7, 8, 9, 16, 17, 19, 20]
                .iter()
                .all(|&i| b[i].is_ascii_digit())
    })
}

async fn a_comune_checks_what_it_signed(b: &Browser, url: &str, tag: &str) {
    let crema = demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == "019035")
        .expect("Crema is in the 2021 plan");
    let dir = scratch_dir(tag);
    let draft = write(
        &dir,
        "bozza-crema.json",
        serde_json::to_string_pretty(&crema).unwrap().as_bytes(),
    );
    b.client.goto(url).await.unwrap();
    b.click("#role-compila").await;
    b.fill("#draft-open", draft.to_str().unwrap()).await;
    b.text_when("#problems", |t| t.contains("Nessun problema"))
        .await;
    assert_eq!(
        b.text("#signed-check-title").await,
        "Controlla un file firmato digitalmente (.p7m)"
    );
    b.click("#download-to-sign").await;
    let to_sign = b.downloaded_bytes(TO_SIGN).await;
    let _ = std::fs::remove_file(b.downloads.join(TO_SIGN));
    let signed = sign_with_a_test_certificate(&dir, &write(&dir, TO_SIGN, &to_sign));

    b.fill(
        "#signed-check-input",
        dir.join(format!("{TO_SIGN}.p7m")).to_str().unwrap(),
    )
    .await;
    let by = b
        .text_when(".signed-check-by", |t| {
            t.starts_with("Firmato digitalmente")
        })
        .await;
    assert!(
        by.starts_with("Firmato digitalmente da MARIO ROSSI (codice fiscale RSSMRA80A01H501U), certificato di Certificatore di Prova, il ")
            && says_a_date_and_time(&by, ", il "),
        "{by}"
    );
    let integrity = b.text(".signed-check-integrity").await;
    assert!(
        integrity.contains("Firma integra: il contenuto è esattamente quello firmato."),
        "{integrity}"
    );
    let trust = b.text(".signed-check-trust").await;
    assert!(
        trust.contains("Certificato non verificato con l'elenco di fiducia"),
        "{trust}"
    );
    let figures = b.text("#signed-check-figures").await;
    assert!(
        figures.contains("Comune di Crema") && figures.contains("2021 - "),
        "{figures}"
    );
    assert_eq!(
        b.text("#signed-check-rules").await,
        "Controllo delle regole: nessun problema."
    );
    assert_eq!(
        b.text("#signed-check-draft").await,
        "È la stessa scheda della bozza."
    );
    assert_no_violations(b, "a signed .p7m checked by the comune").await;

    // The draft changes afterwards: the file is no longer the draft, and the draft is the
    // one edited (opening the file changed nothing of it).
    b.fill("#f-referente-email", "servizi.abitativi").await;
    b.text_when("#signed-check-draft", |t| {
        t.starts_with("Non è la bozza attuale: la bozza è cambiata dopo la firma")
    })
    .await;
    assert_eq!(b.value("#f-referente-email").await, "servizi.abitativi");

    // One letter of the signed content changed: altered, and its content not shown.
    let mut altered = signed.clone();
    let format = b"offerta-abitativa/scheda";
    let at = altered
        .windows(format.len())
        .position(|w| w == format)
        .expect("the content states its format");
    altered[at] = b'O';
    write(&dir, "alterata.json.p7m", &altered);
    b.fill(
        "#signed-check-input",
        dir.join("alterata.json.p7m").to_str().unwrap(),
    )
    .await;
    b.text_when("#signed-check-result-title", |t| {
        t.ends_with("alterata.json.p7m")
    })
    .await;
    let integrity = b.text(".signed-check-integrity").await;
    assert!(integrity.contains("alterato dopo la firma"), "{integrity}");
    assert!(b
        .text("#signed-check-content")
        .await
        .contains("non viene mostrato"));

    // Not a .p7m: the file named, the problem in plain words, the detail behind a disclosure.
    write(
        &dir,
        "non-firmato.json.p7m",
        b"{\"formato\": \"offerta-abitativa/scheda\"}",
    );
    b.fill(
        "#signed-check-input",
        dir.join("non-firmato.json.p7m").to_str().unwrap(),
    )
    .await;
    let error = b
        .text_when("#signed-check-error", |t| {
            t.starts_with("non-firmato.json.p7m")
        })
        .await;
    assert!(
        error.starts_with(
            "non-firmato.json.p7m: il file non è una firma digitale CAdES (.p7m) leggibile."
        ),
        "{error}"
    );
    assert!(b.exists("#signed-check-error details").await);
    assert!(!b.exists("#signed-check-result").await);
    assert_no_violations(b, "a file that is no .p7m, refused").await;

    // In English, the signed file again.
    b.click("#lang-switch").await;
    b.fill(
        "#signed-check-input",
        dir.join(format!("{TO_SIGN}.p7m")).to_str().unwrap(),
    )
    .await;
    let by = b
        .text_when(".signed-check-by", |t| t.starts_with("Digitally signed by"))
        .await;
    assert!(by.starts_with("Digitally signed by MARIO ROSSI (codice fiscale RSSMRA80A01H501U), certificate of Certificatore di Prova, on "), "{by}");
    assert!(b
        .text(".signed-check-trust")
        .await
        .contains("Certificate not checked against the trusted list"));
    b.click("#lang-switch").await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_comune_checks_the_p7m_it_signed_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    a_comune_checks_what_it_signed(&b, &server.url(), "open-p7m-served").await;
    a_comune_checks_what_it_signed(&b, &single_file_url(), "open-p7m-single").await;
    b.finish().await;
}

/// The capofila of Crema downloads its request to sign with its firma digitale (no app key
/// needed), signs it (OpenSSL, as above) and a comune opens the `.p7m`: the signer named,
/// the certificate not checked against a trusted list, the clerk's check, then the answer
/// starts as for an app-signed request; an altered copy is refused as altered.
async fn a_request_signed_digitally_is_opened_by_a_comune(b: &Browser, url: &str, tag: &str) {
    let dir = scratch_dir(tag);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let today = offerta_core::signing::rfc3339_utc(now);
    let year: u16 = today[..4].parse::<u16>().unwrap() + 1;
    let deadline = offerta_core::signing::rfc3339_utc(now + 20 * 86_400)[..10].to_owned();
    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", &format!("{year}\n")).await;
    b.click("#request-panel summary").await;
    b.fill("#request-referente", "Ufficio di Piano").await;
    b.fill("#request-contatto", "protocollo@pec.comune.crema.example")
        .await;
    b.client
        .execute(
            "const e = document.querySelector('#request-deadline'); e.value = arguments[0];
             e.dispatchEvent(new Event('input', {bubbles: true}));
             e.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![json!(deadline)],
        )
        .await
        .unwrap();
    b.click("#request-download-to-sign").await;
    let name = format!("richiesta-offerta-abitativa_crema_{year}_per-firma-digitale.json");
    let content = b.downloaded_bytes(&name).await;
    let _ = std::fs::remove_file(b.downloads.join(&name));
    assert!(b
        .text("#capofila-message")
        .await
        .contains("firmala digitalmente in CAdES"));
    let text = String::from_utf8(content.clone()).unwrap();
    assert!(text.contains("offerta-abitativa/richiesta") && !text.contains("\"proof\""));
    assert_no_violations(b, "capofila: the request to sign digitally").await;
    let signed = sign_with_a_test_certificate(&dir, &write(&dir, &name, &content));
    let p7m = dir.join(format!("{name}.p7m"));

    b.client.goto(url).await.unwrap();
    let mut altered = signed.clone();
    let at = altered.windows(5).position(|w| w == b"Crema").unwrap();
    altered[at] = b'K';
    write(&dir, "richiesta-alterata.json.p7m", &altered);
    b.fill(
        "#request-file",
        dir.join("richiesta-alterata.json.p7m").to_str().unwrap(),
    )
    .await;
    let error = b.text_when("#request-error", |t| !t.is_empty()).await;
    assert!(error.contains("alterato dopo la firma"), "{error}");

    b.fill("#request-file", p7m.to_str().unwrap()).await;
    b.text_when("#request-from", |t| {
        t == "Richiesta del Comune di Crema, firmata digitalmente (.p7m)."
    })
    .await;
    let note = b.text("#request-key-note").await;
    assert!(
        note.starts_with("Firmata digitalmente da MARIO ROSSI (codice fiscale RSSMRA80A01H501U), certificato di Certificatore di Prova. Certificato non verificato con l'elenco di fiducia"),
        "{note}"
    );
    assert!(!b.exists("#request-start-form").await);
    assert_no_violations(b, "comune: a request signed digitally, to check").await;
    b.click("#request-key-confirm").await;
    b.text_when("#request-key-note", |t| {
        t.starts_with("Firmata digitalmente da MARIO ROSSI")
    })
    .await;
    assert!(b.exists("#request-start-form").await);
    assert!(b.text("#request-for").await.contains(&year.to_string()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_request_signed_digitally_is_opened_by_a_comune_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    a_request_signed_digitally_is_opened_by_a_comune(&b, &server.url(), "request-p7m-served").await;
    a_request_signed_digitally_is_opened_by_a_comune(&b, &single_file_url(), "request-p7m-single")
        .await;
    b.finish().await;
}

/// Issue #29: the capofila of Crema downloads this year's plan to sign with its firma
/// digitale (no app key needed), signs it (OpenSSL, as above) and, a year later, loads the
/// `.p7m` as last year's plan: the signer named, the certificate not checked (no trusted list
/// loaded), so the plan is compared only as an indication, with its figures; an altered copy
/// is refused as altered.
async fn last_years_plan_signed_digitally_is_compared(b: &Browser, url: &str, tag: &str) {
    let dir = scratch_dir(tag);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let today = offerta_core::signing::rfc3339_utc(now);
    let year: u16 = today[..4].parse().unwrap();
    let (_, registry) = demo::crema_2021_signed_files();
    let registry_path = write(&dir, "registro.json", registry.to_json().as_bytes());
    // The demo's answers as files of `plan_year`, signed now with the fixture keys.
    let files_of = |plan_year: u16| -> Vec<String> {
        demo::crema_2021()
            .into_iter()
            .map(|mut s| {
                s.anno_piano = plan_year;
                s.assegnate_anno_precedente.anno = plan_year - 1;
                let key = demo::fixture_key(&s.ente.id());
                let text = offerta_core::signing::sign_submission(&s, &key, &today);
                write(&dir, &s.file_name(true), text.as_bytes())
                    .display()
                    .to_string()
            })
            .collect()
    };
    let paths = files_of(year);
    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", &format!("{year}\n")).await;
    b.fill("#registry-import", registry_path.to_str().unwrap())
        .await;
    b.text_when("#capofila-message", |t| t.contains("Registro importato"))
        .await;
    b.fill("#files-input", &paths.join("\n")).await;
    b.text_when("#received-count", |t| t.contains("nel piano: 48"))
        .await;
    b.click("#export-to-sign").await;
    let name = format!("piano-offerta-abitativa_crema_{year}_per-firma-digitale.json");
    let content = b.downloaded_bytes(&name).await;
    let _ = std::fs::remove_file(b.downloads.join(&name));
    assert!(b
        .text("#capofila-message")
        .await
        .contains("firmalo digitalmente in CAdES"));
    let text = String::from_utf8(content.clone()).unwrap();
    assert!(text.contains("offerta-abitativa/piano") && !text.contains("\"proof\""));
    assert_no_violations(b, "capofila: the plan to sign digitally").await;
    let signed = sign_with_a_test_certificate(&dir, &write(&dir, &name, &content));
    let p7m = dir.join(format!("{name}.p7m"));

    // A year later, with that year's files.
    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", &format!("{}\n", year + 1)).await;
    b.fill("#registry-import", registry_path.to_str().unwrap())
        .await;
    b.text_when("#capofila-message", |t| t.contains("Registro importato"))
        .await;
    b.fill("#files-input", &files_of(year + 1).join("\n")).await;
    b.text_when("#received-count", |t| t.contains("nel piano: 48"))
        .await;
    let mut altered = signed.clone();
    let at = altered.windows(5).position(|w| w == b"crema").unwrap();
    altered[at] = b'k';
    write(&dir, "piano-alterato.json.p7m", &altered);
    b.fill(
        "#previous-plan-file",
        dir.join("piano-alterato.json.p7m").to_str().unwrap(),
    )
    .await;
    b.text_when("#capofila-message", |t| {
        t.contains("alterato dopo la firma")
    })
    .await;
    assert!(!b.exists("#comparison").await);

    b.fill("#previous-plan-file", p7m.to_str().unwrap()).await;
    let loaded = b
        .text_when("#previous-plan-loaded", |t| {
            t.contains(&format!("piano {year}"))
        })
        .await;
    assert!(
        loaded.contains("NON VERIFICATO: firmato digitalmente da MARIO ROSSI (codice fiscale RSSMRA80A01H501U), certificato di Certificatore di Prova; Certificato non verificato con l'elenco di fiducia"),
        "{loaded}"
    );
    let comparison = b.text("#comparison").await;
    assert!(
        comparison.contains("Comune di Crema") && comparison.contains("358"),
        "{comparison}"
    );
    assert_no_violations(b, "capofila: last year's plan signed digitally").await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn last_years_plan_signed_digitally_is_compared_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    last_years_plan_signed_digitally_is_compared(&b, &server.url(), "plan-p7m-served").await;
    last_years_plan_signed_digitally_is_compared(&b, &single_file_url(), "plan-p7m-single").await;
    b.finish().await;
}
