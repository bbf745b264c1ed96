//! The ente's form end to end: fill the Crema 2021 figures for a comune and for the ALER,
//! watch an error appear and go, sign, download, verify with the native CLI, reload and find
//! the draft intact; and the "nessun patrimonio" path in a few clicks.

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::process::Command;

use offerta_core::signing::file_hash;

use crate::browser::Browser;
use crate::site::{served_dist, single_file_url};

const PASSPHRASE: &str = "frase segreta dell'ente";

fn cli_verify(path: &std::path::Path) -> String {
    let cli = xtask::paths::target_dir().join("debug").join("offerta");
    assert!(
        cli.is_file(),
        "{} missing: run `cargo xtask test`, which builds it",
        cli.display()
    );
    let out = Command::new(cli).arg("verify").arg(path).output().unwrap();
    assert!(
        out.status.success(),
        "CLI refuses the signed file: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn start(b: &Browser, url: &str, ente: &str) {
    b.client.goto(url).await.unwrap();
    b.click("#role-compila").await;
    b.select("#start-ente", ente).await;
    b.fill("#start-year", "2021").await;
    b.click("#start").await;
    b.text("#draft-title").await;
}

async fn referente(b: &Browser, email: &str) {
    b.fill("#f-referente-nome", "Ufficio Servizi Abitativi")
        .await;
    b.fill("#f-referente-ruolo", "Responsabile del procedimento")
        .await;
    b.fill("#f-referente-email", email).await;
}

/// Adds a row to `section` and fills it (the comune select only when given).
async fn row(b: &Browser, section: &str, index: usize, comune: Option<&str>, units: &str) {
    b.click(&format!("#add-{section}")).await;
    if let Some(code) = comune {
        b.select(&format!("#f-{section}-{index}-comune"), code)
            .await;
    }
    b.fill(&format!("#f-{section}-{index}-unita"), units).await;
}

async fn create_key(b: &Browser, aler: bool) {
    // A new key starts for the draft's ente: nothing to type, no typo making a key for
    // another comune.
    if aler {
        assert_eq!(
            b.value("#key-create-aler-name").await,
            "ALER Brescia-Cremona-Mantova"
        );
    } else {
        assert_eq!(b.value("#key-create-istat").await, "019035");
    }
    b.fill("#key-create-pass", PASSPHRASE).await;
    b.fill("#key-create-pass2", PASSPHRASE).await;
    b.click("#key-create").await;
    b.text("#key-fingerprint").await;
}

async fn sign_and_check(b: &Browser, file_name: &str) -> String {
    b.text_when("#problems", |t| t.contains("Nessun problema"))
        .await;
    b.click("#sign").await;
    let text = b.downloaded(file_name).await;
    let receipt = b.text("#receipt").await;
    assert!(
        receipt.contains(&file_hash(text.as_bytes())),
        "receipt shows the file's hash"
    );
    let verdict = cli_verify(&b.downloads.join(file_name));
    assert!(verdict.contains("\tchiave-sconosciuta\t"), "{verdict}");
    text
}

async fn comune_di_crema(b: &Browser, url: &str) {
    start(b, url, "019035").await;
    // An error appears next to its field, linked to it, and goes once fixed.
    referente(b, "servizi.abitativi").await;
    b.text_when("#m-referente-email", |t| {
        t.contains("non sembra un indirizzo e-mail")
    })
    .await;
    let described = b
        .client
        .find(fantoccini::Locator::Css("#f-referente-email"))
        .await
        .unwrap()
        .attr("aria-describedby")
        .await
        .unwrap();
    assert_eq!(described.as_deref(), Some("m-referente-email"));
    assert!(b
        .text("#problems")
        .await
        .contains("non sembra un indirizzo e-mail"));
    b.fill("#f-referente-email", "servizi.abitativi@crema.example.org")
        .await;
    b.text_when("#problems", |t| !t.contains("indirizzo e-mail"))
        .await;
    assert!(!b.exists("#m-referente-email").await);

    b.fill("#f-consistenza-sap", "353").await;
    b.fill("#f-consistenza-sas", "5").await;
    assert_eq!(b.text("#total-a").await, "Totale alloggi: 358");
    row(b, "carenza_manutentiva", 0, None, "4").await;
    row(b, "nuova_edificazione", 0, None, "28").await;
    row(b, "avvicendamento-per_comune", 0, None, "2").await;
    row(b, "transitori", 0, None, "14").await;
    b.fill("#f-assegnate_anno_precedente-ordinarie", "4").await;
    assert!(b.text("#total-f").await.ends_with(": 34"));
    // A share without a motivation gets a suggestion that does not block: the law asks a
    // motivation only for h.
    b.click("label[for=f-forze_polizia]").await;
    b.text_when("#m-forze_polizia-motivazione", |t| {
        t.starts_with("Suggerimento:") && t.contains("non obbligatorio")
    })
    .await;
    // A share takes one decimal, typed the Italian way: 7,5% of 34 is 2.55, 2 units (a
    // cap, rounded down). 2,5% is 0.85: no unit, and the form says so next to the share.
    b.fill("#f-forze_polizia-percento", "2,5").await;
    b.text_when("#m-forze_polizia-percento", |t| {
        t.contains("2,5% di 34 unità: 0 unità (arrotondamento per difetto")
    })
    .await;
    b.fill("#f-forze_polizia-percento", "7,5").await;
    let quotas = b
        .text_when("#quotas", |t| t.contains("Forze di Polizia 2,"))
        .await;
    // g) is unticked: the 20% for indigenza applies by law, and the line says so.
    assert!(
        quotas.contains("indigenza 7 (20% per legge, art. 13 c.3 r.r. 4/2017),"),
        "{quotas}"
    );
    assert!(!b.exists("#m-forze_polizia-percento").await);
    // Quotas beyond f are said next to the share chosen (g-h-i), not under j.
    b.click("label[for=f-soglia_indigenza]").await;
    b.fill("#f-soglia_indigenza-percento", "70").await;
    b.text_when("#m-soglia_indigenza", |t| {
        t.contains("Le quote riservate richiedono")
    })
    .await;
    assert!(!b.exists("#m-transitori").await, "nothing under j");
    b.click("label[for=f-soglia_indigenza]").await;
    b.text_when("#problems", |t| !t.contains("Le quote riservate"))
        .await;
    assert!(b
        .text("#save-state")
        .await
        .contains("Bozza salvata in questo browser alle"));
    assert!(
        b.text("#sign-why").await.contains("chiave"),
        "signing waits for the key"
    );

    create_key(b, false).await;
    let signed = sign_and_check(
        b,
        "offerta-abitativa_2021_019035_comune-di-crema_firmata.json",
    )
    .await;
    assert!(signed.contains("\"assegnabili\": 34") && signed.contains("\"consistenza\": 358"));
    assert!(
        signed.contains("\"percento\": 7.5")
            && signed.contains("\"versione\": 3")
            && signed.contains(&format!(
                "\"scritto_da\": \"{}\"",
                offerta_core::written_by()
            )),
        "a file of format version 3, saying which app wrote it, with the decimal share"
    );
    // The ambito by its name, said once: not "ambito Ambito ..." nor the file's id "crema".
    let receipt = b.text("#receipt").await;
    assert!(
        receipt.contains("2021 - Ambito distrettuale di Crema (Cremasco)"),
        "{receipt}"
    );
    assert!(!receipt.contains("ambito crema"), "{receipt}");
    assert_eq!(
        b.text("#draft-title").await,
        "Scheda di Comune di Crema - piano 2021 - Ambito distrettuale di Crema (Cremasco)"
    );

    // A reload finds the draft as it was, on the form (#24 point 5).
    b.client.refresh().await.unwrap();
    b.element("#draft-form").await;
    assert_eq!(b.value("#f-consistenza-sap").await, "353");
    assert_eq!(
        b.value("#f-referente-email").await,
        "servizi.abitativi@crema.example.org"
    );
    assert_eq!(b.value("#f-transitori-0-unita").await, "14");
}

#[tokio::test]
async fn served_comune_fills_signs_verifies_and_keeps_its_draft() {
    let server = served_dist();
    let b = Browser::start().await;
    comune_di_crema(&b, &server.url()).await;
    b.finish().await;
}

#[tokio::test]
async fn single_file_comune_fills_signs_verifies_and_keeps_its_draft() {
    let b = Browser::start().await;
    comune_di_crema(&b, &single_file_url()).await;
    b.finish().await;
}

async fn aler(b: &Browser, url: &str) {
    start(b, url, "aler").await;
    referente(b, "patrimonio@aler.example.org").await;
    b.fill("#f-consistenza-sap", "997").await;
    b.fill("#f-consistenza-sas", "9").await;
    for (i, code) in ["019025", "019035", "019062", "019067", "019111"]
        .iter()
        .enumerate()
    {
        row(b, "carenza_manutentiva", i, Some(code), "1").await;
    }
    for (i, (code, units)) in [("019035", "22"), ("019062", "2"), ("019081", "1")]
        .iter()
        .enumerate()
    {
        row(b, "nuova_edificazione", i, Some(code), units).await;
    }
    b.fill("#f-avvicendamento-senza_ripartizione", "41").await;
    // g, h and i are each comune's choices: the ALER is told so and offered none of them.
    assert!(b
        .text("#aler-choices")
        .await
        .contains("scelte di ciascun Comune"));
    assert!(!b.exists("#f-forze_polizia").await);
    assert!(!b.exists("#f-soglia_indigenza").await);
    b.fill("#f-assegnate_anno_precedente-ordinarie", "5").await;
    assert!(b.text("#total-f").await.ends_with(": 71"));
    // Indigenza for the ALER is counted comune by comune (art. 13 c.3): 19 units, not the 15
    // of 20% of its 71; the 41 units without a comune are a group of their own (9).
    assert!(b
        .text("#quotas")
        .await
        .contains("indigenza 19 (20% per legge"));
    assert!(b.text("#quotas-per-comune").await.contains("Crema"));
    // A duplicate row is an error until removed.
    row(b, "carenza_manutentiva", 5, Some("019035"), "1").await;
    b.text_when("#problems", |t| t.contains("compare più volte"))
        .await;
    b.click(".row-edit:has(#f-carenza_manutentiva-5-comune) button.btn-link")
        .await;
    b.text_when("#problems", |t| !t.contains("compare più volte"))
        .await;

    create_key(b, true).await;
    let signed = sign_and_check(b, "offerta-abitativa_2021_aler-alerbresciacremonamantova_aler-brescia-cremona-mantova_firmata.json").await;
    assert!(signed.contains("\"assegnabili\": 71"));

    // The safe copy on file opens again as the same draft.
    b.click("#draft-download").await;
    let name = "offerta-abitativa_2021_aler-alerbresciacremonamantova_aler-brescia-cremona-mantova_bozza.json";
    b.downloaded(name).await;
    b.click("#draft-close").await;
    b.fill("#draft-open", b.downloads.join(name).to_str().unwrap())
        .await;
    assert!(b
        .text("#draft-title")
        .await
        .contains("ALER Brescia-Cremona-Mantova"));
    assert!(b.text("#total-f").await.ends_with(": 71"));
    b.click("#draft-close").await;
}

async fn no_stock(b: &Browser, url: &str) {
    start(b, url, "019002").await;
    referente(b, "protocollo@agnadello.example.org").await;
    b.text_when("#problems", |t| t.contains("nessun patrimonio"))
        .await;
    b.click("label[for=f-nessun_patrimonio]").await;
    assert!(
        !b.exists("#f-consistenza-sap").await,
        "the sections are hidden"
    );
    assert_eq!(b.value("#key-create-istat").await, "019002", "prefilled");
    b.fill("#key-create-pass", PASSPHRASE).await;
    b.fill("#key-create-pass2", PASSPHRASE).await;
    b.click("#key-create").await;
    let signed = sign_and_check(
        b,
        "offerta-abitativa_2021_019002_comune-di-agnadello_firmata.json",
    )
    .await;
    assert!(signed.contains("\"nessun_patrimonio\": true"));
}

#[tokio::test]
async fn served_aler_and_a_comune_without_stock() {
    let server = served_dist();
    let b = Browser::start().await;
    aler(&b, &server.url()).await;
    no_stock(&b, &server.url()).await;
    b.finish().await;
}

#[tokio::test]
async fn single_file_aler_and_a_comune_without_stock() {
    let b = Browser::start().await;
    aler(&b, &single_file_url()).await;
    no_stock(&b, &single_file_url()).await;
    b.finish().await;
}

async fn english(b: &Browser, url: &str) {
    start(b, url, "019035").await;
    b.click("#lang-switch").await;
    assert_eq!(b.text("label[for='f-referente-nome']").await, "Full name");
    b.fill("#f-referente-email", "casa").await;
    b.text_when("#m-referente-email", |t| {
        t.contains("Error: «casa» does not look like an e-mail address")
    })
    .await;
    let lang = b
        .client
        .execute("return document.documentElement.lang", vec![])
        .await
        .unwrap();
    assert_eq!(lang, serde_json::Value::from("en"));
    b.click("#lang-switch").await;
    b.text_when("#m-referente-email", |t| {
        t.contains("Errore: «casa» non sembra un indirizzo e-mail")
    })
    .await;
}

#[tokio::test]
async fn the_form_speaks_english_on_request_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    english(&b, &server.url()).await;
    english(&b, &single_file_url()).await;
    b.finish().await;
}

const DRAFT_RENDERS: &str = "return window.__offertaDraftRenders || 0";

async fn draft_renders(b: &Browser) -> u64 {
    let n = b.client.execute(DRAFT_RENDERS, vec![]).await.unwrap();
    n.as_f64().expect("a count") as u64
}

/// Typing N characters renders the draft screen (the form and all around it) at most N times.
/// Fewer is fine: on a loaded machine the browser can deliver two keystrokes before Yew's
/// scheduler runs, and Yew then renders once for both (a CI run counted 6 for 10).
///
/// Before the save effect told the page only of a change in the save's outcome, it
/// dispatched `DraftSaved` with the time after every keystroke's save: the new state
/// re-rendered the screen (the callbacks the App rebuilds at each render make its props
/// differ), so this test counted 2N and failed.
#[tokio::test]
async fn one_render_of_the_draft_screen_per_keystroke() {
    const TYPED: &str = "Protocollo";
    let b = Browser::start().await;
    start(&b, &single_file_url(), "019035").await;
    // Focus the field by clicking it: no input event, nothing rendered.
    b.click("#f-referente-nome").await;
    let before = draft_renders(&b).await;
    assert!(before >= 1, "the counter counts the draft screen's renders");
    b.type_keys(TYPED).await;
    assert_eq!(b.value("#f-referente-nome").await, TYPED);
    assert!(b.text("#save-state").await.contains("Bozza salvata"));
    // Renders run in microtasks right after each input event; the wait only makes sure a
    // late second render, if there were one, would be counted.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let after = draft_renders(&b).await;
    assert!(
        (1..=TYPED.len() as u64).contains(&(after - before)),
        "{} keystrokes rendered the draft screen {} times",
        TYPED.len(),
        after - before
    );
    b.finish().await;
}

/// After a reload the home page offers the draft just left, with when it was saved; one
/// click opens it as it was.
async fn resume_from_home(b: &Browser, url: &str) {
    start(b, url, "019035").await;
    // Firefox keeps a file:// page's storage for that file alone: the form says what that
    // means for the draft, there only.
    let firefox_file =
        crate::browser::engine() == crate::browser::Engine::Firefox && url.starts_with("file:");
    assert_eq!(b.exists("#storage-note").await, firefox_file);
    b.fill("#f-referente-nome", "Ufficio Casa").await;
    b.text_when("#save-state", |t| t.contains("Bozza salvata"))
        .await;
    // From home (a reload on the form comes back to the form).
    b.click("button.back").await;
    b.client.refresh().await.unwrap();
    let offer = b
        .text_when("#home-drafts", |t| t.contains("Comune di Crema"))
        .await;
    assert!(
        offer.contains("Riprendi la bozza di Comune di Crema - piano 2021 (salvata il "),
        "{offer}"
    );
    b.click("#home-drafts .resume-home").await;
    assert!(b.text("#draft-title").await.contains("Crema"));
    assert_eq!(b.value("#f-referente-nome").await, "Ufficio Casa");
}

#[tokio::test]
async fn the_home_page_offers_the_draft_after_a_reload_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    resume_from_home(&b, &server.url()).await;
    resume_from_home(&b, &single_file_url()).await;
    b.finish().await;
}

/// Types into the focused field as a paste does: one `input` event with the whole text.
async fn paste(b: &Browser, css: &str, text: &str) {
    b.client
        .execute(
            "const f = document.querySelector(arguments[0]); f.focus(); f.select();
             document.execCommand('insertText', false, arguments[1]);",
            vec![serde_json::json!(css), serde_json::json!(text)],
        )
        .await
        .expect("paste");
}

/// #17 point 3: a count field keeps exactly what the clerk typed until it is a count, says
/// why it is not, and reads the Italian thousands separator.
async fn counts_as_typed(b: &Browser, url: &str) {
    start(b, url, "019035").await;
    b.fill("#f-consistenza-sas", "5").await;
    b.click("#f-consistenza-sap").await;
    // Key by key, as typed: the comma must not vanish between "1" and "5".
    b.replace_keys("1,5").await;
    let message = b
        .text_when("#m-consistenza-sap", |t| t.contains("senza virgola"))
        .await;
    assert!(message.contains("numero intero"), "{message}");
    assert_eq!(b.value("#f-consistenza-sap").await, "1,5");
    // The total leaves the field out, and says so (#24).
    assert_eq!(
        b.text("#total-a").await,
        "Totale alloggi: 6 (incompleto: un campo contiene un testo da correggere, indicato come errore)"
    );

    b.replace_keys("-42").await;
    b.text_when("#m-consistenza-sap", |t| {
        t.contains("non può essere negativo")
    })
    .await;
    crate::accessibility::assert_no_violations(b, "a count field saying why it is not a count")
        .await;
    assert_eq!(b.value("#f-consistenza-sap").await, "-42");

    paste(b, "#f-consistenza-sap", "1.200").await;
    b.text_when("#total-a", |t| t == "Totale alloggi: 1.205")
        .await;
    assert_eq!(b.value("#f-consistenza-sap").await, "1.200");
    assert!(!b.exists("#m-consistenza-sap").await);

    b.replace_keys("4O").await;
    b.text_when("#m-consistenza-sap", |t| t.contains("solo in cifre"))
        .await;
    assert_eq!(b.value("#f-consistenza-sap").await, "4O");
    // The draft keeps the last good figure (the "4" typed before the "O") until the field
    // holds a count again, and the total says it is incomplete; the field keeps what was typed.
    b.text_when("#total-a", |t| {
        t.starts_with("Totale alloggi: 9 (incompleto")
    })
    .await;
    b.replace_keys("40").await;
    b.text_when("#total-a", |t| t == "Totale alloggi: 45").await;
    assert!(!b.exists("#m-consistenza-sap").await);
}

#[tokio::test]
async fn count_fields_keep_what_was_typed_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    counts_as_typed(&b, &server.url()).await;
    counts_as_typed(&b, &single_file_url()).await;
    b.finish().await;
}

/// Labels of the rows of b, c and d that do not sit right above their own control (each as
/// "label text: why"): the same layout in every section, at any width.
async fn labels_away_from_their_controls(b: &Browser) -> Vec<String> {
    let found = b
        .client
        .execute(
            "const bad = [];
             for (const label of document.querySelectorAll('.row-edit label.form-label')) {
                 const control = document.getElementById(label.htmlFor);
                 const l = label.getBoundingClientRect(), c = control.getBoundingClientRect();
                 if (l.bottom > c.top + 1) bad.push(label.textContent + ': not above its control');
                 else if (Math.abs(l.left - c.left) > 2) bad.push(label.textContent + ': not aligned with its control');
                 else if (c.top - l.bottom > 12) bad.push(label.textContent + ': far from its control');
             }
             return bad;",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// #17 point 8: the rows of b, c and d are laid out alike, and at 200% zoom (half the
/// width in CSS pixels) no label floats away from its list.
async fn rows_alike_at_any_zoom(b: &Browser, url: &str) {
    start(b, url, "019035").await;
    row(b, "carenza_manutentiva", 0, None, "4").await;
    row(b, "nuova_edificazione", 0, None, "28").await;
    row(b, "avvicendamento-per_comune", 0, None, "3").await;
    for width in [1280, 640] {
        b.client.set_window_size(width, 900).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let bad = labels_away_from_their_controls(b).await;
        assert!(bad.is_empty(), "at {width} px: {bad:?}");
    }
    b.client.set_window_size(1280, 900).await.unwrap();
}

#[tokio::test]
async fn rows_of_b_c_d_keep_each_label_on_its_control_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    rows_alike_at_any_zoom(&b, &server.url()).await;
    rows_alike_at_any_zoom(&b, &single_file_url()).await;
    b.finish().await;
}

/// #18: a name carrying a bidirectional override (it would show another text than it
/// holds) is refused next to its field, and the file cannot be signed until it is gone.
async fn invisible_characters_refused(b: &Browser, url: &str) {
    start(b, url, "019035").await;
    b.fill("#f-referente-nome", "Ufficio \u{202E}asaC").await;
    let said = b
        .text_when("#m-referente-nome", |t| t.contains("carattere invisibile"))
        .await;
    assert!(said.contains("U+202E"), "{said}");
    assert!(b.text("#problems").await.contains("carattere invisibile"));
    b.fill("#f-referente-nome", "Ufficio Casa").await;
    b.text_when("#problems", |t| !t.contains("carattere invisibile"))
        .await;
    assert!(!b.exists("#m-referente-nome").await);
}

#[tokio::test]
async fn invisible_characters_are_refused_in_the_form_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    invisible_characters_refused(&b, &server.url()).await;
    invisible_characters_refused(&b, &single_file_url()).await;
    b.finish().await;
}

/// Issue #24: what the page shows is what is signed. A count left with a text that is not a
/// number is an error in the summary, stops signing, makes f say it is incomplete and comes
/// back after a reload; the receipt describes the downloaded bytes and never changes when
/// the draft is edited after signing; the page then says the draft changed.
async fn what_is_signed_is_what_the_page_shows(b: &Browser, url: &str) {
    start(b, url, "019035").await;
    referente(b, "servizi.abitativi@crema.example.org").await;
    b.fill("#f-consistenza-sap", "42").await;
    row(b, "nuova_edificazione", 0, None, "4").await;
    assert!(b.text("#total-f").await.ends_with(": 4"));
    create_key(b, false).await;
    b.text_when("#problems", |t| t.contains("Nessun problema"))
        .await;
    for bad in ["4O", "1,5", "1.5", "-3"] {
        b.fill("#f-nuova_edificazione-0-unita", bad).await;
        let problems = b
            .text_when("#problems", |t| t.contains(&format!("«{bad}»")))
            .await;
        assert!(
            problems.contains("non è ancora un valore"),
            "{bad}: {problems}"
        );
        assert_eq!(b.value("#f-nuova_edificazione-0-unita").await, bad);
        assert!(b
            .text("#m-nuova_edificazione-0-unita")
            .await
            .starts_with("Errore:"));
        let sign = b.element("#sign").await;
        assert_eq!(
            sign.attr("disabled").await.unwrap().as_deref(),
            Some("true"),
            "{bad}: signing is refused"
        );
        assert!(
            b.text("#total-f").await.contains("incompleto"),
            "{bad}: f says it is incomplete"
        );
    }
    // The summary's link leads to the field.
    let href = b.element("#problems a").await.attr("href").await.unwrap();
    assert_eq!(href.as_deref(), Some("#f-nuova_edificazione-0-unita"));

    // A reload shows the text and its error again.
    reload_to_the_draft(b).await;
    assert_eq!(b.value("#f-nuova_edificazione-0-unita").await, "-3");
    b.text_when("#problems", |t| t.contains("«-3»")).await;
    assert!(b.text("#total-f").await.contains("incompleto"));

    // Corrected, the figure is signed as shown.
    b.fill("#f-nuova_edificazione-0-unita", "4").await;
    b.text_when("#problems", |t| t.contains("Nessun problema"))
        .await;
    assert!(!b.text("#total-f").await.contains("incompleto"));
    if !b.exists("#key-fingerprint").await {
        b.fill("#key-open-pass", PASSPHRASE).await;
        b.click("#key-open").await;
        b.text("#key-fingerprint").await;
    }
    let name = "offerta-abitativa_2021_019035_comune-di-crema_firmata.json";
    b.click("#sign").await;
    let first = b.downloaded(name).await;
    assert!(first.contains("\"assegnabili\": 4"), "{first}");
    assert!(!first.contains("testi_da_correggere"));
    let receipt = b.text("#receipt").await;
    assert!(receipt.contains(&file_hash(first.as_bytes())));
    assert!(!b.exists("#receipt-changed").await);
    let receipt_figures = b.text("#receipt table").await;

    // Edited after signing: the receipt still describes the file that says 4, and the page
    // says the draft changed.
    std::fs::remove_file(b.downloads.join(name)).unwrap();
    b.fill("#f-nuova_edificazione-0-unita", "40").await;
    b.text_when("#total-f", |t| t.ends_with(": 40")).await;
    let changed = b.text("#receipt-changed").await;
    assert!(
        changed.contains("La bozza è cambiata dopo la firma"),
        "{changed}"
    );
    assert_eq!(b.text("#receipt table").await, receipt_figures);
    // And after a reload, the receipt comes back from the kept file, still saying 4.
    reload_to_the_draft(b).await;
    b.text("#receipt-changed").await;
    assert!(b
        .text("#receipt")
        .await
        .contains(&file_hash(first.as_bytes())));

    // Signed again, the receipt is of the new file.
    if !b.exists("#key-fingerprint").await {
        b.fill("#key-open-pass", PASSPHRASE).await;
        b.click("#key-open").await;
        b.text("#key-fingerprint").await;
    }
    b.click("#sign").await;
    let second = b.downloaded(name).await;
    assert!(second.contains("\"assegnabili\": 40"));
    b.text_when("#receipt", |t| t.contains(&file_hash(second.as_bytes())))
        .await;
    assert!(!b.exists("#receipt-changed").await);
}

/// Reloads the page and comes back to the draft: the screen stays after a reload, or the
/// stored draft is resumed from the form's start.
async fn reload_to_the_draft(b: &Browser) {
    b.client.refresh().await.unwrap();
    for _ in 0..200 {
        if b.exists("#draft-title").await || b.exists("#role-compila").await {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    if !b.exists("#draft-title").await {
        b.click("#role-compila").await;
        b.click("#stored-drafts .resume-draft").await;
    }
    b.element("#f-nuova_edificazione-0-unita").await;
}

#[tokio::test]
async fn what_is_signed_is_what_the_page_shows_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    what_is_signed_is_what_the_page_shows(&b, &server.url()).await;
    b.finish().await;
    let b = Browser::start().await;
    what_is_signed_is_what_the_page_shows(&b, &single_file_url()).await;
    b.finish().await;
}

/// #27: a 2026 plan is written in format 4. d) takes SAP and SAS apart (the SAS units stay out
/// of f); a soglia above 20% asks the comune to confirm it covers the housing costs (art. 13
/// c.3); the art. 14 share asks which categories it goes to; the signed file is version 4 and
/// the command line verifies it.
async fn comune_2026(b: &Browser, url: &str) {
    b.client.goto(url).await.unwrap();
    b.click("#role-compila").await;
    b.select("#start-ente", "019035").await;
    b.fill("#start-year", "2026").await;
    b.click("#start").await;
    b.text("#draft-title").await;
    referente(b, "servizi.abitativi@crema.example.org").await;
    b.fill("#f-consistenza-sap", "353").await;
    b.fill("#f-consistenza-sas", "5").await;
    row(b, "carenza_manutentiva", 0, None, "4").await;
    row(b, "nuova_edificazione", 0, None, "28").await;
    row(b, "avvicendamento-per_comune", 0, None, "2").await;
    row(b, "avvicendamento_sas-per_comune", 0, None, "3").await;
    b.text_when("#total-f", |t| t.ends_with(": 34")).await;

    b.click("label[for=f-soglia_indigenza]").await;
    b.fill("#f-soglia_indigenza-percento", "25").await;
    b.text_when("#m-copertura_spese_alloggio", |t| {
        t.contains("copertura delle relative spese di alloggio")
    })
    .await;
    b.click("label[for=f-copertura_spese_alloggio]").await;
    b.text_when("#problems", |t| {
        !t.contains("copertura delle relative spese")
    })
    .await;

    b.click("label[for=f-categorie_art14]").await;
    b.text_when("#m-categorie_art14_elenco", |t| {
        t.contains("categorie dell'art. 14")
    })
    .await;
    b.click("label[for=f-categorie_art14_elenco-0]").await;
    b.text_when("#problems", |t| {
        !t.contains("categorie dell'art. 14 va la quota")
    })
    .await;

    create_key(b, false).await;
    let signed = sign_and_check(
        b,
        "offerta-abitativa_2026_019035_comune-di-crema_firmata.json",
    )
    .await;
    for written in [
        "\"versione\": 4",
        "\"avvicendamento_sas\"",
        "\"copertura_spese_alloggio\": true",
        "\"anziani\"",
        "\"assegnabili\": 34",
    ] {
        assert!(signed.contains(written), "{written}: {signed}");
    }
}

#[tokio::test]
async fn a_2026_comune_gives_sap_and_sas_apart_and_signs_format_4() {
    let server = served_dist();
    let b = Browser::start().await;
    comune_2026(&b, &server.url()).await;
    b.finish().await;
}

/// Every row of every section, measured: whether the comune's select and the units' input
/// share a line (they overlap vertically, the comune on the left), and where the «Togli la
/// riga» button sits from the row's top right corner, in CSS pixels.
const ROW_GEOMETRY: &str = "
    return [...document.querySelectorAll('#draft-form input[id$=\"-unita\"]')].map(units => {
        const row = units.closest('.row-edit');
        const comune = row.querySelector('select[id$=\"-comune\"]').getBoundingClientRect();
        const u = units.getBoundingClientRect(), r = row.getBoundingClientRect();
        const remove = [...row.querySelectorAll('button')]
            .find(b => /^(Togli la riga|Remove row)/.test(b.textContent.trim())).getBoundingClientRect();
        return {
            row: units.id,
            shared_line: comune.top < u.bottom && u.top < comune.bottom && comune.right <= u.left,
            remove_from_top_right: [Math.round(r.right - remove.right), Math.round(remove.top - r.top)],
            remove_on_the_controls_line: remove.top < u.bottom && u.top < remove.bottom,
            findings: row.querySelectorAll('.messages li').length,
            rects: [comune, u, remove, r].map(x => [x.left, x.top, x.right, x.bottom].map(Math.round)),
        };
    });";

#[derive(Debug)]
struct RowGeometry {
    row: String,
    shared_line: bool,
    remove_from_top_right: [i64; 2],
    remove_on_the_controls_line: bool,
    findings: usize,
}

/// The rows at `width` CSS pixels, each checked: comune and units on one line, the remove
/// button on it, at the same place in every row. Returns the rows for more checks.
async fn rows_at(b: &Browser, width: u32, state: &str) -> Vec<RowGeometry> {
    b.client.set_window_size(width, 900).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let found = b.client.execute(ROW_GEOMETRY, vec![]).await.unwrap();
    let rows: Vec<RowGeometry> = found
        .clone()
        .as_array()
        .expect("a list of rows")
        .iter()
        .map(|r| RowGeometry {
            row: r["row"].as_str().unwrap().to_owned(),
            shared_line: r["shared_line"] == true,
            remove_from_top_right: [
                r["remove_from_top_right"][0].as_i64().unwrap(),
                r["remove_from_top_right"][1].as_i64().unwrap(),
            ],
            remove_on_the_controls_line: r["remove_on_the_controls_line"] == true,
            findings: r["findings"].as_u64().unwrap() as usize,
        })
        .collect();
    assert!(rows.len() >= 6, "{state}: {rows:?}");
    for r in &rows {
        assert!(
            r.shared_line,
            "{state}, {width} px: comune and units of {} not on one line: {found}",
            r.row
        );
        assert!(
            r.remove_on_the_controls_line,
            "{state}, {width} px: the remove button of {} is not on the controls' line",
            r.row
        );
        assert_eq!(
            r.remove_from_top_right, rows[0].remove_from_top_right,
            "{state}, {width} px: the remove button of {} is not where it is in {}",
            r.row, rows[0].row
        );
    }
    rows
}

/// #28 Rows: one layout for every row of every section (b, c, d, e, j), with or without an
/// error, at 1280 px and at 640 px (a 1280 px screen at 200% zoom): the comune and the units
/// share a line, the remove button sits at the same place; a finding goes under the row.
async fn one_row_layout(b: &Browser, url: &str) {
    start(b, url, "019035").await;
    for section in [
        "carenza_manutentiva",
        "nuova_edificazione",
        "avvicendamento-per_comune",
        "conferite_da_privati",
        "transitori",
    ] {
        row(b, section, 0, None, "1").await;
    }
    // A second row in b for another comune of the ambito (Izano): no finding yet.
    row(b, "carenza_manutentiva", 1, Some("019054"), "1").await;
    for width in [1280, 640] {
        let rows = rows_at(b, width, "no finding").await;
        let with_findings: Vec<&RowGeometry> = rows.iter().filter(|r| r.findings > 0).collect();
        assert!(
            with_findings.iter().all(|r| r.row.starts_with("f-carenza")),
            "{with_findings:?}"
        );
    }
    // An error on every units field (a letter for a zero), and on a comune: the second row
    // of b on the first row's comune (a comune twice in a section).
    for id in [
        "carenza_manutentiva-0",
        "carenza_manutentiva-1",
        "nuova_edificazione-0",
        "avvicendamento-per_comune-0",
        "conferite_da_privati-0",
        "transitori-0",
    ] {
        b.fill(&format!("#f-{id}-unita"), "1O").await;
    }
    b.select("#f-carenza_manutentiva-1-comune", "019035").await;
    b.text_when("#problems", |t| t.contains("compare più volte"))
        .await;
    for width in [1280, 640] {
        let rows = rows_at(b, width, "an error in every row").await;
        assert!(
            rows.iter().all(|r| r.findings >= 1),
            "every row shows its error: {rows:?}"
        );
    }
    crate::accessibility::assert_no_violations(b, "rows with errors").await;
    b.client.set_window_size(1280, 900).await.unwrap();
}

#[tokio::test]
async fn every_row_has_one_layout_with_or_without_errors_at_two_widths_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    one_row_layout(&b, &server.url()).await;
    one_row_layout(&b, &single_file_url()).await;
    b.finish().await;
}

/// #28 Correcting a figure after a warning: c) typed as 40 makes f = 44 over a stock of 42.
/// The warning says first to check the figures, and offers the confirmation only behind a
/// button; correcting the figure takes the warning away with nothing typed to confirm it.
/// By keyboard alone, the button opens the reason box with the focus in it.
async fn warning_advises_checking_first(b: &Browser, url: &str) {
    use crate::browser::ENTER;
    start(b, url, "019035").await;
    referente(b, "servizi.abitativi@crema.example.org").await;
    b.fill("#f-consistenza-sap", "37").await;
    b.fill("#f-consistenza-sas", "5").await;
    row(b, "carenza_manutentiva", 0, None, "4").await;
    row(b, "nuova_edificazione", 0, None, "4").await;
    b.fill("#f-assegnate_anno_precedente-ordinarie", "4").await;
    b.text_when("#problems", |t| t.contains("Nessun problema"))
        .await;
    // The clerk means 4 and types a 0 after it, key by key.
    b.click("#f-nuova_edificazione-0-unita").await;
    b.replace_keys("40").await;
    let said = b
        .text_when("#m-consistenza-sap", |t| t.contains("f = 44"))
        .await;
    let advice = said
        .find("Controlla prima i dati: se una cifra è sbagliata, correggila e l'avviso sparisce.")
        .unwrap_or_else(|| panic!("the warning says what to check first: {said}"));
    let confirm = said
        .find("I dati sono giusti: conferma")
        .expect("the confirmation is offered");
    assert!(advice < confirm, "advice before the confirmation: {said}");
    assert!(
        !b.exists("#ack-consistenza-sap").await,
        "no reason box before the clerk asks for it"
    );
    crate::accessibility::assert_no_violations(b, "a warning with its advice").await;

    // By keyboard: the button opens the reason box, which takes the focus.
    b.tab_to("#open-ack-consistenza-sap").await;
    b.press(ENTER).await;
    for _ in 0..50 {
        if b.focused_is("#ack-consistenza-sap").await {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        b.focused_is("#ack-consistenza-sap").await,
        "the reason box has the focus"
    );
    assert!(b
        .text("#m-consistenza-sap")
        .await
        .contains("Controlla prima i dati"));

    // The figure was mistyped: corrected, the warning goes; nothing was typed to confirm it.
    b.click("#f-nuova_edificazione-0-unita").await;
    b.replace_keys("4").await;
    b.text_when("#problems", |t| t.contains("Nessun problema"))
        .await;
    assert!(!b.exists("#m-consistenza-sap").await);
    assert!(!b.exists("#ack-consistenza-sap").await);

    // Figures that are right are confirmed with a reason, by keyboard too.
    b.click("#f-nuova_edificazione-0-unita").await;
    b.replace_keys("40").await;
    b.text_when("#m-consistenza-sap", |t| t.contains("f = 44"))
        .await;
    // In English too.
    b.click("#lang-switch").await;
    b.text_when("#m-consistenza-sap", |t| {
        t.contains(
            "Check the data first: if a figure is wrong, correct it and the warning goes away.",
        ) && t.contains("The data are right: confirm")
    })
    .await;
    b.click("#lang-switch").await;
    b.tab_to("#open-ack-consistenza-sap").await;
    b.press(ENTER).await;
    for _ in 0..50 {
        if b.focused_is("#ack-consistenza-sap").await {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    b.type_keys("36 alloggi nuovi non ancora nel patrimonio")
        .await;
    b.tab_to("#m-consistenza-sap .confirm-warning").await;
    b.press(ENTER).await;
    b.text_when("#m-consistenza-sap", |t| {
        t.contains("Confermato: «36 alloggi nuovi")
    })
    .await;
    b.text_when("#problems", |t| t.contains("Nessun problema"))
        .await;
}

#[tokio::test]
async fn a_warning_says_to_check_the_figures_before_confirming_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    warning_advises_checking_first(&b, &server.url()).await;
    warning_advises_checking_first(&b, &single_file_url()).await;
    b.finish().await;
}
