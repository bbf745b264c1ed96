//! Any file the capofila opens as its texts of the plan document (the page's «Apri i testi»,
//! a saved work file or a plan aggregate; the CLI's `aggregate --testi`): reading must never
//! panic; texts accepted are composed (NFC), carry no invisible character and are not longer
//! than the app accepts, and the DOCX made of them is always well-formed XML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use offerta_core::document::{to_docx, Block, PlanDocument};
use offerta_core::plan_texts::{PlanText, PlanTexts};

fuzz_target!(|data: &[u8]| {
    let Ok(texts) = PlanTexts::from_file(data) else {
        return;
    };
    assert_eq!(texts.check(), Ok(()));
    assert_eq!(texts.composed(), texts);
    let mut texts = texts;
    let mut blocks = Vec::new();
    for which in PlanText::ALL {
        let text = texts.text_mut(which);
        assert!(which.problem(text).is_none());
        blocks.push(Block::Paragraph(text.clone()));
    }
    to_docx(&PlanDocument { blocks }).expect("the DOCX is written for any texts read");
});
