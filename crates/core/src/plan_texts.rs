//! The capofila's own words in the plan document: what the app cannot compute (the legal
//! framework as the capofila wants to say it, the ambito, welfare measures, projects, the
//! approval). Each starts from a sensible default the capofila edits; they are part of its
//! work, saved with it and carried by the signed aggregate.

use serde::{Deserialize, Serialize};

use crate::ambiti::Ambito;
use crate::text::Bilingual;
use crate::thresholds::{FIRST_PLAN_YEAR_RR_2_2025, TRANSITION_PLAN_YEAR_RR_2_2025};

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PlanTexts {
    /// The comune capofila, as the cover names it ("Crema").
    pub comune_capofila: String,
    /// I. Premessa: the legal framework.
    pub premessa: String,
    /// The ambito: its Piano di Zona, comuni and ALER.
    pub ambito: String,
    /// Misure di welfare abitativo of the ambito (the entes' own follow).
    pub misure_welfare: String,
    /// Progettualità against housing hardship (the entes' own follow).
    pub progettualita: String,
    /// Date of the assemblea dei sindaci's approval, as written ("28 gennaio 2021"); empty
    /// until the assemblea has approved the plan.
    pub approvazione_data: String,
    /// The deliberation approving the plan ("deliberazione n. 1"); empty until then.
    pub approvazione_delibera: String,
}

/// One of the capofila's texts, as a form edits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanText {
    ComuneCapofila,
    ApprovazioneData,
    ApprovazioneDelibera,
    Premessa,
    Ambito,
    MisureWelfare,
    Progettualita,
}

impl PlanText {
    pub const ALL: [PlanText; 7] = [
        PlanText::ComuneCapofila,
        PlanText::ApprovazioneData,
        PlanText::ApprovazioneDelibera,
        PlanText::Premessa,
        PlanText::Ambito,
        PlanText::MisureWelfare,
        PlanText::Progettualita,
    ];

    /// Whether the text runs over many lines (line breaks and tabs allowed).
    pub fn multiline(self) -> bool {
        matches!(
            self,
            PlanText::Premessa
                | PlanText::Ambito
                | PlanText::MisureWelfare
                | PlanText::Progettualita
        )
    }

    /// How the capofila's page names the text.
    pub fn label(self) -> Bilingual {
        let (it, en) = match self {
            PlanText::ComuneCapofila => ("Il comune capofila", "The comune capofila"),
            PlanText::ApprovazioneData => ("La data di approvazione", "The date of approval"),
            PlanText::ApprovazioneDelibera => (
                "La deliberazione di approvazione",
                "The deliberation of approval",
            ),
            PlanText::Premessa => ("La premessa", "The introduction"),
            PlanText::Ambito => ("Il testo sull'ambito", "The text on the ambito"),
            PlanText::MisureWelfare => (
                "Il testo sulle misure di welfare",
                "The text on welfare measures",
            ),
            PlanText::Progettualita => ("Il testo sulle progettualità", "The text on projects"),
        };
        Bilingual::new(it, en)
    }

    /// Why `value`, as this text, cannot go into the plan: a character that can make it show
    /// something other than what it contains ([`crate::text::first_deceptive`]), as a
    /// submission's texts may not carry one (rule `testo-senza-caratteri-invisibili`).
    /// A text longer than [`crate::text::MAX_TEXT_CHARS`] is refused too, as an ente's
    /// (requisito dell'app: a text of four pages is more than a part of the plan holds, and
    /// Excel takes no cell over 32,767 characters).
    pub fn problem(self, value: &str) -> Option<Bilingual> {
        let (length, max) = (value.chars().count(), crate::text::MAX_TEXT_CHARS);
        if length > max {
            let label = self.label();
            return Some(Bilingual::new(
                format!(
                    "{} ha {}, più dei {} ammessi: accorciarlo",
                    label.it,
                    crate::text::chars_label(length),
                    crate::text::chars_label(max)
                ),
                format!(
                    "{} has {length} characters, more than the {max} allowed: shorten it",
                    label.en
                ),
            ));
        }
        let c = crate::text::first_deceptive(value, self.multiline())?;
        let code = crate::text::code_point(c);
        let label = self.label();
        Some(Bilingual::new(
            format!("{} contiene un carattere invisibile che può cambiare come appare ({code}): cancellarlo e riscriverlo; finché c'è, il documento del piano e il piano firmato non si preparano.", label.it),
            format!("{} contains an invisible character that can change how it looks ({code}): delete it and type it again; while it is there, the plan document and the signed plan are not made.", label.en),
        ))
    }
}

/// The texts of r.r. 4/2017 that govern a plan year, as the premessa names them.
fn regulation_in_force(year: u16) -> &'static str {
    if year < TRANSITION_PLAN_YEAR_RR_2_2025 {
        "del regolamento regionale 4 agosto 2017, n. 4, come modificato dal regolamento regionale n. 3/2019"
    } else if year < FIRST_PLAN_YEAR_RR_2_2025 {
        "del regolamento regionale 4 agosto 2017, n. 4, come modificato dal regolamento regionale n. 3/2019 e, per quanto applicabile a un piano approvato dopo la sua entrata in vigore, dal regolamento regionale 6 marzo 2025, n. 2"
    } else {
        "del regolamento regionale 4 agosto 2017, n. 4, come modificato da ultimo dal regolamento regionale 6 marzo 2025, n. 2"
    }
}

impl PlanTexts {
    /// The first of the texts that cannot go into the plan, with why ([`PlanText::problem`]):
    /// the page and the CLI ask before making the document or the plan aggregate.
    pub fn check(&self) -> Result<(), Bilingual> {
        let mut texts = self.clone();
        for which in PlanText::ALL {
            if let Some(problem) = which.problem(texts.text_mut(which)) {
                return Err(problem);
            }
        }
        Ok(())
    }

    /// The texts composed (NFC, [`crate::text::nfc`]), as every text the app reads.
    pub fn composed(&self) -> PlanTexts {
        let mut texts = self.clone();
        for which in PlanText::ALL {
            let text = texts.text_mut(which);
            *text = crate::text::nfc(text);
        }
        texts
    }

    pub fn text_mut(&mut self, which: PlanText) -> &mut String {
        match which {
            PlanText::ComuneCapofila => &mut self.comune_capofila,
            PlanText::ApprovazioneData => &mut self.approvazione_data,
            PlanText::ApprovazioneDelibera => &mut self.approvazione_delibera,
            PlanText::Premessa => &mut self.premessa,
            PlanText::Ambito => &mut self.ambito,
            PlanText::MisureWelfare => &mut self.misure_welfare,
            PlanText::Progettualita => &mut self.progettualita,
        }
    }

    /// The defaults for `ambito` and plan `year`, for the capofila to read and change.
    pub fn defaults(ambito: &Ambito, year: u16) -> PlanTexts {
        let capofila = ambito
            .capofila_code()
            .and_then(crate::comuni::by_code)
            .map(|c| c.nome.clone())
            .unwrap_or_default();
        let names: Vec<String> = ambito
            .comuni
            .iter()
            .map(|c| crate::comuni::by_code(*c).map_or_else(|| c.to_string(), |c| c.nome.clone()))
            .collect();
        let led_by = if capofila.is_empty() {
            String::new()
        } else {
            format!(", con capofila il Comune di {capofila}")
        };
        PlanTexts {
            premessa: format!(
                "Il presente Piano annuale dell'offerta dei servizi abitativi pubblici e sociali per l'anno {year} è predisposto ai sensi della legge regionale 8 luglio 2016, n. 16 «Disciplina regionale dei servizi abitativi» e {}, che affidano la programmazione dell'offerta abitativa all'ambito territoriale (art. 6 l.r. 16/2016; art. 4 r.r. 4/2017). Il Piano è approvato dall'Assemblea dei Sindaci dell'ambito ed è la base degli avvisi pubblici per l'assegnazione delle unità abitative nell'anno {year}.",
                regulation_in_force(year)
            ),
            ambito: format!(
                "{}: l'ambito territoriale del piano coincide con quello del Piano di Zona (art. 2 c.1 r.r. 4/2017){led_by}, e comprende {} Comuni: {}. Nell'ambito ha alloggi anche l'ALER competente per territorio{}, che ha partecipato alla ricognizione come ente proprietario.",
                ambito.nome,
                names.len(),
                names.join(", "),
                match ambito.alers().as_slice() {
                    [] => String::new(),
                    alers => format!(" ({})", alers.join(", ")),
                }
            ),
            comune_capofila: capofila,
            ..PlanTexts::default()
        }
    }

    /// The texts of a work file the capofila saved, or of a plan aggregate it made (its
    /// `testi`), composed (NFC); in plain words what is wrong otherwise, a text carrying an
    /// invisible character included ([`PlanTexts::check`]).
    pub fn from_file(bytes: &[u8]) -> Result<PlanTexts, crate::text::Bilingual> {
        let wrong = || {
            crate::text::Bilingual::new(
                "il file non contiene i testi di un documento del piano: scegliere il file salvato con «Salva i testi in un file» o un piano aggregato",
                "the file holds no texts of a plan document: choose the file saved with «Save the texts to a file» or a plan aggregate",
            )
        };
        let text = std::str::from_utf8(bytes).map_err(|_| wrong())?;
        let value: serde_json::Value =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|_| wrong())?;
        let texts = value.get("testi").cloned().unwrap_or(value);
        let texts: PlanTexts = serde_json::from_value(texts).map_err(|_| wrong())?;
        let texts = texts.composed();
        texts.check()?;
        Ok(texts)
    }

    /// "approvato dall'Assemblea dei Sindaci del ..." with what the capofila wrote, or the
    /// dots to fill by hand until the plan is approved.
    pub fn approval_line(&self) -> String {
        let blank = |s: &str| {
            if s.trim().is_empty() {
                "…………".to_owned()
            } else {
                s.trim().to_owned()
            }
        };
        format!(
            "approvato dall'Assemblea dei Sindaci del {} ({})",
            blank(&self.approvazione_data),
            blank(&self.approvazione_delibera)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ambiti;

    #[test]
    fn defaults_name_the_capofila_the_comuni_and_the_text_in_force() {
        let crema = ambiti::preset("crema").unwrap();
        let t = PlanTexts::defaults(&crema, 2021);
        assert_eq!(t.comune_capofila, "Crema");
        assert!(t.premessa.contains("n. 3/2019") && !t.premessa.contains("n. 2"));
        assert!(t.ambito.contains("48 Comuni") && t.ambito.contains("Trescore Cremasco"));
        assert!(t.ambito.contains("art. 2 c.1 r.r. 4/2017"));
        assert!(t.ambito.contains("(ALER Brescia-Cremona-Mantova)"));
        let later = PlanTexts::defaults(&crema, 2026);
        assert!(
            later.premessa.contains("6 marzo 2025, n. 2"),
            "{}",
            later.premessa
        );
        let between = PlanTexts::defaults(&crema, 2025);
        assert!(between.premessa.contains("per quanto applicabile"));
        assert_eq!(
            PlanTexts::defaults(&ambiti::preset("cremona").unwrap(), 2021).comune_capofila,
            "Cremona"
        );
    }

    #[test]
    fn texts_reopen_from_their_file_or_from_an_aggregate() {
        let mut t = PlanTexts::defaults(&ambiti::preset("crema").unwrap(), 2021);
        t.misure_welfare = "Fondo affitti".into();
        let file = serde_json::to_vec(&t).unwrap();
        assert_eq!(PlanTexts::from_file(&file).unwrap(), t);
        let aggregate = serde_json::json!({"formato": "offerta-abitativa/piano", "testi": t});
        assert_eq!(
            PlanTexts::from_file(aggregate.to_string().as_bytes()).unwrap(),
            t
        );
        let err = PlanTexts::from_file(b"{\"formato\": \"altro\"}").unwrap_err();
        assert!(err.it.starts_with("il file non contiene i testi"), "{err}");
        assert!(PlanTexts::from_file(&[0xff, 0xfe]).is_err());
    }

    /// Issue #25: a capofila's text with a right-to-left override, a zero-width joiner or a
    /// byte order mark gets a plain message naming the text and the character.
    #[test]
    fn a_capofila_text_with_an_invisible_character_is_refused_by_name() {
        let good = PlanTexts::defaults(&ambiti::preset("crema").unwrap(), 2021);
        assert_eq!(good.check(), Ok(()));
        for (which, value, code) in [
            (PlanText::MisureWelfare, "Fondo \u{202e}ittiffa", "U+202E"),
            (PlanText::Premessa, "Il Piano\u{200d}", "U+200D"),
            (PlanText::ComuneCapofila, "\u{feff}Crema", "U+FEFF"),
            (PlanText::ApprovazioneData, "28\ngennaio", "U+000A"),
        ] {
            let mut t = good.clone();
            *t.text_mut(which) = value.into();
            let err = t.check().unwrap_err();
            assert!(err.it.starts_with(&which.label().it), "{err}");
            assert!(err.it.contains(code) && err.en.contains(code), "{err}");
            let file = serde_json::to_vec(&t).unwrap();
            assert_eq!(PlanTexts::from_file(&file), Err(err));
        }
        let mut lines = good.clone();
        lines.progettualita = "riga\nriga".into();
        assert_eq!(lines.check(), Ok(()));
        let mut decomposed = good;
        decomposed.progettualita = "Citta\u{300}".into();
        let file = serde_json::to_vec(&decomposed).unwrap();
        assert_eq!(
            PlanTexts::from_file(&file).unwrap().progettualita,
            "Citt\u{e0}"
        );
    }

    #[test]
    fn a_text_longer_than_the_limit_is_refused_with_its_name() {
        let mut t = PlanTexts::defaults(&ambiti::preset("crema").unwrap(), 2021);
        assert_eq!(t.check(), Ok(()), "the defaults fit");
        t.premessa = "x".repeat(40_000);
        let err = PlanTexts::from_file(&serde_json::to_vec(&t).unwrap()).unwrap_err();
        assert_eq!(
            err.it,
            "La premessa ha 40.000 caratteri, più dei 10.000 caratteri ammessi: accorciarlo"
        );
        assert_eq!(t.check(), Err(err), "the page and the CLI ask the same");
    }

    #[test]
    fn the_approval_line_waits_for_the_assemblea() {
        let mut t = PlanTexts::default();
        assert_eq!(
            t.approval_line(),
            "approvato dall'Assemblea dei Sindaci del ………… (…………)"
        );
        t.approvazione_data = "28 gennaio 2021".into();
        t.approvazione_delibera = "deliberazione n. 1".into();
        assert_eq!(
            t.approval_line(),
            "approvato dall'Assemblea dei Sindaci del 28 gennaio 2021 (deliberazione n. 1)"
        );
    }
}
