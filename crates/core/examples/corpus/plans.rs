//! Writes tests/corpus/piani/: every kind of file a capofila may load as last year's plan
//! by mistake or by malice (issue #25), each with its expected outcome for
//! `offerta aggregate --ambito crema --year 2021 --registry registro.json --previous FILE`:
//! `verificato` (the capofila's known key), `non-verificato` (shown, marked, never a source
//! of owners) or `rifiutato`, with the reason (from its second word: the CLI capitalises the
//! first).

use std::path::Path;

use offerta_core::demo::{self, fixture_key};
use offerta_core::intake::Intake;
use offerta_core::signing::multikey::public_key_multibase;
use offerta_core::signing::{fingerprint, sign_document, SigningKey};

/// When the genuine plan of 2020 was signed (a fixed moment: the same bytes on every run).
const SIGNED_AT: &str = "2020-01-28T10:00:00Z";

/// Crema's plan of `year` (the demo's answers), unsigned, as a JSON value.
fn plan_value(year: u16) -> serde_json::Value {
    let ambito = offerta_core::ambiti::preset("crema").unwrap();
    let mut subs = demo::crema_2021();
    for s in &mut subs {
        s.anno_piano = year;
    }
    let intake = Intake::new(ambito.clone(), year, Default::default());
    let plan = offerta_core::aggregate(&subs, Some(&ambito));
    serde_json::from_str(&offerta_core::plan_outputs::aggregate_text(
        &intake,
        &plan,
        &offerta_core::plan_outputs::default_texts(&intake),
    ))
    .unwrap()
}

fn sign(value: serde_json::Value, key: &SigningKey, created: &str) -> Vec<u8> {
    let serde_json::Value::Object(document) = value else {
        unreachable!("a plan is an object")
    };
    serde_json::to_string_pretty(&sign_document(document, key, created))
        .unwrap()
        .into_bytes()
}

fn impronta(key: &SigningKey) -> String {
    fingerprint(&public_key_multibase(&key.verifying_key()))
}

pub fn write(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let capofila = fixture_key("019035");
    let (unknown, izano) = (fixture_key("chiave-sconosciuta"), fixture_key("019054"));
    let genuine = sign(plan_value(2020), &capofila, SIGNED_AT);
    let mut cases: Vec<(&str, Vec<u8>, &str, String)> = Vec::new();
    let mut add = |name: &'static str, bytes: Vec<u8>, code: &'static str, reason: String| {
        cases.push((name, bytes, code, reason))
    };
    add("valido.json", genuine.clone(), "verificato",
        "verificato: firmato il 28/01/2020 con la chiave del capofila (registrata nel registro delle chiavi)".into());
    add(
        "anno-saltato.json",
        sign(plan_value(2019), &capofila, "2019-01-28T10:00:00Z"),
        "verificato",
        "piano di confronto è del 2019, non dell'anno precedente (2020)".into(),
    );
    add("chiave-sconosciuta.json", sign(plan_value(2020), &unknown, SIGNED_AT), "non-verificato",
        format!("NON VERIFICATO: firmato con una chiave che non è quella nota del capofila (Comune di Crema, 019035), impronta {}: il registro delle chiavi ha un'altra chiave del capofila", impronta(&unknown)));
    add("chiave-di-un-comune.json", sign(plan_value(2020), &izano, SIGNED_AT), "non-verificato",
        format!("NON VERIFICATO: firmato con una chiave che non è quella nota del capofila (Comune di Crema, 019035), impronta {}: è la chiave registrata per Comune di Izano (019054), non per il capofila", impronta(&izano)));
    add(
        "anno-2000.json",
        sign(plan_value(2000), &capofila, "2000-01-28T10:00:00Z"),
        "rifiutato",
        "dice di essere del 2000, prima del primo piano che questa app conosce (2019)".into(),
    );
    add(
        "anno-corrente.json",
        sign(plan_value(2021), &capofila, "2021-01-28T10:00:00Z"),
        "rifiutato",
        "non di un anno precedente al piano 2021: caricare il piano del 2020".into(),
    );
    for (name, created, reason) in [
        (
            "firmato-1970.json",
            "1970-01-01T00:00:00Z",
            "del 2020 dice di essere stato firmato il 01/01/1970",
        ),
        (
            "firmato-2999.json",
            "2999-01-01T00:00:00Z",
            "del 2020 dice di essere stato firmato il 01/01/2999",
        ),
        (
            "data-non-data.json",
            "not a date",
            "(«not a date») non è una data e ora completa di fuso orario\tRFC 3339",
        ),
        (
            "data-senza-fuso.json",
            "2020-01-28T10:00:00",
            "(«2020-01-28T10:00:00») non è una data e ora completa di fuso orario\tRFC 3339",
        ),
    ] {
        add(
            name,
            sign(plan_value(2020), &capofila, created),
            "rifiutato",
            reason.into(),
        );
    }
    let mut other = plan_value(2020);
    other["ambito"] = "cremona".into();
    add(
        "altro-ambito.json",
        sign(other, &capofila, SIGNED_AT),
        "rifiutato",
        "è dell'ambito «cremona», non di questo («crema»)".into(),
    );
    // One ente's figures changed after the signature, the rest as signed.
    let mut altered: serde_json::Value = serde_json::from_slice(&genuine).unwrap();
    altered["piano"]["per_ente"][0]["ente"] = "Comune di Crema (modificato)".into();
    let altered = serde_json::to_vec_pretty(&altered).unwrap();
    add(
        "alterato.json",
        altered,
        "rifiutato",
        "piano è stato modificato dopo la firma".into(),
    );
    add(
        "non-firmato.json",
        serde_json::to_vec_pretty(&plan_value(2020)).unwrap(),
        "rifiutato",
        "piano non è firmato".into(),
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
        "rifiutato",
        "file è la scheda di un ente (Comune di Castelleone, piano 2021)".into(),
    );

    std::fs::write(
        dir.join("registro.json"),
        demo::crema_2021_signed_files().1.to_json(),
    )
    .unwrap();
    let mut expected = String::from(
        "# file\toutcome (offerta aggregate --ambito crema --year 2021 --registry registro.json --previous FILE)\treason (substring of the Italian message)\ttechnical detail (substring, behind «dettagli tecnici»; optional)\n",
    );
    for (name, bytes, code, reason) in &cases {
        std::fs::write(dir.join(name), bytes).unwrap();
        expected.push_str(&format!("{name}\t{code}\t{reason}\n"));
    }
    std::fs::write(dir.join("expected.tsv"), expected).unwrap();
    println!(
        "{} previous plans written to {}",
        cases.len(),
        dir.display()
    );
}
