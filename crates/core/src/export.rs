//! The plan's tables in the shapes a capofila hands on: generic tables (what the page, the
//! printout, the XLSX and the CSV all show), XLSX with one sheet per section, CSV for Italian
//! Excel, and the aggregate JSON the capofila signs.

use rust_xlsxwriter::{Format, Workbook};
use serde::Serialize;
use serde_json::{json, Value};

use crate::aggregate::{ComuneFigures, OwnerFigures, Plan};
use crate::intake::{Disposition, ReceivedFile};
use crate::submission::Intervento;

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Count(u64),
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Short id, also the XLSX sheet name (at most 31 characters).
    pub sheet: &'static str,
    pub title: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    /// A last row of totals, when the section has one.
    pub total: Option<Vec<Cell>>,
}

fn count_rows(
    plan: &Plan,
    pick: fn(&ComuneFigures) -> u64,
    total: &str,
) -> (Vec<Vec<Cell>>, Vec<Cell>) {
    let rows: Vec<Vec<Cell>> = plan
        .per_comune
        .iter()
        .filter(|r| pick(r) > 0)
        .map(|r| {
            vec![
                Cell::text(&r.ente),
                Cell::text(&r.comune_nome),
                Cell::Count(pick(r)),
            ]
        })
        .collect();
    let sum = plan.per_comune.iter().map(pick).sum();
    (
        rows,
        vec![Cell::text(total), Cell::text(""), Cell::Count(sum)],
    )
}

fn percent(p: Option<u8>) -> Cell {
    Cell::text(p.map(|p| format!("{p}%")).unwrap_or_default())
}

fn intervento_en(i: Intervento) -> &'static str {
    match i {
        Intervento::NuovaEdificazione => "new building",
        Intervento::Ristrutturazione => "renovation",
        Intervento::Recupero => "recovery",
        Intervento::Riqualificazione => "requalification",
    }
}

/// Every section of the plan as a table, in the order of the published plans: the official
/// Italian document, as printed and exported.
pub fn tables(plan: &Plan) -> Vec<Table> {
    tables_in(plan, false)
}

/// The same tables with English titles, headers and labels, for a page shown in English
/// (the exports stay Italian). Sheet ids and figures are the same as in [`tables`].
pub fn tables_en(plan: &Plan) -> Vec<Table> {
    tables_in(plan, true)
}

fn tables_in(plan: &Plan, english: bool) -> Vec<Table> {
    // Each text in Italian and English side by side.
    let w = |it: &'static str, en: &'static str| if english { en } else { it };
    let total = w("Totale", "Total");
    let owner = w("Ente proprietario", "Owner");
    let per_comune_section = |sheet, title: &str, pick| {
        let (rows, total) = count_rows(plan, pick, total);
        Table {
            sheet,
            title: title.into(),
            headers: vec![owner, "Comune", w("Unità", "Units")],
            rows,
            total: Some(total),
        }
    };
    // A table per owner: the same figures for each owner shown (`shown`) and for the total.
    let per_owner = |shown: fn(&OwnerFigures) -> bool, pick: fn(&OwnerFigures) -> Vec<u64>| {
        let row = |label: &str, o: &OwnerFigures| {
            std::iter::once(Cell::text(label))
                .chain(pick(o).into_iter().map(Cell::Count))
                .collect::<Vec<_>>()
        };
        let rows = plan
            .per_ente
            .iter()
            .filter(|o| shown(o))
            .map(|o| row(&o.ente, o))
            .collect();
        (rows, Some(row(total, &plan.totale)))
    };
    let (rows_a, total_a) = per_owner(
        |_| true,
        |o| vec![o.consistenza_totale, o.consistenza_sap, o.consistenza_sas],
    );
    let (rows_f, total_f) = per_owner(
        |o| o.totale_assegnabili > 0,
        |o| {
            vec![
                o.carenza_manutentiva,
                o.nuova_edificazione,
                o.avvicendamento,
                o.conferite_da_privati,
                o.totale_assegnabili,
            ]
        },
    );
    let (rows_k, total_k) = per_owner(
        |o| o.assegnate_totale > 0,
        |o| {
            vec![
                o.assegnate_ordinarie,
                o.assegnate_in_deroga,
                o.assegnate_totale,
            ]
        },
    );
    let t = &plan.totale;
    let mut out = vec![Table {
        sheet: "a Consistenza",
        title: w(
            "a) Consistenza del patrimonio per ente proprietario",
            "a) Housing stock per owner",
        )
        .into(),
        headers: vec![
            owner,
            w("Totale alloggi", "Total units"),
            w("di cui SAP", "of which SAP"),
            w("di cui SAS", "of which SAS"),
        ],
        rows: rows_a,
        total: total_a,
    }];
    out.push(per_comune_section(
        "b Carenza manutentiva",
        w(
            "b) Unità in carenza manutentiva assegnabili nello stato di fatto (art. 10 r.r. 4/2017)",
            "b) Units in poor repair assignable as they are (art. 10 r.r. 4/2017)",
        ),
        |r| r.carenza_manutentiva,
    ));
    out.push(Table {
        sheet: "c Nuova edificazione",
        title: w(
            "c) Unità da nuova edificazione, ristrutturazione, recupero, riqualificazione",
            "c) Units from new building, renovation, recovery, requalification",
        )
        .into(),
        headers: vec![
            owner,
            "Comune",
            w("Intervento", "Kind of work"),
            w("Unità", "Units"),
        ],
        rows: plan
            .interventi
            .iter()
            .map(|i| {
                vec![
                    Cell::text(&i.ente),
                    Cell::text(&i.comune_nome),
                    Cell::text(w(i.intervento.label_it(), intervento_en(i.intervento))),
                    Cell::Count(i.unita),
                ]
            })
            .collect(),
        total: Some(vec![
            Cell::text(total),
            Cell::text(""),
            Cell::text(""),
            Cell::Count(t.nuova_edificazione),
        ]),
    });
    out.push(per_comune_section(
        "d Avvicendamento",
        w(
            "d) Unità che si prevede si liberino per avvicendamento",
            "d) Units expected to free up through turnover",
        ),
        |r| r.avvicendamento,
    ));
    out.push(per_comune_section(
        "e Conferite da privati",
        w(
            "e) Unità conferite da privati (art. 23 c.2 l.r. 16/2016)",
            "e) Units given by private parties (art. 23 c.2 l.r. 16/2016)",
        ),
        |r| r.conferite_da_privati,
    ));
    out.push(Table {
        sheet: "f Assegnabili per ente",
        title: w(
            "f) Totale unità assegnabili nell'anno per ente proprietario (f = b + c + d + e)",
            "f) Total units assignable in the year per owner (f = b + c + d + e)",
        )
        .into(),
        headers: vec![owner, "b", "c", "d", "e", "f"],
        rows: rows_f,
        total: total_f,
    });
    out.push(per_comune_section(
        "f Assegnabili per comune",
        w(
            "f) Totale unità assegnabili nell'anno per ente e comune",
            "f) Total units assignable in the year per owner and comune",
        ),
        |r| r.totale_assegnabili,
    ));
    out.push(Table {
        sheet: "g-h-i Quote",
        title: w(
            "g) soglia indigenza, h) categoria aggiuntiva, i) Forze di Polizia / Polizia Locale: scelte e quote in unità",
            "g) indigenza threshold, h) additional category, i) police / local police: choices and quotas in units",
        )
        .into(),
        headers: vec![
            "Ente",
            w("g) soglia indigenza", "g) indigenza threshold"),
            w("unità indigenza", "indigenza units"),
            w("h) categoria aggiuntiva", "h) additional category"),
            w("motivazione", "motivation"),
            w("i) Forze di Polizia", "i) police"),
            w("i) Polizia Locale", "i) local police"),
            w("unità Forze di Polizia + Polizia Locale", "police + local police units"),
            w("categorie art. 14", "art. 14 categories"),
        ],
        rows: plan
            .quote
            .iter()
            .map(|q| {
                vec![
                    Cell::text(&q.ente),
                    percent(q.soglia_indigenza_percento),
                    Cell::Count(q.quote.indigenza),
                    Cell::text(q.categoria_aggiuntiva.clone().unwrap_or_default()),
                    Cell::text(q.categoria_aggiuntiva_motivazione.clone().unwrap_or_default()),
                    percent(q.forze_polizia_percento),
                    percent(q.polizia_locale_percento),
                    Cell::Count(q.quote.forze_polizia + q.quote.polizia_locale),
                    percent(q.categorie_art14_percento),
                ]
            })
            .collect(),
        total: None,
    });
    out.push(per_comune_section(
        "j Transitori",
        w(
            "j) Unità destinate a servizi abitativi transitori (art. 23 c.13 l.r. 16/2016)",
            "j) Units for transitional housing (art. 23 c.13 l.r. 16/2016)",
        ),
        |r| r.transitori,
    ));
    let previous_year = plan
        .anno_piano
        .map(|y| format!(" ({})", y - 1))
        .unwrap_or_default();
    out.push(Table {
        sheet: "k Assegnate anno prec.",
        title: format!(
            "{}{previous_year}",
            w(
                "k) Unità SAP assegnate nell'anno precedente",
                "k) SAP units assigned in the previous year"
            )
        ),
        headers: vec![
            owner,
            w("Ordinarie", "Ordinary"),
            w("In deroga", "By exception"),
            total,
        ],
        rows: rows_k,
        total: total_k,
    });
    let share = if plan.comuni_ambito > 0 {
        format!(
            "{} {} {} ({}%)",
            plan.comuni_con_patrimonio,
            w("su", "of"),
            plan.comuni_ambito,
            plan.comuni_con_patrimonio * 100 / plan.comuni_ambito
        )
    } else {
        plan.comuni_con_patrimonio.to_string()
    };
    let mut answers = vec![vec![
        Cell::text(w("Comuni con patrimonio", "Comuni with housing stock")),
        Cell::text(share),
    ]];
    let labelled = |label: &str, comuni: &[String]| -> Vec<Vec<Cell>> {
        comuni
            .iter()
            .map(|c| vec![Cell::text(label), Cell::text(c)])
            .collect()
    };
    answers.extend(labelled(
        w(
            "Inadempiente (nessuna scheda)",
            "Did not answer (no submission)",
        ),
        &plan.inadempienti,
    ));
    answers.extend(labelled(
        w("Nessun patrimonio dichiarato", "No housing stock declared"),
        &plan.nessun_patrimonio,
    ));
    out.push(Table {
        sheet: "Ricognizione",
        title: w(
            "Esito della ricognizione: comuni inadempienti e comuni senza patrimonio",
            "Outcome of the survey: comuni that did not answer and comuni without housing stock",
        )
        .into(),
        headers: vec![w("Voce", "Item"), w("Comune / valore", "Comune / value")],
        rows: answers,
        total: None,
    });
    out
}

/// A spreadsheet cell must not start a formula when a user opens the CSV (CWE-1236).
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// All tables in one CSV for Italian Excel: UTF-8 with BOM, `;` separated, a title line
/// before each table and an empty line after.
pub fn csv(plan: &Plan) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(Vec::new());
    for table in tables(plan) {
        let line = |cells: &[Cell]| -> Vec<String> {
            cells
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => neutralise(t),
                    Cell::Count(n) => n.to_string(),
                })
                .collect()
        };
        let _ = writer.write_record([neutralise(&table.title)]);
        let _ = writer.write_record(&table.headers);
        for row in &table.rows {
            let _ = writer.write_record(line(row));
        }
        if let Some(total) = &table.total {
            let _ = writer.write_record(line(total));
        }
        let _ = writer.write_record([""]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// One sheet per section. Text is always written as text, never as a formula.
pub fn xlsx(plan: &Plan) -> Result<Vec<u8>, String> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let err = |e: rust_xlsxwriter::XlsxError| format!("impossibile scrivere il file Excel: {e}");
    for table in tables(plan) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.sheet).map_err(err)?;
        sheet
            .write_string_with_format(0, 0, &table.title, &bold)
            .map_err(err)?;
        for (c, h) in table.headers.iter().enumerate() {
            sheet
                .write_string_with_format(2, c as u16, *h, &bold)
                .map_err(err)?;
        }
        let rows = table
            .rows
            .iter()
            .map(|r| (r, false))
            .chain(table.total.iter().map(|r| (r, true)));
        for (i, (row, is_total)) in rows.enumerate() {
            let r = 3 + i as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match (cell, is_total) {
                    (Cell::Text(t), false) => sheet.write_string(r, c, t).map(|_| ()),
                    (Cell::Text(t), true) => {
                        sheet.write_string_with_format(r, c, t, &bold).map(|_| ())
                    }
                    (Cell::Count(n), false) => sheet.write_number(r, c, *n as f64).map(|_| ()),
                    (Cell::Count(n), true) => sheet
                        .write_number_with_format(r, c, *n as f64, &bold)
                        .map(|_| ()),
                }
                .map_err(err)?;
            }
        }
        sheet.set_column_width(0, 34).map_err(err)?;
        sheet.set_column_width(1, 24).map_err(err)?;
    }
    workbook.save_to_buffer().map_err(err)
}

pub const PLAN_FORMAT_NAME: &str = "offerta-abitativa/piano";
pub const PLAN_FORMAT_VERSION: u32 = 1;

/// The aggregate the capofila signs: the plan and what happened to every file received.
/// Nothing in it depends on when it is made, so the page and the CLI produce the same JSON.
pub fn aggregate_json(plan: &Plan, received: &[ReceivedFile]) -> Value {
    let files: Vec<Value> = received
        .iter()
        .map(|f| {
            let (stato, motivo) = match &f.disposition {
                Disposition::Conteggiata => ("conteggiata", None),
                Disposition::Sostituita(by) => ("sostituita", Some(format!("sostituita da {by}"))),
                Disposition::Accantonata(m) => ("accantonata", Some(m.it.clone())),
                Disposition::ChiaveDaAccettare => {
                    ("chiave-da-accettare", Some(f.verified.outcome.message().it))
                }
                Disposition::Scartata(m) => ("scartata", Some(m.it.clone())),
            };
            json!({
                "nome": f.name,
                "ente": f.ente_name(),
                "esito": f.verified.outcome.code(),
                "stato": stato,
                "motivo": motivo,
                "impronta": f.verified.fingerprint,
                "firmata_il": f.verified.signed_at,
            })
        })
        .collect();
    json!({
        "formato": PLAN_FORMAT_NAME,
        "versione": PLAN_FORMAT_VERSION,
        "ambito": plan.ambito,
        "anno_piano": plan.anno_piano,
        "file_ricevuti": files,
        "piano": plan,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{aggregate, ambiti, demo};

    fn crema_plan() -> Plan {
        aggregate(&demo::crema_2021(), ambiti::preset("crema").as_ref())
    }

    #[test]
    fn tables_cover_every_section_with_the_published_totals() {
        let tables = tables(&crema_plan());
        let sheets: Vec<&str> = tables.iter().map(|t| t.sheet).collect();
        for s in [
            "a Consistenza",
            "b Carenza manutentiva",
            "c Nuova edificazione",
            "d Avvicendamento",
            "e Conferite da privati",
            "f Assegnabili per ente",
            "g-h-i Quote",
            "j Transitori",
            "k Assegnate anno prec.",
            "Ricognizione",
        ] {
            assert!(sheets.contains(&s), "{s}");
        }
        assert!(
            sheets.iter().all(|s| s.chars().count() <= 31),
            "Excel sheet names"
        );
        let total = |sheet: &str| {
            tables
                .iter()
                .find(|t| t.sheet == sheet)
                .unwrap()
                .total
                .clone()
                .unwrap()
        };
        assert_eq!(
            total("a Consistenza")[1..],
            [Cell::Count(1699), Cell::Count(1678), Cell::Count(21)]
        );
        assert_eq!(total("b Carenza manutentiva")[2], Cell::Count(9));
        assert_eq!(total("c Nuova edificazione")[3], Cell::Count(55));
        assert_eq!(total("d Avvicendamento")[2], Cell::Count(50));
        assert_eq!(total("f Assegnabili per ente")[5], Cell::Count(114));
        assert_eq!(total("f Assegnabili per comune")[2], Cell::Count(114));
        assert_eq!(total("j Transitori")[2], Cell::Count(15));
        assert_eq!(
            total("k Assegnate anno prec.")[1..],
            [Cell::Count(12), Cell::Count(0), Cell::Count(12)]
        );
    }

    #[test]
    fn english_tables_have_the_same_figures_and_the_exports_stay_italian() {
        let plan = crema_plan();
        let (it, en) = (tables(&plan), tables_en(&plan));
        assert_eq!(it.len(), en.len());
        for (i, e) in it.iter().zip(&en) {
            assert_eq!(i.sheet, e.sheet, "same ids");
            assert_eq!(i.headers.len(), e.headers.len(), "{}", i.sheet);
            assert_eq!(i.rows.len(), e.rows.len(), "{}", i.sheet);
            let counts = |t: &Table| -> Vec<Cell> {
                t.rows
                    .iter()
                    .chain(&t.total)
                    .flatten()
                    .filter(|c| matches!(c, Cell::Count(_)))
                    .cloned()
                    .collect()
            };
            assert_eq!(counts(i), counts(e), "{}", i.sheet);
            assert_ne!(i.title, e.title, "{}", i.sheet);
        }
        assert_eq!(en[0].title, "a) Housing stock per owner");
        assert_eq!(en[0].total.as_ref().unwrap()[0], Cell::text("Total"));
        let recognition = en.iter().find(|t| t.sheet == "Ricognizione").unwrap();
        assert_eq!(recognition.rows[0][1], Cell::text("23 of 48 (47%)"));
        let k = en
            .iter()
            .find(|t| t.sheet == "k Assegnate anno prec.")
            .unwrap();
        assert_eq!(k.title, "k) SAP units assigned in the previous year (2020)");

        let text = csv(&plan);
        assert!(text.contains("a) Consistenza del patrimonio per ente proprietario"));
        assert!(text.contains("23 su 48"));
        assert!(!text.contains("Housing stock") && !text.contains("Total;"));
    }

    #[test]
    fn csv_is_semicolon_separated_with_bom_and_no_formulas() {
        let mut plan = crema_plan();
        plan.per_ente[0].ente = "=HYPERLINK(\"http://x\")".into();
        let text = csv(&plan);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("Totale;1699;1678;21"), "{}", &text[..400]);
        assert!(text.contains("'=HYPERLINK"));
        assert!(!text.contains(";=HYPERLINK") && !text.contains("\n=HYPERLINK"));
    }

    #[test]
    fn xlsx_is_a_zip_with_one_sheet_per_section() {
        let bytes = xlsx(&crema_plan()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("xl/worksheets/sheet11.xml"), "11 sheets");
    }

    #[test]
    fn formula_like_text_is_neutralised() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(neutralise("Crema"), "Crema");
    }
}
