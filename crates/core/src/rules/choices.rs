//! Rules on the choices of g, h, i and the art. 14 share: who may make them, which need a
//! motivation by law and which only by the app's advice, and the 2025 plans that fall between
//! two texts of the regulation.

use super::catalog::percent_of;
use super::{Rule, Severity};
use crate::percent::Percent;
use crate::submission::{Ente, Share, Submission};
use crate::text::Bilingual;
use crate::thresholds::{FORZE_POLIZIA_MAX_PERCENT_2019, RR_2_2025_PUBLISHED};

/// h) The only choice for which the law asks a motivation.
pub static MOTIVAZIONE_OBBLIGATORIA: Rule = Rule {
    id: "motivazione-obbligatoria",
    severity: Severity::Error,
    fields: &["categoria_aggiuntiva.motivazione"],
    summary: || {
        Bilingual::new(
            "La categoria aggiuntiva (h) ha la sua adeguata motivazione.",
            "The additional category (h) has an adequate motivation.",
        )
    },
    citation: "art. 4 c.3 lett. d r.r. 4/2017 («adeguata motivazione»); art. 23 c.3 l.r. 16/2016",
    check: |i, r| {
        if i.submission
            .categoria_aggiuntiva
            .as_ref()
            .is_some_and(|h| h.motivazione.trim().is_empty())
        {
            r.report(
                "categoria_aggiuntiva.motivazione",
                "Scrivere perché la categoria aggiuntiva ha particolare rilevanza sociale nel comune: la legge chiede un'adeguata motivazione.".into(),
                "Write why the additional category is of particular social relevance in the comune: the law asks for an adequate motivation.".into(),
            );
        }
    },
};

/// The shares of a submission that the law lets choose without a motivation, with their
/// field and how a message names them.
fn shares_without_legal_motivation(
    s: &Submission,
) -> [(&'static str, &Option<Share>, &'static str, &'static str); 4] {
    [
        (
            "soglia_indigenza.motivazione",
            &s.soglia_indigenza,
            "la soglia per l'indigenza (g)",
            "the indigenza share (g)",
        ),
        (
            "forze_polizia.motivazione",
            &s.forze_polizia,
            "la quota per le Forze di Polizia (i)",
            "the police share (i)",
        ),
        (
            "polizia_locale.motivazione",
            &s.polizia_locale,
            "la quota per la Polizia Locale (i)",
            "the local police share (i)",
        ),
        (
            "categorie_art14.motivazione",
            &s.categorie_art14,
            "la quota per le categorie dell'art. 14",
            "the art. 14 categories share",
        ),
    ]
}

/// g, i and c bis: a motivation helps the assemblea and the readers of the plan, but the law
/// does not ask for one, so a missing one never blocks.
pub static MOTIVAZIONE_CONSIGLIATA: Rule = Rule {
    id: "motivazione-consigliata",
    severity: Severity::Hint,
    fields: &[
        "soglia_indigenza.motivazione",
        "forze_polizia.motivazione",
        "polizia_locale.motivazione",
        "categorie_art14.motivazione",
    ],
    summary: || {
        Bilingual::new(
            "Una quota scelta (g, i, art. 14) è accompagnata da una breve motivazione.",
            "A chosen share (g, i, art. 14) comes with a short motivation.",
        )
    },
    citation: "consiglio dell'app: la legge non chiede una motivazione per queste quote, ma aiuta l'assemblea dei sindaci",
    check: |i, r| {
        for (field, share, it, en) in shares_without_legal_motivation(i.submission) {
            if share
                .as_ref()
                .is_some_and(|sh| sh.motivazione.trim().is_empty())
            {
                r.report(
                    field,
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
        "soglia_indigenza",
        "categoria_aggiuntiva",
        "forze_polizia",
        "polizia_locale",
    ],
    summary: || {
        Bilingual::new(
            "Solo un Comune, sul proprio patrimonio, alza la soglia per l'indigenza (g), indica una categoria aggiuntiva (h) o riserva quote alle Forze di Polizia (i); l'ALER no.",
            "Only a comune, on its own stock, raises the indigenza share (g), names an additional category (h) or reserves police shares (i); the ALER does not.",
        )
    },
    citation: "art. 4 c.3 lett. d e d bis, art. 13 c.3 r.r. 4/2017",
    check: |i, r| {
        let s = i.submission;
        if !matches!(s.ente, Ente::Aler { .. }) {
            return;
        }
        let chosen = [
            ("soglia_indigenza", s.soglia_indigenza.is_some(), "la soglia per l'indigenza (g) oltre il minimo, che per l'ALER resta quello di legge in ogni comune", "the indigenza share (g) above the minimum, which for the ALER stays the legal one in each comune"),
            ("categoria_aggiuntiva", s.categoria_aggiuntiva.is_some(), "la categoria aggiuntiva (h)", "the additional category (h)"),
            ("forze_polizia", s.forze_polizia.is_some(), "la quota per le Forze di Polizia (i)", "the police share (i)"),
            ("polizia_locale", s.polizia_locale.is_some(), "la quota per la Polizia Locale (i)", "the local police share (i)"),
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

/// A 2025 plan was due by December 2024, before r.r. 2/2025; one approved later may use the
/// new shares. Whether it may is not settled, so the app asks to confirm instead of blocking.
pub static QUOTE_RR_2_2025_NEL_PIANO_2025: Rule = Rule {
    id: "quote-rr-2-2025-nel-piano-2025",
    severity: Severity::Warning,
    fields: &["forze_polizia.percento", "polizia_locale", "categorie_art14"],
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
                "forze_polizia.percento",
                format!("Una quota per le Forze di Polizia oltre il {FORZE_POLIZIA_MAX_PERCENT_2019}% {why_it}."),
                format!("A police share above {FORZE_POLIZIA_MAX_PERCENT_2019}%: {why_en}."),
            );
        }
        for (field, set, it, en) in [
            ("polizia_locale", s.polizia_locale.is_some(), "La quota per la Polizia Locale (art. 7ter)", "The local police share (art. 7ter)"),
            ("categorie_art14", s.categorie_art14.is_some(), "La quota per le categorie dell'art. 14 (lett. c bis)", "The art. 14 categories share (lett. c bis)"),
        ] {
            if set {
                r.report(field, format!("{it} {why_it}."), format!("{en}: {why_en}."));
            }
        }
    },
};
