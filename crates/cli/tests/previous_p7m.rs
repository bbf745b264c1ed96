//! Issue #29: `offerta aggregate --previous` takes last year's plan signed with the capofila's
//! firma digitale (`.json.p7m`) through the same core as the page: the signer named, the
//! certificate checked against `--ca` when given, the figures compared; `--request` takes the
//! request the capofila sent signed digitally, as the page's «Apri una richiesta già inviata»
//! does. Signed here with OpenSSL (a test CA and a qualified signer), at the clock's time.

use std::path::Path;
use std::process::Command;

use offerta_core::intake::Intake;
use offerta_core::plan_outputs;
use offerta_core::signing::TrustRegistry;

fn offerta_in(dir: &Path, args: &[&str]) -> std::process::Output {
    let offerta = env!("CARGO_BIN_EXE_offerta");
    Command::new(offerta)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// `content` written as `name` in `dir` and signed in CAdES by ANNA NERI (a qualified
/// certificate of a test CA, `ca.pem`): tests/cades/sign-now.sh. Gives `name.p7m`'s path.
fn sign_with_openssl(dir: &Path, name: &str, content: &[u8]) -> std::path::PathBuf {
    std::fs::write(dir.join(name), content).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cades/sign-now.sh");
    let out = Command::new("bash")
        .arg(script)
        .arg(dir)
        .arg(name)
        .output()
        .expect("bash is installed");
    assert!(
        out.status.success(),
        "sign-now.sh: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join(format!("{name}.p7m"))
}

#[test]
fn aggregate_compares_with_last_years_plan_signed_digitally_naming_its_signer() {
    let dir = std::env::temp_dir().join(format!("offerta-cli-previous-p7m-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let year: u16 = offerta_core::signing::rfc3339_utc(now)[..4]
        .parse()
        .unwrap();
    // Last year's plan is this calendar year's (signed now); this year's is the next.
    let crema = offerta_core::ambiti::preset("crema").unwrap();
    let mut last_year = offerta_core::demo::crema_2021();
    for s in &mut last_year {
        s.anno_piano = year;
    }
    let plan = offerta_core::aggregate(&last_year, Some(&crema));
    let intake = Intake::new(crema, year, TrustRegistry::default());
    let content = plan_outputs::aggregate_to_sign_digitally(
        &intake,
        &plan,
        &plan_outputs::default_texts(&intake),
        false,
    )
    .unwrap();
    let p7m = sign_with_openssl(&dir, "piano_per-firma-digitale.json", &content);
    // This year's one file: a submission of the next year, signed with Crema's key.
    let mut this_year = last_year[0].clone();
    this_year.anno_piano = year + 1;
    let (_, registry) = offerta_core::demo::crema_2021_signed_files();
    let submission = dir.join("scheda.json");
    std::fs::write(
        &submission,
        offerta_core::signing::sign_submission(
            &this_year,
            &offerta_core::demo::fixture_key(&this_year.ente.id()),
            &offerta_core::signing::rfc3339_utc(now),
        ),
    )
    .unwrap();
    let registry_path = dir.join("registro.json");
    std::fs::write(&registry_path, registry.to_json()).unwrap();
    let next = (year + 1).to_string();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            &next,
            "--registry",
            registry_path.to_str().unwrap(),
            "--previous",
            p7m.to_str().unwrap(),
            "--out",
            "piano.json",
            "--sovrascrivi",
        ];
        args.extend_from_slice(extra);
        args.push(submission.to_str().unwrap());
        offerta_in(&dir, &args)
    };
    let out = run(&[]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("Confronto con il piano {year} dell'ambito «crema», NON VERIFICATO: firmato digitalmente da ANNA NERI (codice fiscale NRENNA70A41D142X), certificato di Certificatore di Prova; Certificato non verificato con l'elenco di fiducia")), "{err}");
    // With the CA given: checked, and the person still to be recorded for the capofila.
    let out = run(&["--ca", "ca.pem"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("il registro non dice ancora che «ANNA NERI firma per il Comune di Crema»"),
        "{err}"
    );

    // Altered after signing: refused, saying so.
    let mut altered = std::fs::read(&p7m).unwrap();
    let at = altered.windows(5).position(|w| w == b"crema").unwrap();
    altered[at] = b'k';
    std::fs::write(&p7m, altered).unwrap();
    let out = run(&[]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success());
    assert!(err.contains("alterato dopo la firma"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn aggregate_takes_the_request_sent_signed_digitally() {
    let dir = std::env::temp_dir().join(format!("offerta-cli-request-p7m-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let today = offerta_core::signing::rfc3339_utc(now);
    let year: u16 = today[..4].parse().unwrap();
    let deadline = offerta_core::signing::rfc3339_utc(now + 20 * 86_400)[..10].to_owned();
    let request = offerta_core::request::Request::new(
        &offerta_core::ambiti::preset("crema").unwrap(),
        year + 1,
        &deadline,
        offerta_core::demo::crema_capofila(),
        "",
    );
    let p7m = sign_with_openssl(
        &dir,
        "richiesta_per-firma-digitale.json",
        &request.to_sign_digitally(&today).unwrap(),
    );
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let next = (year + 1).to_string();
    let out = offerta_in(
        &dir,
        &[
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            &next,
            "--request",
            p7m.to_str().unwrap(),
            "--out",
            "piano.json",
            corpus.join("valida-castelleone.json").to_str().unwrap(),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(
            "stato\tComune di Trescore Cremasco\ttitolare di alloggi: non ha ancora risposto"
        ),
        "{err}"
    );
    assert!(err.contains("0 comuni su 48 hanno risposto"), "{err}");
    // Altered after signing: refused with the file named, as the page refuses it.
    let mut altered = std::fs::read(&p7m).unwrap();
    let at = altered.windows(5).position(|w| w == b"crema").unwrap();
    altered[at] = b'k';
    std::fs::write(&p7m, altered).unwrap();
    let out = offerta_in(
        &dir,
        &[
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            &next,
            "--request",
            p7m.to_str().unwrap(),
            "--out",
            "piano2.json",
            corpus.join("valida-castelleone.json").to_str().unwrap(),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("richiesta_per-firma-digitale.json.p7m: "),
        "{err}"
    );
}
