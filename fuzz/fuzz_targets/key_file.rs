//! Any file opened as a signing key (the page's "apri chiave", the CLI's `--key` and
//! `--sign-key`): reading must never panic, and a key file read must be written back and
//! read again unchanged. Only the reading and the checks before the passphrase run here:
//! the key derivation (Argon2id, 19 MiB) is the costly step the limits guard, and running
//! it per input would make the fuzzer test Argon2, not the reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use offerta_core::signing::KeyFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(key_file) = KeyFile::from_json(text) {
        let again = KeyFile::from_json(&key_file.to_json()).expect("a written key file reads");
        assert_eq!(again, key_file);
        let _ = key_file.check_sealed();
    }
});
