//! The comparison with last year's plan on standard error (standard output may carry the
//! plan): which plan, its notes, the changes to check, then each figure per ente.

use offerta_core::comparison::{signed, Comparison, Figure};
use offerta_core::intake::Intake;
use offerta_core::planning::LastYear;
use offerta_core::text;

pub fn tell_comparison(intake: &Intake, last_year: &LastYear, comparison: &Comparison) {
    let Some(previous) = last_year.previous() else {
        return;
    };
    // Verified (the capofila's known key) or not, said first: an unverified plan's figures
    // are only an indication and never give the owners.
    if let Some(status) = last_year.status(intake) {
        tell!("{}", status.it);
    }
    if let Some(owners) = last_year.owners(intake) {
        tell!(
            "L'ambito non indica i comuni con patrimonio: la ricognizione usa i {} del piano {}.",
            owners.len(),
            previous.anno_piano
        );
    } else if !intake.ambito().owners_known() {
        tell!(
            "L'ambito non indica i comuni con patrimonio, e il piano {} non verificato non li indica: la ricognizione non nomina inadempienti.",
            previous.anno_piano
        );
    }
    for note in &comparison.notes {
        tell!("nota: {}", note.it);
    }
    if comparison.flags.is_empty() {
        tell!("Nessuna variazione da verificare.");
    }
    for flag in &comparison.flags {
        tell!(
            "da-verificare\t{}\t{}",
            text::visible(&flag.ente),
            flag.reason.it
        );
    }
    for figure in Figure::ALL {
        tell_figure(comparison, figure, previous.anno_piano);
    }
}

/// One figure's table: a heading, then each ente that has it this year or last, and the
/// total.
fn tell_figure(comparison: &Comparison, figure: Figure, previous_year: u16) {
    tell!(
        "{}\tpiano {}\tquest'anno\tvariazione",
        figure.title().it,
        previous_year
    );
    let cell = |v: Option<u64>| v.map_or_else(|| "—".to_owned(), text::count);
    for (ente, change) in comparison
        .owners
        .iter()
        .map(|o| (text::visible(&o.ente), o.change(figure)))
        .chain([("Totale".to_owned(), comparison.total(figure))])
        .filter(|(_, c)| c.previous.unwrap_or(0) > 0 || c.current.unwrap_or(0) > 0)
    {
        tell!(
            "  {ente}\t{}\t{}\t{}",
            cell(change.previous),
            cell(change.current),
            signed(change.difference())
        );
    }
}
