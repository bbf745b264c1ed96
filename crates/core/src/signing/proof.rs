//! W3C Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (Data Integrity EdDSA
//! Cryptosuites v1.0, section 3.3): JCS (RFC 8785) canonical forms of the proof options and of
//! the document, SHA-256 of each, concatenated (options first), signed with Ed25519;
//! `proofValue` is the signature in multibase base58btc.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::multikey;

pub const PROOF_TYPE: &str = "DataIntegrityProof";
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
pub const PROOF_PURPOSE: &str = "assertionMethod";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProofError {
    /// The document has no `proof`: an unsigned draft.
    Missing,
    /// The proof is not an object with the expected fields.
    Malformed(String),
    UnsupportedType(String),
    UnsupportedCryptosuite(String),
    WrongPurpose(String),
    BadVerificationMethod(String),
    /// The signature does not match the content: the file was altered after signing.
    BadSignature,
    /// `created` is not a moment: not an RFC 3339 date and time with its time zone (W3C Data
    /// Integrity wants a dateTimeStamp). Without it neither a revocation nor another file of
    /// the ente can be compared with it.
    BadCreated(String),
}

impl std::fmt::Display for ProofError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProofError::Missing => f.write_str("il file non è firmato (bozza)"),
            ProofError::Malformed(m) => write!(f, "firma illeggibile: {m}"),
            ProofError::UnsupportedType(t) => write!(
                f,
                "tipo di firma «{t}» non supportato (atteso {PROOF_TYPE})"
            ),
            ProofError::UnsupportedCryptosuite(c) => write!(
                f,
                "algoritmo di firma «{c}» non supportato (atteso {CRYPTOSUITE})"
            ),
            ProofError::WrongPurpose(p) => write!(
                f,
                "scopo della firma «{p}» non valido (atteso {PROOF_PURPOSE})"
            ),
            ProofError::BadVerificationMethod(m) => write!(f, "chiave di firma non valida: {m}"),
            ProofError::BadSignature => f.write_str(
                "la firma non corrisponde al contenuto: il file è stato modificato dopo la firma",
            ),
            ProofError::BadCreated(c) => write!(
                f,
                "la data della firma («{}») non è una data e ora con il fuso orario (per esempio 2026-11-20T10:00:00Z), quindi non si sa quando il file è stato firmato",
                shown_created(c)
            ),
        }
    }
}

impl std::error::Error for ProofError {}

/// A `created` that is no moment, as the messages show it: visible, and never at length
/// (it is the signer's text).
pub(crate) fn shown_created(created: &str) -> String {
    let visible = crate::text::visible(created);
    let mut shown: String = visible.chars().take(40).collect();
    if visible.chars().count() > 40 {
        shown.push('…');
    }
    shown
}

fn jcs(value: &Value) -> Vec<u8> {
    // Serialising a serde_json::Value cannot fail: keys are strings, numbers finite.
    serde_jcs::to_vec(value).expect("a JSON value always canonicalises")
}

/// SHA-256(JCS(proof options)) || SHA-256(JCS(document)): the bytes that are signed.
pub fn hash_data(proof_options: &Value, document: &Value) -> [u8; 64] {
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(&Sha256::digest(jcs(proof_options)));
    out[32..].copy_from_slice(&Sha256::digest(jcs(document)));
    out
}

pub fn proof_value(signature: &Signature) -> String {
    format!("z{}", bs58::encode(signature.to_bytes()).into_string())
}

/// Adds a proof to `document` (a JSON object without `proof`), created at `created`
/// (RFC 3339), with the did:key of `key` as verification method.
pub fn sign_document(mut document: Map<String, Value>, key: &SigningKey, created: &str) -> Value {
    document.remove("proof");
    let mut options = Map::new();
    options.insert("type".into(), PROOF_TYPE.into());
    options.insert("cryptosuite".into(), CRYPTOSUITE.into());
    options.insert("created".into(), created.into());
    options.insert(
        "verificationMethod".into(),
        multikey::verification_method(&key.verifying_key()).into(),
    );
    options.insert("proofPurpose".into(), PROOF_PURPOSE.into());
    if let Some(context) = document.get("@context") {
        options.insert("@context".into(), context.clone());
    }
    let document = Value::Object(document);
    let signature = key.sign(&hash_data(&Value::Object(options.clone()), &document));
    options.insert("proofValue".into(), proof_value(&signature).into());
    let Value::Object(mut signed) = document else {
        unreachable!("built from a map")
    };
    signed.insert("proof".into(), Value::Object(options));
    Value::Object(signed)
}

fn string_field<'a>(proof: &'a Map<String, Value>, name: &str) -> Result<&'a str, ProofError> {
    proof
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| ProofError::Malformed(format!("manca «{name}» nella firma")))
}

/// Verifies the proof of `secured` and returns the key that signed it (multibase) with the
/// document without its proof.
pub fn verify_document(secured: &Value) -> Result<(String, Value), ProofError> {
    let Some(object) = secured.as_object() else {
        return Err(ProofError::Malformed(
            "il documento non è un oggetto JSON".into(),
        ));
    };
    let mut document = object.clone();
    let proof = match document.remove("proof") {
        None => return Err(ProofError::Missing),
        Some(Value::Object(proof)) => proof,
        Some(_) => {
            return Err(ProofError::Malformed(
                "«proof» non è un oggetto (una sola firma ammessa)".into(),
            ))
        }
    };
    let kind = string_field(&proof, "type")?;
    if kind != PROOF_TYPE {
        return Err(ProofError::UnsupportedType(kind.into()));
    }
    let suite = string_field(&proof, "cryptosuite")?;
    if suite != CRYPTOSUITE {
        return Err(ProofError::UnsupportedCryptosuite(suite.into()));
    }
    let purpose = string_field(&proof, "proofPurpose")?;
    if purpose != PROOF_PURPOSE {
        return Err(ProofError::WrongPurpose(purpose.into()));
    }
    let created = string_field(&proof, "created")?;
    if super::rfc3339_instant(created).is_none() {
        return Err(ProofError::BadCreated(created.into()));
    }
    let (key, key_multibase) =
        multikey::parse_verification_method(string_field(&proof, "verificationMethod")?)
            .map_err(|e| ProofError::BadVerificationMethod(e.to_string()))?;
    let value = string_field(&proof, "proofValue")?;
    let signature = value
        .strip_prefix('z')
        .and_then(|b58| bs58::decode(b58).into_vec().ok())
        .and_then(|bytes| <[u8; 64]>::try_from(bytes).ok())
        .map(|bytes| Signature::from_bytes(&bytes))
        .ok_or_else(|| {
            ProofError::Malformed("«proofValue» non è una firma Ed25519 in base58btc".into())
        })?;

    let mut options = proof.clone();
    options.remove("proofValue");
    // The proof's @context, when present, must open the document's own @context.
    if let Some(Value::Array(proof_context)) = options.get("@context") {
        let doc_context = document.get("@context").and_then(Value::as_array);
        let starts = doc_context.is_some_and(|d| d.starts_with(proof_context));
        if !starts {
            return Err(ProofError::Malformed(
                "«@context» della firma diverso da quello del documento".into(),
            ));
        }
    }
    let document = Value::Object(document);
    let verifying: VerifyingKey = key;
    verifying
        .verify(&hash_data(&Value::Object(options), &document), &signature)
        .map_err(|_| ProofError::BadSignature)?;
    Ok((key_multibase, document))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::multikey::parse_private_key;

    const VECTORS: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/eddsa-jcs-2022"
    );

    fn vector(name: &str) -> String {
        std::fs::read_to_string(format!("{VECTORS}/{name}")).unwrap()
    }

    fn w3c_key() -> SigningKey {
        let pair: Value = serde_json::from_str(&vector("keyPair.json")).unwrap();
        parse_private_key(pair["privateKeyMultibase"].as_str().unwrap()).unwrap()
    }

    #[test]
    fn w3c_test_vector_proof_value_byte_for_byte() {
        let unsigned: Value = serde_json::from_str(&vector("unsigned.json")).unwrap();
        let signed: Value = serde_json::from_str(&vector("signedJCS.json")).unwrap();
        let mut options = signed["proof"].as_object().unwrap().clone();
        options.remove("proofValue");
        let signature = w3c_key().sign(&hash_data(&Value::Object(options), &unsigned));
        assert_eq!(proof_value(&signature), vector("sigBTC58JCS.txt").trim());
    }

    #[test]
    fn w3c_signed_document_verifies_and_our_signer_reproduces_it() {
        let signed: Value = serde_json::from_str(&vector("signedJCS.json")).unwrap();
        let (key, _) = verify_document(&signed).unwrap();
        assert_eq!(key, "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");

        let unsigned: Value = serde_json::from_str(&vector("unsigned.json")).unwrap();
        let ours = sign_document(
            unsigned.as_object().unwrap().clone(),
            &w3c_key(),
            "2023-02-24T23:36:38Z",
        );
        assert_eq!(ours, signed, "same options, same key: same proof");
    }

    #[test]
    fn any_change_to_the_document_or_the_options_breaks_the_signature() {
        let signed: Value = serde_json::from_str(&vector("signedJCS.json")).unwrap();
        let mut altered = signed.clone();
        altered["name"] = "Alumni Credential!".into();
        assert_eq!(verify_document(&altered), Err(ProofError::BadSignature));
        let mut altered = signed.clone();
        altered["proof"]["created"] = "2023-02-24T23:36:39Z".into();
        assert_eq!(verify_document(&altered), Err(ProofError::BadSignature));
        let mut altered = signed.clone();
        altered["proof"]["cryptosuite"] = "eddsa-rdfc-2022".into();
        assert!(matches!(
            verify_document(&altered),
            Err(ProofError::UnsupportedCryptosuite(_))
        ));
        let mut altered = signed.clone();
        altered["proof"]["proofPurpose"] = "authentication".into();
        assert!(matches!(
            verify_document(&altered),
            Err(ProofError::WrongPurpose(_))
        ));
        let mut altered = signed;
        altered.as_object_mut().unwrap().remove("proof");
        assert_eq!(verify_document(&altered), Err(ProofError::Missing));
    }
}
