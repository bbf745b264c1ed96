//! The status board of `aggregate --request` or `--reminder` on standard error: one line
//! per comune, the other owners, the deadline and the summary; the reminder to its file.

use std::path::Path;

use offerta_core::intake::status::{AnswerFile, RequestMatch};
use offerta_core::intake::Intake;
use offerta_core::text;

use crate::files::write_text;
use crate::inputs::now;

pub fn tell_board(intake: &Intake, reminder: Option<&Path>) -> Result<(), String> {
    let board = intake.status_board(&now());
    for c in &board.comuni {
        let files: Vec<String> = c.files.iter().map(describe_file).collect();
        tell!(
            "stato\t{}\t{}\t{}",
            c.name,
            c.standing.word(),
            files.join("; ")
        );
    }
    for (ente, f) in &board.others {
        tell!(
            "stato\t{}\taltro ente proprietario\t{} ({})",
            text::visible(ente),
            text::visible(&f.name),
            f.state
        );
    }
    for (ente, f) in &board.outside_ambito {
        tell!(
            "stato\t{}\tfuori ambito\t{} ({})",
            text::visible(ente),
            text::visible(&f.name),
            f.state
        );
    }
    if let Some(line) = &board.deadline_line {
        tell!("{line}");
    }
    tell!("{}", board.summary());
    if let Some(path) = reminder {
        match board.reminder() {
            Some(text) => write_text(path, &text.it)?,
            None => tell!("Nessun sollecito: tutti i comuni hanno risposto."),
        }
    }
    Ok(())
}

/// A comune's file: its name, its state and which request it answers.
fn describe_file(f: &AnswerFile) -> String {
    let answers = match f.request {
        Some(RequestMatch::ThisRequest) => ", risponde alla richiesta",
        Some(RequestMatch::OtherRequest) => ", risponde a un'altra richiesta",
        Some(RequestMatch::NoRequest) => ", senza richiesta",
        None => "",
    };
    format!("{} ({}{answers})", text::visible(&f.name), f.state)
}
