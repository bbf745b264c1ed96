//! The Crema 2021 plan, compared with last year's, as LibreOffice Writer lays it out: the
//! CLI's DOCX converted to PDF by `soffice --headless`, its pages read back by poppler's
//! `pdftotext -layout` and `pdfinfo`. Every heading and every total of the document is on
//! the page, no heading is left at the foot of a page, no word of a table is broken across
//! two lines («Castelleo/ne»), the ente's name stays whole in its column and the wide tables
//! are on landscape pages. The expected texts come from the document's own blocks.
//!
//! LibreOffice is large and not a build dependency: without `soffice` (or poppler) a plain
//! `cargo test` says so and skips this test; the test command (`cargo xtask test`) installs
//! Debian's `libreoffice-writer-nogui` and sets `OFFERTA_REQUIRE_SOFFICE=1`, which turns the
//! skip into a failure.

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use offerta_core::document::{is_wide, to_docx, Block, PlanDocument};
use offerta_core::intake::{CheckedFile, Intake};
use offerta_core::plan_outputs;
use offerta_core::planning::{plan_of, LastYear};
use offerta_core::signing::TrustRegistry;

const ALER: &str = "ALER Brescia-Cremona-Mantova";

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `program` on the PATH, if there.
fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// The tools, or `None` after a note (a plain `cargo test`); a failure when the test command
/// asks for them.
fn tools() -> Option<(PathBuf, PathBuf, PathBuf)> {
    let found = (on_path("soffice"), on_path("pdftotext"), on_path("pdfinfo"));
    if let (Some(soffice), Some(pdftotext), Some(pdfinfo)) = found {
        return Some((soffice, pdftotext, pdfinfo));
    }
    let missing = "LibreOffice (soffice) or poppler (pdftotext, pdfinfo) is not installed";
    assert!(
        std::env::var_os("OFFERTA_REQUIRE_SOFFICE").is_none(),
        "{missing}, and OFFERTA_REQUIRE_SOFFICE asks for them (cargo xtask test installs them)"
    );
    eprintln!("note: {missing}: the DOCX is not opened in Writer (cargo xtask test does it)");
    None
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("offerta-writer-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Last year's (2020) plan signed by the capofila: the same answers with Crema's stock lower
/// and Castelleone's higher, so the comparison has changes of both signs.
fn last_years_plan(crema: &offerta_core::ambiti::Ambito) -> String {
    let mut last_year = offerta_core::demo::crema_2021();
    for s in &mut last_year {
        s.anno_piano = 2020;
        match s.ente.display_name().as_str() {
            "Comune di Crema" => s.consistenza.sap = 300,
            "Comune di Castelleone" => s.consistenza.sap += 2,
            _ => {}
        }
    }
    let intake = Intake::new(crema.clone(), 2020, TrustRegistry::default());
    plan_outputs::signed_aggregate_text(
        &intake,
        &offerta_core::aggregate(&last_year, Some(crema)),
        &plan_outputs::default_texts(&intake),
        &offerta_core::demo::fixture_key("019035"),
        "2020-01-28T10:00:00Z",
    )
}

/// The DOCX the CLI writes for Crema 2021 with last year's plan, and the document it holds
/// (made by the core from the same files, as the page makes it).
fn crema_2021_docx(dir: &Path) -> (PathBuf, PlanDocument) {
    let crema = offerta_core::ambiti::preset("crema").unwrap();
    let previous = dir.join("piano-2020-firmato.json");
    std::fs::write(&previous, last_years_plan(&crema)).unwrap();
    let (files, registry) = offerta_core::demo::crema_2021_signed_files();
    let registry_path = dir.join("registro.json");
    std::fs::write(&registry_path, registry.to_json()).unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let docx = dir.join("piano-crema-2021.docx");
    let mut args = vec![
        "aggregate",
        "--ambito",
        "crema",
        "--year",
        "2021",
        "--registry",
        p(&registry_path),
        "--previous",
        p(&previous),
        "--docx",
        p(&docx),
        "--out",
        "/dev/null",
    ];
    args.extend(paths.iter().map(|x| p(x)));
    let out = Command::new(env!("CARGO_BIN_EXE_offerta"))
        .args(&args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let mut intake = Intake::new(crema, 2021, registry);
    let checked = files
        .into_iter()
        .map(|(name, text)| CheckedFile::check(name, text.into_bytes(), intake.registry()))
        .collect();
    intake.add(checked);
    let read = offerta_core::previous_plan::read_previous_plan(&std::fs::read(&previous).unwrap())
        .unwrap();
    let mut last_year = LastYear::default();
    last_year.set(&intake, Some(read)).unwrap();
    let document = plan_outputs::document(
        &intake,
        &last_year,
        &plan_of(&intake, &last_year),
        &plan_outputs::default_texts(&intake),
    );
    assert_eq!(
        std::fs::read(&docx).unwrap(),
        to_docx(&document).unwrap(),
        "the CLI's DOCX is the document's"
    );
    (docx, document)
}

/// Runs `cmd`, failing with its standard error.
fn output(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?}: {}", stderr(&out));
    out.stdout
}

/// Whitespace (spaces between columns, line ends) made one space.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether each page is landscape (wider than high), from `pdfinfo`'s page sizes.
fn landscape_pages(pdfinfo: &Path, pdf: &Path, pages: usize) -> Vec<bool> {
    let info = output(
        Command::new(pdfinfo)
            .args(["-f", "1", "-l", &pages.to_string()])
            .arg(pdf),
    );
    let landscape: Vec<bool> = String::from_utf8_lossy(&info)
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size: "))
        .map(|l| {
            let size: Vec<f64> = l
                .split(" size: ")
                .nth(1)
                .unwrap()
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            size[0] > size[1]
        })
        .collect();
    assert_eq!(landscape.len(), pages, "a size per page");
    landscape
}

/// The pages' text read in order: where the next `text` is (its page and its place there),
/// after the one found before (a heading is found after the one before it, not inside a
/// longer earlier one).
struct Reader<'a> {
    pages: &'a [String],
    page: usize,
    at: usize,
}

impl Reader<'_> {
    fn next(&mut self, text: &str) -> Option<(usize, usize)> {
        let text = collapsed(text);
        while self.page < self.pages.len() {
            if let Some(found) = self.pages[self.page][self.at..].find(&text) {
                self.at += found + text.len();
                return Some((self.page, self.at - text.len()));
            }
            self.page += 1;
            self.at = 0;
        }
        None
    }
}

#[test]
fn libreoffice_lays_out_every_heading_and_total_with_whole_words() {
    let Some((soffice, pdftotext, pdfinfo)) = tools() else {
        return;
    };
    let dir = scratch("crema-2021");
    let (docx, document) = crema_2021_docx(&dir);
    // A profile of its own: parallel runs (and a user's open LibreOffice) do not clash.
    let profile = dir.join("profilo-libreoffice");
    let started = Instant::now();
    output(
        Command::new(&soffice)
            .arg(format!("-env:UserInstallation=file://{}", p(&profile)))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&dir)
            .arg(&docx),
    );
    // On standard output: the test command keeps this line in its summary.
    println!(
        "LibreOffice converted the Crema 2021 DOCX to PDF in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let pdf = docx.with_extension("pdf");
    let text = output(Command::new(&pdftotext).arg("-layout").arg(&pdf).arg("-"));
    let text = String::from_utf8(text).unwrap();
    // pdftotext ends every page with a form feed.
    let raw_pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let pages: Vec<String> = raw_pages.iter().map(|p| collapsed(p)).collect();
    let landscape = landscape_pages(&pdfinfo, &pdf, pages.len());
    assert!(!landscape[0], "the cover is portrait");

    // Every heading is on a page, with something after it on that page, and its section's
    // table on a landscape page exactly when the table is wide.
    let blocks = &document.blocks;
    let mut reader = Reader {
        pages: &pages,
        page: 0,
        at: 0,
    };
    for (i, block) in blocks.iter().enumerate() {
        let (Block::Heading(title) | Block::Subheading(title)) = block else {
            continue;
        };
        let (page, at) = reader
            .next(title)
            .unwrap_or_else(|| panic!("«{title}» in the PDF, in order"));
        let after = &pages[page][at..];
        assert!(
            after.len() > collapsed(title).len() + 1,
            "«{title}» is the last line of page {}: it must keep with what follows",
            page + 1
        );
        let wide = blocks[i + 1..]
            .iter()
            .take_while(|b| !matches!(b, Block::Heading(_) | Block::Subheading(_)))
            .any(|b| matches!(b, Block::Table(t) if is_wide(t)));
        if matches!(block, Block::Subheading(_)) {
            assert_eq!(
                landscape[page],
                wide,
                "«{title}» on page {} (landscape: {})",
                page + 1,
                landscape[page]
            );
        }
    }
    assert!(landscape.iter().any(|l| *l), "the wide annex is landscape");

    // Every total row, its cells in order on one line.
    let lines: Vec<String> = raw_pages
        .iter()
        .flat_map(|p| p.lines())
        .map(collapsed)
        .collect();
    let mut totals = 0;
    for block in blocks {
        if let Block::Table(t) = block {
            if let Some(total) = &t.total {
                let wanted = collapsed(&total.join(" "));
                assert!(
                    lines.iter().any(|l| l.contains(&wanted)),
                    "total «{wanted}» on one line of the PDF"
                );
                totals += 1;
            }
        }
    }
    assert!(totals >= 8, "{totals} totals checked");

    // The chart is on one page with its title and every comune's bar.
    let chart = blocks
        .iter()
        .find_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .expect("the comparison has its chart");
    let (page, _) = Reader {
        pages: &pages,
        page: 0,
        at: 0,
    }
    .next(&chart.title)
    .expect("the chart's title");
    let chart_page = raw_pages[page];
    for bar in &chart.bars {
        assert!(
            chart_page
                .lines()
                .any(|l| collapsed(l).starts_with(&bar.label)),
            "«{}» on the chart's page {}",
            bar.label,
            page + 1
        );
    }

    // No word of a table broken inside across lines: each word is in the PDF at least as often as
    // in the document's tables (a header repeated on a new page, a paragraph only add).
    let cells: Vec<&String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| std::iter::once(&t.headers).chain(&t.rows).chain(&t.total))
        .flatten()
        .collect();
    let table_text = cells
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    // The words of letters: a long code (a file name, a fingerprint) may break at a hyphen,
    // and a hyphenated name's parts are words too.
    let mut words: Vec<&str> = table_text
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().count() >= 5 && w.chars().all(char::is_alphabetic))
        .collect();
    words.sort_unstable();
    words.dedup();
    for word in words.iter().chain(&["Castelleone"]) {
        let (in_tables, in_pdf) = (table_text.matches(word).count(), text.matches(word).count());
        assert!(
            in_pdf >= in_tables,
            "«{word}» broken: {in_pdf} times in the PDF, {in_tables} in the tables"
        );
    }
    // The ente's whole name on one line wherever a table's first column names it.
    let named = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| t.rows.iter().chain(&t.total))
        .filter(|r| r.first().is_some_and(|c| c.contains(ALER)))
        .count();
    let whole: usize = lines.iter().map(|l| l.matches(ALER).count()).sum();
    assert!(
        named > 0 && whole >= named,
        "«{ALER}» whole {whole} times, {named} rows name it"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
