//! Accessibility in both builds: axe-core with the WCAG 2.1 A and AA rules on every screen
//! and state (zero violations), and the two jobs done with the keyboard alone - a comune
//! fills, signs and downloads; a capofila loads the files received and exports the plan.

use std::path::PathBuf;

use offerta_core::demo;
use serde_json::json;

use crate::browser::{Browser, ARROW_DOWN, ENTER, SPACE};
use crate::site::{scratch_dir, served_dist, single_file_url, write};

/// axe-core as npm installed it (tools/npm, pinned by its package-lock.json).
fn axe_source() -> String {
    let path = xtask::paths::npm_dir().join("node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} - `cargo xtask test` installs it", path.display()))
}

/// Runs axe-core on the whole page and fails with every violation found, named by `state`.
pub async fn assert_no_violations(b: &Browser, state: &str) {
    // WebDriver scripts run outside the page's Content-Security-Policy, like an extension.
    b.client
        .execute(&format!("{}\nreturn true;", axe_source()), vec![])
        .await
        .expect("axe-core loads");
    let found = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {
                 runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                 resultTypes: ['violations'],
             }).then(r => done(r.violations.map(v => ({
                 id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
             }))), e => done([{ id: 'axe-error', help: String(e) }]));",
            vec![],
        )
        .await
        .expect("axe-core runs");
    let violations = found.as_array().cloned().unwrap_or_default();
    assert!(
        violations.is_empty(),
        "{state}: {} WCAG 2.1 A/AA violations:\n{}",
        violations.len(),
        serde_json::to_string_pretty(&violations).unwrap()
    );
}

/// Renders the page as the printer would, by letting its print rules apply on screen (CSSOM
/// edits are allowed by the page's CSP; a stylesheet injected as a <style> would not be).
async fn show_print_view(b: &Browser) {
    let changed = b
        .client
        .execute(
            "let n = 0;
             for (const sheet of document.styleSheets) {
                 for (const rule of sheet.cssRules) {
                     if (rule.media && rule.media.mediaText === 'print') {
                         rule.media.appendMedium('screen');
                         n++;
                     }
                 }
             }
             return n;",
            vec![],
        )
        .await
        .unwrap();
    assert!(changed.as_u64().unwrap_or(0) > 0, "the app has print rules");
    let switch_shown = b
        .client
        .execute(
            "return getComputedStyle(document.getElementById('lang-switch')).display",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(switch_shown, json!("none"), "no controls in the print view");
    // Black on white, readable on a black-and-white printer.
    let colours = b
        .client
        .execute(
            "return [...document.querySelectorAll('#plan-summary th, #plan-summary td, h1, h2, .it-brand-title')]
                 .map(e => { const s = getComputedStyle(e); return s.color + ' on ' + s.backgroundColor; })
                 .filter(c => c !== 'rgb(0, 0, 0) on rgb(255, 255, 255)' && c !== 'rgb(0, 0, 0) on rgba(0, 0, 0, 0)');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(colours, json!([]), "print is black on white");
}

async fn every_screen_and_state(b: &Browser, url: &str) {
    b.client.goto(url).await.unwrap();
    b.element("#role-compila").await;
    assert_no_violations(b, "home").await;

    b.click("#accessibility-link").await;
    assert!(b.text("#statement-title").await.contains("accessibilità"));
    assert_no_violations(b, "accessibility statement").await;

    b.click("button.back").await;
    b.click("#role-compila").await;
    b.element("#start-form").await;
    assert_no_violations(b, "start of the form").await;

    b.select("#start-ente", "019035").await;
    b.fill("#start-year", "2021").await;
    b.click("#start").await;
    b.element("#draft-form").await;
    assert_no_violations(b, "empty form with the key panel").await;

    b.fill("#f-referente-email", "non-una-mail").await;
    b.fill("#f-consistenza-sap", "12x").await;
    b.text_when("#m-referente-email", |t| !t.is_empty()).await;
    assert_no_violations(b, "form with errors").await;

    b.click("button.back").await;
    b.click("#role-capofila").await;
    b.element("#no-files").await;
    assert_no_violations(b, "capofila without files").await;

    b.click("button.back").await;
    b.click("#load-demo").await;
    b.element("#plan-tables").await;
    assert_no_violations(b, "capofila with results").await;

    b.click("#files-toggle").await;
    assert_no_violations(b, "capofila with every file listed").await;

    show_print_view(b).await;
    assert_no_violations(b, "print view of the plan").await;

    b.client.refresh().await.unwrap();
    // The reload stays on the capofila's screen: home is one click away.
    b.click("button.back").await;
    b.click("#lang-switch").await;
    b.text_when("#role-compila", |t| t.contains("submission"))
        .await;
    assert_no_violations(b, "home in English").await;
    b.click("#load-demo").await;
    b.text_when("#capofila-title", |t| t.starts_with("Aggregate"))
        .await;
    b.element("#plan-tables").await;
    // The capofila's screen and the page's tables speak English too.
    assert!(b
        .text("#received-count")
        .await
        .starts_with("Submissions received: 48 - in the plan: 48"));
    assert!(b
        .text("#plan-summary caption")
        .await
        .starts_with("Housing stock (a)"));
    assert_no_violations(b, "capofila with results in English").await;
    b.click("button.back").await;
    b.click("#role-compila").await;
    b.select("#start-ente", "aler").await;
    b.click("#start").await;
    b.element("#draft-form").await;
    assert_no_violations(b, "the ALER's form in English").await;
    b.click("#lang-switch").await;
}

#[tokio::test]
async fn served_app_has_no_wcag_violations_on_any_screen() {
    let server = served_dist();
    let b = Browser::start().await;
    every_screen_and_state(&b, &server.url()).await;
    b.finish().await;
}

#[tokio::test]
async fn single_file_has_no_wcag_violations_on_any_screen() {
    let b = Browser::start().await;
    every_screen_and_state(&b, &single_file_url()).await;
    b.finish().await;
}

const PASSPHRASE: &str = "frase segreta di Agnadello";

/// A comune without stock fills its form, creates its key, signs and downloads - keyboard only.
async fn comune_by_keyboard(b: &Browser, url: &str) {
    b.client.goto(url).await.unwrap();
    b.element("#role-compila").await;
    b.tab_to("#role-compila").await;
    b.press(ENTER).await;
    b.tab_to("#start-ente").await;
    // Arrow keys on a closed select move through its options.
    for _ in 0..60 {
        if b.value("#start-ente").await == "019002" {
            break;
        }
        b.press(ARROW_DOWN).await;
    }
    assert_eq!(b.value("#start-ente").await, "019002", "Agnadello chosen");
    b.tab_to("#start-year").await;
    b.replace_keys("2021").await;
    b.press(ENTER).await;
    b.element("#draft-form").await;

    for (field, text) in [
        ("#f-referente-nome", "Ufficio Servizi Abitativi"),
        ("#f-referente-ruolo", "Responsabile del procedimento"),
        ("#f-referente-email", "protocollo@agnadello.example.org"),
    ] {
        b.tab_to(field).await;
        b.type_keys(text).await;
    }
    b.tab_to("#f-nessun_patrimonio").await;
    b.press(SPACE).await;
    b.text_when("#problems", |t| t.contains("Nessun problema"))
        .await;

    b.tab_to("#key-create-istat").await;
    b.type_keys("019002").await;
    b.tab_to("#key-create-pass").await;
    b.type_keys(PASSPHRASE).await;
    b.tab_to("#key-create-pass2").await;
    b.type_keys(PASSPHRASE).await;
    b.press(ENTER).await;
    b.element("#key-fingerprint").await;

    b.tab_to("#sign").await;
    b.press(ENTER).await;
    let signed = b
        .downloaded("offerta-abitativa_2021_019002_comune-di-agnadello_firmata.json")
        .await;
    assert!(signed.contains("\"nessun_patrimonio\": true"));
    let receipt = b.text("#receipt").await;
    assert!(
        has_italian_date_time(&receipt),
        "the signing date is written the Italian way: {receipt}"
    );
    assert_no_violations(b, "signed: key open and receipt").await;
}

/// Whether `text` holds a "dd/mm/yyyy hh:mm".
fn has_italian_date_time(text: &str) -> bool {
    let shape = "00/00/0000 00:00";
    let chars: Vec<char> = text.chars().collect();
    chars.windows(shape.len()).any(|w| {
        w.iter().zip(shape.chars()).all(|(c, s)| {
            if s == '0' {
                c.is_ascii_digit()
            } else {
                *c == s
            }
        })
    })
}

#[tokio::test]
async fn served_app_comune_fills_signs_and_downloads_by_keyboard() {
    let server = served_dist();
    let b = Browser::start().await;
    comune_by_keyboard(&b, &server.url()).await;
    b.finish().await;
}

#[tokio::test]
async fn single_file_comune_fills_signs_and_downloads_by_keyboard() {
    let b = Browser::start().await;
    comune_by_keyboard(&b, &single_file_url()).await;
    b.finish().await;
}

/// The Crema 2021 files and their keys, written where the browser can pick them.
fn crema_files(tag: &str) -> (Vec<PathBuf>, PathBuf) {
    let dir = scratch_dir(&format!("keyboard-{tag}"));
    let (files, registry) = demo::crema_2021_signed_files();
    let paths = files
        .iter()
        .map(|(name, text)| write(&dir, name, text.as_bytes()))
        .collect();
    (
        paths,
        write(&dir, "registro.json", registry.to_json().as_bytes()),
    )
}

/// Gives files to the focused file input, as the system's dialog would after Enter.
pub async fn choose_files(b: &Browser, paths: &[PathBuf]) {
    let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&list.join("\n"))
        .await
        .expect("files chosen");
}

/// Opens the capofila's screen for the 2021 plan, keyboard only.
pub async fn capofila_2021_by_keyboard(b: &Browser, url: &str) {
    b.client.goto(url).await.unwrap();
    b.element("#role-capofila").await;
    b.tab_to("#role-capofila").await;
    b.press(ENTER).await;
    b.tab_to("#year-input").await;
    b.replace_keys("2021").await;
    b.press(ENTER).await;
}

/// A capofila loads the registry and the files received, then exports - keyboard only.
async fn capofila_by_keyboard(b: &Browser, url: &str, tag: &str) {
    let (files, registry) = crema_files(tag);
    capofila_2021_by_keyboard(b, url).await;
    b.tab_to("#registry-import").await;
    choose_files(b, &[registry]).await;
    b.text_when("#registry-count", |t| t.contains("48")).await;
    b.tab_to("#files-input").await;
    choose_files(b, &files).await;
    b.text_when("#received-count", |t| t.contains("48")).await;
    b.element("#plan-tables").await;

    // The list of owners opens and a comune is unticked from the keyboard.
    b.tab_to("#owners summary").await;
    b.press(ENTER).await;
    b.tab_to("#owner-019109").await;
    b.press(SPACE).await;
    b.text_when("table[data-sheet='Ricognizione']", |t| {
        t.contains("23 su 48")
    })
    .await;
    assert_no_violations(b, "capofila with the list of owners open").await;
    b.press(SPACE).await;
    b.text_when("table[data-sheet='Ricognizione']", |t| {
        t.contains("24 su 48 (50%)")
    })
    .await;

    b.tab_to("#export-xlsx").await;
    b.press(ENTER).await;
    let xlsx = b
        .downloaded_bytes("piano-offerta-abitativa_crema_2021.xlsx")
        .await;
    assert!(xlsx.starts_with(b"PK"), "an XLSX is a zip");
    b.tab_to("#export-csv").await;
    b.press(SPACE).await;
    let csv = b.downloaded("piano-offerta-abitativa_crema_2021.csv").await;
    assert!(csv.contains("Crema"));
    b.tab_to("#export-verbale-docx").await;
    b.press(ENTER).await;
    let verbale = b
        .downloaded_bytes("verbale-ricezione-crema-2021.docx")
        .await;
    assert!(verbale.starts_with(b"PK"), "a DOCX is a zip");
    b.tab_to("#export-verbale-csv").await;
    b.press(SPACE).await;
    let csv = b.downloaded("verbale-ricezione-crema-2021.csv").await;
    assert!(csv.contains("Verbale di ricezione"));
    assert_no_violations(b, "capofila after the exports").await;
}

#[tokio::test]
async fn served_app_capofila_loads_and_exports_by_keyboard() {
    let server = served_dist();
    let b = Browser::start().await;
    capofila_by_keyboard(&b, &server.url(), "served").await;
    b.finish().await;
}

#[tokio::test]
async fn single_file_capofila_loads_and_exports_by_keyboard() {
    let b = Browser::start().await;
    capofila_by_keyboard(&b, &single_file_url(), "file").await;
    b.finish().await;
}

/// The error summary takes the focus from the sign section's explanation, and each of its
/// entries leads to the field to fix.
async fn error_summary_by_keyboard(b: &Browser, url: &str) {
    b.client.goto(url).await.unwrap();
    b.click("#role-compila").await;
    b.select("#start-ente", "019035").await;
    b.click("#start").await;
    b.element("#draft-form").await;
    b.tab_to("#f-referente-email").await;
    b.type_keys("non-una-mail").await;
    b.text_when("#problems", |t| t.contains("indirizzo e-mail"))
        .await;
    b.tab_to("#sign-why a[href='#problems']").await;
    b.press(ENTER).await;
    assert!(b.focused_is("#problems").await, "the summary has the focus");
    b.tab_to("#problems a[href='#f-referente-email']").await;
    b.press(ENTER).await;
    assert!(
        b.focused_is("#f-referente-email").await,
        "the link leads to the field"
    );
}

#[tokio::test]
async fn served_app_error_summary_is_reached_and_used_by_keyboard() {
    let server = served_dist();
    let b = Browser::start().await;
    error_summary_by_keyboard(&b, &server.url()).await;
    b.finish().await;
}

#[tokio::test]
async fn single_file_error_summary_is_reached_and_used_by_keyboard() {
    let b = Browser::start().await;
    error_summary_by_keyboard(&b, &single_file_url()).await;
    b.finish().await;
}

/// The plan document's section: its fields, the DOCX download and the preview, keyboard
/// only; axe finds nothing with the preview open.
async fn document_by_keyboard(b: &Browser, url: &str) {
    b.client.goto(url).await.unwrap();
    b.element("#load-demo").await;
    b.tab_to("#load-demo").await;
    b.press(ENTER).await;
    b.element("#plan-document").await;
    b.tab_to("#doc-approval-date").await;
    b.type_keys("28 gennaio 2021").await;
    b.tab_to("#export-docx").await;
    b.press(ENTER).await;
    let docx = b
        .downloaded_bytes("piano-offerta-abitativa_crema_2021.docx")
        .await;
    assert!(docx.starts_with(b"PK"), "a DOCX is a zip");
    b.tab_to("#document-preview summary").await;
    b.press(ENTER).await;
    b.text_when("#document-preview", |t| t.contains("28 gennaio 2021"))
        .await;
    assert_no_violations(b, "the plan document with its preview open").await;
}

#[tokio::test]
async fn served_app_plan_document_by_keyboard() {
    let server = served_dist();
    let b = Browser::start().await;
    document_by_keyboard(&b, &server.url()).await;
    b.finish().await;
}

#[tokio::test]
async fn single_file_plan_document_by_keyboard() {
    let b = Browser::start().await;
    document_by_keyboard(&b, &single_file_url()).await;
    b.finish().await;
}
