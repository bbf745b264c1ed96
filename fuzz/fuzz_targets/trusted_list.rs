//! Any file a capofila loads as the Italian trusted list (`TSL-IT.xml`): reading must never
//! panic; a list read is Italy's, dated, with at least one granted CA/QC service, each with
//! at least one certificate that is one DER SEQUENCE naming its service, and kept in the
//! browser it reads back the same; a refusal has words.
#![no_main]

use libfuzzer_sys::fuzz_target;
use offerta_core::signing::kept_trusted_list::kept_list_text;
use offerta_core::signing::qualified::AnchorOrigin;
use offerta_core::signing::rfc3339_instant;
use offerta_core::signing::trusted_list::read_trusted_list;

fuzz_target!(|data: &[u8]| {
    match read_trusted_list(data) {
        Ok(list) => {
            assert_eq!(list.territory, "IT");
            assert!(rfc3339_instant(&list.issued).is_some());
            assert!(rfc3339_instant(&list.next_update).is_some());
            assert!(!list.services.is_empty());
            for service in &list.services {
                assert!(!service.anchors.is_empty());
                for anchor in &service.anchors {
                    assert_eq!(anchor.certificate_der.first(), Some(&0x30));
                    assert_eq!(
                        anchor.origin,
                        AnchorOrigin::TrustedList {
                            service_name: service.service_name.clone()
                        }
                    );
                }
                let _ = service.issues_for_signatures();
            }
            assert!(!list.is_out_of_date(&list.next_update), "not yet out of date on the day");
            assert!(list.is_out_of_date("not a moment"));
            assert!(!list.signature.message().it.is_empty());
            // Kept in the browser, it reads back as the same list (and so the same anchors).
            let kept = kept_list_text(&list);
            assert_eq!(offerta_core::stored::read_trusted_list(&kept).as_ref(), Ok(&list));
        }
        Err(error) => {
            let message = error.message();
            assert!(!message.plain.it.is_empty() && !message.plain.en.is_empty());
        }
    }
});
