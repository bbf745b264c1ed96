//! Issue #29: `offerta aggregate --previous` takes last year's plan signed with the capofila's
//! firma digitale (`.json.p7m`) through the same core as the page: the signer named, the
//! certificate checked against `--ca` when given, the figures compared. Signed here with
//! OpenSSL (a test CA and a qualified signer), at the clock's time.

use std::path::Path;
use std::process::Command;

use offerta_core::intake::Intake;
use offerta_core::plan_outputs;
use offerta_core::signing::TrustRegistry;

fn run_in(dir: &Path, program: &str, args: &[&str]) -> std::process::Output {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    out
}

fn openssl(dir: &Path, args: &str) {
    let args: Vec<&str> = args.split(' ').collect();
    let out = run_in(dir, "openssl", &args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `content` signed in CAdES by ANNA NERI (a qualified certificate of a test CA, `ca.pem`).
fn sign_with_openssl(dir: &Path, content: &[u8]) -> std::path::PathBuf {
    std::fs::write(dir.join("ext.cnf"), "[q]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,nonRepudiation\n1.3.6.1.5.5.7.1.3 = DER:30:0a:30:08:06:06:04:00:8e:46:01:01\n").unwrap();
    std::fs::write(dir.join("piano_per-firma-digitale.json"), content).unwrap();
    let ca = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "30",
        ])
        .args(["-subj", "/O=Certificatore di Prova/CN=CA di Prova"])
        .args([
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign",
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        ca.status.success(),
        "{}",
        String::from_utf8_lossy(&ca.stderr)
    );
    let csr = Command::new("openssl")
        .args([
            "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "s.key", "-out", "s.csr",
        ])
        .args([
            "-subj",
            "/O=Comune di Crema/GN=ANNA/SN=NERI/CN=NERI ANNA/serialNumber=TINIT-NRENNA70A41D142X",
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        csr.status.success(),
        "{}",
        String::from_utf8_lossy(&csr.stderr)
    );
    openssl(dir, "x509 -req -in s.csr -CA ca.pem -CAkey ca.key -set_serial 9 -days 30 -extfile ext.cnf -extensions q -out s.pem");
    openssl(dir, "cms -sign -cades -binary -nodetach -outform DER -in piano_per-firma-digitale.json -signer s.pem -inkey s.key -certfile ca.pem -out piano_per-firma-digitale.json.p7m");
    dir.join("piano_per-firma-digitale.json.p7m")
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
    let p7m = sign_with_openssl(&dir, &content);
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
        run_in(&dir, env!("CARGO_BIN_EXE_offerta"), &args)
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
