//! Any file dropped as a firma digitale (`….json.p7m`, DER, base64 or PEM): reading and
//! verifying it must never panic, and what `looks_like_p7m` refuses is never verified.
//! The seeds are the files of tests/cades/ (good, refused, real) and a request signed with a
//! firma digitale (`richiesta.json.p7m`); the test root is the anchor. The same bytes are
//! opened without anchors (`open_p7m`, the comune's check) and read as a request
//! (`read_request_p7m`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use offerta_core::request::read_request_p7m;
use offerta_core::signing::cades;

const ROOT: &[u8] = include_bytes!("../../tests/cades/root-ca.pem");

fuzz_target!(|data: &[u8]| {
    let anchors = [cades::anchor_from_file(ROOT, "root-ca.pem").expect("the test root")];
    let looks = cades::looks_like_p7m(data);
    let _ = cades::signers_named(data);
    if let Ok(opened) = cades::open_p7m(data, &[], "2030-01-01T00:00:00Z") {
        assert!(looks, "opened but not recognised as a p7m");
        for signer in &opened.signers {
            let _ = (signer.integrity_described(), signer.trust.described());
        }
    }
    let _ = read_request_p7m(data, &[], "2030-01-01T00:00:00Z");
    match cades::verify_p7m(data, &anchors, "2030-01-01T00:00:00Z") {
        Ok(signature) => {
            assert!(looks, "verified but not recognised as a p7m");
            let _ = signature.described();
        }
        Err(error) => {
            let message = error.message();
            assert!(!message.plain.it.is_empty() && !message.plain.en.is_empty());
        }
    }
});
