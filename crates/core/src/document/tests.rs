//! The Crema 2021 plan document: its text in order, every published figure in its section,
//! and the DOCX that carries the same text with real headings and header rows.

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

use std::io::Read;

use super::*;
use crate::intake::{CheckedFile, Intake};
use crate::{ambiti, demo};

/// The Crema 2021 document from the signed demo files, as the capofila gets it.
fn crema_2021(texts: impl FnOnce(&mut PlanTexts)) -> PlanDocument {
    let (files, registry) = demo::crema_2021_signed_files();
    let registry = std::rc::Rc::new(registry);
    let ambito = ambiti::preset("crema").unwrap();
    let checked = files
        .into_iter()
        .map(|(name, text)| CheckedFile::check(name, text.into_bytes(), &registry))
        .collect();
    let mut intake = Intake::new(ambito.clone(), 2021, (*registry).clone());
    intake.add(checked);
    let mut plan_texts = PlanTexts::defaults(&ambito, 2021);
    texts(&mut plan_texts);
    plan_document(&DocumentInput {
        plan: &crate::planning::plan_of(&intake, &crate::planning::LastYear::default()),
        ambito: &ambito,
        year: 2021,
        texts: &plan_texts,
        received: intake.received(),
        previous: None,
    })
}

/// The lines of the section whose title starts with `title`, up to the next title.
fn section(doc: &PlanDocument, title: &str) -> Vec<String> {
    let is_title = |line: &str| {
        doc.blocks
            .iter()
            .any(|b| matches!(b, Block::Heading(s) | Block::Subheading(s) if s == line))
    };
    let text = doc.text();
    // A title that is a whole heading is that heading, not a longer one it starts (the plan's
    // table "f) ... per ente proprietario" and the comparison's "f) ...").
    let exact = text.lines().any(|l| l == title && is_title(l));
    let mut lines = text.lines().skip_while(|l| {
        if exact {
            *l != title
        } else {
            !l.starts_with(title)
        }
    });
    let first = lines.next().unwrap_or_else(|| panic!("no section {title}"));
    std::iter::once(first)
        .chain(lines.take_while(|l| !is_title(l)))
        .map(String::from)
        .collect()
}

fn assert_lines(doc: &PlanDocument, title: &str, expected: &[&str]) {
    let lines = section(doc, title);
    for line in expected {
        assert!(
            lines.iter().any(|l| l == line),
            "{title}: no line «{line}» in {lines:#?}"
        );
    }
}

const ALER: &str = "ALER Brescia-Cremona-Mantova";

#[test]
fn every_published_figure_is_in_its_section() {
    let doc = crema_2021(|_| {});
    let a = |e: &str, t: &str, sap: &str, sas: &str| format!("{e}\t{t}\t{sap}\t{sas}");
    let owners_a: Vec<String> = [
        (ALER, "1.006", "997", "9"),
        ("Comune di Bagnolo Cremasco", "18", "18", "0"),
        ("Comune di Casale Cremasco-Vidolasco", "8", "8", "0"),
        ("Comune di Casaletto Ceredano", "7", "7", "0"),
        ("Comune di Casaletto di Sopra", "2", "2", "0"),
        ("Comune di Castelleone", "42", "42", "0"),
        ("Comune di Crema", "358", "353", "5"),
        ("Comune di Cremosano", "7", "7", "0"),
        ("Comune di Gombito", "10", "10", "0"),
        ("Comune di Izano", "6", "6", "0"),
        ("Comune di Madignano", "11", "11", "0"),
        ("Comune di Montodine", "2", "2", "0"),
        ("Comune di Offanengo", "14", "14", "0"),
        ("Comune di Pandino", "15", "15", "0"),
        ("Comune di Pianengo", "15", "15", "0"),
        ("Comune di Rivolta d'Adda", "43", "43", "0"),
        ("Comune di Romanengo", "22", "22", "0"),
        ("Comune di Sergnano", "6", "0", "6"),
        ("Comune di Soncino", "58", "58", "0"),
        ("Comune di Spino d'Adda", "15", "15", "0"),
        ("Comune di Torlino Vimercati", "3", "3", "0"),
        ("Comune di Trigolo", "5", "4", "1"),
        ("Comune di Vaiano Cremasco", "9", "9", "0"),
        ("Comune di Vailate", "17", "17", "0"),
        ("Totale", "1.699", "1.678", "21"),
    ]
    .iter()
    .map(|&(e, t, sap, sas)| a(e, t, sap, sas))
    .collect();
    assert_lines(
        &doc,
        "a)",
        &owners_a.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_lines(
        &doc,
        "b)",
        &[
            "Ente proprietario\tNumero\tComune",
            "ALER Brescia-Cremona-Mantova\t1\tCastelleone",
            "ALER Brescia-Cremona-Mantova\t1\tCrema",
            "ALER Brescia-Cremona-Mantova\t1\tOffanengo",
            "ALER Brescia-Cremona-Mantova\t1\tPandino",
            "ALER Brescia-Cremona-Mantova\t1\tVaiano Cremasco",
            "Comune di Crema\t4\tCrema",
            "Totale\t9\t",
        ],
    );
    assert_lines(
        &doc,
        "c)",
        &[
            "ALER Brescia-Cremona-Mantova\tCrema\tnuova edificazione\t22",
            "ALER Brescia-Cremona-Mantova\tOffanengo\tnuova edificazione\t2",
            "ALER Brescia-Cremona-Mantova\tRipalta Cremasca\tnuova edificazione\t1",
            "Comune di Castelleone\tCastelleone\tnuova edificazione\t2",
            "Comune di Crema\tCrema\tnuova edificazione\t28",
            "Totale\t\t\t55",
        ],
    );
    assert_lines(
        &doc,
        "d)",
        &[
            "ALER Brescia-Cremona-Mantova\t41\t(non ripartite per comune)",
            "Comune di Bagnolo Cremasco\t1\tBagnolo Cremasco",
            "Comune di Casaletto di Sopra\t1\tCasaletto di Sopra",
            "Comune di Crema\t2\tCrema",
            "Comune di Gombito\t1\tGombito",
            "Comune di Izano\t1\tIzano",
            "Comune di Spino d'Adda\t1\tSpino d'Adda",
            "Comune di Vaiano Cremasco\t1\tVaiano Cremasco",
            "Comune di Vailate\t1\tVailate",
            "Totale\t50\t",
        ],
    );
    let f: Vec<String> = [
        (ALER, "71"),
        ("Comune di Bagnolo Cremasco", "1"),
        ("Comune di Casaletto di Sopra", "1"),
        ("Comune di Castelleone", "2"),
        ("Comune di Crema", "34"),
        ("Comune di Gombito", "1"),
        ("Comune di Izano", "1"),
        ("Comune di Spino d'Adda", "1"),
        ("Comune di Vaiano Cremasco", "1"),
        ("Comune di Vailate", "1"),
        ("Totale", "114"),
    ]
    .iter()
    .map(|(e, n)| format!("{e}\t{n}"))
    .collect();
    // f) as published: each ente with its units; b + c + d + e = f is an annex.
    let mut f_lines = vec!["Ente proprietario\tUnità".to_owned()];
    f_lines.extend(f.iter().cloned());
    assert_eq!(section(&doc, "f)")[1..], f_lines);
    let annex = section(&doc, "Allegato 1");
    assert_eq!(
        annex[0],
        "Allegato 1 - Unità assegnabili per ente proprietario: b + c + d + e = f"
    );
    assert_eq!(annex[1], "Ente proprietario\tb\tc\td\te\tf");
    assert!(annex.contains(&format!("{ALER}\t5\t25\t41\t0\t71")));
    assert!(annex.contains(&"Totale\t9\t55\t50\t0\t114".to_owned()));
    assert_lines(
        &doc,
        "h)",
        &["Comune di Vaiano Cremasco\tfamiglie numerose"],
    );
    // Castelleone's 10% of f = 2 is a cap rounded down: 0 units, and the plan says so.
    assert_lines(
        &doc,
        "i)",
        &[
            "Comune di Castelleone\t10%",
            "Comune di Castelleone, Forze di Polizia: 10% di 2 unità: 0 unità (arrotondamento per difetto, la quota non può superare il limite).",
        ],
    );
    assert_lines(
        &doc,
        "j)",
        &[
            "Comune di Bagnolo Cremasco\tBagnolo Cremasco\t1",
            "Comune di Crema\tCrema\t14",
            "Totale\t\t15",
        ],
    );
    assert_lines(
        &doc,
        "k)",
        &[
            "ALER Brescia-Cremona-Mantova\t5\t0\t5",
            "Comune di Castelleone\t1\t0\t1",
            "Comune di Crema\t4\t0\t4",
            "Comune di Pianengo\t1\t0\t1",
            "Comune di Vaiano Cremasco\t1\t0\t1",
            "Totale\t12\t0\t12",
        ],
    );
    assert!(section(&doc, "k)")[0].contains("nell'anno precedente (2020)"));
}

#[test]
fn cover_ricognizione_and_empty_sections_read_as_the_published_plan() {
    let doc = crema_2021(|t| {
        t.approvazione_data = "28 gennaio 2021".into();
        t.approvazione_delibera = "deliberazione n. 1".into();
    });
    let text = doc.text();
    let first: Vec<&str> = text.lines().take(4).collect();
    assert_eq!(
        first,
        [
            "Piano annuale dell'offerta dei servizi abitativi pubblici e sociali - anno 2021",
            "Ambito territoriale: Ambito distrettuale di Crema (Cremasco)",
            "Comune capofila: Comune di Crema",
            "approvato dall'Assemblea dei Sindaci del 28 gennaio 2021 (deliberazione n. 1)",
        ]
    );
    assert_lines(
        &doc,
        "La ricognizione",
        &["La ricognizione ha riguardato complessivamente 48 Comuni e l'ALER; 24 risultano titolari di patrimonio, pari al 50%. Inadempiente: Trescore Cremasco."],
    );
    assert_lines(
        &doc,
        "e)",
        &["Nessun Ente Proprietario ha comunicato unità abitative conferite da soggetti privati."],
    );
    let g = section(&doc, "g)");
    assert!(
        g[1].starts_with("Nessun Comune ha stabilito una soglia"),
        "{g:?}"
    );
    // The parts in the published order.
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(s) => Some(s.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "I. Premessa",
            "L'ambito territoriale",
            "II. Contenuti del Piano annuale",
            "Misure di welfare abitativo",
            "Progettualità per il contrasto al disagio abitativo",
            "Allegati",
        ]
    );
    let letters: Vec<char> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Subheading(s) if s.chars().nth(1) == Some(')') => s.chars().next(),
            _ => None,
        })
        .collect();
    assert_eq!(letters, "abcdefghijk".chars().collect::<Vec<_>>());
    // The annexes are what the assemblea approves: the files received are the capofila's
    // record, the verbale di ricezione (crate::verbale).
    let annexes: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Subheading(s) if s.starts_with("Allegato") => Some(s.as_str()),
            _ => None,
        })
        .collect();
    assert!(!annexes.is_empty());
    assert!(
        annexes.iter().all(|a| !a.contains("ricevut")),
        "{annexes:?}"
    );
}

/// Issue #27: the ALER's indigenza quota comune by comune (art. 13 c.3 r.r. 4/2017) is in
/// g), with the units it gave without a comune explained, though the ALER chose nothing.
#[test]
fn g_gives_the_alers_indigenza_comune_by_comune() {
    let doc = crema_2021(|_| {});
    let g = section(&doc, "g)");
    let table: Vec<&str> = g
        .iter()
        .map(String::as_str)
        .skip_while(|l| !l.starts_with("Comune\t"))
        .collect();
    assert_eq!(
        table,
        [
            "Comune\tUnità assegnabili\tUnità per l'indigenza (20%)",
            "Castelleone\t1\t1",
            "Crema\t23\t5",
            "Offanengo\t3\t1",
            "Pandino\t1\t1",
            "Ripalta Cremasca\t1\t1",
            "Vaiano Cremasco\t1\t1",
            "(non ripartite per comune)\t41\t9",
            "Totale\t71\t19",
        ]
    );
    let said = g.join("\n");
    assert!(
        said.contains("distintamente in ciascun territorio comunale (art. 13 c.3 r.r. 4/2017)"),
        "{said}"
    );
    assert!(
        said.contains("la quota dell'ALER è la somma, 19 unità."),
        "{said}"
    );
    assert!(
        said.contains("Le 41 unità che l'ALER ha comunicato senza ripartizione per comune"),
        "{said}"
    );
    assert!(
        said.contains("(9 unità)") && said.contains("da verificare"),
        "{said}"
    );
}

/// The plan the assemblea approves lists no received file and no key fingerprint: read back
/// from its DOCX, no fingerprint and no file name is found (they are in the verbale di
/// ricezione).
#[test]
fn the_plan_docx_read_back_has_no_fingerprint_and_no_file_name() {
    let (files, _) = demo::crema_2021_signed_files();
    let doc = crema_2021(|_| {});
    let text = docx_text(&to_docx(&doc).unwrap());
    assert_eq!(crate::signing::fingerprints_in(&text), Vec::<String>::new());
    assert!(!text.contains("Impronta"), "no fingerprint column");
    for (name, _) in &files {
        assert!(!text.contains(name.as_str()), "{name} is not in the plan");
    }
    assert!(text.contains("Allegato 1"), "the annexes are there");
}

#[test]
fn the_capofilas_texts_and_the_entes_go_in_their_parts() {
    let doc = crema_2021(|t| {
        t.misure_welfare = "Fondo affitti dell'ambito.\n\nSportello casa a Crema.".into();
        t.progettualita = "Housing first con il Terzo settore.".into();
    });
    assert_lines(
        &doc,
        "Misure di welfare abitativo",
        &["Fondo affitti dell'ambito.", "Sportello casa a Crema."],
    );
    assert_lines(
        &doc,
        "Progettualità",
        &["Housing first con il Terzo settore."],
    );
}

/// Issue #27: unedited, welfare measures and projects print the app's guidance marked as a
/// draft with the published plans' measures, then each ente's own text; «Nessuna
/// indicazione.» only when the capofila cleared its text and no ente wrote one.
#[test]
fn welfare_and_projects_print_the_guidance_then_the_entes_texts() {
    let (files, registry) = demo::crema_2021_signed_files();
    let registry = std::rc::Rc::new(registry);
    let ambito = ambiti::preset("crema").unwrap();
    let mut intake = Intake::new(ambito.clone(), 2021, (*registry).clone());
    intake.add(
        files
            .into_iter()
            .map(|(name, text)| CheckedFile::check(name, text.into_bytes(), &registry))
            .collect(),
    );
    let mut plan = crate::planning::plan_of(&intake, &crate::planning::LastYear::default());
    plan.testi.push(crate::aggregate::FreeTexts {
        ente: "Comune di Crema".into(),
        misure_welfare: "Sportello affitti comunale.".into(),
        progettualita: String::new(),
    });
    let document = |texts: &PlanTexts| {
        plan_document(&DocumentInput {
            plan: &plan,
            ambito: &ambito,
            year: 2021,
            texts,
            received: intake.received(),
            previous: None,
        })
    };
    let defaults = PlanTexts::defaults(&ambito, 2021);
    let doc = document(&defaults);
    let welfare = section(&doc, "Misure di welfare abitativo");
    assert!(
        welfare[1].starts_with("[Da completare] Descrivere le misure"),
        "{welfare:#?}"
    );
    assert!(welfare
        .iter()
        .any(|l| l.starts_with("Fondo per la morosità incolpevole")));
    assert_eq!(
        welfare.last().unwrap(),
        "Comune di Crema: Sportello affitti comunale.",
        "the ente's text follows the capofila's"
    );
    let projects = section(&doc, "Progettualità");
    assert!(projects[1].starts_with("[Da completare]"), "{projects:#?}");
    assert!(projects.iter().any(|l| l.starts_with("Housing sociale")));
    assert!(!doc.text().contains("Nessuna indicazione."));

    let cleared = PlanTexts {
        misure_welfare: String::new(),
        progettualita: String::new(),
        ..defaults
    };
    let doc = document(&cleared);
    assert_eq!(
        section(&doc, "Misure di welfare abitativo")[1..],
        ["Comune di Crema: Sportello affitti comunale."]
    );
    assert_eq!(
        section(&doc, "Progettualità")[1..],
        ["Nessuna indicazione."]
    );
}

/// The text of a DOCX's body in order: a line per paragraph outside tables, a line per
/// table row with its cells separated by tabs; empty lines dropped.
pub(crate) fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let (mut out, mut in_text, mut tables) = (String::new(), false, 0);
    let mut rest = xml.as_str();
    while let Some(open) = rest.find('<') {
        if in_text {
            out.push_str(
                &rest[..open]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            );
        }
        let close = open + rest[open..].find('>').unwrap();
        let tag = rest[open + 1..close].trim_end_matches('/').trim();
        let name = tag.split_whitespace().next().unwrap_or("");
        match name {
            "w:t" => in_text = !tag.ends_with('/'),
            "w:br" => out.push('\n'),
            "/w:t" => in_text = false,
            "w:tbl" => tables += 1,
            "/w:tbl" => tables -= 1,
            "/w:tc" => out.push('\t'),
            "/w:tr" => {
                out.pop();
                out.push('\n');
            }
            "/w:p" if tables == 0 => out.push('\n'),
            _ => {}
        }
        rest = &rest[close + 1..];
    }
    out.lines()
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn the_docx_holds_the_same_text_in_order_with_headings_and_header_rows() {
    let doc = crema_2021(|_| {});
    let bytes = to_docx(&doc).unwrap();
    assert_eq!(docx_text(&bytes), doc.text());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let tables = xml.matches("<w:tbl>").count();
    assert!(tables >= 11, "{tables} tables");
    assert_eq!(
        xml.matches("<w:tblHeader/>").count(),
        tables,
        "every table's first row is a header row"
    );
    assert!(xml.contains("w:val=\"Heading1\"") && xml.contains("w:val=\"Heading2\""));
    let mut styles = String::new();
    zip.by_name("word/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains("heading 1"), "Word sees the heading styles");
}

/// g lists the comuni above the default share; from 2026 i has the art. 7bis, 7ter and art. 14
/// shares of each owner.
#[test]
fn g_lists_the_higher_thresholds_and_i_follows_the_plan_year() {
    use crate::percent::Percent;
    use crate::submission::Share;
    let mut subs = demo::crema_2021();
    let crema = subs
        .iter_mut()
        .find(|s| s.ente.display_name() == "Comune di Crema")
        .unwrap();
    crema.soglia_indigenza = Some(Share {
        percento: Percent::from_tenths(255).unwrap(),
        motivazione: String::new(),
    });
    let ambito = ambiti::preset("crema").unwrap();
    let plan = crate::aggregate(&subs, Some(&ambito));
    let document = |year| {
        plan_document(&DocumentInput {
            plan: &plan,
            ambito: &ambito,
            year,
            texts: &PlanTexts::defaults(&ambito, year),
            received: &[],
            previous: None,
        })
    };
    let doc = document(2021);
    assert_lines(&doc, "g)", &["Comune\tSoglia", "Comune di Crema\t25,5%"]);
    assert_lines(&doc, "i)", &["Comune\tQuota", "Comune di Castelleone\t10%"]);
    let doc = document(2026);
    assert_lines(
        &doc,
        "i)",
        &[
            "Comune\tForze di Polizia (art. 7bis)\tPolizia Locale (art. 7ter)",
            "Comune di Castelleone\t10%\t",
        ],
    );
}

/// Art. 13 c.3: a comune above 20% guarantees the housing costs; the g) section says so,
/// one sentence per comune that confirmed it.
#[test]
fn g_says_which_comuni_guarantee_the_housing_costs() {
    use crate::percent::Percent;
    use crate::submission::Share;
    let mut subs: Vec<_> = demo::crema_2021()
        .into_iter()
        .map(|mut s| {
            s.anno_piano = 2026;
            s.assegnate_anno_precedente.anno = 2025;
            s.in_current_format()
        })
        .collect();
    let crema = subs.iter_mut().find(|s| s.ente.id() == "019035").unwrap();
    crema.soglia_indigenza = Some(Share {
        percento: Percent::whole(25),
        motivazione: String::new(),
    });
    crema.copertura_spese_alloggio = true;
    let ambito = ambiti::preset("crema").unwrap();
    let plan = crate::aggregate(&subs, Some(&ambito));
    let doc = plan_document(&DocumentInput {
        plan: &plan,
        ambito: &ambito,
        year: 2026,
        texts: &PlanTexts::defaults(&ambito, 2026),
        received: &[],
        previous: None,
    });
    assert_lines(
        &doc,
        "g)",
        &[
            "Comune di Crema\t25%",
            "Il Comune di Crema garantisce la copertura delle relative spese di alloggio (art. 13 c.3 r.r. 4/2017).",
        ],
    );
    assert_eq!(
        doc.text().matches("garantisce la copertura").count(),
        1,
        "only the comune that confirmed"
    );
}

/// From 2026 the art. 14 share (c bis) has its own section with the categories chosen, not a
/// column of i); d) gives SAP units, and the SAS units of turnover have their own table.
#[test]
fn from_2026_the_art_14_share_and_the_sas_turnover_have_their_own_sections() {
    use crate::percent::Percent;
    use crate::submission::{CategoriaArt14, Share, UnitsInComune};
    let mut subs: Vec<_> = demo::crema_2021()
        .into_iter()
        .map(|mut s| {
            s.anno_piano = 2026;
            s.assegnate_anno_precedente.anno = 2025;
            s.in_current_format()
        })
        .collect();
    let aler = subs
        .iter_mut()
        .find(|s| s.ente.id().starts_with("aler:"))
        .unwrap();
    aler.categorie_art14 = Some(Share {
        percento: Percent::whole(10),
        motivazione: String::new(),
    });
    aler.categorie_art14_elenco = vec![CategoriaArt14::Anziani, CategoriaArt14::GenitoriSeparati];
    aler.avvicendamento_sas.as_mut().unwrap().senza_ripartizione = 4;
    let crema = subs.iter_mut().find(|s| s.ente.id() == "019035").unwrap();
    crema
        .avvicendamento_sas
        .as_mut()
        .unwrap()
        .per_comune
        .push(UnitsInComune {
            comune: "019035".parse().unwrap(),
            unita: 3,
        });
    let ambito = ambiti::preset("crema").unwrap();
    let plan = crate::aggregate(&subs, Some(&ambito));
    let doc = plan_document(&DocumentInput {
        plan: &plan,
        ambito: &ambito,
        year: 2026,
        texts: &PlanTexts::defaults(&ambito, 2026),
        received: &[],
        previous: None,
    });
    assert_lines(
        &doc,
        "Quota per le categorie dell'art. 14 (art. 4 c.3 lett. c bis r.r. 4/2017)",
        &[
            "Ente\tQuota\tCategorie dell'art. 14",
            "ALER Brescia-Cremona-Mantova\t10%\tanziani (lett. a); padri e madri separati o divorziati non assegnatari dell'abitazione familiare (lett. c bis)",
        ],
    );
    assert!(!section(&doc, "i)").iter().any(|l| l.contains("art. 14")));
    assert_lines(
        &doc,
        "d) Unità SAP (servizi abitativi pubblici)",
        &["Totale\t50\t"],
    );
    assert_lines(
        &doc,
        "d) Unità SAS (servizi abitativi sociali)",
        &[
            "ALER Brescia-Cremona-Mantova\t4\t(non ripartite per comune)",
            "Comune di Crema\t3\tCrema",
            "Totale\t7\t",
        ],
    );
    // f) stays the SAP units: 114 as in the published plan, the 7 SAS units left out.
    assert_eq!(plan.totale.totale_assegnabili, 114);
    assert_eq!(plan.totale.avvicendamento_sas, 7);
}

/// With last year's plan loaded, the document has the comparison part: which plan, the
/// flagged changes, the tables, and the chart (SVG with every comune's name escaped) with its
/// data; the DOCX carries it as shaded cells and the same data.
#[test]
fn the_comparison_with_last_years_plan_is_a_part_of_the_document_and_of_the_docx() {
    use crate::previous_plan::{read_previous_plan, tests as previous};
    let intake = previous::crema_2021_intake(ambiti::preset("crema").unwrap());
    let mut last_year = crate::planning::LastYear::default();
    let plan = crate::planning::plan_of(&intake, &last_year);
    let texts = crate::plan_outputs::default_texts(&intake);
    let without = crate::plan_outputs::document(&intake, &last_year, &plan, &texts);
    assert!(!without.text().contains(compare::HEADING));
    let previous_plan = read_previous_plan(previous::crema_2020_signed().as_bytes()).unwrap();
    last_year.set(&intake, Some(previous_plan.clone())).unwrap();
    let doc = crate::plan_outputs::document(&intake, &last_year, &plan, &texts);

    let part = section(&doc, compare::HEADING);
    assert!(
        part[1].contains(&format!(
            "il piano 2020 dell'ambito «crema», firmato il 28/01/2020 con la chiave del capofila di impronta {}",
            previous_plan.fingerprint
        )),
        "{part:?}"
    );
    assert_lines(
        &doc,
        "Variazioni da verificare",
        &[&format!(
            "Comune di Izano: non era tra gli enti proprietari nel piano 2020; quest'anno dichiara 6 alloggi: {}.",
            "verificare il dato con l'ente (alloggi nuovi, o un ente che l'anno scorso non aveva dichiarato il suo patrimonio)"
        )],
    );
    assert!(section(&doc, "Variazioni da verificare")
        .iter()
        .any(|l| l
            .starts_with("Comune di Crema: la consistenza (a) passa da 305 a 358 alloggi (+53)")));
    assert_lines(
        &doc,
        "a) Consistenza del patrimonio (alloggi)",
        &[
            "Ente proprietario\tPiano 2020\tPiano 2021\tVariazione",
            "Comune di Crema\t305\t358\t+53",
            "Comune di Izano\t—\t6\t+6",
            "Totale\t1.640\t1.699\t+59",
        ],
    );
    assert_lines(
        &doc,
        "f) Totale unità assegnabili nell'anno",
        &[
            "ALER Brescia-Cremona-Mantova\t40\t71\t+31",
            "Totale\t82\t114\t+32",
        ],
    );
    assert_lines(
        &doc,
        "Scelte di g, h, i",
        &["Comune di Vaiano Cremasco\th) categoria aggiuntiva\tfamiglie numerose\tfamiglie numerose"],
    );
    // The part comes after k) and before the welfare measures.
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(s) => Some(s.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings[3..5],
        [compare::HEADING, "Misure di welfare abitativo"]
    );

    let chart = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .expect("a chart");
    let svg = chart.svg();
    assert!(!svg.to_lowercase().contains("<script"));
    for comparison in &last_year.comparison(&plan).unwrap().comuni {
        assert!(
            svg.contains(&crate::chart::xml_escape(&comparison.nome)),
            "{} in the chart",
            comparison.nome
        );
    }
    assert!(svg.contains("Spino d&apos;Adda") && !svg.contains("Spino d'Adda"));
    assert_lines(
        &doc,
        "Unità assegnabili (f) per comune",
        &[
            "Comune\tAnno precedente (Piano 2020)\tQuest'anno (Piano 2021)\tVariazione",
            "Crema\t57\t57\t0",
            "Izano\t0\t1\t+1",
            "(non ripartite per comune)\t10\t41\t+31",
        ],
    );

    let bytes = to_docx(&doc).unwrap();
    let text = docx_text(&bytes);
    for line in [
        compare::HEADING,
        "Variazioni da verificare",
        "Comune di Crema\t305\t358\t+53",
        &chart.title,
        "Crema\t57\t57\t0",
    ] {
        assert!(text.lines().any(|l| l == line), "«{line}» in the DOCX");
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // Each comune has a hatched bar for last year (when it had units) and a solid one.
    assert!(
        xml.matches("w:val=\"diagStripe\"").count() >= 10,
        "hatched bars"
    );
    assert!(
        xml.matches("w:fill=\"1A1A1A\"").count() >= chart.bars.len() - 1,
        "solid bars"
    );
    assert!(
        xml.contains("<w:gridSpan w:val=\"40\"/>"),
        "the longest bar spans the area"
    );
}

/// Every character a string can hold that XML 1.0 cannot: the C0 controls but tab, line
/// feed and carriage return, and U+FFFE, U+FFFF.
fn non_xml_characters() -> String {
    (0u32..0x20)
        .filter(|c| ![0x09, 0x0a, 0x0d].contains(c))
        .filter_map(char::from_u32)
        .chain(['\u{fffe}', '\u{ffff}'])
        .collect()
}

/// `word/document.xml` of a DOCX, checked to be well-formed XML 1.0: every character one
/// XML allows, and a parser reads it to the end with its tags matched.
fn well_formed_document_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    if let Some((at, c)) = xml.char_indices().find(|(_, c)| !allowed(*c)) {
        panic!("character U+{:04X} at byte {at} is not XML", u32::from(c));
    }
    let mut reader = quick_xml::Reader::from_str(&xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("ill-formed at {}: {e}", reader.buffer_position()),
        }
    }
    xml
}

/// An ESC (or any character XML cannot carry) in a received file's name or in the capofila's
/// texts is shown as its code point, and the DOCX stays one Word and LibreOffice open.
#[test]
fn control_characters_in_names_and_texts_leave_the_docx_well_formed() {
    let bad = non_xml_characters();
    let (files, registry) = demo::crema_2021_signed_files();
    let registry = std::rc::Rc::new(registry);
    let ambito = ambiti::preset("crema").unwrap();
    let checked = files
        .into_iter()
        .enumerate()
        .map(|(i, (name, text))| {
            let name = if i == 0 { format!("{bad}{name}") } else { name };
            CheckedFile::check(name, text.into_bytes(), &registry)
        })
        .collect();
    let mut intake = Intake::new(ambito.clone(), 2021, (*registry).clone());
    intake.add(checked);
    let mut texts = PlanTexts::defaults(&ambito, 2021);
    texts.premessa = format!("Premessa {bad} fine.");
    texts.comune_capofila = format!("Crema{bad}");
    texts.misure_welfare = bad.clone();
    texts.approvazione_delibera = bad.clone();
    let last_year = crate::planning::LastYear::default();
    let mut doc = crate::plan_outputs::document(
        &intake,
        &last_year,
        &crate::planning::plan_of(&intake, &last_year),
        &texts,
    );
    doc.blocks.push(Block::Table(DocTable {
        headers: vec![bad.clone()],
        rows: vec![vec![bad.clone()]],
        total: Some(vec![bad.clone()]),
    }));
    let xml = well_formed_document_xml(&to_docx(&doc).unwrap());
    assert!(
        xml.contains("Premessa [U+0000][U+0001]"),
        "the ESC is shown"
    );
    assert!(xml.contains("[U+001B]") && xml.contains("[U+FFFF]"));
}

/// A multi-line text keeps its lines in the DOCX: a `<w:br/>` between them, not a line feed
/// inside a `<w:t>` that Word shows as a space.
#[test]
fn multi_line_texts_keep_their_line_breaks_in_the_docx() {
    let doc = crema_2021(|t| {
        t.premessa = "Prima riga\nseconda riga\r\nterza riga".into();
        t.progettualita = "Uno\rDue".into();
    });
    let xml = well_formed_document_xml(&to_docx(&doc).unwrap());
    assert!(
        xml.contains("Prima riga</w:t><w:br/><w:t xml:space=\"preserve\">seconda riga</w:t><w:br/><w:t xml:space=\"preserve\">terza riga"),
        "lines as breaks"
    );
    assert!(
        xml.contains("Uno</w:t><w:br/>"),
        "a lone carriage return too"
    );
    let in_text = |xml: &str| {
        xml.split("<w:t xml:space=\"preserve\">")
            .skip(1)
            .any(|t| t.split("</w:t>").next().unwrap().contains(['\n', '\r']))
    };
    assert!(!in_text(&xml), "no line break inside a <w:t>");
}
