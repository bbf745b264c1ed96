//! Quota calculator: how many of an ente's assignable units (f) go to each reserved quota.
//!
//! Rounding rule:
//! - indigenza (g) is a *minimum* ("almeno il 20%"): rounded **up**, as art. 13 c.3 r.r.
//!   4/2017 says ("arrotondato all'unità superiore"), so the minimum is met;
//! - every other share is a *cap* with no rounding written in the text: Forze di Polizia /
//!   Vigili del Fuoco / Forze Armate (art. 7bis) and Polizia Locale (art. 7ter), "fino al"
//!   the limit of art. 4 c.3 lett. d bis; categorie art. 14, "fino al" the limit of lett.
//!   c bis; categoria aggiuntiva (h), when it has a share. Each is rounded **down**, so the
//!   cap is never exceeded, and a share smaller than one unit gives 0 units, which the app
//!   says ([`shares_rounded_to_zero`]). No rounding clause was found in the text of artt.
//!   7bis and 7ter (da verificare on the consolidated text, docs/DOMAIN.md);
//! - transitori (j) are declared in units, not as a share.
//!
//! A share has at most one decimal ([`Percent`], in tenths), and all arithmetic is on
//! integers: up = `ceil(f*t/1000) = (f*t + 999) / 1000`, down = `f*t / 1000`, t the tenths.
//!
//! **The ALER's indigenza quota is counted per comune** (art. 13 c.3 r.r. 4/2017: for the
//! ALER the share applies in each comune separately): in each comune the share of the f of
//! the ALER's rows there (b + c + d + e, [`Submission::assegnabili_per_comune`]) is rounded
//! up, and the quota is the sum. The units the ALER gives without a comune
//! (`avvicendamento.senza_ripartizione`) cannot be placed in one: they form one group of
//! their own, its share rounded up too ([`indigenza_per_comune`]). A comune's quota stays
//! on its own f, and the ALER's other quotas on its whole f.

use serde::Serialize;

use crate::comuni::IstatCode;
use crate::percent::Percent;
use crate::submission::{sum_units, Ente, Share, Submission};
use crate::text::Bilingual;
use crate::thresholds::INDIGENZA_DEFAULT_PERCENT;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuotaChoice {
    pub assegnabili: u64,
    pub indigenza_percento: Percent,
    pub forze_polizia_percento: Percent,
    pub polizia_locale_percento: Percent,
    pub categoria_aggiuntiva_percento: Percent,
    pub categorie_art14_percento: Percent,
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

    /// What is left of `f` once the quotas are reserved, and what they reserve beyond it.
    fn settle(mut self, f: u64) -> Self {
        let reserved = self.reserved();
        self.restanti = f.saturating_sub(reserved);
        self.eccedenza = reserved.saturating_sub(f);
        self
    }
}

/// The ALER's indigenza quota in one comune, or (`comune: None`) in its units given
/// without a comune.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ComuneQuota {
    pub comune: Option<IstatCode>,
    /// The ALER's f in the comune (b + c + d + e of its rows there).
    pub assegnabili: u64,
    pub indigenza: u64,
}

fn at_least(total: u64, percent: Percent) -> u64 {
    (total * u64::from(percent.tenths())).div_ceil(1000)
}

fn at_most(total: u64, percent: Percent) -> u64 {
    total * u64::from(percent.tenths()) / 1000
}

pub fn compute(c: QuotaChoice) -> Quotas {
    let f = c.assegnabili;
    Quotas {
        indigenza: at_least(f, c.indigenza_percento),
        forze_polizia: at_most(f, c.forze_polizia_percento),
        polizia_locale: at_most(f, c.polizia_locale_percento),
        categoria_aggiuntiva: at_most(f, c.categoria_aggiuntiva_percento),
        categorie_art14: at_most(f, c.categorie_art14_percento),
        transitori: c.transitori_unita,
        restanti: 0,
        eccedenza: 0,
    }
    .settle(f)
}

/// A share that is a cap, rounded down ([`compute`]).
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CappedShare {
    CategoriaAggiuntiva,
    ForzePolizia,
    PoliziaLocale,
    CategorieArt14,
}

impl CappedShare {
    pub fn name(self) -> Bilingual {
        match self {
            CappedShare::CategoriaAggiuntiva => {
                Bilingual::new("Categoria aggiuntiva", "Additional category")
            }
            CappedShare::ForzePolizia => Bilingual::new("Forze di Polizia", "Police"),
            CappedShare::PoliziaLocale => Bilingual::new("Polizia Locale", "Local police"),
            CappedShare::CategorieArt14 => {
                Bilingual::new("Categorie dell'art. 14", "Categories of art. 14")
            }
        }
    }

    /// Every capped share, in the order the plan says them.
    pub const ALL: [CappedShare; 4] = [
        CappedShare::CategoriaAggiuntiva,
        CappedShare::ForzePolizia,
        CappedShare::PoliziaLocale,
        CappedShare::CategorieArt14,
    ];

    /// The share's percentage in `c`.
    pub fn percent_in(self, c: &QuotaChoice) -> Percent {
        match self {
            CappedShare::CategoriaAggiuntiva => c.categoria_aggiuntiva_percento,
            CappedShare::ForzePolizia => c.forze_polizia_percento,
            CappedShare::PoliziaLocale => c.polizia_locale_percento,
            CappedShare::CategorieArt14 => c.categorie_art14_percento,
        }
    }

    /// The share's units in `q`.
    pub fn units_in(self, q: &Quotas) -> u64 {
        match self {
            CappedShare::CategoriaAggiuntiva => q.categoria_aggiuntiva,
            CappedShare::ForzePolizia => q.forze_polizia,
            CappedShare::PoliziaLocale => q.polizia_locale,
            CappedShare::CategorieArt14 => q.categorie_art14,
        }
    }
}

/// A share the ente chose that gives no unit of its f: a cap rounded down.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZeroShare {
    pub quota: CappedShare,
    pub percento: Percent,
    pub assegnabili: u64,
}

impl ZeroShare {
    /// «Forze di Polizia: 10% di 2 unità: 0 unità (arrotondamento per difetto, ...)».
    pub fn sentence(&self) -> Bilingual {
        let (name, p, f) = (self.quota.name(), self.percento, self.assegnabili);
        Bilingual::new(
            format!("{}: {p}% di {f} unità: 0 unità (arrotondamento per difetto, la quota non può superare il limite)", name.it),
            format!("{}: {}% of {f} units: 0 units (rounded down, the share may not exceed its cap)", name.en, p.english()),
        )
    }
}

/// The capped shares `c` chooses that round down to no unit of a non-zero f.
pub fn shares_rounded_to_zero(c: &QuotaChoice) -> Vec<ZeroShare> {
    let f = c.assegnabili;
    CappedShare::ALL
        .into_iter()
        .map(|share| (share, share.percent_in(c)))
        .filter(|&(_, p)| f > 0 && p > Percent::ZERO && at_most(f, p) == 0)
        .map(|(quota, percento)| ZeroShare {
            quota,
            percento,
            assegnabili: f,
        })
        .collect()
}

/// The indigenza share of a submission: its g, or the default when g is not set.
fn indigenza_percent(s: &Submission) -> Percent {
    s.soglia_indigenza
        .as_ref()
        .map_or(Percent::whole(INDIGENZA_DEFAULT_PERCENT), |g| g.percento)
}

/// The shares a submission chose, with the default indigenza share when g is not set.
pub fn choice_for(s: &Submission) -> QuotaChoice {
    let pct = |share: &Option<Share>| share.as_ref().map_or(Percent::ZERO, |s| s.percento);
    QuotaChoice {
        assegnabili: s.totale_assegnabili(),
        indigenza_percento: indigenza_percent(s),
        forze_polizia_percento: pct(&s.forze_polizia),
        polizia_locale_percento: pct(&s.polizia_locale),
        categoria_aggiuntiva_percento: s
            .categoria_aggiuntiva
            .as_ref()
            .and_then(|h| h.percento)
            .unwrap_or(Percent::ZERO),
        categorie_art14_percento: pct(&s.categorie_art14),
        transitori_unita: sum_units(&s.transitori),
    }
}

/// The ALER's indigenza quota comune by comune (in ISTAT order), then its units given
/// without a comune as one group; empty for a comune, whose quota is on its whole f.
pub fn indigenza_per_comune(s: &Submission) -> Vec<ComuneQuota> {
    if !matches!(s.ente, Ente::Aler { .. }) {
        return Vec::new();
    }
    let p = indigenza_percent(s);
    let group = |comune, f| ComuneQuota {
        comune,
        assegnabili: f,
        indigenza: at_least(f, p),
    };
    let unsplit = u64::from(s.avvicendamento.senza_ripartizione);
    s.assegnabili_per_comune()
        .into_iter()
        .map(|(c, f)| group(Some(c), f))
        .chain((unsplit > 0).then(|| group(None, unsplit)))
        .collect()
}

/// The quotas a submission implies (for the ALER, indigenza counted per comune).
pub fn for_submission(s: &Submission) -> Quotas {
    let q = compute(choice_for(s));
    if !matches!(s.ente, Ente::Aler { .. }) {
        return q;
    }
    Quotas {
        indigenza: indigenza_per_comune(s).iter().map(|g| g.indigenza).sum(),
        ..q
    }
    .settle(s.totale_assegnabili())
}

/// Why the indigenza quota is what it is, said next to it: the 20% the law sets when the
/// ente chose no higher soglia (g unticked), or the soglia it chose.
pub fn indigenza_basis(s: &Submission) -> Bilingual {
    match &s.soglia_indigenza {
        None => Bilingual::new(
            format!("{INDIGENZA_DEFAULT_PERCENT}% per legge, art. 13 c.3 r.r. 4/2017"),
            format!("{INDIGENZA_DEFAULT_PERCENT}% by law, art. 13 c.3 r.r. 4/2017"),
        ),
        Some(share) => Bilingual::new(
            format!("soglia scelta al punto g): {}%", share.percento),
            format!("soglia chosen under g): {}%", share.percento),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_indigenza_quota_says_the_law_sets_20_percent_unless_a_soglia_is_chosen() {
        let crema = crate::demo::crema_2021();
        let mut s = crema.into_iter().next().unwrap();
        s.soglia_indigenza = None;
        assert_eq!(
            indigenza_basis(&s).it,
            format!("{INDIGENZA_DEFAULT_PERCENT}% per legge, art. 13 c.3 r.r. 4/2017")
        );
        let chosen = Percent::whole(INDIGENZA_DEFAULT_PERCENT + 5);
        s.soglia_indigenza = Some(Share {
            percento: chosen,
            motivazione: "emergenza".into(),
        });
        assert_eq!(
            indigenza_basis(&s).it,
            format!("soglia scelta al punto g): {chosen}%")
        );
    }

    #[test]
    fn indigenza_rounds_up_and_every_capped_share_rounds_down() {
        // f = 34. 20% = 6.8 -> 7 indigenza (art. 13 c.3 rounds up); the caps round down:
        // 10% = 3.4 -> 3 police, 5% = 1.7 -> 1 local police, 10% -> 3 for the categoria
        // aggiuntiva, 5% -> 1 for art. 14.
        let q = compute(QuotaChoice {
            assegnabili: 34,
            indigenza_percento: Percent::whole(20),
            forze_polizia_percento: Percent::whole(10),
            polizia_locale_percento: Percent::whole(5),
            categoria_aggiuntiva_percento: Percent::whole(10),
            categorie_art14_percento: Percent::whole(5),
            ..QuotaChoice::default()
        });
        assert_eq!(q.indigenza, 7);
        assert_eq!(q.forze_polizia, 3);
        assert_eq!(q.polizia_locale, 1);
        assert_eq!(q.categoria_aggiuntiva, 3);
        assert_eq!(q.categorie_art14, 1);
        assert_eq!(q.restanti, 34 - 7 - 3 - 1 - 3 - 1);
        assert_eq!(q.eccedenza, 0);
    }

    /// Issue #27: a 2026 comune with 2 units, police 12,5% and local police 7,5% reserved
    /// 1 + 1 + 1 = 3 of 2. The police caps ("fino al", no rounding clause) round down to 0,
    /// and the app says so.
    #[test]
    fn police_shares_below_one_unit_give_none_and_are_named() {
        let share = |t| Percent::from_tenths(t).unwrap();
        let choice = QuotaChoice {
            assegnabili: 2,
            indigenza_percento: Percent::whole(20),
            forze_polizia_percento: share(125),
            polizia_locale_percento: share(75),
            ..QuotaChoice::default()
        };
        let q = compute(choice);
        assert_eq!((q.indigenza, q.forze_polizia, q.polizia_locale), (1, 0, 0));
        assert_eq!((q.reserved(), q.restanti, q.eccedenza), (1, 1, 0));
        // The sentences are checked with the rule that says them (rules/tests.rs).
        let zero = shares_rounded_to_zero(&choice);
        assert_eq!(
            zero,
            [
                ZeroShare {
                    quota: CappedShare::ForzePolizia,
                    percento: share(125),
                    assegnabili: 2,
                },
                ZeroShare {
                    quota: CappedShare::PoliziaLocale,
                    percento: share(75),
                    assegnabili: 2,
                },
            ]
        );
        // One unit or more, or no unit to share: nothing to say.
        // f = 14: 12,5% = 1.75 and 7,5% = 1.05, one unit each.
        let fourteen = QuotaChoice {
            assegnabili: 14,
            ..choice
        };
        assert!(shares_rounded_to_zero(&fourteen).is_empty());
        let none = QuotaChoice {
            assegnabili: 0,
            ..choice
        };
        assert!(shares_rounded_to_zero(&none).is_empty());
    }

    #[test]
    fn exact_percentages_need_no_rounding() {
        let q = compute(QuotaChoice {
            assegnabili: 50,
            indigenza_percento: Percent::whole(20),
            forze_polizia_percento: Percent::whole(10),
            polizia_locale_percento: Percent::whole(10),
            categorie_art14_percento: Percent::whole(20),
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
            indigenza_percento: Percent::whole(20),
            forze_polizia_percento: Percent::whole(10),
            ..QuotaChoice::default()
        });
        // 10% of 1 is a cap rounded down: no unit, so the minimum fits.
        assert_eq!((q.indigenza, q.forze_polizia, q.restanti), (1, 0, 0));
        assert_eq!(q.eccedenza, 0);
    }

    #[test]
    fn quotas_beyond_the_available_units_are_reported_as_excess() {
        let q = compute(QuotaChoice {
            assegnabili: 10,
            indigenza_percento: Percent::whole(100),
            transitori_unita: 3,
            ..QuotaChoice::default()
        });
        assert_eq!((q.restanti, q.eccedenza), (0, 3));
    }

    #[test]
    fn shares_with_a_decimal_round_on_tenths() {
        // f = 34. 12,5% = 4.25 -> 5 indigenza (up), 4 for the categoria aggiuntiva (down);
        // 7,5% = 2.55 -> 2 police (down), 2 for art. 14 (down). f = 40, 12,5% = 5 exactly.
        let share = |t| Percent::from_tenths(t).unwrap();
        let q = compute(QuotaChoice {
            assegnabili: 34,
            indigenza_percento: share(125),
            forze_polizia_percento: share(75),
            categoria_aggiuntiva_percento: share(125),
            categorie_art14_percento: share(75),
            ..QuotaChoice::default()
        });
        assert_eq!(
            (
                q.indigenza,
                q.forze_polizia,
                q.categoria_aggiuntiva,
                q.categorie_art14
            ),
            (5, 2, 4, 2)
        );
        let exact = compute(QuotaChoice {
            assegnabili: 40,
            indigenza_percento: share(125),
            categoria_aggiuntiva_percento: share(125),
            ..QuotaChoice::default()
        });
        assert_eq!((exact.indigenza, exact.categoria_aggiuntiva), (5, 5));
    }

    #[test]
    fn the_aler_of_crema_2021_reserves_indigenza_comune_by_comune() {
        let aler = &crate::demo::crema_2021()[0];
        assert_eq!(aler.ente.display_name(), crate::demo::ALER_NAME);
        // The ALER's f per comune, and 20% of it rounded up:
        //   Castelleone (019025)      b 1          f 1  -> 0.2 -> 1
        //   Crema (019035)            b 1 + c 22   f 23 -> 4.6 -> 5
        //   Offanengo (019062)        b 1 + c 2    f 3  -> 0.6 -> 1
        //   Pandino (019067)          b 1          f 1  -> 0.2 -> 1
        //   Ripalta Cremasca (019081) c 1          f 1  -> 0.2 -> 1
        //   Vaiano Cremasco (019111)  b 1          f 1  -> 0.2 -> 1
        //   without a comune          d 41         f 41 -> 8.2 -> 9
        // f = 71 as in the plan; indigenza 1 + 5 + 1 + 1 + 1 + 1 + 9 = 19 units, where 20%
        // of the whole f would give 15 (14.2 rounded up).
        let groups: Vec<(String, u64, u64)> = indigenza_per_comune(aler)
            .into_iter()
            .map(|g| {
                let name = g.comune.map_or("senza comune".to_owned(), |c| {
                    crate::comuni::by_code(c).unwrap().nome.clone()
                });
                (name, g.assegnabili, g.indigenza)
            })
            .collect();
        let expected = [
            ("Castelleone", 1, 1),
            ("Crema", 23, 5),
            ("Offanengo", 3, 1),
            ("Pandino", 1, 1),
            ("Ripalta Cremasca", 1, 1),
            ("Vaiano Cremasco", 1, 1),
            ("senza comune", 41, 9),
        ]
        .map(|(n, f, i)| (n.to_owned(), f, i));
        assert_eq!(groups, expected);
        let q = for_submission(aler);
        assert_eq!(q.indigenza, 19);
        assert_eq!(compute(choice_for(aler)).indigenza, 15, "on the whole f");
        assert_eq!((q.restanti, q.eccedenza), (71 - 19, 0));
    }

    #[test]
    fn a_comune_keeps_its_indigenza_quota_on_its_own_f() {
        let crema = crate::demo::crema_2021()
            .into_iter()
            .find(|s| s.ente.id() == "019035")
            .unwrap();
        assert!(indigenza_per_comune(&crema).is_empty());
        // f = 34: 20% = 6.8 -> 7.
        assert_eq!(for_submission(&crema).indigenza, 7);
    }

    #[test]
    fn zero_assignable_units_give_zero_quotas() {
        let q = compute(QuotaChoice {
            indigenza_percento: Percent::whole(20),
            ..QuotaChoice::default()
        });
        assert_eq!(q, Quotas::default());
    }
}
