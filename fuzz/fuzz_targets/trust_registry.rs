//! Any file imported as the capofila's key registry (the page's import, the CLI's
//! `--registry`): must never panic, and a registry accepted must survive an export and an
//! import unchanged (a version-1 registry is read as version 2 the first time, then stays).
#![no_main]

use libfuzzer_sys::fuzz_target;
use offerta_core::signing::TrustRegistry;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(registry) = TrustRegistry::from_json(text) {
        let exported = registry.to_json();
        let again = TrustRegistry::from_json(&exported).expect("an exported registry imports");
        assert_eq!(again, registry);
        assert_eq!(again.to_json(), exported, "and exports the same text");
        // What the intake does with it: demo keys dropped, keys looked up by fingerprint.
        let cleaned = registry.without_demo_keys();
        for (id, ente) in &cleaned.enti {
            for key in &ente.chiavi {
                assert!(cleaned.find_by_fingerprint(&key.impronta).is_some(), "{id}");
            }
        }
    }
});
