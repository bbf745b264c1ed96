//! `offerta`: the native command-line tool. It shares every rule with the web app through
//! `offerta-core`; batch commands (verify, sign, aggregate) arrive with their issues.

use std::process::ExitCode;

const USAGE: &str = "\
offerta - strumento a riga di comando di Offerta Abitativa

Uso:
  offerta demo     stampa il piano dimostrativo (ambito di Crema, 2021) in JSON
  offerta regole   stampa l'elenco delle regole di controllo (docs/RULES.md)
  offerta --help   mostra questo aiuto
  offerta --version";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["demo"] => {
            let plan = offerta_core::aggregate(&offerta_core::demo::crema_2021());
            match serde_json::to_string_pretty(&plan) {
                Ok(json) => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("errore: impossibile scrivere il piano: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        ["regole"] => {
            print!("{}", offerta_core::rules::rules_markdown());
            ExitCode::SUCCESS
        }
        ["--help"] | ["-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        ["--version"] => {
            println!("offerta {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
