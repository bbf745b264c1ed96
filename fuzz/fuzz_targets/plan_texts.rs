//! Any file the capofila opens as its texts of the plan document (the page's «Apri i testi»,
//! a saved work file or a plan aggregate): must never panic, and texts accepted are composed
//! (NFC) and carry no invisible character, so none reaches the DOCX.
#![no_main]

use libfuzzer_sys::fuzz_target;
use offerta_core::document::{PlanText, PlanTexts};

fuzz_target!(|data: &[u8]| {
    if let Ok(texts) = PlanTexts::from_file(data) {
        assert_eq!(texts.check(), Ok(()));
        assert_eq!(texts.composed(), texts);
        let mut texts = texts;
        for which in PlanText::ALL {
            assert!(which.problem(texts.text_mut(which)).is_none());
        }
    }
});
