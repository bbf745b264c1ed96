//! The plan document as an editable DOCX (Word, LibreOffice Writer): real heading styles (the
//! navigation pane and a table of contents find them), tables whose header row repeats on
//! every page, A4 pages, Italian as the document's language.
//!
//! Written here on the `zip` crate the XLSX export already links, instead of `docx-rs`: that
//! crate added 616 KB of wasm (256 KB to the gzipped single file, which then came within
//! 21 KB of its 1.5 MB budget) for the five parts and four kinds of element this document
//! needs. docs/ARCHITECTURE.md keeps the figures.

use std::io::Write;

use zip::write::SimpleFileOptions;

use super::{Block, DocTable, PlanDocument};
use crate::chart::BarChart;
use crate::text::Message;

/// A4 in twentieths of a point, with 2 cm margins all round.
const A4: (u32, u32) = (11_906, 16_838);
const MARGIN: u32 = 1_134;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Calibri 11 pt in Italian; the title and two heading levels (outline levels 0 and 1, the
/// names Word and LibreOffice recognise); a grid table style.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="it-IT"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="2400" w:after="480"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

/// Text as XML character data: the one point where text enters the DOCX
/// ([`crate::text::push_xml_escaped`]: a character XML cannot carry is shown as its code point).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        crate::text::push_xml_escaped(&mut out, c);
    }
    out
}

/// The run's text, a `<w:t>` per line with a `<w:br/>` between: a line break inside one
/// `<w:t>` is shown by Word and LibreOffice as a space, and a multi-line text (a premessa, an
/// ente's projects, a motivation) would read as one line.
fn text_with_breaks(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.split('\n')
        .map(|line| format!("<w:t xml:space=\"preserve\">{}</w:t>", escape(line)))
        .collect::<Vec<_>>()
        .join("<w:br/>")
}

fn run(text: &str, bold: bool, size: Option<u32>) -> String {
    let mut props = String::new();
    if bold {
        props.push_str("<w:b/>");
    }
    if let Some(half_points) = size {
        props.push_str(&format!("<w:sz w:val=\"{half_points}\"/>"));
    }
    let props = if props.is_empty() {
        props
    } else {
        format!("<w:rPr>{props}</w:rPr>")
    };
    format!("<w:r>{props}{}</w:r>", text_with_breaks(text))
}

/// A paragraph of `style` (none: Normal), perhaps centred.
fn paragraph(text: &str, style: Option<&str>, centred: bool) -> String {
    let mut props = String::new();
    if let Some(style) = style {
        props.push_str(&format!("<w:pStyle w:val=\"{style}\"/>"));
    }
    if centred {
        props.push_str("<w:jc w:val=\"center\"/>");
    }
    let props = if props.is_empty() {
        props
    } else {
        format!("<w:pPr>{props}</w:pPr>")
    };
    format!("<w:p>{props}{}</w:p>", run(text, false, None))
}

/// Counts are right-aligned: a cell of digits and thousands dots.
fn is_count(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn cell(text: &str, width: u32, header: bool, total: bool) -> String {
    let shade = if header {
        "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/>"
    } else {
        ""
    };
    let align = if is_count(text) {
        "<w:pPr><w:jc w:val=\"right\"/></w:pPr>"
    } else {
        ""
    };
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{shade}</w:tcPr><w:p>{align}{}</w:p></w:tc>",
        run(text, header || total, Some(18))
    )
}

/// A table over the text width: its header row repeats on every page and never splits.
fn table(t: &DocTable) -> String {
    let columns = t.headers.len().max(1) as u32;
    let width = (A4.0 - 2 * MARGIN) / columns;
    let grid: String = (0..columns)
        .map(|_| format!("<w:gridCol w:w=\"{width}\"/>"))
        .collect();
    let row = |cells: &[String], header: bool, total: bool| {
        let props = if header {
            "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        } else {
            "<w:trPr><w:cantSplit/></w:trPr>"
        };
        let cells: String = cells
            .iter()
            .map(|c| cell(c, width, header, total))
            .collect();
        format!("<w:tr>{props}{cells}</w:tr>")
    };
    let mut xml = format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{}\" w:type=\"dxa\"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
        width * columns
    );
    xml.push_str(&row(&t.headers, true, false));
    for r in &t.rows {
        xml.push_str(&row(r, false, false));
    }
    if let Some(total) = &t.total {
        xml.push_str(&row(total, false, true));
    }
    xml.push_str("</w:tbl><w:p/>");
    xml
}

/// The chart's bar area is this many grid columns: a bar spans as many as its share of the
/// largest value (1/40th, a few millimetres on A4, is fine enough to compare two years).
const CHART_STEPS: u64 = 40;
/// Column widths of the chart's table: comune, year, one bar step, value.
const CHART_LABEL: u32 = 2_400;
const CHART_YEAR: u32 = 1_100;
const CHART_STEP: u32 = 140;
const CHART_VALUE: u32 = (A4.0 - 2 * MARGIN) - CHART_LABEL - CHART_YEAR - 40 * CHART_STEP;

/// One cell of the chart's table spanning `span` grid columns, perhaps shaded.
fn chart_cell(text: &str, width: u32, span: u64, shade: &str, bold: bool) -> String {
    let span = if span > 1 {
        format!("<w:gridSpan w:val=\"{span}\"/>")
    } else {
        String::new()
    };
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{span}{shade}</w:tcPr><w:p>{}</w:p></w:tc>",
        run(text, bold, Some(16))
    )
}

/// The chart without an image, which Word, LibreOffice and a black-and-white printer all
/// render alike: its title, then a table with two rows per comune (last year, this year)
/// whose bar is a run of shaded cells as wide as the value's share of the largest; last
/// year's hatched, this year's solid dark, the value written after it. Its data follow as
/// an ordinary table (the next block).
fn chart(c: &BarChart) -> String {
    const HATCHED: &str = "<w:shd w:val=\"diagStripe\" w:color=\"000000\" w:fill=\"FFFFFF\"/>";
    const SOLID: &str = "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"1A1A1A\"/>";
    let steps = CHART_STEPS as u32;
    let grid: String = [CHART_LABEL, CHART_YEAR]
        .into_iter()
        .chain(std::iter::repeat_n(CHART_STEP, steps as usize))
        .chain([CHART_VALUE])
        .map(|w| format!("<w:gridCol w:w=\"{w}\"/>"))
        .collect();
    let none = "<w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/>";
    let mut xml = paragraph(&c.title, None, false);
    xml.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>{none}</w:tblBorders><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
        A4.0 - 2 * MARGIN
    ));
    xml.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    xml.push_str(&chart_cell("Comune", CHART_LABEL, 1, "", true));
    xml.push_str(&chart_cell("Anno", CHART_YEAR, 1, "", true));
    xml.push_str(&chart_cell(
        "Unità assegnabili (f)",
        CHART_STEP * steps,
        CHART_STEPS,
        "",
        true,
    ));
    xml.push_str(&chart_cell("Unità", CHART_VALUE, 1, "", true));
    xml.push_str("</w:tr>");
    for bar in &c.bars {
        for (label, year, value, shade) in [
            (bar.label.as_str(), &c.previous_label, bar.previous, HATCHED),
            ("", &c.current_label, bar.current, SOLID),
        ] {
            let filled = c.width(value, CHART_STEPS);
            xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            xml.push_str(&chart_cell(label, CHART_LABEL, 1, "", false));
            xml.push_str(&chart_cell(year, CHART_YEAR, 1, "", false));
            if filled > 0 {
                xml.push_str(&chart_cell(
                    "",
                    CHART_STEP * filled as u32,
                    filled,
                    shade,
                    false,
                ));
            }
            if filled < CHART_STEPS {
                let rest = CHART_STEPS - filled;
                xml.push_str(&chart_cell("", CHART_STEP * rest as u32, rest, "", false));
            }
            xml.push_str(&chart_cell(
                &crate::text::count(value),
                CHART_VALUE,
                1,
                "",
                false,
            ));
            xml.push_str("</w:tr>");
        }
    }
    xml.push_str("</w:tbl><w:p/>");
    xml
}

fn body(doc: &PlanDocument) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    for block in &doc.blocks {
        xml.push_str(&match block {
            Block::Title(s) => paragraph(s, Some("Title"), false),
            Block::CoverLine(s) => paragraph(s, None, true),
            Block::Heading(s) => paragraph(s, Some("Heading1"), false),
            Block::Subheading(s) => paragraph(s, Some("Heading2"), false),
            Block::Paragraph(s) => paragraph(s, None, false),
            Block::Table(t) => table(t),
            Block::Chart(c) => chart(c),
        });
    }
    xml.push_str(&format!(
        "<w:sectPr><w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
        A4.0, A4.1
    ));
    xml
}

/// The document's properties: its title (the cover's) and language.
fn core_properties(doc: &PlanDocument) -> String {
    let title = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(s) => Some(s.as_str()),
            _ => None,
        })
        .unwrap_or("");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:language>it-IT</dc:language><dc:creator>{}</dc:creator></cp:coreProperties>",
        escape(title),
        escape(&crate::written_by())
    )
}

/// The document as DOCX bytes. Nothing in them depends on when they are made: the page and
/// the CLI write the same file.
pub fn to_docx(doc: &PlanDocument) -> Result<Vec<u8>, DocxError> {
    let err = |e: &dyn std::fmt::Display| DocxError::new(e);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", PACKAGE_RELS.to_owned()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()),
        ("word/styles.xml", STYLES.to_owned()),
        ("word/document.xml", body(doc)),
        ("docProps/core.xml", core_properties(doc)),
    ];
    for (name, content) in parts {
        zip.start_file(name, options).map_err(|e| err(&e))?;
        zip.write_all(content.as_bytes()).map_err(|e| err(&e))?;
    }
    let cursor = zip.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}

/// Why the DOCX could not be written (the zip writer failed): one sentence with the writer's
/// words in it, as it has always been shown (in Italian on an English page too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocxError(Message);

impl DocxError {
    fn new(e: &dyn std::fmt::Display) -> DocxError {
        let said = format!("impossibile scrivere il documento Word: {e}");
        DocxError(Message::new(said.clone(), said))
    }

    pub fn message(&self) -> &Message {
        &self.0
    }
}

/// As the CLI prints it ([`Message::italian`]).
impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DocxError {}
