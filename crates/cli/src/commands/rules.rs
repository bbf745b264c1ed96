//! `offerta rules`: the control rules in Markdown (what docs/RULES.md holds).

pub fn run() {
    say!(
        "{}",
        offerta_core::rules::rules_markdown().trim_end_matches('\n')
    );
}
