//! The keys derived from an ente's id, public knowledge by construction. A *demo* key signs
//! the page's demo files: verification tells it apart ([`is_demo_key`]) so that no registry
//! trusts it and it counts only inside a demo intake. A *fixture* key signs the files of tests,
//! the bad-input corpus and measurements, which registries do trust. The derivation lives in
//! signing because verification and the trust registry need it; the demo data set
//! (`crate::demo`) signs with it.

use super::SigningKey;

/// The fixture key of an ente, derived from its id: for tests, the bad-input corpus and
/// measurements (public knowledge, like every key derived here).
pub fn fixture_key(ente_id: &str) -> SigningKey {
    derived_key("offerta-abitativa demo", ente_id)
}

/// The demo key of an ente, derived from its id.
pub fn demo_key(ente_id: &str) -> SigningKey {
    derived_key("offerta-abitativa dimostrazione", ente_id)
}

/// Whether `public_key` (multibase) is the demo key of `ente_id`: such a key signs only
/// demo files, and no registry may trust it.
pub fn is_demo_key(ente_id: &str, public_key: &str) -> bool {
    let key = demo_key(ente_id);
    super::multikey::public_key_multibase(&key.verifying_key()) == public_key
}

fn derived_key(purpose: &str, ente_id: &str) -> SigningKey {
    use sha2::{Digest, Sha256};
    let seed: [u8; 32] = Sha256::digest(format!("{purpose} {ente_id}")).into();
    SigningKey::from_bytes(&seed)
}
