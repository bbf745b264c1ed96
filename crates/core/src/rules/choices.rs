//! Rules on the choices of g, h, i and the art. 14 share: who may make them, which need a
//! motivation by law and which only by the app's advice, and the 2025 plans that fall between
//! two texts of the regulation.

use super::catalog::percent_of;
use super::{Finding, Input, Rule, Severity};
use crate::percent::Percent;
use crate::sections;
use crate::sections::fields::{self, Field};
use crate::submission::{AdditionalCategory, Ente, ShareSlot, Submission, FORMAT_VERSION};
use crate::text::Bilingual;
use crate::thresholds::{
    FORZE_POLIZIA_MAX_PERCENT_2019, INDIGENZA_DEFAULT_PERCENT, RR_2_2025_PUBLISHED,
    SUGGESTED_CATEGORIE_ART14_PERCENT, SUGGESTED_FORZE_POLIZIA_PERCENT,
    SUGGESTED_INDIGENZA_PERCENT, SUGGESTED_POLIZIA_LOCALE_PERCENT,
};

/// h) The only choice for which the law asks a motivation.
pub static MOTIVAZIONE_OBBLIGATORIA: Rule = Rule {
    id: "motivazione-obbligatoria",
    severity: Severity::Error,
    fields: &[fields::CATEGORIA_AGGIUNTIVA_MOTIVAZIONE.path],
    summary: || {
        Bilingual::new(
            "La categoria aggiuntiva (h) ha la sua adeguata motivazione.",
            "The additional category (h) has an adequate motivation.",
        )
    },
    citation: "art. 4 c.3 lett. d r.r. 4/2017 («adeguata motivazione»), categoria dell'art. 14 c.1 lett. f; art. 23 c.3 l.r. 16/2016",
    check: |i, r| {
        if i.submission
            .categoria_aggiuntiva
            .as_ref()
            .is_some_and(|h| h.motivazione.trim().is_empty())
        {
            r.report(
                fields::CATEGORIA_AGGIUNTIVA_MOTIVAZIONE.path,
                "Scrivere perché la categoria aggiuntiva ha particolare rilevanza sociale nel comune: la legge chiede un'adeguata motivazione.".into(),
                "Write why the additional category is of particular social relevance in the comune: the law asks for an adequate motivation.".into(),
            );
        }
    },
};

/// The motivations of the shares that the law lets choose without one, with how a message
/// names the share.
static SHARES_WITHOUT_LEGAL_MOTIVATION: [(Field<String>, &str, &str); 4] = [
    (
        fields::SOGLIA_INDIGENZA_MOTIVAZIONE,
        "la soglia per l'indigenza (g)",
        "the indigenza share (g)",
    ),
    (
        fields::FORZE_POLIZIA_MOTIVAZIONE,
        "la quota per le Forze di Polizia (i)",
        "the police share (i)",
    ),
    (
        fields::POLIZIA_LOCALE_MOTIVAZIONE,
        "la quota per la Polizia Locale (i)",
        "the local police share (i)",
    ),
    (
        fields::CATEGORIE_ART14_MOTIVAZIONE,
        "la quota per le categorie dell'art. 14",
        "the art. 14 categories share",
    ),
];

/// g, i and c bis: a motivation helps the assemblea and the readers of the plan, but the law
/// does not ask for one, so a missing one never blocks.
pub static MOTIVAZIONE_CONSIGLIATA: Rule = Rule {
    id: "motivazione-consigliata",
    severity: Severity::Hint,
    fields: &[
        fields::SOGLIA_INDIGENZA_MOTIVAZIONE.path,
        fields::FORZE_POLIZIA_MOTIVAZIONE.path,
        fields::POLIZIA_LOCALE_MOTIVAZIONE.path,
        fields::CATEGORIE_ART14_MOTIVAZIONE.path,
    ],
    summary: || {
        Bilingual::new(
            "Una quota scelta (g, i, art. 14) è accompagnata da una breve motivazione.",
            "A chosen share (g, i, art. 14) comes with a short motivation.",
        )
    },
    citation: "consiglio dell'app: la legge non chiede una motivazione per queste quote, ma aiuta l'assemblea dei sindaci",
    check: |i, r| {
        for (field, it, en) in &SHARES_WITHOUT_LEGAL_MOTIVATION {
            if field
                .get(i.submission)
                .is_some_and(|motivazione| motivazione.trim().is_empty())
            {
                r.report(
                    field.path,
                    format!("Si consiglia di motivare {it} in una o due frasi (non obbligatorio)."),
                    format!("A sentence or two motivating {en} is advised (not required)."),
                );
            }
        }
    },
};

/// g, h and i are choices "per ciascun Comune" on its own stock; only the art. 14 share
/// (c bis) is also the ALER's.
pub static SCELTE_DEI_COMUNI: Rule = Rule {
    id: "scelte-dei-comuni",
    severity: Severity::Error,
    fields: &[
        sections::SOGLIA_INDIGENZA.path,
        sections::CATEGORIA_AGGIUNTIVA.path,
        sections::FORZE_POLIZIA.path,
        sections::POLIZIA_LOCALE.path,
    ],
    summary: || {
        Bilingual::new(
            "Solo un Comune, sul proprio patrimonio, alza la soglia per l'indigenza (g), indica una categoria aggiuntiva (h) o riserva quote alle Forze di Polizia (i); l'ALER no.",
            "Only a comune, on its own stock, raises the indigenza share (g), names an additional category (h) or reserves police shares (i); the ALER does not.",
        )
    },
    citation: "art. 4 c.3 lett. c, d e d bis, art. 13 c.3 r.r. 4/2017",
    check: |i, r| {
        let s = i.submission;
        if !matches!(s.ente, Ente::Aler { .. }) {
            return;
        }
        let chosen = [
            (sections::SOGLIA_INDIGENZA.path, s.soglia_indigenza.is_some(), "la soglia per l'indigenza (g) oltre il minimo, che per l'ALER resta quello di legge in ogni comune", "the indigenza share (g) above the minimum, which for the ALER stays the legal one in each comune"),
            (sections::CATEGORIA_AGGIUNTIVA.path, s.categoria_aggiuntiva.is_some(), "la categoria aggiuntiva (h)", "the additional category (h)"),
            (sections::FORZE_POLIZIA.path, s.forze_polizia.is_some(), "la quota per le Forze di Polizia (i)", "the police share (i)"),
            (sections::POLIZIA_LOCALE.path, s.polizia_locale.is_some(), "la quota per la Polizia Locale (i)", "the local police share (i)"),
        ];
        for (field, set, it, en) in chosen {
            if set {
                r.report(
                    field,
                    format!("L'ALER non sceglie {it}: è una scelta di ciascun Comune. Togliere la scelta."),
                    format!("The ALER does not choose {en}: it is each comune's choice. Remove it."),
                );
            }
        }
    },
};

/// Art. 13 c.3: a comune may go above the 20% for indigenza «garantendo la copertura delle
/// relative spese di alloggio». An error, not a warning to confirm: the guarantee is the
/// condition the law sets for going above 20%, and a warning could be confirmed with a reason
/// in its place. Only a file of version 4 (plans from 2026) can say it: a file signed earlier
/// is not judged on what its format could not hold.
pub static COPERTURA_SPESE_ALLOGGIO: Rule = Rule {
    id: "copertura-spese-alloggio",
    severity: Severity::Error,
    fields: &[fields::COPERTURA_SPESE_ALLOGGIO.path],
    summary: || {
        Bilingual::new(
            format!("Un Comune che porta la soglia per l'indigenza (g) oltre il {INDIGENZA_DEFAULT_PERCENT}% conferma di garantire la copertura delle relative spese di alloggio."),
            format!("A comune that raises the indigenza share (g) above {INDIGENZA_DEFAULT_PERCENT}% confirms it guarantees the coverage of the related housing costs."),
        )
    },
    citation:
        "art. 13 c.3 r.r. 4/2017 («garantendo la copertura delle relative spese di alloggio»)",
    check: |i, r| {
        let s = i.submission;
        let above = s
            .soglia_indigenza
            .as_ref()
            .is_some_and(|g| g.percento > Percent::whole(INDIGENZA_DEFAULT_PERCENT));
        if above && !s.copertura_spese_alloggio && s.versione >= FORMAT_VERSION {
            r.report(
                fields::COPERTURA_SPESE_ALLOGGIO.path,
                format!("Con una soglia per l'indigenza oltre il {INDIGENZA_DEFAULT_PERCENT}% il Comune garantisce la copertura delle relative spese di alloggio (art. 13 c.3 r.r. 4/2017): confermarlo, o togliere la soglia."),
                format!("With an indigenza share above {INDIGENZA_DEFAULT_PERCENT}% the comune guarantees the coverage of the related housing costs (art. 13 c.3 r.r. 4/2017): confirm it, or remove the share."),
            );
        }
    },
};

/// Art. 4 c.3 lett. c bis: the share goes «a una o più delle categorie individuate dall'art.
/// 14»; which ones is part of the choice. Only a file of version 4 can list them.
pub static CATEGORIE_ART14_ELENCATE: Rule = Rule {
    id: "categorie-art14-elencate",
    severity: Severity::Error,
    fields: &[fields::CATEGORIE_ART14_ELENCO.path],
    summary: || {
        Bilingual::new(
            "La quota per le categorie dell'art. 14 indica a quali categorie va (una o più); le categorie si indicano solo con la quota.",
            "The share for the categories of art. 14 says which categories it goes to (one or more); categories are given only with the share.",
        )
    },
    citation: "art. 4 c.3 lett. c bis r.r. 4/2017, inserita dal r.r. 2/2025 («a una o più delle categorie individuate dall'art. 14»); art. 14 c.1 r.r. 4/2017",
    check: |i, r| {
        let s = i.submission;
        if s.versione < FORMAT_VERSION {
            return;
        }
        let share = s.categorie_art14.as_ref().map(|c| c.percento);
        let listed = !s.categorie_art14_elenco.is_empty();
        if share.is_some_and(|p| p > Percent::whole(0)) && !listed {
            r.report(
                fields::CATEGORIE_ART14_ELENCO.path,
                "Indicare a quale o a quali categorie dell'art. 14 va la quota.".into(),
                "Say which category or categories of art. 14 the share goes to.".into(),
            );
        } else if share.is_none() && listed {
            r.report(
                fields::CATEGORIE_ART14_ELENCO.path,
                "Sono indicate categorie dell'art. 14 senza una quota: indicare la quota o togliere le categorie.".into(),
                "Categories of art. 14 are given without a share: give the share or remove the categories.".into(),
            );
        }
    },
};

/// A 2025 plan was due by December 2024, before r.r. 2/2025; one approved later may use the
/// new shares. Whether it may is not settled, so the app asks to confirm instead of blocking.
pub static QUOTE_RR_2_2025_NEL_PIANO_2025: Rule = Rule {
    id: "quote-rr-2-2025-nel-piano-2025",
    severity: Severity::Warning,
    fields: &[fields::FORZE_POLIZIA_PERCENTO.path, sections::POLIZIA_LOCALE.path, "categorie_art14"],
    summary: || {
        Bilingual::new(
            format!("Nel piano 2025 le quote introdotte dal {RR_2_2025_PUBLISHED} (Polizia Locale, art. 14, Forze di Polizia oltre il {FORZE_POLIZIA_MAX_PERCENT_2019}%) valgono solo se il piano è approvato dopo la sua entrata in vigore: confermarle."),
            format!("In a 2025 plan the shares introduced by r.r. 2/2025 (local police, art. 14, police above {FORZE_POLIZIA_MAX_PERCENT_2019}%) hold only if the plan is approved after it came into force: confirm them."),
        )
    },
    citation: "r.r. 2/2025 del 6 marzo 2025 (BURL n. 11, suppl. del 10 marzo 2025), artt. 7bis e 7ter e art. 4 c.3 lett. c bis r.r. 4/2017",
    check: |i, r| {
        let s = i.submission;
        let why_it = format!("vale solo se il piano 2025 è approvato dopo l'entrata in vigore del {RR_2_2025_PUBLISHED}: confermare indicando la data di approvazione, o togliere la quota");
        let why_en = "it holds only if the 2025 plan is approved after r.r. 2/2025 came into force (March 2025): confirm with the approval date, or remove the share";
        if percent_of(&s.forze_polizia) > Percent::whole(FORZE_POLIZIA_MAX_PERCENT_2019) {
            r.report(
                fields::FORZE_POLIZIA_PERCENTO.path,
                format!("Una quota per le Forze di Polizia oltre il {FORZE_POLIZIA_MAX_PERCENT_2019}% {why_it}."),
                format!("A police share above {FORZE_POLIZIA_MAX_PERCENT_2019}%: {why_en}."),
            );
        }
        for (field, set, it, en) in [
            (sections::POLIZIA_LOCALE.path, s.polizia_locale.is_some(), "La quota per la Polizia Locale (art. 7ter)", "The local police share (art. 7ter)"),
            (sections::CATEGORIE_ART14.path, s.categorie_art14.is_some(), "La quota per le categorie dell'art. 14 (lett. c bis)", "The art. 14 categories share (lett. c bis)"),
        ] {
            if set {
                r.report(field, format!("{it} {why_it}."), format!("{en}: {why_en}."));
            }
        }
    },
};

/// A share an ente may choose in a plan year (g, h, i, Polizia Locale, art. 14), as the
/// year's rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenShare {
    /// The share's section path (`soglia_indigenza`, ...).
    pub path: &'static str,
    /// Chosen, the share is a warning to confirm (the shares of r.r. 2/2025 in a 2025 plan).
    pub to_confirm: bool,
}

/// The shares `ente` may choose in the plans of `year`: each share chosen alone, as the form
/// fills it in when ticked (its suggested percent, a motivation, h with a name), gets no
/// error from the year's rules. The form offers these and no others, so the page and the
/// rules cannot disagree. A year before every rule set (itself an error) gets the oldest set's.
pub fn open_shares(year: u16, ente: &Ente) -> Vec<OpenShare> {
    let Some(set) = super::rule_set_for(year).or_else(|| super::RULE_SETS.first()) else {
        return Vec::new();
    };
    let chosen = |slot: Option<ShareSlot>| {
        let mut s = Submission::new(year, "", ente.clone());
        match slot {
            Some(slot) => {
                s.set_share(slot, Some(Percent::whole(suggested_percent(slot))));
                if let Some(share) = s.share_mut(slot) {
                    share.motivazione = "-".into();
                }
            }
            None => {
                s.categoria_aggiuntiva = Some(AdditionalCategory {
                    nome: "-".into(),
                    motivazione: "-".into(),
                    percento: None,
                })
            }
        }
        s
    };
    let probes = [
        (
            &sections::SOGLIA_INDIGENZA,
            Some(ShareSlot::SogliaIndigenza),
        ),
        (&sections::CATEGORIA_AGGIUNTIVA, None),
        (&sections::FORZE_POLIZIA, Some(ShareSlot::ForzePolizia)),
        (&sections::POLIZIA_LOCALE, Some(ShareSlot::PoliziaLocale)),
        (&sections::CATEGORIE_ART14, Some(ShareSlot::CategorieArt14)),
    ];
    probes
        .into_iter()
        .filter_map(|(section, slot)| {
            let submission = chosen(slot);
            let input = Input {
                submission: &submission,
                ambito: None,
            };
            let mut findings = Vec::new();
            for rule in set.rules {
                super::run_rule(rule, &input, &mut findings);
            }
            let on_share = |f: &&Finding| {
                f.field
                    .strip_prefix(section.path)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
            };
            let on_share: Vec<&Finding> = findings.iter().filter(on_share).collect();
            let refused = on_share.iter().any(|f| f.severity == Severity::Error);
            (!refused).then(|| OpenShare {
                path: section.path,
                to_confirm: on_share.iter().any(|f| f.severity == Severity::Warning),
            })
        })
        .collect()
}

/// The percent the form proposes when a share is ticked.
fn suggested_percent(slot: ShareSlot) -> u8 {
    match slot {
        ShareSlot::SogliaIndigenza => SUGGESTED_INDIGENZA_PERCENT,
        ShareSlot::ForzePolizia => SUGGESTED_FORZE_POLIZIA_PERCENT,
        ShareSlot::PoliziaLocale => SUGGESTED_POLIZIA_LOCALE_PERCENT,
        ShareSlot::CategorieArt14 => SUGGESTED_CATEGORIE_ART14_PERCENT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(year: u16, ente: &Ente) -> Vec<(&'static str, bool)> {
        open_shares(year, ente)
            .into_iter()
            .map(|s| (s.path, s.to_confirm))
            .collect()
    }

    #[test]
    fn a_comune_chooses_g_h_i_and_from_2025_the_shares_of_rr_2_2025_to_confirm_in_2025() {
        let crema = Ente::comune("019035").unwrap();
        let ghi = [
            ("soglia_indigenza", false),
            ("categoria_aggiuntiva", false),
            ("forze_polizia", false),
        ];
        for year in [2018, 2019, 2021, 2024] {
            assert_eq!(open(year, &crema), ghi, "{year}");
        }
        let mut with_new = ghi.to_vec();
        with_new.extend([("polizia_locale", true), ("categorie_art14", true)]);
        assert_eq!(open(2025, &crema), with_new);
        with_new[3].1 = false;
        with_new[4].1 = false;
        for year in [2026, 2027, 2040] {
            assert_eq!(open(year, &crema), with_new, "{year}");
        }
    }

    #[test]
    fn the_aler_chooses_only_the_art_14_share_from_2025() {
        let aler = Ente::aler("ALER Brescia-Cremona-Mantova").unwrap();
        for year in [2018, 2019, 2024] {
            assert_eq!(open(year, &aler), [], "{year}");
        }
        assert_eq!(open(2025, &aler), [("categorie_art14", true)]);
        assert_eq!(open(2026, &aler), [("categorie_art14", false)]);
    }
}
