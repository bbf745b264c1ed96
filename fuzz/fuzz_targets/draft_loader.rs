//! Any text given as a draft (a file or the browser's storage): must never panic, and what
//! it accepts must survive a save and a reload unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use offerta_core::reader;

fuzz_target!(|data: &[u8]| {
    // A file opened again in the form (a draft, or a signed file losing its proof).
    if let Ok(submission) = reader::reopen_as_draft(data) {
        let _ = offerta_core::validate(&submission, None);
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(submission) = reader::read_submission(text) {
        let saved = serde_json::to_string(&submission).expect("a submission serialises");
        assert_eq!(
            reader::read_submission(&saved).expect("reloads"),
            submission
        );
        let _ = offerta_core::validate(&submission, None);
    }
});
