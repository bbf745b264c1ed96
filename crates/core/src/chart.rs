//! The bar chart the plan document shows in its comparison with last year: per comune, the
//! units assignable (f) this year against last year's. The app draws it itself, as SVG for
//! the page and the print view, and the DOCX writer as a table of shaded cells
//! (`document::docx`), so no image library and no image file are needed.
//!
//! The SVG is made for a page that inserts it as it is into its DOM and for a printout in
//! black and white: no script, no event attribute, no `id` (two charts on one page would
//! clash), no reference to anything outside it; every text is escaped; last year is an
//! empty bar with a black outline, this year a solid dark bar, and every value is written
//! next to its bar; horizontal bars, so that 48 comuni's names stay readable. The same chart
//! always gives the same bytes.

use crate::comparison::{signed, Comparison};
use crate::tables::DocTable;
use crate::text::count;

/// One comune: its units in the two years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub previous: u64,
    pub current: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarChart {
    pub title: String,
    /// What the chart shows, in words (the SVG's `<desc>`).
    pub description: String,
    /// How the two years are named in the legend and the table ("Piano 2020").
    pub previous_label: String,
    pub current_label: String,
    pub bars: Vec<Bar>,
}

// Layout, in the SVG's own units (the drawing scales to the page's width).
const WIDTH: u64 = 640;
const LABEL_WIDTH: u64 = 180;
const BAR_AREA: u64 = 390;
const LEGEND_HEIGHT: u64 = 30;
const BAR_HEIGHT: u64 = 9;
/// Two bars, the gap between them and the space before the next comune.
const GROUP_HEIGHT: u64 = 2 * BAR_HEIGHT + 2 + 8;
const FONT: &str = r#"font-family="sans-serif" font-size="11""#;
const DARK: &str = "#1a1a1a";

/// Text as XML character data or attribute value: the five markup characters escaped, a line
/// break or tab as a space (a label is one line), and the characters XML 1.0 does not allow
/// shown as their code point as in the DOCX ([`crate::text::push_xml_escaped`]), so that no
/// name can end the element it is in or make the document unreadable.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c => crate::text::push_xml_escaped(&mut out, c),
        }
    }
    out
}

impl BarChart {
    /// f per comune in the two plans of `comparison`.
    pub fn of(comparison: &Comparison) -> BarChart {
        let previous_label = format!("Piano {}", comparison.previous_year);
        let current_label = comparison
            .current_year
            .map_or_else(|| "Quest'anno".to_owned(), |y| format!("Piano {y}"));
        BarChart {
            title: format!(
                "Unità assegnabili (f) per comune: {current_label} e {}",
                previous_label.to_lowercase()
            ),
            description: format!(
                "Barre orizzontali, una coppia per comune: sopra le unità assegnabili del {} (barra vuota con il contorno), sotto quelle del {} (barra piena). Il numero di unità è scritto accanto a ogni barra; la tabella che segue riporta gli stessi dati.",
                previous_label.to_lowercase(),
                current_label.to_lowercase()
            ),
            bars: comparison
                .comuni
                .iter()
                .map(|c| Bar {
                    label: crate::text::visible(&c.nome),
                    previous: c.previous,
                    current: c.current,
                })
                .collect(),
            previous_label,
            current_label,
        }
    }

    /// The largest value drawn (at least 1, so that widths divide by it).
    pub fn max(&self) -> u64 {
        self.bars
            .iter()
            .flat_map(|b| [b.previous, b.current])
            .max()
            .unwrap_or(0)
            .max(1)
    }

    /// `value`'s share of `full`, in whole units (a bar of something is never invisible).
    pub fn width(&self, value: u64, full: u64) -> u64 {
        match value {
            0 => 0,
            v => (v.saturating_mul(full) / self.max()).max(1),
        }
    }

    /// The chart as a self-contained SVG element.
    pub fn svg(&self) -> String {
        let height = LEGEND_HEIGHT + GROUP_HEIGHT * self.bars.len() as u64 + 4;
        let mut svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" class="chart"><title>{}</title><desc>{}</desc>"#,
            xml_escape(&self.title),
            xml_escape(&self.description)
        );
        // The legend: last year's swatch, then this year's.
        let legend_x = [LABEL_WIDTH, LABEL_WIDTH + BAR_AREA / 2];
        for (i, (label, current)) in [(&self.previous_label, false), (&self.current_label, true)]
            .into_iter()
            .enumerate()
        {
            let x = legend_x[i];
            svg.push_str(&rect(x, 8, 14, 12, current));
            svg.push_str(&format!(
                r#"<text x="{}" y="18" {FONT}>{}</text>"#,
                x + 20,
                xml_escape(label)
            ));
        }
        for (i, bar) in self.bars.iter().enumerate() {
            let top = LEGEND_HEIGHT + GROUP_HEIGHT * i as u64;
            svg.push_str(&format!(
                r#"<text x="{}" y="{}" text-anchor="end" {FONT}>{}</text>"#,
                LABEL_WIDTH - 6,
                top + BAR_HEIGHT + 4,
                xml_escape(&bar.label)
            ));
            for (row, (value, current)) in [(bar.previous, false), (bar.current, true)]
                .into_iter()
                .enumerate()
            {
                let y = top + row as u64 * (BAR_HEIGHT + 2);
                let w = self.width(value, BAR_AREA);
                if w > 0 {
                    svg.push_str(&rect(LABEL_WIDTH, y, w, BAR_HEIGHT, current));
                }
                svg.push_str(&format!(
                    r#"<text x="{}" y="{}" {FONT}>{}</text>"#,
                    LABEL_WIDTH + w + 4,
                    y + BAR_HEIGHT - 1,
                    count(value)
                ));
            }
        }
        // The axis the bars start from.
        svg.push_str(&format!(
            r#"<line x1="{LABEL_WIDTH}" y1="{}" x2="{LABEL_WIDTH}" y2="{}" stroke="{DARK}" stroke-width="1"/>"#,
            LEGEND_HEIGHT - 2,
            height - 2
        ));
        svg.push_str("</svg>");
        svg
    }

    /// The chart's data as a table (its text alternative): comune, the two years, the change;
    /// a total last.
    pub fn table(&self) -> DocTable {
        let row = |label: &str, p: u64, c: u64| {
            let change =
                i64::try_from(c).unwrap_or(i64::MAX) - i64::try_from(p).unwrap_or(i64::MAX);
            vec![label.to_owned(), count(p), count(c), signed(change)]
        };
        let (p, c) = self
            .bars
            .iter()
            .fold((0, 0), |(p, c), b| (p + b.previous, c + b.current));
        DocTable {
            headers: vec![
                "Comune".into(),
                format!("Anno precedente ({})", self.previous_label),
                format!("Quest'anno ({})", self.current_label),
                "Variazione".into(),
            ],
            rows: self
                .bars
                .iter()
                .map(|b| row(&b.label, b.previous, b.current))
                .collect(),
            total: Some(row("Totale", p, c)),
        }
    }
}

/// A bar or a legend swatch: this year's solid and dark, last year's empty with an outline.
fn rect(x: u64, y: u64, w: u64, h: u64, current: bool) -> String {
    let paint = if current {
        format!(r#"fill="{DARK}""#)
    } else {
        format!(r##"fill="#ffffff" stroke="{DARK}" stroke-width="1""##)
    };
    format!(r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" {paint}/>"#)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(bars: &[(&str, u64, u64)]) -> BarChart {
        BarChart {
            title: "Unità <f> & \"altro\"".into(),
            description: "descrizione".into(),
            previous_label: "Piano 2020".into(),
            current_label: "Piano 2021".into(),
            bars: bars
                .iter()
                .map(|&(label, previous, current)| Bar {
                    label: label.into(),
                    previous,
                    current,
                })
                .collect(),
        }
    }

    /// The attribute names starting with "on" (onload, onclick...) in the tags of `svg`.
    pub(crate) fn event_attributes(svg: &str) -> Vec<String> {
        let mut found = Vec::new();
        for tag in svg.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or("");
            for part in tag.split_whitespace().skip(1) {
                let name = part.split('=').next().unwrap_or("").to_lowercase();
                if name.starts_with("on") {
                    found.push(name);
                }
            }
        }
        found
    }

    #[test]
    fn every_text_is_escaped_and_nothing_runs_or_leaves_the_drawing() {
        let svg = chart(&[
            ("Spino d'Adda", 3, 1),
            ("<script>alert(1)</script>", 0, 2),
            ("A & B\u{7}", 4, 0),
        ])
        .svg();
        assert!(svg.contains("Spino d&apos;Adda"), "{svg}");
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("A &amp; B[U+0007]"), "{svg}");
        assert!(svg.contains("<title>Unità &lt;f&gt; &amp; &quot;altro&quot;</title>"));
        let lower = svg.to_lowercase();
        for banned in [
            "<script",
            "href",
            "url(",
            " id=",
            "<image",
            "<foreignobject",
        ] {
            assert!(!lower.contains(banned), "{banned} in {svg}");
        }
        assert_eq!(event_attributes(&svg), Vec::<String>::new());
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 "));
        assert!(svg.contains("width=\"100%\" role=\"img\""));
        assert!(svg.contains("<desc>descrizione</desc>"));
    }

    #[test]
    fn bars_are_proportional_every_value_is_written_and_the_output_is_stable() {
        let c = chart(&[("Crema", 34, 17), ("Izano", 1, 0)]);
        assert_eq!(c.width(34, BAR_AREA), BAR_AREA);
        assert_eq!(c.width(17, BAR_AREA), BAR_AREA / 2);
        assert_eq!(c.width(1, 10), 1, "a bar of one unit stays visible");
        assert_eq!(c.width(0, BAR_AREA), 0);
        let svg = c.svg();
        // Two swatches and three bars (the zero draws none), each value written.
        assert_eq!(svg.matches("<rect").count(), 5, "{svg}");
        for value in [">34<", ">17<", ">1<", ">0<"] {
            assert!(svg.contains(value), "{value}");
        }
        assert_eq!(svg, c.svg());
        let table = c.table();
        assert_eq!(table.rows[0], ["Crema", "34", "17", "-17"]);
        assert_eq!(
            table.total,
            Some(vec![
                "Totale".into(),
                "35".into(),
                "17".into(),
                "-18".into()
            ])
        );
    }
}
