//! Any bytes dropped on the capofila's page: read, verify, classify, aggregate. Must never
//! panic, and a file that verifies must hold a valid signature over what it says.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use offerta_core::intake::{CheckedFile, Intake};
use offerta_core::signing::TrustRegistry;
use offerta_core::{ambiti, demo};

fn registry() -> &'static TrustRegistry {
    static REGISTRY: OnceLock<TrustRegistry> = OnceLock::new();
    REGISTRY.get_or_init(|| demo::crema_2021_signed_files().1)
}

thread_local! {
    static EMPTY: Intake = Intake::new(
        ambiti::preset("crema").expect("preset"),
        2021,
        registry().clone(),
    );
}

fuzz_target!(|data: &[u8]| {
    // The empty intake is made once (setting its registry checks every key for a demo key);
    // the file is verified against its registry, as the page's drop zone does.
    let mut intake = EMPTY.with(Intake::clone);
    let registry = intake.registry().clone();
    let checked = CheckedFile::check("fuzz.json".into(), data.to_vec(), &registry);
    if checked.verified.outcome.signature_valid() {
        let text = std::str::from_utf8(data).expect("a verified file is text");
        let value = offerta_core::reader::parse_strict(text.trim_start_matches('\u{feff}'))
            .expect("and JSON");
        offerta_core::signing::verify_document(&value).expect("and its proof holds");
    }
    // The same path as the page and the CLI: one intake, the file added, the plan.
    intake.add(vec![checked]);
    let _ = offerta_core::planning::plan_of(&intake, &offerta_core::planning::LastYear::default());
});
