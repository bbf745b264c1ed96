//! The command-line tool, run as a user would: demo files, keygen, sign, verify.

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use offerta_core::intake::FileState;
use offerta_core::plan_outputs;
use offerta_core::planning::{plan_of, LastYear};
use offerta_core::signing::TrustRegistry;

const PASSPHRASE: &str = "frase segreta di prova";

fn offerta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_offerta"))
        .args(args)
        .env("OFFERTA_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("the offerta binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("offerta-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes each named file into `dir`, in order, and returns their paths.
fn write_files(dir: &Path, files: &[(String, String)]) -> Vec<PathBuf> {
    files
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn demo_prints_the_aggregated_crema_plan_as_json() {
    let out = offerta(&["demo"]);
    assert!(out.status.success());
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(plan["totale"]["consistenza_totale"], 1699);
    assert_eq!(plan["totale"]["totale_assegnabili"], 114);
    assert_eq!(plan["per_ente"].as_array().map(Vec::len), Some(24));
}

#[test]
fn unknown_command_fails_with_usage() {
    let out = offerta(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Usage"), "{}", stderr(&out));
}

/// Demo files, a key for the Comune di Crema, and its signed file.
/// A new key file for the ente, written to `dir/name`.
fn keygen(dir: &Path, name: &str, ente: &str, ente_id: &str) -> PathBuf {
    let key = dir.join(name);
    let out = offerta(&[
        "keygen",
        "--ente",
        ente,
        "--ente-id",
        ente_id,
        "--out",
        p(&key),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Impronta: "));
    key
}

fn signed_crema(dir: &Path) -> (PathBuf, PathBuf) {
    assert!(offerta(&["demo", "--files", p(dir)]).status.success());
    let draft = dir.join("offerta-abitativa_2021_019035_comune-di-crema_bozza.json");
    assert!(draft.is_file());
    let key = keygen(dir, "chiave-crema.json", "Comune di Crema", "019035");
    let out = offerta(&["sign", "--key", p(&key), p(&draft)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let signed = dir.join("offerta-abitativa_2021_019035_comune-di-crema_firmata.json");
    assert!(signed.is_file(), "{}", stdout(&out));
    (key, signed)
}

#[test]
fn keygen_sign_verify_round_trip_with_and_without_registry() {
    let dir = scratch("roundtrip");
    let (key, signed) = signed_crema(&dir);

    let out = offerta(&["verify", p(&signed)]);
    assert!(
        out.status.success(),
        "unknown key without registry is fine: {}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("\tchiave-sconosciuta\t"));

    let empty = dir.join("registro-vuoto.json");
    std::fs::write(&empty, TrustRegistry::default().to_json()).unwrap();
    let out = offerta(&["verify", "--registry", p(&empty), p(&signed)]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "with a registry an unknown key fails"
    );

    let key_file =
        offerta_core::signing::KeyFile::from_json(&std::fs::read_to_string(&key).unwrap()).unwrap();
    let mut registry = TrustRegistry::default();
    registry.accept(
        "019035",
        "Comune di Crema",
        &key_file.chiave_pubblica,
        "2026-11-23",
        "test",
    );
    let registry_path = dir.join("registro.json");
    std::fs::write(&registry_path, registry.to_json()).unwrap();
    let out = offerta(&["verify", "--registry", p(&registry_path), p(&signed)]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("\tvalida\t"));
    assert!(stdout(&out).contains(&key_file.impronta));
}

#[test]
fn trust_accepts_the_key_of_a_signed_file_explicitly() {
    let dir = scratch("trust");
    let (_, signed) = signed_crema(&dir);
    let registry = dir.join("registro.json");
    let out = offerta(&[
        "trust",
        "--registry",
        p(&registry),
        "--accept",
        p(&signed),
        "--note",
        "PEC prot. 12",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("chiave accettata"));
    let out = offerta(&["verify", "--registry", p(&registry), p(&signed)]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("\tvalida\t"));
    let out = offerta(&["trust", "--registry", p(&registry), "--accept", p(&signed)]);
    assert!(stdout(&out).contains("chiave già registrata"));
    let tampered = dir.join("alterata.json");
    std::fs::write(
        &tampered,
        std::fs::read_to_string(&signed)
            .unwrap()
            .replacen("353", "354", 1),
    )
    .unwrap();
    let out = offerta(&[
        "trust",
        "--registry",
        p(&registry),
        "--accept",
        p(&tampered),
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a tampered file vouches for no key"
    );
}

#[test]
fn verify_gives_one_line_per_file_and_fails_on_tampered_unsigned_or_garbage() {
    let dir = scratch("tamper");
    let (_, signed) = signed_crema(&dir);
    let tampered = dir.join("alterata.json");
    let text = std::fs::read_to_string(&signed).unwrap();
    std::fs::write(&tampered, text.replacen("\"sap\": 353", "\"sap\": 354", 1)).unwrap();
    let garbage = dir.join("documento.pdf");
    std::fs::write(&garbage, b"%PDF-1.7 \x00\x01").unwrap();
    let draft = dir.join("offerta-abitativa_2021_019035_comune-di-crema_bozza.json");

    let out = offerta(&["verify", p(&signed), p(&tampered), p(&draft), p(&garbage)]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[0].contains("\tchiave-sconosciuta\t"));
    assert!(
        lines[1].contains("\tfirma-non-valida\t") && lines[1].contains("modificato dopo la firma")
    );
    assert!(lines[2].contains("\tnon-firmata\t"));
    assert!(lines[3].contains("\tilleggibile\t"));
}

#[test]
fn sign_refuses_a_wrong_passphrase_an_invalid_submission_and_another_entes_key() {
    let dir = scratch("refuse");
    let (key, _) = signed_crema(&dir);
    let draft = dir.join("offerta-abitativa_2021_019035_comune-di-crema_bozza.json");
    let out = Command::new(env!("CARGO_BIN_EXE_offerta"))
        // The signed file exists (signed_crema): replacing it is asked for.
        .args(["sign", "--sovrascrivi", "--key", p(&key), p(&draft)])
        .env("OFFERTA_PASSPHRASE", "frase sbagliata!!")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("frase segreta errata"),
        "{}",
        stderr(&out)
    );

    let broken = dir.join("senza-email.json");
    let text = std::fs::read_to_string(&draft).unwrap();
    std::fs::write(
        &broken,
        text.replace("servizi.abitativi@crema.example.org", ""),
    )
    .unwrap();
    let out = offerta(&["sign", "--key", p(&key), p(&broken)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("referente-obbligatorio"),
        "{}",
        stderr(&out)
    );

    // A draft saved with a count still to correct (the page keeps «4O» as typed) is not
    // signed: its last good figure is not what the page showed.
    let typed = dir.join("con-testo-da-correggere.json");
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["testi_da_correggere"] =
        serde_json::json!([{"campo": "consistenza.sap", "testo": "35O"}]);
    std::fs::write(&typed, value.to_string()).unwrap();
    let out = offerta(&["sign", "--key", p(&key), p(&typed)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("testo-da-correggere")
            && stderr(&out).contains("«35O» non è ancora un valore"),
        "{}",
        stderr(&out)
    );

    let other = dir.join("offerta-abitativa_2021_019097_comune-di-soncino_bozza.json");
    let out = offerta(&["sign", "--key", p(&key), p(&other)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("usare la chiave dell'ente"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn aggregate_reproduces_the_published_crema_totals_and_explains_bad_files() {
    let dir = scratch("aggregate");
    let (files, registry) = offerta_core::demo::crema_2021_signed_files();
    let mut paths = write_files(&dir, &files);
    let tampered = dir.join("alterata.json");
    std::fs::write(&tampered, files[1].1.replacen("\"sap\": ", "\"sap\": 1", 1)).unwrap();
    paths.push(tampered);
    let registry_path = dir.join("registro.json");
    std::fs::write(&registry_path, registry.to_json()).unwrap();
    let (json_out, xlsx_out, csv_out) = (
        dir.join("piano.json"),
        dir.join("piano.xlsx"),
        dir.join("piano.csv"),
    );
    let mut args = vec![
        "aggregate",
        "--ambito",
        "crema",
        "--year",
        "2021",
        "--registry",
        p(&registry_path),
        "--out",
        p(&json_out),
        "--xlsx",
        p(&xlsx_out),
        "--csv",
        p(&csv_out),
    ];
    args.extend(paths.iter().map(|x| p(x)));
    let out = offerta(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("alterata.json\tfirma-non-valida\tscartata"),
        "{}",
        stderr(&out)
    );
    // The page's summary of the received files, in the same words and order.
    let summary = stderr(&out)
        .lines()
        .find_map(|l| l.strip_prefix("Riepilogo delle schede: "))
        .map(str::to_owned);
    assert_eq!(
        summary.as_deref(),
        Some(format!("{} conteggiate, 1 scartata: firma non valida.", files.len()).as_str()),
        "{}",
        stderr(&out)
    );
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_out).unwrap()).unwrap();
    let t = &plan["piano"]["totale"];
    assert_eq!(
        (
            t["consistenza_totale"].as_u64(),
            t["consistenza_sap"].as_u64(),
            t["consistenza_sas"].as_u64()
        ),
        (Some(1699), Some(1678), Some(21))
    );
    assert_eq!(t["totale_assegnabili"], 114);
    assert_eq!(t["assegnate_totale"], 12);
    let r = &plan["piano"]["ricognizione"];
    assert_eq!(
        (
            r["comuni_con_patrimonio"].as_u64(),
            r["comuni_ambito"].as_u64(),
            r["percentuale"].as_u64()
        ),
        (Some(24), Some(48), Some(50))
    );
    assert_eq!(r["inadempienti"], serde_json::json!(["Trescore Cremasco"]));
    assert_eq!(plan["file_ricevuti"].as_array().unwrap().len(), 49);
    assert_eq!(&std::fs::read(&xlsx_out).unwrap()[..2], b"PK");
    assert!(std::fs::read_to_string(&csv_out)
        .unwrap()
        .starts_with('\u{feff}'));
}

#[test]
fn aggregate_stops_on_a_file_it_cannot_read_instead_of_judging_empty_bytes() {
    let dir = scratch("unreadable");
    let missing = dir.join("scheda-mancante.json");
    let out = offerta(&[
        "aggregate",
        "--ambito",
        "crema",
        "--year",
        "2021",
        p(&missing),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("scheda-mancante.json: impossibile leggere il file"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty(), "no plan from an unread file");
}

#[test]
fn aggregate_reads_an_ambito_file_the_way_the_page_does() {
    let dir = scratch("ambito-file");
    let ambito = dir.join("Ambito Prova.csv");
    std::fs::write(&ambito, "019035\n019002\n").unwrap();
    let (files, registry) = offerta_core::demo::crema_2021_signed_files();
    let registry_path = dir.join("registro.json");
    std::fs::write(&registry_path, registry.to_json()).unwrap();
    let crema = dir.join("crema.json");
    std::fs::write(
        &crema,
        &files
            .iter()
            .find(|(n, _)| n.contains("_019035_"))
            .unwrap()
            .1,
    )
    .unwrap();
    let out = offerta(&[
        "aggregate",
        "--ambito",
        p(&ambito),
        "--year",
        "2021",
        "--registry",
        p(&registry_path),
        p(&crema),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The page makes the id a slug of the file name: the CLI does the same.
    assert!(
        stderr(&out).contains("Scheda per l'ambito «crema», non per «ambito-prova»"),
        "{}",
        stderr(&out)
    );
}

/// The ricognizione of the Crema and Agnadello files under the ambito file `name`.
fn ricognizione_with_ambito_file(tag: &str, name: &str, ambito: &str) -> serde_json::Value {
    let dir = scratch(tag);
    let ambito_path = dir.join(name);
    std::fs::write(&ambito_path, ambito).unwrap();
    let (files, registry) = offerta_core::demo::crema_2021_signed_files();
    let registry_path = dir.join("registro.json");
    std::fs::write(&registry_path, registry.to_json()).unwrap();
    let mut args = vec![
        "aggregate".to_owned(),
        "--ambito".to_owned(),
        p(&ambito_path).to_owned(),
        "--year".to_owned(),
        "2021".to_owned(),
        "--registry".to_owned(),
        p(&registry_path).to_owned(),
    ];
    for code in ["_019035_", "_019002_"] {
        let (file_name, text) = files.iter().find(|(n, _)| n.contains(code)).unwrap();
        let path = dir.join(file_name);
        std::fs::write(&path, text).unwrap();
        args.push(p(&path).to_owned());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = offerta(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    plan["piano"]["ricognizione"].clone()
}

/// Trescore Cremasco listed as an owner: silent, it is inadempiente and counts (2 of 3).
fn assert_trescore_inadempiente(r: &serde_json::Value) {
    assert_eq!(r["proprietari_noti"], true, "{r}");
    assert_eq!(
        (
            r["comuni_con_patrimonio"].as_u64(),
            r["comuni_ambito"].as_u64(),
            r["percentuale"].as_u64()
        ),
        (Some(2), Some(3), Some(67))
    );
    assert_eq!(r["inadempienti"], serde_json::json!(["Trescore Cremasco"]));
    assert_eq!(
        r["nessun_patrimonio"],
        serde_json::json!(["Comune di Agnadello"])
    );
}

#[test]
fn aggregate_honours_the_owners_of_an_ambito_json_file() {
    let r = ricognizione_with_ambito_file(
        "owners-json",
        "ambito.json",
        r#"{"id": "crema", "nome": "Crema ridotto", "comuni": ["019035", "019109", "019002"],
            "con_patrimonio": ["019035", "019109"]}"#,
    );
    assert_trescore_inadempiente(&r);
}

#[test]
fn aggregate_honours_the_owners_column_of_an_ambito_csv_file() {
    let r = ricognizione_with_ambito_file(
        "owners-csv",
        "Crema.csv",
        "codice;nome;patrimonio\n019035;Crema;si\n019109;Trescore Cremasco;sì\n019002;Agnadello;no\n",
    );
    assert_trescore_inadempiente(&r);
    let r = ricognizione_with_ambito_file(
        "no-owners-csv",
        "Crema.csv",
        "019035;Crema\n019109;Trescore Cremasco\n019002;Agnadello\n",
    );
    assert_eq!(r["proprietari_noti"], false);
    assert_eq!(r["inadempienti"], serde_json::json!([]));
    assert_eq!(
        r["non_hanno_risposto"],
        serde_json::json!(["Trescore Cremasco"])
    );
}

/// `--docx` writes the plan document the page offers: the same core call on the same files
/// (the capofila's texts from `--testi`), byte for byte; `--verbale-csv` the core's verbale
/// di ricezione, but for the day it was made.
#[test]
fn aggregate_writes_the_plan_document_as_the_page_does() {
    use offerta_core::intake::{CheckedFile, Intake};
    let dir = scratch("docx");
    let (files, registry) = offerta_core::demo::crema_2021_signed_files();
    let mut args = vec!["aggregate", "--ambito", "crema", "--year", "2021"];
    let registry_path = dir.join("registro.json");
    std::fs::write(&registry_path, registry.to_json()).unwrap();
    let mut texts = offerta_core::plan_texts::PlanTexts::defaults(
        &offerta_core::ambiti::preset("crema").unwrap(),
        2021,
    );
    texts.approvazione_data = "28 gennaio 2021".into();
    let texts_path = dir.join("testi.json");
    std::fs::write(&texts_path, serde_json::to_string(&texts).unwrap()).unwrap();
    let docx_path = dir.join("piano.docx");
    let out_path = dir.join("piano.json");
    let verbale_path = dir.join("verbale.csv");
    args.extend([
        "--verbale-csv",
        p(&verbale_path),
        "--registry",
        p(&registry_path),
        "--docx",
        p(&docx_path),
        "--testi",
        p(&texts_path),
        "--out",
        p(&out_path),
    ]);
    let paths = write_files(&dir, &files);
    args.extend(paths.iter().map(|x| p(x)));
    let out = offerta(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    // Issue #27: the welfare and projects texts as proposed are said to be completed.
    assert!(
        stderr(&out).contains("Nel documento restano da completare il testo sulle misure di welfare e il testo sulle progettualità (testo proposto dall'app, segnato «[Da completare]»)"),
        "{}",
        stderr(&out)
    );

    // The page's path: the same files, in the order given, through the core's intake.
    let mut intake = Intake::new(
        offerta_core::ambiti::preset("crema").unwrap(),
        2021,
        registry,
    );
    let checked = files
        .into_iter()
        .map(|(name, text)| CheckedFile::check(name, text.into_bytes(), intake.registry()))
        .collect();
    intake.add(checked);
    let none = LastYear::default();
    let document = plan_outputs::document(&intake, &none, &plan_of(&intake, &none), &texts);
    let expected = offerta_core::document::to_docx(&document).unwrap();
    assert_eq!(std::fs::read(&docx_path).unwrap(), expected);
    let verbale = offerta_core::verbale::verbale(&intake, &texts, "2021-01-28T10:00:00Z")
        .csv()
        .unwrap();
    let undated = |csv: &str| -> Vec<String> {
        csv.lines()
            .filter(|l| !l.starts_with("Prodotto il "))
            .map(str::to_owned)
            .collect()
    };
    let written = std::fs::read_to_string(&verbale_path).unwrap();
    assert_eq!(undated(&written), undated(&verbale));
    assert_eq!(written.lines().count(), verbale.lines().count());
}

/// Issue #25: a capofila text carrying a right-to-left override (or a zero-width joiner)
/// never reaches the DOCX: `--testi` is refused naming the text and the character, and no
/// output is written.
#[test]
fn aggregate_refuses_capofila_texts_with_invisible_characters() {
    let dir = scratch("testi-invisibili");
    let (files, registry) = offerta_core::demo::crema_2021_signed_files();
    let registry_path = dir.join("registro.json");
    std::fs::write(&registry_path, registry.to_json()).unwrap();
    let paths = write_files(&dir, &files);
    for (i, welfare) in ["Fondo \u{202e}ittiffa", "Fondo\u{200d} affitti"]
        .into_iter()
        .enumerate()
    {
        let mut texts = offerta_core::plan_texts::PlanTexts::defaults(
            &offerta_core::ambiti::preset("crema").unwrap(),
            2021,
        );
        texts.misure_welfare = welfare.into();
        let texts_path = dir.join(format!("testi-{i}.json"));
        std::fs::write(&texts_path, serde_json::to_string(&texts).unwrap()).unwrap();
        let (docx, out_json) = (
            dir.join(format!("piano-{i}.docx")),
            dir.join(format!("piano-{i}.json")),
        );
        let mut args = vec![
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            "2021",
            "--registry",
            p(&registry_path),
            "--testi",
            p(&texts_path),
            "--docx",
            p(&docx),
            "--out",
            p(&out_json),
        ];
        args.extend(paths.iter().map(|x| p(x)));
        let out = offerta(&args);
        assert!(!out.status.success(), "{welfare:?}");
        let err = stderr(&out);
        assert!(
            err.contains("Il testo sulle misure di welfare contiene un carattere invisibile"),
            "{err}"
        );
        let code = if i == 0 { "U+202E" } else { "U+200D" };
        assert!(err.contains(code), "{err}");
        assert!(!docx.exists() && !out_json.exists(), "nothing written");
    }
}

/// Only the comune capofila's key signs the plan: Castelleone's key is refused with the
/// reason, Crema's signs and the CLI says which key it was.
#[test]
fn only_the_capofilas_key_signs_the_plan() {
    let dir = scratch("plan-signer");
    let (crema_key, signed) = signed_crema(&dir);
    let castelleone_key = keygen(
        &dir,
        "chiave-castelleone.json",
        "Comune di Castelleone",
        "019025",
    );
    let aggregate_with = |key: &Path| {
        offerta(&[
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            "2021",
            "--trust-new-keys",
            "--sign-key",
            p(key),
            "--out",
            p(&dir.join("piano.json")),
            p(&signed),
        ])
    };
    let out = aggregate_with(&castelleone_key);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(
            "il piano si firma solo con la chiave del comune capofila, Comune di Crema (019035)"
        ),
        "{}",
        stderr(&out)
    );
    let out = aggregate_with(&crema_key);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Piano firmato con la chiave di Comune di Crema (impronta "),
        "{}",
        stderr(&out)
    );
}

/// `ente_id`'s Crema 2021 submission signed with the key of `seed` at `when`, written to `dir`.
fn signed_at(dir: &Path, name: &str, ente_id: &str, seed: u8, when: &str) -> PathBuf {
    let submission = offerta_core::demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == ente_id)
        .unwrap();
    let key = offerta_core::signing::SigningKey::from_bytes(&[seed; 32]);
    let path = dir.join(name);
    std::fs::write(
        &path,
        offerta_core::signing::sign_submission(&submission, &key, when),
    )
    .unwrap();
    path
}

fn fingerprint_of(seed: u8) -> String {
    let key = offerta_core::signing::SigningKey::from_bytes(&[seed; 32]);
    offerta_core::signing::fingerprint(&offerta_core::signing::multikey::public_key_multibase(
        &key.verifying_key(),
    ))
}

/// Old files are signed long ago and "later" files far in the future, so that the real
/// clock of the replacement or revocation falls in between.
const LONG_AGO: &str = "2020-11-20T09:00:00Z";
const FAR_AHEAD: &str = "2099-01-01T00:00:00Z";

#[test]
fn trust_accepts_many_files_at_once() {
    let dir = scratch("trust-many");
    let crema = signed_at(&dir, "crema.json", "019035", 41, LONG_AGO);
    let castelleone = signed_at(&dir, "castelleone.json", "019025", 42, LONG_AGO);
    let registry = dir.join("registro.json");
    let out = offerta(&[
        "trust",
        "--registry",
        p(&registry),
        "--accept",
        p(&crema),
        p(&castelleone),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).matches("\tchiave accettata\t").count(), 2);
    assert_eq!(
        TrustRegistry::from_json(&std::fs::read_to_string(&registry).unwrap())
            .unwrap()
            .enti
            .len(),
        2
    );
}

#[test]
fn trust_keeps_and_lists_the_signers_of_a_version_3_registry() {
    let dir = scratch("trust-signers");
    let mut with_signer = TrustRegistry::default();
    let signer = offerta_core::signing::qualified::QualifiedSigner {
        nome_cognome: "MARIA BIANCHI".into(),
        codice_fiscale: "TINIT-BNCMRA70A41C153X".into(),
        organizzazione: Some("Comune di Castelleone".into()),
        certificatore: "Prova CA".into(),
        certificato_sha256: "AB".repeat(32),
    };
    assert!(with_signer.accept_signer(
        "019025",
        "Comune di Castelleone",
        &signer,
        LONG_AGO,
        "PEC prot. 1402"
    ));
    let registry = dir.join("registro.json");
    std::fs::write(&registry, with_signer.to_file_json()).unwrap();
    let crema = signed_at(&dir, "crema.json", "019035", 44, LONG_AGO);
    let out = offerta(&["trust", "--registry", p(&registry), "--accept", p(&crema)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(
            "019025\tComune di Castelleone\tfirmatario MARIA BIANCHI (BNCMRA70A41C153X)\t2020-11-20T09:00:00Z\tin carica"
        ),
        "{}",
        stdout(&out)
    );
    let written = std::fs::read_to_string(&registry).unwrap();
    assert!(written.contains("\"versione\": 3"), "{written}");
    let back = TrustRegistry::from_json(&written).unwrap();
    assert_eq!(
        back.enti["019025"].firmatari,
        with_signer.enti["019025"].firmatari
    );
    assert_eq!(back.enti.len(), 2);
}

#[test]
fn trust_replace_retires_the_old_key_and_keeps_its_earlier_files_valid() {
    let dir = scratch("trust-replace");
    let old = signed_at(&dir, "vecchia.json", "019035", 43, LONG_AGO);
    let registry = dir.join("registro.json");
    assert!(
        offerta(&["trust", "--registry", p(&registry), "--accept", p(&old)])
            .status
            .success()
    );
    let new = signed_at(&dir, "nuova.json", "019035", 44, LONG_AGO);
    let late_with_old = signed_at(&dir, "tardiva.json", "019035", 43, FAR_AHEAD);

    let out = offerta(&["trust", "--registry", p(&registry), "--replace", p(&new)]);
    assert_eq!(out.status.code(), Some(2), "a replacement needs its reason");
    assert!(
        stderr(&out).contains("scrivere il motivo"),
        "{}",
        stderr(&out)
    );

    let out = offerta(&[
        "trust",
        "--registry",
        p(&registry),
        "--replace",
        p(&new),
        "--note",
        "PC nuovo, PEC prot. 1300",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing = stdout(&out);
    assert!(
        listing.contains(&format!(
            "chiave nuova accettata\tImpronta: {} (sostituita: {})",
            fingerprint_of(44),
            fingerprint_of(43)
        )),
        "{listing}"
    );
    assert!(
        listing.contains(&format!("{}\t", fingerprint_of(43)))
            && listing.contains("\tsostituita dal ")
            && listing.contains("(motivo: PC nuovo, PEC prot. 1300)"),
        "{listing}"
    );
    assert!(listing.contains("\tin uso"), "{listing}");

    let out = offerta(&["verify", "--registry", p(&registry), p(&old), p(&new)]);
    assert!(out.status.success(), "{}", stdout(&out));
    let out = offerta(&["verify", "--registry", p(&registry), p(&late_with_old)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out)
            .contains("\tchiave-sostituita\tFirma valida, ma con una chiave sostituita dal "),
        "{}",
        stdout(&out)
    );
}

#[test]
fn trust_revoke_refuses_a_missing_reason_or_date_and_revokes_from_the_day_given() {
    let dir = scratch("trust-revoke");
    let old = signed_at(&dir, "prima.json", "019035", 45, LONG_AGO);
    let late = signed_at(&dir, "dopo.json", "019035", 45, FAR_AHEAD);
    let registry = dir.join("registro.json");
    assert!(
        offerta(&["trust", "--registry", p(&registry), "--accept", p(&old)])
            .status
            .success()
    );
    let fp = fingerprint_of(45);
    let revoke = |extra: &[&str]| {
        let mut args = vec!["trust", "--registry", p(&registry), "--revoke"];
        args.extend_from_slice(extra);
        offerta(&args)
    };
    let out = revoke(&[&fp, "--from", "2030-01-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("scrivere il motivo"),
        "{}",
        stderr(&out)
    );
    let out = revoke(&[&fp, "--from", "01/01/2030", "--note", "PC rubato"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("non è una data"), "{}", stderr(&out));
    let out = revoke(&["0000-0000-0000-0000-0000", "--note", "PC rubato"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nessuna chiave con impronta"),
        "{}",
        stderr(&out)
    );

    let typed = fp.to_lowercase().replace('-', " ");
    let out = revoke(&[&typed, "--from", "2030-01-01", "--note", "PC rubato"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!(
            "{fp}\tComune di Crema\tchiave revocata\tdal 01/01/2030"
        )),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("\trevocata dal 01/01/2030 (motivo: PC rubato)"),
        "{}",
        stdout(&out)
    );
    let out = offerta(&["verify", "--registry", p(&registry), p(&old)]);
    assert!(out.status.success(), "{}", stdout(&out));
    let out = offerta(&["verify", "--registry", p(&registry), p(&late)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("\tchiave-revocata\t"),
        "{}",
        stdout(&out)
    );
    let out = revoke(&[&fp, "--note", "di nuovo"]);
    assert!(stderr(&out).contains("è già revocata"), "{}", stderr(&out));
}

#[test]
fn trust_fingerprints_accepts_the_keys_named_in_a_pec_message() {
    let dir = scratch("trust-fingerprints");
    let crema = signed_at(&dir, "crema.json", "019035", 46, LONG_AGO);
    let castelleone = signed_at(&dir, "castelleone.json", "019025", 47, LONG_AGO);
    let agnadello = signed_at(&dir, "agnadello.json", "019002", 48, LONG_AGO);
    let pec = dir.join("pec.txt");
    std::fs::write(
        &pec,
        format!(
            "Da: protocollo@pec.comune.crema.cr.it\nImpronta del Comune di Crema: {}\n\
             Castelleone comunica: {}\nAltra: 0000-1111-2222-3333-4444\n",
            fingerprint_of(46).to_lowercase(),
            fingerprint_of(47).replace('-', " ")
        ),
    )
    .unwrap();
    let registry = dir.join("registro.json");
    let out = offerta(&[
        "trust",
        "--registry",
        p(&registry),
        "--fingerprints",
        p(&pec),
        p(&crema),
        p(&castelleone),
        p(&agnadello),
        "--note",
        "PEC prot. 1234",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.matches("\tchiave accettata\t").count(), 2, "{text}");
    assert!(
        text.contains(&format!(
            "agnadello.json\tComune di Agnadello\tin attesa\tImpronta {} non presente nel testo",
            fingerprint_of(48)
        )),
        "{text}"
    );
    assert!(
        text.contains("0000-1111-2222-3333-4444\t\tnessun file\t"),
        "{text}"
    );
    let saved = TrustRegistry::from_json(&std::fs::read_to_string(&registry).unwrap()).unwrap();
    assert_eq!(saved.enti.keys().collect::<Vec<_>>(), ["019025", "019035"]);
    assert_eq!(saved.enti["019035"].chiavi[0].nota, "PEC prot. 1234");

    // Crema's file signed with yet another key: reported, not accepted by a paste.
    let other = signed_at(&dir, "crema-altra.json", "019035", 49, LONG_AGO);
    std::fs::write(
        &pec,
        format!("nuova impronta di Crema: {}", fingerprint_of(49)),
    )
    .unwrap();
    let out = offerta(&[
        "trust",
        "--registry",
        p(&registry),
        "--fingerprints",
        p(&pec),
        p(&other),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("crema-altra.json\tComune di Crema\tchiave diversa\t")
            && stdout(&out).contains("usare --replace crema-altra.json"),
        "{}",
        stdout(&out)
    );
    let after = TrustRegistry::from_json(&std::fs::read_to_string(&registry).unwrap()).unwrap();
    assert_eq!(after, saved, "nothing accepted");
}

/// Runs `offerta args` with its standard output a pipe closed before it writes anything:
/// what `offerta ... | head -0` does.
fn with_output_closed(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_offerta"))
        .args(args)
        .env("OFFERTA_PASSPHRASE", PASSPHRASE)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // No reader is left on the pipe: the first write gets a broken pipe.
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_output_pipe_ends_the_command_quietly() {
    let dir = scratch("pipe");
    let (_, signed) = signed_crema(&dir);
    for args in [
        vec!["demo"],
        vec!["rules"],
        vec!["verify", p(&signed), p(&signed)],
    ] {
        let out = with_output_closed(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn verify_stops_on_a_file_it_cannot_read_before_any_verdict() {
    let dir = scratch("verify-unreadable");
    let (_, signed) = signed_crema(&dir);
    let missing = dir.join("mancante.json");
    // A directory cannot be read as a file either.
    for unreadable in [missing.as_path(), dir.as_path()] {
        let out = offerta(&["verify", p(&signed), p(unreadable)]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("impossibile leggere il file"),
            "{}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "no verdict: {}", stdout(&out));
    }
    // Bytes that are not text are read: they get their verdict, not an error.
    let binary = dir.join("foto.jpg");
    std::fs::write(&binary, [0xff, 0xd8, 0xff, 0xe0]).unwrap();
    let out = offerta(&["verify", p(&binary)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("\tilleggibile\t"), "{}", stdout(&out));
}

#[test]
fn other_commands_stop_on_an_input_they_cannot_read() {
    let dir = scratch("unreadable-inputs");
    let missing = dir.join("mancante.json");
    let (key, signed) = signed_crema(&dir);
    let registry = dir.join("registro.json");
    for args in [
        vec!["sign", "--key", p(&missing), p(&signed)],
        vec!["sign", "--key", p(&key), p(&missing)],
        vec!["verify", "--registry", p(&missing), p(&signed)],
        vec!["nuovo-anno", p(&missing)],
        vec![
            "aggregate",
            "--ambito",
            p(&missing),
            "--year",
            "2021",
            p(&signed),
        ],
        vec![
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            "2021",
            "--registry",
            p(&missing),
            p(&signed),
        ],
        vec!["trust", "--registry", p(&registry), "--accept", p(&missing)],
        vec![
            "trust",
            "--registry",
            p(&registry),
            "--fingerprints",
            p(&missing),
            p(&signed),
        ],
    ] {
        let out = offerta(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("mancante.json: impossibile leggere il file"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn help_documents_the_exit_codes() {
    let out = offerta(&["--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    assert!(help.contains("Codici di uscita: 0"), "{help}");
    assert!(help.contains("1 solo verify e verify-request"), "{help}");
    assert!(help.contains("2 uso errato"), "{help}");
}

/// Crema's file signed in 2099 and the real one: the real one counts until the capofila
/// confirms the date with --confirm-date.
#[test]
fn aggregate_holds_a_future_dated_file_until_its_date_is_confirmed() {
    let dir = scratch("future");
    let real = signed_at(&dir, "reale.json", "019035", 51, LONG_AGO);
    let future = signed_at(&dir, "futura.json", "019035", 51, FAR_AHEAD);
    let registry = dir.join("registro.json");
    assert!(
        offerta(&["trust", "--registry", p(&registry), "--accept", p(&real)])
            .status
            .success()
    );
    let aggregate = |extra: &[&str]| {
        let mut args = vec![
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            "2021",
            "--registry",
            p(&registry),
            p(&real),
            p(&future),
        ];
        args.extend_from_slice(extra);
        let out = offerta(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        out
    };
    let out = aggregate(&[]);
    let err = stderr(&out);
    assert!(err.contains("reale.json\tvalida\tconteggiata: "), "{err}");
    assert!(
        err.contains("futura.json\tvalida\tdata da confermare: Firmato il 01/01/2099, una data futura rispetto all'orologio di questo computer ("),
        "{err}"
    );
    assert!(
        err.contains("confermare la data o chiedere un file nuovo"),
        "{err}"
    );

    let out = aggregate(&["--confirm-date", p(&future)]);
    let err = stderr(&out);
    assert!(err.contains("futura.json\tvalida\tconteggiata: "), "{err}");
    assert!(
        err.contains("reale.json\tvalida\tsostituita da un file più recente: Conta il file firmato più di recente, futura.json, firmato il 01/01/2099 00:00; questo è del 20/11/2020 09:00."),
        "{err}"
    );
    let out = aggregate(&["--confirm-date", p(&real)]);
    assert!(
        stderr(&out).contains("avviso: --confirm-date reale.json: nessun file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_received_file_name_with_an_invisible_character_is_printed_visibly() {
    let dir = scratch("bidi-name");
    let (_, signed) = signed_crema(&dir);
    let disguised = dir.join("fattura\u{202e}nosj.exe");
    std::fs::copy(&signed, &disguised).unwrap();
    let out = offerta(&[
        "aggregate",
        "--ambito",
        "crema",
        "--year",
        "2021",
        p(&disguised),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("fattura[U+202E]nosj.exe\t"), "{err}");
    assert!(!err.contains('\u{202e}'), "never raw: {err}");
    let out = offerta(&["verify", p(&disguised)]);
    assert!(stdout(&out).contains("fattura[U+202E]nosj.exe\t"));
    assert!(!stdout(&out).contains('\u{202e}'));
}

/// #16 (first part): the capofila signs its request with its own key; the core reads it back
/// with the Crema preset's owners; another ente's key is refused.
#[test]
fn the_capofila_signs_its_request_and_no_other_ente_can() {
    let dir = scratch("richiesta");
    let crema = keygen(&dir, "chiave-019035.json", "Comune di Crema", "019035");
    let out_path = dir.join("richiesta.json");
    // `richiesta` signs now: a deadline in ten days, for the plan of next year (a request
    // whose deadline is before its signature is refused).
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let deadline = offerta_core::signing::rfc3339_utc(now + 10 * 86_400)[..10].to_owned();
    let year: u16 = offerta_core::signing::rfc3339_utc(now)[..4]
        .parse()
        .unwrap();
    let year = (year + 1).to_string();
    let args = |key: &Path| {
        vec![
            "richiesta".to_owned(),
            "--ambito".into(),
            "crema".into(),
            "--year".into(),
            year.clone(),
            "--deadline".into(),
            deadline.clone(),
            "--key".into(),
            key.display().to_string(),
            "--referente".into(),
            "Ufficio di Piano".into(),
            "--contatto".into(),
            "protocollo@pec.comune.crema.example".into(),
            "--out".into(),
            out_path.display().to_string(),
        ]
    };
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        offerta(&args)
    };
    let out = run(args(&crema));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("richiesta firmata"),
        "{}",
        stdout(&out)
    );
    let read = offerta_core::request::read_request(&std::fs::read(&out_path).unwrap(), None)
        .expect("the request reads back");
    assert_eq!(read.request.ambito.id, "crema");
    assert_eq!(read.request.anno_piano.to_string(), year);
    assert_eq!(read.request.capofila.nome, "Comune di Crema");
    assert_eq!(read.request.owners().count(), 24, "the preset's 24 owners");

    // A request the comuni would refuse is not signed: a deadline before today.
    std::fs::remove_file(&out_path).unwrap();
    let mut past = args(&crema);
    let at = past.iter().position(|a| *a == deadline).unwrap();
    past[at] = "2020-12-20".into();
    let out = run(past);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("La richiesta non si può firmare: la scadenza 20/12/2020 è prima del giorno in cui la richiesta è stata firmata"),
        "{}",
        stderr(&out)
    );
    assert!(!out_path.exists(), "nothing written");
    std::fs::write(&out_path, "").unwrap();

    let castelleone = keygen(
        &dir,
        "chiave-019025.json",
        "Comune di Castelleone",
        "019025",
    );
    std::fs::remove_file(&out_path).unwrap();
    let out = run(args(&castelleone));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("comune capofila"), "{}", stderr(&out));
    assert!(!out_path.exists(), "nothing written");
}

#[test]
fn the_status_board_says_who_answered_and_the_reminder_lists_the_owners_missing() {
    let dir = scratch("stato");
    // The request for 2021 as `offerta richiesta` wrote it in 2021 (signed then: a request
    // signed today for 2021 is refused, its deadline long past).
    let request = dir.join("richiesta-2021.json");
    let text = offerta_core::request::Request::new(
        &offerta_core::ambiti::preset("crema").unwrap(),
        2021,
        "2021-03-31",
        offerta_core::demo::crema_capofila(),
        "",
    )
    .signed(
        &offerta_core::demo::fixture_key("019035"),
        "2021-03-01T09:00:00Z",
    );
    std::fs::write(&request, text).unwrap();
    let reminder = dir.join("sollecito.txt");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let out = offerta(&[
        "aggregate",
        "--ambito",
        "crema",
        "--year",
        "2021",
        "--registry",
        corpus.join("registro.json").to_str().unwrap(),
        "--request",
        request.to_str().unwrap(),
        "--reminder",
        reminder.to_str().unwrap(),
        "--out",
        dir.join("piano.json").to_str().unwrap(),
        corpus.join("valida-castelleone.json").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("stato\tComune di Castelleone\tha risposto\tvalida-castelleone.json (conteggiata, senza richiesta)"),
        "{err}"
    );
    assert!(
        err.contains(
            "stato\tComune di Trescore Cremasco\ttitolare di alloggi: non ha ancora risposto"
        ),
        "{err}"
    );
    assert!(err.contains("1 comune su 48 ha risposto"), "{err}");
    let text = std::fs::read_to_string(&reminder).unwrap();
    assert!(text.contains("- Comune di Trescore Cremasco"), "{text}");
    assert!(!text.contains("- Comune di Castelleone"), "{text}");
    assert!(text.contains("era il 31/03/2021"), "{text}");
}

#[test]
fn nuovo_anno_prefills_next_years_draft_which_cannot_be_signed_until_checked() {
    let dir = scratch("nuovo-anno");
    let (key, signed) = signed_crema(&dir);
    let draft = dir.join("bozza-2022.json");
    let out = offerta(&["nuovo-anno", p(&signed), "--out", p(&draft)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.starts_with(&format!(
            "{}\tbozza 2022\tda verificare: a), referente, b), c), d), j)\n",
            p(&draft)
        )),
        "{said}"
    );
    assert!(
        said.contains("Controllare la sezione a) e confermarla o correggerla."),
        "{said}"
    );
    assert!(said.contains("k) parte vuota"), "{said}");

    let text = std::fs::read_to_string(&draft).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["anno_piano"], 2022);
    assert_eq!(json["consistenza"]["sap"], 353);
    assert_eq!(json["assegnate_anno_precedente"]["ordinarie"], 0);
    assert_eq!(
        json["da_verificare"],
        serde_json::json!(["a", "referente", "b", "c", "d", "j"])
    );

    let out = offerta(&["sign", "--key", p(&key), p(&draft)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[dati-anno-precedente-da-verificare] transitori: Dati dall'anno precedente: da verificare."),
        "{}",
        stderr(&out)
    );
    // Once every section is checked (here: the marks taken out), nothing else blocks it.
    let mut checked = json.clone();
    checked.as_object_mut().unwrap().remove("da_verificare");
    let checked_path = dir.join("bozza-2022-controllata.json");
    std::fs::write(&checked_path, checked.to_string()).unwrap();
    let out = offerta(&["sign", "--key", p(&key), p(&checked_path)]);
    assert!(out.status.success(), "{}", stderr(&out));

    for (args, refusal) in [
        (
            vec!["nuovo-anno", p(&signed), "--year", "2021"],
            "il nuovo piano deve essere di un anno successivo",
        ),
        (
            vec!["nuovo-anno", p(&draft), "--year", "2022"],
            "il file è del piano 2022",
        ),
    ] {
        let out = offerta(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(refusal), "{}", stderr(&out));
    }
    let altered = dir.join("alterata.json");
    let text = std::fs::read_to_string(&signed).unwrap();
    std::fs::write(&altered, text.replace("\"sap\": 353", "\"sap\": 300")).unwrap();
    let out = offerta(&["nuovo-anno", p(&altered)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("la firma non è valida: è stato modificato dopo la firma"),
        "{}",
        stderr(&out)
    );
}

/// `--previous` reads last year's signed plan, prints the comparison with the changes to
/// check and adds it to the DOCX; a submission given instead is refused, saying what it is.
#[test]
fn aggregate_compares_with_last_years_signed_plan() {
    use offerta_core::intake::Intake;
    let dir = scratch("previous");
    let crema = offerta_core::ambiti::preset("crema").unwrap();
    // Last year: the same answers, with the Comune di Crema's stock at 305 instead of 358.
    let mut last_year = offerta_core::demo::crema_2021();
    for s in &mut last_year {
        s.anno_piano = 2020;
        if s.ente.display_name() == "Comune di Crema" {
            s.consistenza.sap = 300;
        }
    }
    let plan_2020 = offerta_core::aggregate(&last_year, Some(&crema));
    let intake_2020 = Intake::new(crema.clone(), 2020, TrustRegistry::default());
    let previous = dir.join("piano-2020-firmato.json");
    std::fs::write(
        &previous,
        plan_outputs::signed_aggregate_text(
            &intake_2020,
            &plan_2020,
            &plan_outputs::default_texts(&intake_2020),
            &offerta_core::demo::fixture_key("019035"),
            "2020-01-28T10:00:00Z",
        ),
    )
    .unwrap();
    let (files, registry) = offerta_core::demo::crema_2021_signed_files();
    let registry_path = dir.join("registro.json");
    std::fs::write(&registry_path, registry.to_json()).unwrap();
    let paths = write_files(&dir, &files);
    let docx = dir.join("piano.docx");
    let out_json = dir.join("piano.json");
    let run = |previous: &Path| {
        let mut args = vec![
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            "2021",
            "--registry",
            p(&registry_path),
            "--previous",
            p(previous),
            "--docx",
            p(&docx),
            "--out",
            p(&out_json),
            // Each run replaces the plan and the document of the one before.
            "--sovrascrivi",
        ];
        args.extend(paths.iter().map(|x| p(x)));
        offerta(&args)
    };
    let out = run(&previous);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "Confronto con il piano 2020 dell'ambito «crema», verificato: firmato il 28/01/2020 con la chiave del capofila (registrata nel registro delle chiavi), impronta "
        ),
        "{err}"
    );
    assert!(
        err.lines().any(|l| l.starts_with(
            "da-verificare\tComune di Crema\tla consistenza (a) passa da 305 a 358 alloggi (+53)"
        )),
        "{err}"
    );
    assert!(
        err.lines().any(|l| l == "  Comune di Crema\t305\t358\t+53"),
        "{err}"
    );
    assert_eq!(err.matches("da-verificare").count(), 1, "{err}");
    // The DOCX is the page's: the same files and previous plan through the core's intake.
    let mut intake = Intake::new(crema, 2021, registry);
    let checked = files
        .into_iter()
        .map(|(name, text)| {
            offerta_core::intake::CheckedFile::check(name, text.into_bytes(), intake.registry())
        })
        .collect();
    intake.add(checked);
    let read = offerta_core::previous_plan::read_previous_plan(&std::fs::read(&previous).unwrap())
        .unwrap();
    let mut previous_plan = LastYear::default();
    previous_plan.set(&intake, Some(read)).unwrap();
    let document = plan_outputs::document(
        &intake,
        &previous_plan,
        &plan_of(&intake, &previous_plan),
        &plan_outputs::default_texts(&intake),
    );
    assert!(document
        .text()
        .contains("Confronto con il piano precedente\n"));
    assert_eq!(
        std::fs::read(&docx).unwrap(),
        offerta_core::document::to_docx(&document).unwrap()
    );

    // A submission is not last year's plan.
    let out = run(&paths[0]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("Il file è la scheda di un ente ("),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("non il piano dell'ambito firmato dal capofila"));
}

/// Issue #25: last year's plan signed by a key that is not the capofila's known one (an
/// unknown key, a comune's registered key) is printed as unverified, never gives the owners
/// of an ambito that lists none, and the DOCX says so; a plan of 2000 or signed in 1970 is
/// refused with the reason, exit 2.
#[test]
fn aggregate_says_a_forged_previous_plan_is_unverified_and_takes_no_owners_from_it() {
    use offerta_core::intake::Intake;
    let dir = scratch("forged-previous");
    let mut crema = offerta_core::ambiti::preset("crema").unwrap();
    crema.con_patrimonio = None;
    let ambito_path = dir.join("crema-senza-proprietari.json");
    std::fs::write(&ambito_path, serde_json::to_string(&crema).unwrap()).unwrap();
    let mut last_year = offerta_core::demo::crema_2021();
    for s in &mut last_year {
        s.anno_piano = 2020;
    }
    let plan_2020 = offerta_core::aggregate(&last_year, Some(&crema));
    let intake_2020 = Intake::new(crema.clone(), 2020, TrustRegistry::default());
    let signed = |name: &str, key: &str, year: u16, created: &str| {
        let mut plan = plan_2020.clone();
        plan.anno_piano = Some(year);
        let path = dir.join(name);
        let text = plan_outputs::signed_aggregate_text(
            &intake_2020,
            &plan,
            &plan_outputs::default_texts(&intake_2020),
            &offerta_core::demo::fixture_key(key),
            created,
        );
        std::fs::write(
            &path,
            text.replace("\"anno_piano\": 2020", &format!("\"anno_piano\": {year}")),
        )
        .unwrap();
        path
    };
    let (files, registry) = offerta_core::demo::crema_2021_signed_files();
    let registry_path = dir.join("registro.json");
    std::fs::write(&registry_path, registry.to_json()).unwrap();
    let paths = write_files(&dir, &files);
    let docx = dir.join("piano.docx");
    let out_json = dir.join("piano.json");
    let run = |previous: &Path| {
        let mut args = vec![
            "aggregate",
            "--ambito",
            p(&ambito_path),
            "--year",
            "2021",
            "--registry",
            p(&registry_path),
            "--previous",
            p(previous),
            "--docx",
            p(&docx),
            "--out",
            p(&out_json),
            // Each plan tried writes the same outputs again.
            "--sovrascrivi",
        ];
        args.extend(paths.iter().map(|x| p(x)));
        offerta(&args)
    };
    let genuine = signed("vero.json", "019035", 2020, "2020-01-28T10:00:00Z");
    let out = run(&genuine);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(", verificato: firmato il 28/01/2020"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("la ricognizione usa i 23 del piano 2020"),
        "{}",
        stderr(&out)
    );
    for (name, key, whose) in [
        (
            "sconosciuta.json",
            "chiave-sconosciuta",
            "il registro delle chiavi ha un'altra chiave del capofila",
        ),
        (
            "di-izano.json",
            "019054",
            "è la chiave registrata per Comune di Izano (019054)",
        ),
    ] {
        let out = run(&signed(name, key, 2020, "2020-01-28T10:00:00Z"));
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("Confronto con il piano 2020 dell'ambito «crema», NON VERIFICATO: firmato con una chiave che non è quella nota del capofila (Comune di Crema, 019035), impronta "), "{name}: {err}");
        assert!(err.contains(whose), "{name}: {err}");
        assert!(!err.contains("la ricognizione usa"), "{name}: {err}");
        assert!(
            err.contains("il piano 2020 non verificato non li indica"),
            "{name}: {err}"
        );
        let plan: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out_json).unwrap()).unwrap();
        assert_eq!(
            plan["piano"]["ricognizione"]["proprietari_noti"], false,
            "{name}"
        );
        // The DOCX is the core's document for the same inputs, which says so plainly.
        let mut intake = Intake::new(crema.clone(), 2021, registry.clone());
        let checked = files
            .iter()
            .map(|(n, t)| {
                offerta_core::intake::CheckedFile::check(
                    n.clone(),
                    t.clone().into_bytes(),
                    intake.registry(),
                )
            })
            .collect();
        intake.add(checked);
        let read = offerta_core::previous_plan::read_previous_plan(
            &std::fs::read(dir.join(name)).unwrap(),
        )
        .unwrap();
        let mut previous_plan = LastYear::default();
        previous_plan.set(&intake, Some(read)).unwrap();
        let document = plan_outputs::document(
            &intake,
            &previous_plan,
            &plan_of(&intake, &previous_plan),
            &plan_outputs::default_texts(&intake),
        );
        assert!(document.text().contains("NON È VERIFICATO"), "{name}");
        assert!(
            !document.text().contains("con la chiave del capofila"),
            "{name}"
        );
        assert_eq!(
            std::fs::read(&docx).unwrap(),
            offerta_core::document::to_docx(&document).unwrap(),
            "{name}"
        );
    }
    for (name, year, created, why) in [
        (
            "anno-2000.json",
            2000,
            "2000-01-28T10:00:00Z",
            "prima del primo piano che questa app conosce (2019)",
        ),
        (
            "firmato-1970.json",
            2020,
            "1970-01-01T00:00:00Z",
            "dice di essere stato firmato il 01/01/1970",
        ),
        (
            "data-non-data.json",
            2020,
            "not a date",
            "non è una data e ora completa di fuso orario",
        ),
    ] {
        let out = run(&signed(name, "019035", year, created));
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(why), "{name}: {}", stderr(&out));
    }
}

/// The plan file states the year it was made for even when no file counted.
#[test]
fn aggregate_states_the_plan_year_when_no_file_counted() {
    let dir = scratch("no-file-counted");
    let other = offerta_core::demo::crema_2021_signed_files().0;
    let paths = write_files(&dir, &other[..1]);
    let out = offerta(&[
        "aggregate",
        "--ambito",
        "crema",
        "--year",
        "2022",
        p(&paths[0]),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(plan["anno_piano"], 2022, "{}", stdout(&out));
    assert_eq!(plan["piano"]["anno_piano"], 2022);
}

/// A comune checks the requests it received: a line per file, valid with what it asks or
/// refused with the core's reason; with the key of an earlier request of its capofila, one
/// signed by another key is refused; a file it cannot read stops it before any verdict.
#[test]
fn verify_request_gives_one_line_per_request_and_checks_the_capofilas_known_key() {
    use offerta_core::demo::fixture_key;
    use offerta_core::request::{read_request, Request};
    let dir = scratch("verify-request");
    let request = Request::new(
        &offerta_core::ambiti::preset("crema").unwrap(),
        2027,
        "2026-12-20",
        offerta_core::demo::crema_capofila(),
        "Inviare la scheda entro la scadenza.",
    );
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let first = request.signed(&fixture_key("019035"), "2026-11-01T10:00:00Z");
    let first = write("prima.json", &first);
    let good = write(
        "richiesta.json",
        &request.signed(&fixture_key("019035"), "2026-12-01T10:00:00Z"),
    );
    let other = write(
        "altra.json",
        &request.signed(&fixture_key("019036"), "2026-12-01T10:00:00Z"),
    );
    let fp = read_request(&std::fs::read(&good).unwrap(), None)
        .unwrap()
        .fingerprint;

    // Without a known key, the request is to be checked: its fingerprint against the PEC.
    let out = offerta(&["verify-request", p(&good)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("{}\tvalida\tRichiesta valida del Comune di Crema per il piano 2027, Ambito distrettuale di Crema (Cremasco); scadenza 20/12/2026; impronta {fp}. Comuni indicati dal capofila come proprietari di alloggi, tenuti a rispondere: 24 su 48. Da verificare: è la prima richiesta di questo capofila aperta su questo computer, e chiunque può firmare una richiesta a nome di un capofila. Prima di rispondere confrontare l'impronta della chiave del capofila, {fp}, con quella scritta nella PEC con cui il capofila ha inviato la richiesta (o chiederla al capofila per telefono): se non è la stessa, non usare la richiesta e avvisare il capofila.\n", p(&good))
    );
    let out = offerta(&["verify-request", "--capofila-key", p(&first), p(&good)]);
    assert!(
        stdout(&out).ends_with(&format!("Firmata con la stessa chiave delle richieste precedenti di questo capofila (impronta {fp}).\n")),
        "{}",
        stdout(&out)
    );
    // Without a known key the other key's request verifies; with it, it is refused.
    let out = offerta(&["verify-request", p(&other)]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = offerta(&[
        "verify-request",
        "--capofila-key",
        p(&first),
        p(&good),
        p(&other),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with(&format!("{}\tvalida\t", p(&good))),
        "{lines:?}"
    );
    let refused = read_request(
        &std::fs::read(&other).unwrap(),
        Some(
            &read_request(&std::fs::read(&first).unwrap(), None)
                .unwrap()
                .public_key,
        ),
    )
    .unwrap_err();
    assert_eq!(
        lines[1],
        format!("{}\trifiutata\t{}", p(&other), refused.italian()),
        "the core's message as it is"
    );
    assert!(refused.italian().contains("chiave diversa"), "{refused}");

    // A file that cannot be read, or a known key that is not a request: exit 2, no verdict.
    let missing = dir.join("mancante.json");
    let out = offerta(&["verify-request", p(&good), p(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("mancante.json: impossibile leggere il file"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty(), "no verdict: {}", stdout(&out));
    let out = offerta(&["verify-request", "--capofila-key", p(&missing), p(&good)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty(), "no verdict: {}", stdout(&out));
    let draft = write("bozza.json", &serde_json::to_string(&request).unwrap());
    let out = offerta(&["verify-request", "--capofila-key", p(&draft), p(&good)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bozza.json: non è una richiesta valida del capofila da cui prendere la chiave (la richiesta non è firmata"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty(), "no verdict: {}", stdout(&out));
}

/// Issue #24: each state of a received file has one name, and the CLI says it as the page
/// and the exports do: on the file's line, on the comune's line of the board, in the
/// reminder, in the CSV and in the aggregate. A file waiting for a decision is «in attesa di
/// verifica», not missing, and the plan says it is a draft.
#[test]
fn aggregate_says_each_file_state_with_its_one_name() {
    use offerta_core::fixtures::file_states::{cases, request, ROMANENGO_NAME};
    for (i, case) in cases().into_iter().enumerate() {
        let dir = scratch(&format!("stati-{i}"));
        let name = case.state.name().it;
        let registry = dir.join("registro.json");
        std::fs::write(&registry, case.registry.to_json()).unwrap();
        let request_path = dir.join("richiesta.json");
        std::fs::write(&request_path, request()).unwrap();
        let paths = write_files(&dir, &case.files);
        let (csv, reminder, out_json) = (
            dir.join("piano.csv"),
            dir.join("sollecito.txt"),
            dir.join("piano.json"),
        );
        let mut args = vec![
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            "2021",
            "--registry",
            p(&registry),
            "--request",
            p(&request_path),
            "--reminder",
            p(&reminder),
            "--csv",
            p(&csv),
            "--out",
            p(&out_json),
        ];
        args.extend(paths.iter().map(|x| p(x)));
        let out = offerta(&args);
        assert!(out.status.success(), "{:?}: {}", case.state, stderr(&out));
        let err = stderr(&out);
        let said = |what: &str, ok: bool| {
            assert!(ok, "{:?}: «{name}» not in the {what}:\n{err}", case.state)
        };
        said(
            "file's line",
            err.lines()
                .any(|l| l.starts_with("romanengo") && l.contains(&format!("\t{name}: "))),
        );
        let csv = std::fs::read_to_string(&csv).unwrap();
        said(
            "CSV",
            csv.lines().any(|l| l.split(';').any(|cell| cell == name)),
        );
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out_json).unwrap()).unwrap();
        said(
            "aggregate",
            json["file_ricevuti"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["stato"] == name.as_str()),
        );
        let board_line = err
            .lines()
            .find(|l| l.starts_with(&format!("stato\t{ROMANENGO_NAME}\t")))
            .unwrap();
        // Nothing says the file is Romanengo's: unreadable, or an ALER set aside.
        let unreadable = matches!(
            case.state,
            FileState::Refused(offerta_core::intake::Refusal::Unreadable) | FileState::OtherAler
        );
        if !unreadable {
            said("board", board_line.contains(&format!("({name}")));
        }
        let text = std::fs::read_to_string(&reminder).unwrap();
        let answered = matches!(case.state, FileState::Counted | FileState::Superseded);
        if !answered && !unreadable {
            said(
                "reminder",
                text.contains(&format!("- {ROMANENGO_NAME} ({name})")),
            );
        }
        let waits = case.state.waits_for_decision();
        assert_eq!(
            board_line.contains("\tin attesa di verifica\t"),
            waits,
            "{:?}: {board_line}",
            case.state
        );
        assert_eq!(
            err.contains("Bozza: 1 file in attesa di decisione"),
            waits,
            "{:?}: {err}",
            case.state
        );
        assert_eq!(
            csv.contains("bozza: 1 file in attesa di decisione"),
            waits,
            "{:?}",
            case.state
        );
    }
}

/// While a file waits for the capofila's decision the plan is signed only as a draft, with
/// `--bozza`, and then it says so.
#[test]
fn a_plan_with_a_file_waiting_is_signed_only_with_bozza() {
    let dir = scratch("bozza");
    let (crema_key, signed) = signed_crema(&dir);
    let out_json = dir.join("piano.json");
    let sign = |extra: &[&str]| {
        let mut args = vec![
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            "2021",
            "--sign-key",
            p(&crema_key),
            "--out",
            p(&out_json),
            // Each run replaces the plan of the one before.
            "--sovrascrivi",
        ];
        args.extend(extra);
        args.push(p(&signed));
        offerta(&args)
    };
    // The key is not accepted: the file waits.
    let out = sign(&[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("1 file attendono una decisione del capofila")
            && stderr(&out).contains("--bozza"),
        "{}",
        stderr(&out)
    );
    assert!(!out_json.exists(), "nothing signed");
    let out = sign(&["--bozza"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_json).unwrap()).unwrap();
    assert_eq!(
        json["bozza"],
        serde_json::json!({"file_in_attesa": 1, "nota": "bozza: 1 file in attesa di decisione"})
    );
    assert!(json["proof"].is_object());
    // Once the key is accepted nothing waits, and no flag is needed.
    let out = sign(&["--trust-new-keys"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_json).unwrap()).unwrap();
    assert!(json.get("bozza").is_none());
}

/// A file of a 2026 plan is written in format 4, d) SAP and SAS apart: `offerta sign` signs
/// it as version 4 and `offerta verify` finds it valid; a 2021 file stays version 3.
#[test]
fn a_2026_file_of_format_4_signs_and_verifies() {
    use offerta_core::submission::{UnitsInComune, FORMAT_VERSION};
    let dir = scratch("format4");
    let key = keygen(&dir, "chiave-crema.json", "Comune di Crema", "019035");
    let mut s = offerta_core::demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.id() == "019035")
        .unwrap();
    s.anno_piano = 2026;
    s.assegnate_anno_precedente.anno = 2025;
    let mut s = s.in_current_format();
    s.avvicendamento_sas
        .as_mut()
        .unwrap()
        .per_comune
        .push(UnitsInComune {
            comune: "019035".parse().unwrap(),
            unita: 3,
        });
    let draft = dir.join("bozza-2026.json");
    std::fs::write(&draft, serde_json::to_string_pretty(&s).unwrap()).unwrap();
    let out = offerta(&["sign", "--key", p(&key), p(&draft)]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let signed = dir.join(s.file_name(true));
    let text = std::fs::read_to_string(&signed).unwrap();
    assert!(
        text.contains(&format!("\"versione\": {FORMAT_VERSION}")),
        "{text}"
    );
    assert!(text.contains("\"avvicendamento_sas\""), "{text}");

    let key_file =
        offerta_core::signing::KeyFile::from_json(&std::fs::read_to_string(&key).unwrap()).unwrap();
    let mut registry = TrustRegistry::default();
    registry.accept(
        "019035",
        "Comune di Crema",
        &key_file.chiave_pubblica,
        "2026-11-23",
        "test",
    );
    let registry_path = dir.join("registro.json");
    std::fs::write(&registry_path, registry.to_json()).unwrap();
    let out = offerta(&["verify", "--registry", p(&registry_path), p(&signed)]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("\tvalida\t"), "{}", stdout(&out));

    let (_, signed_2021) = signed_crema(&scratch("format3"));
    let text = std::fs::read_to_string(&signed_2021).unwrap();
    assert!(text.contains("\"versione\": 3"), "{text}");
    assert!(!text.contains("avvicendamento_sas"), "{text}");
}

fn cades_fixture(name: &str) -> String {
    format!("{}/../../tests/cades/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn verify_names_the_signer_of_a_p7m_and_checks_the_submission_inside() {
    let ca = cades_fixture("root-ca.pem");
    let good = cades_fixture("buona-rsa.json.p7m");
    let out = offerta(&[
        "verify",
        "--ca",
        &ca,
        &good,
        &cades_fixture("base64.json.p7m"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    for line in &lines {
        assert!(line.contains("\tfirma-digitale-valida\t"), "{line}");
        assert!(
            line.contains(
                "Firma digitale di MARIO ROSSI (codice fiscale RSSMRA80A01H501U), certificato \
                 qualificato di Offerta Test Trust Service, valido alla data della firma; \
                 revoca non controllata (nessuna lista di revoca caricata per Offerta Test \
                 Trust Service). Comune di Castelleone, scheda del piano 2021: nessun errore."
            ),
            "{line}"
        );
    }
    let two = offerta(&[
        "verify",
        "--ca",
        &ca,
        &cades_fixture("due-firmatari.json.p7m"),
    ]);
    assert_eq!(two.status.code(), Some(0), "{}", stdout(&two));
    assert!(stdout(&two).contains("GIULIA BIANCHI") && stdout(&two).contains("MARIO ROSSI"));

    // Without the anchor, and for each refused case, the line says why and the exit is 1.
    let untrusted = offerta(&["verify", &good]);
    assert_eq!(untrusted.status.code(), Some(1));
    assert!(stdout(&untrusted).contains("\tp7m-ca-non-fidata\tFirma digitale di MARIO ROSSI NON accettata: il certificato di chi ha firmato non è rilasciato da un certificatore fidato"), "{}", stdout(&untrusted));
    for (file, code) in [
        ("scaduta.json.p7m", "p7m-scaduto"),
        ("alterata.json.p7m", "p7m-alterato"),
        ("staccata.json.p7m", "p7m-staccata"),
        ("senza-non-ripudio.json.p7m", "p7m-uso-chiave"),
    ] {
        let out = offerta(&["verify", "--ca", &ca, &cades_fixture(file)]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert!(
            stdout(&out).contains(&format!("\t{code}\t")),
            "{file}: {}",
            stdout(&out)
        );
    }
    let not_a_cert = offerta(&["verify", "--ca", &good, &good]);
    assert_eq!(not_a_cert.status.code(), Some(2));
    assert!(
        stderr(&not_a_cert).contains("non è un certificato leggibile"),
        "{}",
        stderr(&not_a_cert)
    );
}

/// Issue #29: `aggregate` counts a `.p7m` once its signer is recorded for the ente with
/// `trust --accept-signer`; the firma digitale is verified against `--ca`'s anchors.
#[test]
fn aggregate_counts_a_p7m_once_trust_records_its_signer() {
    let dir = scratch("p7m-intake");
    let (ca, good) = (
        cades_fixture("root-ca.pem"),
        cades_fixture("buona-rsa.json.p7m"),
    );
    let registry = dir.join("registro.json");
    let aggregate = |extra: &[&str]| {
        let out_json = dir.join("piano.json");
        let _ = std::fs::remove_file(&out_json);
        let mut args = vec![
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            "2021",
            "--out",
            p(&out_json),
        ];
        args.extend(extra);
        args.push(&good);
        let out = offerta(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out_json).unwrap()).unwrap();
        let line = stderr(&out)
            .lines()
            .find(|l| l.starts_with("buona-rsa.json.p7m\t"))
            .expect("the file's line")
            .to_owned();
        (
            line,
            json["file_ricevuti"][0]["stato"]
                .as_str()
                .unwrap()
                .to_owned(),
        )
    };
    let (line, state) = aggregate(&["--ca", &ca]);
    assert!(
        line.starts_with("buona-rsa.json.p7m\tfirmatario-da-confermare\tfirmatario da confermare: Firma digitale di MARIO ROSSI (codice fiscale RSSMRA80A01H501U)"),
        "{line}"
    );
    assert_eq!(state, "firmatario da confermare");

    // Not without the anchor: the command stops and the registry is not written.
    let refused = offerta(&[
        "trust",
        "--registry",
        p(&registry),
        "--accept-signer",
        &good,
    ]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("Firma digitale NON valida: il certificato di chi ha firmato non è rilasciato da un certificatore fidato"),
        "{}",
        stderr(&refused)
    );
    assert!(!registry.exists());
    let accepted = offerta(&[
        "trust",
        "--registry",
        p(&registry),
        "--note",
        "PEC prot. 12",
        "--ca",
        &ca,
        "--accept-signer",
        &good,
    ]);
    assert!(accepted.status.success(), "{}", stderr(&accepted));
    assert!(
        stdout(&accepted).contains("buona-rsa.json.p7m\tMARIO ROSSI firma per il Comune di Castelleone\tfirmatario registrato\tCodice fiscale: RSSMRA80A01H501U"),
        "{}",
        stdout(&accepted)
    );
    assert!(stdout(&accepted)
        .contains("019025\tComune di Castelleone\tfirmatario MARIO ROSSI (RSSMRA80A01H501U)"));
    let again = offerta(&[
        "trust",
        "--registry",
        p(&registry),
        "--ca",
        &ca,
        "--accept-signer",
        &good,
    ]);
    assert!(
        stdout(&again).contains("\tfirmatario già registrato\t"),
        "{}",
        stdout(&again)
    );

    let (line, state) = aggregate(&["--ca", &ca, "--registry", p(&registry)]);
    assert!(
        line.starts_with(
            "buona-rsa.json.p7m\tfirma-digitale-valida\tconteggiata: Firma digitale di MARIO ROSSI"
        ),
        "{line}"
    );
    assert!(
        line.ends_with("firmatario registrato per questo ente."),
        "{line}"
    );
    assert_eq!(state, "conteggiata");
    // Without the anchor the same file is refused, with the reason.
    let (line, state) = aggregate(&["--registry", p(&registry)]);
    assert!(
        line.starts_with("buona-rsa.json.p7m\tfirma-digitale-non-valida\tscartata: firma non valida: Firma digitale NON valida:"),
        "{line}"
    );
    assert_eq!(state, "scartata: firma non valida");
}

/// Issue #29: the page's bulk confirmation on the command line. `aggregate
/// --confirm-signers-naming-ente` confirms, for this run, every signer whose certificate's
/// organisation names the ente of the submission (Crema's ANNA NERI, Romanengo's PAOLO GIALLI),
/// says who in the page's words, and leaves the others waiting (a technical studio's SARA
/// BLU), as the page does; without the option all three wait.
#[test]
fn aggregate_confirms_the_signers_whose_certificate_names_their_ente() {
    let ca = cades_fixture("enti/root-ca.pem");
    let files = [
        cades_fixture("enti/crema-neri.json.p7m"),
        cades_fixture("enti/romanengo-gialli.json.p7m"),
        cades_fixture("enti/offanengo-blu.json.p7m"),
    ];
    let aggregate = |extra: &[&str]| {
        let mut args = vec![
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            "2021",
            "--ca",
            &ca,
        ];
        args.extend_from_slice(extra);
        args.extend(files.iter().map(String::as_str));
        let out = offerta(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
    };
    let state = |said: &str, file: &str| {
        said.lines()
            .find(|l| l.starts_with(&format!("{file}\t")))
            .unwrap_or_else(|| panic!("{file} in {said}"))
            .split('\t')
            .nth(2)
            .unwrap()
            .split(':')
            .next()
            .unwrap()
            .to_owned()
    };
    let said = aggregate(&[]);
    for file in [
        "crema-neri.json.p7m",
        "romanengo-gialli.json.p7m",
        "offanengo-blu.json.p7m",
    ] {
        assert_eq!(state(&said, file), "firmatario da confermare", "{said}");
    }
    let said = aggregate(&["--confirm-signers-naming-ente"]);
    assert_eq!(state(&said, "crema-neri.json.p7m"), "conteggiata", "{said}");
    assert_eq!(
        state(&said, "romanengo-gialli.json.p7m"),
        "conteggiata",
        "{said}"
    );
    assert_eq!(
        state(&said, "offanengo-blu.json.p7m"),
        "firmatario da confermare",
        "{said}"
    );
    assert!(
        said.contains("ANNA NERI firma per il Comune di Crema"),
        "{said}"
    );
    assert!(
        said.contains("PAOLO GIALLI firma per il Comune di Romanengo"),
        "{said}"
    );
    assert!(!said.contains("SARA BLU firma per"), "{said}");
}

/// Issue #29: a `.p7m` signed after the capofila's clock (Crema's, signed on 6 June 2030 by a
/// signer recorded for Crema) is not refused: `aggregate` holds it as «data da confermare»,
/// in the words of an app-signed file dated ahead, until `--confirm-date`.
#[test]
fn aggregate_holds_a_p7m_dated_ahead_until_its_date_is_confirmed() {
    let dir = scratch("p7m-ahead");
    let (ca, ahead) = (
        cades_fixture("enti/root-ca.pem"),
        cades_fixture("enti/crema-neri-2030.json.p7m"),
    );
    let registry = dir.join("registro.json");
    let accepted = offerta(&[
        "trust",
        "--registry",
        p(&registry),
        "--ca",
        &ca,
        "--accept-signer",
        &ahead,
    ]);
    assert!(accepted.status.success(), "{}", stderr(&accepted));
    let aggregate = |extra: &[&str]| {
        let mut args = vec![
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            "2021",
            "--ca",
            &ca,
            "--registry",
            p(&registry),
            &ahead,
        ];
        args.extend_from_slice(extra);
        let out = offerta(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
            .lines()
            .find(|l| l.starts_with("crema-neri-2030.json.p7m\t"))
            .expect("the file's line")
            .to_owned()
    };
    let line = aggregate(&[]);
    assert!(
        line.starts_with("crema-neri-2030.json.p7m\tfirma-digitale-valida\tdata da confermare: Firmato il 06/06/2030, una data futura rispetto all'orologio di questo computer ("),
        "{line}"
    );
    assert!(
        line.contains("confermare la data o chiedere un file nuovo"),
        "{line}"
    );
    let line = aggregate(&["--confirm-date", &ahead]);
    assert!(
        line.starts_with("crema-neri-2030.json.p7m\tfirma-digitale-valida\tconteggiata: "),
        "{line}"
    );
}

/// `verify-request` reads a `.p7m` with the page's core (`read_request_p7m`): the firma
/// digitale checked first (an altered file refused as altered), then the content as a
/// request (a signed scheda is no request). A valid one is tested in the core
/// (`request::firma_digitale`), signed at test time.
#[test]
fn verify_request_reads_a_p7m_with_the_same_core() {
    let out = offerta(&["verify-request", &cades_fixture("alterata.json.p7m")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\trifiutata\tIl file è stato alterato dopo la firma"),
        "{}",
        stdout(&out)
    );
    let out = offerta(&["verify-request", &cades_fixture("buona-rsa.json.p7m")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let line = stdout(&out);
    assert!(
        line.contains("\trifiutata\t") && line.contains("scheda"),
        "{line}"
    );
}

/// Issue #29: `--crl` (repeatable) for verify, aggregate and trust: the revocation fixtures of
/// tests/cades/revoca/ (MARIO ROSSI's file, his chain's root, its revocation lists).
#[test]
fn crl_refuses_a_revoked_signer_and_says_not_revoked_otherwise_in_every_command() {
    let revoca = |name: &str| cades_fixture(&format!("revoca/{name}"));
    let (ca, file) = (revoca("root-ca.pem"), revoca("firmata.json.p7m"));
    let revoked_words = "Firma digitale di MARIO ROSSI NON accettata: il certificato di firma di MARIO ROSSI è stato revocato il ";
    let listed =
        "(lista di revoca di Offerta Test Revoca Trust Service del 01/12/2026): la firma non vale";

    let out = offerta(&[
        "verify",
        "--ca",
        &ca,
        "--crl",
        &revoca("revocato.crl"),
        &file,
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("\tp7m-revocato\t"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains(revoked_words), "{}", stdout(&out));
    assert!(stdout(&out).contains(listed), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("revocato.crl: lista di revoca di Offerta Test Revoca Trust Service: lista del 01/12/2026, prossimo aggiornamento 31/12/2035, 2 certificati revocati; in vigore"),
        "{}",
        stderr(&out)
    );

    let out = offerta(&[
        "verify",
        "--ca",
        &ca,
        "--crl",
        &revoca("scaduta.crl"),
        "--crl",
        &revoca("non-revocato.crl"),
        &file,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("valido alla data della firma; non revocato secondo la lista di revoca di Offerta Test Revoca Trust Service del 01/12/2026."),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("scaduta.crl: lista di revoca di Offerta Test Revoca Trust Service: lista del 01/01/2025, prossimo aggiornamento 01/02/2025, 1 certificato revocato; scaduta: non usata"), "{}", stderr(&out));

    // A list that is not one stops the command before any verdict.
    let out = offerta(&[
        "verify",
        "--ca",
        &ca,
        "--crl",
        &revoca("non-crl.crl"),
        &file,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("non-crl.crl: lista di revoca rifiutata: il file non è una lista di revoca (CRL) leggibile"), "{}", stderr(&out));
    let out = offerta(&["verify", "--ca", &ca, "--crl", &revoca("delta.crl"), &file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("delta CRL"), "{}", stderr(&out));

    // trust --accept-signer does not record a revoked signer; it records a clean one.
    let dir = scratch("crl");
    let registry = dir.join("registro.json");
    let refused = offerta(&[
        "trust",
        "--registry",
        p(&registry),
        "--ca",
        &ca,
        "--crl",
        &revoca("revocato.crl"),
        "--accept-signer",
        &file,
    ]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("il certificato di firma di MARIO ROSSI è stato revocato il "),
        "{}",
        stderr(&refused)
    );
    assert!(!registry.exists());
    let accepted = offerta(&[
        "trust",
        "--registry",
        p(&registry),
        "--ca",
        &ca,
        "--crl",
        &revoca("non-revocato.crl"),
        "--accept-signer",
        &file,
    ]);
    assert!(accepted.status.success(), "{}", stderr(&accepted));

    // aggregate: counted with the clean list (the same words), refused with the revoking one.
    let aggregate = |crl: &str| {
        let out_json = dir.join("piano.json");
        let _ = std::fs::remove_file(&out_json);
        let out = offerta(&[
            "aggregate",
            "--ambito",
            "crema",
            "--year",
            "2021",
            "--out",
            p(&out_json),
            "--registry",
            p(&registry),
            "--ca",
            &ca,
            "--crl",
            &revoca(crl),
            &file,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
            .lines()
            .find(|l| l.starts_with("firmata.json.p7m\t"))
            .expect("the file's line")
            .to_owned()
    };
    let line = aggregate("non-revocato.crl");
    assert!(
        line.starts_with("firmata.json.p7m\tfirma-digitale-valida\tconteggiata: "),
        "{line}"
    );
    assert!(line.contains("; non revocato secondo la lista di revoca di Offerta Test Revoca Trust Service del 01/12/2026; firmatario registrato"), "{line}");
    let line = aggregate("revocato.crl");
    assert!(line.starts_with("firmata.json.p7m\tfirma-digitale-non-valida\tscartata: firma non valida: Firma digitale NON valida: il certificato di firma di MARIO ROSSI è stato revocato il "), "{line}");
    assert!(line.contains(listed), "{line}");
}
