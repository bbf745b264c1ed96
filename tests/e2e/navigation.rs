//! #17 point 5: screens are history entries (Back and Forward move between them, also on
//! file://), leaving with the capofila's files loaded asks first, and after a reload the
//! page stays on the capofila's screen and names the files that were loaded.

use offerta_core::demo;
use serde_json::Value;

use crate::browser::Browser;
use crate::site::{scratch_dir, served_dist, single_file_url, write};

async fn hash(b: &Browser) -> String {
    let v = b
        .client
        .execute("return location.hash", vec![])
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_owned()
}

/// Whether a `beforeunload` now would be held back (the browser then asks first).
async fn leaving_asks(b: &Browser) -> bool {
    let held = b
        .client
        .execute(
            "const e = new Event('beforeunload', {cancelable: true});
             window.dispatchEvent(e); return e.defaultPrevented;",
            vec![],
        )
        .await
        .unwrap();
    held == Value::Bool(true)
}

async fn back_forward_and_reload(b: &Browser, url: &str, tag: &str) {
    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.text("#no-files").await;
    assert_eq!(hash(b).await, "#/capofila");
    b.client.back().await.unwrap();
    b.text("#role-compila").await;
    assert!(
        !b.exists("#capofila-title").await,
        "Back shows home, in the app"
    );
    b.client.forward().await.unwrap();
    b.text("#no-files").await;
    b.click("button.back").await;
    b.click("#accessibility-link").await;
    b.text("main h1").await;
    assert_eq!(hash(b).await, "#/accessibilita");
    b.client.back().await.unwrap();
    b.text("#role-compila").await;
    b.client.back().await.unwrap();
    b.text("#no-files").await;
    assert!(!leaving_asks(b).await, "nothing loaded, nothing to lose");

    // Three real files (not the demo): leaving now would lose work.
    let dir = scratch_dir(&format!("navigation-{tag}"));
    let (files, _) = demo::crema_2021_signed_files();
    let paths: Vec<String> = files[..3]
        .iter()
        .map(|(n, t)| write(&dir, n, t.as_bytes()).display().to_string())
        .collect();
    b.fill("#files-input", &paths.join("\n")).await;
    b.text_when("#received-count", |t| t.contains("ricevute: 3 "))
        .await;
    assert!(
        leaving_asks(b).await,
        "leaving with files loaded asks first"
    );

    // A reload: where the browser asks (headless Chromium under WebDriver may not show the
    // question: the cancelled event above is what makes a browser ask), the clerk goes on.
    b.reload_past_the_leave_question().await;
    // A reload comes back to the capofila's screen (#24 point 5), which names the files to
    // load again; so does home.
    b.text_when("#loaded-before", |t| t.contains("erano caricati 3 file"))
        .await;
    assert_eq!(hash(b).await, "#/capofila", "a reload stays on the screen");
    b.click("button.back").await;
    b.text_when("#home-loaded-before", |t| t.contains("3 file caricati"))
        .await;
    assert_eq!(hash(b).await, "#/");
    crate::accessibility::assert_no_violations(b, "home after a reload, files to load again").await;
    b.tab_to("#resume-capofila").await;
    b.press(crate::browser::ENTER).await;
    let notice = b
        .text_when("#loaded-before", |t| t.contains("erano caricati 3 file"))
        .await;
    for (name, _) in &files[..3] {
        assert!(notice.contains(name.as_str()), "{name} in {notice}");
    }
    crate::accessibility::assert_no_violations(b, "capofila after a reload").await;
    assert_eq!(hash(b).await, "#/capofila");
    // One dropped again leaves two to drop.
    b.fill("#files-input", &paths[0]).await;
    b.text_when("#loaded-before", |t| t.contains("erano caricati 2 file"))
        .await;
    b.click("#forget-loaded-before").await;
    b.text_when("#received-count", |t| t.contains("ricevute: 1 "))
        .await;
    assert!(!b.exists("#loaded-before").await);
    // Emptied, the list asks nothing more on leaving.
    b.click("#clear-files").await;
    b.click("#clear-confirm").await;
    b.text("#no-files").await;
    assert!(!leaving_asks(b).await);
}

#[tokio::test]
async fn screens_are_history_entries_and_files_are_not_lost_silently_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    back_forward_and_reload(&b, &server.url(), "served").await;
    back_forward_and_reload(&b, &single_file_url(), "single").await;
    b.finish().await;
}
