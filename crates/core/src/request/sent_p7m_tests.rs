//! The capofila opens again the request it sent signed with its firma digitale (issue #29):
//! read as the `.json` one is, it is the intake's request, its line names the signer, and the
//! status board matches the answers to it.

use super::firma_digitale::tests::signed_with_openssl;
use super::{read_sent_request, Request};
use crate::comuni::IstatCode;
use crate::intake::status::RequestMatch;
use crate::intake::{CheckedFile, Intake};
use crate::signing::{file_hash, sign_submission, TrustRegistry};
use crate::{ambiti, demo};

#[test]
fn a_request_sent_signed_digitally_is_the_capofilas_request_as_the_json_one() {
    let dir = std::env::temp_dir().join(format!("offerta-sent-request-p7m-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let today = crate::signing::rfc3339_utc(now);
    let year: u16 = today[..4].parse().unwrap();
    let deadline = crate::signing::rfc3339_utc(now + 20 * 86_400)[..10].to_owned();
    let ambito = ambiti::preset("crema").unwrap();
    let request = Request::new(
        &ambito,
        year + 1,
        &deadline,
        demo::crema_capofila(),
        "Si prega di inviare la scheda firmata entro la scadenza.",
    );
    let p7m = signed_with_openssl(&dir, &request.to_sign_digitally(&today).unwrap());

    let sent = read_sent_request(&p7m, &[], &today).expect("the capofila's own request");
    assert_eq!(sent.request, request);
    assert_eq!(sent.hash, file_hash(&p7m));
    assert!(sent.public_key.is_empty() && sent.fingerprint.is_empty());
    let line = sent.signed_with();
    assert_eq!(line.it, "Firmata digitalmente da ANNA NERI (codice fiscale NRENNA70A41D142X), certificato di Certificatore di Prova.");
    assert!(line.en.starts_with("Digitally signed by ANNA NERI"));
    // The app-signed one reads through the same door, named by its key.
    let json = request.signed(&demo::fixture_key("019035"), &today);
    let app_signed = read_sent_request(json.as_bytes(), &[], &today).unwrap();
    assert!(app_signed
        .signed_with()
        .it
        .starts_with("Firmata con la chiave di impronta "));
    // An altered file is refused as the comune's side refuses it.
    let mut altered = p7m.clone();
    let at = altered.windows(5).position(|w| w == b"crema").unwrap();
    altered[at] = b'k';
    assert!(read_sent_request(&altered, &[], &today).is_err());

    // The intake's request: the answers made from it are matched to it on the board.
    let mut intake = Intake::new(ambito, year + 1, TrustRegistry::default());
    intake.set_request(Some(sent.clone())).unwrap();
    let crema: IstatCode = "019035".parse().unwrap();
    let mut answer = demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.comune_code() == Some(crema))
        .unwrap();
    answer.anno_piano = year + 1;
    answer.assegnate_anno_precedente.anno = year;
    answer.richiesta = Some(sent.reference());
    let text = sign_submission(&answer, &demo::fixture_key("019035"), &today);
    let registry = intake.registry().clone();
    intake.add(vec![CheckedFile::check(
        "crema.json".into(),
        text.into_bytes(),
        &registry,
    )]);
    let board = intake.status_board(&today[..10]);
    let row = board.comuni.iter().find(|c| c.code == crema).unwrap();
    assert_eq!(row.files[0].request, Some(RequestMatch::ThisRequest));
    assert_eq!(board.deadline.as_deref(), Some(deadline.as_str()));
    let _ = std::fs::remove_dir_all(&dir);
}
