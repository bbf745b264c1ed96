//! The plan document as an editable DOCX (Word, LibreOffice Writer): real heading styles (the
//! navigation pane and a table of contents find them), tables whose header row repeats on
//! every page, A4 pages, Italian as the document's language.
//!
//! Laid out for Writer and Word alike: a table wider than [`super::WIDE_TABLE_COLUMNS`]
//! columns gets a landscape section of its own (with its title), the rest stays portrait;
//! columns are as wide as their longest word needs (the first, the ente, its whole name), so
//! no word breaks inside («Castelleo/ne»); headings and the chart keep with what follows and
//! no row splits across pages; figures, signed changes, percentages and dashes align right.
//!
//! Written here on the `zip` crate the XLSX export already links, instead of `docx-rs`: that
//! crate added 616 KB of wasm (256 KB to the gzipped single file, which then came within
//! 21 KB of its 1.5 MB budget) for the five parts and four kinds of element this document
//! needs. docs/ARCHITECTURE.md keeps the figures.

use std::io::Write;

use zip::write::SimpleFileOptions;

use super::{landscape_blocks, Block, DocTable, PlanDocument};
use crate::chart::BarChart;
use crate::text::Message;

/// A4 in twentieths of a point, with 2 cm margins all round.
const A4: (u32, u32) = (11_906, 16_838);
const MARGIN: u32 = 1_134;
/// The text's width on a portrait and on a landscape page.
const PORTRAIT_TEXT: u32 = A4.0 - 2 * MARGIN;
const LANDSCAPE_TEXT: u32 = A4.1 - 2 * MARGIN;

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

/// A paragraph of `style` (none: Normal), perhaps centred, perhaps kept on the page of the
/// next one (the heading styles keep with the next paragraph on their own).
fn paragraph(text: &str, style: Option<&str>, centred: bool, keep_next: bool) -> String {
    let mut props = String::new();
    if let Some(style) = style {
        props.push_str(&format!("<w:pStyle w:val=\"{style}\"/>"));
    }
    if keep_next {
        props.push_str("<w:keepNext/>");
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

/// A cell that reads as a figure and aligns right: a count (1.699), a signed change (+53,
/// -2, −2), a share (25,5%), or a dash for a year without figures (—, –).
fn looks_numeric(s: &str) -> bool {
    let s = s.trim();
    if matches!(s, "—" | "–" | "-" | "−") {
        return true;
    }
    let s = s.strip_prefix(['+', '-', '−', '±']).unwrap_or(s);
    let s = s.strip_suffix('%').unwrap_or(s).trim_end();
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// A column whose every filled cell below the header reads as a figure: its header aligns
/// right too, over the figures.
fn numeric_column(t: &DocTable, column: usize) -> bool {
    let mut cells = t
        .rows
        .iter()
        .chain(t.total.as_ref())
        .filter_map(|r| r.get(column))
        .filter(|c| !c.trim().is_empty())
        .peekable();
    cells.peek().is_some() && cells.all(|c| looks_numeric(c))
}

/// The width of a table's character (9 pt), in twentieths of a point: Calibri's widest
/// letters and bold, and DejaVu Sans, which Writer shows where neither Calibri nor Carlito is
/// installed, stay within it.
const CHAR_WIDTH: u32 = 110;
/// A cell's margins (80 each side, the table style's) and some air.
const CELL_PADDING: u32 = 240;
/// The first column names the ente: its whole name stays on one line up to this many
/// characters («ALER Brescia-Cremona-Mantova» has 28). No column asks more for one word: a
/// longer one (a file name, a fingerprint) breaks at its hyphens anyway.
const UNBROKEN_CHARS: usize = 32;
/// A column asks for no more than this many characters a line: a long motivation wraps.
const WANTED_CHARS: usize = 60;

/// What each column needs, in twentieths of a point: at least its longest word (the first
/// column its longest name), at best its longest text on one line.
fn column_needs(t: &DocTable) -> (Vec<u32>, Vec<u32>) {
    let columns = t.headers.len().max(1);
    let chars = |s: &str| s.chars().count();
    let longest_word = |s: &str| s.split_whitespace().map(chars).max().unwrap_or(0);
    let (mut least, mut wanted) = (vec![0usize; columns], vec![0usize; columns]);
    for (i, header) in t.headers.iter().enumerate().take(columns) {
        // A header is bold: a tenth wider.
        least[i] = longest_word(header) * 11 / 10;
        wanted[i] = least[i];
    }
    for row in t.rows.iter().chain(t.total.as_ref()) {
        for (i, cell) in row.iter().enumerate().take(columns) {
            let whole = chars(cell);
            let unbroken = if i == 0 {
                whole.max(longest_word(cell))
            } else {
                longest_word(cell)
            };
            least[i] = least[i].max(unbroken.min(UNBROKEN_CHARS));
            wanted[i] = wanted[i].max(whole.min(WANTED_CHARS));
        }
    }
    let twips = |n: usize| n as u32 * CHAR_WIDTH + CELL_PADDING;
    let least: Vec<u32> = least.into_iter().map(twips).collect();
    let wanted = wanted
        .into_iter()
        .zip(&least)
        .map(|(w, l)| twips(w).max(*l))
        .collect();
    (least, wanted)
}

/// Each column's width over `text_width`: every column at least as wide as its longest word
/// (the first as its longest name), the room left shared by how much more each would like.
/// Where even the longest words do not fit, the columns with the longest ones give way
/// (they break at a hyphen) and a short word («conteggiata») never breaks. Fixed widths:
/// Writer and Word show the same lines.
fn column_widths(t: &DocTable, text_width: u32) -> Vec<u32> {
    let (least, wanted) = column_needs(t);
    let scaled =
        |w: u32, num: u32, den: u32| (u64::from(w) * u64::from(num) / u64::from(den)) as u32;
    let (sum_least, sum_wanted) = (least.iter().sum::<u32>(), wanted.iter().sum::<u32>());
    let mut widths: Vec<u32> = if sum_wanted <= text_width {
        // Everything fits on one line: the table still spans the text, each column in its
        // proportion.
        wanted
            .iter()
            .map(|w| scaled(*w, text_width, sum_wanted))
            .collect()
    } else if sum_least <= text_width {
        let (spare, asked) = (text_width - sum_least, sum_wanted - sum_least);
        least
            .iter()
            .zip(&wanted)
            .map(|(l, w)| l + scaled(w - l, spare, asked))
            .collect()
    } else {
        // The widest columns come down to one width, the highest that fits.
        let fits = |cap: u32| least.iter().map(|l| (*l).min(cap)).sum::<u32>() <= text_width;
        let (mut low, mut high) = (0, text_width);
        while low < high {
            let middle = (low + high).div_ceil(2);
            if fits(middle) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        least.iter().map(|l| (*l).min(low)).collect()
    };
    // What rounding left over goes to the widest column.
    let rest = text_width.saturating_sub(widths.iter().sum::<u32>());
    if let Some(widest) = widths.iter_mut().max() {
        *widest += rest;
    }
    widths
}

/// Each column's share of the text's width in percent, summing to 100: the widths of
/// [`column_widths`] on a portrait page, or a landscape one for a wide table. The print view
/// gives its columns these shares, so paper and DOCX break the same words.
pub(super) fn column_percents(t: &DocTable) -> Vec<u32> {
    let text_width = if super::is_wide(t) {
        LANDSCAPE_TEXT
    } else {
        PORTRAIT_TEXT
    };
    let mut percents: Vec<u32> = column_widths(t, text_width)
        .iter()
        .map(|w| w * 100 / text_width)
        .collect();
    // What rounding down left over goes to the widest column.
    let rest = 100u32.saturating_sub(percents.iter().sum::<u32>());
    if let Some(widest) = percents.iter_mut().max() {
        *widest += rest;
    }
    percents
}

/// How a table cell is drawn.
#[derive(Clone, Copy, Default)]
struct CellLook {
    /// The header row: shaded and bold.
    header: bool,
    /// The total row: bold.
    total: bool,
    /// A figure: aligned right.
    right: bool,
    /// Kept on the page of the next row (the row before the total).
    keep_next: bool,
}

fn cell(text: &str, width: u32, look: CellLook) -> String {
    let shade = if look.header {
        "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/>"
    } else {
        ""
    };
    let keep = if look.keep_next { "<w:keepNext/>" } else { "" };
    let align = if look.right {
        "<w:jc w:val=\"right\"/>"
    } else {
        ""
    };
    let props = if keep.is_empty() && align.is_empty() {
        String::new()
    } else {
        format!("<w:pPr>{keep}{align}</w:pPr>")
    };
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{shade}</w:tcPr><w:p>{props}{}</w:p></w:tc>",
        run(text, look.header || look.total, Some(18))
    )
}

/// A table over the text's `text_width`: its header row repeats on every page, no row
/// splits across two and the total is never alone at the top of a page.
fn table(t: &DocTable, text_width: u32) -> String {
    let widths = column_widths(t, text_width);
    let numeric: Vec<bool> = (0..widths.len()).map(|i| numeric_column(t, i)).collect();
    let grid: String = widths
        .iter()
        .map(|w| format!("<w:gridCol w:w=\"{w}\"/>"))
        .collect();
    let row = |cells: &[String], look: CellLook| {
        let props = if look.header {
            "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        } else {
            "<w:trPr><w:cantSplit/></w:trPr>"
        };
        let cells: String = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                let right = if look.header {
                    numeric[i]
                } else {
                    looks_numeric(c)
                };
                cell(c, *w, CellLook { right, ..look })
            })
            .collect();
        format!("<w:tr>{props}{cells}</w:tr>")
    };
    let mut xml = format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{text_width}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    );
    let header = CellLook {
        header: true,
        ..CellLook::default()
    };
    xml.push_str(&row(&t.headers, header));
    for (i, r) in t.rows.iter().enumerate() {
        let keep_next = t.total.is_some() && i + 1 == t.rows.len();
        xml.push_str(&row(
            r,
            CellLook {
                keep_next,
                ..CellLook::default()
            },
        ));
    }
    if let Some(total) = &t.total {
        let total_look = CellLook {
            total: true,
            ..CellLook::default()
        };
        xml.push_str(&row(total, total_look));
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
const CHART_VALUE: u32 = PORTRAIT_TEXT - CHART_LABEL - CHART_YEAR - 40 * CHART_STEP;

/// One cell of the chart's table spanning `span` grid columns, perhaps shaded. Its paragraph
/// keeps with the next: the chart is never cut across two pages nor parted from its data.
fn chart_cell(text: &str, width: u32, span: u64, shade: &str, bold: bool) -> String {
    let span = if span > 1 {
        format!("<w:gridSpan w:val=\"{span}\"/>")
    } else {
        String::new()
    };
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{span}{shade}</w:tcPr><w:p><w:pPr><w:keepNext/></w:pPr>{}</w:p></w:tc>",
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
    let mut xml = paragraph(&c.title, None, false, true);
    xml.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{PORTRAIT_TEXT}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>{none}</w:tblBorders><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
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
    xml.push_str("</w:tbl><w:p><w:pPr><w:keepNext/></w:pPr></w:p>");
    xml
}

/// A section's page: A4 portrait, or landscape for the wide tables.
fn page(landscape: bool) -> String {
    let (w, h, orient) = if landscape {
        (A4.1, A4.0, " w:orient=\"landscape\"")
    } else {
        (A4.0, A4.1, "")
    };
    format!(
        "<w:sectPr><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>"
    )
}

fn body(doc: &PlanDocument) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    let landscape = landscape_blocks(&doc.blocks);
    let mut current = false;
    for (block, &wide) in doc.blocks.iter().zip(&landscape) {
        if wide != current {
            // A section ends with a paragraph carrying its page: the pages so far.
            xml.push_str(&format!("<w:p><w:pPr>{}</w:pPr></w:p>", page(current)));
            current = wide;
        }
        let text_width = if wide { LANDSCAPE_TEXT } else { PORTRAIT_TEXT };
        xml.push_str(&match block {
            Block::Title(s) => paragraph(s, Some("Title"), false, false),
            Block::CoverLine(s) => paragraph(s, None, true, false),
            Block::Heading(s) => paragraph(s, Some("Heading1"), false, false),
            Block::Subheading(s) => paragraph(s, Some("Heading2"), false, false),
            Block::Paragraph(s) => paragraph(s, None, false, false),
            Block::Table(t) => table(t, text_width),
            Block::Chart(c) => chart(c),
        });
    }
    // The last section's page is the body's own.
    xml.push_str(&page(current));
    xml.push_str("</w:body></w:document>");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::previous_plan::{read_previous_plan, tests as previous};

    /// The Crema 2021 document with the 2020 plan compared, as the capofila gets it.
    fn crema_2021_compared() -> PlanDocument {
        let intake = previous::crema_2021_intake(crate::ambiti::preset("crema").unwrap());
        let mut last_year = crate::planning::LastYear::default();
        let read = read_previous_plan(previous::crema_2020_signed().as_bytes()).unwrap();
        last_year.set(&intake, Some(read)).unwrap();
        let plan = crate::planning::plan_of(&intake, &last_year);
        let texts = crate::plan_outputs::default_texts(&intake);
        crate::plan_outputs::document(&intake, &last_year, &plan, &texts)
    }

    /// The table cell holding exactly `text`, as XML.
    fn cells_of<'a>(xml: &'a str, text: &str) -> Vec<&'a str> {
        let wanted = format!(">{}</w:t>", escape(text));
        xml.split("<w:tc>")
            .skip(1)
            .map(|c| &c[..c.find("</w:tc>").unwrap()])
            .filter(|c| c.contains(&wanted))
            .collect()
    }

    #[test]
    fn figures_signed_changes_shares_and_dashes_read_as_numbers() {
        for s in ["0", "1.699", "+53", "-2", "−2", "—", "–", "10%", "25,5%"] {
            assert!(looks_numeric(s), "{s}");
        }
        for s in [
            "",
            "Comune di Crema",
            "Piano 2020",
            "famiglie numerose",
            "(non ripartite per comune)",
            "7D63-8FA0-3557-CD8E-4526",
        ] {
            assert!(!looks_numeric(s), "{s}");
        }
    }

    /// In the «Variazione» columns a sign and a dash align right like the figures (in the
    /// tables: the chart writes its value just after its bar).
    #[test]
    fn signed_changes_and_dashes_align_right_in_the_docx() {
        let mut doc = crema_2021_compared();
        doc.blocks.retain(|b| !matches!(b, Block::Chart(_)));
        let xml = body(&doc);
        for text in ["+53", "+6", "—", "0", "1.699", "10%"] {
            let cells = cells_of(&xml, text);
            assert!(!cells.is_empty(), "a cell «{text}»");
            for cell in cells {
                assert!(cell.contains("<w:jc w:val=\"right\"/>"), "«{text}»: {cell}");
            }
        }
        let names = cells_of(&xml, "Comune di Crema");
        assert!(names.iter().all(|c| !c.contains("w:jc")), "names stay left");
        // The header of a column of figures sits over them.
        assert!(cells_of(&xml, "Variazione")
            .iter()
            .all(|c| c.contains("<w:jc w:val=\"right\"/>")));
    }

    /// The nine-column annex is on a landscape section of its own with its title; the
    /// document before and after it is portrait.
    #[test]
    fn a_wide_table_has_a_landscape_section_with_its_title() {
        let doc = crema_2021_compared();
        let xml = body(&doc);
        let sections: Vec<&str> = xml.split("</w:sectPr>").collect();
        let landscape: Vec<&&str> = sections
            .iter()
            .filter(|s| s.contains("w:orient=\"landscape\""))
            .collect();
        let wide = doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Table(t) if super::super::is_wide(t)))
            .count();
        assert!(wide >= 1);
        assert!(landscape.len() <= wide && !landscape.is_empty());
        let annex = landscape
            .iter()
            .find(|s| s.contains(" - Scelte e quote in unità"))
            .expect("the annex g-h-i in a landscape section");
        assert!(annex.contains(">motivazione</w:t>"), "with its table");
        assert!(
            !annex.contains("Unità assegnabili per ente proprietario e comune (f)"),
            "the narrow annex before it portrait"
        );
        // The body's own section is the last one's page, whichever it is.
        let last_wide = landscape_blocks(&doc.blocks).last() == Some(&true);
        assert!(xml.ends_with(&format!("{}</w:body></w:document>", page(last_wide))));
        assert!(sections[0].contains("Piano annuale") && !sections[0].contains("landscape"));
    }

    /// Columns are as wide as their longest word, the first as the ente's whole name; the sum
    /// is the text's width; with words too long for the page the short ones stay whole.
    #[test]
    fn columns_fit_the_longest_word_and_the_entes_whole_name() {
        let aler = "ALER Brescia-Cremona-Mantova";
        let table = |headers: &[&str], rows: &[&[&str]]| DocTable {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
            total: None,
        };
        let needs = |chars: usize| chars as u32 * CHAR_WIDTH + CELL_PADDING;
        let nine = table(
            &["Ente", "g", "unità", "h", "motivazione", "i", "i", "unità", "art. 14"],
            &[&[aler, "", "1", "", "Motivazione lunga di una categoria aggiuntiva che va a capo più volte nella sua colonna", "10%", "", "1", ""],
              &["Comune di Castelleone", "", "1", "", "", "10%", "", "1", ""]],
        );
        let widths = column_widths(&nine, LANDSCAPE_TEXT);
        assert_eq!(widths.iter().sum::<u32>(), LANDSCAPE_TEXT);
        assert!(widths[0] >= needs(aler.chars().count()), "{widths:?}");
        assert!(
            widths[4] > widths[1],
            "the motivation gets the room: {widths:?}"
        );
        let files = table(
            &["File", "Ente", "Esito", "Impronta della chiave"],
            &[&[
                "offerta-abitativa_2021_aler-alerbresciacremonamantova_aler-brescia-cremona-mantova_firmata.json",
                aler,
                "conteggiata",
                "7D63-8FA0-3557-CD8E-4526",
            ]],
        );
        let widths = column_widths(&files, PORTRAIT_TEXT);
        assert_eq!(widths.iter().sum::<u32>(), PORTRAIT_TEXT);
        assert!(widths[2] >= needs("conteggiata".len()), "{widths:?}");
    }

    /// The print view's column shares are the DOCX's widths in percent: they sum to 100 and
    /// the ente's name gets the room its whole name needs, not an equal share (#28).
    #[test]
    fn print_columns_take_the_docx_shares() {
        let doc = crema_2021_compared();
        let mut tables = 0;
        for block in &doc.blocks {
            let Block::Table(t) = block else { continue };
            let percents = super::super::column_percents(t);
            assert_eq!(percents.len(), t.headers.len());
            assert_eq!(percents.iter().sum::<u32>(), 100, "{:?}", t.headers);
            tables += 1;
        }
        assert!(tables > 10);
        let per_ente = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t)
                    if super::super::is_wide(t) && t.headers[0] == "Ente proprietario" =>
                {
                    Some(t)
                }
                _ => None,
            })
            .expect("the table of f per ente");
        let percents = super::super::column_percents(per_ente);
        let equal = 100 / per_ente.headers.len() as u32;
        assert!(percents[0] > equal, "{percents:?}");
    }

    /// The row before the total keeps with it: a total never starts a page alone.
    #[test]
    fn the_total_keeps_the_row_above_it() {
        let cells = |v: &[&str]| v.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        let t = DocTable {
            headers: cells(&["Ente", "Unità"]),
            rows: vec![
                cells(&["Comune di Crema", "4"]),
                cells(&["Comune di Izano", "1"]),
            ],
            total: Some(cells(&["Totale", "5"])),
        };
        let xml = table(&t, PORTRAIT_TEXT);
        let rows: Vec<&str> = xml.split("<w:tr>").skip(1).collect();
        let kept: Vec<bool> = rows.iter().map(|r| r.contains("<w:keepNext/>")).collect();
        assert_eq!(kept, [false, false, true, false]);
        let without_total = DocTable { total: None, ..t };
        assert!(!table(&without_total, PORTRAIT_TEXT).contains("<w:keepNext/>"));
    }

    /// The chart's title and every row of it keep with what follows: the chart is on one page
    /// and never parted from its data.
    #[test]
    fn the_chart_keeps_together_and_with_its_data() {
        let doc = crema_2021_compared();
        let c = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Chart(c) => Some(c),
                _ => None,
            })
            .unwrap();
        let xml = chart(c);
        assert!(
            xml.starts_with("<w:p><w:pPr><w:keepNext/></w:pPr>"),
            "the title keeps with the chart"
        );
        let paragraphs = xml.matches("<w:p>").count();
        assert_eq!(
            xml.matches("<w:keepNext/>").count(),
            paragraphs,
            "every paragraph keeps with the next"
        );
        assert!(xml.matches("<w:cantSplit/>").count() > c.bars.len() * 2);
        // Headings keep with the next paragraph through their styles.
        assert_eq!(STYLES.matches("<w:keepNext/>").count(), 2);
    }
}
