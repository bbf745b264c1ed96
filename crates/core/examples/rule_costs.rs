//! Prints what each rule costs on the largest realistic submission (the ALER with rows for
//! all 48 comuni of Crema), to find the rule to optimise when `cargo bench` regresses:
//! `cargo run --release -p offerta-core --example rule_costs`.

use std::time::Instant;

use offerta_core::rules::{run_rule, Input, RULE_SETS};
use offerta_core::{ambiti, fixtures};

const ROUNDS: u32 = 1000;

fn main() {
    let ambito = ambiti::preset("crema").expect("Crema preset");
    for set in RULE_SETS {
        let submission = fixtures::aler_with_every_comune(&ambito, set.first_year);
        let input = Input {
            submission: &submission,
            ambito: Some(&ambito),
        };
        println!("{}", set.id);
        for rule in set.rules {
            let start = Instant::now();
            for _ in 0..ROUNDS {
                let mut findings = Vec::new();
                run_rule(rule, &input, &mut findings);
                std::hint::black_box(findings);
            }
            println!("  {:>30} {:?}", rule.id, start.elapsed() / ROUNDS);
        }
    }
}
