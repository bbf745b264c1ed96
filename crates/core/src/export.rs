//! The plan's tables in the shapes a capofila hands on: generic tables (what the page, the
//! printout, the XLSX and the CSV all show), XLSX with one sheet per section, CSV for Italian
//! Excel, and the aggregate JSON the capofila signs.
//!
//! A table's titles, headers and the labels it writes are [`Bilingual`]: the XLSX, the CSV
//! and the printout of an Italian page write the Italian side, a page in English shows the
//! English one.

use rust_xlsxwriter::{Format, Workbook};
use serde::Serialize;
use serde_json::{json, Value};

use crate::aggregate::{ComuneFigures, OwnerFigures, Plan, Ricognizione};
use crate::document::PlanTexts;
use crate::intake::{Disposition, ReceivedFile};
use crate::ricognizione::{ReceivedStanding, NON_CONTEGGIATA};
use crate::text::Bilingual;

/// Serialised as its text (a label as its Italian text) or its number.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(untagged)]
pub enum Cell {
    /// Text from the records, the same in every language: the name of an ente or a comune,
    /// a motivation, a percentage.
    Text(String),
    /// A label the app writes (e.g. "Totale", a kind of work), in Italian and English.
    Label(Bilingual),
    Count(u64),
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn label(it: impl Into<String>, en: impl Into<String>) -> Cell {
        Cell::Label(Bilingual::new(it, en))
    }
}

/// Serialised with its Italian title and headers.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Short id, also the XLSX sheet name (at most 31 characters).
    pub sheet: &'static str,
    pub title: Bilingual,
    pub headers: Vec<Bilingual>,
    pub rows: Vec<Vec<Cell>>,
    /// A last row of totals, when the section has one.
    pub total: Option<Vec<Cell>>,
}

fn count_rows(
    plan: &Plan,
    pick: fn(&ComuneFigures) -> u64,
    total: &Bilingual,
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
        vec![Cell::Label(total.clone()), Cell::text(""), Cell::Count(sum)],
    )
}

fn percent(p: Option<crate::percent::Percent>) -> Cell {
    Cell::text(p.map(|p| format!("{p}%")).unwrap_or_default())
}

/// Every section of the plan as a table, in the order of the published plans: the official
/// Italian document (as printed and exported), with the English of every title, header and
/// label for a page shown in English.
pub fn tables(plan: &Plan) -> Vec<Table> {
    // Each text in Italian and English side by side.
    let w = |it: &str, en: &str| Bilingual::new(it, en);
    let total = w("Totale", "Total");
    let owner = w("Ente proprietario", "Owner");
    let comune = w("Comune", "Comune");
    let per_comune_section = |sheet, title: Bilingual, pick| {
        let (rows, total) = count_rows(plan, pick, &total);
        Table {
            sheet,
            title,
            headers: vec![owner.clone(), comune.clone(), w("Unità", "Units")],
            rows,
            total: Some(total),
        }
    };
    // A table per owner: the same figures for each owner shown (`shown`) and for the total.
    let per_owner = |shown: fn(&OwnerFigures) -> bool, pick: fn(&OwnerFigures) -> Vec<u64>| {
        let row = |label: Cell, o: &OwnerFigures| {
            std::iter::once(label)
                .chain(pick(o).into_iter().map(Cell::Count))
                .collect::<Vec<_>>()
        };
        let rows = plan
            .per_ente
            .iter()
            .filter(|o| shown(o))
            .map(|o| row(Cell::text(&o.ente), o))
            .collect();
        (rows, Some(row(Cell::Label(total.clone()), &plan.totale)))
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
        ),
        headers: vec![
            owner.clone(),
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
        ),
        headers: vec![
            owner.clone(),
            comune.clone(),
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
                    Cell::Label(i.intervento.label()),
                    Cell::Count(i.unita),
                ]
            })
            .collect(),
        total: Some(vec![
            Cell::Label(total.clone()),
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
        ),
        headers: std::iter::once(owner.clone())
            .chain(["b", "c", "d", "e", "f"].map(|s| w(s, s)))
            .collect(),
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
        ),
        headers: vec![
            w("Ente", "Ente"),
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
        title: Bilingual::new(
            format!("k) Unità SAP assegnate nell'anno precedente{previous_year}"),
            format!("k) SAP units assigned in the previous year{previous_year}"),
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
    out.push(ricognizione(&plan.ricognizione));
    out.push(free_texts(plan));
    out
}

/// Every file received and what became of it, by its state's one name
/// ([`crate::intake::FileState::name`]) and the explanation next to it: the last sheet of
/// the XLSX and the last table of the CSV.
pub fn received_table(received: &[ReceivedFile]) -> Table {
    let w = |it: &str, en: &str| Bilingual::new(it, en);
    Table {
        sheet: "Schede ricevute",
        title: w(
            "Schede ricevute, con l'esito della verifica",
            "Submissions received, with the outcome of the check",
        ),
        headers: vec![
            w("File", "File"),
            w("Ente", "Ente"),
            w("Esito", "Outcome"),
            w("Motivo", "Reason"),
            w("Impronta della chiave", "Key fingerprint"),
        ],
        rows: received
            .iter()
            .map(|f| {
                vec![
                    Cell::text(f.shown_name()),
                    Cell::text(f.ente_name().unwrap_or_default()),
                    Cell::Label(f.state().name()),
                    Cell::Label(f.explanation()),
                    Cell::text(f.verified.fingerprint.clone().unwrap_or_default()),
                ]
            })
            .collect(),
        total: None,
    }
}

/// What each ente wrote of its welfare measures and projects: the capofila reads them on the
/// page and in the spreadsheets, not only in the signed aggregate.
fn free_texts(plan: &Plan) -> Table {
    let w = |it: &str, en: &str| Bilingual::new(it, en);
    Table {
        sheet: "Misure e progettualità",
        title: w(
            "Misure di welfare abitativo e progettualità indicate dagli enti",
            "Housing welfare measures and projects given by the entes",
        ),
        headers: vec![
            w("Ente", "Ente"),
            w("Misure di welfare abitativo", "Housing welfare measures"),
            w("Progettualità", "Projects"),
        ],
        rows: plan
            .testi
            .iter()
            .map(|t| {
                vec![
                    Cell::text(&t.ente),
                    Cell::text(t.misure_welfare.trim()),
                    Cell::text(t.progettualita.trim()),
                ]
            })
            .collect(),
        total: None,
    }
}

/// The ricognizione in words, then its figures and who is in which state: inadempiente, did
/// not answer (not required to), declared no housing.
fn ricognizione(r: &Ricognizione) -> Table {
    let w = |it: &str, en: &str| Bilingual::new(it, en);
    let owners = if r.proprietari_noti {
        w("Comuni titolari di patrimonio", "Comuni owning housing")
    } else {
        w(
            "Comuni titolari di patrimonio, dei Comuni che hanno risposto",
            "Comuni owning housing, of the comuni that answered",
        )
    };
    let mut rows = vec![
        vec![Cell::label("Sintesi", "Summary"), Cell::Label(r.sentence())],
        vec![Cell::Label(owners), Cell::Label(r.share())],
    ];
    let mut labelled = |label: Bilingual, comuni: &[String]| {
        rows.extend(
            comuni
                .iter()
                .map(|c| vec![Cell::Label(label.clone()), Cell::text(c)]),
        );
    };
    labelled(
        w(
            "Inadempiente (proprietario, nessuna scheda)",
            "Inadempiente (owner, no submission)",
        ),
        &r.inadempienti,
    );
    labelled(
        w(
            "Non ha risposto (non tenuto: nessun patrimonio noto)",
            "Did not answer (not required: no housing known)",
        ),
        &r.non_hanno_risposto,
    );
    labelled(
        w("Nessun patrimonio dichiarato", "No housing stock declared"),
        &r.nessun_patrimonio,
    );
    // A file arrived: the ente is named with its file's state, never "nessuna scheda".
    let mut received = |label: Bilingual, list: &[ReceivedStanding]| {
        rows.extend(list.iter().map(|e| {
            let state = e.state.name();
            vec![
                Cell::Label(label.clone()),
                Cell::Label(Bilingual::new(
                    format!("{} ({})", e.ente, state.it),
                    format!("{} ({})", e.ente, state.en),
                )),
            ]
        }));
    };
    let waiting = crate::intake::status::IN_ATTESA;
    received(
        Bilingual::new(
            format!("{} (scheda ricevuta)", crate::text::capitalise(waiting.0)),
            format!(
                "{} (submission received)",
                crate::text::capitalise(waiting.1)
            ),
        ),
        &r.in_attesa,
    );
    received(
        Bilingual::new(NON_CONTEGGIATA.0, NON_CONTEGGIATA.1),
        &r.non_conteggiati,
    );
    Table {
        sheet: "Ricognizione",
        title: w(
            "Esito della ricognizione: comuni inadempienti e comuni senza patrimonio",
            "Outcome of the survey: owners that sent nothing and comuni without housing stock",
        ),
        headers: vec![w("Voce", "Item"), w("Comune / valore", "Comune / value")],
        rows,
        total: None,
    }
}
/// What an exported file says about itself in its content, not only in its name: which
/// plan, which ambito, made when (a sheet printed or forwarded alone still says it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct About {
    /// The ambito's name.
    pub ambito: String,
    pub anno: u16,
    /// The day the file was made, the Italian way ("23/11/2026").
    pub made_on: String,
    /// «bozza: N file in attesa di decisione» while files wait for the capofila
    /// ([`draft_note`]), said in the line of every sheet and of the CSV.
    pub bozza: Option<String>,
}

impl About {
    pub fn line(&self) -> String {
        let bozza = self
            .bozza
            .as_deref()
            .map(|b| format!(" - {b}"))
            .unwrap_or_default();
        format!(
            "Piano annuale dell'offerta abitativa {} - {} - prodotto il {} con {}{bozza}",
            self.anno,
            self.ambito,
            self.made_on,
            crate::written_by()
        )
    }
}

/// The draft note is the intake's (its files waiting): said here by every export.
pub use crate::intake::draft_note;

/// A spreadsheet cell must not start a formula when a user opens the CSV (CWE-1236).
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// All tables in one CSV for Italian Excel (their Italian side): UTF-8 with BOM, `;`
/// separated, the `about` line first, a title line before each table and an empty line after.
/// The files `received` close it ([`received_table`]).
pub fn csv(plan: &Plan, received: &[ReceivedFile], about: &About) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(Vec::new());
    let _ = writer.write_record([neutralise(&about.line())]);
    let _ = writer.write_record([""]);
    for table in tables(plan).into_iter().chain([received_table(received)]) {
        let line = |cells: &[Cell]| -> Vec<String> {
            cells
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => neutralise(t),
                    Cell::Label(l) => neutralise(&l.it),
                    Cell::Count(n) => n.to_string(),
                })
                .collect()
        };
        let _ = writer.write_record([neutralise(&table.title.it)]);
        let _ = writer.write_record(table.headers.iter().map(|h| &h.it));
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

/// Excel's limit on a cell, in characters.
const EXCEL_CELL_CHARS: usize = 32_767;
/// What ends a text cut at [`EXCEL_CELL_CHARS`].
const CUT_MARK: &str = " [… testo troncato: il limite di Excel è 32.767 caratteri]";

/// `text` as one Excel cell takes it. The rule on long texts keeps every accepted file far
/// below the limit; this keeps the XLSX written for any plan all the same (one made by an
/// earlier version, or by hand), the cut said in the cell.
fn excel_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().count() <= EXCEL_CELL_CHARS {
        return text.into();
    }
    let keep = EXCEL_CELL_CHARS - CUT_MARK.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(CUT_MARK);
    cut.into()
}

/// One sheet per section, in Italian, each with its title and the `about` line above the
/// table. Text is always written as text, never as a formula, and cut to Excel's limit
/// ([`excel_text`]): nothing a plan holds stops the file. What can still fail (a sheet over
/// Excel's million rows) is said in Italian.
/// The files `received` are the last sheet ([`received_table`]).
pub fn xlsx(plan: &Plan, received: &[ReceivedFile], about: &About) -> Result<Vec<u8>, String> {
    let mut workbook = Workbook::new();
    for table in tables(plan).into_iter().chain([received_table(received)]) {
        sheet(workbook.add_worksheet(), &table, about).map_err(|e| {
            format!(
                "impossibile scrivere il foglio «{}» del file Excel: supera i limiti di Excel (1.048.576 righe per foglio) (dettagli tecnici: {e})",
                table.sheet
            )
        })?;
    }
    workbook
        .save_to_buffer()
        .map_err(|e| format!("impossibile scrivere il file Excel (dettagli tecnici: {e})"))
}

fn sheet(
    sheet: &mut rust_xlsxwriter::Worksheet,
    table: &Table,
    about: &About,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let bold = Format::new().set_bold();
    sheet.set_name(table.sheet)?;
    sheet.write_string_with_format(0, 0, excel_text(&table.title.it), &bold)?;
    sheet.write_string(1, 0, excel_text(&about.line()))?;
    for (c, h) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, excel_text(&h.it), &bold)?;
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
            let format = if is_total { &bold } else { &Format::new() };
            match cell {
                Cell::Text(t) => sheet.write_string_with_format(r, c, excel_text(t), format),
                Cell::Label(l) => sheet.write_string_with_format(r, c, excel_text(&l.it), format),
                Cell::Count(n) => sheet.write_number_with_format(r, c, *n as f64, format),
            }?;
        }
    }
    sheet.set_column_width(0, 34)?;
    sheet.set_column_width(1, 24)?;
    Ok(())
}

/// The plan file's name is its reader's ([`crate::previous_plan`], one layer down).
pub use crate::previous_plan::PLAN_FORMAT_NAME;
/// 2: the capofila's texts for the plan document (`testi`), the ricognizione in one object (`piano.ricognizione`, with the owners known or not) and
/// shares with one decimal in `piano.quote`. Version 1 had the ricognizione's counts loose in
/// `piano` (`inadempienti`, `comuni_con_patrimonio`, `comuni_ambito`, `nessun_patrimonio`).
pub const PLAN_FORMAT_VERSION: u32 = 2;

/// The aggregate the capofila signs: the plan and what happened to every file received.
/// Nothing in it depends on when it is made, so the page and the CLI produce the same JSON.
/// The capofila's `texts` for the plan document travel with it.
pub fn aggregate_json(plan: &Plan, received: &[ReceivedFile], texts: &PlanTexts) -> Value {
    let files: Vec<Value> = received
        .iter()
        .map(|f| {
            let motivo = match &f.disposition {
                Disposition::Conteggiata => None,
                Disposition::Sostituita(won) => Some(format!("sostituita da {}", won.by)),
                Disposition::ChiaveDaAccettare => Some(f.verified.outcome.message().it),
                Disposition::Accantonata(m)
                | Disposition::AlerEstranea(m)
                | Disposition::Scartata(m)
                | Disposition::DataFutura(m) => Some(m.it.clone()),
            };
            json!({
                "nome": f.name,
                "ente": f.ente_name(),
                "esito": f.verified.outcome.code(),
                "stato": f.state().name().it,
                "motivo": motivo,
                "impronta": f.verified.fingerprint,
                "firmata_il": f.verified.signed_at,
            })
        })
        .collect();
    let mut value = json!({
        "formato": PLAN_FORMAT_NAME,
        "versione": PLAN_FORMAT_VERSION,
        "ambito": plan.ambito,
        "anno_piano": plan.anno_piano,
        "file_ricevuti": files,
        "piano": plan,
        "testi": texts,
        "scritto_da": crate::written_by(),
    });
    // Only a draft says so: a plan with no file waiting keeps the bytes it always had.
    let waiting = received
        .iter()
        .filter(|f| f.state().waits_for_decision())
        .count();
    if let Some(note) = draft_note(waiting) {
        value["bozza"] = json!({ "file_in_attesa": waiting, "nota": note.it });
    }
    value
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

    /// The Italian titles and headers of the tables, as the XLSX and the CSV have always
    /// written them (sheet, title, headers joined by `;`).
    const ITALIAN: [(&str, &str, &str); 12] = [
        (
            "a Consistenza",
            "a) Consistenza del patrimonio per ente proprietario",
            "Ente proprietario;Totale alloggi;di cui SAP;di cui SAS",
        ),
        (
            "b Carenza manutentiva",
            "b) Unità in carenza manutentiva assegnabili nello stato di fatto (art. 10 r.r. 4/2017)",
            "Ente proprietario;Comune;Unità",
        ),
        (
            "c Nuova edificazione",
            "c) Unità da nuova edificazione, ristrutturazione, recupero, riqualificazione",
            "Ente proprietario;Comune;Intervento;Unità",
        ),
        (
            "d Avvicendamento",
            "d) Unità che si prevede si liberino per avvicendamento",
            "Ente proprietario;Comune;Unità",
        ),
        (
            "e Conferite da privati",
            "e) Unità conferite da privati (art. 23 c.2 l.r. 16/2016)",
            "Ente proprietario;Comune;Unità",
        ),
        (
            "f Assegnabili per ente",
            "f) Totale unità assegnabili nell'anno per ente proprietario (f = b + c + d + e)",
            "Ente proprietario;b;c;d;e;f",
        ),
        (
            "f Assegnabili per comune",
            "f) Totale unità assegnabili nell'anno per ente e comune",
            "Ente proprietario;Comune;Unità",
        ),
        (
            "g-h-i Quote",
            "g) soglia indigenza, h) categoria aggiuntiva, i) Forze di Polizia / Polizia Locale: scelte e quote in unità",
            "Ente;g) soglia indigenza;unità indigenza;h) categoria aggiuntiva;motivazione;i) Forze di Polizia;i) Polizia Locale;unità Forze di Polizia + Polizia Locale;categorie art. 14",
        ),
        (
            "j Transitori",
            "j) Unità destinate a servizi abitativi transitori (art. 23 c.13 l.r. 16/2016)",
            "Ente proprietario;Comune;Unità",
        ),
        (
            "k Assegnate anno prec.",
            "k) Unità SAP assegnate nell'anno precedente (2020)",
            "Ente proprietario;Ordinarie;In deroga;Totale",
        ),
        (
            "Ricognizione",
            "Esito della ricognizione: comuni inadempienti e comuni senza patrimonio",
            "Voce;Comune / valore",
        ),
        (
            "Misure e progettualità",
            "Misure di welfare abitativo e progettualità indicate dagli enti",
            "Ente;Misure di welfare abitativo;Progettualità",
        ),
    ];

    #[test]
    fn the_exports_write_the_italian_titles_and_headers_as_always() {
        let plan = crema_plan();
        let tables = tables(&plan);
        let text = csv(&plan, &[], &about());
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        let xlsx = xlsx_strings(&plan);
        assert_eq!(tables.len(), ITALIAN.len());
        for (t, (sheet, title, headers)) in tables.iter().zip(ITALIAN) {
            assert_eq!(t.sheet, sheet);
            assert_eq!(t.title.it, title);
            let its: Vec<&str> = t.headers.iter().map(|h| h.it.as_str()).collect();
            assert_eq!(its.join(";"), headers, "{sheet}");
            // In the CSV: the title line, then the header line.
            assert!(lines.windows(2).any(|w| w == [title, headers]), "{sheet}");
            assert!(xlsx.contains(&format!("<t>{}</t>", xml(title))), "{sheet}");
            for h in its {
                assert!(xlsx.contains(&format!("<t>{}</t>", xml(h))), "{sheet}: {h}");
            }
        }
        // The labels the app writes, in Italian too.
        let labels = [
            "Totale",
            "Comuni titolari di patrimonio",
            "24 su 48 (50%)",
            "Inadempiente (proprietario, nessuna scheda)",
            "Nessun patrimonio dichiarato",
            "nuova edificazione",
        ];
        let cells: std::collections::HashSet<&str> =
            text.lines().flat_map(|l| l.split(';')).collect();
        for label in labels {
            assert!(cells.contains(label), "{label}");
            assert!(xlsx.contains(&format!("<t>{label}</t>")), "{label}");
        }
        let english = [
            "Total",
            "Owner",
            "new building",
            "24 of 48 (50%)",
            "a) Housing stock per owner",
        ];
        for english in english {
            assert!(!cells.contains(english), "{english}");
            assert!(!xlsx.contains(&format!("<t>{english}</t>")), "{english}");
        }
    }

    /// The entes' welfare measures and projects reach the tables, so the page, the XLSX and
    /// the CSV show them.
    #[test]
    fn the_entes_free_texts_are_a_table_of_their_own() {
        let mut subs = demo::crema_2021();
        let crema = subs
            .iter_mut()
            .find(|s| s.ente.display_name() == "Comune di Crema")
            .unwrap();
        crema.misure_welfare = "Fondo morosità incolpevole".into();
        crema.progettualita = "Agenzia per l'abitare".into();
        let plan = aggregate(&subs, ambiti::preset("crema").as_ref());
        let texts = tables(&plan).pop().unwrap();
        assert_eq!(texts.sheet, "Misure e progettualità");
        assert_eq!(
            texts.rows,
            [vec![
                Cell::text("Comune di Crema"),
                Cell::text("Fondo morosità incolpevole"),
                Cell::text("Agenzia per l'abitare"),
            ]]
        );
        assert!(csv(&plan, &[], &about())
            .contains("Comune di Crema;Fondo morosità incolpevole;Agenzia per l'abitare"));
    }

    /// Whatever reaches the tables, the XLSX is written: a text over Excel's cell limit (a plan
    /// made before the rule on long texts, or by hand) is cut at 32,767 characters and says so;
    /// a control character is carried as Excel's own escape, the XML stays well-formed.
    #[test]
    fn the_xlsx_is_written_for_any_text_the_tables_hold() {
        let mut subs = demo::crema_2021();
        let crema = subs
            .iter_mut()
            .find(|s| s.ente.display_name() == "Comune di Crema")
            .unwrap();
        crema.misure_welfare = "Fondo affitti. ".repeat(2_700);
        crema.progettualita = "Riga\u{1b}uno\nriga\u{0}due".into();
        let plan = aggregate(&subs, ambiti::preset("crema").as_ref());
        let strings = xlsx_strings(&plan);
        let cut = strings
            .split("<t>")
            .chain(strings.split("<t xml:space=\"preserve\">"))
            .filter_map(|t| t.split("</t>").next())
            .find(|t| t.starts_with("Fondo affitti. "))
            .expect("the long text is in the sheet");
        assert_eq!(
            cut.chars().count(),
            EXCEL_CELL_CHARS,
            "cut at Excel's limit"
        );
        assert!(cut.ends_with(CUT_MARK), "and says so");
        assert!(!strings.contains('\u{1b}') && !strings.contains('\u{0}'));
        let mut reader = quick_xml::Reader::from_str(&strings);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("ill-formed shared strings: {e}"),
            }
        }
        let full = "Fondo affitti. ".repeat(2_700);
        assert!(
            csv(&plan, &[], &about()).contains(full.trim()),
            "the CSV has it whole"
        );
    }

    fn about() -> About {
        About {
            ambito: "Ambito distrettuale di Crema (Cremasco)".into(),
            anno: 2021,
            made_on: "23/11/2026".into(),
            bozza: None,
        }
    }

    /// A sheet printed or forwarded alone still says which plan it is and when it was made.
    #[test]
    fn the_csv_and_every_sheet_say_the_ambito_the_year_and_the_date() {
        let line = "Piano annuale dell'offerta abitativa 2021 - Ambito distrettuale di Crema (Cremasco) - prodotto il 23/11/2026 con Offerta Abitativa 0.1.0";
        let plan = crema_plan();
        let text = csv(&plan, &[], &about());
        assert_eq!(
            text.trim_start_matches('\u{feff}').lines().next(),
            Some(line)
        );
        let sheets = tables(&plan).len();
        assert!(xlsx_strings(&plan).contains(&format!("<t>{}</t>", xml(line))));
        // The line is one shared string, written once per sheet.
        use std::io::Read;
        let bytes = xlsx(&plan, &[], &about()).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut with_line = 0;
        for i in 1..=sheets {
            let mut sheet = String::new();
            zip.by_name(&format!("xl/worksheets/sheet{i}.xml"))
                .unwrap()
                .read_to_string(&mut sheet)
                .unwrap();
            with_line += usize::from(sheet.contains("r=\"A2\""));
        }
        assert_eq!(with_line, sheets, "row 2 of every sheet holds the line");
    }

    /// The text of the XLSX's shared strings (where its sheets keep every text).
    fn xlsx_strings(plan: &Plan) -> String {
        use std::io::Read;
        let bytes = xlsx(plan, &[], &about()).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name("xl/sharedStrings.xml")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    fn xml(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    #[test]
    fn every_title_header_and_label_is_in_english_too() {
        let plan = crema_plan();
        let tables = tables(&plan);
        for t in &tables {
            assert_ne!(t.title.it, t.title.en, "{}", t.sheet);
            assert_eq!(
                t.headers.iter().filter(|h| h.it != h.en).count(),
                t.headers
                    .iter()
                    .filter(
                        |h| !["Comune", "Ente", "b", "c", "d", "e", "f"].contains(&h.it.as_str())
                    )
                    .count(),
                "{}: every header but names and letters is translated",
                t.sheet
            );
            for cell in t.rows.iter().chain(&t.total).flatten() {
                if let Cell::Label(l) = cell {
                    assert_ne!(l.it, l.en, "{}", t.sheet);
                }
            }
        }
        let en = |sheet: &str| tables.iter().find(|t| t.sheet == sheet).unwrap();
        assert_eq!(en("a Consistenza").title.en, "a) Housing stock per owner");
        assert_eq!(
            en("a Consistenza").total.as_ref().unwrap()[0],
            Cell::label("Totale", "Total")
        );
        assert_eq!(
            en("Ricognizione").rows[1][1],
            Cell::label("24 su 48 (50%)", "24 of 48 (50%)")
        );
        assert_eq!(
            en("k Assegnate anno prec.").title.en,
            "k) SAP units assigned in the previous year (2020)"
        );
        assert_eq!(
            en("c Nuova edificazione").rows[0][2],
            Cell::label("nuova edificazione", "new building")
        );
        // Names of entes and comuni are the records' own, in every language.
        assert!(
            matches!(&en("a Consistenza").rows[0][0], Cell::Text(name) if name.starts_with("ALER"))
        );
    }

    fn ricognizione_rows(plan: &Plan) -> Vec<Vec<Cell>> {
        tables(plan)
            .into_iter()
            .find(|t| t.sheet == "Ricognizione")
            .unwrap()
            .rows
    }

    #[test]
    fn the_ricognizione_says_the_published_share_and_names_the_inadempiente() {
        let plan = crema_plan();
        let rows = ricognizione_rows(&plan);
        assert_eq!(rows[0][1], Cell::Label(plan.ricognizione.sentence()));
        assert_eq!(
            rows[1],
            [
                Cell::label("Comuni titolari di patrimonio", "Comuni owning housing"),
                Cell::label("24 su 48 (50%)", "24 of 48 (50%)")
            ]
        );
        assert_eq!(rows[2][1], Cell::text("Trescore Cremasco"));
        assert_eq!(rows.len(), 3 + 24, "then the 24 that declared no housing");
        let text = csv(&plan, &[], &about());
        assert!(text.contains("Sintesi;\"La ricognizione ha riguardato complessivamente 48 Comuni e l'ALER; 24 risultano titolari di patrimonio, pari al 50%. Inadempiente: Trescore Cremasco.\""));
        assert!(text.contains("Inadempiente (proprietario, nessuna scheda);Trescore Cremasco"));
    }

    #[test]
    fn without_owners_the_ricognizione_counts_the_answers_and_names_the_silent() {
        let mut crema = ambiti::preset("crema").unwrap();
        crema.con_patrimonio = None;
        let plan = aggregate(&demo::crema_2021(), Some(&crema));
        let rows = ricognizione_rows(&plan);
        assert_eq!(
            rows[1][0],
            Cell::label(
                "Comuni titolari di patrimonio, dei Comuni che hanno risposto",
                "Comuni owning housing, of the comuni that answered"
            )
        );
        assert_eq!(rows[1][1], Cell::label("23 su 47 (49%)", "23 of 47 (49%)"));
        assert_eq!(
            rows[2],
            [
                Cell::label(
                    "Non ha risposto (non tenuto: nessun patrimonio noto)",
                    "Did not answer (not required: no housing known)"
                ),
                Cell::text("Trescore Cremasco")
            ]
        );
    }

    #[test]
    fn the_signed_aggregate_carries_the_ricognizione() {
        let value = aggregate_json(&crema_plan(), &[], &PlanTexts::default());
        assert_eq!(
            value["scritto_da"],
            json!(crate::written_by()),
            "who wrote it"
        );
        let r = &value["piano"]["ricognizione"];
        assert_eq!(
            (
                &r["comuni_con_patrimonio"],
                &r["comuni_ambito"],
                &r["percentuale"]
            ),
            (&json!(24), &json!(48), &json!(50))
        );
        assert_eq!(r["proprietari_noti"], true);
        assert_eq!(r["inadempienti"], json!(["Trescore Cremasco"]));
        assert_eq!(r["non_hanno_risposto"], json!([]));
        assert!(
            value["piano"].get("inadempienti").is_none(),
            "one place only"
        );
    }

    #[test]
    fn a_table_serialises_with_its_italian_texts() {
        let tables = tables(&crema_plan());
        let value = serde_json::to_value(&tables[0]).unwrap();
        assert_eq!(
            value["title"],
            "a) Consistenza del patrimonio per ente proprietario"
        );
        assert_eq!(value["headers"][0], "Ente proprietario");
        assert_eq!(value["total"][0], "Totale");
        assert_eq!(value["total"][1], 1699);
    }

    #[test]
    fn csv_is_semicolon_separated_with_bom_and_no_formulas() {
        let mut plan = crema_plan();
        plan.per_ente[0].ente = "=HYPERLINK(\"http://x\")".into();
        let text = csv(&plan, &[], &about());
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("Totale;1699;1678;21"), "{}", &text[..400]);
        assert!(text.contains("'=HYPERLINK"));
        assert!(!text.contains(";=HYPERLINK") && !text.contains("\n=HYPERLINK"));
    }

    #[test]
    fn xlsx_is_a_zip_with_one_sheet_per_section() {
        let bytes = xlsx(&crema_plan(), &[], &about()).unwrap();
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
