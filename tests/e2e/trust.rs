//! #17 points 1 and 2 (and the revocation of #18) on the capofila's page: a changed key is
//! accepted by an explicit step that keeps the old one as replaced; many keys are accepted by
//! pasting the fingerprints of a PEC; a key lost is revoked from a day.

use offerta_core::signing::{fingerprint, multikey, sign_submission, SigningKey};
use offerta_core::{demo, Submission};

use crate::browser::Browser;
use crate::site::{scratch_dir, served_dist, single_file_url, write};

fn fingerprint_of(key: &SigningKey) -> String {
    fingerprint(&multikey::public_key_multibase(&key.verifying_key()))
}

fn submission(ente_id: &str) -> Submission {
    demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == ente_id)
        .unwrap()
}

async fn row_text(b: &Browser, file: &str) -> String {
    b.texts("#files-table tbody tr")
        .await
        .into_iter()
        .find(|r| r.starts_with(file))
        .unwrap_or_else(|| panic!("no row for {file}"))
}

async fn open_capofila_2021(b: &Browser, url: &str) {
    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", "2021\n").await;
}

/// Castelleone made a new key: its file is refused until the capofila replaces the key,
/// with a reason; then it counts, and the old key is kept as replaced.
async fn replace_a_changed_key(b: &Browser, url: &str, tag: &str) {
    let dir = scratch_dir(&format!("replace-{tag}"));
    let (_, registry) = demo::crema_2021_signed_files();
    let registry_path = write(&dir, "registro.json", registry.to_json().as_bytes());
    let new_key = SigningKey::from_bytes(&[77; 32]);
    let castelleone = submission("019025");
    let file = write(
        &dir,
        "castelleone-nuova-chiave.json",
        sign_submission(&castelleone, &new_key, "2020-11-28T09:00:00Z").as_bytes(),
    );
    open_capofila_2021(b, url).await;
    b.fill("#registry-import", registry_path.to_str().unwrap())
        .await;
    b.text_when("#capofila-message", |t| t.contains("Registro importato"))
        .await;
    b.fill("#files-input", file.to_str().unwrap()).await;
    b.text_when("#received-count", |t| t.contains(": 1 ")).await;
    assert_eq!(
        b.file_group("castelleone-nuova-chiave.json").await,
        "1 chiave cambiata da verificare"
    );
    b.click("#files-table .replace-key summary").await;
    let intro = b.text("#files-table .replace-key p").await;
    assert!(intro.contains(&fingerprint_of(&new_key)), "{intro}");
    assert!(
        intro.contains(&fingerprint_of(&demo::fixture_key("019025"))),
        "the old fingerprint is named: {intro}"
    );
    // No reason, no replacement: the registry keeps why each key stopped counting.
    b.click("#files-table .replace-key-confirm").await;
    b.text_when("#files-table .replace-key .error-msg", |t| {
        t.contains("scrivere il motivo")
    })
    .await;
    assert_eq!(
        b.file_group("castelleone-nuova-chiave.json").await,
        "1 chiave cambiata da verificare"
    );
    b.click("#files-table .replace-key-reason").await;
    b.type_keys("PC nuovo, impronta confermata via PEC prot. 1300")
        .await;
    b.click("#files-table .replace-key-confirm").await;
    b.text_when("#received-count", |t| t.contains("nel piano: 1 "))
        .await;
    b.click("#registry-keys summary").await;
    // The list is rendered once opened.
    b.element("#registry-keys-table tbody tr").await;
    let keys = b.texts("#registry-keys-table tbody tr").await;
    let castelleone_keys: Vec<&String> = keys
        .iter()
        .filter(|r| r.starts_with("Comune di Castelleone"))
        .collect();
    assert_eq!(castelleone_keys.len(), 2, "{keys:?}");
    assert!(castelleone_keys
        .iter()
        .any(|r| r.contains("sostituita dal") && r.contains("PC nuovo")));
    assert!(castelleone_keys
        .iter()
        .any(|r| r.contains(&fingerprint_of(&new_key)) && r.contains("in uso")));
    clear(b).await;
}

/// Three files wait for their keys; a PEC naming two fingerprints among its words accepts
/// those two, the third stays waiting with its fingerprint listed.
async fn paste_the_pec(b: &Browser, url: &str, tag: &str) {
    let dir = scratch_dir(&format!("paste-{tag}"));
    let (files, _) = demo::crema_2021_signed_files();
    let three: Vec<(String, String)> = files
        .iter()
        .filter(|(n, _)| n.contains("_019025_") || n.contains("_019097_") || n.contains("_019035_"))
        .cloned()
        .collect();
    assert_eq!(three.len(), 3);
    let paths: Vec<String> = three
        .iter()
        .map(|(n, t)| write(&dir, n, t.as_bytes()).display().to_string())
        .collect();
    open_capofila_2021(b, url).await;
    b.fill("#files-input", &paths.join("\n")).await;
    b.text_when("#received-count", |t| t.contains("da controllare: 3"))
        .await;
    let pec = format!(
        "Oggetto: impronte delle chiavi\nComune di Castelleone: impronta {}\nComune di Soncino, impronta {} (prot. 2020/55)\nCordiali saluti",
        fingerprint_of(&demo::fixture_key("019025")).to_lowercase(),
        fingerprint_of(&demo::fixture_key("019097")),
    );
    b.fill("#fingerprints-text", &pec).await;
    b.click("#fingerprints-accept").await;
    let said = b
        .text_when("#paste-outcome", |t| t.contains("2 chiavi accettate"))
        .await;
    assert!(said.contains("Comune di Castelleone") && said.contains("Comune di Soncino"));
    let waiting = b.text("#paste-still-waiting").await;
    assert!(
        waiting.contains("Comune di Crema")
            && waiting.contains(&fingerprint_of(&demo::fixture_key("019035"))),
        "{waiting}"
    );
    b.text_when("#received-count", |t| t.contains("nel piano: 2 "))
        .await;
    clear(b).await;
}

/// Soncino's key was lost on 10/11/2020: its file signed on 20/11/2020 no longer counts,
/// and the registry says why.
async fn revoke_a_lost_key(b: &Browser, url: &str, tag: &str) {
    let dir = scratch_dir(&format!("revoke-{tag}"));
    let (files, registry) = demo::crema_2021_signed_files();
    let registry_path = write(&dir, "registro.json", registry.to_json().as_bytes());
    let (name, text) = files.iter().find(|(n, _)| n.contains("_019097_")).unwrap();
    let path = write(&dir, name, text.as_bytes());
    open_capofila_2021(b, url).await;
    b.fill("#registry-import", registry_path.to_str().unwrap())
        .await;
    b.text_when("#capofila-message", |t| t.contains("Registro importato"))
        .await;
    b.fill("#files-input", path.to_str().unwrap()).await;
    b.text_when("#received-count", |t| t.contains("nel piano: 1 "))
        .await;
    b.click("#registry-keys summary").await;
    b.element("#registry-keys-table tbody tr").await;
    let soncino = fingerprint_of(&demo::fixture_key("019097"));
    let revoke = format!("#revoke-{soncino}");
    b.click(&format!(
        "#registry-keys-table tr:has({revoke}-from) .revoke-key summary"
    ))
    .await;
    b.client
        .execute(
            "const f = document.querySelector(arguments[0]); f.value = '2020-11-10';
             f.dispatchEvent(new Event('input', {bubbles: true}));",
            vec![serde_json::json!(format!("{revoke}-from"))],
        )
        .await
        .unwrap();
    b.fill(
        &format!("{revoke}-reason"),
        "chiavetta persa, PEC prot. 1400",
    )
    .await;
    b.click(&format!(
        "#registry-keys-table tr:has({revoke}-from) .revoke-confirm"
    ))
    .await;
    b.text_when("#received-count", |t| t.contains("nel piano: 0 "))
        .await;
    let row = row_text(b, name).await;
    assert!(row.contains("revocata dal 10/11/2020"), "{row}");
    let keys = b.texts("#registry-keys-table tbody tr").await;
    assert!(
        keys.iter()
            .any(|r| r.starts_with("Comune di Soncino") && r.contains("chiavetta persa")),
        "{keys:?}"
    );
    clear(b).await;
}

/// Empties the list, so the next page load does not ask about losing files.
async fn clear(b: &Browser) {
    // In the middle of the window: scrolled to its very top by the driver, the button was
    // sometimes under the heading above it when the click landed.
    b.client
        .execute(
            "document.querySelector('#clear-files').scrollIntoView({block: 'center'})",
            vec![],
        )
        .await
        .unwrap();
    b.click("#clear-files").await;
    b.click("#clear-confirm").await;
    b.text("#no-files").await;
}

#[tokio::test]
async fn a_changed_key_is_replaced_explicitly_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    replace_a_changed_key(&b, &server.url(), "served").await;
    replace_a_changed_key(&b, &single_file_url(), "file").await;
    b.finish().await;
}

#[tokio::test]
async fn pasting_a_pec_accepts_the_keys_it_names_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    paste_the_pec(&b, &server.url(), "served").await;
    paste_the_pec(&b, &single_file_url(), "file").await;
    b.finish().await;
}

#[tokio::test]
async fn a_lost_key_is_revoked_from_a_day_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    revoke_a_lost_key(&b, &server.url(), "served").await;
    revoke_a_lost_key(&b, &single_file_url(), "file").await;
    b.finish().await;
}

/// A registry larger than the list shows: the list opens with its first keys and says how
/// many there are; a search by a part of a name or of a fingerprint finds a key.
async fn search_a_large_registry(b: &Browser, url: &str, tag: &str) {
    let dir = scratch_dir(&format!("large-registry-{tag}"));
    let mut registry = offerta_core::signing::TrustRegistry::default();
    for n in 0..250u8 {
        let key = SigningKey::from_bytes(&[n; 32]);
        registry.accept(
            &format!("9{n:05}"),
            &format!("Ente di prova {n}"),
            &multikey::public_key_multibase(&key.verifying_key()),
            "2026-01-01T00:00:00Z",
            "prova",
        );
    }
    let path = write(&dir, "registro.json", registry.to_file_json().as_bytes());
    open_capofila_2021(b, url).await;
    b.fill("#registry-import", path.to_str().unwrap()).await;
    b.text_when("#capofila-message", |t| t.contains("Registro importato"))
        .await;
    // Closed, the list is not in the page at all.
    assert!(!b.exists("#registry-keys-table").await);
    b.click("#registry-keys summary").await;
    let shown = b.text_when("#registry-shown", |t| t.contains("250")).await;
    assert!(shown.contains("prime 100 chiavi su 250"), "{shown}");
    assert_eq!(b.texts("#registry-keys-table tbody tr").await.len(), 100);
    b.fill("#registry-search", "di prova 201").await;
    b.text_when("#registry-shown", |t| {
        t.starts_with("1 chiave su 250 corrisponde")
    })
    .await;
    let rows = b.texts("#registry-keys-table tbody tr").await;
    assert!(rows[0].starts_with("Ente di prova 201"), "{rows:?}");
    let wanted = fingerprint_of(&SigningKey::from_bytes(&[142; 32]));
    b.fill("#registry-search", &wanted[..9].to_lowercase())
        .await;
    b.text_when("#registry-keys-table tbody", |t| t.contains(&wanted))
        .await;
}

#[tokio::test]
async fn a_large_registry_is_searched_not_listed_whole_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    search_a_large_registry(&b, &server.url(), "served").await;
    search_a_large_registry(&b, &single_file_url(), "file").await;
    b.finish().await;
}

/// The key steps by keyboard only, with axe on each new control open: paste the PEC's
/// fingerprints, replace a changed key, open the list of keys and a revocation; and the
/// technical details of an unreadable file.
async fn key_steps_by_keyboard(b: &Browser, url: &str, tag: &str) {
    use crate::accessibility::{assert_no_violations, choose_files};
    use crate::browser::{ENTER, SPACE};
    let dir = scratch_dir(&format!("keys-keyboard-{tag}"));
    let (files, _) = demo::crema_2021_signed_files();
    let mut paths: Vec<std::path::PathBuf> = files
        .iter()
        .filter(|(n, _)| n.contains("_019025_") || n.contains("_019097_"))
        .map(|(n, t)| write(&dir, n, t.as_bytes()))
        .collect();
    let new_key = SigningKey::from_bytes(&[78; 32]);
    paths.push(write(
        &dir,
        "soncino-nuova-chiave.json",
        sign_submission(&submission("019097"), &new_key, "2020-11-28T09:00:00Z").as_bytes(),
    ));
    paths.push(write(&dir, "troncato.json", b"{\"formato\": \"offerta"));
    crate::accessibility::capofila_2021_by_keyboard(b, url).await;
    b.tab_to("#files-input").await;
    choose_files(b, &paths).await;
    b.text_when("#received-count", |t| t.contains("ricevute: 4 "))
        .await;
    assert_no_violations(b, "capofila with files waiting for keys").await;

    // Soncino's first file is accepted by the paste; the file with its other key then
    // differs from the registered one and is replaced explicitly.
    b.tab_to("#fingerprints-text").await;
    b.type_keys(&format!(
        "Impronte: {} e {}",
        fingerprint_of(&demo::fixture_key("019025")),
        fingerprint_of(&demo::fixture_key("019097"))
    ))
    .await;
    b.tab_to("#fingerprints-accept").await;
    b.press(ENTER).await;
    b.text_when("#paste-outcome", |t| t.contains("2 chiavi accettate"))
        .await;
    b.tab_to("#files-table .replace-key summary").await;
    b.press(ENTER).await;
    b.tab_to("#files-table .replace-key-reason").await;
    b.type_keys("PC nuovo, PEC prot. 1301").await;
    assert_no_violations(b, "paste outcome and key replacement open").await;
    b.tab_to("#files-table .replace-key-confirm").await;
    b.press(ENTER).await;
    b.text_when("#received-count", |t| t.contains("nel piano: 2 "))
        .await;

    // The unreadable file's technical details, then the keys and a revocation form.
    // The file's line opens on its whole reason, «Dettagli tecnici» inside.
    b.tab_to("#files-table tr:has(details.technical) details.why > summary")
        .await;
    b.press(SPACE).await;
    b.tab_to("#files-table details.technical summary").await;
    b.press(SPACE).await;
    b.tab_to("#registry-keys summary").await;
    b.press(ENTER).await;
    b.tab_to("#registry-keys-table .revoke-key summary").await;
    b.press(ENTER).await;
    assert_no_violations(b, "technical details, keys and a revocation open").await;
    clear(b).await;
}

#[tokio::test]
async fn the_key_steps_work_by_keyboard_without_axe_violations_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    key_steps_by_keyboard(&b, &server.url(), "served").await;
    key_steps_by_keyboard(&b, &single_file_url(), "file").await;
    b.finish().await;
}

/// #18: a file signed "in 2099" (an office PC's clock) is held until the capofila confirms
/// its date with the ente; then it counts like any other.
async fn a_future_date_waits_for_confirmation(b: &Browser, url: &str) {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    open_capofila_2021(b, url).await;
    b.fill(
        "#registry-import",
        corpus.join("registro.json").to_str().unwrap(),
    )
    .await;
    b.text_when("#capofila-message", |t| t.contains("Registro importato"))
        .await;
    b.fill(
        "#files-input",
        corpus.join("data-futura.json").to_str().unwrap(),
    )
    .await;
    b.text_when("#received-count", |t| t.contains("nel piano: 0 "))
        .await;
    let row = row_text(b, "data-futura.json").await;
    assert_eq!(
        b.file_group("data-futura.json").await,
        "1 data da confermare"
    );
    assert!(row.contains("01/01/2099"), "{row}");
    b.click("#files-table .confirm-date").await;
    b.text_when("#received-count", |t| t.contains("nel piano: 1 "))
        .await;
    clear(b).await;
}

#[tokio::test]
async fn a_file_dated_in_the_future_counts_once_confirmed_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    a_future_date_waits_for_confirmation(&b, &server.url()).await;
    a_future_date_waits_for_confirmation(&b, &single_file_url()).await;
    b.finish().await;
}
