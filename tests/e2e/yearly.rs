//! Issue #16, the loop from the capofila to the comuni and back, in both builds: the capofila
//! signs its request; a comune (another PC: another browser profile) opens it on the home
//! screen, answers and signs; the capofila drops the answer and its status board moves; a
//! tampered request is refused and changes nothing; axe finds nothing on the new screens.

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use offerta_core::request::read_request;
use serde_json::json;

use crate::accessibility::assert_no_violations;
use crate::browser::Browser;
use crate::site::{scratch_dir, served_dist, single_file_url, write};

const CAPOFILA_PASS: &str = "frase del capofila";
const COMUNE_PASS: &str = "frase segreta del comune";

/// Sets a date input as the browser's date picker does (its typed form depends on the
/// locale), with the events a picker fires.
async fn set_date(b: &Browser, css: &str, date: &str) {
    b.client
        .execute(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1];
             e.dispatchEvent(new Event('input', {bubbles: true}));
             e.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![json!(css), json!(date)],
        )
        .await
        .unwrap();
}

/// The page's clock set to 1 December 2026, 09:00 UTC: a request is signed at the page's
/// «now», and one for 2027 due on 15/01/2027 is refused once that day has passed (its
/// deadline would be before its signature).
async fn freeze_clock(b: &Browser) {
    b.client
        .execute(
            "const at = Date.parse('2026-12-01T09:00:00Z');
             window.realDateNow = window.realDateNow || Date.now;
             Date.now = () => at;",
            vec![],
        )
        .await
        .unwrap();
}

/// The page's clock back to the real one (the answers that arrive later are signed now).
async fn thaw_clock(b: &Browser) {
    b.client
        .execute(
            "if (window.realDateNow) Date.now = window.realDateNow;",
            vec![],
        )
        .await
        .unwrap();
}

/// The capofila of Crema signs the request for 2027 and downloads it; the board has the
/// deadline and nobody answered yet. Returns the request file's path.
async fn capofila_signs_the_request(b: &Browser, url: &str) -> std::path::PathBuf {
    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", "2027\n").await;
    b.click("#request-panel summary").await;
    assert_no_violations(b, "capofila: request panel").await;
    // Without the capofila's key there is nothing to sign with: the key panel is here.
    assert!(!b.exists("#request-sign").await);
    b.fill("#key-create-istat", "019035").await;
    b.fill("#key-create-pass", CAPOFILA_PASS).await;
    b.fill("#key-create-pass2", CAPOFILA_PASS).await;
    b.click("#key-create").await;
    // No deadline yet: the core says what is missing, nothing is signed.
    b.fill("#request-referente", "Ufficio di Piano").await;
    b.fill("#request-contatto", "protocollo@pec.comune.crema.example")
        .await;
    b.click("#request-sign").await;
    b.text_when("#capofila-message", |t| t.contains("scadenza"))
        .await;
    set_date(b, "#request-deadline", "2027-01-15").await;
    freeze_clock(b).await;
    b.click("#request-sign").await;
    let name = "richiesta-offerta-abitativa_crema_2027.json";
    let text = b.downloaded(name).await;
    thaw_clock(b).await;
    let read = read_request(text.as_bytes(), None).expect("the request verifies");
    assert_eq!(read.request.anno_piano, 2027);
    assert_eq!(read.request.ambito.comuni.len(), 48);
    assert_eq!(read.request.capofila.referente, "Ufficio di Piano");
    let current = b
        .text_when("#request-current", |t| t.contains("15/01/2027"))
        .await;
    // The date is the deadline for the answers, and the line says so.
    assert!(
        current.contains("risposte entro il 15/01/2027"),
        "{current}"
    );
    b.click("#status-board summary").await;
    let summary = b.text("#board-summary").await;
    assert!(summary.starts_with("0 comuni su 48"), "{summary}");
    assert!(b.text("#board-deadline").await.contains("15/01/2027"));
    let reminder = b.value("#reminder-text").await;
    assert!(
        reminder.contains("- Comune di Trescore Cremasco"),
        "{reminder}"
    );
    assert!(reminder.contains("protocollo@pec.comune.crema.example"));
    assert_no_violations(b, "capofila: status board").await;
    b.downloads.join(name)
}

/// Agnadello, which owns no housing, opens the request on its own PC: a tampered copy is
/// refused first, then the real one; it answers "nessun patrimonio" and signs.
async fn comune_answers(
    b: &Browser,
    url: &str,
    request: &std::path::Path,
    tag: &str,
) -> std::path::PathBuf {
    let dir = scratch_dir(&format!("yearly-{tag}"));
    let original = std::fs::read_to_string(request).unwrap();
    let tampered = write(
        &dir,
        "richiesta-alterata.json",
        original.replacen("2027-01-15", "2027-03-15", 1).as_bytes(),
    );
    b.client.goto(url).await.unwrap();
    b.fill("#request-file", tampered.to_str().unwrap()).await;
    let error = b.text_when("#request-error", |t| !t.is_empty()).await;
    assert!(error.contains("richiesta-alterata.json"), "{error}");
    assert!(error.contains("modificata dopo la firma"), "{error}");
    assert!(
        !b.exists("#request-opened").await,
        "a bad request opens nothing"
    );
    assert_no_violations(b, "home: request refused").await;

    b.fill("#request-file", request.to_str().unwrap()).await;
    let from = b.text_when("#request-from", |t| !t.is_empty()).await;
    assert!(from.contains("Comune di Crema"), "{from}");
    assert!(b.text("#request-for").await.contains("2027"));
    assert!(b.text("#request-deadline").await.contains("15/01/2027"));
    // A first request is to be checked: its fingerprint against the capofila's PEC, and no
    // answer before the clerk confirms it.
    let note = b.text("#request-key-note").await;
    assert!(note.starts_with("Da verificare"), "{note}");
    assert!(
        note.contains("prima richiesta") && note.contains("PEC"),
        "{note}"
    );
    let fp = read_request(original.as_bytes(), None).unwrap().fingerprint;
    assert!(note.contains(&fp), "{note}");
    assert!(
        !b.exists("#request-start-form").await,
        "no answer before the check"
    );
    assert!(!b.exists("#request-error").await);
    assert_no_violations(b, "home: first request to be checked").await;
    b.click("#request-key-confirm").await;
    b.text_when("#request-key-note", |t| t.contains("Impronta confrontata"))
        .await;
    assert!(b.exists("#request-start-form").await);
    assert!(b.text("#request-owners").await.contains("su 48"));
    assert_no_violations(b, "home: request opened").await;
    // The same in English, then back to Italian.
    b.click("#lang-switch").await;
    let from = b
        .text_when("#request-from", |t| t.starts_with("Request of"))
        .await;
    assert!(from.contains("Comune di Crema"), "{from}");
    assert!(b.text("#request-deadline").await.contains("Deadline"));
    assert_no_violations(b, "home: request opened, in English").await;
    b.click("#lang-switch").await;
    b.text_when("#request-from", |t| t.starts_with("Richiesta del"))
        .await;
    // The ente comes from the ambito's list; nothing chosen, a clear message.
    b.click("#request-start").await;
    assert!(b
        .text("#request-start-error")
        .await
        .contains("Scegliere l'ente"));
    b.select("#request-ente", "019002").await;
    b.click("#request-start").await;
    let title = b.text("#draft-title").await;
    assert!(
        title.contains("Agnadello") && title.contains("2027"),
        "{title}"
    );
    let answering = b.text("#answered-request").await;
    assert!(
        answering.contains("Risposta alla richiesta del Comune di Crema"),
        "{answering}"
    );
    assert!(answering.contains("15/01/2027"), "{answering}");
    b.fill("#f-referente-nome", "Ufficio Tecnico").await;
    b.fill("#f-referente-ruolo", "Responsabile del procedimento")
        .await;
    b.fill("#f-referente-email", "protocollo@agnadello.example.org")
        .await;
    b.click("label[for=f-nessun_patrimonio]").await;
    assert_eq!(b.value("#key-create-istat").await, "019002");
    b.fill("#key-create-pass", COMUNE_PASS).await;
    b.fill("#key-create-pass2", COMUNE_PASS).await;
    b.click("#key-create").await;
    b.text_when("#problems", |t| t.contains("Nessun problema"))
        .await;
    assert_no_violations(b, "form: answering a request").await;
    b.click("#sign").await;
    let name = "offerta-abitativa_2027_019002_comune-di-agnadello_firmata.json";
    let signed = b.downloaded(name).await;
    let hash = offerta_core::signing::file_hash(original.as_bytes());
    assert!(
        signed.contains(&hash),
        "the answer names the request's hash"
    );

    // The same capofila's request again is known; a request signed by another key for the
    // same capofila is refused.
    b.client.goto(url).await.unwrap();
    b.fill("#request-file", request.to_str().unwrap()).await;
    b.text_when("#request-key-note", |t| t.contains("stessa chiave"))
        .await;
    let forged = offerta_core::request::Request {
        ..read_request(original.as_bytes(), None).unwrap().request
    }
    .signed(
        &offerta_core::signing::SigningKey::from_bytes(&[66; 32]),
        "2026-12-02T09:00:00Z",
    );
    let forged = write(&dir, "richiesta-altra-chiave.json", forged.as_bytes());
    b.fill("#request-file", forged.to_str().unwrap()).await;
    let error = b.text_when("#request-error", |t| !t.is_empty()).await;
    assert!(error.contains("chiave diversa"), "{error}");
    assert!(
        b.text("#request-key-note").await.contains("stessa chiave"),
        "the request opened before stays"
    );
    b.downloads.join(name)
}

/// The capofila drops the answer: after accepting Agnadello's key the board has it as
/// answered, naming the request; the reminder no longer lists it.
async fn capofila_sees_the_answer(b: &Browser, answer: &std::path::Path) {
    b.fill("#files-input", answer.to_str().unwrap()).await;
    b.text_when("#received-count", |t| t.contains(": 1 ")).await;
    b.click("#files-table .accept-key").await;
    b.text_when("#received-count", |t| t.contains("nel piano: 1"))
        .await;
    let summary = b
        .text_when("#board-summary", |t| t.starts_with("1 comune"))
        .await;
    assert!(summary.contains("1 comune su 48 ha risposto"), "{summary}");
    let row = b.text("#board-table tr[data-comune='019002']").await;
    assert!(row.contains("ha risposto"), "{row}");
    assert!(row.contains("risponde alla richiesta"), "{row}");
    let reminder = b.value("#reminder-text").await;
    assert!(!reminder.contains("Comune di Agnadello"), "{reminder}");
}

async fn the_loop(url: &str, tag: &str) {
    let capofila = Browser::start().await;
    let comune = Browser::start().await;
    let request = capofila_signs_the_request(&capofila, url).await;
    let answer = comune_answers(&comune, url, &request, tag).await;
    capofila_sees_the_answer(&capofila, &answer).await;
    comune.finish().await;
    capofila.finish().await;
}

#[tokio::test]
async fn the_request_goes_out_and_the_answers_move_the_board_in_both_builds() {
    let server = served_dist();
    the_loop(&server.url(), "served").await;
    the_loop(&single_file_url(), "file").await;
}

/// Crema's comune opens its signed 2021 file to start 2022: a, the referente and the rows
/// come over marked «da verificare», k is empty, signing waits until each part is confirmed
/// (by its button, by keyboard) or changed.
async fn start_from_last_year(b: &Browser, url: &str, tag: &str) {
    let dir = scratch_dir(&format!("last-year-{tag}"));
    let (files, _) = offerta_core::demo::crema_2021_signed_files();
    let (name, text) = files.iter().find(|(n, _)| n.contains("_019035_")).unwrap();
    let last_year = write(&dir, name, text.as_bytes());
    b.client.goto(url).await.unwrap();
    b.click("#role-compila").await;
    // An altered file is refused: its figures are not the ones signed.
    let altered = write(
        &dir,
        "crema-2021-alterata.json",
        text.replacen("\"sap\": 353", "\"sap\": 300", 1).as_bytes(),
    );
    b.fill("#last-year-file", altered.to_str().unwrap()).await;
    let error = b.text_when("#start-error", |t| !t.is_empty()).await;
    assert!(
        error.contains("crema-2021-alterata.json") && error.contains("modificato dopo la firma"),
        "{error}"
    );
    b.fill("#last-year-file", last_year.to_str().unwrap()).await;
    let title = b.text("#draft-title").await;
    assert!(
        title.contains("Comune di Crema") && title.contains("2022"),
        "{title}"
    );
    let notice = b.text("#carried-notice").await;
    assert!(notice.contains("6 sezioni"), "{notice}");
    assert_eq!(b.value("#f-consistenza-sap").await, "353");
    assert_eq!(b.text("#total-k").await, "Totale assegnate: 0");
    let problems = b.text("#problems").await;
    assert!(problems.contains("Dati dall'anno precedente"), "{problems}");
    assert_no_violations(b, "form: last year's figures to check").await;
    // Confirming a), by keyboard; changing b) counts as checking it.
    b.tab_to("#confirm-carried-a").await;
    b.press('\u{e007}').await;
    b.text_when("#carried-notice", |t| t.contains("5 sezioni"))
        .await;
    assert!(!b.exists("#confirm-carried-a").await);
    b.fill("#f-carenza_manutentiva-0-unita", "3").await;
    b.text_when("#carried-notice", |t| t.contains("4 sezioni"))
        .await;
    assert!(!b.exists("#confirm-carried-b").await);
    for part in ["referente", "c", "d", "j"] {
        b.click(&format!("#confirm-carried-{part}")).await;
    }
    b.text_when("#problems", |t| !t.contains("Dati dall'anno precedente"))
        .await;
    assert!(!b.exists("#carried-notice").await);
}

/// The capofila of Crema, with this year's files in, opens last year's signed plan: the
/// comparison flags Crema's stock and draws the chart of f per comune with its data; the
/// printed document has the same part.
async fn compare_with_last_year(b: &Browser, url: &str, tag: &str) {
    use offerta_core::intake::Intake;
    let dir = scratch_dir(&format!("compare-{tag}"));
    let ambito = offerta_core::ambiti::preset("crema").unwrap();
    let mut last_year = offerta_core::demo::crema_2021();
    for s in &mut last_year {
        s.anno_piano = 2020;
        s.assegnate_anno_precedente.anno = 2019;
        if s.ente.id() == "019035" {
            s.consistenza.sap = 300;
        }
    }
    let previous_intake = Intake::new(ambito.clone(), 2020, Default::default());
    let previous = offerta_core::plan_outputs::signed_aggregate_text(
        &previous_intake,
        &offerta_core::aggregate(&last_year, Some(&ambito)),
        &offerta_core::plan_outputs::default_texts(&previous_intake),
        &offerta_core::demo::fixture_key("019035"),
        "2020-02-10T10:00:00Z",
    );
    let previous_path = write(&dir, "piano-2020-firmato.json", previous.as_bytes());
    let (files, registry) = offerta_core::demo::crema_2021_signed_files();
    let registry_path = write(&dir, "registro.json", registry.to_json().as_bytes());
    let paths: Vec<String> = files
        .iter()
        .map(|(n, t)| write(&dir, n, t.as_bytes()).display().to_string())
        .collect();
    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", "2021\n").await;
    b.fill("#registry-import", registry_path.to_str().unwrap())
        .await;
    b.text_when("#capofila-message", |t| t.contains("Registro importato"))
        .await;
    b.fill("#files-input", &paths.join("\n")).await;
    b.text_when("#received-count", |t| t.contains("nel piano: 48"))
        .await;
    // A submission is not a plan: refused, saying what it is.
    let a_submission = write(&dir, "scheda.json", files[0].1.as_bytes());
    b.fill("#previous-plan-file", a_submission.to_str().unwrap())
        .await;
    b.text_when("#capofila-message", |t| {
        t.contains("scheda.json") && t.contains("scheda di un ente")
    })
    .await;
    assert!(!b.exists("#comparison").await);
    // Chosen by keyboard, as the system's dialog gives it after Enter.
    b.tab_to("#previous-plan-file").await;
    crate::accessibility::choose_files(b, &[previous_path]).await;
    b.text_when("#previous-plan-loaded", |t| t.contains("piano 2020"))
        .await;
    let comparison = b.text("#comparison").await;
    // One heading for the part, not the screen's and the document's one after the other.
    assert_eq!(
        comparison
            .matches("Confronto con il piano precedente")
            .count(),
        1,
        "{comparison}"
    );
    assert!(
        comparison.contains("Variazioni da verificare"),
        "{comparison}"
    );
    assert!(comparison.contains("Comune di Crema"), "{comparison}");
    assert!(
        comparison.contains("305") && comparison.contains("358"),
        "{comparison}"
    );
    // The chart is the core's SVG, with a text alternative and its data as a table.
    let role = b
        .client
        .find(fantoccini::Locator::Css("#comparison figure svg"))
        .await
        .unwrap()
        .attr("role")
        .await
        .unwrap();
    assert_eq!(role.as_deref(), Some("img"));
    assert!(b.exists("#comparison figure svg title").await);
    assert!(
        comparison.contains("Anno precedente"),
        "the chart's data table: {comparison}"
    );
    assert_no_violations(b, "capofila: comparison with last year").await;
    b.click("#document-preview summary").await;
    let preview = b.text("#document-preview").await;
    assert!(
        preview.contains("Confronto con il piano precedente"),
        "the document has the part"
    );
    // #24 point 5: a reload stays on the capofila's screen, which lists last year's plan
    // among the files to open again (the browser keeps only their names).
    b.reload_past_the_leave_question().await;
    let notice = b
        .text_when("#loaded-before", |t| t.contains("piano-2020-firmato.json"))
        .await;
    assert!(notice.contains(&files[0].0), "{notice}");
    b.click("#forget-loaded-before").await;
}

#[tokio::test]
async fn a_comune_starts_from_last_years_file_and_confirms_each_part_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    start_from_last_year(&b, &server.url(), "served").await;
    start_from_last_year(&b, &single_file_url(), "file").await;
    b.finish().await;
}

#[tokio::test]
async fn the_capofila_compares_with_last_years_plan_and_sees_the_chart_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    compare_with_last_year(&b, &server.url(), "served").await;
    compare_with_last_year(&b, &single_file_url(), "file").await;
    b.finish().await;
}

/// The request's two screens by keyboard only: the capofila opens the panel, creates its
/// key, fills and signs the request, opens the board and reaches the reminder; the comune
/// chooses the request file, picks its ente with the arrow keys and starts the form.
async fn the_request_by_keyboard(url: &str) {
    use crate::accessibility::choose_files;
    use crate::browser::{ARROW_DOWN, ENTER};
    let capofila = Browser::start().await;
    let b = &capofila;
    b.client.goto(url).await.unwrap();
    b.element("#role-capofila").await;
    b.tab_to("#role-capofila").await;
    b.press(ENTER).await;
    b.tab_to("#request-panel summary").await;
    b.press(ENTER).await;
    b.tab_to("#key-create-istat").await;
    b.type_keys("019035").await;
    b.tab_to("#key-create-pass").await;
    b.type_keys(CAPOFILA_PASS).await;
    b.tab_to("#key-create-pass2").await;
    b.type_keys(CAPOFILA_PASS).await;
    b.tab_to("#key-create").await;
    b.press(ENTER).await;
    b.element("#request-sign").await;
    // The key panel is gone: the focus is on the next step, not lost.
    b.text_when("#request-sign", |_| true).await;
    for _ in 0..50 {
        if b.focused_is("#request-sign").await {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        b.focused_is("#request-sign").await,
        "the focus moved to «Firma e scarica la richiesta»"
    );
    // The date picker's typed form depends on the browser's locale: set as a picker does.
    set_date(b, "#request-deadline", "2027-01-15").await;
    freeze_clock(b).await;
    b.tab_to("#request-referente").await;
    b.type_keys("Ufficio di Piano").await;
    b.tab_to("#request-contatto").await;
    b.type_keys("protocollo@pec.comune.crema.example").await;
    b.tab_to("#request-sign").await;
    b.press(ENTER).await;
    let name = "richiesta-offerta-abitativa_crema_2027.json";
    b.downloaded(name).await;
    thaw_clock(b).await;
    b.tab_to("#status-board summary").await;
    b.press(ENTER).await;
    b.tab_to("#reminder-text").await;
    assert_no_violations(b, "capofila: board open by keyboard").await;
    let request = b.downloads.join(name);

    let comune = Browser::start().await;
    let c = &comune;
    c.client.goto(url).await.unwrap();
    c.element("#request-file").await;
    c.tab_to("#request-file").await;
    choose_files(c, &[request]).await;
    c.element("#request-opened").await;
    c.tab_to("#request-key-confirm").await;
    c.press(ENTER).await;
    c.element("#request-start-form").await;
    c.tab_to("#request-ente").await;
    for _ in 0..60 {
        if c.value("#request-ente").await == "019002" {
            break;
        }
        c.press(ARROW_DOWN).await;
    }
    assert_eq!(c.value("#request-ente").await, "019002", "Agnadello chosen");
    c.tab_to("#request-start").await;
    c.press(ENTER).await;
    let title = c.text("#draft-title").await;
    assert!(
        title.contains("Agnadello") && title.contains("2027"),
        "{title}"
    );
    comune.finish().await;
    capofila.finish().await;
}

#[tokio::test]
async fn the_request_works_by_keyboard_in_both_builds() {
    let server = served_dist();
    the_request_by_keyboard(&server.url()).await;
    the_request_by_keyboard(&single_file_url()).await;
}

/// A capofila's own ambito (no preset) travels in the request: the comune's draft is
/// checked against it, also after a reload.
async fn a_capofila_own_ambito_survives_a_reload(b: &Browser, url: &str, tag: &str) {
    let dir = scratch_dir(&format!("own-ambito-{tag}"));
    let ambito = offerta_core::ambiti::import_json(
        r#"{"id": "ambito-prova", "nome": "Ambito di prova", "comuni": ["019002", "019003", "019035"], "capofila": "019035"}"#,
    )
    .unwrap();
    let sender = offerta_core::demo::crema_capofila();
    let text = offerta_core::request::Request::new(&ambito, 2027, "2027-01-15", sender, "").signed(
        &offerta_core::demo::fixture_key("019035"),
        "2026-12-01T09:00:00Z",
    );
    let request = write(&dir, "richiesta-ambito-prova.json", text.as_bytes());
    b.client.goto(url).await.unwrap();
    b.fill("#request-file", request.to_str().unwrap()).await;
    b.text_when("#request-for", |t| t.contains("Ambito di prova"))
        .await;
    b.click("#request-key-confirm").await;
    b.element("#request-ente").await;
    let options = b.texts("#request-ente option").await;
    assert_eq!(
        options.len(),
        5,
        "choose, ALER and the three comuni: {options:?}"
    );
    b.select("#request-ente", "019003").await;
    b.click("#request-start").await;
    b.text_when("#draft-title", |t| t.contains("Ambito di prova"))
        .await;
    b.fill("#f-referente-nome", "Ufficio Tecnico").await;
    // The reload comes back to the form, on the draft and its ambito.
    b.client.refresh().await.unwrap();
    let title = b.text("#draft-title").await;
    assert!(title.contains("Ambito di prova"), "{title}");
    let problems = b.text("#problems").await;
    assert!(!problems.contains("non fa parte dell'ambito"), "{problems}");
}

#[tokio::test]
async fn a_capofila_own_ambito_comes_with_the_request_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    a_capofila_own_ambito_survives_a_reload(&b, &server.url(), "served").await;
    a_capofila_own_ambito_survives_a_reload(&b, &single_file_url(), "file").await;
    b.finish().await;
}

/// The request dropped on the home card (as a file dragged from the PEC's attachments), made
/// in the page as a browser makes a drop: a `DataTransfer` holding the file.
async fn drop_the_request(b: &Browser, url: &str) {
    let text = offerta_core::request::Request::new(
        &offerta_core::ambiti::preset("crema").unwrap(),
        2027,
        "2027-01-15",
        offerta_core::demo::crema_capofila(),
        "",
    )
    .signed(
        &offerta_core::demo::fixture_key("019035"),
        "2026-12-01T09:00:00Z",
    );
    b.client.goto(url).await.unwrap();
    b.element("#open-request").await;
    b.client
        .execute(
            "const dt = new DataTransfer();
             dt.items.add(new File([arguments[0]], 'richiesta.json', {type: 'application/json'}));
             const card = document.getElementById('open-request');
             card.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
             card.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
            vec![json!(text)],
        )
        .await
        .unwrap();
    let from = b.text_when("#request-from", |t| !t.is_empty()).await;
    assert!(from.contains("Comune di Crema"), "{from}");
}

#[tokio::test]
async fn the_request_can_be_dropped_on_the_home_screen_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    drop_the_request(&b, &server.url()).await;
    drop_the_request(&b, &single_file_url()).await;
    b.finish().await;
}
