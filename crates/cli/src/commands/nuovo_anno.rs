//! `offerta nuovo-anno`: the draft of a new plan year from last year's file, as the page
//! would store it, and what is left to check in it.

use std::path::{Path, PathBuf};

use offerta_core::carry_forward;

use crate::files::{read_input, write_text, Outputs};

pub fn run(
    file: PathBuf,
    year: Option<u16>,
    out: Option<PathBuf>,
    overwrite: bool,
) -> Result<(), String> {
    let bytes = read_input(&file)?;
    let last = carry_forward::read_last_year(&bytes)
        .map_err(|e| format!("{}: {}", file.display(), e.it))?;
    let year = year.unwrap_or_else(|| carry_forward::next_plan_year(&last));
    let draft = carry_forward::carry_forward_from(&last, year)
        .map_err(|e| format!("{}: {}", file.display(), e.it))?;
    let out = out.unwrap_or_else(|| {
        file.parent()
            .unwrap_or(Path::new("."))
            .join(draft.file_name(false))
    });
    Outputs::new(overwrite, [file.as_path()]).claim(&out)?;
    let text = serde_json::to_string_pretty(&draft).map_err(|e| e.to_string())?;
    write_text(&out, &text)?;
    let marked: Vec<String> = draft
        .da_verificare
        .iter()
        .map(|m| m.section().map_or_else(|| m.id().to_owned(), |s| s.label()))
        .collect();
    say!(
        "{}\tbozza {year}\tda verificare: {}",
        out.display(),
        marked.join(", ")
    );
    for mark in &draft.da_verificare {
        say!("  {}", mark.to_check().it);
    }
    say!(
        "  k) parte vuota: indicare le unità assegnate nel {}.",
        draft.assegnate_anno_precedente.anno
    );
    Ok(())
}
