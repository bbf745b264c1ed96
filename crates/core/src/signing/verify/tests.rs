use serde_json::{Map, Value};

use super::*;
use crate::demo;
use crate::signing::multikey;

const CREATED: &str = "2020-11-20T09:30:00Z";

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

fn crema() -> Submission {
    demo::crema_2021()
        .into_iter()
        .find(|s| s.ente.display_name() == "Comune di Crema")
        .unwrap()
}

fn registry_with(ente_id: &str, k: &SigningKey) -> TrustRegistry {
    let mut r = TrustRegistry::default();
    r.accept(
        ente_id,
        "Comune di Crema",
        &multikey::public_key_multibase(&k.verifying_key()),
        CREATED,
        "test",
    );
    r
}

#[test]
fn signed_file_verifies_as_unknown_then_trusted_once_accepted() {
    let text = sign_submission(&crema(), &key(1), CREATED);
    let first = verify_file(&text, &TrustRegistry::default());
    assert_eq!(first.outcome, Outcome::UnknownKey);
    assert_eq!(first.signed_at.as_deref(), Some(CREATED));
    assert_eq!(first.submission.as_ref().unwrap().ente.id(), "019035");
    let registry = registry_with("019035", &key(1));
    let checked = verify_file(&text, &registry);
    assert_eq!(checked.outcome, Outcome::Trusted);
    assert_eq!(checked.submission.unwrap(), crema().with_stated_totals());
    assert_eq!(checked.fingerprint.unwrap().len(), 24);
}

#[test]
fn another_key_for_a_registered_ente_is_a_mismatch() {
    let text = sign_submission(&crema(), &key(2), CREATED);
    let registry = registry_with("019035", &key(1));
    assert!(matches!(
        verify_file(&text, &registry).outcome,
        Outcome::KeyMismatch(_)
    ));
}

#[test]
fn a_registered_key_does_not_vouch_for_another_ente() {
    // Crema's key signs a file that claims to come from Agnadello.
    let mut forged = crema();
    forged.ente = crate::submission::Ente::Comune {
        istat: "019002".parse().unwrap(),
        nome: "Agnadello".into(),
    };
    let text = sign_submission(&forged, &key(1), CREATED);
    let mut registry = registry_with("019035", &key(1));
    assert_eq!(verify_file(&text, &registry).outcome, Outcome::UnknownKey);
    registry.accept(
        "019002",
        "Agnadello",
        &multikey::public_key_multibase(&key(3).verifying_key()),
        CREATED,
        "",
    );
    assert!(matches!(
        verify_file(&text, &registry).outcome,
        Outcome::KeyMismatch(_)
    ));
}

#[test]
fn changing_the_ente_of_a_signed_file_breaks_the_signature() {
    let text = sign_submission(&crema(), &key(1), CREATED);
    let altered = text
        .replace("\"019035\"", "\"019002\"")
        .replace("\"Crema\"", "\"Agnadello\"");
    assert_ne!(altered, text);
    let result = verify_file(&altered, &registry_with("019002", &key(1)));
    assert_eq!(result.outcome, Outcome::Invalid(ProofError::BadSignature));
}

#[test]
fn swapping_fields_breaks_the_signature() {
    let text = sign_submission(&crema(), &key(1), CREATED);
    let mut value: Value = serde_json::from_str(&text).unwrap();
    let b = value["carenza_manutentiva"].clone();
    value["carenza_manutentiva"] = value["transitori"].clone();
    value["transitori"] = b;
    let result = verify_file(&value.to_string(), &TrustRegistry::default());
    assert_eq!(result.outcome, Outcome::Invalid(ProofError::BadSignature));
}

fn reversed(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .rev()
                .map(|(k, v)| format!("{}:\n  {}", Value::String(k.clone()), reversed(v)))
                .collect();
            format!("{{\n{}\n}}", fields.join(",\n"))
        }
        Value::Array(items) => format!(
            "[ {} ]",
            items.iter().map(reversed).collect::<Vec<_>>().join(" ,\t")
        ),
        other => other.to_string(),
    }
}

#[test]
fn reordered_or_pretty_printed_json_still_verifies() {
    let text = sign_submission(&crema(), &key(1), CREATED);
    let value: Value = serde_json::from_str(&text).unwrap();
    let registry = registry_with("019035", &key(1));
    for variant in [
        value.to_string(),
        serde_json::to_string_pretty(&value).unwrap(),
        reversed(&value),
    ] {
        assert_eq!(
            verify_file(&variant, &registry).outcome,
            Outcome::Trusted,
            "{variant}"
        );
    }
}

#[test]
fn unsigned_drafts_and_garbage_are_told_apart() {
    let draft = serde_json::to_string(&crema()).unwrap();
    let r = verify_file(&draft, &TrustRegistry::default());
    assert_eq!(r.outcome, Outcome::Unsigned);
    assert!(r.submission.is_some());
    for garbage in ["", "%PDF-1.4", "{\"a\":1}", "[1,2]"] {
        assert!(
            matches!(
                verify_file(garbage, &TrustRegistry::default()).outcome,
                Outcome::Unreadable(_)
            ),
            "{garbage:?}"
        );
    }
}

#[test]
fn every_single_byte_change_is_detected_unless_the_meaning_is_unchanged() {
    // Compact, so that nearly every byte carries meaning; white space changes are harmless.
    let signed: Value = serde_json::from_str(&sign_submission(&crema(), &key(1), CREATED)).unwrap();
    let text = signed.to_string();
    let registry = registry_with("019035", &key(1));
    let mut checked = 0;
    for i in 0..text.len() {
        for replacement in [text.as_bytes()[i] ^ 0x01, b' ', b'0', b'"'] {
            if replacement == text.as_bytes()[i] {
                continue;
            }
            let mut bytes = text.as_bytes().to_vec();
            bytes[i] = replacement;
            let Ok(altered) = String::from_utf8(bytes) else {
                continue;
            };
            let result = verify_file(&altered, &registry);
            if result.outcome.signature_valid() {
                let reparsed: Value = serde_json::from_str(&altered).unwrap();
                assert_eq!(
                    reparsed, signed,
                    "byte {i} changed the meaning yet verified: {altered}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 3 * text.len(), "only {checked} variants checked");
}

#[test]
fn the_proof_is_only_over_the_document_and_its_options() {
    let text = sign_submission(&crema(), &key(1), CREATED);
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["proof"]["extra"] = "x".into();
    let result = verify_file(&value.to_string(), &TrustRegistry::default());
    assert_eq!(
        result.outcome,
        Outcome::Invalid(ProofError::BadSignature),
        "extra proof options are signed too"
    );
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value
        .as_object_mut()
        .unwrap()
        .insert("extra".into(), Value::Object(Map::new()));
    assert!(
        matches!(
            verify_file(&value.to_string(), &TrustRegistry::default()).outcome,
            Outcome::Unreadable(_)
        ),
        "unknown fields refused"
    );
}

#[test]
fn the_example_in_docs_format_md_verifies() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/FORMAT.md"))
        .unwrap();
    let example = doc
        .split("```json\n")
        .last()
        .and_then(|rest| rest.split("\n```").next())
        .unwrap();
    let result = verify_file(example, &TrustRegistry::default());
    assert_eq!(result.outcome, Outcome::UnknownKey, "{:?}", result.outcome);
    assert_eq!(result.submission.unwrap().ente.id(), "019035");
}

#[test]
fn a_file_signed_with_a_demo_key_is_recognised_whatever_the_registry() {
    let text = sign_submission(&crema(), &demo::demo_key("019035"), CREATED);
    assert_eq!(
        verify_file(&text, &TrustRegistry::default()).outcome,
        Outcome::DemoKey
    );
    let other = registry_with("019035", &key(3));
    assert_eq!(verify_file(&text, &other).outcome, Outcome::DemoKey);
    assert!(Outcome::DemoKey.signature_valid());
}

/// A whole share written as a float (10.0, as some JSON writers do) means the same share and
/// canonicalises to the same bytes: the signature still holds and the share reads as 10.
#[test]
fn a_whole_share_written_as_a_float_still_verifies() {
    let v1 = include_str!("../../../../../tests/corpus/valida-castelleone.json");
    let floated = v1.replacen("\"percento\": 10\n", "\"percento\": 10.0\n", 1);
    assert_ne!(floated, v1);
    let (_, registry) = demo::crema_2021_signed_files();
    let verified = verify_file(&floated, &registry);
    assert_eq!(verified.outcome, Outcome::Trusted);
    let share = verified.submission.unwrap().forze_polizia.unwrap().percento;
    assert_eq!(share, crate::percent::Percent::whole(10));
}

#[test]
fn a_file_signed_with_a_retired_key_counts_only_if_signed_before() {
    let old_key = multikey::public_key_multibase(&key(1).verifying_key());
    let new_key = multikey::public_key_multibase(&key(2).verifying_key());
    let mut registry = registry_with("019035", &key(1));
    assert!(registry.replace(
        "019035",
        "Comune di Crema",
        &new_key,
        "2026-12-01T10:00:00Z",
        "PC nuovo"
    ));
    let before = sign_submission(&crema(), &key(1), "2026-11-30T10:00:00Z");
    assert_eq!(verify_file(&before, &registry).outcome, Outcome::Trusted);
    let after = verify_file(
        &sign_submission(&crema(), &key(1), "2026-12-02T10:00:00Z"),
        &registry,
    );
    assert_eq!(after.outcome.code(), "chiave-sostituita");
    assert!(
        after.outcome.signature_valid(),
        "the signature itself holds"
    );
    assert_eq!(after.public_key.as_deref(), Some(old_key.as_str()));

    registry.revoke("019035", &new_key, "2026-12-10", "");
    assert!(registry.revoke("019035", &new_key, "2026-12-10T00:00:00Z", "PC rubato"));
    let stolen = verify_file(
        &sign_submission(&crema(), &key(2), "2026-12-11T08:00:00Z"),
        &registry,
    );
    assert_eq!(stolen.outcome.code(), "chiave-revocata");
    let Bilingual { it, en } = stolen.outcome.message();
    assert!(
        it.starts_with("Firma valida, ma con una chiave revocata dal 10/12/2026 (motivo: PC rubato): il file non conta"),
        "{it}"
    );
    assert!(it.contains("Chiedere all'ente di firmare di nuovo"), "{it}");
    assert!(
        en.contains("revoked from 10/12/2026 (reason: PC rubato)"),
        "{en}"
    );
}

#[test]
fn a_signing_moment_without_time_zone_is_not_a_moment_and_the_file_does_not_count() {
    // W3C Data Integrity: `created` is a dateTimeStamp, whose time zone is required. Without
    // it the moment is unknown by up to a day: it could neither be compared with a revocation
    // nor with another file of the ente, so the file is refused, whatever its key.
    let registry = registry_with("019035", &key(1));
    for created in [
        "2020-11-20T09:30:00",
        "2020-11-20",
        "not a date",
        "2020-02-30T09:30:00Z",
    ] {
        let text = sign_submission(&crema(), &key(1), created);
        let checked = verify_file(&text, &registry);
        assert_eq!(
            checked.outcome,
            Outcome::Invalid(ProofError::BadCreated(created.into())),
            "{created}"
        );
        let message = checked.outcome.message();
        assert!(message.it.contains("fuso orario"), "{}", message.it);
        assert!(message.en.contains("time zone"), "{}", message.en);
        assert_eq!(checked.signed_at, None);
    }
    let good = sign_submission(&crema(), &key(1), "2020-11-20T09:30:00+01:00");
    assert_eq!(verify_file(&good, &registry).outcome, Outcome::Trusted);
}
