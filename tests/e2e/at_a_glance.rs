//! The capofila's screen at a glance (issue #28): a count per state that links to its group,
//! the files grouped with the decisions first, one line each, the plan one link away; the
//! page's height measured with the 48 Crema files and with 1,500 files, and the clicks from
//! the drop to the DOCX counted.

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::path::PathBuf;

use crate::browser::Browser;
use crate::lombardy::{listed, Lombardy};
use crate::site::{scratch_dir, served_dist, single_file_url, write};

/// The screen's heights, in CSS pixels.
struct Heights {
    /// The whole page.
    page: u64,
    /// The received files, from their count to the end of the last group.
    files: u64,
    /// From the top of the page to the plan's heading: what a capofila scrolls through
    /// before the plan (without the link that leads there).
    before_plan: u64,
}

async fn heights(b: &Browser) -> Heights {
    let v = b
        .client
        .execute(
            "const top = document.getElementById('received-count').getBoundingClientRect().top; \
             const end = document.getElementById('files-table').getBoundingClientRect().bottom; \
             const plan = document.getElementById('plan-title').getBoundingClientRect().top; \
             return [document.documentElement.scrollHeight, Math.round(end - top), \
                     Math.round(plan + window.scrollY)];",
            vec![],
        )
        .await
        .unwrap();
    let v: Vec<u64> = serde_json::from_value(v).unwrap();
    Heights {
        page: v[0],
        files: v[1],
        before_plan: v[2],
    }
}

/// Where the parts of the screen start, from the top of the page, in CSS pixels.
async fn landmarks(b: &Browser) -> String {
    let v = b
        .client
        .execute(
            "return ['#received-count', '#files-table', '#registry-count', '#plan-title',                      '#plan-summary', '#plan-tables', '#comparison', '#plan-document', '#export-docx',                      '#export-xlsx', '#verbale-title']                  .map(css => { const e = document.querySelector(css);                      return css + ' ' + (e ? Math.round(e.getBoundingClientRect().top + window.scrollY) : '-'); })                  .join(', ');",
            vec![],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_owned()
}

/// The 48 Crema files with 5 keys to accept, 1 date to confirm and 1 changed file, and
/// the registry of the other 43 keys.
fn crema_to_decide(tag: &str) -> (Vec<PathBuf>, PathBuf) {
    let dir = scratch_dir(&format!("glance-{tag}"));
    let (files, registry) = offerta_core::fixtures::crema_2021_to_decide();
    let paths = files
        .iter()
        .map(|(n, t)| write(&dir, n, t.as_bytes()))
        .collect();
    (
        paths,
        write(&dir, "registro.json", registry.to_json().as_bytes()),
    )
}

/// Clicks, counted: what a clerk does with the mouse.
struct Clicks<'a> {
    b: &'a Browser,
    count: usize,
}

impl Clicks<'_> {
    async fn click(&mut self, css: &str) {
        self.b.click(css).await;
        self.count += 1;
    }
}

async fn crema_at_a_glance(b: &Browser, url: &str, tag: &str) -> Heights {
    let (files, registry) = crema_to_decide(tag);
    b.client.set_window_size(1280, 900).await.unwrap();
    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", "2021\n").await;
    b.fill("#registry-import", registry.to_str().unwrap()).await;
    b.text_when("#capofila-message", |t| t.contains("Registro importato"))
        .await;
    let list: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    b.fill("#files-input", &list.join("\n")).await;
    b.text_when("#received-count", |t| t.starts_with("Schede ricevute: 48 "))
        .await;

    // The summary: each state's one name, the count agreeing, the decisions first.
    let summary = b.text("#files-summary").await;
    assert!(
        summary.starts_with(
            "5 chiavi da accettare, 1 data da confermare, 41 conteggiate, 1 scartata: firma non valida"
        ),
        "{summary}"
    );
    assert!(summary.contains("Vai al piano e ai documenti"), "{summary}");
    // The groups in that order, each under its count.
    let headings = b.texts(".file-group h3").await;
    assert_eq!(
        headings,
        [
            "5 chiavi da accettare",
            "1 data da confermare",
            "41 conteggiate",
            "1 scartata: firma non valida"
        ]
    );
    let rows = |group: &'static str| async move {
        b.texts(&format!("#files-table section:has(#{group}) tbody tr"))
            .await
            .len()
    };
    assert_eq!(rows("gruppo-chiave-da-accettare").await, 5);
    assert_eq!(rows("gruppo-data-da-confermare").await, 1);
    assert_eq!(rows("gruppo-scartata--firma-non-valida").await, 1);
    // The 41 files in the plan wait behind their button.
    assert_eq!(rows("gruppo-conteggiata").await, 0);
    // One line per file: the explanation's first line, the rest on demand.
    let one_line = b
        .client
        .execute(
            "return [...document.querySelectorAll('#files-table details.why > summary')] \
                 .every(s => s.getBoundingClientRect().height < 2.2 * parseFloat(getComputedStyle(s).lineHeight));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(one_line, serde_json::Value::Bool(true));

    // A part of the summary leads to its group, from the keyboard too.
    b.tab_to("#files-summary a[href='#gruppo-data-da-confermare']")
        .await;
    b.press(crate::browser::ENTER).await;
    assert!(b.focused_is("#gruppo-data-da-confermare").await);

    let h = heights(b).await;
    println!(
        "[{tag}] 48 Crema files: page {} px, received files {} px, plan's heading at {} px",
        h.page, h.files, h.before_plan
    );
    println!("[{tag}] 48 Crema files: {}", landmarks(b).await);
    if let Ok(dir) = std::env::var("OFFERTA_SHOT") {
        for (i, y) in [1100, 1900].iter().enumerate() {
            b.client
                .execute(&format!("window.scrollTo(0, {y}); return 1;"), vec![])
                .await
                .unwrap();
            let png = b.client.screenshot().await.unwrap();
            std::fs::write(format!("{dir}/{tag}-{i}.png"), png).unwrap();
        }
    }
    // Seven files to decide on, the fingerprints to paste and one refused file take about a
    // screen and a half, not a page per file.
    assert!(h.files < 1_400, "the files take {} px", h.files);
    assert!(
        h.before_plan < 3_000,
        "the plan starts at {} px",
        h.before_plan
    );

    // From the drop to the DOCX: accept the five keys, confirm the date, go to the plan,
    // download.
    let mut clicks = Clicks { b, count: 0 };
    for left in (0..5).rev() {
        clicks.click("#files-table .accept-key").await;
        b.text_when("#received-count", |t| {
            t.contains(&format!("nel piano: {}", 46 - left))
        })
        .await;
    }
    clicks.click("#files-table .confirm-date").await;
    b.text_when("#received-count", |t| t.contains("nel piano: 47"))
        .await;
    assert!(!b.exists("#plan-draft").await, "no file waits: no draft");
    clicks.click("#go-to-plan").await;
    assert!(b.focused_is("#plan-title").await);
    clicks.click("#export-docx").await;
    let docx = b
        .downloaded_bytes("piano-offerta-abitativa_crema_2021.docx")
        .await;
    assert!(docx.starts_with(b"PK"));
    println!(
        "[{tag}] clicks from the drop to the DOCX: {} (5 keys, 1 date, the plan, the DOCX)",
        clicks.count
    );
    assert_eq!(clicks.count, 8);
    h
}

/// 1,500 signed files of Lombardy, all counting: the page stays about as high.
async fn many_at_a_glance(b: &Browser, url: &str, tag: &str, crema: &Heights) {
    const FILES: usize = 1_500;
    let lombardy = Lombardy::written(FILES, &format!("glance-many-{tag}"));
    b.client.set_window_size(1280, 900).await.unwrap();
    lombardy.set_up(b, url).await;
    b.fill("#files-input", &listed(&lombardy.files)).await;
    b.text_when("#received-count", |t| {
        t.contains(&format!(
            "nel piano: {}",
            offerta_core::text::count(FILES as u64)
        ))
    })
    .await;
    assert_eq!(b.text("#files-summary p").await, "1.500 conteggiate");
    // The status board groups its thousands like the rest of the screen, in both languages.
    let board = b.text("#board-summary").await;
    assert!(
        board.starts_with("1.500 comuni su 1.506 hanno risposto"),
        "{board}"
    );
    b.click("#lang-switch").await;
    let board = b.text_when("#board-summary", |t| t.contains(" of ")).await;
    assert!(
        board.starts_with("1,500 of 1,506 comuni answered"),
        "{board}"
    );
    b.click("#lang-switch").await;
    b.text_when("#board-summary", |t| t.contains(" su ")).await;
    assert_eq!(b.texts("#files-table tbody tr").await.len(), 0);
    let h = heights(b).await;
    println!(
        "[{tag}] {FILES} files: page {} px, received files {} px, plan's heading at {} px",
        h.page, h.files, h.before_plan
    );
    println!("[{tag}] {FILES} files: {}", landmarks(b).await);
    // The files and what comes before the plan stay as high as with 48 files; the plan's
    // own tables show their first 60 rows each (long tables, issue #22).
    assert!(h.files <= crema.files, "{} px of files", h.files);
    assert!(
        h.before_plan <= crema.before_plan,
        "the plan starts at {} px, at {} px with the 48 Crema files",
        h.before_plan,
        crema.before_plan
    );
    // Opened, the group shows its first rows, the rest on request.
    b.click("#files-toggle").await;
    assert_eq!(b.texts("#files-table tbody tr").await.len(), 50);
    assert_eq!(
        b.text(".show-more-files").await,
        "Mostra altri 50 file (ne restano 1.450)"
    );
    b.click(".show-more-files").await;
    assert_eq!(b.texts("#files-table tbody tr").await.len(), 100);
    let opened = heights(b).await;
    println!(
        "[{tag}] {FILES} files, 100 rows shown: page {} px, received files {} px",
        opened.page, opened.files
    );
    assert!(b.exists("#go-to-plan").await);
}

async fn at_a_glance(url: &str, tag: &str) {
    let b = Browser::start().await;
    let agent = b
        .client
        .execute("return navigator.userAgent", vec![])
        .await
        .unwrap();
    println!("[{tag}] {agent}");
    let crema = crema_at_a_glance(&b, url, tag).await;
    b.finish().await;
    let b = Browser::start().await;
    many_at_a_glance(&b, url, tag, &crema).await;
    b.finish().await;
}

#[tokio::test]
async fn served_app_shows_the_files_at_a_glance() {
    let server = served_dist();
    at_a_glance(&server.url(), "served").await;
}

#[tokio::test]
async fn single_file_shows_the_files_at_a_glance() {
    at_a_glance(&single_file_url(), "file").await;
}
