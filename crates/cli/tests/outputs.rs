//! What the CLI writes and reads at the edges: no output replaces an input, a key file or a
//! registry; an existing output needs `--sovrascrivi`; every failed write ends with 2 naming
//! the file; inputs are read with a bound and only when they are regular files.

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use offerta_core::signing::TrustRegistry;

const PASSPHRASE: &str = "frase segreta di prova";

fn offerta(args: &[&str]) -> Output {
    run_within(args, Duration::from_secs(60))
}

/// Runs `offerta args`, killing it (and failing) if it has not ended within `limit`: a FIFO
/// or a device must not make the command hang.
fn run_within(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_offerta"))
        .args(args)
        .env("OFFERTA_PASSPHRASE", PASSPHRASE)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the offerta binary runs");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("offerta-out-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The demo drafts in `dir`, Crema's key, Crema's signed file and a registry with its key.
struct Setup {
    dir: PathBuf,
    draft: PathBuf,
    key: PathBuf,
    signed: PathBuf,
    registry: PathBuf,
}

fn setup(name: &str) -> Setup {
    let dir = scratch(name);
    assert!(offerta(&["demo", "--files", p(&dir)]).status.success());
    let draft = dir.join("offerta-abitativa_2021_019035_comune-di-crema_bozza.json");
    let key = dir.join("chiave-crema.json");
    let out = offerta(&[
        "keygen",
        "--ente",
        "Comune di Crema",
        "--ente-id",
        "019035",
        "--out",
        p(&key),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = offerta(&["sign", "--key", p(&key), p(&draft)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let signed = dir.join("offerta-abitativa_2021_019035_comune-di-crema_firmata.json");
    let registry = dir.join("registro.json");
    let out = offerta(&["trust", "--registry", p(&registry), "--accept", p(&signed)]);
    assert!(out.status.success(), "{}", stderr(&out));
    Setup {
        dir,
        draft,
        key,
        signed,
        registry,
    }
}

fn aggregate_args<'a>(s: &'a Setup, outputs: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["aggregate", "--ambito", "crema", "--year", "2021"];
    args.extend(["--registry", p(&s.registry)]);
    args.extend(outputs);
    args.push(p(&s.signed));
    args
}

/// The command ends with 2, says `words` in Italian on standard error, and left every file
/// of `kept` as it was.
fn assert_refused(args: &[&str], words: &str, kept: &[&Path]) {
    let before: Vec<Option<Vec<u8>>> = kept.iter().map(|f| std::fs::read(f).ok()).collect();
    let out = offerta(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert!(stderr(&out).contains(words), "{args:?}: {}", stderr(&out));
    let after: Vec<Option<Vec<u8>>> = kept.iter().map(|f| std::fs::read(f).ok()).collect();
    assert!(before == after, "{args:?} changed a file it must not touch");
}

#[test]
fn no_output_replaces_a_key_file_a_registry_or_an_input() {
    let s = setup("protected");
    let (key, registry, signed, draft) = (p(&s.key), p(&s.registry), p(&s.signed), p(&s.draft));
    let key_words = "è un file di chiave";
    let registry_words = "è un registro delle chiavi";
    let input_words = "è anche un file che questo comando legge";
    let kept = [s.key.as_path(), s.registry.as_path(), s.signed.as_path()];
    for sovrascrivi in [false, true] {
        let extra: &[&str] = if sovrascrivi { &["--sovrascrivi"] } else { &[] };
        fn with<'a>(args: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
            [args, extra].concat()
        }
        assert_refused(
            &with(&["sign", "--key", key, "--out", key, draft], extra),
            input_words,
            &kept,
        );
        assert_refused(
            &with(&["nuovo-anno", "--out", key, signed], extra),
            key_words,
            &kept,
        );
        assert_refused(
            &with(&["nuovo-anno", "--out", registry, signed], extra),
            registry_words,
            &kept,
        );
        assert_refused(
            &with(
                &[
                    "richiesta",
                    "--ambito",
                    "crema",
                    "--year",
                    "2027",
                    "--deadline",
                    "2026-12-20",
                    "--key",
                    key,
                    "--referente",
                    "Ufficio di Piano",
                    "--contatto",
                    "pec@crema.example",
                    "--out",
                    key,
                ],
                extra,
            ),
            input_words,
            &kept,
        );
        for flag in [
            "--out",
            "--docx",
            "--csv",
            "--xlsx",
            "--verbale-docx",
            "--verbale-csv",
            "--reminder",
        ] {
            assert_refused(
                &with(&aggregate_args(&s, &[flag, signed]), extra),
                input_words,
                &kept,
            );
            assert_refused(
                &with(&aggregate_args(&s, &[flag, registry]), extra),
                input_words,
                &kept,
            );
            assert_refused(
                &with(&aggregate_args(&s, &[flag, key]), extra),
                key_words,
                &kept,
            );
        }
        // Two outputs onto one file: the second would replace the first.
        let twice = s.dir.join("due-volte.xlsx");
        assert_refused(
            &with(
                &aggregate_args(&s, &["--xlsx", p(&twice), "--csv", p(&twice)]),
                extra,
            ),
            "indicato per due uscite",
            &kept,
        );
        assert!(!twice.exists(), "nothing written");
    }
    // The same file by another path (a «..» in it) is the same file.
    let other_way = s
        .dir
        .join("..")
        .join(s.dir.file_name().unwrap())
        .join("registro.json");
    assert_refused(
        &aggregate_args(&s, &["--out", p(&other_way)]),
        input_words,
        &kept,
    );
    // A hard link is another name of the same file.
    let linked = s.dir.join("collegamento.json");
    if std::fs::hard_link(&s.signed, &linked).is_ok() {
        let args = aggregate_args(&s, &["--out", p(&linked), "--sovrascrivi"]);
        assert_refused(&args, input_words, &kept);
    }
    // generate never writes over a registry, even one of its own earlier run.
    let generated = s.dir.join("generate");
    std::fs::create_dir_all(&generated).unwrap();
    std::fs::copy(&s.registry, generated.join("registro.json")).unwrap();
    let protected = generated.join("registro.json");
    for extra in [&[][..], &["--sovrascrivi"][..]] {
        let args = [
            &["generate", "--count", "3", "--out", p(&generated)][..],
            extra,
        ]
        .concat();
        assert_refused(&args, registry_words, &[protected.as_path()]);
        let written = std::fs::read_dir(&generated).unwrap().count();
        assert_eq!(written, 1, "{args:?}: nothing written before the refusal");
    }
}

#[test]
fn an_existing_output_is_replaced_only_with_sovrascrivi() {
    let s = setup("sovrascrivi");
    let plan = s.dir.join("piano.json");
    let docx = s.dir.join("piano.docx");
    std::fs::write(&docx, "documento di prima").unwrap();
    // One output exists: nothing at all is written, not even the new one.
    let args = aggregate_args(&s, &["--out", p(&plan), "--docx", p(&docx)]);
    assert_refused(
        &args,
        "esiste già: per sostituirlo aggiungere --sovrascrivi",
        &[&docx],
    );
    assert!(!plan.exists(), "nothing written");
    let out = offerta(&[&args[..], &["--sovrascrivi"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read(&docx).unwrap().starts_with(b"PK"),
        "the DOCX replaced it"
    );
    // sign's output next to the draft exists now: signing again needs the flag.
    let sign = ["sign", "--key", p(&s.key), p(&s.draft)];
    assert_refused(&sign, "esiste già", &[&s.signed]);
    let out = offerta(&[&sign[..], &["--sovrascrivi"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    // demo into a folder that has its files.
    assert_refused(&["demo", "--files", p(&s.dir)], "esiste già", &[&s.draft]);
    // keygen never replaces a file, with or without the flag.
    let keygen = [
        "keygen",
        "--ente",
        "Comune di Crema",
        "--ente-id",
        "019035",
        "--out",
    ];
    let out = offerta(&[&keygen[..], &[p(&docx), "--sovrascrivi"]].concat());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn a_failed_write_ends_with_2_naming_the_file() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let s = setup("full");
    for flag in [
        "--out",
        "--docx",
        "--csv",
        "--xlsx",
        "--verbale-docx",
        "--verbale-csv",
    ] {
        let args = aggregate_args(&s, &[flag, "/dev/full", "--sovrascrivi"]);
        let out = offerta(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("/dev/full: impossibile scrivere"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // Standard output on a full disk: --help and --version too.
    for args in [&["--help"][..], &["--version"], &["rules"], &["demo"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_offerta"))
            .args(args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("impossibile scrivere"), "{args:?}");
    }
}

#[test]
fn an_input_that_is_not_a_regular_file_is_refused_before_it_is_opened() {
    let s = setup("not-regular");
    let fifo = s.dir.join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let mut specials = vec![s.dir.clone()];
    if made.is_ok_and(|m| m.success()) {
        specials.push(fifo);
    }
    if Path::new("/dev/zero").exists() {
        specials.push(PathBuf::from("/dev/zero"));
    }
    let quick = Duration::from_secs(20);
    for special in &specials {
        let special = p(special);
        for args in [
            vec!["verify", special],
            vec!["verify", "--registry", special, p(&s.signed)],
            vec!["verify-request", special],
            vec!["sign", "--key", special, p(&s.draft)],
            vec!["nuovo-anno", special],
            aggregate_args(&s, &["--previous", special]),
            aggregate_args(&s, &["--testi", special]),
            vec!["aggregate", "--ambito", "crema", "--year", "2021", special],
            vec!["trust", "--registry", special, "--accept", p(&s.signed)],
        ] {
            let out = run_within(&args, quick);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains("impossibile leggere il file")
                    && stderr(&out).contains("non è un file"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
}

/// `aggregate ... --docx X --xlsx Y | head -1`: the files are written whatever happens to
/// standard output, and a plan that did not reach it is a failure (2), not a success.
#[test]
fn a_closed_output_does_not_skip_the_files_and_is_reported() {
    let s = setup("pipe");
    let (docx, xlsx, csv) = (
        s.dir.join("p.docx"),
        s.dir.join("p.xlsx"),
        s.dir.join("p.csv"),
    );
    let args = aggregate_args(
        &s,
        &["--docx", p(&docx), "--xlsx", p(&xlsx), "--csv", p(&csv)],
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_offerta"))
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("il piano non è stato scritto per intero"),
        "{}",
        stderr(&out)
    );
    for file in [&docx, &xlsx, &csv] {
        assert!(file.is_file(), "{} written", file.display());
    }
    let registry = TrustRegistry::from_json(&std::fs::read_to_string(&s.registry).unwrap());
    assert!(registry.is_ok(), "the registry untouched");
}

/// The body of a DOCX the CLI wrote (`word/document.xml`).
fn docx_body(path: &Path) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// A received file named with an ESC: the verbale's DOCX shows it as its code point, and its
/// `word/document.xml` holds no character XML forbids (LibreOffice refused the document);
/// the plan's DOCX lists no file.
#[test]
fn a_control_character_in_a_file_name_leaves_the_docx_readable() {
    let s = setup("docx-esc");
    let named = s.dir.join("scheda\u{1b}[31m.json");
    // Another file than the signed one (the same bytes would be listed once, by their first name).
    std::fs::copy(&s.draft, &named).unwrap();
    let (docx, verbale) = (s.dir.join("piano.docx"), s.dir.join("verbale.docx"));
    let mut args = aggregate_args(
        &s,
        &[
            "--docx",
            p(&docx),
            "--verbale-docx",
            p(&verbale),
            "--out",
            "/dev/null",
        ],
    );
    args.push(p(&named));
    // A device is written into, not replaced: no --sovrascrivi needed.
    let out = offerta(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = docx_body(&verbale);
    assert!(xml.contains("scheda[U+001B][31m.json"), "the name shown");
    for xml in [xml, docx_body(&docx)] {
        assert!(
            !xml.chars().any(|c| c < ' ' && !"\t\n\r".contains(c)),
            "no control character in the XML"
        );
    }
    assert!(
        !docx_body(&docx).contains("[31m.json"),
        "the plan lists no file"
    );
}

/// `--verbale-docx` and `--verbale-csv`: the capofila's record of every file received, with
/// the disposition the CLI prints for it, the key that signed it and its fingerprint; an
/// existing verbale is replaced only with --sovrascrivi.
#[test]
fn the_verbale_di_ricezione_is_written_as_docx_and_csv() {
    let s = setup("verbale");
    let (docx, csv) = (
        s.dir.join("verbale-ricezione-crema-2021.docx"),
        s.dir.join("verbale-ricezione-crema-2021.csv"),
    );
    let mut args = aggregate_args(
        &s,
        &[
            "--verbale-docx",
            p(&docx),
            "--verbale-csv",
            p(&csv),
            "--out",
            "/dev/null",
        ],
    );
    args.push(p(&s.draft));
    let out = offerta(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let key = offerta_core::signing::KeyFile::from_json(&std::fs::read_to_string(&s.key).unwrap())
        .unwrap()
        .impronta;
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}Verbale di ricezione delle schede della ricognizione\n"));
    for line in [
        "Piano annuale dell'offerta dei servizi abitativi pubblici e sociali - anno 2021",
        "Ambito territoriale: Ambito distrettuale di Crema (Cremasco)",
        "Esito;File",
        "conteggiata;1",
        "scartata: non firmata;1",
        "Totale;2",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "no line «{line}» in {text}"
        );
    }
    let signed = s.signed.file_name().unwrap().to_str().unwrap();
    let draft = s.draft.file_name().unwrap().to_str().unwrap();
    let row = |name: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.starts_with(&format!("{name};")))
            .unwrap_or_else(|| panic!("no row {name}"))
            .split(';')
            .map(str::to_owned)
            .collect()
    };
    let crema = row(signed);
    assert_eq!(crema[1], "Comune di Crema");
    assert_eq!(crema[2], "conteggiata");
    assert!(
        crema[4].starts_with("chiave registrata per Comune di Crema il "),
        "{crema:?}"
    );
    assert_eq!(crema[6], key);
    let unsigned = row(draft);
    assert_eq!(unsigned[2], "scartata: non firmata");
    assert_eq!(unsigned[4], "nessuna firma valida");
    // The CLI's line for each file says the same name.
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l.starts_with(signed) && l.contains("\tconteggiata: ")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with(draft) && l.contains("\tscartata: non firmata: ")),
        "{err}"
    );
    // The DOCX holds the same rows.
    let xml = docx_body(&docx);
    assert!(xml.contains(&key) && xml.contains(draft) && xml.contains("Riepilogo per esito"));
    // Written again: only with --sovrascrivi.
    assert_refused(
        &args,
        "esiste già: per sostituirlo aggiungere --sovrascrivi",
        &[&docx, &csv],
    );
    let out = offerta(&[&args[..], &["--sovrascrivi"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
}
