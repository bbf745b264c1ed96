//! The plan's tables ([`crate::tables`]) in the files a capofila hands on: XLSX with one
//! sheet per section, CSV for Italian Excel. Both write the Italian side of every text, and
//! both are the same bytes for the same plan, files and `about` line (the core reads no
//! clock): the XLSX says it was made on the day of its `about` line.
//!
//! What can fail is said as an [`ExportError`], whose [`Message`] the page and the CLI show.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use crate::aggregate::Plan;
use crate::intake::ReceivedFile;
use crate::tables::{received_table, tables, Cell, Table};
use crate::text::Message;

/// Why an XLSX or a CSV could not be written ([`ExportError::message`]): in Italian, with the
/// technical detail of the library that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// A sheet over Excel's limits (a million rows).
    Sheet { sheet: &'static str, detail: String },
    /// The XLSX could not be packed.
    Workbook(String),
    /// A line of the CSV could not be written.
    Csv(String),
}

impl ExportError {
    /// What failed in plain words, the library's words as technical detail. Italian on an
    /// English page too, as it has always been shown.
    pub fn message(&self) -> Message {
        let (plain, detail) = match self {
            ExportError::Sheet { sheet, detail } => (
                format!("impossibile scrivere il foglio «{sheet}» del file Excel: supera i limiti di Excel (1.048.576 righe per foglio)"),
                detail,
            ),
            ExportError::Workbook(detail) => ("impossibile scrivere il file Excel".to_owned(), detail),
            ExportError::Csv(detail) => ("impossibile scrivere il file CSV".to_owned(), detail),
        };
        Message::new(plain.clone(), plain).with_detail(detail)
    }
}

/// As the CLI prints it ([`Message::italian`]).
impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for ExportError {}

/// The CLI says an error as its text ([`Message::italian`]).
impl From<ExportError> for String {
    fn from(e: ExportError) -> String {
        e.to_string()
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

    /// The day the file is made, as the XLSX's creation time: the day of [`About::made_on`],
    /// or 1 January of the plan year when that is not a day (`made_on` is written as given).
    fn creation_day(&self) -> ExcelDateTime {
        let number = |at: std::ops::Range<usize>| self.made_on.get(at)?.parse::<u16>().ok();
        let made_on = || {
            if self.made_on.len() != 10 {
                return None;
            }
            let (y, m, d) = (number(6..10)?, number(3..5)?, number(0..2)?);
            ExcelDateTime::from_ymd(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?).ok()
        };
        made_on().unwrap_or_else(|| {
            ExcelDateTime::from_ymd(self.anno, 1, 1)
                .or_else(|_| ExcelDateTime::from_ymd(1900, 1, 1))
                .expect("1 January 1900 is a day Excel knows")
        })
    }
}

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
pub fn csv(plan: &Plan, received: &[ReceivedFile], about: &About) -> Result<String, ExportError> {
    let all: Vec<Table> = tables(plan)
        .into_iter()
        .chain([received_table(received)])
        .collect();
    csv_of(&[about.line()], &all)
}

/// `tables` in one CSV for Italian Excel, as [`csv`] writes the plan's: the `head` lines first
/// (one cell each), an empty line, then each table with its title line and an empty line
/// after. The verbale di ricezione ([`crate::verbale`]) is written with it too.
pub fn csv_of(head: &[String], tables: &[Table]) -> Result<String, ExportError> {
    let bytes = write_csv(Vec::new(), head, tables)?;
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}

/// The CSV's lines written to `out`, which is given back: every line that cannot be written
/// is an error, never a line missing from the file.
fn write_csv<W: std::io::Write>(
    out: W,
    head: &[String],
    tables: &[Table],
) -> Result<W, ExportError> {
    let failed = |e: ::csv::Error| ExportError::Csv(e.to_string());
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
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(out);
    for text in head {
        writer.write_record([neutralise(text)]).map_err(failed)?;
    }
    writer.write_record([""]).map_err(failed)?;
    for table in tables {
        writer
            .write_record([neutralise(&table.title.it)])
            .map_err(failed)?;
        writer
            .write_record(table.headers.iter().map(|h| &h.it))
            .map_err(failed)?;
        for row in table.rows.iter().chain(&table.total) {
            writer.write_record(line(row)).map_err(failed)?;
        }
        writer.write_record([""]).map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|e| ExportError::Csv(e.error().to_string()))
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
/// Excel's million rows) is an [`ExportError`].
/// The files `received` are the last sheet ([`received_table`]). The file says it was made
/// on the day of `about` ([`About::made_on`]), not when the clock says: the same plan gives
/// the same bytes.
pub fn xlsx(plan: &Plan, received: &[ReceivedFile], about: &About) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&about.creation_day()));
    for table in tables(plan).into_iter().chain([received_table(received)]) {
        sheet(workbook.add_worksheet(), &table, about).map_err(|e| ExportError::Sheet {
            sheet: table.sheet,
            detail: e.to_string(),
        })?;
    }
    workbook
        .save_to_buffer()
        .map_err(|e| ExportError::Workbook(e.to_string()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{aggregate, ambiti, demo};

    fn crema_plan() -> Plan {
        aggregate(&demo::crema_2021(), ambiti::preset("crema").as_ref())
    }

    /// The Italian titles and headers of the tables, as the XLSX and the CSV have always
    /// written them (sheet, title, headers joined by `;`).
    const ITALIAN: [(&str, &str, &str); 13] = [
        (
            "a Consistenza",
            "a) Consistenza del patrimonio per ente proprietario",
            "Ente proprietario;Totale alloggi;di cui SAP;di cui SAS",
        ),
        (
            "b Carenza manutentiva",
            "b) Unità in carenza manutentiva assegnabili nello stato di fatto (art. 10 r.r. 4/2017)",
            "Ente proprietario;Numero;Comune",
        ),
        (
            "c Nuova edificazione",
            "c) Unità da nuova edificazione, ristrutturazione, recupero, riqualificazione",
            "Ente proprietario;Comune;Intervento;Unità",
        ),
        (
            "d Avvicendamento",
            "d) Unità che si prevede si liberino per avvicendamento",
            "Ente proprietario;Numero;Comune",
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
            "Ente;g) soglia indigenza;unità indigenza;h) categoria aggiuntiva;motivazione;i) Forze di Polizia;i) Polizia Locale;unità Forze di Polizia + Polizia Locale;categorie art. 14;categorie art. 14 scelte",
        ),
        (
            "g Indigenza ALER per comune",
            "g) Quota dell'ALER per i nuclei in condizione di indigenza, comune per comune (art. 13 c.3 r.r. 4/2017)",
            "Comune;Unità assegnabili;Unità per l'indigenza (20%)",
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
        let text = csv(&plan, &[], &about()).unwrap();
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
            .unwrap()
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
            csv(&plan, &[], &about()).unwrap().contains(full.trim()),
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
        let text = csv(&plan, &[], &about()).unwrap();
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
        let text = csv(&plan, &[], &about()).unwrap();
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
    fn csv_is_semicolon_separated_with_bom_and_no_formulas() {
        let mut plan = crema_plan();
        plan.per_ente[0].ente = "=HYPERLINK(\"http://x\")".into();
        let text = csv(&plan, &[], &about()).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("Totale;1699;1678;21"), "{}", &text[..400]);
        assert!(text.contains("'=HYPERLINK"));
        assert!(!text.contains(";=HYPERLINK") && !text.contains("\n=HYPERLINK"));
    }

    /// Same input, same bytes: the XLSX says it was made on the day of its `about` line, not
    /// at the second the clock showed, so a second later the same plan gives the same file.
    #[test]
    fn the_same_plan_gives_the_same_xlsx_a_second_later() {
        let plan = crema_plan();
        let first = xlsx(&plan, &[], &about()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1_100));
        let second = xlsx(&plan, &[], &about()).unwrap();
        assert!(first == second, "the same plan, the same bytes");
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(first)).unwrap();
        let mut core = String::new();
        zip.by_name("docProps/core.xml")
            .unwrap()
            .read_to_string(&mut core)
            .unwrap();
        assert!(
            core.contains(">2026-11-23T00:00:00Z</dcterms:created>"),
            "made on the day its line says: {core}"
        );
    }

    #[test]
    fn xlsx_is_a_zip_with_one_sheet_per_section() {
        let bytes = xlsx(&crema_plan(), &[], &about()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("xl/worksheets/sheet11.xml"), "11 sheets");
    }

    /// A writer that takes nothing: every byte the CSV writes to it fails.
    struct Refusing;

    impl std::io::Write for Refusing {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disco pieno"))
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// A line the CSV cannot write is an error that says so, never a file with lines missing.
    #[test]
    fn a_csv_that_cannot_be_written_is_an_error_said_in_italian() {
        let error = write_csv(Refusing, &[about().line()], &tables(&crema_plan()))
            .err()
            .expect("nothing was written");
        assert!(matches!(error, ExportError::Csv(_)), "{error:?}");
        let said = String::from(error);
        assert!(
            said.starts_with("impossibile scrivere il file CSV (dettagli tecnici: "),
            "{said}"
        );
        assert!(said.contains("disco pieno"), "{said}");
    }

    #[test]
    fn every_export_error_is_said_in_italian_with_its_details() {
        let sheet = ExportError::Sheet {
            sheet: "a Consistenza",
            detail: "row limit".into(),
        };
        assert_eq!(
            sheet.to_string(),
            "impossibile scrivere il foglio «a Consistenza» del file Excel: supera i limiti di Excel (1.048.576 righe per foglio) (dettagli tecnici: row limit)"
        );
        assert_eq!(
            ExportError::Workbook("zip".into()).to_string(),
            "impossibile scrivere il file Excel (dettagli tecnici: zip)"
        );
        // The page shows the detail apart, behind «Dettagli tecnici».
        let message = ExportError::Csv("disco pieno".into()).message();
        assert_eq!(message.plain.it, "impossibile scrivere il file CSV");
        assert_eq!(message.technical.unwrap().en, "disco pieno");
    }

    /// A day that is not one (a clock that gave something else) still gives a file, made on
    /// 1 January of the plan year.
    #[test]
    fn the_xlsx_is_made_on_the_plan_year_when_the_day_is_not_one() {
        let odd = About {
            made_on: "oggi".into(),
            ..about()
        };
        use rust_xlsxwriter::IntoCustomDateTime;
        assert_eq!(odd.creation_day().utc_datetime(), "2021-01-01T00:00:00Z");
        assert_eq!(
            about().creation_day().utc_datetime(),
            "2026-11-23T00:00:00Z"
        );
    }

    #[test]
    fn formula_like_text_is_neutralised() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(neutralise("Crema"), "Crema");
    }
}
