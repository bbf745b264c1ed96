//! The capofila's own words in the plan document: what the app cannot compute (the legal
//! framework as the capofila wants to say it, the ambito, welfare measures, projects, the
//! approval). Each starts from a default for the plan's ambito and year that the capofila
//! edits (welfare measures and projects: an outline marked [`TO_COMPLETE`]); they are part of
//! its work, saved with it and carried by the signed aggregate.

use serde::{Deserialize, Serialize};

use crate::ambiti::Ambito;
use crate::text::Bilingual;
use crate::thresholds::{
    CATEGORIE_ART14_MAX_PERCENT, FIRST_PLAN_YEAR_RR_2_2025, FORZE_POLIZIA_MAX_PERCENT_2019,
    INDIGENZA_DEFAULT_PERCENT, POLIZIE_MAX_PERCENT_2025, TRANSITION_PLAN_YEAR_RR_2_2025,
};

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PlanTexts {
    /// The comune capofila's name ("Crema"); the cover reads «Comune di Crema»
    /// ([`PlanTexts::capofila_line`]).
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

/// What the plan reports beside the units, under the text in force for `year`: the shares
/// of r.r. 3/2019 until 2025, those of r.r. 2/2025 (art. 7ter, art. 4 c.3 lett. c bis) from
/// 2026, and in 2025 both, the new ones where the entes confirmed them (rule set
/// `rr-4-2017-transizione-2025`).
fn shares_in_force(year: u16) -> String {
    let g = INDIGENZA_DEFAULT_PERCENT;
    let common = format!("l'eventuale soglia superiore al {g}% delle unità disponibili nell'anno per i nuclei in condizione di indigenza (art. 13 c.3), l'eventuale ulteriore categoria di particolare e motivata rilevanza sociale (art. 4 c.3 lett. d)");
    if year >= FIRST_PLAN_YEAR_RR_2_2025 {
        let (p, c) = (POLIZIE_MAX_PERCENT_2025, CATEGORIE_ART14_MAX_PERCENT);
        return format!("Secondo il testo in vigore (art. 4 c.3 r.r. 4/2017, come modificato dal r.r. 2/2025), il Piano riporta inoltre, per ciascun Comune, {common}, le eventuali quote per le Forze di Polizia, il Corpo nazionale dei Vigili del Fuoco e le Forze Armate (art. 7bis) e per la Polizia Locale (art. 7ter), insieme fino al {p}% (art. 4 c.3 lett. d bis); per ciascun ente proprietario, ALER compresa, l'eventuale quota fino al {c}% per una o più delle categorie individuate dall'art. 14 (art. 4 c.3 lett. c bis).");
    }
    let p = FORZE_POLIZIA_MAX_PERCENT_2019;
    let before = format!("Secondo il testo in vigore (art. 4 c.3 r.r. 4/2017), il Piano riporta inoltre, per ciascun Comune, {common} e l'eventuale quota, fino al {p}%, per le Forze di Polizia e il Corpo nazionale dei Vigili del Fuoco (art. 4 c.3 lett. d bis e art. 7bis).");
    if year < TRANSITION_PLAN_YEAR_RR_2_2025 {
        return before;
    }
    let (p, c) = (POLIZIE_MAX_PERCENT_2025, CATEGORIE_ART14_MAX_PERCENT);
    format!("{before} Il regolamento regionale 6 marzo 2025, n. 2 (BURL n. 11, suppl. del 10 marzo 2025) ha introdotto la quota per la Polizia Locale (art. 7ter), insieme alla quota per le Forze di Polizia fino al {p}%, e la quota fino al {c}% per le categorie dell'art. 14 (art. 4 c.3 lett. c bis): in questo Piano sono riportate dove gli enti le hanno indicate e confermate.")
}

/// The premessa the app proposes for plan `year`: the law and the text in force, the annual
/// plan within the three-year plan, what the plan reports, where its figures come from, its
/// approval and the avvisi that follow. Sources in docs/DOMAIN.md, section 6 ("The capofila's texts").
fn default_premessa(year: u16) -> String {
    [
        format!("Il presente Piano annuale dell'offerta dei servizi abitativi pubblici e sociali per l'anno {year} è predisposto ai sensi della legge regionale 8 luglio 2016, n. 16 «Disciplina regionale dei servizi abitativi» e {}, che affidano la programmazione dell'offerta abitativa pubblica e sociale all'ambito territoriale del Piano di Zona (art. 6 c.1 l.r. 16/2016; art. 2 c.1 r.r. 4/2017).", regulation_in_force(year)),
        format!("Gli strumenti della programmazione sono il Piano triennale e il Piano annuale dell'offerta dei servizi abitativi pubblici e sociali (art. 2 c.2 r.r. 4/2017). Il Piano annuale si colloca all'interno del Piano triennale dell'ambito, che attraverso di esso può essere aggiornato (art. 6 c.2 l.r. 16/2016): verifica la consistenza del patrimonio abitativo pubblico e sociale e individua le unità abitative che si prevede di assegnare nell'anno {year} (art. 4 r.r. 4/2017)."),
        shares_in_force(year),
        "La ricognizione presso gli enti proprietari dell'ambito (i Comuni e l'ALER) si svolge sulla piattaforma informatica regionale dei servizi abitativi; gli enti tenuti a rispondere si riscontrano sull'anagrafe regionale del patrimonio e sul Piano dell'anno precedente. Le tabelle di questo documento sono composte dalle schede firmate che gli enti hanno trasmesso al Comune capofila con l'applicazione «Offerta Abitativa», un canale parallelo alla piattaforma regionale che non ne importa né ne esporta i dati: le cifre vanno quindi riscontrate con quelle inserite dagli enti sulla piattaforma.".to_owned(),
        format!("Il Piano è proposto dal Comune capofila e approvato dall'Assemblea dei Sindaci dell'ambito, di norma entro il 31 dicembre dell'anno precedente ({}). Sulla sua base sono pubblicati gli avvisi pubblici per l'assegnazione delle unità abitative, almeno due nel corso dell'anno {year}.", year.saturating_sub(1)),
    ]
    .join("\n\n")
}

/// What marks a text the app proposes as a draft: guidance and examples for the capofila to
/// replace with the ambito's own words. Printed as it is, the document says it is a draft.
pub const TO_COMPLETE: &str = "[Da completare]";

/// The welfare measures the app proposes: what to write and the measures the published plans
/// of the Cremona province list (docs/DOMAIN.md, section 6, "The capofila's texts").
fn default_welfare(year: u16) -> String {
    [
        format!("{TO_COMPLETE} Descrivere le misure di welfare abitativo attive nell'ambito nell'anno {year}: per ciascuna, a chi si rivolge, chi la gestisce e con quali risorse. Esempi di misure, da confermare o togliere insieme a questo paragrafo:"),
        "Contributo all'affitto (misura per il sostegno alla locazione): un contributo ai nuclei in affitto sul libero mercato in difficoltà nel pagare il canone.".to_owned(),
        "Fondo per la morosità incolpevole: un sostegno ai nuclei che non riescono più a pagare l'affitto per la perdita o la riduzione del reddito, per evitare lo sfratto.".to_owned(),
        "Emergenza abitativa: sistemazioni temporanee e interventi per i nuclei sfrattati o rimasti senza alloggio.".to_owned(),
        "Agenzia per l'abitare (agenzia sociale per la locazione): un servizio che fa incontrare proprietari e inquilini, con garanzie e incentivi per affittare a canone concordato.".to_owned(),
    ]
    .join("\n\n")
}

/// The projects the app proposes, as [`default_welfare`].
fn default_projects(year: u16) -> String {
    [
        format!("{TO_COMPLETE} Descrivere le progettualità per il contrasto al disagio abitativo avviate o previste nell'ambito per l'anno {year}: obiettivi, destinatari, enti e soggetti coinvolti. Esempi, da confermare o togliere insieme a questo paragrafo:"),
        "Housing sociale: alloggi a canone calmierato o temporanei per i nuclei che non accedono ai servizi abitativi pubblici né al libero mercato.".to_owned(),
        "Accompagnamento all'abitare: percorsi con i servizi sociali per i nuclei fragili (orientamento, mediazione con i proprietari, gestione della casa e delle spese).".to_owned(),
        "Progetti del Piano di Zona sull'abitare, anche con il Terzo settore.".to_owned(),
    ]
    .join("\n\n")
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
            premessa: default_premessa(year),
            misure_welfare: default_welfare(year),
            progettualita: default_projects(year),
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

    /// "Comune capofila: Comune di Crema": the name the capofila wrote, with «Comune di» in
    /// front unless it already starts with «Comune» or «Città» (texts saved by older
    /// versions, and the default, hold the bare name); none while the name is empty.
    pub fn capofila_line(&self) -> Option<String> {
        let name = self.comune_capofila.trim();
        if name.is_empty() {
            return None;
        }
        let lower = name.to_lowercase();
        let named = ["comune ", "città "]
            .iter()
            .any(|start| lower.starts_with(start));
        Some(if named {
            format!("Comune capofila: {name}")
        } else {
            format!("Comune capofila: Comune di {name}")
        })
    }

    pub fn text(&self, which: PlanText) -> &str {
        match which {
            PlanText::ComuneCapofila => &self.comune_capofila,
            PlanText::ApprovazioneData => &self.approvazione_data,
            PlanText::ApprovazioneDelibera => &self.approvazione_delibera,
            PlanText::Premessa => &self.premessa,
            PlanText::Ambito => &self.ambito,
            PlanText::MisureWelfare => &self.misure_welfare,
            PlanText::Progettualita => &self.progettualita,
        }
    }

    /// The texts that still carry the mark [`TO_COMPLETE`] of the app's guidance: the
    /// document would print them as a draft.
    pub fn to_complete(&self) -> Vec<PlanText> {
        PlanText::ALL
            .into_iter()
            .filter(|which| self.text(*which).contains(TO_COMPLETE))
            .collect()
    }

    /// What the page says under a text the capofila has not made its own yet: one still to
    /// complete ([`TO_COMPLETE`]), or a long text exactly as the app proposed it
    /// (`defaults`, [`PlanTexts::defaults`]) to read again.
    pub fn note(&self, which: PlanText, defaults: &PlanTexts) -> Option<Bilingual> {
        let value = self.text(which).trim();
        if value.contains(TO_COMPLETE) {
            return Some(Bilingual::new(
                format!("Da completare: il testo proposto è una traccia con esempi. Scrivere quello che vale per l'ambito e togliere «{TO_COMPLETE}» e gli esempi che non lo riguardano; finché resta, il documento lo stampa così."),
                format!("To complete: the text proposed is an outline with examples. Write what holds for the ambito and remove «{TO_COMPLETE}» and the examples that do not apply; while it stays, the document prints it as it is."),
            ));
        }
        (which.multiline() && !value.is_empty() && value == defaults.text(which).trim()).then(
            || {
                Bilingual::new(
                    "Testo proposto dall'app per l'anno e l'ambito del piano: rileggerlo e adattarlo prima di portare il piano all'Assemblea dei Sindaci.",
                    "Text proposed by the app for the plan's year and ambito: read it again and adapt it before taking the plan to the Assemblea dei Sindaci.",
                )
            },
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

    /// Issue #27: the premessa says what published plans say (the annual plan within the
    /// three-year plan, the regional platform and registry, the approval, the avvisi) under
    /// the text in force for the plan year.
    #[test]
    fn the_premessa_covers_what_published_plans_say_under_the_years_text() {
        let crema = ambiti::preset("crema").unwrap();
        for year in [2021, 2025, 2026] {
            let p = PlanTexts::defaults(&crema, year).premessa;
            for expected in [
                "Piano triennale",
                "art. 6 c.2 l.r. 16/2016",
                "art. 2 c.2 r.r. 4/2017",
                "piattaforma informatica regionale",
                "anagrafe regionale del patrimonio",
                "non ne importa né ne esporta i dati",
                "Assemblea dei Sindaci",
                "entro il 31 dicembre dell'anno precedente",
                "avvisi pubblici",
                "almeno due nel corso dell'anno",
            ] {
                assert!(p.contains(expected), "{year}: {expected} in {p}");
            }
            assert!(p.contains(&format!("({})", year - 1)), "{p}");
            assert!(p.split("\n\n").count() >= 5, "paragraphs: {p}");
        }
        let p2021 = PlanTexts::defaults(&crema, 2021).premessa;
        assert!(p2021.contains("Forze di Polizia e il Corpo nazionale dei Vigili del Fuoco"));
        let up_to_2019 = format!("fino al {FORZE_POLIZIA_MAX_PERCENT_2019}%");
        assert!(p2021.contains(&up_to_2019), "{p2021}");
        for later_only in ["art. 7ter", "lett. c bis", "Forze Armate", "n. 2"] {
            assert!(!p2021.contains(later_only), "{later_only} in 2021");
        }
        let p2026 = PlanTexts::defaults(&crema, 2026).premessa;
        let together = format!("insieme fino al {POLIZIE_MAX_PERCENT_2025}%");
        for expected in [
            "art. 7ter",
            "Polizia Locale",
            "Forze Armate",
            "art. 4 c.3 lett. c bis",
            "categorie individuate dall'art. 14",
            "ALER compresa",
            &together,
            "come modificato dal r.r. 2/2025",
        ] {
            assert!(p2026.contains(expected), "{expected} in {p2026}");
        }
        assert!(!p2026.contains(&up_to_2019), "{p2026}");
        let p2025 = PlanTexts::defaults(&crema, 2025).premessa;
        assert!(p2025.contains(&up_to_2019) && p2025.contains("art. 7ter"));
        assert!(p2025.contains("dove gli enti le hanno indicate e confermate"));
    }

    /// Issue #27: welfare measures and projects open with guidance and the measures of the
    /// published plans, marked as a draft; the page notes a text still to complete or as the
    /// app proposed it.
    #[test]
    fn welfare_and_projects_open_with_guidance_marked_to_complete() {
        let crema = ambiti::preset("crema").unwrap();
        let t = PlanTexts::defaults(&crema, 2021);
        assert!(t.misure_welfare.starts_with(TO_COMPLETE));
        for measure in [
            "Contributo all'affitto (misura per il sostegno alla locazione)",
            "Fondo per la morosità incolpevole",
            "Emergenza abitativa",
            "Agenzia per l'abitare (agenzia sociale per la locazione)",
        ] {
            assert!(t.misure_welfare.contains(measure), "{measure}");
        }
        assert!(t.progettualita.starts_with(TO_COMPLETE));
        for project in ["Housing sociale", "Accompagnamento all'abitare"] {
            assert!(t.progettualita.contains(project), "{project}");
        }
        assert_eq!(
            t.to_complete(),
            [PlanText::MisureWelfare, PlanText::Progettualita]
        );
        assert_eq!(t.check(), Ok(()));

        let defaults = t.clone();
        let note = t.note(PlanText::MisureWelfare, &defaults).unwrap();
        assert!(note.it.starts_with("Da completare"), "{note}");
        assert!(note.en.starts_with("To complete"), "{note}");
        let as_proposed = t.note(PlanText::Premessa, &defaults).unwrap();
        assert!(
            as_proposed.it.starts_with("Testo proposto dall'app"),
            "{as_proposed}"
        );
        assert_eq!(t.note(PlanText::ComuneCapofila, &defaults), None);
        assert_eq!(t.note(PlanText::ApprovazioneData, &defaults), None);

        let mut edited = t;
        edited.misure_welfare = "Fondo affitti dell'ambito.".into();
        edited.premessa.push_str(" Aggiunta.");
        edited.progettualita.clear();
        assert_eq!(edited.note(PlanText::MisureWelfare, &defaults), None);
        assert_eq!(edited.note(PlanText::Premessa, &defaults), None);
        assert_eq!(edited.note(PlanText::Progettualita, &defaults), None);
        assert!(edited.to_complete().is_empty());
    }

    /// Issue #27: the cover reads «Comune capofila: Comune di Crema» from the bare name (the
    /// default, and texts saved by older versions) and does not double what was typed.
    #[test]
    fn the_cover_names_the_capofila_as_a_comune_once() {
        let line = |name: &str| {
            PlanTexts {
                comune_capofila: name.into(),
                ..PlanTexts::default()
            }
            .capofila_line()
        };
        let crema = PlanTexts::defaults(&ambiti::preset("crema").unwrap(), 2021);
        assert_eq!(
            crema.capofila_line().as_deref(),
            Some("Comune capofila: Comune di Crema")
        );
        assert_eq!(
            line(" Crema ").as_deref(),
            Some("Comune capofila: Comune di Crema")
        );
        for typed in ["Comune di Crema", "comune di Crema", "Città di Crema"] {
            assert_eq!(line(typed), Some(format!("Comune capofila: {typed}")));
        }
        assert_eq!(line("  "), None);
        // A texts file of an older version (bare name) reads the same.
        let old = br#"{"comune_capofila": "Crema", "premessa": "", "ambito": "", "misure_welfare": "", "progettualita": "", "approvazione_data": "", "approvazione_delibera": ""}"#;
        assert_eq!(
            PlanTexts::from_file(old)
                .unwrap()
                .capofila_line()
                .as_deref(),
            Some("Comune capofila: Comune di Crema")
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
