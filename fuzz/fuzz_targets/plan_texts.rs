//! Any file opened as the capofila's texts (the page's «Apri i testi da un file», the CLI's
//! `aggregate --testi`): reading must never panic, texts read are never longer than the app
//! accepts, and the DOCX made of them is always written as well-formed XML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use offerta_core::document::{to_docx, Block, PlanDocument, PlanTexts};

fuzz_target!(|data: &[u8]| {
    let Ok(texts) = PlanTexts::from_file(data) else {
        return;
    };
    assert!(texts.too_long().is_none());
    let blocks = [
        &texts.comune_capofila,
        &texts.premessa,
        &texts.ambito,
        &texts.misure_welfare,
        &texts.progettualita,
        &texts.approvazione_data,
        &texts.approvazione_delibera,
    ]
    .into_iter()
    .map(|t| Block::Paragraph(t.clone()))
    .collect();
    to_docx(&PlanDocument { blocks }).expect("the DOCX is written for any texts read");
});
