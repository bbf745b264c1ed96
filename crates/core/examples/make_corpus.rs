//! Writes the bad-input corpus of tests/corpus/ (see its README): every kind of file a
//! capofila may receive by mistake or by malice, each with its expected outcome.
//! Also writes tests/corpus/richieste/: the files a comune may get in place of its
//! capofila's request (`offerta verify-request`), and tests/corpus/piani/: the files a
//! capofila may load as last year's plan (`offerta aggregate --previous`).
//! Run from the repository root: `cargo run -p offerta-core --example make_corpus`.
//!
//! The files are of format version 1 on purpose: the app reads, verifies and aggregates
//! version 1 as before (docs/FORMAT.md), and this corpus keeps proving it.

#![allow(clippy::too_many_lines)] // Test material reads as one list; the limit is for code.

use std::path::Path;

#[path = "corpus/plans.rs"]
mod plans;

use offerta_core::demo::{self, fixture_key};
use offerta_core::request::{Request, REQUEST_FORMAT_VERSION};
use offerta_core::signing::multikey::public_key_multibase;
use offerta_core::signing::{fingerprint, sign_document, SigningKey};
use offerta_core::submission::{FORMAT_VERSION, OLDEST_FORMAT_VERSION_READ};
use offerta_core::Submission;

/// A signed file of format version 1, as the app wrote them before version 2: the app's own
/// `sign_submission` writes the current version.
fn sign_v1(s: &Submission, key: &SigningKey, created: &str) -> String {
    let mut s = s.clone().with_stated_totals();
    s.versione = OLDEST_FORMAT_VERSION_READ;
    let serde_json::Value::Object(document) = serde_json::to_value(s).unwrap() else {
        unreachable!("a submission serialises to an object")
    };
    serde_json::to_string_pretty(&sign_document(document, key, created)).unwrap()
}

fn main() {
    let dir = Path::new("tests/corpus");
    std::fs::create_dir_all(dir).unwrap();
    let all: Vec<Submission> = demo::crema_2021()
        .into_iter()
        .map(|mut s| {
            s.versione = OLDEST_FORMAT_VERSION_READ;
            s
        })
        .collect();
    let by_id = |id: &str| all.iter().find(|s| s.ente.id() == id).unwrap().clone();
    let signed = |s: &Submission| sign_v1(s, &fixture_key(&s.ente.id()), demo::DEMO_SIGNED_AT);
    let soncino = by_id("019097");
    let castelleone = by_id("019025");
    let soncino_signed = signed(&soncino);
    let castelleone_signed = signed(&castelleone);
    let draft = serde_json::to_string_pretty(&soncino).unwrap();

    let mut cases: Vec<(&str, Vec<u8>, &str, &str)> = Vec::new();
    let mut add = |name: &'static str, bytes: Vec<u8>, code: &'static str, reason: &'static str| {
        cases.push((name, bytes, code, reason))
    };
    add(
        "valida-castelleone.json",
        castelleone_signed.clone().into_bytes(),
        "valida",
        "Firma valida",
    );
    add(
        "bom-utf8.json",
        format!("\u{feff}{soncino_signed}").into_bytes(),
        "valida",
        "Firma valida",
    );
    add("vuoto.json", Vec::new(), "illeggibile", "il file è vuoto");
    add(
        "troncato.json",
        soncino_signed.as_bytes()[..300].to_vec(),
        "illeggibile",
        "forse è troncato\triga 1",
    );
    add(
        "documento.pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec(),
        "illeggibile",
        "un altro tipo di file\tUTF-8",
    );
    add(
        "archivio.zip",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xb7\x5a\xff\xfe\x00".to_vec(),
        "illeggibile",
        "un altro tipo di file\tUTF-8",
    );
    add(
        "immagine.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(),
        "illeggibile",
        "un altro tipo di file\tUTF-8",
    );
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(soncino_signed.encode_utf16().flat_map(u16::to_le_bytes));
    add(
        "utf16.json",
        utf16,
        "illeggibile",
        "un altro tipo di file\tUTF-8",
    );
    add(
        "annidato.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        "illeggibile",
        "modificato a mano\ttroppi livelli annidati",
    );
    add(
        "chiavi-doppie.json",
        soncino_signed
            .replacen(
                "\"ambito\": \"crema\"",
                "\"ambito\": \"crema\",\n  \"ambito\": \"cremona\"",
                1,
            )
            .into_bytes(),
        "illeggibile",
        "due volte lo stesso dato\tcompare due volte",
    );
    add(
        "intero-enorme.json",
        soncino_signed
            .replacen("\"sap\": 58", "\"sap\": 9007199254740993", 1)
            .into_bytes(),
        "illeggibile",
        "numero troppo grande\tsupera 2^53",
    );
    add(
        "conteggio-negativo.json",
        draft.replacen("\"sap\": 58", "\"sap\": -1", 1).into_bytes(),
        "illeggibile",
        "valore -1 non ammesso",
    );
    add(
        "conteggio-decimale.json",
        draft
            .replacen("\"sap\": 58", "\"sap\": 57.5", 1)
            .into_bytes(),
        "illeggibile",
        "numero con decimali",
    );
    add(
        "tipo-errato.json",
        draft
            .replacen("\"sap\": 58", "\"sap\": \"58\"", 1)
            .into_bytes(),
        "illeggibile",
        "testo dove serve un numero intero",
    );
    add(
        "versione-futura.json",
        soncino_signed
            .replacen(
                &format!("\"versione\": {OLDEST_FORMAT_VERSION_READ}"),
                &format!("\"versione\": {}", FORMAT_VERSION + 1),
                1,
            )
            .into_bytes(),
        "illeggibile",
        "aggiornare l'app",
    );
    add(
        "crittografia-sconosciuta.json",
        soncino_signed
            .replacen("eddsa-jcs-2022", "ecdsa-jcs-2019", 1)
            .into_bytes(),
        "firma-non-valida",
        "algoritmo di firma",
    );
    add(
        "scopo-errato.json",
        soncino_signed
            .replacen("assertionMethod", "authentication", 1)
            .into_bytes(),
        "firma-non-valida",
        "scopo della firma",
    );
    add(
        "altra-chiave.json",
        sign_v1(
            &soncino,
            &SigningKey::from_bytes(&[66; 32]),
            "2020-11-21T09:00:00Z",
        )
        .into_bytes(),
        "chiave-diversa",
        "un'altra chiave",
    );
    add(
        "ente-cambiato.json",
        castelleone_signed
            .replacen("\"019025\"", "\"019036\"", 1)
            .replacen("\"Castelleone\"", "\"Cremona\"", 1)
            .into_bytes(),
        "firma-non-valida",
        "modificato dopo la firma",
    );
    let mut old = soncino.clone();
    old.anno_piano = 2020;
    old.assegnate_anno_precedente.anno = 2019;
    add(
        "anno-diverso.json",
        signed(&old).into_bytes(),
        "valida",
        "piano 2020",
    );
    let mut elsewhere = soncino.clone();
    elsewhere.ambito = "cremona".into();
    add(
        "ambito-diverso.json",
        signed(&elsewhere).into_bytes(),
        "valida",
        "ambito «cremona»",
    );
    add(
        "bozza.json",
        draft.clone().into_bytes(),
        "non-firmata",
        "non firmato",
    );
    add(
        "<img src=x onerror=alert(1)>.json",
        b"{\"<b>\": \"<script>alert(1)</script>\"}".to_vec(),
        "illeggibile",
        "non è una scheda\t«formato»",
    );

    // An ente's private key, sent by mistake in place of its submission.
    let (key_file, _) = offerta_core::signing::KeyFile::create(
        "Comune di Castelleone",
        "019025",
        "frase segreta di prova",
        "2020-11-20T09:00:00Z",
        offerta_core::signing::keyfile::KdfParams::default(),
    )
    .unwrap();
    add(
        "chiave-ricevuta.json",
        key_file.to_json().into_bytes(),
        "illeggibile",
        "chiave privata di firma di «Comune di Castelleone»",
    );

    // Hostile files signed with registered keys: each must be held back with its reason.
    let others: Vec<&Submission> = all
        .iter()
        .filter(|s| ![soncino.ente.id(), castelleone.ente.id()].contains(&s.ente.id()))
        .collect();
    let (future_ente, bidi_ente, nul_ente, revoked_ente) =
        (others[0], others[1], others[2], others[3]);
    // An office PC whose clock says 2099: not counted until the capofila confirms the date.
    add(
        "data-futura.json",
        sign_v1(
            future_ente,
            &fixture_key(&future_ente.ente.id()),
            "2099-01-01T09:00:00Z",
        )
        .into_bytes(),
        "valida",
        "il 01/01/2099, una data futura rispetto all'orologio di questo computer",
    );
    // A right-to-left override makes "Mario \u{202E}issoR" show as "Mario Rossi".
    let mut bidi = bidi_ente.clone();
    bidi.referente.nome = "Mario \u{202e}issoR".into();
    add(
        "referente-bidi.json",
        signed(&bidi).into_bytes(),
        "valida",
        "Il nome del referente contiene un carattere invisibile che può cambiare come appare (U+202E)",
    );
    let mut nul = nul_ente.clone();
    nul.misure_welfare = "Fondo affitti\u{0}contributi nascosti".into();
    add(
        "testo-nul.json",
        signed(&nul).into_bytes(),
        "valida",
        "Il testo sulle misure di welfare contiene un carattere invisibile che può cambiare come appare (U+0000)",
    );
    // A welfare text over Excel's cell limit (32,767 characters) blocked the XLSX and the CSV:
    // the rule on long texts holds the file back instead, naming the field.
    let mut long = others[10].clone();
    long.misure_welfare = "Fondo affitti. ".repeat(2_700);
    add(
        "welfare-lunghissimo.json",
        signed(&long).into_bytes(),
        "valida",
        "Il testo sulle misure di welfare ha 40.500 caratteri, più dei 10.000 caratteri ammessi",
    );
    // Issue #25: names are not taken from the files. Vailate (019112), registered, calls
    // itself «Crema»: shown as «Comune di Vailate», refused by the rule naming both.
    let mut vailate = by_id("019112");
    vailate.ente = offerta_core::submission::Ente::Comune {
        istat: "019112".parse().unwrap(),
        nome: "Crema".into(),
    };
    add(
        "comune-nome-altrui.json",
        signed(&vailate).into_bytes(),
        "valida",
        "ma il codice ISTAT 019112 è del Comune di Vailate",
    );
    // A zero-width joiner inside the comune's own name: it looks the same and is not.
    let mut zwj = others[4].clone();
    let zwj_code = zwj.ente.comune_code().expect("a comune");
    let zwj_name = offerta_core::comuni::by_code(zwj_code)
        .unwrap()
        .nome
        .clone();
    let (head, tail) = zwj_name.split_at(2);
    zwj.ente = offerta_core::submission::Ente::Comune {
        istat: zwj_code,
        nome: format!("{head}\u{200d}{tail}"),
    };
    add(
        "comune-nome-zwj.json",
        signed(&zwj).into_bytes(),
        "valida",
        "[U+200D]",
    );
    // The ALER's figures under «АLER Brescia-Cremona-Mantova» with a Cyrillic А, its key
    // registered (registro.json) as if the capofila had accepted it: set aside, never a
    // second ALER.
    let real_aler = all[0].clone();
    let mut cyrillic = real_aler.clone();
    cyrillic.ente = offerta_core::submission::Ente::Aler {
        nome: format!("\u{410}{}", &demo::ALER_NAME[1..]),
        comuni: match &real_aler.ente {
            offerta_core::submission::Ente::Aler { comuni, .. } => comuni.clone(),
            _ => unreachable!("the first of the Crema 2021 answers is the ALER's"),
        },
    };
    let cyrillic_id = cyrillic.ente.id();
    add(
        "aler-cirillico.json",
        signed(&cyrillic).into_bytes(),
        "valida",
        "ma l'ALER dell'ambito è ALER Brescia-Cremona-Mantova",
    );
    // An ALER named like a comune of the ambito that sent nothing.
    let mut posing = cyrillic.clone();
    posing.ente = offerta_core::submission::Ente::Aler {
        nome: "Comune di Trescore Cremasco".into(),
        comuni: vec!["019109".parse().unwrap()],
    };
    add(
        "aler-nome-comune.json",
        signed(&posing).into_bytes(),
        "chiave-sconosciuta",
        "un'ALER che si chiama «Comune di Trescore Cremasco»",
    );
    // Its key is revoked in registro.json from 15 November 2020; the file says 20 November.
    add(
        "chiave-revocata.json",
        signed(revoked_ente).into_bytes(),
        "chiave-revocata",
        "chiave revocata dal 15/11/2020",
    );
    // A signing moment without its time zone is no moment (W3C: a dateTimeStamp): refused,
    // whatever the key, instead of counting with a date nobody can compare.
    let no_zone_ente = others[others.len() - 1];
    add(
        "data-senza-fuso.json",
        sign_v1(
            no_zone_ente,
            &fixture_key(&no_zone_ente.ente.id()),
            "2020-11-20T09:00:00",
        )
        .into_bytes(),
        "firma-non-valida",
        "non è una data e ora con il fuso orario",
    );
    // The valid Castelleone file again, under another name: listed once.
    add(
        "stesso-file.json",
        castelleone_signed.clone().into_bytes(),
        "già-caricato",
        "già caricato",
    );

    let mut expected = String::from(
        "# file\toutcome\treason (substring of the Italian message, in the CLI and in the page)\ttechnical detail (substring, behind «dettagli tecnici»; optional)\n",
    );
    for (name, bytes, code, reason) in &cases {
        std::fs::write(dir.join(name), bytes).unwrap();
        expected.push_str(&format!("{name}\t{code}\t{reason}\n"));
    }
    std::fs::write(dir.join("expected.tsv"), expected).unwrap();
    let (_, mut registry) = demo::crema_2021_signed_files();
    let revoked_key = offerta_core::signing::multikey::public_key_multibase(
        &fixture_key(&revoked_ente.ente.id()).verifying_key(),
    );
    assert!(registry.revoke(
        &revoked_ente.ente.id(),
        &revoked_key,
        "2020-11-15T00:00:00Z",
        "chiave rubata con il PC dell'ufficio",
    ));
    // The look-alike ALER's key, accepted: it is set aside all the same.
    assert!(registry.accept(
        &cyrillic_id,
        "\u{410}LER Brescia-Cremona-Mantova",
        &offerta_core::signing::multikey::public_key_multibase(
            &fixture_key(&cyrillic_id).verifying_key()
        ),
        demo::DEMO_SIGNED_AT,
        "chiave accettata per errore",
    ));
    std::fs::write(dir.join("registro.json"), registry.to_json()).unwrap();
    println!("{} cases written to {}", cases.len(), dir.display());
    requests(&dir.join("richieste"));
    plans::write(&dir.join("piani"));
}

/// When the corpus's requests say they were signed (a fixed moment, so every run writes
/// the same bytes: Ed25519 signatures are deterministic).
const REQUEST_SIGNED_AT: &str = "2026-12-01T10:00:00Z";

/// The request of Crema's capofila for the 2027 plan, as `offerta richiesta` writes it.
fn crema_request() -> Request {
    Request::new(
        &offerta_core::ambiti::preset("crema").unwrap(),
        2027,
        "2026-12-20",
        offerta_core::demo::crema_capofila(),
        "Si prega di compilare e inviare la scheda firmata entro la scadenza.",
    )
}

/// The capofila's key file as `offerta keygen` writes it, with a fixed salt and nonce
/// instead of random ones so the corpus is the same on every run (never do this for a real
/// key); it opens with the passphrase, checked below.
fn capofila_key_file(key: &SigningKey, passphrase: &str) -> String {
    use offerta_core::signing::keyfile::KdfParams;
    use offerta_core::signing::KeyFile;

    let file = KeyFile::protect_with(
        key,
        "Comune di Crema",
        "019035",
        passphrase,
        "2026-11-30T09:00:00Z",
        KdfParams::default(),
        ([7u8; 16], [9u8; 24]),
    )
    .unwrap();
    let opened = KeyFile::from_json(&file.to_json())
        .unwrap()
        .unlock(passphrase)
        .unwrap();
    assert_eq!(opened.to_bytes(), key.to_bytes(), "a real key file");
    file.to_json()
}

/// Writes tests/corpus/richieste/: every kind of file a comune may get in place of its
/// capofila's request, each with its expected outcome. The CLI's corpus test checks every
/// file with `--capofila-key valida.json`, as a comune that kept an earlier request does.
fn requests(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let key = fixture_key("019035");
    let request = crema_request();
    let sign = |r: &Request| r.signed(&key, REQUEST_SIGNED_AT);
    let valid = sign(&request);
    let impronta = fingerprint(&public_key_multibase(&key.verifying_key()));

    let mut cases: Vec<(&str, Vec<u8>, &str, String)> = Vec::new();
    let mut add = |name: &'static str, bytes: Vec<u8>, code: &'static str, reason: String| {
        cases.push((name, bytes, code, reason))
    };
    add(
        "valida.json",
        valid.clone().into_bytes(),
        "valida",
        format!("Richiesta valida del Comune di Crema per il piano 2027, Ambito distrettuale di Crema (Cremasco); scadenza 20/12/2026; impronta {impronta}"),
    );
    add(
        "alterata.json",
        valid
            .replacen("\"2026-12-20\"", "\"2027-01-20\"", 1)
            .into_bytes(),
        "rifiutata",
        "modificata dopo la firma del capofila".into(),
    );
    add(
        "non-firmata.json",
        serde_json::to_string_pretty(&request).unwrap().into_bytes(),
        "rifiutata",
        "la richiesta non è firmata".into(),
    );
    let castelleone = demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == "019025")
        .unwrap();
    add(
        "scheda.json",
        offerta_core::signing::sign_submission(
            &castelleone,
            &fixture_key("019025"),
            demo::DEMO_SIGNED_AT,
        )
        .into_bytes(),
        "rifiutata",
        "il file è la scheda di un ente, non una richiesta del capofila".into(),
    );
    add(
        "documento.pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec(),
        "rifiutata",
        "un altro tipo di file\tUTF-8".into(),
    );
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(valid.encode_utf16().flat_map(u16::to_le_bytes));
    add(
        "utf16.json",
        utf16,
        "rifiutata",
        "un altro tipo di file\tUTF-8".into(),
    );
    add(
        "vuoto.json",
        Vec::new(),
        "rifiutata",
        "il file è vuoto".into(),
    );
    add(
        "troncato.json",
        valid.as_bytes()[..300].to_vec(),
        "rifiutata",
        "forse è troncato\triga".into(),
    );
    add(
        "chiavi-doppie.json",
        valid
            .replacen(
                "\"anno_piano\": 2027",
                "\"anno_piano\": 2027,\n  \"anno_piano\": 2028",
                1,
            )
            .into_bytes(),
        "rifiutata",
        "due volte lo stesso dato\tcompare due volte".into(),
    );
    add(
        "intero-enorme.json",
        valid
            .replacen(
                "\"anno_piano\": 2027",
                "\"anno_piano\": 9007199254740993",
                1,
            )
            .into_bytes(),
        "rifiutata",
        "numero troppo grande\tsupera 2^53".into(),
    );
    let mut future = request.clone();
    future.versione = REQUEST_FORMAT_VERSION + 1;
    add(
        "versione-futura.json",
        sign(&future).into_bytes(),
        "rifiutata",
        "aggiornare l'app".into(),
    );
    add(
        "crittografia-sconosciuta.json",
        valid
            .replacen("eddsa-jcs-2022", "ecdsa-jcs-2019", 1)
            .into_bytes(),
        "rifiutata",
        "la firma della richiesta non è valida\talgoritmo di firma".into(),
    );
    let mut not_a_date = request.clone();
    not_a_date.scadenza = "20 dicembre 2026".into();
    add(
        "scadenza-non-data.json",
        sign(&not_a_date).into_bytes(),
        "rifiutata",
        "la scadenza «20 dicembre 2026» non è una data".into(),
    );
    // Torino (001272) among Crema's comuni, in its sorted place.
    let mut elsewhere = request.clone();
    elsewhere.ambito.comuni.insert(0, "001272".parse().unwrap());
    add(
        "ambito-non-valido.json",
        sign(&elsewhere).into_bytes(),
        "rifiutata",
        "il codice ISTAT 001272 non è un comune della Lombardia".into(),
    );
    let mut repeated = request.clone();
    let first = repeated.ambito.comuni[0];
    repeated.ambito.comuni.insert(1, first);
    add(
        "ambito-doppione.json",
        sign(&repeated).into_bytes(),
        "rifiutata",
        format!("il comune {first} (Agnadello) compare più di una volta"),
    );
    add(
        "altra-chiave.json",
        request
            .signed(&SigningKey::from_bytes(&[66; 32]), REQUEST_SIGNED_AT)
            .into_bytes(),
        "rifiutata",
        format!("firmata con una chiave diversa da quella del capofila già conosciuta (impronta {} invece di {impronta})",
            fingerprint(&public_key_multibase(&SigningKey::from_bytes(&[66; 32]).verifying_key()))),
    );
    add(
        "chiave-ricevuta.json",
        capofila_key_file(&key, "frase segreta di prova").into_bytes(),
        "rifiutata",
        "questo file è la chiave privata di firma di «Comune di Crema», non una richiesta".into(),
    );
    add(
        "altro-file.json",
        b"{\"<b>\": \"<script>alert(1)</script>\"}".to_vec(),
        "rifiutata",
        "il file non è una richiesta del capofila di Offerta Abitativa".into(),
    );
    cases.extend(forged_requests(&request, &sign));

    let mut expected = String::from(
        "# file\toutcome (offerta verify-request --capofila-key valida.json)\treason (substring of the Italian message)\ttechnical detail (substring, behind «dettagli tecnici»; optional)\n",
    );
    for (name, bytes, code, reason) in &cases {
        std::fs::write(dir.join(name), bytes).unwrap();
        expected.push_str(&format!("{name}\t{code}\t{reason}\n"));
    }
    std::fs::write(dir.join("expected.tsv"), expected).unwrap();
    println!("{} requests written to {}", cases.len(), dir.display());
}

/// Requests signed with the capofila's own key (issue #25: a forged request signed with a key
/// the comune has not met yet is a first request; these show that what it says is checked
/// too), each refused for what it gets wrong, with the words a clerk reads.
fn forged_requests(
    request: &Request,
    sign: &dyn Fn(&Request) -> String,
) -> Vec<(&'static str, Vec<u8>, &'static str, String)> {
    let edited = |edit: &dyn Fn(&mut Request)| {
        let mut r = request.clone();
        edit(&mut r);
        sign(&r).into_bytes()
    };
    let milano: offerta_core::comuni::IstatCode = "015146".parse().unwrap();
    let agnadello: offerta_core::comuni::IstatCode = "019002".parse().unwrap();
    let crema = "Ambito distrettuale di Crema (Cremasco)";
    vec![
        (
            "anno-1900.json",
            edited(&|r| r.anno_piano = 1900),
            "rifiutata",
            "l'anno del piano 1900 non è plausibile: l'app ha le regole per i piani dal 2019 in poi".into(),
        ),
        (
            "scadenza-9999.json",
            edited(&|r| r.scadenza = "9999-12-31".into()),
            "rifiutata",
            "la scadenza 31/12/9999 è più di un anno dopo la firma della richiesta (01/12/2026)".into(),
        ),
        (
            "scadenza-prima-della-firma.json",
            edited(&|r| r.scadenza = "2026-11-15".into()),
            "rifiutata",
            "la scadenza 15/11/2026 è prima del giorno in cui la richiesta è stata firmata (01/12/2026)".into(),
        ),
        (
            "ambito-con-milano.json",
            edited(&|r| {
                let at = r.ambito.comuni.binary_search(&milano).unwrap_err();
                r.ambito.comuni.insert(at, milano);
            }),
            "rifiutata",
            format!("la richiesta aggiunge all'ambito «{crema}» il Comune di Milano (015146), che secondo l'elenco regionale non ne fa parte"),
        ),
        (
            "ambito-senza-agnadello.json",
            edited(&|r| {
                r.ambito.comuni.retain(|c| *c != agnadello);
                if let Some(owners) = r.ambito.con_patrimonio.as_mut() {
                    owners.retain(|c| *c != agnadello);
                }
            }),
            "rifiutata",
            format!("la richiesta toglie dall'ambito «{crema}» il Comune di Agnadello (019002), che secondo l'elenco regionale ne fa parte"),
        ),
        (
            "capofila-nome-di-un-altro.json",
            edited(&|r| r.capofila.codice_istat = "019062".into()),
            "rifiutata",
            "la richiesta chiama «Comune di Crema» il comune con codice ISTAT 019062, che secondo l'elenco ISTAT è il Comune di Offanengo".into(),
        ),
        (
            "capofila-nome-con-zwj.json",
            edited(&|r| {
                r.capofila.codice_istat = "019062".into();
                r.capofila.nome = "Comune di Crema\u{200d}".into();
            }),
            "rifiutata",
            "il nome del capofila nella richiesta contiene un carattere invisibile (U+200D)".into(),
        ),
        (
            "referente-con-u202e.json",
            edited(&|r| r.capofila.referente = "Ufficio di \u{202e}onaiP".into()),
            "rifiutata",
            "il referente nella richiesta contiene un carattere invisibile (U+202E)".into(),
        ),
    ]
}
