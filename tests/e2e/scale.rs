//! The Region's scale: a drop of 1,500 files shows its progress and can be cancelled with
//! «Annulla»; the files verified before it join the list, the others do not, what was in the
//! list stays, the page says so and stays usable.

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::path::PathBuf;

use offerta_core::text::{count, count_en};

use crate::browser::Browser;
use crate::lombardy::{listed, Lombardy};
use crate::site::{served_dist, single_file_url};

/// As many files as the bench's drop at the Region's scale (the same fixtures).
const FILES: usize = 1500;

/// The first number in `text` after `before`.
fn number_after(text: &str, before: &str) -> usize {
    let rest = &text[text
        .find(before)
        .unwrap_or_else(|| panic!("{before} in «{text}»"))
        + before.len()..];
    // Italian counts group thousands with a dot («1.003»).
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .filter(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("a number after {before} in «{text}»"))
}

/// Presses «Annulla» once the progress shows at least 100 files checked, and returns what
/// the progress said then.
/// From the page's own script: WebDriver's element commands wait for a page this busy
/// until the drop is over (Chromium), so only a script is sure to press during the drop.
async fn cancel_during_progress(b: &Browser) -> String {
    let said = b
        .client
        .execute_async(
            // Pressed from a MutationObserver, as soon as the page shows 100 files verified:
            // a timer could fire only after the last batch, when there is nothing to cancel.
            "const done = arguments[0]; \
             const press = () => { \
                 const text = document.getElementById('progress-text'); \
                 const button = document.getElementById('cancel-drop'); \
                 const bar = document.querySelector('#progress progress'); \
                 if (text && button && bar && bar.value >= 100) { const said = text.textContent; button.click(); return said; } \
                 return null; \
             }; \
             const now = press(); \
             if (now !== null) { done(now); return; } \
             const watch = new MutationObserver(() => { \
                 const said = press(); \
                 if (said !== null) { watch.disconnect(); done(said); } \
             }); \
             watch.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });",
            vec![],
        )
        .await
        .expect("the progress and «Annulla» during the drop");
    said.as_str().unwrap_or_default().to_owned()
}

async fn cancel_a_drop(b: &Browser, url: &str, tag: &str) {
    let lombardy = Lombardy::written(FILES, &format!("scale-{tag}"));
    lombardy.set_up(b, url).await;
    let files: &[PathBuf] = &lombardy.files;
    // Three files are in the list before the big drop.
    b.fill("#files-input", &listed(&files[..3])).await;
    b.text_when("#received-count", |t| t.starts_with("Schede ricevute: 3 "))
        .await;

    b.fill("#files-input", &listed(files)).await;
    let progress = cancel_during_progress(b).await;
    assert!(
        progress.contains(&format!("di {} file", count(FILES as u64))),
        "the progress during the drop: {progress}"
    );
    let said = b.text("#drop-cancelled").await;
    assert!(said.starts_with("Verifica annullata."), "{said}");
    assert!(said.contains("I file già nell'elenco restano."), "{said}");
    assert!(!b.exists("#progress").await, "the progress is gone");
    crate::accessibility::assert_no_violations(b, "after a cancelled drop").await;
    // The three already in the list are verified again but not added twice.
    // At least the 100 checked when it was pressed, less the three in the list already.
    let added = number_after(&said, "Verifica annullata. ");
    assert!(added >= 97, "{said}");
    assert!(
        said.contains(&format!("dei {} file trascinati", count(FILES as u64))),
        "{said}"
    );
    assert!(added < FILES - 3, "cancelled before the end: {said}");
    let listed_count = b.text("#received-count").await;
    assert!(
        listed_count.starts_with(&format!("Schede ricevute: {} ", count((3 + added) as u64))),
        "what was in the list stays, and the {added} added are listed: {listed_count}; {said}"
    );

    // The page is still usable: the last two files (not verified before «Annulla») and the
    // first three (in the list already) are dropped again.
    let again: Vec<PathBuf> = files[..3]
        .iter()
        .chain(&files[FILES - 2..])
        .cloned()
        .collect();
    b.fill("#files-input", &listed(&again)).await;
    b.text_when("#received-count", |t| {
        t.starts_with(&format!("Schede ricevute: {} ", count((5 + added) as u64)))
    })
    .await;
    assert!(
        !b.exists("#drop-cancelled").await,
        "a new drop: the cancellation is old news"
    );
    let already = b.text("#already-loaded").await;
    assert!(already.starts_with("Già caricato"), "{already}");

    // In English too.
    b.click("#lang-switch").await;
    b.fill("#files-input", &listed(files)).await;
    let progress = cancel_during_progress(b).await;
    assert!(progress.starts_with("Checking:"), "{progress}");
    let said = b.text("#drop-cancelled").await;
    assert!(said.starts_with("Checking cancelled."), "{said}");
    assert!(
        said.contains(&format!("of the {} files dropped", count_en(FILES as u64))),
        "{said}"
    );
    assert!(
        said.contains("The files already in the list stay."),
        "{said}"
    );

    // Dropped again whole, they are all in the list and in the plan (which follows the list
    // one task later at this size).
    b.fill("#files-input", &listed(files)).await;
    b.text_when("#received-count", |t| {
        t.starts_with(&format!(
            "Submissions received: {all} - in the plan: {all} ",
            all = count_en(FILES as u64)
        ))
    })
    .await;
    b.element("#ricognizione-sentence").await;
    assert!(!b.exists("#drop-cancelled").await);
}

#[tokio::test]
async fn served_app_cancels_a_drop_of_1500_files() {
    let server = served_dist();
    let b = Browser::start().await;
    cancel_a_drop(&b, &server.url(), "served").await;
    b.finish().await;
}

#[tokio::test]
async fn single_file_cancels_a_drop_of_1500_files() {
    let b = Browser::start().await;
    cancel_a_drop(&b, &single_file_url(), "file").await;
    b.finish().await;
}
