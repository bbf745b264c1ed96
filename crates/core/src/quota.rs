//! Quota calculator: how many of a comune's assignable units (f) go to each reserved quota.
//!
//! Rounding rule:
//! - indigenza (g) is a *minimum* ("almeno il 20%"): rounded **up**, so the minimum is met;
//! - Forze di Polizia / Vigili del Fuoco (art. 7bis) and Polizia Locale (art. 7ter): rounded
//!   **up**, because art. 7bis r.r. 4/2017 says the share is "arrotondato all'unità superiore";
//! - categoria aggiuntiva (h) and categorie art. 14 are *maximums* with no rounding stated:
//!   rounded **down**, so the cap is never exceeded;
//! - transitori (j) are declared in units, not as a share.
//!
//! All arithmetic is on integers: `ceil(f*p/100) = (f*p + 99) / 100`.

use serde::Serialize;

use crate::submission::{sum_units, Share, Submission};
use crate::thresholds::INDIGENZA_DEFAULT_PERCENT;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuotaChoice {
    pub assegnabili: u64,
    pub indigenza_percento: u8,
    pub forze_polizia_percento: u8,
    pub polizia_locale_percento: u8,
    pub categoria_aggiuntiva_percento: u8,
    pub categorie_art14_percento: u8,
    pub transitori_unita: u64,
}

#[derive(Serialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Quotas {
    pub indigenza: u64,
    pub forze_polizia: u64,
    pub polizia_locale: u64,
    pub categoria_aggiuntiva: u64,
    pub categorie_art14: u64,
    pub transitori: u64,
    /// Units left for the ordinary ranking.
    pub restanti: u64,
    /// Units reserved beyond those available (0 when the quotas fit).
    pub eccedenza: u64,
}

impl Quotas {
    pub fn reserved(&self) -> u64 {
        self.indigenza
            + self.forze_polizia
            + self.polizia_locale
            + self.categoria_aggiuntiva
            + self.categorie_art14
            + self.transitori
    }
}

fn at_least(total: u64, percent: u8) -> u64 {
    (total * u64::from(percent)).div_ceil(100)
}

fn at_most(total: u64, percent: u8) -> u64 {
    total * u64::from(percent) / 100
}

pub fn compute(c: QuotaChoice) -> Quotas {
    let f = c.assegnabili;
    let mut q = Quotas {
        indigenza: at_least(f, c.indigenza_percento),
        forze_polizia: at_least(f, c.forze_polizia_percento),
        polizia_locale: at_least(f, c.polizia_locale_percento),
        categoria_aggiuntiva: at_most(f, c.categoria_aggiuntiva_percento),
        categorie_art14: at_most(f, c.categorie_art14_percento),
        transitori: c.transitori_unita,
        restanti: 0,
        eccedenza: 0,
    };
    let reserved = q.reserved();
    q.restanti = f.saturating_sub(reserved);
    q.eccedenza = reserved.saturating_sub(f);
    q
}

/// The shares a submission chose, with the default indigenza share when g is not set.
pub fn choice_for(s: &Submission) -> QuotaChoice {
    let pct = |share: &Option<Share>| share.as_ref().map_or(0, |s| s.percento);
    QuotaChoice {
        assegnabili: s.totale_assegnabili(),
        indigenza_percento: s
            .soglia_indigenza
            .as_ref()
            .map_or(INDIGENZA_DEFAULT_PERCENT, |g| g.percento),
        forze_polizia_percento: pct(&s.forze_polizia),
        polizia_locale_percento: pct(&s.polizia_locale),
        categoria_aggiuntiva_percento: s
            .categoria_aggiuntiva
            .as_ref()
            .and_then(|h| h.percento)
            .unwrap_or(0),
        categorie_art14_percento: pct(&s.categorie_art14),
        transitori_unita: sum_units(&s.transitori),
    }
}

/// The quotas a submission implies.
pub fn for_submission(s: &Submission) -> Quotas {
    compute(choice_for(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indigenza_and_police_round_up_other_caps_round_down() {
        // f = 34. 20% = 6.8 -> 7 indigenza; 10% = 3.4 -> 4 police (art. 7bis rounds up);
        // 10% = 3.4 -> 3 for the categoria aggiuntiva, 5% = 1.7 -> 1 for art. 14.
        let q = compute(QuotaChoice {
            assegnabili: 34,
            indigenza_percento: 20,
            forze_polizia_percento: 10,
            polizia_locale_percento: 5,
            categoria_aggiuntiva_percento: 10,
            categorie_art14_percento: 5,
            ..QuotaChoice::default()
        });
        assert_eq!(q.indigenza, 7);
        assert_eq!(q.forze_polizia, 4);
        assert_eq!(q.polizia_locale, 2);
        assert_eq!(q.categoria_aggiuntiva, 3);
        assert_eq!(q.categorie_art14, 1);
        assert_eq!(q.restanti, 34 - 7 - 4 - 2 - 3 - 1);
        assert_eq!(q.eccedenza, 0);
    }

    #[test]
    fn exact_percentages_need_no_rounding() {
        let q = compute(QuotaChoice {
            assegnabili: 50,
            indigenza_percento: 20,
            forze_polizia_percento: 10,
            polizia_locale_percento: 10,
            categorie_art14_percento: 20,
            transitori_unita: 2,
            ..QuotaChoice::default()
        });
        assert_eq!(
            (
                q.indigenza,
                q.forze_polizia,
                q.polizia_locale,
                q.categorie_art14
            ),
            (10, 5, 5, 10)
        );
        assert_eq!(q.restanti, 50 - 32);
    }

    #[test]
    fn one_assignable_unit_still_meets_the_indigenza_minimum() {
        let q = compute(QuotaChoice {
            assegnabili: 1,
            indigenza_percento: 20,
            forze_polizia_percento: 10,
            ..QuotaChoice::default()
        });
        assert_eq!((q.indigenza, q.forze_polizia, q.restanti), (1, 1, 0));
        assert_eq!(q.eccedenza, 1, "two reserved units for one available");
    }

    #[test]
    fn quotas_beyond_the_available_units_are_reported_as_excess() {
        let q = compute(QuotaChoice {
            assegnabili: 10,
            indigenza_percento: 100,
            transitori_unita: 3,
            ..QuotaChoice::default()
        });
        assert_eq!((q.restanti, q.eccedenza), (0, 3));
    }

    #[test]
    fn zero_assignable_units_give_zero_quotas() {
        let q = compute(QuotaChoice {
            indigenza_percento: 20,
            ..QuotaChoice::default()
        });
        assert_eq!(q, Quotas::default());
    }
}
