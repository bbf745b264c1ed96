//! The plan document as an editable DOCX (Word, LibreOffice Writer), written by `docx-rs`:
//! real heading styles (the navigation pane and a table of contents find them), tables with
//! a header row that repeats on every page, A4 pages.

use docx_rs::{
    AlignmentType, BorderType, Docx, Paragraph, Run, RunFonts, Shading, Style, StyleType, Table,
    TableBorders, TableCell, TableRow, WidthType,
};

use super::{Block, DocTable, PlanDocument};

/// A4 in twentieths of a point, with 2 cm margins.
const A4_WIDTH: u32 = 11_906;
const A4_HEIGHT: u32 = 16_838;
const TEXT_WIDTH: usize = 11_906 - 2 * 1_134;

fn heading_style(id: &str, name: &str, size: usize, level: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .size(size)
        .bold()
        .outline_lvl(level)
}

fn text(s: &str) -> Run {
    Run::new().add_text(s)
}

fn cell(s: &str, header: bool, numeric: bool) -> TableCell {
    let mut run = text(s).size(18);
    if header {
        run = run.bold();
    }
    let mut p = Paragraph::new().add_run(run);
    if numeric {
        p = p.align(AlignmentType::Right);
    }
    let c = TableCell::new().add_paragraph(p);
    if header {
        c.shading(Shading::new().fill("D9D9D9"))
    } else {
        c
    }
}

/// Counts are right-aligned: a cell of digits and thousands dots.
fn is_count(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn table(t: &DocTable) -> Table {
    // The header row cannot split and repeats on each page (see `mark_header_rows`).
    let header =
        TableRow::new(t.headers.iter().map(|h| cell(h, true, false)).collect()).cant_split();
    let body = t
        .rows
        .iter()
        .chain(t.total.as_ref())
        .enumerate()
        .map(|(i, row)| {
            let is_total = t.total.is_some() && i == t.rows.len();
            TableRow::new(row.iter().map(|c| cell(c, is_total, is_count(c))).collect())
        });
    Table::new(std::iter::once(header).chain(body).collect())
        .width(TEXT_WIDTH, WidthType::Dxa)
        .set_borders(
            TableBorders::new().set(
                docx_rs::TableBorder::new(docx_rs::TableBorderPosition::InsideH)
                    .border_type(BorderType::Single),
            ),
        )
}

/// docx-rs writes no `w:tblHeader`; the header rows are the only ones that cannot split, so
/// the mark is added next to theirs.
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(document)
        .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
        .into_bytes()
}

/// The document as DOCX bytes.
pub fn to_docx(doc: &PlanDocument) -> Result<Vec<u8>, String> {
    let mut docx = Docx::new()
        .page_size(A4_WIDTH, A4_HEIGHT)
        .default_fonts(RunFonts::new().ascii("Calibri").hi_ansi("Calibri"))
        .default_size(22)
        .add_style(heading_style("Title", "Title", 36, 0))
        .add_style(heading_style("Heading1", "heading 1", 30, 0))
        .add_style(heading_style("Heading2", "heading 2", 24, 1));
    for block in &doc.blocks {
        docx = match block {
            Block::Title(s) => docx.add_paragraph(
                Paragraph::new()
                    .add_run(text(s))
                    .style("Title")
                    .align(AlignmentType::Center),
            ),
            Block::CoverLine(s) => docx.add_paragraph(
                Paragraph::new()
                    .add_run(text(s))
                    .align(AlignmentType::Center),
            ),
            Block::Heading(s) => {
                docx.add_paragraph(Paragraph::new().add_run(text(s)).style("Heading1"))
            }
            Block::Subheading(s) => {
                docx.add_paragraph(Paragraph::new().add_run(text(s)).style("Heading2"))
            }
            Block::Paragraph(s) => docx.add_paragraph(Paragraph::new().add_run(text(s))),
            Block::Table(t) => docx.add_table(table(t)).add_paragraph(Paragraph::new()),
        };
    }
    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
