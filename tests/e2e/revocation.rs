//! The capofila loads certificate revocation lists (tests/cades/revoca/, MARIO ROSSI's chain):
//! with the list naming him his `.p7m` is refused with the revocation's words; taken away
//! and the clean list loaded instead, the file counts and says «non revocato secondo la lista
//! …». The panel lists each list as the core summarises it, in both languages.
#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use crate::accessibility::assert_no_violations;
use crate::browser::Browser;
use crate::site::{served_dist, single_file_url};

const CA: &str = "Offerta Test Revoca Trust Service";

async fn a_revocation_list_refuses_a_revoked_signer(b: &Browser, url: &str) {
    let revoca = |name: &str| format!("{}/tests/cades/revoca/{name}", env!("CARGO_MANIFEST_DIR"));
    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", "2021\n").await;
    b.fill("#trusted-list-import", &revoca("elenco-di-fiducia.xml"))
        .await;
    b.text_when("#trusted-list-loaded", |t| t.contains("numero 1,"))
        .await;
    b.fill("#files-input", &revoca("firmata.json.p7m")).await;
    b.text_when("#received-count", |t| t.starts_with("Schede ricevute: 1 "))
        .await;
    // No list yet: said on the panel and next to the file.
    assert!(b
        .text("#revocation-lists")
        .await
        .contains("non interroga i servizi OCSP"));
    assert!(b.exists("#revocation-lists-none").await);
    assert!(b
        .text("#revocation-lists")
        .await
        .contains("valgono solo per questa visita"));
    b.text_when(".file-line summary", |t| {
        t.contains(&format!(
            "revoca non controllata (nessuna lista di revoca caricata per {CA})"
        ))
    })
    .await;
    assert_eq!(
        b.file_group("firmata.json.p7m").await,
        "1 firmatario da confermare"
    );

    b.fill("#revocation-list-import", &revoca("revocato.crl"))
        .await;
    let listed = b
        .text_when("#revocation-lists-loaded", |t| t.contains("revocato.crl"))
        .await;
    assert!(
        listed.contains(&format!("{CA}: lista del 01/12/2026, prossimo aggiornamento 31/12/2035, 2 certificati revocati; in vigore")),
        "{listed}"
    );
    let refused = b
        .text_when(".file-line summary", |t| t.contains("è stato revocato il"))
        .await;
    assert!(
        refused.contains("il certificato di firma di MARIO ROSSI è stato revocato il ")
            && refused.contains(&format!(
                "(lista di revoca di {CA} del 01/12/2026): la firma non vale"
            )),
        "{refused}"
    );
    assert_eq!(
        b.file_group("firmata.json.p7m").await,
        "1 scartata: firma non valida"
    );
    assert_no_violations(b, "a .p7m refused by a revocation list loaded").await;

    // Taken away, then the clean list: the file waits for its signer, then counts.
    b.click("#revocation-lists-loaded button").await;
    b.text_when("#revocation-lists-none", |t| t.contains("Nessuna"))
        .await;
    b.fill("#revocation-list-import", &revoca("non-revocato.crl"))
        .await;
    b.text_when(".confirm-signer", |t| t.contains("MARIO ROSSI firma per"))
        .await;
    b.click(".confirm-signer").await;
    b.text_when("#received-count", |t| t.contains("nel piano: 1"))
        .await;
    assert_eq!(b.file_group("firmata.json.p7m").await, "1 conteggiata");
    let counted = b.text(".file-line summary").await;
    assert!(
        counted.contains(&format!(
            "non revocato secondo la lista di revoca di {CA} del 01/12/2026"
        )),
        "{counted}"
    );
    assert_no_violations(b, "a .p7m counted, not revoked by the list loaded").await;

    b.click("#lang-switch").await;
    b.text_when("#revocation-lists h2", |t| {
        t == "Certificate revocation lists (CRL)"
    })
    .await;
    assert!(
        b.text("#revocation-lists-loaded")
            .await
            .contains("1 certificate revoked; signature verified")
            || b.text("#revocation-lists-loaded")
                .await
                .contains("1 certificate revoked; current")
    );
    b.click("#lang-switch").await;

    // A reload: the browser keeps no list, so the page names it among the files to load
    // again, until it is loaded again in its box.
    b.reload_past_the_leave_question().await;
    let notice = b
        .text_when("#loaded-before", |t| t.contains("erano caricati 2 file"))
        .await;
    assert!(
        notice.contains("non-revocato.crl")
            && notice.contains("firmata.json.p7m")
            && notice.contains("le liste di revoca si caricano nei loro riquadri"),
        "{notice}"
    );
    assert!(b.exists("#revocation-lists-none").await);
    b.fill("#revocation-list-import", &revoca("non-revocato.crl"))
        .await;
    let notice = b
        .text_when("#loaded-before", |t| t.contains("era caricato questo file"))
        .await;
    assert!(!notice.contains("non-revocato.crl"), "{notice}");
    // The year typed by hand is not kept: after a reload it is next year's again.
    b.fill("#year-input", "2021\n").await;
    b.fill("#files-input", &revoca("firmata.json.p7m")).await;
    b.text_when("#received-count", |t| t.contains("nel piano: 1"))
        .await;
    assert!(!b.exists("#loaded-before").await);
    assert!(b
        .text(".file-line summary")
        .await
        .contains("non revocato secondo la lista di revoca"));
}

#[tokio::test]
async fn a_revocation_list_loaded_refuses_a_revoked_signer_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    a_revocation_list_refuses_a_revoked_signer(&b, &server.url()).await;
    a_revocation_list_refuses_a_revoked_signer(&b, &single_file_url()).await;
    b.finish().await;
}
