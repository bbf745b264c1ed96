//! Any file a capofila loads as last year's plan: must never panic; a plan accepted is
//! named by the hash of its bytes and a version this app reads, and whatever names it holds,
//! the comparison and its chart are made without panicking and the chart's SVG holds no
//! markup of its own from them. Its signing date is a moment within the plan's year ±1; with
//! a registry that knows no key of the capofila it is never verified, never gives owners,
//! and neither its status line nor the document calls it the capofila's (issue #25).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use offerta_core::chart::BarChart;
use offerta_core::comparison::Comparison;
use offerta_core::document::{comparison_part, PreviousPart};
use offerta_core::previous_plan::{
    read_previous_plan, CapofilaKnown, PlanTrust, PREVIOUS_PLAN_VERSIONS,
};
use offerta_core::signing::{file_hash, fingerprint, rfc3339_instant, TrustRegistry};

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
        assert!(rfc3339_instant(&read.signed_at).is_some(), "a date with its offset");
        let _ = read.fits("crema", 2021);
        let _ = read.fits("crema", 0);
        let registry = TrustRegistry::default();
        let trust = read.trust(&CapofilaKnown {
            capofila: "019035".parse().ok(),
            registry: &registry,
            request: None,
            demo: false,
            now: Some("2026-12-04T10:00:00Z"),
        });
        assert!(matches!(trust, PlanTrust::Unverified(_)), "no known key, not verified");
        assert!(!read.status_line(&trust).it.contains("con la chiave del capofila"));
        let part = comparison_part(PreviousPart {
            plan: &read,
            trust: &trust,
            comparison: &comparison,
        });
        assert!(!part.text().contains("con la chiave del capofila"));
    }
});
