//! Ed25519 keys as Multikey / did:key strings (W3C Controlled Identifiers, did:key method):
//! multibase base58btc (`z` prefix) of a multicodec header and the raw key bytes.

use ed25519_dalek::{SigningKey, VerifyingKey};

/// Multicodec `ed25519-pub`.
const ED25519_PUB: [u8; 2] = [0xed, 0x01];
/// Multicodec `ed25519-priv`.
const ED25519_PRIV: [u8; 2] = [0x80, 0x26];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFormatError(pub String);

impl std::fmt::Display for KeyFormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyFormatError {}

fn decode(multibase: &str, header: [u8; 2], what: &str) -> Result<[u8; 32], KeyFormatError> {
    let body = multibase
        .strip_prefix('z')
        .ok_or_else(|| KeyFormatError(format!("{what}: manca il prefisso multibase «z»")))?;
    let bytes = bs58::decode(body)
        .into_vec()
        .map_err(|e| KeyFormatError(format!("{what}: base58 non valido ({e})")))?;
    match bytes.split_first_chunk::<2>() {
        Some((h, key)) if *h == header && key.len() == 32 => {
            Ok(key.try_into().expect("length checked"))
        }
        _ => Err(KeyFormatError(format!(
            "{what}: non è una chiave Ed25519 in formato Multikey"
        ))),
    }
}

fn encode(header: [u8; 2], key: &[u8; 32]) -> String {
    let mut bytes = header.to_vec();
    bytes.extend_from_slice(key);
    format!("z{}", bs58::encode(bytes).into_string())
}

pub fn public_key_multibase(key: &VerifyingKey) -> String {
    encode(ED25519_PUB, key.as_bytes())
}

pub fn parse_public_key(multibase: &str) -> Result<VerifyingKey, KeyFormatError> {
    let bytes = decode(multibase, ED25519_PUB, "chiave pubblica")?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| KeyFormatError("chiave pubblica: punto Ed25519 non valido".into()))
}

pub fn private_key_multibase(key: &SigningKey) -> String {
    encode(ED25519_PRIV, &key.to_bytes())
}

pub fn parse_private_key(multibase: &str) -> Result<SigningKey, KeyFormatError> {
    decode(multibase, ED25519_PRIV, "chiave privata").map(|seed| SigningKey::from_bytes(&seed))
}

/// The verification method of a did:key: `did:key:<mb>#<mb>`.
pub fn verification_method(key: &VerifyingKey) -> String {
    let mb = public_key_multibase(key);
    format!("did:key:{mb}#{mb}")
}

/// The key a `did:key` verification method names; anything else is refused.
pub fn parse_verification_method(vm: &str) -> Result<(VerifyingKey, String), KeyFormatError> {
    let rest = vm
        .strip_prefix("did:key:")
        .ok_or_else(|| KeyFormatError(format!("metodo di verifica «{vm}» non è un did:key")))?;
    let (did, fragment) = rest
        .split_once('#')
        .ok_or_else(|| KeyFormatError(format!("metodo di verifica «{vm}» senza frammento #")))?;
    if did != fragment {
        return Err(KeyFormatError(format!(
            "metodo di verifica «{vm}»: il frammento non corrisponde alla chiave"
        )));
    }
    parse_public_key(did).map(|k| (k, did.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLIC: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    const PRIVATE: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

    #[test]
    fn w3c_key_pair_decodes_and_matches() {
        let private = parse_private_key(PRIVATE).unwrap();
        assert_eq!(public_key_multibase(&private.verifying_key()), PUBLIC);
        assert_eq!(private_key_multibase(&private), PRIVATE);
        assert_eq!(parse_public_key(PUBLIC).unwrap(), private.verifying_key());
    }

    #[test]
    fn verification_methods_must_be_did_keys_naming_themselves() {
        let vm = format!("did:key:{PUBLIC}#{PUBLIC}");
        assert_eq!(parse_verification_method(&vm).unwrap().1, PUBLIC);
        assert!(parse_verification_method(&format!("did:web:x#{PUBLIC}")).is_err());
        assert!(parse_verification_method(&format!("did:key:{PUBLIC}#other")).is_err());
        assert!(parse_verification_method(&format!("did:key:{PUBLIC}")).is_err());
        assert!(
            parse_public_key(PRIVATE).is_err(),
            "a private key is not a public key"
        );
        assert!(parse_public_key("6MkrJVnaZ").is_err());
    }
}
