//! This year's plan against last year's signed one ([`crate::previous_plan`]): per ente
//! proprietario and section (a, f, j, k), per comune (f) and per choice (g, h, i, art. 14),
//! last year, this year and the change; and the changes worth a check before the assemblea
//! approves the plan, each with its reason in words.
//!
//! What is flagged is the app's advice ("consiglio dell'app"), never a rule of law and never
//! a block: a stock (a) changing by more than [`STOCK_CHANGE_CHECK_PERCENT`], assignable
//! units (f) changing by more than [`ASSIGNABLE_CHANGE_CHECK_PERCENT`] and at least
//! [`ASSIGNABLE_CHANGE_CHECK_MIN_UNITS`] units, an owner of last year with no figures this
//! year, a new owner. Entes are matched by the name the plans give them ("Comune di Crema",
//! the ALER's name as it writes it): the aggregate carries no other identifier.

use crate::aggregate::{OwnerFigures, Plan};
use crate::comuni::IstatCode;
use crate::percent::Percent;
use crate::previous_plan::{PreviousPlan, ShareChoices};
use crate::sections;
use crate::text::{count, Bilingual};
use crate::thresholds::{
    ASSIGNABLE_CHANGE_CHECK_MIN_UNITS, ASSIGNABLE_CHANGE_CHECK_PERCENT, STOCK_CHANGE_CHECK_PERCENT,
};

/// The figures of an ente compared year on year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// a) total stock.
    Consistenza,
    /// f) units assignable in the year.
    Assegnabili,
    /// j) units for transitional housing.
    Transitori,
    /// k) units assigned in the year before the plan's.
    Assegnate,
}

impl Figure {
    pub const ALL: [Figure; 4] = [
        Figure::Consistenza,
        Figure::Assegnabili,
        Figure::Transitori,
        Figure::Assegnate,
    ];

    /// The section's heading ([`crate::sections`]); the stock is counted in units.
    pub fn title(self) -> Bilingual {
        match self {
            Figure::Consistenza => {
                let a = sections::CONSISTENZA.lettered();
                Bilingual::new(format!("{} (alloggi)", a.it), format!("{} (units)", a.en))
            }
            Figure::Assegnabili => sections::ASSEGNABILI.lettered(),
            Figure::Transitori => sections::TRANSITORI.lettered(),
            Figure::Assegnate => sections::ASSEGNATE_ANNO_PRECEDENTE.lettered(),
        }
    }

    pub fn of(self, o: &OwnerFigures) -> u64 {
        match self {
            Figure::Consistenza => o.consistenza_totale,
            Figure::Assegnabili => o.totale_assegnabili,
            Figure::Transitori => o.transitori,
            Figure::Assegnate => o.assegnate_totale,
        }
    }
}

/// One figure in the two years; `None` where the ente has no figures that year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub previous: Option<u64>,
    pub current: Option<u64>,
}

impl Change {
    /// This year's minus last year's (a missing year counts as nothing).
    pub fn difference(&self) -> i64 {
        let (p, c) = (self.previous.unwrap_or(0), self.current.unwrap_or(0));
        i64::try_from(c).unwrap_or(i64::MAX) - i64::try_from(p).unwrap_or(i64::MAX)
    }

    /// Whether the change is larger than `percent` of last year's figure (any change of a
    /// figure that was 0), in integers.
    fn exceeds(&self, percent: u64) -> bool {
        let previous = self.previous.unwrap_or(0);
        let change = self.difference().unsigned_abs();
        change > 0 && change.saturating_mul(100) > previous.saturating_mul(percent)
    }
}

/// An ente proprietario in either year's plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerComparison {
    pub ente: String,
    pub previous: Option<OwnerFigures>,
    pub current: Option<OwnerFigures>,
}

impl OwnerComparison {
    pub fn change(&self, figure: Figure) -> Change {
        Change {
            previous: self.previous.as_ref().map(|o| figure.of(o)),
            current: self.current.as_ref().map(|o| figure.of(o)),
        }
    }
}

/// The units assignable (f) in one comune, all its owners together, in the two years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComuneComparison {
    /// `None`: the ALER's units given without a comune.
    pub comune: Option<IstatCode>,
    pub nome: String,
    pub previous: u64,
    pub current: u64,
}

/// A choice an ente makes on its f (sections g, h, i and the art. 14 share).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    SogliaIndigenza,
    CategoriaAggiuntiva,
    ForzePolizia,
    PoliziaLocale,
    CategorieArt14,
}

impl Choice {
    pub const ALL: [Choice; 5] = [
        Choice::SogliaIndigenza,
        Choice::CategoriaAggiuntiva,
        Choice::ForzePolizia,
        Choice::PoliziaLocale,
        Choice::CategorieArt14,
    ];

    pub fn label(self) -> Bilingual {
        match self {
            Choice::SogliaIndigenza => Bilingual::new("g) soglia indigenza", "g) indigenza share"),
            Choice::CategoriaAggiuntiva => {
                Bilingual::new("h) categoria aggiuntiva", "h) additional category")
            }
            Choice::ForzePolizia => Bilingual::new("i) Forze di Polizia", "i) police forces"),
            Choice::PoliziaLocale => Bilingual::new("i) Polizia Locale", "i) local police"),
            Choice::CategorieArt14 => Bilingual::new("categorie art. 14", "art. 14 categories"),
        }
    }

    /// The choice as the plan document writes it ("25,5%", a category's name).
    fn of(self, s: &ShareChoices) -> Option<String> {
        let share = |p: Option<Percent>| p.map(|p| format!("{p}%"));
        match self {
            Choice::SogliaIndigenza => share(s.soglia_indigenza_percento),
            Choice::CategoriaAggiuntiva => s.categoria_aggiuntiva.clone(),
            Choice::ForzePolizia => share(s.forze_polizia_percento),
            Choice::PoliziaLocale => share(s.polizia_locale_percento),
            Choice::CategorieArt14 => share(s.categorie_art14_percento),
        }
    }
}

/// A choice made in either year by one ente.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceComparison {
    pub ente: String,
    pub choice: Choice,
    pub previous: Option<String>,
    pub current: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    /// a) changed by more than [`STOCK_CHANGE_CHECK_PERCENT`].
    StockChange,
    /// f) changed by more than [`ASSIGNABLE_CHANGE_CHECK_PERCENT`] and
    /// [`ASSIGNABLE_CHANGE_CHECK_MIN_UNITS`] units.
    AssignableChange,
    /// An owner of last year with no figures this year.
    VanishedOwner,
    /// An owner this year that was not one last year.
    NewOwner,
}

/// A change to check with the ente before the plan is approved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub ente: String,
    pub kind: FlagKind,
    pub reason: Bilingual,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub previous_year: u16,
    pub current_year: Option<u16>,
    /// This year's owners in the plan's order, then last year's that are gone.
    pub owners: Vec<OwnerComparison>,
    pub total_previous: OwnerFigures,
    pub total_current: OwnerFigures,
    /// Comuni with units assignable in either year, by ISTAT code (units without a comune
    /// last).
    pub comuni: Vec<ComuneComparison>,
    /// Every choice made in either year, by ente in this year's order.
    pub choices: Vec<ChoiceComparison>,
    pub flags: Vec<Flag>,
    /// What the reader should know about the two plans compared (a year skipped).
    pub notes: Vec<Bilingual>,
}

fn total(rows: &[OwnerFigures]) -> OwnerFigures {
    let mut total = OwnerFigures {
        ente: "Totale".into(),
        ..OwnerFigures::default()
    };
    for r in rows {
        total.consistenza_totale += r.consistenza_totale;
        total.totale_assegnabili += r.totale_assegnabili;
        total.transitori += r.transitori;
        total.assegnate_totale += r.assegnate_totale;
    }
    total
}

/// "+3", "-12", "0", counts the Italian way.
pub fn signed(difference: i64) -> String {
    match difference {
        0 => "0".into(),
        d if d > 0 => format!("+{}", count(d.unsigned_abs())),
        d => format!("-{}", count(d.unsigned_abs())),
    }
}

impl Comparison {
    pub fn of(previous: &PreviousPlan, current: &Plan) -> Comparison {
        let mut owners: Vec<OwnerComparison> = current
            .per_ente
            .iter()
            .map(|o| OwnerComparison {
                ente: o.ente.clone(),
                previous: previous.per_ente.iter().find(|p| p.ente == o.ente).cloned(),
                current: Some(o.clone()),
            })
            .collect();
        owners.extend(
            previous
                .per_ente
                .iter()
                .filter(|p| !current.per_ente.iter().any(|o| o.ente == p.ente))
                .map(|p| OwnerComparison {
                    ente: p.ente.clone(),
                    previous: Some(p.clone()),
                    current: None,
                }),
        );
        owners.sort_by_cached_key(|o| by_name(&o.ente));
        let mut notes = Vec::new();
        if let (Some(ambito), Some(year)) = (&current.ambito, current.anno_piano) {
            match previous.fits(ambito, year) {
                Ok(note) => notes.extend(note),
                Err(refusal) => notes.push(refusal),
            }
        }
        if let Some(waiting) = previous.bozza {
            notes.push(Bilingual::new(
                format!("il piano {} è stato firmato come bozza, con {waiting} file in attesa di decisione: le sue cifre possono non essere quelle approvate", previous.anno_piano),
                format!("the {} plan was signed as a draft, with {waiting} files waiting for a decision: its figures may not be the approved ones", previous.anno_piano),
            ));
        }
        let flags = owners
            .iter()
            .flat_map(|o| flags_of(o, previous.anno_piano, current))
            .collect();
        Comparison {
            previous_year: previous.anno_piano,
            current_year: current.anno_piano,
            total_previous: total(&previous.per_ente),
            total_current: total(&current.per_ente),
            comuni: comuni(previous, current),
            choices: choices(previous, current),
            owners,
            flags,
            notes,
        }
    }

    /// The total of a figure in the two years.
    pub fn total(&self, figure: Figure) -> Change {
        Change {
            previous: Some(figure.of(&self.total_previous)),
            current: Some(figure.of(&self.total_current)),
        }
    }
}

fn comuni(previous: &PreviousPlan, current: &Plan) -> Vec<ComuneComparison> {
    let mut rows: Vec<ComuneComparison> = Vec::new();
    let mut add = |comune: Option<IstatCode>, nome: &str, f: u64, this_year: bool| {
        let i = match rows.iter().position(|r| r.comune == comune) {
            Some(i) => i,
            None => {
                rows.push(ComuneComparison {
                    comune,
                    nome: nome.to_owned(),
                    previous: 0,
                    current: 0,
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[i];
        if this_year {
            row.current += f;
            // This year's name (the comuni table's) over one read from last year's file.
            row.nome = nome.to_owned();
        } else {
            row.previous += f;
        }
    };
    for r in &previous.per_comune {
        add(r.comune, &r.comune_nome, r.totale_assegnabili, false);
    }
    for r in &current.per_comune {
        add(r.comune, &r.comune_nome, r.totale_assegnabili, true);
    }
    rows.retain(|r| r.previous > 0 || r.current > 0);
    // By name as the plan's tables list comuni, the units without a comune (`None`) last.
    rows.sort_by_cached_key(|r| (r.comune.is_none(), crate::text::collation_key(&r.nome)));
    rows
}

/// An ente's place in the comparison, as in the plan's tables
/// ([`crate::aggregate::published_order`]), from the name alone that both years' plans give:
/// the ALER (whose name the app always writes «ALER ...») first, then the comuni by name. An
/// owner of last year that sent nothing this year takes its place among the others.
fn by_name(ente: &str) -> (bool, crate::text::CollationKey) {
    (!ente.starts_with("ALER"), crate::text::collation_key(ente))
}

fn choices(previous: &PreviousPlan, current: &Plan) -> Vec<ChoiceComparison> {
    let now: Vec<ShareChoices> = current.quote.iter().map(ShareChoices::of).collect();
    let mut entes: Vec<&str> = now.iter().map(|s| s.ente.as_str()).collect();
    for p in &previous.quote {
        if !entes.contains(&p.ente.as_str()) {
            entes.push(&p.ente);
        }
    }
    entes.sort_by_cached_key(|e| by_name(e));
    let mut rows = Vec::new();
    for ente in entes {
        let find = |list: &[ShareChoices]| list.iter().find(|s| s.ente == ente).cloned();
        let (before, after) = (find(&previous.quote), find(&now));
        for choice in Choice::ALL {
            let previous = before.as_ref().and_then(|s| choice.of(s));
            let current = after.as_ref().and_then(|s| choice.of(s));
            if previous.is_some() || current.is_some() {
                rows.push(ChoiceComparison {
                    ente: ente.to_owned(),
                    choice,
                    previous,
                    current,
                });
            }
        }
    }
    rows
}

/// What this year's ricognizione says of an owner of last year missing from this year's
/// plan, in Italian and English: it declared no housing, its file waits, its file is not
/// counted, or it sent nothing.
fn why_vanished(o: &OwnerComparison, current: &Plan) -> (String, String) {
    let declared_none = current.ricognizione.nessun_patrimonio.contains(&o.ente);
    let r = &current.ricognizione;
    // A file arrived but is not in the plan: said with its state's name, never "sent
    // no submission" (issue #24).
    let named = |list: &[crate::ricognizione::ReceivedStanding]| {
        list.iter()
            .find(|e| e.ente == o.ente || format!("Comune di {}", e.ente) == o.ente)
            .map(|e| e.state.name())
    };
    if declared_none {
        (
            "quest'anno ha dichiarato di non possedere alloggi: verificare con l'ente se li ha venduti o ceduti (per esempio all'ALER)".to_owned(),
            "this year it declared it owns no housing: check with the ente whether it sold or transferred them (to the ALER, for example)".to_owned(),
        )
    } else if let Some(state) = named(&r.in_attesa) {
        let (w_it, w_en) = crate::intake::status::IN_ATTESA;
        (
            format!("quest'anno la scheda è arrivata ed è {w_it} ({}): decidere sul file prima dell'approvazione", state.it),
            format!("this year its submission arrived and is {w_en} ({}): decide on the file before the approval", state.en),
        )
    } else if let Some(state) = named(&r.non_conteggiati) {
        (
            format!("quest'anno la scheda è arrivata ma non è conteggiata ({}): chiedere all'ente un file valido", state.it),
            format!("this year its submission arrived but is not counted ({}): ask the ente for a valid file", state.en),
        )
    } else {
        (
            "quest'anno non ha inviato la scheda: sollecitarla all'ente o verificare che non possieda più alloggi".to_owned(),
            "this year it sent no submission: ask the ente for it or check that it no longer owns housing".to_owned(),
        )
    }
}

fn flags_of(o: &OwnerComparison, previous_year: u16, current: &Plan) -> Vec<Flag> {
    let flag = |kind, it: String, en: String| Flag {
        ente: o.ente.clone(),
        kind,
        reason: Bilingual::new(it, en),
    };
    let stock = o.change(Figure::Consistenza);
    let (before, now) = (
        count(stock.previous.unwrap_or(0)),
        count(stock.current.unwrap_or(0)),
    );
    match (&o.previous, &o.current) {
        (Some(_), None) => {
            let (it, en) = why_vanished(o, current);
            return vec![flag(
                FlagKind::VanishedOwner,
                format!("nel piano {previous_year} era proprietario di {before} alloggi; {it}"),
                format!("in the {previous_year} plan it owned {before} units; {en}"),
            )];
        }
        (None, Some(_)) => {
            return vec![flag(
                FlagKind::NewOwner,
                format!("non era tra gli enti proprietari nel piano {previous_year}; quest'anno dichiara {now} alloggi: verificare il dato con l'ente (alloggi nuovi, o un ente che l'anno scorso non aveva dichiarato il suo patrimonio)"),
                format!("it was not among the owners in the {previous_year} plan; this year it declares {now} units: check the figure with the ente (new housing, or an ente that did not declare its stock last year)"),
            )];
        }
        _ => {}
    }
    let mut flags = Vec::new();
    if stock.exceeds(STOCK_CHANGE_CHECK_PERCENT) {
        let d = signed(stock.difference());
        let p = STOCK_CHANGE_CHECK_PERCENT;
        flags.push(flag(
            FlagKind::StockChange,
            format!("la consistenza (a) passa da {before} a {now} alloggi ({d}), più del {p}% rispetto al piano {previous_year}: verificare con l'ente che il dato sia giusto (vendite, demolizioni, alloggi nuovi) prima dell'approvazione"),
            format!("the stock (a) goes from {before} to {now} units ({d}), more than {p}% against the {previous_year} plan: check with the ente that the figure is right (sales, demolitions, new housing) before the approval"),
        ));
    }
    let f = o.change(Figure::Assegnabili);
    if f.exceeds(ASSIGNABLE_CHANGE_CHECK_PERCENT)
        && f.difference().unsigned_abs() >= ASSIGNABLE_CHANGE_CHECK_MIN_UNITS
    {
        let (before, now, d) = (
            count(f.previous.unwrap_or(0)),
            count(f.current.unwrap_or(0)),
            signed(f.difference()),
        );
        let (p, n) = (
            ASSIGNABLE_CHANGE_CHECK_PERCENT,
            ASSIGNABLE_CHANGE_CHECK_MIN_UNITS,
        );
        flags.push(flag(
            FlagKind::AssignableChange,
            format!("le unità assegnabili (f) passano da {before} a {now} ({d}), più del {p}% e almeno {n} unità rispetto al piano {previous_year}: verificare con l'ente le voci b-e che le compongono"),
            format!("the assignable units (f) go from {before} to {now} ({d}), more than {p}% and at least {n} units against the {previous_year} plan: check with the ente the items b-e they add up from"),
        ));
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_exceeds_a_share_of_last_years_figure_only_beyond_it() {
        let change = |p, c| Change {
            previous: Some(p),
            current: Some(c),
        };
        assert!(!change(100, 110).exceeds(10), "exactly the share");
        assert!(change(100, 111).exceeds(10));
        assert!(change(100, 89).exceeds(10));
        assert!(!change(0, 0).exceeds(10));
        assert!(change(0, 3).exceeds(10), "from nothing");
        assert_eq!(change(5, 2).difference(), -3);
        assert_eq!(signed(-1699), "-1.699");
        assert_eq!(signed(3), "+3");
    }
}
