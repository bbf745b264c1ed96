//! Aggregation of the submissions of one ambito into the plan's tables (sections a-k), laid
//! out as the published plans are: per ente proprietario, per comune, with totals.
//!
//! The order is the published plans', never the order the files arrived in: the ALER first,
//! then the comuni by name ([`published_order`]); within an ente its comuni by name, the
//! ALER's units «non ripartite per comune» last. Every table, export, the document and the
//! signed aggregate take this order from here.

use serde::{Deserialize, Serialize};

use crate::ambiti::Ambito;
use crate::comuni::{self, IstatCode};
use crate::percent::Percent;
use crate::quota;
pub use crate::ricognizione::Ricognizione;
use crate::sections::{self, Section};
use crate::submission::{sum_units, sum_works, CategoriaArt14, Ente, Intervento, Submission};
use crate::text::{collation_key, CollationKey};

/// Declares [`OwnerFigures`]: each figure is named once, with how it is taken from a
/// submission; taking and summing go over that one list. The fields serialise in this order.
macro_rules! owner_figures {
    ($($(#[$attr:meta])* $field:ident: $of:expr,)*) => {
        /// Figures of one ente proprietario (one row of the plan's tables), or their total.
        /// Read back from a previous plan's signed aggregate (`previous_plan`).
        #[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
        pub struct OwnerFigures {
            pub ente: String,
            $($(#[$attr])* pub $field: u64,)*
        }

        impl OwnerFigures {
            fn of(s: &Submission) -> Self {
                OwnerFigures {
                    ente: s.ente.display_name(),
                    $($field: {
                        let of: fn(&Submission) -> u64 = $of;
                        of(s)
                    },)*
                }
            }

            fn add(&mut self, o: &OwnerFigures) {
                $(self.$field += o.$field;)*
            }
        }
    };
}

owner_figures! {
    consistenza_totale: |s| s.consistenza.totale(),
    consistenza_sap: |s| s.consistenza.sap.into(),
    consistenza_sas: |s| s.consistenza.sas.into(),
    carenza_manutentiva: |s| sum_units(&s.carenza_manutentiva),
    nuova_edificazione: |s| sum_works(&s.nuova_edificazione),
    avvicendamento: |s| s.avvicendamento.totale(),
    /// d) SAS units (plans from 2026, format 4): not in f. Left out of the signed aggregate
    /// when none, so a plan without them keeps its bytes; a plan file without it reads as 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    avvicendamento_sas: |s| s.avvicendamento_sas_totale(),
    conferite_da_privati: |s| sum_units(&s.conferite_da_privati),
    totale_assegnabili: |s| s.totale_assegnabili(),
    transitori: |s| sum_units(&s.transitori),
    assegnate_ordinarie: |s| s.assegnate_anno_precedente.ordinarie.into(),
    assegnate_in_deroga: |s| s.assegnate_anno_precedente.in_deroga.into(),
    assegnate_totale: |s| s.assegnate_anno_precedente.totale(),
}

/// Sections b-f and j for one ente in one comune. `comune` is `None` for units the ALER
/// gives without a per-comune breakdown (section d).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct ComuneFigures {
    pub ente: String,
    pub comune: Option<IstatCode>,
    pub comune_nome: String,
    pub carenza_manutentiva: u64,
    pub nuova_edificazione: u64,
    pub avvicendamento: u64,
    /// d) SAS units (plans from 2026): not in `totale_assegnabili`; left out when none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub avvicendamento_sas: u64,
    pub conferite_da_privati: u64,
    pub totale_assegnabili: u64,
    pub transitori: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// One row of section c: units from one kind of work.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct WorksRow {
    pub ente: String,
    pub comune: IstatCode,
    pub comune_nome: String,
    pub intervento: Intervento,
    pub unita: u64,
}

/// Sections g, h, i (and the 2025 art. 14 share) of one comune, with the quotas in units.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct QuotaChoices {
    pub ente: String,
    pub soglia_indigenza_percento: Option<Percent>,
    pub categoria_aggiuntiva: Option<String>,
    pub categoria_aggiuntiva_motivazione: Option<String>,
    pub forze_polizia_percento: Option<Percent>,
    pub polizia_locale_percento: Option<Percent>,
    pub categorie_art14_percento: Option<Percent>,
    /// The categories of art. 14 the c bis share goes to (format 4); left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categorie_art14_elenco: Vec<CategoriaArt14>,
    /// g) above 20%: the comune guarantees the housing costs (art. 13 c.3 r.r. 4/2017).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub copertura_spese_alloggio: bool,
    pub quote: quota::Quotas,
    /// The shares chosen that round down to no unit (a cap is not exceeded), which the plan
    /// says in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quote_a_zero: Vec<quota::ZeroShare>,
}

/// The ALER's indigenza quota in one comune (art. 13 c.3 r.r. 4/2017: for the ALER the share
/// applies in each comune separately, rounded up), or (`comune: None`) in its units given
/// without a comune, which [`quota::indigenza_per_comune`] counts as one group of their own.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct AlerIndigenza {
    pub ente: String,
    pub comune: Option<IstatCode>,
    pub comune_nome: String,
    /// The ALER's f there (b + c + d + e of its rows in the comune).
    pub assegnabili: u64,
    /// The share applied: g if the ALER chose one, the 20% otherwise.
    pub percento: Percent,
    pub indigenza: u64,
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub ambito: Option<String>,
    pub anno_piano: Option<u16>,
    /// Owners (entes with stock or figures), in the published order ([`published_order`]).
    pub per_ente: Vec<OwnerFigures>,
    pub totale: OwnerFigures,
    /// Sections b-f, j per ente and comune, owners in order, comuni by name, the units
    /// without a comune last.
    pub per_comune: Vec<ComuneFigures>,
    pub interventi: Vec<WorksRow>,
    /// Comuni (and ALER) that chose a share or a category (g, h, i).
    pub quote: Vec<QuotaChoices>,
    /// Who was asked, who answered, who owns housing and who is inadempiente.
    pub ricognizione: Ricognizione,
    /// Free texts (welfare measures, projects) per ente that wrote any.
    pub testi: Vec<FreeTexts>,
    /// The ALER's indigenza quota comune by comune, whatever it chose (empty without an
    /// ALER among the owners; absent then from the signed aggregate, whose bytes stay as
    /// they were).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indigenza_aler: Vec<AlerIndigenza>,
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct FreeTexts {
    pub ente: String,
    pub misure_welfare: String,
    pub progettualita: String,
}

fn comune_name(code: IstatCode) -> String {
    comuni::by_code(code).map_or_else(|| code.to_string(), |c| c.nome.clone())
}

/// Where an ente sits in the plan's tables: the ALER first, as the published plans list it
/// (docs/DOMAIN.md, the Crema 2021 example), then the comuni alphabetically by the name the plan gives them ([`collation_key`]); the id last,
/// so that the order never depends on the order the files arrived in.
pub fn published_order(ente: &Ente) -> (bool, CollationKey, String) {
    (
        !matches!(ente, Ente::Aler { .. }),
        collation_key(&ente.display_name()),
        ente.id(),
    )
}

/// Where a comune sits among an ente's rows: by name, the units without a comune last.
fn comune_order(code: Option<IstatCode>) -> (bool, Option<CollationKey>) {
    (code.is_none(), code.map(|c| collation_key(&comune_name(c))))
}

/// Which counter of a row a section adds to.
type SectionField = fn(&mut ComuneFigures) -> &mut u64;

/// The counter each per-comune section of the table adds to.
fn counter(section: &Section) -> SectionField {
    if section.path == sections::AVVICENDAMENTO_SAS.path {
        return |r| &mut r.avvicendamento_sas;
    }
    match section.letter {
        Some('b') => |r| &mut r.carenza_manutentiva,
        Some('c') => |r| &mut r.nuova_edificazione,
        Some('d') => |r| &mut r.avvicendamento,
        Some('e') => |r| &mut r.conferite_da_privati,
        Some('j') => |r| &mut r.transitori,
        _ => unreachable!("ComuneFigures has no counter for {}", section.path),
    }
}

/// The row of `code` in `rows`, added when missing.
fn row_of<'a>(
    rows: &'a mut Vec<ComuneFigures>,
    ente: &str,
    code: IstatCode,
) -> &'a mut ComuneFigures {
    let i = match rows.iter().position(|r| r.comune == Some(code)) {
        Some(i) => i,
        None => {
            rows.push(ComuneFigures {
                ente: ente.to_owned(),
                comune: Some(code),
                comune_nome: comune_name(code),
                ..ComuneFigures::default()
            });
            rows.len() - 1
        }
    };
    &mut rows[i]
}

fn per_comune(s: &Submission) -> Vec<ComuneFigures> {
    let ente = s.ente.display_name();
    let mut rows: Vec<ComuneFigures> = Vec::new();
    for (section, list) in sections::per_comune() {
        let pick = counter(section);
        for r in (list.rows)(s).iter() {
            *pick(row_of(&mut rows, &ente, r.comune)) += u64::from(r.unita);
        }
    }
    for (code, f) in s.assegnabili_per_comune() {
        row_of(&mut rows, &ente, code).totale_assegnabili = f;
    }
    rows.sort_by_cached_key(|r| comune_order(r.comune));
    let sas_unsplit = s
        .avvicendamento_sas
        .as_ref()
        .map_or(0, |t| t.senza_ripartizione);
    if s.avvicendamento.senza_ripartizione > 0 || sas_unsplit > 0 {
        rows.push(ComuneFigures {
            ente: ente.clone(),
            comune: None,
            comune_nome: UNSPLIT.into(),
            avvicendamento: s.avvicendamento.senza_ripartizione.into(),
            avvicendamento_sas: sas_unsplit.into(),
            totale_assegnabili: s.avvicendamento.senza_ripartizione.into(),
            ..ComuneFigures::default()
        });
    }
    rows
}

fn quota_choices(s: &Submission) -> Option<QuotaChoices> {
    let pct = |share: &Option<crate::submission::Share>| share.as_ref().map(|s| s.percento);
    let chose = s.soglia_indigenza.is_some()
        || s.categoria_aggiuntiva.is_some()
        || s.forze_polizia.is_some()
        || s.polizia_locale.is_some()
        || s.categorie_art14.is_some();
    chose.then(|| QuotaChoices {
        ente: s.ente.display_name(),
        soglia_indigenza_percento: pct(&s.soglia_indigenza),
        categoria_aggiuntiva: s.categoria_aggiuntiva.as_ref().map(|h| h.nome.clone()),
        categoria_aggiuntiva_motivazione: s
            .categoria_aggiuntiva
            .as_ref()
            .map(|h| h.motivazione.clone()),
        forze_polizia_percento: pct(&s.forze_polizia),
        polizia_locale_percento: pct(&s.polizia_locale),
        categorie_art14_percento: pct(&s.categorie_art14),
        categorie_art14_elenco: s.categorie_art14_elenco.clone(),
        copertura_spese_alloggio: s.copertura_spese_alloggio && s.soglia_indigenza.is_some(),
        quote: quota::for_submission(s),
        quote_a_zero: quota::shares_rounded_to_zero(&quota::choice_for(s)),
    })
}

/// The ALER's indigenza quota comune by comune, comuni by name ([`quota::indigenza_per_comune`]).
fn aler_indigenza(s: &Submission) -> Vec<AlerIndigenza> {
    let ente = s.ente.display_name();
    let percento = quota::choice_for(s).indigenza_percento;
    let mut rows: Vec<AlerIndigenza> = quota::indigenza_per_comune(s)
        .into_iter()
        .map(|g| AlerIndigenza {
            ente: ente.clone(),
            comune: g.comune,
            comune_nome: g.comune.map_or_else(|| UNSPLIT.to_owned(), comune_name),
            assegnabili: g.assegnabili,
            percento,
            indigenza: g.indigenza,
        })
        .collect();
    rows.sort_by_cached_key(|r| comune_order(r.comune));
    rows
}

/// The row of the units the ALER gives without a comune (section d).
pub const UNSPLIT: &str = "(non ripartite per comune)";

/// Section c's rows of one owner, comuni by name (a comune's kinds of work in the ente's order).
fn works_rows(s: &Submission) -> Vec<WorksRow> {
    let mut rows: Vec<WorksRow> = s
        .nuova_edificazione
        .iter()
        .map(|w| WorksRow {
            ente: s.ente.display_name(),
            comune: w.comune,
            comune_nome: comune_name(w.comune),
            intervento: w.intervento,
            unita: w.unita.into(),
        })
        .collect();
    rows.sort_by_cached_key(|r| comune_order(Some(r.comune)));
    rows
}

/// The plan from the submissions counted for an ambito (with its list of owners, the
/// ricognizione names the inadempienti).
pub fn aggregate(submissions: &[Submission], ambito: Option<&Ambito>) -> Plan {
    let mut in_order: Vec<&Submission> = submissions.iter().collect();
    in_order.sort_by_cached_key(|s| published_order(&s.ente));
    let owners: Vec<&Submission> = in_order
        .iter()
        .copied()
        .filter(|s| !s.nessun_patrimonio)
        .collect();
    let per_ente: Vec<OwnerFigures> = owners.iter().map(|s| OwnerFigures::of(s)).collect();
    let mut totale = OwnerFigures {
        ente: "Totale".to_owned(),
        ..OwnerFigures::default()
    };
    per_ente.iter().for_each(|row| totale.add(row));
    let interventi = owners.iter().flat_map(|s| works_rows(s)).collect();
    Plan {
        ambito: ambito.map(|a| a.id.clone()),
        anno_piano: submissions.first().map(|s| s.anno_piano),
        per_comune: owners.iter().flat_map(|s| per_comune(s)).collect(),
        interventi,
        quote: owners.iter().filter_map(|s| quota_choices(s)).collect(),
        ricognizione: Ricognizione::of(submissions, ambito),
        testi: in_order
            .iter()
            .filter(|s| !s.misure_welfare.trim().is_empty() || !s.progettualita.trim().is_empty())
            .map(|s| FreeTexts {
                ente: s.ente.display_name(),
                misure_welfare: s.misure_welfare.clone(),
                progettualita: s.progettualita.clone(),
            })
            .collect(),
        indigenza_aler: owners.iter().flat_map(|s| aler_indigenza(s)).collect(),
        per_ente,
        totale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ambiti, demo};

    fn crema_plan() -> Plan {
        aggregate(&demo::crema_2021(), ambiti::preset("crema").as_ref())
    }

    // Every published row of Crema 2021, a to k: crates/core/tests/crema_2021_published.rs.

    #[test]
    fn crema_2021_lists_quotas_inadempienti_and_no_stock() {
        let plan = crema_plan();
        let r = &plan.ricognizione;
        assert_eq!(r.inadempienti, ["Trescore Cremasco"]);
        assert_eq!(r.nessun_patrimonio.len(), 24);
        assert_eq!(
            (r.comuni_con_patrimonio, r.comuni_ambito, r.percentuale),
            (24, 48, 50)
        );
        let names: Vec<&str> = plan.quote.iter().map(|q| q.ente.as_str()).collect();
        assert_eq!(
            names,
            ["Comune di Castelleone", "Comune di Vaiano Cremasco"]
        );
        assert_eq!(
            plan.quote[0].forze_polizia_percento,
            Some(Percent::whole(10))
        );
        assert_eq!(
            plan.quote[1].categoria_aggiuntiva.as_deref(),
            Some("famiglie numerose")
        );
    }

    /// The per-ente figures and their total as the signed aggregate carries them (field
    /// names, order and values): a refactoring of `OwnerFigures` must not change them.
    #[test]
    fn crema_2021_owner_figures_serialise_as_pinned() {
        #[derive(Serialize)]
        struct Pinned<'a> {
            per_ente: &'a [OwnerFigures],
            totale: &'a OwnerFigures,
        }
        let plan = crema_plan();
        let json = serde_json::to_string_pretty(&Pinned {
            per_ente: &plan.per_ente,
            totale: &plan.totale,
        })
        .unwrap();
        let pinned = include_str!("../../../tests/vectors/piano-crema-2021-per-ente.json");
        assert_eq!(json, pinned.trim_end());
    }

    /// Issue #27: the order of the submissions received changes nothing; an ente's comuni are
    /// by name, not by ISTAT code (Pianengo 019072 before Piadena Drizzona 019116 by code).
    #[test]
    fn entes_and_their_comuni_are_in_the_published_order_whatever_the_order_received() {
        let code = |c: &str| c.parse::<IstatCode>().unwrap();
        let mut received = demo::crema_2021();
        let aler = &mut received[0];
        for c in ["019072", "019116"] {
            aler.carenza_manutentiva
                .push(crate::submission::UnitsInComune {
                    comune: code(c),
                    unita: 1,
                });
        }
        aler.nuova_edificazione.reverse();
        for (nome, text) in [("019112", "Sportello casa."), ("019005", "Fondo affitti.")] {
            let s = received
                .iter_mut()
                .find(|s| s.ente.comune_code() == Some(code(nome)))
                .unwrap();
            s.misure_welfare = text.into();
        }
        received.reverse();
        let plan = aggregate(&received, ambiti::preset("crema").as_ref());
        assert_eq!(
            plan.per_ente[0].ente,
            demo::ALER_NAME,
            "the ALER first, though received last"
        );
        let comuni_of_aler: Vec<&str> = plan
            .per_comune
            .iter()
            .filter(|r| r.ente == demo::ALER_NAME)
            .map(|r| r.comune_nome.as_str())
            .collect();
        assert_eq!(
            comuni_of_aler,
            [
                "Castelleone",
                "Crema",
                "Offanengo",
                "Pandino",
                "Piadena Drizzona",
                "Pianengo",
                "Ripalta Cremasca",
                "Vaiano Cremasco",
                UNSPLIT,
            ]
        );
        let works: Vec<&str> = plan
            .interventi
            .iter()
            .map(|w| w.comune_nome.as_str())
            .collect();
        assert_eq!(
            works,
            [
                "Crema",
                "Offanengo",
                "Ripalta Cremasca",
                "Castelleone",
                "Crema"
            ]
        );
        let indigenza: Vec<&str> = plan
            .indigenza_aler
            .iter()
            .map(|r| r.comune_nome.as_str())
            .collect();
        assert_eq!(indigenza, comuni_of_aler);
        let texts: Vec<&str> = plan.testi.iter().map(|t| t.ente.as_str()).collect();
        assert_eq!(texts, ["Comune di Bagnolo Cremasco", "Comune di Vailate"]);
        // The same plan as from the submissions in the order published.
        received.reverse();
        assert_eq!(plan, aggregate(&received, ambiti::preset("crema").as_ref()));
    }

    #[test]
    fn the_alers_indigenza_is_counted_comune_by_comune_without_any_choice() {
        let plan = crema_plan();
        assert!(plan.quote.iter().all(|q| q.ente != demo::ALER_NAME));
        let rows: Vec<(&str, u64, u64)> = plan
            .indigenza_aler
            .iter()
            .map(|r| (r.comune_nome.as_str(), r.assegnabili, r.indigenza))
            .collect();
        assert_eq!(
            rows,
            [
                ("Castelleone", 1, 1),
                ("Crema", 23, 5),
                ("Offanengo", 3, 1),
                ("Pandino", 1, 1),
                ("Ripalta Cremasca", 1, 1),
                ("Vaiano Cremasco", 1, 1),
                (UNSPLIT, 41, 9),
            ]
        );
        assert_eq!(
            plan.indigenza_aler.iter().map(|r| r.indigenza).sum::<u64>(),
            19
        );
    }

    /// From 2026 d) gives SAP and SAS apart: the SAS units have their own figure, per ente,
    /// per comune and in the total, and stay out of f (the base of the SAP shares).
    #[test]
    fn sas_turnover_is_its_own_figure_and_stays_out_of_f() {
        let crema: crate::comuni::IstatCode = "019035".parse().unwrap();
        let mut s = Submission::new(
            2026,
            "crema",
            crate::submission::Ente::comune("019035").unwrap(),
        );
        s.consistenza.sap = 40;
        s.consistenza.sas = 10;
        s.avvicendamento
            .per_comune
            .push(crate::submission::UnitsInComune {
                comune: crema,
                unita: 4,
            });
        let sas = s.avvicendamento_sas.as_mut().unwrap();
        sas.per_comune.push(crate::submission::UnitsInComune {
            comune: crema,
            unita: 3,
        });
        let mut aler = Submission::new(
            2026,
            "crema",
            crate::submission::Ente::aler("ALER Brescia-Cremona-Mantova").unwrap(),
        );
        aler.avvicendamento_sas.as_mut().unwrap().senza_ripartizione = 2;
        let plan = aggregate(&[s, aler], None);
        // The ALER comes first in the plan: the comune is second.
        let comune = &plan.per_ente[1];
        assert_eq!(comune.ente, "Comune di Crema");
        assert_eq!(comune.avvicendamento, 4);
        assert_eq!(comune.avvicendamento_sas, 3);
        assert_eq!(comune.totale_assegnabili, 4);
        assert_eq!(plan.totale.avvicendamento_sas, 5);
        assert_eq!(plan.totale.totale_assegnabili, 4);
        let crema_row = plan
            .per_comune
            .iter()
            .find(|r| r.ente == "Comune di Crema")
            .unwrap();
        assert_eq!(
            (
                crema_row.avvicendamento,
                crema_row.avvicendamento_sas,
                crema_row.totale_assegnabili
            ),
            (4, 3, 4)
        );
        let unsplit = plan.per_comune.iter().find(|r| r.comune.is_none()).unwrap();
        assert_eq!(
            (unsplit.avvicendamento_sas, unsplit.totale_assegnabili),
            (2, 0)
        );
        let json = serde_json::to_value(comune).unwrap();
        assert_eq!(json["avvicendamento_sas"], 3);
        let back: OwnerFigures = serde_json::from_value(serde_json::json!({
            "ente": "x", "consistenza_totale": 0, "consistenza_sap": 0, "consistenza_sas": 0,
            "carenza_manutentiva": 0, "nuova_edificazione": 0, "avvicendamento": 1,
            "conferite_da_privati": 0, "totale_assegnabili": 1, "transitori": 0,
            "assegnate_ordinarie": 0, "assegnate_in_deroga": 0, "assegnate_totale": 0
        }))
        .unwrap();
        assert_eq!(
            back.avvicendamento_sas, 0,
            "a plan file of before 2026 reads"
        );
    }

    #[test]
    fn empty_input_gives_zero_totals() {
        let plan = aggregate(&[], None);
        assert!(plan.per_ente.is_empty());
        assert_eq!(plan.totale.totale_assegnabili, 0);
    }
}
