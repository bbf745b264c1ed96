//! The plan's sections (a-k) as a submission holds them: one table naming each section's
//! letter, field path, shape and title once. The rules, the aggregation and the tests of the
//! form go through it, so a new per-comune section is added here and not in every rule.
//!
//! Field paths are JSON paths into the submission (`referente.email`,
//! `carenza_manutentiva[2].comune`). A rule names the fields it concerns with patterns:
//! `[]` stands for any row, and a leading [`EACH_ROW`] for the rows of every per-comune
//! section ([`expand`]); [`instance`] turns a pattern into the path of one row.

pub mod fields;

use crate::comuni::IstatCode;
use crate::submission::{Ente, Intervento, Submission, UnitsInComune, WorksInComune};
use crate::text::Bilingual;
use crate::thresholds::FIRST_PLAN_YEAR_RR_2_2025;

/// How a section is filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Counts of the ente as a whole (a, k).
    Counts,
    /// Rows per comune (b, c, d, e, j): see [`Section::per_comune`].
    PerComune,
    /// A share or a category the ente may choose (g, h, i, art. 14).
    Choice,
    /// Computed from other sections, stated in the file's `totali` (f).
    Total,
}

/// One row of a per-comune section, whatever the section's row type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub comune: IstatCode,
    pub unita: u32,
    /// Section c only: the kind of work (there a comune appears once per kind).
    pub intervento: Option<Intervento>,
}

/// The rows of a per-comune section, borrowed from the submission.
#[derive(Clone, Copy, Debug)]
pub enum Rows<'a> {
    Units(&'a [UnitsInComune]),
    Works(&'a [WorksInComune]),
}

impl<'a> Rows<'a> {
    pub fn len(self) -> usize {
        match self {
            Rows::Units(rows) => rows.len(),
            Rows::Works(rows) => rows.len(),
        }
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Row> + 'a {
        let (units, works): (&[UnitsInComune], &[WorksInComune]) = match self {
            Rows::Units(rows) => (rows, &[]),
            Rows::Works(rows) => (&[], rows),
        };
        let units = units.iter().map(|r| Row {
            comune: r.comune,
            unita: r.unita,
            intervento: None,
        });
        let works = works.iter().map(|r| Row {
            comune: r.comune,
            unita: r.unita,
            intervento: Some(r.intervento),
        });
        units.chain(works)
    }
}

/// Where the rows of a per-comune section are.
pub struct PerComune {
    /// JSON path of the list; row `n` is `{path}[n]`, e.g. `avvicendamento.per_comune[0]`.
    pub path: &'static str,
    pub rows: for<'a> fn(&'a Submission) -> Rows<'a>,
}

pub struct Section {
    /// The plan's letter; `None` for the art. 14 share (r.r. 2/2025), which has none.
    pub letter: Option<char>,
    /// JSON path of the section in the submission, e.g. `avvicendamento`.
    pub path: &'static str,
    pub shape: Shape,
    /// The section's title as the plan's tables write it, without its letter: the one the
    /// form, the tables, the comparison and RULES.md show.
    pub title: fn() -> Bilingual,
    /// A title that replaces it from the plans of a year on, when the law changed what the
    /// section holds.
    pub title_from: Option<(u16, fn() -> Bilingual)>,
    /// The article written after the title in a heading, for a section that has its own.
    pub legal_base: Option<&'static str>,
    /// For a per-comune section, its rows.
    pub per_comune: Option<PerComune>,
}

impl Section {
    /// The section's letter followed by `)` as the plan writes it (`b)`), or nothing.
    pub fn label(&self) -> String {
        self.letter.map(|l| format!("{l})")).unwrap_or_default()
    }

    /// The title the section has in the plans of `year`.
    pub fn title_in(&self, year: u16) -> Bilingual {
        match self.title_from {
            Some((from, title)) if year >= from => title(),
            _ => (self.title)(),
        }
    }

    /// The letter and the title: `a) Consistenza del patrimonio`.
    pub fn lettered(&self) -> Bilingual {
        self.lettered_title((self.title)())
    }

    /// The heading of the section as the plan's tables and the form write it: letter, title
    /// and legal base (`e) Unità conferite da privati (art. 23 c.2 l.r. 16/2016)`).
    pub fn heading(&self) -> Bilingual {
        self.with_legal_base(self.lettered())
    }

    /// The heading in the plans of `year` (see [`Section::title_in`]).
    pub fn heading_in(&self, year: u16) -> Bilingual {
        self.with_legal_base(self.lettered_title(self.title_in(year)))
    }

    /// The title followed by its legal base, as RULES.md lists the sections.
    pub fn title_and_legal_base(&self) -> Bilingual {
        self.with_legal_base((self.title)())
    }

    fn lettered_title(&self, title: Bilingual) -> Bilingual {
        match self.letter {
            Some(_) => Bilingual::new(
                format!("{} {}", self.label(), title.it),
                format!("{} {}", self.label(), title.en),
            ),
            None => title,
        }
    }

    fn with_legal_base(&self, text: Bilingual) -> Bilingual {
        match self.legal_base {
            Some(base) => Bilingual::new(
                format!("{} ({base})", text.it),
                format!("{} ({base})", text.en),
            ),
            None => text,
        }
    }

    /// Whether the section's units are among those assignable in the year (f = b + c + d + e).
    pub fn counts_in_f(&self) -> bool {
        // d) SAS is not in f: f and the shares count SAP units only.
        matches!(self.letter, Some('b'..='e')) && self.path != AVVICENDAMENTO_SAS.path
    }
}

pub static CONSISTENZA: Section = Section {
    letter: Some('a'),
    path: "consistenza",
    shape: Shape::Counts,
    title: || Bilingual::new("Consistenza del patrimonio", "Housing stock"),
    title_from: None,
    legal_base: None,
    per_comune: None,
};

pub static CARENZA_MANUTENTIVA: Section = Section {
    letter: Some('b'),
    path: "carenza_manutentiva",
    shape: Shape::PerComune,
    title: || {
        Bilingual::new(
            "Unità in carenza manutentiva assegnabili nello stato di fatto",
            "Units in poor repair assignable as they are",
        )
    },
    title_from: None,
    legal_base: Some("art. 10 r.r. 4/2017"),
    per_comune: Some(PerComune {
        path: "carenza_manutentiva",
        rows: |s| Rows::Units(&s.carenza_manutentiva),
    }),
};

pub static NUOVA_EDIFICAZIONE: Section = Section {
    letter: Some('c'),
    path: "nuova_edificazione",
    shape: Shape::PerComune,
    title: || {
        Bilingual::new(
            "Unità da nuova edificazione, ristrutturazione, recupero, riqualificazione",
            "Units from new building, renovation, recovery, requalification",
        )
    },
    title_from: None,
    legal_base: None,
    per_comune: Some(PerComune {
        path: "nuova_edificazione",
        rows: |s| Rows::Works(&s.nuova_edificazione),
    }),
};

pub static AVVICENDAMENTO: Section = Section {
    letter: Some('d'),
    path: "avvicendamento",
    shape: Shape::PerComune,
    title: || {
        Bilingual::new(
            "Unità che si prevede si liberino per avvicendamento",
            "Units expected to free up through turnover",
        )
    },
    // From the r.r. 2/2025 text, turnover counts public and social units (lett. b n.1): the
    // plans from 2026 give the SAP units here and the SAS units in `AVVICENDAMENTO_SAS`.
    title_from: Some((FIRST_PLAN_YEAR_RR_2_2025, || {
        Bilingual::new(
            "Unità SAP (servizi abitativi pubblici) che si prevede si liberino per avvicendamento",
            "SAP units (public housing) expected to free up through turnover",
        )
    })),
    legal_base: None,
    per_comune: Some(PerComune {
        path: "avvicendamento.per_comune",
        rows: |s| Rows::Units(&s.avvicendamento.per_comune),
    }),
};

/// d) SAS: the social units freed by turnover, given apart from the SAP ones from the 2026
/// plans (format 4; art. 4 c.3 lett. b n.1 r.r. 4/2017 as amended by r.r. 2/2025, «pubblici
/// e sociali»). Not in f, nor in the base of the shares: indigenza and the police shares are
/// shares of SAP units.
pub static AVVICENDAMENTO_SAS: Section = Section {
    letter: Some('d'),
    path: "avvicendamento_sas",
    shape: Shape::PerComune,
    title: || {
        Bilingual::new(
            "Unità SAS (servizi abitativi sociali) che si prevede si liberino per avvicendamento",
            "SAS units (social housing) expected to free up through turnover",
        )
    },
    title_from: None,
    legal_base: Some("art. 4 c.3 lett. b n.1 r.r. 4/2017, come modificato dal r.r. 2/2025"),
    per_comune: Some(PerComune {
        path: "avvicendamento_sas.per_comune",
        rows: |s| Rows::Units(s.avvicendamento_sas.as_ref().map_or(&[], |t| &t.per_comune)),
    }),
};

pub static CONFERITE_DA_PRIVATI: Section = Section {
    letter: Some('e'),
    path: "conferite_da_privati",
    shape: Shape::PerComune,
    title: || {
        Bilingual::new(
            "Unità conferite da privati",
            "Units given by private parties",
        )
    },
    title_from: None,
    legal_base: Some("art. 23 c.2 l.r. 16/2016"),
    per_comune: Some(PerComune {
        path: "conferite_da_privati",
        rows: |s| Rows::Units(&s.conferite_da_privati),
    }),
};

pub static ASSEGNABILI: Section = Section {
    letter: Some('f'),
    path: fields::TOTALI_ASSEGNABILI.path,
    shape: Shape::Total,
    title: || {
        Bilingual::new(
            "Totale unità assegnabili nell'anno",
            "Total units assignable in the year",
        )
    },
    title_from: None,
    legal_base: None,
    per_comune: None,
};

pub static SOGLIA_INDIGENZA: Section = Section {
    letter: Some('g'),
    path: "soglia_indigenza",
    shape: Shape::Choice,
    title: || {
        Bilingual::new(
            "Soglia per i nuclei in condizioni di indigenza",
            "Share for households in indigenza",
        )
    },
    title_from: None,
    legal_base: None,
    per_comune: None,
};

pub static CATEGORIA_AGGIUNTIVA: Section = Section {
    letter: Some('h'),
    path: "categoria_aggiuntiva",
    shape: Shape::Choice,
    title: || {
        Bilingual::new(
            "Categoria aggiuntiva di particolare e motivata rilevanza sociale",
            "Additional category of particular and motivated social relevance",
        )
    },
    title_from: None,
    legal_base: None,
    per_comune: None,
};

pub static FORZE_POLIZIA: Section = Section {
    letter: Some('i'),
    path: "forze_polizia",
    shape: Shape::Choice,
    title: || {
        Bilingual::new(
        "Quota per Forze di Polizia e Vigili del Fuoco, dal r.r. 2/2025 anche Forze Armate (art. 7bis)",
        "Share for police and fire brigade, from r.r. 2/2025 armed forces too (art. 7bis)",
    )
    },
    title_from: None,
    legal_base: None,
    per_comune: None,
};

pub static POLIZIA_LOCALE: Section = Section {
    letter: Some('i'),
    path: "polizia_locale",
    shape: Shape::Choice,
    title: || {
        Bilingual::new(
            "Quota per la Polizia Locale (art. 7ter)",
            "Share for local police (art. 7ter)",
        )
    },
    title_from: None,
    legal_base: None,
    per_comune: None,
};

pub static CATEGORIE_ART14: Section = Section {
    letter: None,
    path: "categorie_art14",
    shape: Shape::Choice,
    title: || {
        Bilingual::new(
            "Quota per le categorie dell'art. 14",
            "Share for the categories of art. 14",
        )
    },
    title_from: None,
    legal_base: None,
    per_comune: None,
};

pub static TRANSITORI: Section = Section {
    letter: Some('j'),
    path: "transitori",
    shape: Shape::PerComune,
    title: || {
        Bilingual::new(
            "Unità destinate a servizi abitativi transitori",
            "Units for transitional housing",
        )
    },
    title_from: None,
    legal_base: Some("art. 23 c.13 l.r. 16/2016"),
    per_comune: Some(PerComune {
        path: "transitori",
        rows: |s| Rows::Units(&s.transitori),
    }),
};

pub static ASSEGNATE_ANNO_PRECEDENTE: Section = Section {
    letter: Some('k'),
    path: "assegnate_anno_precedente",
    shape: Shape::Counts,
    title: || {
        Bilingual::new(
            "Unità SAP assegnate nell'anno precedente",
            "SAP units assigned in the previous year",
        )
    },
    title_from: None,
    legal_base: None,
    per_comune: None,
};

/// Path of the referente (who to ask about the submission): not a section of the plan, but
/// one part of the form, which rules may name as a whole.
pub const REFERENTE: &str = "referente";

/// Every section, in the order of the plan and of the form.
pub static SECTIONS: [&Section; 14] = [
    &CONSISTENZA,
    &CARENZA_MANUTENTIVA,
    &NUOVA_EDIFICAZIONE,
    &AVVICENDAMENTO,
    &AVVICENDAMENTO_SAS,
    &CONFERITE_DA_PRIVATI,
    &ASSEGNABILI,
    &SOGLIA_INDIGENZA,
    &CATEGORIA_AGGIUNTIVA,
    &FORZE_POLIZIA,
    &POLIZIA_LOCALE,
    &CATEGORIE_ART14,
    &TRANSITORI,
    &ASSEGNATE_ANNO_PRECEDENTE,
];

/// The per-comune sections (b, c, d, e, j) in the plan's order, with their rows.
pub fn per_comune() -> impl Iterator<Item = (&'static Section, &'static PerComune)> {
    SECTIONS
        .iter()
        .filter_map(|s| s.per_comune.as_ref().map(|rows| (*s, rows)))
}

/// In a rule's field pattern, a leading `*[]` stands for the rows of every per-comune section:
/// `*[].comune` is `carenza_manutentiva[].comune`, ..., `transitori[].comune`.
pub const EACH_ROW: &str = "*[]";

/// The field paths a rule's pattern stands for, `[]` kept (see [`EACH_ROW`]).
pub fn expand(pattern: &str) -> Vec<String> {
    match pattern.strip_prefix(EACH_ROW) {
        Some(rest) => per_comune()
            .map(|(_, rows)| format!("{}[]{rest}", rows.path))
            .collect(),
        None => vec![pattern.to_owned()],
    }
}

/// The path of the field a pattern names in row `row`: `transitori[].comune`, 0 ->
/// `transitori[0].comune`. A pattern without `[]` is its own path.
pub fn instance(pattern: &str, row: usize) -> String {
    pattern.replace("[]", &format!("[{row}]"))
}

/// What a submission derives from its per-comune sections. It lives here, with the section
/// table it walks, so that the model below (`submission.rs`) does not go up to this table.
impl Submission {
    /// f per comune: b + c + d + e of the rows in each comune, by ISTAT code. The units the
    /// ALER gives without a comune (d, `avvicendamento.senza_ripartizione`) are in none.
    /// The plan's table per comune and the ALER's indigenza quota (per comune) both use it.
    pub fn assegnabili_per_comune(&self) -> Vec<(IstatCode, u64)> {
        let mut f = std::collections::BTreeMap::new();
        per_comune()
            .filter(|(section, _)| section.counts_in_f())
            .for_each(|(_, list)| {
                for row in (list.rows)(self).iter() {
                    *f.entry(row.comune).or_insert(0) += u64::from(row.unita);
                }
            });
        f.into_iter().collect()
    }

    /// The ALER lists the comuni where its units are: those named in its rows, kept in step
    /// with them as the form changes (a comune's own ente has nothing to keep).
    pub fn sync_aler_comuni(&mut self) {
        let mut named: Vec<IstatCode> = self.comune_rows().map(|(_, _, c)| c).collect();
        named.sort();
        named.dedup();
        if let Ente::Aler { comuni, .. } = &mut self.ente {
            *comuni = named;
        }
    }

    /// Every comune named in a per-comune row, as (list of rows, row index, comune), in the
    /// order of [`per_comune`]. The field path of a row is
    /// `{list}[{index}].comune`; it is built only when a rule reports.
    pub fn comune_rows(&self) -> impl Iterator<Item = (&'static str, usize, IstatCode)> + '_ {
        per_comune().flat_map(move |(_, list)| {
            (list.rows)(self)
                .iter()
                .enumerate()
                .map(move |(i, row)| (list.path, i, row.comune))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ambiti;
    use crate::submission::{AdditionalCategory, Ente, Share};

    /// A submission with every optional part set and one row at least in every list.
    fn everything(ente: Ente) -> Submission {
        let ambito = ambiti::preset("crema").unwrap();
        let mut s = crate::fixtures::aler_with_every_comune(&ambito, 2026);
        s.ente = ente;
        let share = || {
            Some(Share {
                percento: crate::percent::Percent::whole(10),
                motivazione: "m".into(),
            })
        };
        s.soglia_indigenza = share();
        s.forze_polizia = share();
        s.polizia_locale = share();
        s.categorie_art14 = share();
        s.categoria_aggiuntiva = Some(AdditionalCategory {
            nome: "n".into(),
            motivazione: "m".into(),
            percento: crate::percent::Percent::from_tenths(55),
        });
        s.avvisi_confermati
            .push(crate::submission::Acknowledgement {
                regola: "r".into(),
                campo: "c".into(),
                motivo: "m".into(),
            });
        s.copertura_spese_alloggio = true;
        s.categorie_art14_elenco = vec![crate::submission::CategoriaArt14::Anziani];
        s.modificata_il = Some("2026-01-01T00:00:00Z".into());
        s.with_stated_totals()
    }

    /// Every JSON path in `value`, rows written `[]`.
    fn paths(value: &serde_json::Value, at: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(fields) => {
                for (name, v) in fields {
                    let path = if at.is_empty() {
                        name.clone()
                    } else {
                        format!("{at}.{name}")
                    };
                    paths(v, &path, out);
                    out.push(path);
                }
            }
            serde_json::Value::Array(rows) => {
                let path = format!("{at}[]");
                for row in rows {
                    paths(row, &path, out);
                }
                out.push(path);
            }
            _ => {}
        }
    }

    /// Every field path of a submission of a comune or of the ALER.
    fn known_paths() -> Vec<String> {
        let mut out = Vec::new();
        for ente in [
            Ente::comune("019035").unwrap(),
            Ente::Aler {
                nome: "ALER Brescia-Cremona-Mantova".into(),
                comuni: vec!["019035".parse().unwrap()],
            },
        ] {
            paths(
                &serde_json::to_value(everything(ente)).unwrap(),
                "",
                &mut out,
            );
        }
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn every_field_a_rule_names_is_a_field_of_the_submission() {
        let known = known_paths();
        for set in crate::rules::RULE_SETS {
            for rule in set.rules {
                for pattern in rule.fields {
                    for field in expand(pattern) {
                        assert!(
                            known.contains(&field),
                            "rule {} names {field}, which no submission has",
                            rule.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_section_and_list_of_rows_is_a_field_of_the_submission() {
        let known = known_paths();
        for section in SECTIONS {
            assert!(known.contains(&section.path.to_owned()), "{}", section.path);
            if let Some(rows) = &section.per_comune {
                assert!(known.contains(&format!("{}[]", rows.path)), "{}", rows.path);
                assert!(rows.path.starts_with(section.path));
            }
            assert_eq!(
                section.shape == Shape::PerComune,
                section.per_comune.is_some(),
                "{}",
                section.path
            );
        }
    }

    #[test]
    fn letters_run_from_a_to_k_in_the_plan_order() {
        let letters: String = SECTIONS.iter().filter_map(|s| s.letter).collect();
        assert_eq!(letters, "abcddefghiijk");
        assert_eq!(TRANSITORI.label(), "j)");
        assert_eq!(CATEGORIE_ART14.label(), "");
    }

    #[test]
    fn a_heading_is_letter_title_and_legal_base_in_the_plan_year() {
        let b = CARENZA_MANUTENTIVA.heading();
        assert_eq!(
            b.it,
            "b) Unità in carenza manutentiva assegnabili nello stato di fatto (art. 10 r.r. 4/2017)"
        );
        assert_eq!(
            b.en,
            "b) Units in poor repair assignable as they are (art. 10 r.r. 4/2017)"
        );
        assert_eq!(CONSISTENZA.lettered().en, "a) Housing stock");
        assert_eq!(
            CATEGORIE_ART14.lettered().it,
            "Quota per le categorie dell'art. 14"
        );
        let from = crate::thresholds::FIRST_PLAN_YEAR_RR_2_2025;
        assert_eq!(
            AVVICENDAMENTO.heading_in(from - 1),
            AVVICENDAMENTO.heading()
        );
        assert_eq!(
            AVVICENDAMENTO.heading_in(from).it,
            "d) Unità SAP (servizi abitativi pubblici) che si prevede si liberino per avvicendamento"
        );
        assert_eq!(
            AVVICENDAMENTO_SAS.heading().it,
            "d) Unità SAS (servizi abitativi sociali) che si prevede si liberino per avvicendamento (art. 4 c.3 lett. b n.1 r.r. 4/2017, come modificato dal r.r. 2/2025)"
        );
        assert!(!AVVICENDAMENTO_SAS.counts_in_f());
        assert!(AVVICENDAMENTO.counts_in_f());
        assert_eq!(TRANSITORI.heading_in(from), TRANSITORI.heading());
    }

    #[test]
    fn each_row_patterns_expand_to_every_per_comune_section() {
        assert_eq!(
            expand("*[].comune"),
            [
                "carenza_manutentiva[].comune",
                "nuova_edificazione[].comune",
                "avvicendamento.per_comune[].comune",
                "avvicendamento_sas.per_comune[].comune",
                "conferite_da_privati[].comune",
                "transitori[].comune",
            ]
        );
        assert_eq!(expand("ente.comuni[]"), ["ente.comuni[]"]);
        assert_eq!(instance("transitori[].unita", 0), "transitori[0].unita");
        assert_eq!(instance("ente.comuni[]", 3), "ente.comuni[3]");
        assert_eq!(instance("referente.email", 0), "referente.email");
    }

    #[test]
    fn rows_are_read_from_every_per_comune_section() {
        let s = everything(Ente::comune("019035").unwrap());
        let counts: Vec<usize> = per_comune().map(|(_, r)| (r.rows)(&s).len()).collect();
        assert_eq!(counts, [48, 4 * 48, 48, 48, 48, 48]);
        let c = (NUOVA_EDIFICAZIONE.per_comune.as_ref().unwrap().rows)(&s);
        assert_eq!(
            c.iter().next().unwrap().intervento,
            Some(Intervento::NuovaEdificazione)
        );
        assert!(!c.is_empty());
    }
}
