//! Any file a capofila loads as last year's plan: must never panic; a plan accepted is
//! named by the hash of its bytes and a version this app reads, and whatever names it holds,
//! the comparison and its chart are made without panicking and the chart's SVG holds no
//! markup of its own from them.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use offerta_core::chart::BarChart;
use offerta_core::comparison::Comparison;
use offerta_core::previous_plan::{read_previous_plan, PREVIOUS_PLAN_VERSIONS};
use offerta_core::signing::{file_hash, fingerprint};

fuzz_target!(|data: &[u8]| {
    if let Ok(read) = read_previous_plan(data) {
        assert_eq!(read.hash, file_hash(data));
        assert!(PREVIOUS_PLAN_VERSIONS.contains(&read.versione));
        assert_eq!(read.fingerprint, fingerprint(&read.public_key));
        if let Some(crema) = offerta_core::ambiti::preset("crema") {
            let _ = read.owner_codes(&crema);
        }
        // This year's plan is the same for every input: made once.
        static PLAN: OnceLock<offerta_core::Plan> = OnceLock::new();
        let plan =
            PLAN.get_or_init(|| offerta_core::aggregate(&offerta_core::demo::crema_2021(), None));
        let comparison = Comparison::of(&read, plan);
        let svg = BarChart::of(&comparison).svg();
        assert!(!svg.contains("<script"), "a name became markup");
    }
});
