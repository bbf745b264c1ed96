//! The plan document the assemblea dei sindaci approves, in the order of the published plans
//! (docs/DOMAIN.md, section 6): cover, premessa, the ambito, the ricognizione, one section
//! per letter a-k, welfare measures and projects, attachments.
//!
//! It is built once as plain blocks ([`PlanDocument`]); the DOCX ([`docx`]) and the page's
//! print view render the same blocks, so both say the same words and figures. The document
//! is the official Italian text.

mod compare;
mod docx;

pub use docx::{to_docx, DocxError};

use crate::aggregate::Plan;
use crate::ambiti::Ambito;
use crate::chart::BarChart;
use crate::comparison::Comparison;
use crate::intake::ReceivedFile;
use crate::plan_texts::PlanTexts;
use crate::previous_plan::PreviousPlan;
use crate::tables::{self, DocTable, Table};
use crate::thresholds::{FIRST_PLAN_YEAR_RR_2_2025, INDIGENZA_DEFAULT_PERCENT};

/// One block of the document, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// The cover's title.
    Title(String),
    /// A line of the cover under the title.
    CoverLine(String),
    /// A part of the document ("I. Premessa").
    Heading(String),
    /// A section within a part ("a) Consistenza ...").
    Subheading(String),
    Paragraph(String),
    Table(DocTable),
    /// A bar chart drawn by the app: SVG on the page and in print, shaded table cells in the
    /// DOCX. Its data follow as a [`Block::Table`], the chart's text alternative.
    Chart(BarChart),
}

/// Beyond this many columns a table goes on a landscape page, in the DOCX and in print (A4
/// portrait holds five columns of names and figures without breaking a word).
pub const WIDE_TABLE_COLUMNS: usize = 5;

/// Whether `table` has more than [`WIDE_TABLE_COLUMNS`] columns.
pub fn is_wide(table: &DocTable) -> bool {
    table.headers.len() > WIDE_TABLE_COLUMNS
}

/// Which blocks go on landscape pages, in the DOCX and in print: each wide table with the
/// titles and notes just before it (back to its subheading or heading), so a title is never
/// left on the page before its table.
pub fn landscape_blocks(blocks: &[Block]) -> Vec<bool> {
    let mut landscape = vec![false; blocks.len()];
    for (i, block) in blocks.iter().enumerate() {
        if !matches!(block, Block::Table(t) if is_wide(t)) {
            continue;
        }
        landscape[i] = true;
        let mut seen_title = false;
        for j in (0..i).rev() {
            let title = matches!(blocks[j], Block::Heading(_) | Block::Subheading(_));
            let note = matches!(blocks[j], Block::Paragraph(_));
            if title || (note && !seen_title) {
                landscape[j] = true;
                seen_title |= title;
            } else {
                break;
            }
        }
    }
    landscape
}

/// Each column's share of the page's text width in percent (summing to 100), as the DOCX
/// sets them: as wide as its longest word, the first as the ente's whole name.
pub fn column_percents(table: &DocTable) -> Vec<u32> {
    docx::column_percents(table)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanDocument {
    pub blocks: Vec<Block>,
}

/// What the document is made from.
pub struct DocumentInput<'a> {
    pub plan: &'a Plan,
    pub ambito: &'a Ambito,
    pub year: u16,
    pub texts: &'a PlanTexts,
    /// The files received: the document says it is a draft while some wait for a decision;
    /// it does not list them (the verbale di ricezione does, [`crate::verbale`]).
    pub received: &'a [ReceivedFile],
    /// Last year's plan, whether it counts and this year's comparison with it, when the
    /// capofila loaded one.
    pub previous: Option<PreviousPart<'a>>,
}

/// Last year's plan as the part «Confronto con il piano precedente» shows it.
#[derive(Clone, Copy, Debug)]
pub struct PreviousPart<'a> {
    pub plan: &'a PreviousPlan,
    /// Signed with the capofila's known key, or not (then the part says so plainly).
    pub trust: &'a crate::previous_plan::PlanTrust,
    pub comparison: &'a Comparison,
}

impl PlanDocument {
    /// Every text of the document in reading order, one line per block or table row, cells
    /// separated by tabs: what a reader of the DOCX or of the print view finds, in order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(s)
                | Block::CoverLine(s)
                | Block::Heading(s)
                | Block::Subheading(s)
                | Block::Paragraph(s) => {
                    out.push_str(s);
                    out.push('\n');
                }
                // The drawing has no text of its own but its title: its values are in the
                // table that follows it.
                Block::Chart(c) => {
                    out.push_str(&c.title);
                    out.push('\n');
                }
                Block::Table(t) => {
                    for row in std::iter::once(&t.headers)
                        .chain(&t.rows)
                        .chain(t.total.as_ref())
                    {
                        out.push_str(&row.join("\t"));
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}

/// Builds the document block by block.
struct Writer {
    blocks: Vec<Block>,
}

/// The part "Confronto con il piano precedente" alone, as the document has it: the
/// capofila's screen shows these very blocks before any document is made.
pub fn comparison_part(previous: PreviousPart) -> PlanDocument {
    let mut w = Writer { blocks: Vec::new() };
    compare::part(&mut w, previous);
    PlanDocument { blocks: w.blocks }
}

impl Writer {
    fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// A text the capofila wrote: one paragraph per paragraph it typed (blank lines apart).
    fn paragraphs(&mut self, text: &str) {
        for p in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            self.push(Block::Paragraph(p.to_owned()));
        }
    }

    /// A section: its title, then its table, or `none` when the table has no rows.
    fn section(&mut self, title: &str, table: Option<DocTable>, none: &str) {
        self.push(Block::Subheading(title.to_owned()));
        match table.filter(|t| !t.rows.is_empty()) {
            Some(t) => self.push(Block::Table(t)),
            None => self.push(Block::Paragraph(none.to_owned())),
        }
    }
}

/// The plan's table whose sheet name starts with `prefix` ("e ", "f Assegnabili per comune").
fn table<'a>(tables: &'a [Table], prefix: &str) -> &'a Table {
    tables
        .iter()
        .find(|t| t.sheet.starts_with(prefix))
        .unwrap_or_else(|| panic!("the plan has a table {prefix}"))
}

/// The plan document for `input`.
pub fn plan_document(input: &DocumentInput) -> PlanDocument {
    let mut w = Writer { blocks: Vec::new() };
    // While files wait for the capofila's decision the document is a draft, and says so first.
    let waiting = input
        .received
        .iter()
        .filter(|f| f.state().waits_for_decision())
        .count();
    if let Some(note) = crate::intake::status::draft_note(waiting) {
        w.push(Block::CoverLine(note.it));
    }
    cover(&mut w, input);
    w.push(Block::Heading("I. Premessa".into()));
    w.paragraphs(&input.texts.premessa);
    w.push(Block::Heading("L'ambito territoriale".into()));
    w.paragraphs(&input.texts.ambito);
    w.push(Block::Heading("II. Contenuti del Piano annuale".into()));
    ricognizione(&mut w, input.plan);
    // The plan's tables, made once for the sections and the annexes.
    let tables = tables::tables(input.plan);
    sections(&mut w, input.plan, input.year, &tables);
    if let Some(previous) = input.previous {
        compare::part(&mut w, previous);
    }
    free_texts(&mut w, input);
    attachments(&mut w, &tables);
    PlanDocument { blocks: w.blocks }
}

fn cover(w: &mut Writer, input: &DocumentInput) {
    w.push(Block::Title(format!(
        "Piano annuale dell'offerta dei servizi abitativi pubblici e sociali - anno {}",
        input.year
    )));
    w.push(Block::CoverLine(format!(
        "Ambito territoriale: {}",
        input.ambito.nome
    )));
    if let Some(capofila) = input.texts.capofila_line() {
        w.push(Block::CoverLine(capofila));
    }
    w.push(Block::CoverLine(input.texts.approval_line()));
}

fn ricognizione(w: &mut Writer, plan: &Plan) {
    let r = &plan.ricognizione;
    w.push(Block::Subheading("La ricognizione".into()));
    w.push(Block::Paragraph(r.sentence().it));
    if !r.non_hanno_risposto.is_empty() {
        w.push(Block::Paragraph(format!(
            "Non hanno risposto, non essendo noti come proprietari di alloggi: {}.",
            r.non_hanno_risposto.join(", ")
        )));
    }
    if !r.nessun_patrimonio.is_empty() {
        w.push(Block::Paragraph(format!(
            "Hanno dichiarato di non possedere alloggi: {}.",
            r.nessun_patrimonio.join(", ")
        )));
    }
}

fn sections(w: &mut Writer, plan: &Plan, year: u16, tables: &[Table]) {
    let doc = |prefix: &str| Some(DocTable::from(table(tables, prefix)));
    let title = |prefix: &str| table(tables, prefix).title.it.clone();
    let none = "Nessun Ente Proprietario ha comunicato unità per questa voce.";
    for prefix in ["a ", "b ", "c ", "d "] {
        w.section(&title(prefix), doc(prefix), none);
    }
    // From 2026 d) gives SAS units apart (format 4): their own table, after the SAP ones.
    if tables.iter().any(|t| t.sheet == tables::SAS_TURNOVER_SHEET) {
        w.section(
            &title(tables::SAS_TURNOVER_SHEET),
            doc(tables::SAS_TURNOVER_SHEET),
            "Nessun Ente Proprietario ha comunicato unità SAS che si prevede si liberino per avvicendamento.",
        );
    }
    w.section(
        &title("e "),
        doc("e "),
        "Nessun Ente Proprietario ha comunicato unità abitative conferite da soggetti privati.",
    );
    // f) shows each ente's units alone: the sum b + c + d + e is the annex's, not its title's.
    w.section(
        &format!(
            "{} per ente proprietario",
            crate::sections::ASSEGNABILI.lettered().it
        ),
        Some(units_per_ente(table(tables, "f Assegnabili per ente"))),
        none,
    );
    choices(w, plan, year, tables);
    rounded_to_zero(w, plan);
    w.section(&title("j "), doc("j "), none);
    w.section(&title("k "), doc("k "), none);
}

/// f) as the published plans give it: each ente with its assignable units; how they are made
/// up (b + c + d + e) is in an annex ([`attachments`]).
fn units_per_ente(t: &Table) -> DocTable {
    let full = DocTable::from(t);
    let ente_and_f = |row: &Vec<String>| {
        vec![
            row.first().cloned().unwrap_or_default(),
            row.last().cloned().unwrap_or_default(),
        ]
    };
    DocTable {
        headers: vec![full.headers[0].clone(), "Unità".to_owned()],
        rows: full.rows.iter().map(ente_and_f).collect(),
        total: full.total.as_ref().map(ente_and_f),
    }
}

/// Under g): the ALER's indigenza quota counted comune by comune, with what the law says of
/// it and what the app does with the units the ALER gives without a comune. Nothing without
/// an ALER among the owners.
fn aler_indigenza(w: &mut Writer, plan: &Plan, tables: &[Table]) {
    let Some(first) = plan.indigenza_aler.first() else {
        return;
    };
    let total: u64 = plan.indigenza_aler.iter().map(|r| r.indigenza).sum();
    let p = first.percento;
    let mut text = format!(
        "Per l'ALER la quota per i nuclei in condizione di indigenza si applica distintamente in ciascun territorio comunale (art. 13 c.3 r.r. 4/2017): in ogni comune il {p}% delle unità assegnabili dell'ALER nel comune (b + c + d + e) è arrotondato all'unità superiore, e la quota dell'ALER è la somma, {} unità.",
        crate::text::count(total)
    );
    if let Some(unsplit) = plan.indigenza_aler.iter().find(|r| r.comune.is_none()) {
        text.push_str(&format!(
            " Le {} unità che l'ALER ha comunicato senza ripartizione per comune (d, dato solo come totale) non si possono attribuire a un comune: sono contate come un gruppo a sé, con la stessa quota del {p}% arrotondata all'unità superiore ({} unità). Questo trattamento è una scelta dell'app, da verificare: la norma non dice come contare le unità non ripartite.",
            crate::text::count(unsplit.assegnabili),
            crate::text::count(unsplit.indigenza)
        ));
    }
    w.push(Block::Paragraph(text));
    w.push(Block::Table(DocTable::from(table(
        tables,
        "g Indigenza ALER per comune",
    ))));
}

/// A table of the comuni (or entes) that made a choice, one column per choice.
fn choice_table(
    plan: &Plan,
    headers: &[&str],
    row: impl Fn(&crate::aggregate::QuotaChoices) -> Option<Vec<String>>,
) -> Option<DocTable> {
    Some(DocTable {
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        rows: plan.quote.iter().filter_map(row).collect(),
        total: None,
    })
}

fn percent(p: Option<crate::percent::Percent>) -> String {
    p.map(|p| format!("{p}%")).unwrap_or_default()
}

/// g, h, i as the published plans show them; units and motivations go to the attachments.
fn choices(w: &mut Writer, plan: &Plan, year: u16, tables: &[Table]) {
    let g = INDIGENZA_DEFAULT_PERCENT;
    w.section(
        &format!("g) Soglia per i nuclei in condizione di indigenza superiore al {g}% (art. 4 c.3 lett. c e art. 13 c.3 r.r. 4/2017)"),
        choice_table(plan, &["Comune", "Soglia"], |q| {
            q.soglia_indigenza_percento
                .map(|p| vec![q.ente.clone(), format!("{p}%")])
        }),
        &format!("Nessun Comune ha stabilito una soglia per i nuclei in condizione di indigenza superiore al {g}% delle unità disponibili nell'anno."),
    );
    for q in plan.quote.iter().filter(|q| q.copertura_spese_alloggio) {
        w.push(Block::Paragraph(format!(
            "Il {} garantisce la copertura delle relative spese di alloggio (art. 13 c.3 r.r. 4/2017).",
            q.ente
        )));
    }
    aler_indigenza(w, plan, tables);
    w.section(
        "h) Categoria aggiuntiva di particolare e motivata rilevanza sociale (art. 4 c.3 lett. d e art. 14 c.1 lett. f r.r. 4/2017)",
        choice_table(plan, &["Comune", "Categoria"], |q| {
            q.categoria_aggiuntiva
                .as_ref()
                .map(|c| vec![q.ente.clone(), c.clone()])
        }),
        "Nessun Comune ha indicato una categoria aggiuntiva.",
    );
    police(w, plan, year);
    if year >= FIRST_PLAN_YEAR_RR_2_2025 {
        categorie_art14(w, plan);
    }
}

/// i) as the published plans show it; from 2026 the police shares of art. 7bis and 7ter (the
/// art. 14 share has its own section, [`categorie_art14`]).
fn police(w: &mut Writer, plan: &Plan, year: u16) {
    let chose_i = |q: &crate::aggregate::QuotaChoices| {
        q.forze_polizia_percento.is_some() || q.polizia_locale_percento.is_some()
    };
    let (title, headers): (&str, &[&str]) = if year >= FIRST_PLAN_YEAR_RR_2_2025 {
        (
            "i) Quote per Forze di Polizia, Vigili del Fuoco e Forze Armate (art. 7bis) e Polizia Locale (art. 7ter r.r. 4/2017)",
            &["Comune", "Forze di Polizia (art. 7bis)", "Polizia Locale (art. 7ter)"],
        )
    } else {
        (
            "i) Quota per le Forze di Polizia e il Corpo nazionale dei Vigili del Fuoco (art. 4 c.3 lett. d bis e art. 7bis r.r. 4/2017)",
            &["Comune", "Quota"],
        )
    };
    let wide = headers.len() > 2;
    w.section(
        title,
        choice_table(plan, headers, |q| {
            (if wide {
                chose_i(q)
            } else {
                q.forze_polizia_percento.is_some()
            })
            .then(|| {
                let mut row = vec![q.ente.clone(), percent(q.forze_polizia_percento)];
                if wide {
                    row.push(percent(q.polizia_locale_percento));
                }
                row
            })
        }),
        "Nessun Comune ha riservato una quota per questa voce.",
    );
}

/// A share too small to give one unit: the tables show its percent and 0 units, and the plan
/// says why (a cap with no rounding clause is rounded down, quota.rs).
fn rounded_to_zero(w: &mut Writer, plan: &Plan) {
    for q in &plan.quote {
        for zero in &q.quote_a_zero {
            w.push(Block::Paragraph(format!(
                "{}, {}.",
                q.ente,
                zero.sentence().it
            )));
        }
    }
}

/// The share of art. 4 c.3 lett. c bis (r.r. 2/2025), each owner's (ALER included), with the
/// categories of art. 14 it goes to: under its own heading, not under i).
fn categorie_art14(w: &mut Writer, plan: &Plan) {
    w.section(
        "Quota per le categorie dell'art. 14 (art. 4 c.3 lett. c bis r.r. 4/2017)",
        choice_table(plan, &["Ente", "Quota", "Categorie dell'art. 14"], |q| {
            q.categorie_art14_percento.map(|p| {
                let categories: Vec<String> = q
                    .categorie_art14_elenco
                    .iter()
                    .map(|c| c.label().it)
                    .collect();
                let categories = if categories.is_empty() {
                    "non indicate".to_owned()
                } else {
                    categories.join("; ")
                };
                vec![q.ente.clone(), format!("{p}%"), categories]
            })
        }),
        "Nessun Ente Proprietario ha riservato una quota per le categorie dell'art. 14.",
    );
}

fn free_texts(w: &mut Writer, input: &DocumentInput) {
    type Pick = fn(&crate::aggregate::FreeTexts) -> &str;
    let parts: [(&str, &str, Pick); 2] = [
        (
            "Misure di welfare abitativo",
            &input.texts.misure_welfare,
            |t| &t.misure_welfare,
        ),
        (
            "Progettualità per il contrasto al disagio abitativo",
            &input.texts.progettualita,
            |t| &t.progettualita,
        ),
    ];
    for (heading, capofila_text, of_ente) in parts {
        w.push(Block::Heading(heading.into()));
        w.paragraphs(capofila_text);
        for t in &input.plan.testi {
            let text = of_ente(t).trim();
            if !text.is_empty() {
                w.push(Block::Paragraph(format!("{}: {text}", t.ente)));
            }
        }
        if capofila_text.trim().is_empty()
            && input
                .plan
                .testi
                .iter()
                .all(|t| of_ente(t).trim().is_empty())
        {
            w.push(Block::Paragraph("Nessuna indicazione.".into()));
        }
    }
}

/// The annexes the assemblea approves with the plan, numbered in the order they come. The
/// files received, their dispositions and key fingerprints are the capofila's record, not the
/// plan's: the verbale di ricezione ([`crate::verbale`]).
fn attachments(w: &mut Writer, tables: &[Table]) {
    w.push(Block::Heading("Allegati".into()));
    let doc = |prefix: &str| Some(DocTable::from(table(tables, prefix)));
    let annexes: Vec<(&str, Option<DocTable>, &str)> = vec![
        (
            "Unità assegnabili per ente proprietario: b + c + d + e = f",
            doc("f Assegnabili per ente"),
            "Nessuna unità assegnabile.",
        ),
        (
            "Unità assegnabili per ente proprietario e comune (f)",
            doc("f Assegnabili per comune"),
            "Nessuna unità assegnabile.",
        ),
        (
            "Scelte e quote in unità (g, h, i), con le motivazioni",
            doc("g-h-i"),
            "Nessuna scelta.",
        ),
    ];
    for (n, (title, table, none)) in annexes.into_iter().enumerate() {
        w.section(&format!("Allegato {} - {title}", n + 1), table, none);
    }
}

#[cfg(test)]
pub(crate) mod tests;
