//! Issue #29, the capofila's own files signed with a firma digitale: last year's `.p7m` plan
//! judged again when the trusted list or a revocation list is loaded after it, and its signer
//! confirmed with one click; the request sent, signed digitally, opened again.
//!
//! Signed at test time by tests/cades/sign-now.sh (the fixtures' keys are not kept:
//! tests/cades/README.md), MARIO ROSSI of the Comune di Crema with a qualified certificate of
//! a test CA; a trusted list naming the CA and a CRL of the CA revoking him made here.
#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::path::{Path, PathBuf};
use std::process::Command;

use offerta_core::{ambiti, demo};
use serde_json::Value;

use crate::accessibility::assert_no_violations;
use crate::browser::Browser;
use crate::site::{scratch_dir, served_dist, single_file_url, write};

/// The CA's configuration to write its CRL (`openssl ca -gencrl` reads its database).
const CRL_CONFIG: &str = "[ca]
default_ca = this
[this]
dir = db
database = $dir/index.txt
crlnumber = $dir/crlnumber
default_md = sha256
default_crl_days = 30
[crl]
authorityKeyIdentifier = keyid
";

const MARIO_ROSSI: &str =
    "/C=IT/O=Comune di Crema/GN=MARIO/SN=ROSSI/CN=ROSSI MARIO/serialNumber=TINIT-RSSMRA80A01H501U";

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl is installed");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A file signed in `dir` by MARIO ROSSI with a certificate of a test CA made for it
/// (tests/cades/sign-now.sh: `ca.pem`, serial 9), the trusted list `elenco-di-fiducia.xml`
/// naming that CA, and `revocato.crl`, the CA's current CRL revoking him.
struct Signed {
    dir: PathBuf,
    /// The `.p7m`'s path.
    p7m: String,
}

impl Signed {
    fn make(dir: &Path, name: &str, content: &[u8]) -> Signed {
        write(dir, name, content);
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cades/sign-now.sh");
        let out = Command::new("bash")
            .arg(script)
            .arg(dir)
            .arg(name)
            .arg(MARIO_ROSSI)
            .output()
            .expect("bash is installed");
        assert!(
            out.status.success(),
            "sign-now.sh: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The CA's database, written by hand: serial 9 revoked (key compromise).
        std::fs::create_dir_all(dir.join("db")).unwrap();
        write(dir, "db/index.txt", b"R\t351231235959Z\t250101000000Z,keyCompromise\t09\tunknown\t/O=Comune di Crema/CN=ROSSI MARIO\n");
        write(dir, "db/crlnumber", b"01\n");
        write(dir, "crl.cnf", CRL_CONFIG.as_bytes());
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
        // The PEM's body is the certificate's DER in base64, as the list carries it.
        let pem = std::fs::read_to_string(dir.join("ca.pem")).unwrap();
        let cert: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        write(dir, "elenco-di-fiducia.xml", trusted_list(&cert).as_bytes());
        Signed {
            dir: dir.to_owned(),
            p7m: dir.join(format!("{name}.p7m")).display().to_string(),
        }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }
}

/// A trusted list (ETSI TS 119 612) whose one granted CA/QC service is `cert` (base64 DER),
/// as tests/cades/trusted-list.sh writes one.
fn trusted_list(cert: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" TSLTag="http://uri.etsi.org/19612/TSLTag">
  <SchemeInformation>
    <TSLVersionIdentifier>5</TSLVersionIdentifier>
    <TSLSequenceNumber>1</TSLSequenceNumber>
    <SchemeOperatorName><Name xml:lang="it">Offerta Abitativa Test</Name></SchemeOperatorName>
    <SchemeTerritory>IT</SchemeTerritory>
    <ListIssueDateTime>2026-12-01T00:00:00Z</ListIssueDateTime>
    <NextUpdate><dateTime>2035-12-01T00:00:00Z</dateTime></NextUpdate>
  </SchemeInformation>
  <TrustServiceProviderList>
    <TrustServiceProvider>
      <TSPInformation><TSPName><Name xml:lang="it">Certificatore di Prova</Name></TSPName></TSPInformation>
      <TSPServices>
        <TSPService><ServiceInformation>
          <ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>
          <ServiceName><Name xml:lang="it">Certificatore di Prova CA</Name></ServiceName>
          <ServiceDigitalIdentity><DigitalId><X509Certificate>{cert}</X509Certificate></DigitalId></ServiceDigitalIdentity>
          <ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</ServiceStatus>
          <StatusStartingTime>2025-01-01T00:00:00Z</StatusStartingTime>
        </ServiceInformation></TSPService>
      </TSPServices>
    </TrustServiceProvider>
  </TrustServiceProviderList>
</TrustServiceStatusList>
"#
    )
}

/// Today by the clock, and its year.
fn today() -> (String, u16) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let today = offerta_core::signing::rfc3339_utc(now);
    let year = today[..4].parse().unwrap();
    (today, year)
}

/// The Crema plan of `year` as the capofila downloads it to sign digitally (made by the same
/// core as the page's «Scarica il piano da firmare digitalmente»).
fn plan_to_sign(year: u16) -> Vec<u8> {
    let ambito = ambiti::preset("crema").unwrap();
    let mut subs = demo::crema_2021();
    for s in &mut subs {
        s.anno_piano = year;
    }
    let plan = offerta_core::aggregate(&subs, Some(&ambito));
    let texts = offerta_core::plan_texts::PlanTexts::defaults(&ambito, year);
    let intake = offerta_core::intake::Intake::new(ambito, year, Default::default());
    offerta_core::plan_outputs::aggregate_to_sign_digitally(&intake, &plan, &texts, false).unwrap()
}

async fn stored_registry(b: &Browser) -> String {
    b.client
        .execute(
            "return localStorage.getItem(arguments[0])",
            vec![Value::from(offerta_core::stored::REGISTRY)],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Last year's plan loaded before the trusted list: not checked; the list loaded, the plan
/// judged again by itself and its signer offered for confirmation in the received files'
/// words; confirmed, verified (and the registry kept in the browser); a CRL revoking him
/// loaded, no longer verified; the CRL taken away, verified again.
async fn last_years_plan_follows_the_trust(b: &Browser, url: &str, tag: &str) {
    let dir = scratch_dir(tag);
    let (_, year) = today();
    let name = format!("piano-offerta-abitativa_crema_{year}_per-firma-digitale.json");
    let signed = Signed::make(&dir, &name, &plan_to_sign(year));
    let p7m = signed.p7m.clone();
    // This year's plan needs a file that counts: Crema's, signed with its fixture key, which
    // the demo's registry holds.
    let (today, _) = today();
    let (_, registry) = demo::crema_2021_signed_files();
    let registry_path = write(&dir, "registro.json", registry.to_json().as_bytes());
    let mut crema = demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == "019035")
        .unwrap();
    crema.anno_piano = year + 1;
    crema.assegnate_anno_precedente.anno = year;
    let text = offerta_core::signing::sign_submission(&crema, &demo::fixture_key("019035"), &today);
    let crema_path = write(&dir, &crema.file_name(true), text.as_bytes());

    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", &format!("{}\n", year + 1)).await;
    b.fill("#registry-import", registry_path.to_str().unwrap())
        .await;
    b.text_when("#capofila-message", |t| t.contains("Registro importato"))
        .await;
    b.fill("#files-input", crema_path.to_str().unwrap()).await;
    b.text_when("#received-count", |t| t.contains("nel piano: 1"))
        .await;
    b.fill("#previous-plan-file", &p7m).await;
    let line = b
        .text_when("#previous-plan-loaded", |t| {
            t.contains(&format!("piano {year}"))
        })
        .await;
    assert!(
        line.contains(
            "NON VERIFICATO: firmato digitalmente da MARIO ROSSI (codice fiscale RSSMRA80A01H501U)"
        ),
        "{line}"
    );
    assert!(
        line.contains("caricare l'elenco di fiducia (TSL-IT.xml)"),
        "{line}"
    );
    assert!(!line.contains("di nuovo il piano"), "{line}");
    assert!(
        !b.exists("#previous-plan-confirm-signer").await,
        "no confirmation of a certificate not checked"
    );

    // The trusted list, loaded after the plan: no need to load the plan again.
    b.fill(
        "#trusted-list-import",
        &signed.path("elenco-di-fiducia.xml"),
    )
    .await;
    b.text_when("#trusted-list-loaded", |t| t.contains("numero 1,"))
        .await;
    let line = b
        .text_when("#previous-plan-loaded", |t| {
            t.contains("il registro non dice ancora")
        })
        .await;
    assert!(
        line.contains("«MARIO ROSSI firma per il Comune di Crema»"),
        "{line}"
    );
    let button = b.text("#previous-plan-confirm-signer").await;
    assert_eq!(button, "Conferma: MARIO ROSSI firma per il Comune di Crema");
    assert_no_violations(b, "capofila: last year's plan's signer to confirm").await;

    b.click("#previous-plan-confirm-signer").await;
    let line = b
        .text_when("#previous-plan-loaded", |t| {
            t.contains("verificato: firmato digitalmente il")
        })
        .await;
    assert!(
        line.contains("da MARIO ROSSI (codice fiscale RSSMRA80A01H501U)")
            && line.contains("registrato come firmatario del capofila"),
        "{line}"
    );
    assert_eq!(
        b.element("#previous-plan-loaded")
            .await
            .attr("data-verified")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );
    assert!(!b.exists("#previous-plan-confirm-signer").await);
    let comparison = b.text("#comparison").await;
    assert!(
        comparison.contains("registrato come firmatario del capofila")
            && !comparison.contains("NON È VERIFICATO"),
        "{comparison}"
    );
    // The registry, changed, is kept in the browser as for any confirmation.
    let mut kept = String::new();
    for _ in 0..50 {
        kept = stored_registry(b).await;
        if kept.contains("RSSMRA80A01H501U") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        kept.contains("RSSMRA80A01H501U") && kept.contains("019035"),
        "{kept}"
    );

    // A CRL revoking him: no longer verified, the page, the comparison saying why.
    b.fill("#revocation-list-import", &signed.path("revocato.crl"))
        .await;
    let line = b
        .text_when("#previous-plan-loaded", |t| t.contains("NON VERIFICATO"))
        .await;
    assert!(
        line.contains("il certificato di firma di MARIO ROSSI è stato revocato il")
            && line.contains("il piano non conta"),
        "{line}"
    );
    let comparison = b.text("#comparison").await;
    assert!(
        comparison.contains("NON È VERIFICATO") && comparison.contains("è stato revocato il"),
        "{comparison}"
    );
    assert_no_violations(b, "capofila: last year's plan, its signer revoked").await;

    // Taken away: verified again.
    b.click("#revocation-lists-loaded button").await;
    b.text_when("#previous-plan-loaded", |t| {
        t.contains("verificato: firmato digitalmente il")
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn last_years_plan_follows_the_trust_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    last_years_plan_follows_the_trust(&b, &server.url(), "plan-trust-served").await;
    last_years_plan_follows_the_trust(&b, &single_file_url(), "plan-trust-single").await;
    b.finish().await;
}

/// The request the capofila sent, signed with its firma digitale, opened again on its screen
/// («Apri una richiesta già inviata»): the line names who signed it and the deadline, and
/// the answer made from it is matched to it on the status board, as for the `.json` one.
async fn a_request_sent_signed_digitally_is_opened_again(b: &Browser, url: &str, tag: &str) {
    let dir = scratch_dir(tag);
    let (today, year) = today();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let deadline = offerta_core::signing::rfc3339_utc(now + 20 * 86_400)[..10].to_owned();
    let request = offerta_core::request::Request::new(
        &ambiti::preset("crema").unwrap(),
        year + 1,
        &deadline,
        demo::crema_capofila(),
        "Si prega di inviare la scheda firmata entro la scadenza.",
    );
    let name = format!(
        "richiesta-offerta-abitativa_crema_{}_per-firma-digitale.json",
        year + 1
    );
    let p7m = Signed::make(&dir, &name, &request.to_sign_digitally(&today).unwrap()).p7m;
    let sent = offerta_core::request::read_sent_request(&std::fs::read(&p7m).unwrap(), &[], &today)
        .unwrap();
    // Crema's answer, made from that request (it names the `.p7m`'s SHA-256).
    let mut answer = demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == "019035")
        .unwrap();
    answer.anno_piano = year + 1;
    answer.assegnate_anno_precedente.anno = year;
    answer.richiesta = Some(sent.reference());
    let signed =
        offerta_core::signing::sign_submission(&answer, &demo::fixture_key("019035"), &today);
    let answer_path = write(&dir, &answer.file_name(true), signed.as_bytes());

    b.client.goto(url).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", &format!("{}\n", year + 1)).await;
    b.click("#request-panel summary").await;
    assert_eq!(
        b.text("label[for=request-load]").await,
        "Apri una richiesta già inviata (file .json, o .json.p7m con firma digitale)"
    );
    b.fill("#request-load", &p7m).await;
    let current = b
        .text_when("#request-current", |t| t.contains("Firmata digitalmente"))
        .await;
    assert_eq!(
        current,
        format!(
            "Richiesta in corso: risposte entro il {}. Firmata digitalmente da MARIO ROSSI (codice fiscale RSSMRA80A01H501U), certificato di Certificatore di Prova.",
            offerta_core::text::day_of(&deadline)
        )
    );
    assert_no_violations(b, "capofila: its .p7m request opened again").await;
    b.fill("#files-input", answer_path.to_str().unwrap()).await;
    b.text_when("#received-count", |t| t.starts_with("Schede ricevute: 1 "))
        .await;
    b.click("#status-board summary").await;
    let board = b
        .text_when("#status-board", |t| t.contains("risponde alla richiesta"))
        .await;
    assert!(board.contains("Comune di Crema"), "{board}");
    assert!(
        b.text("#board-deadline")
            .await
            .contains(&offerta_core::text::day_of(&deadline)),
        "the deadline of the request"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_request_sent_signed_digitally_is_opened_again_in_both_builds() {
    let server = served_dist();
    let b = Browser::start().await;
    a_request_sent_signed_digitally_is_opened_again(&b, &server.url(), "sent-request-p7m-served")
        .await;
    a_request_sent_signed_digitally_is_opened_again(
        &b,
        &single_file_url(),
        "sent-request-p7m-single",
    )
    .await;
    b.finish().await;
}
