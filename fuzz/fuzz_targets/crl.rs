//! Any file loaded as a certificate revocation list (`.crl`, DER or PEM): reading it must
//! never panic; a list read is summarised for the panel and checked against a real chain
//! (MARIO ROSSI's .p7m of tests/cades/revoca/), which must never panic either, and whatever
//! it says has plain words in both languages. Seeds: the lists of tests/cades/revoca/.
#![no_main]

use libfuzzer_sys::fuzz_target;
use offerta_core::signing::cades::{self, revocation};

const ROOT: &[u8] = include_bytes!("../../tests/cades/revoca/root-ca.pem");
const SIGNED: &[u8] = include_bytes!("../../tests/cades/revoca/firmata.json.p7m");
const NOW: &str = "2030-01-01T00:00:00Z";

fuzz_target!(|data: &[u8]| {
    let list = match cades::read_crl(data, "fuzz.crl") {
        Ok(list) => list,
        Err(error) => {
            let message = error.message();
            assert!(!message.plain.it.is_empty() && !message.plain.en.is_empty());
            return;
        }
    };
    let anchors = [cades::anchor_from_file(ROOT, "root-ca.pem").expect("the test root")];
    let lists = [list];
    for summary in revocation::summaries(&lists, &anchors, NOW) {
        assert!(!summary.described().it.is_empty());
    }
    match cades::verify_p7m_with_lists(SIGNED, &anchors, &lists, NOW) {
        Ok(signature) => assert!(!signature.described().it.is_empty()),
        Err(error) => assert!(!error.message().plain.it.is_empty()),
    }
});
