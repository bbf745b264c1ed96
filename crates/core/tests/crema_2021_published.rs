//! Every row of every table of the published Crema 2021 plan (sections a-k, per ente and per
//! comune), not only the totals: aggregating the demo answers must give exactly these rows,
//! no more and no fewer. The figures are those of docs/DOMAIN.md, section 8.

use std::collections::BTreeMap;

use offerta_core::aggregate::{aggregate, Plan};
use offerta_core::{ambiti, demo};

fn plan() -> Plan {
    aggregate(&demo::crema_2021(), ambiti::preset("crema").as_ref())
}

/// "ALER" stands for the ALER's name; any other name is a comune's ("Comune di ...").
fn ente(name: &str) -> String {
    if name == "ALER" {
        demo::ALER_NAME.to_owned()
    } else {
        format!("Comune di {name}")
    }
}

/// Rows keyed by (ente, comune) with their non-zero figure.
type Rows = BTreeMap<(String, String), u64>;

fn expected(rows: &[(&str, &str, u64)]) -> Rows {
    rows.iter()
        .map(|&(e, c, n)| ((ente(e), c.to_owned()), n))
        .collect()
}

fn per_comune(plan: &Plan, figure: fn(&offerta_core::aggregate::ComuneFigures) -> u64) -> Rows {
    let mut rows = Rows::new();
    for r in &plan.per_comune {
        let n = figure(r);
        if n > 0 {
            *rows
                .entry((r.ente.clone(), r.comune_nome.clone()))
                .or_default() += n;
        }
    }
    rows
}

const UNSPLIT: &str = "(non ripartite per comune)";

#[test]
fn section_a_every_owner_with_total_sap_and_sas() {
    let published: &[(&str, u64, u64, u64)] = &[
        ("ALER", 1006, 997, 9),
        ("Bagnolo Cremasco", 18, 18, 0),
        ("Casale Cremasco-Vidolasco", 8, 8, 0),
        ("Casaletto Ceredano", 7, 7, 0),
        ("Casaletto di Sopra", 2, 2, 0),
        ("Castelleone", 42, 42, 0),
        ("Crema", 358, 353, 5),
        ("Cremosano", 7, 7, 0),
        ("Gombito", 10, 10, 0),
        ("Izano", 6, 6, 0),
        ("Madignano", 11, 11, 0),
        ("Montodine", 2, 2, 0),
        ("Offanengo", 14, 14, 0),
        ("Pandino", 15, 15, 0),
        ("Pianengo", 15, 15, 0),
        ("Rivolta d'Adda", 43, 43, 0),
        ("Romanengo", 22, 22, 0),
        ("Sergnano", 6, 0, 6),
        ("Soncino", 58, 58, 0),
        ("Spino d'Adda", 15, 15, 0),
        ("Torlino Vimercati", 3, 3, 0),
        ("Trigolo", 5, 4, 1),
        ("Vaiano Cremasco", 9, 9, 0),
        ("Vailate", 17, 17, 0),
    ];
    let plan = plan();
    let mut expected: Vec<(String, u64, u64, u64)> = published
        .iter()
        .map(|&(e, t, sap, sas)| (ente(e), t, sap, sas))
        .collect();
    let mut got: Vec<(String, u64, u64, u64)> = plan
        .per_ente
        .iter()
        .map(|o| {
            (
                o.ente.clone(),
                o.consistenza_totale,
                o.consistenza_sap,
                o.consistenza_sas,
            )
        })
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    let t = &plan.totale;
    assert_eq!(
        (t.consistenza_totale, t.consistenza_sap, t.consistenza_sas),
        (1699, 1678, 21)
    );
}

#[test]
fn section_b_poor_repair_per_ente_and_comune() {
    let plan = plan();
    assert_eq!(
        per_comune(&plan, |r| r.carenza_manutentiva),
        expected(&[
            ("ALER", "Castelleone", 1),
            ("ALER", "Crema", 1),
            ("ALER", "Offanengo", 1),
            ("ALER", "Pandino", 1),
            ("ALER", "Vaiano Cremasco", 1),
            ("Crema", "Crema", 4),
        ])
    );
    assert_eq!(plan.totale.carenza_manutentiva, 9);
}

#[test]
fn section_c_new_building_per_ente_and_comune() {
    let plan = plan();
    let c = expected(&[
        ("ALER", "Crema", 22),
        ("ALER", "Offanengo", 2),
        ("ALER", "Ripalta Cremasca", 1),
        ("Castelleone", "Castelleone", 2),
        ("Crema", "Crema", 28),
    ]);
    assert_eq!(per_comune(&plan, |r| r.nuova_edificazione), c);
    let mut works = Rows::new();
    for w in &plan.interventi {
        *works
            .entry((w.ente.clone(), w.comune_nome.clone()))
            .or_default() += w.unita;
    }
    assert_eq!(works, c, "the rows by kind of work add up to the same");
    assert_eq!(plan.totale.nuova_edificazione, 55);
}

#[test]
fn section_d_turnover_with_the_alers_unsplit_total() {
    let plan = plan();
    assert_eq!(
        per_comune(&plan, |r| r.avvicendamento),
        expected(&[
            ("ALER", UNSPLIT, 41),
            ("Bagnolo Cremasco", "Bagnolo Cremasco", 1),
            ("Casaletto di Sopra", "Casaletto di Sopra", 1),
            ("Crema", "Crema", 2),
            ("Gombito", "Gombito", 1),
            ("Izano", "Izano", 1),
            ("Spino d'Adda", "Spino d'Adda", 1),
            ("Vaiano Cremasco", "Vaiano Cremasco", 1),
            ("Vailate", "Vailate", 1),
        ])
    );
    assert_eq!(plan.totale.avvicendamento, 50);
}

#[test]
fn section_e_no_units_from_private_parties() {
    let plan = plan();
    assert!(per_comune(&plan, |r| r.conferite_da_privati).is_empty());
    assert_eq!(plan.totale.conferite_da_privati, 0);
}

#[test]
fn section_f_assignable_units_per_ente() {
    let plan = plan();
    let got: BTreeMap<String, u64> = plan
        .per_ente
        .iter()
        .filter(|o| o.totale_assegnabili > 0)
        .map(|o| (o.ente.clone(), o.totale_assegnabili))
        .collect();
    let published: BTreeMap<String, u64> = [
        ("ALER", 71),
        ("Bagnolo Cremasco", 1),
        ("Casaletto di Sopra", 1),
        ("Castelleone", 2),
        ("Crema", 34),
        ("Gombito", 1),
        ("Izano", 1),
        ("Spino d'Adda", 1),
        ("Vaiano Cremasco", 1),
        ("Vailate", 1),
    ]
    .iter()
    .map(|&(e, n)| (ente(e), n))
    .collect();
    assert_eq!(got, published);
    assert_eq!(plan.totale.totale_assegnabili, 114);
    // Per comune, f is b + c + d + e of each row and adds up to the same total.
    let per_comune_f: u64 = plan.per_comune.iter().map(|r| r.totale_assegnabili).sum();
    assert_eq!(per_comune_f, 114);
}

#[test]
fn sections_g_h_i_the_choices_of_the_comuni() {
    let plan = serde_json::to_value(plan()).unwrap();
    let quote = plan["quote"].as_array().unwrap();
    let chosen: Vec<(
        String,
        serde_json::Value,
        serde_json::Value,
        serde_json::Value,
    )> = quote
        .iter()
        .map(|q| {
            (
                q["ente"].as_str().unwrap().to_owned(),
                q["soglia_indigenza_percento"].clone(),
                q["categoria_aggiuntiva"].clone(),
                q["forze_polizia_percento"].clone(),
            )
        })
        .collect();
    use serde_json::{json, Value};
    assert_eq!(
        chosen,
        [
            // g) no comune above the default share; i) Castelleone 10%.
            (ente("Castelleone"), Value::Null, Value::Null, json!(10)),
            // h) Vaiano Cremasco: famiglie numerose.
            (
                ente("Vaiano Cremasco"),
                Value::Null,
                json!("famiglie numerose"),
                Value::Null
            ),
        ]
    );
}

#[test]
fn section_j_transitional_units_per_comune() {
    let plan = plan();
    assert_eq!(
        per_comune(&plan, |r| r.transitori),
        expected(&[
            ("Bagnolo Cremasco", "Bagnolo Cremasco", 1),
            ("Crema", "Crema", 14),
        ])
    );
    assert_eq!(plan.totale.transitori, 15);
}

#[test]
fn section_k_assignments_of_2020_per_ente() {
    let plan = plan();
    let got: Vec<(String, u64, u64, u64)> = plan
        .per_ente
        .iter()
        .filter(|o| o.assegnate_totale > 0)
        .map(|o| {
            (
                o.ente.clone(),
                o.assegnate_ordinarie,
                o.assegnate_in_deroga,
                o.assegnate_totale,
            )
        })
        .collect();
    let mut published: Vec<(String, u64, u64, u64)> = [
        ("ALER", 5, 0, 5),
        ("Castelleone", 1, 0, 1),
        ("Crema", 4, 0, 4),
        ("Pianengo", 1, 0, 1),
        ("Vaiano Cremasco", 1, 0, 1),
    ]
    .iter()
    .map(|&(e, o, d, t)| (ente(e), o, d, t))
    .collect();
    let mut got = got;
    got.sort();
    published.sort();
    assert_eq!(got, published);
    let t = &plan.totale;
    assert_eq!(
        (
            t.assegnate_ordinarie,
            t.assegnate_in_deroga,
            t.assegnate_totale
        ),
        (12, 0, 12)
    );
}
