//! Issue #16, the loop from the capofila to the comuni and back, in both builds: the capofila
//! signs its request; a comune (another PC: another browser profile) opens it on the home
//! screen, answers and signs; the capofila drops the answer and its status board moves; a
//! tampered request is refused and changes nothing; axe finds nothing on the new screens.

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
    b.click("#request-sign").await;
    let name = "richiesta-offerta-abitativa_crema_2027.json";
    let text = b.downloaded(name).await;
    let read = read_request(text.as_bytes(), None).expect("the request verifies");
    assert_eq!(read.request.anno_piano, 2027);
    assert_eq!(read.request.ambito.comuni.len(), 48);
    assert_eq!(read.request.capofila.referente, "Ufficio di Piano");
    b.text_when("#request-current", |t| t.contains("15/01/2027"))
        .await;
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
    assert!(b
        .text("#request-key-note")
        .await
        .contains("prima richiesta"));
    assert!(!b.exists("#request-error").await);
    assert_no_violations(b, "home: request opened").await;
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
