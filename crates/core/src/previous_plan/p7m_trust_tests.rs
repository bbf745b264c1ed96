//! Last year's `.p7m` plan judged again when the capofila's trust changes (issue #29): the
//! trusted list loaded after the plan, a revocation list naming its signer, taken away again;
//! and its signer recorded with one click. Signed at test time (tests/cades/sign-now.sh), the
//! CRL revoking the signer made here with OpenSSL.
#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::path::Path;
use std::process::Command;
use std::rc::Rc;

use super::{read_any_previous_plan, KnownBy, PlanTrust};
use crate::intake::Intake;
use crate::planning::LastYear;
use crate::signing::cades::{self, RevocationList};
use crate::signing::qualified::TrustAnchor;
use crate::signing::TrustRegistry;
use crate::{ambiti, demo};

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl is installed");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What the test signs with: the plan's `.p7m`, the CA as an anchor, and a CRL of the CA
/// revoking the signer.
struct Signed {
    p7m: Vec<u8>,
    anchor: TrustAnchor,
    revoking: RevocationList,
}

/// `content` signed by ANNA NERI (Comune di Crema) with a qualified certificate of a test CA
/// (tests/cades/sign-now.sh), and a current CRL of that CA revoking her certificate (serial 9).
pub(crate) fn signed_and_revoked(dir: &Path, content: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let p7m = crate::request::firma_digitale::tests::signed_with_openssl(dir, content);
    // The CA's database, written by hand: serial 9 revoked (key compromise).
    std::fs::create_dir_all(dir.join("db")).unwrap();
    std::fs::write(
        dir.join("db/index.txt"),
        "R\t351231235959Z\t250101000000Z,keyCompromise\t09\tunknown\t/O=Comune di Crema/CN=NERI ANNA\n",
    )
    .unwrap();
    std::fs::write(dir.join("db/crlnumber"), "01\n").unwrap();
    std::fs::write(
        dir.join("crl.cnf"),
        "[ca]\ndefault_ca = this\n[this]\ndir = db\ndatabase = $dir/index.txt\ncrlnumber = $dir/crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n[crl]\nauthorityKeyIdentifier = keyid\n",
    )
    .unwrap();
    openssl(
        dir,
        &[
            "ca",
            "-batch",
            "-config",
            "crl.cnf",
            "-cert",
            "ca.pem",
            "-keyfile",
            "ca.key",
            "-gencrl",
            "-crlexts",
            "crl",
            "-out",
            "revocato.crl.pem",
        ],
    );
    openssl(
        dir,
        &[
            "crl",
            "-in",
            "revocato.crl.pem",
            "-outform",
            "DER",
            "-out",
            "revocato.crl",
        ],
    );
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    (p7m, read("ca.pem"), read("revocato.crl"))
}

/// Today by the clock (OpenSSL writes the clock's signing time and thisUpdate), a second on.
fn now_and_year() -> (String, u16) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let today = crate::signing::rfc3339_utc(now + 1);
    let year = today[..4].parse().unwrap();
    (today, year)
}

/// This year's Crema plan, as the capofila downloads it to sign digitally, signed.
fn signed_plan(tag: &str) -> (Signed, String, u16) {
    let dir = std::env::temp_dir().join(format!("offerta-plan-trust-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (_, year) = now_and_year();
    let ambito = ambiti::preset("crema").unwrap();
    let mut subs = demo::crema_2021();
    for s in &mut subs {
        s.anno_piano = year;
    }
    let plan = crate::aggregate(&subs, Some(&ambito));
    let texts = crate::plan_texts::PlanTexts::defaults(&ambito, year);
    let intake = Intake::new(ambito, year, TrustRegistry::default());
    let content = crate::plan_outputs::aggregate_to_sign_digitally(&intake, &plan, &texts, false)
        .expect("no file waits");
    let (p7m, ca, crl) = signed_and_revoked(&dir, &content);
    let signed = Signed {
        p7m,
        anchor: cades::anchor_from_file(&ca, "ca.pem").unwrap(),
        revoking: cades::read_crl(&crl, "revocato.crl").unwrap(),
    };
    let _ = std::fs::remove_dir_all(&dir);
    let (now, _) = now_and_year();
    (signed, now, year)
}

/// Next year's intake of Crema, with `registry`, and last year's plan read from `p7m` as the
/// page and the CLI read it: against the intake's anchors and lists.
fn loaded(intake: &Intake, p7m: &[u8], now: &str) -> LastYear {
    let plan = read_any_previous_plan(p7m, intake.anchors(), intake.revocation_lists(), now)
        .expect("an intact plan");
    let mut last_year = LastYear::default();
    last_year.set(intake, Some(plan)).unwrap();
    last_year
}

fn with_anna_neri() -> TrustRegistry {
    let mut registry = TrustRegistry::default();
    let signer = crate::signing::qualified::QualifiedSigner {
        nome_cognome: "ANNA NERI".into(),
        codice_fiscale: "NRENNA70A41D142X".into(),
        certificatore: "Certificatore di Prova".into(),
        organizzazione: Some("Comune di Crema".into()),
        certificato_sha256: String::new(),
    };
    assert!(registry.accept_signer(
        "019035",
        "Comune di Crema",
        &signer,
        "2020-01-01T00:00:00Z",
        ""
    ));
    registry
}

#[test]
fn a_plan_loaded_before_the_trusted_list_and_a_crl_follows_them() {
    let (signed, now, year) = signed_plan("follow");
    let ambito = ambiti::preset("crema").unwrap();
    let mut intake = Intake::new(ambito, year + 1, with_anna_neri());
    let mut last_year = loaded(&intake, &signed.p7m, &now);

    // No trusted list: named, not checked, and no word of loading the plan again.
    let line = last_year.status(&intake).unwrap();
    assert!(
        line.it
            .contains("NON VERIFICATO: firmato digitalmente da ANNA NERI"),
        "{line}"
    );
    assert!(
        line.it
            .contains("caricare l'elenco di fiducia (TSL-IT.xml)"),
        "{line}"
    );
    assert!(
        !line.it.contains("di nuovo il piano") && !line.en.contains("plan again"),
        "{line}"
    );
    assert!(
        !last_year.follow_trust(&intake),
        "nothing changed: nothing verified"
    );

    // The trusted list loaded after the plan: judged again, verified (the registry holds her).
    intake.set_anchors(vec![signed.anchor.clone()]);
    assert!(last_year.follow_trust(&intake));
    assert!(!last_year.follow_trust(&intake), "once per change");
    assert_eq!(
        last_year.trust(&intake),
        Some(PlanTrust::Verified(KnownBy::FirmaDigitale))
    );
    let verified_line = last_year.status(&intake).unwrap();
    assert!(
        verified_line
            .it
            .contains("verificato: firmato digitalmente il"),
        "{verified_line}"
    );

    // A CRL revoking her: no longer verified, the revocation said; the comparison stays, as an
    // indication, and the document says so.
    intake.set_revocation_lists(vec![signed.revoking.clone()]);
    assert!(last_year.follow_trust(&intake));
    let Some(PlanTrust::Unverified(why)) = last_year.trust(&intake) else {
        panic!(
            "a revoked signer stays verified: {:?}",
            last_year.trust(&intake)
        )
    };
    assert!(
        why.it.contains("firmato digitalmente da ANNA NERI"),
        "{why}"
    );
    assert!(why.it.contains("è stato revocato il"), "{why}");
    assert!(
        why.it.ends_with("la firma non vale; il piano non conta"),
        "{why}"
    );
    assert!(
        !why.it.contains("chiedere all'ente"),
        "the plan is the capofila's own: {why}"
    );
    assert!(why.en.ends_with("the plan does not count"), "{why}");
    let plan = crate::planning::plan_of(&intake, &last_year);
    assert!(last_year.comparison(&plan).is_some());
    let texts = crate::plan_outputs::default_texts(&intake);
    let document = crate::plan_outputs::document(&intake, &last_year, &plan, &texts).text();
    assert!(document.contains(&format!("il piano {year} dell'ambito «crema» usato per il confronto NON È VERIFICATO: firmato digitalmente da ANNA NERI")), "{document}");
    assert!(document.contains("è stato revocato il"), "{document}");

    // The same standing as a plan loaded after the list and the CRL: the order changes nothing.
    let fresh = loaded(&intake, &signed.p7m, &now);
    assert_eq!(fresh.status(&intake), last_year.status(&intake));
    assert_eq!(fresh.trust(&intake), last_year.trust(&intake));

    // The CRL taken away: verified again.
    intake.set_revocation_lists(Vec::new());
    assert!(last_year.follow_trust(&intake));
    assert_eq!(last_year.status(&intake), Some(verified_line));

    // The trusted list taken away: not checked again.
    intake.set_anchors(Vec::new());
    assert!(last_year.follow_trust(&intake));
    assert_eq!(last_year.status(&intake), Some(line));
}

#[test]
fn a_plan_read_against_anchors_the_intake_no_longer_has_is_judged_when_set() {
    let (signed, now, year) = signed_plan("set");
    let ambito = ambiti::preset("crema").unwrap();
    let intake = Intake::new(ambito, year + 1, with_anna_neri());
    // The page reads the file against the anchors of the moment the file was chosen; the
    // trusted list arrives before the plan is set.
    let plan = read_any_previous_plan(&signed.p7m, &Rc::default(), &Rc::default(), &now).unwrap();
    let mut intake_with_list = intake.clone();
    intake_with_list.set_anchors(vec![signed.anchor]);
    let mut last_year = LastYear::default();
    last_year.set(&intake_with_list, Some(plan)).unwrap();
    assert_eq!(
        last_year.trust(&intake_with_list),
        Some(PlanTrust::Verified(KnownBy::FirmaDigitale))
    );
}

#[test]
fn the_plans_signer_is_confirmed_with_one_click_only_with_the_certificate_on_the_list() {
    let (signed, now, year) = signed_plan("confirm");
    let ambito = ambiti::preset("crema").unwrap();
    let mut intake = Intake::new(ambito, year + 1, TrustRegistry::default());
    let mut last_year = loaded(&intake, &signed.p7m, &now);

    // Not checked against a trusted list: nothing to confirm, as for a received file.
    assert_eq!(last_year.signer_to_confirm(&intake), None);
    assert!(!last_year.accept_signer(&mut intake, &now));
    assert!(!intake.registry().to_json().contains("NRENNA70A41D142X"));
    // A list that does not hold its CA: nothing either.
    let other = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/cades/root-ca.pem"
    ))
    .unwrap();
    intake.set_anchors(vec![cades::anchor_from_file(&other, "root-ca.pem").unwrap()]);
    last_year.follow_trust(&intake);
    assert_eq!(last_year.signer_to_confirm(&intake), None);

    // On the list: «ANNA NERI firma per il Comune di Crema», the received files' words.
    intake.set_anchors(vec![signed.anchor.clone()]);
    last_year.follow_trust(&intake);
    let to_confirm = last_year
        .signer_to_confirm(&intake)
        .expect("a signer to confirm");
    assert_eq!(
        to_confirm.words,
        crate::signing::trust::signs_for("ANNA NERI", "Comune di Crema")
    );
    assert_eq!(
        to_confirm.words.it,
        "ANNA NERI firma per il Comune di Crema"
    );
    assert_eq!(to_confirm.ente_id, "019035");

    // Revoked: nothing to confirm.
    intake.set_revocation_lists(vec![signed.revoking.clone()]);
    last_year.follow_trust(&intake);
    assert_eq!(last_year.signer_to_confirm(&intake), None);
    assert!(!last_year.accept_signer(&mut intake, &now));
    intake.set_revocation_lists(Vec::new());
    last_year.follow_trust(&intake);

    // Confirmed: in the registry for the capofila, at the clock given; the plan counts.
    assert!(last_year.accept_signer(&mut intake, &now));
    assert_eq!(
        last_year.trust(&intake),
        Some(PlanTrust::Verified(KnownBy::FirmaDigitale))
    );
    assert_eq!(last_year.signer_to_confirm(&intake), None);
    assert!(!last_year.accept_signer(&mut intake, &now), "once");
    let json = intake.registry().to_json();
    assert!(
        json.contains("NRENNA70A41D142X") && json.contains(&now),
        "{json}"
    );
    assert!(json.contains(super::PLAN_SIGNER_NOTE), "{json}");
}
