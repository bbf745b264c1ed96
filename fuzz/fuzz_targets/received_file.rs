//! Any bytes dropped on the capofila's page: read, verify, classify, aggregate. Must never
//! panic, and a file that verifies must hold a valid signature over what it says.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use offerta_core::signing::TrustRegistry;
use offerta_core::{ambiti, demo, intake};

fn registry() -> &'static TrustRegistry {
    static REGISTRY: OnceLock<TrustRegistry> = OnceLock::new();
    REGISTRY.get_or_init(|| demo::crema_2021_signed_files().1)
}

fuzz_target!(|data: &[u8]| {
    let checked = intake::check_file("fuzz.json", data, registry());
    if checked.1.outcome.signature_valid() {
        let text = std::str::from_utf8(data).expect("a verified file is text");
        let value = offerta_core::reader::parse_strict(text.trim_start_matches('\u{feff}')).expect("and JSON");
        offerta_core::signing::verify_document(&value).expect("and its proof holds");
    }
    let ambito = ambiti::preset("crema").expect("preset");
    let received = intake::classify(vec![checked], &ambito, 2021);
    let _ = offerta_core::aggregate(&intake::counted(&received), Some(&ambito));
});
