//! The part "Confronto con il piano precedente": which plan this one is compared with, the
//! changes to check, the figures of a, f, j, k per ente in the two years, the choices of g,
//! h, i and art. 14, and the chart of f per comune with its data.

use super::{Block, DocTable, Writer};
use crate::chart::BarChart;
use crate::comparison::{signed, Change, Comparison, Figure};
use crate::previous_plan::{PlanTrust, PreviousPlan};
use crate::text::count;
use crate::thresholds::{
    ASSIGNABLE_CHANGE_CHECK_MIN_UNITS, ASSIGNABLE_CHANGE_CHECK_PERCENT, STOCK_CHANGE_CHECK_PERCENT,
};

pub const HEADING: &str = "Confronto con il piano precedente";

/// A year without figures for the ente (not an owner that year).
const ABSENT: &str = "—";

fn year_cell(value: Option<u64>) -> String {
    value.map_or_else(|| ABSENT.to_owned(), count)
}

/// Which plan this one is compared with and whether it is the capofila's: an unverified plan
/// is never presented as signed with the capofila's key (issue #25).
fn which_plan(previous: &PreviousPlan, trust: &PlanTrust, signed_on: &str) -> String {
    let (year, ambito, hash) = (previous.anno_piano, &previous.ambito, &previous.hash);
    match trust {
        PlanTrust::Verified(_) if previous.firma_digitale.is_some() => {
            let signer = previous.firma_digitale.as_ref().map(|f| &f.signer);
            let (name, cf, ca) = signer.map_or(("", "", ""), |s| {
                (s.nome_cognome.as_str(), s.codice_fiscale.as_str(), s.certificatore.as_str())
            });
            format!(
                "Le cifre di quest'anno sono confrontate con il piano {year} dell'ambito «{ambito}», firmato digitalmente{signed_on} da {name} (codice fiscale {cf}, certificato di {ca}), registrato come firmatario del capofila (codice di controllo SHA-256 del file: {hash})."
            )
        }
        PlanTrust::Verified(_) => format!(
            "Le cifre di quest'anno sono confrontate con il piano {year} dell'ambito «{ambito}», firmato{signed_on} con la chiave del capofila di impronta {} (codice di controllo SHA-256 del file: {hash}).",
            previous.fingerprint
        ),
        PlanTrust::Unverified(why) => format!(
            "Attenzione: il piano {year} dell'ambito «{ambito}» usato per il confronto NON È VERIFICATO: {}. Le cifre dell'anno precedente qui sotto sono mostrate solo come indicazione: non sono garantite dal capofila e non sono state usate per stabilire i comuni con patrimonio (codice di controllo SHA-256 del file: {hash}).",
            why.it
        ),
    }
}

fn change_row(label: &str, change: Change) -> Vec<String> {
    vec![
        label.to_owned(),
        year_cell(change.previous),
        year_cell(change.current),
        signed(change.difference()),
    ]
}

pub(super) fn part(w: &mut Writer, part: super::PreviousPart) {
    let comparison = part.comparison;
    let (before, now) = (
        format!("Piano {}", comparison.previous_year),
        comparison
            .current_year
            .map_or_else(|| "Quest'anno".to_owned(), |y| format!("Piano {y}")),
    );
    introduction(w, part);
    changes_to_check(w, comparison);
    for figure in Figure::ALL {
        figure_section(w, comparison, figure, &before, &now);
    }
    choices(w, comparison, &before, &now);
    chart(w, comparison);
}

/// The heading, which plan this one is compared with, and the comparison's notes.
fn introduction(w: &mut Writer, part: super::PreviousPart) {
    let previous = part.plan;
    w.push(Block::Heading(HEADING.into()));
    let signed_on = match crate::signing::rfc3339_instant(&previous.signed_at) {
        Some(_) => format!(" il {}", crate::text::day_of(&previous.signed_at)),
        None => String::new(),
    };
    w.push(Block::Paragraph(which_plan(
        previous, part.trust, &signed_on,
    )));
    for note in &part.comparison.notes {
        w.push(Block::Paragraph(crate::text::capitalise(&note.it) + "."));
    }
}

/// «Variazioni da verificare»: the app's flags, or a sentence saying there are none.
fn changes_to_check(w: &mut Writer, comparison: &Comparison) {
    w.push(Block::Subheading("Variazioni da verificare".into()));
    if comparison.flags.is_empty() {
        w.push(Block::Paragraph(format!(
            "Nessuna variazione da verificare: nessun ente proprietario è scomparso o nuovo, nessuna consistenza varia di più del {STOCK_CHANGE_CHECK_PERCENT}% e nessun totale di unità assegnabili varia di più del {ASSIGNABLE_CHANGE_CHECK_PERCENT}% e di almeno {ASSIGNABLE_CHANGE_CHECK_MIN_UNITS} unità (consiglio dell'app)."
        )));
    } else {
        w.push(Block::Paragraph(
            "Le variazioni seguenti sono segnalate dall'app perché insolite (consiglio dell'app, non un requisito di legge): verificarle con l'ente prima dell'approvazione.".into(),
        ));
        for flag in &comparison.flags {
            w.push(Block::Paragraph(format!(
                "{}: {}.",
                flag.ente, flag.reason.it
            )));
        }
    }
}

/// One figure (a, f, j, k) per ente in the two years, with the total.
fn figure_section(
    w: &mut Writer,
    comparison: &Comparison,
    figure: Figure,
    before: &str,
    now: &str,
) {
    let rows: Vec<Vec<String>> = comparison
        .owners
        .iter()
        .map(|o| (o, o.change(figure)))
        // The stock lists every owner; the other figures those with any units.
        .filter(|(_, c)| {
            figure == Figure::Consistenza
                || c.previous.unwrap_or(0) > 0
                || c.current.unwrap_or(0) > 0
        })
        .map(|(o, c)| change_row(&o.ente, c))
        .collect();
    let table = DocTable {
        headers: vec![
            "Ente proprietario".into(),
            before.to_owned(),
            now.to_owned(),
            "Variazione".into(),
        ],
        rows,
        total: Some(change_row("Totale", comparison.total(figure))),
    };
    w.section(
        &figure.title().it,
        Some(table),
        "Nessun ente proprietario ha unità per questa voce in nessuno dei due piani.",
    );
}

/// The choices of g, h, i and art. 14 in the two years.
fn choices(w: &mut Writer, comparison: &Comparison, before: &str, now: &str) {
    let choices = DocTable {
        headers: vec![
            "Ente".into(),
            "Voce".into(),
            before.to_owned(),
            now.to_owned(),
        ],
        rows: comparison
            .choices
            .iter()
            .map(|c| {
                vec![
                    c.ente.clone(),
                    c.choice.label().it,
                    c.previous.clone().unwrap_or_else(|| ABSENT.to_owned()),
                    c.current.clone().unwrap_or_else(|| ABSENT.to_owned()),
                ]
            })
            .collect(),
        total: None,
    };
    w.section(
        "Scelte di g, h, i e categorie dell'art. 14",
        Some(choices),
        "Nessun ente ha stabilito soglie, categorie o quote in nessuno dei due piani.",
    );
}

/// The chart of f per comune, followed by its data as a table.
fn chart(w: &mut Writer, comparison: &Comparison) {
    let chart = BarChart::of(comparison);
    w.push(Block::Subheading(
        "Unità assegnabili (f) per comune, quest'anno e l'anno precedente".into(),
    ));
    if chart.bars.is_empty() {
        w.push(Block::Paragraph(
            "Nessun comune ha unità assegnabili in nessuno dei due piani.".into(),
        ));
    } else {
        let table = chart.table();
        w.push(Block::Chart(chart));
        w.push(Block::Table(table));
    }
}
