//! The capofila's trust registry: which public keys belong to which ente. Verification only
//! reads it; a key seen for the first time is added only by an explicit [`TrustRegistry::accept`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::fingerprint;
use crate::text::Bilingual;

pub const REGISTRY_FORMAT_NAME: &str = "offerta-abitativa/registro-chiavi";
pub const REGISTRY_FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TrustedKey {
    pub chiave_pubblica: String,
    pub impronta: String,
    pub accettata_il: String,
    /// Why it was accepted (e.g. "impronta confermata via PEC prot. 1234").
    pub nota: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TrustedEnte {
    pub nome: String,
    pub chiavi: Vec<TrustedKey>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TrustRegistry {
    pub formato: String,
    pub versione: u32,
    /// Keyed by the ente's stable id (ISTAT code or `aler:<name>`).
    pub enti: BTreeMap<String, TrustedEnte>,
}

impl Default for TrustRegistry {
    fn default() -> Self {
        TrustRegistry {
            formato: REGISTRY_FORMAT_NAME.into(),
            versione: REGISTRY_FORMAT_VERSION,
            enti: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyStatus {
    Trusted,
    /// No key registered for this ente yet.
    Unknown,
    /// The ente has registered keys, and this is not one of them (fingerprints listed).
    Mismatch(Vec<String>),
}

impl TrustRegistry {
    pub fn status(&self, ente_id: &str, public_key: &str) -> KeyStatus {
        match self.enti.get(ente_id) {
            None => KeyStatus::Unknown,
            Some(e) if e.chiavi.is_empty() => KeyStatus::Unknown,
            Some(e) if e.chiavi.iter().any(|k| k.chiave_pubblica == public_key) => {
                KeyStatus::Trusted
            }
            Some(e) => KeyStatus::Mismatch(e.chiavi.iter().map(|k| k.impronta.clone()).collect()),
        }
    }

    /// Registers `public_key` for the ente: the explicit action of the capofila. A key
    /// already there is not added twice, and a demo key (public knowledge) never is.
    /// Returns whether anything changed.
    pub fn accept(
        &mut self,
        ente_id: &str,
        nome: &str,
        public_key: &str,
        when: &str,
        nota: &str,
    ) -> bool {
        if crate::demo::is_demo_key(ente_id, public_key) {
            return false;
        }
        let entry = self
            .enti
            .entry(ente_id.to_owned())
            .or_insert_with(|| TrustedEnte {
                nome: nome.to_owned(),
                chiavi: Vec::new(),
            });
        if entry.chiavi.iter().any(|k| k.chiave_pubblica == public_key) {
            return false;
        }
        entry.chiavi.push(TrustedKey {
            chiave_pubblica: public_key.to_owned(),
            impronta: fingerprint(public_key),
            accettata_il: when.to_owned(),
            nota: nota.to_owned(),
        });
        true
    }

    /// The registry without any demo key: an older version of the app exported them with
    /// the registry, and a demo key must never be trusted for real work.
    pub fn without_demo_keys(mut self) -> TrustRegistry {
        for (id, ente) in self.enti.iter_mut() {
            ente.chiavi
                .retain(|k| !crate::demo::is_demo_key(id, &k.chiave_pubblica));
        }
        self.enti.retain(|_, e| !e.chiavi.is_empty());
        self
    }

    /// Removes a key (e.g. lost or compromised). Returns whether it was there.
    pub fn revoke(&mut self, ente_id: &str, public_key: &str) -> bool {
        let Some(entry) = self.enti.get_mut(ente_id) else {
            return false;
        };
        let before = entry.chiavi.len();
        entry.chiavi.retain(|k| k.chiave_pubblica != public_key);
        before != entry.chiavi.len()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a registry always serialises")
    }

    /// Imports a registry file, refusing anything that is not one.
    pub fn from_json(text: &str) -> Result<TrustRegistry, Bilingual> {
        let value = crate::strict_json::parse(text)
            .map_err(|e| Bilingual::new(e.to_string(), e.message_en()))?;
        let registry: TrustRegistry = serde_json::from_value(value).map_err(|e| {
            Bilingual::new(
                format!("non è un registro delle chiavi di Offerta Abitativa: {e}"),
                format!("not an Offerta Abitativa key registry: {e}"),
            )
        })?;
        if registry.formato != REGISTRY_FORMAT_NAME || registry.versione != REGISTRY_FORMAT_VERSION
        {
            return Err(Bilingual::new(
                format!(
                    "registro in formato «{}» versione {}: atteso {REGISTRY_FORMAT_NAME} versione {REGISTRY_FORMAT_VERSION}",
                    registry.formato, registry.versione
                ),
                format!(
                    "registry in format «{}» version {}: expected {REGISTRY_FORMAT_NAME} version {REGISTRY_FORMAT_VERSION}",
                    registry.formato, registry.versione
                ),
            ));
        }
        for (id, ente) in &registry.enti {
            for key in &ente.chiavi {
                super::multikey::parse_public_key(&key.chiave_pubblica).map_err(|e| {
                    Bilingual::new(
                        format!("ente {id}: {e}"),
                        format!("ente {id}: the public key is not a valid Ed25519 Multikey"),
                    )
                })?;
                if key.impronta != fingerprint(&key.chiave_pubblica) {
                    return Err(Bilingual::new(
                        format!("ente {id}: l'impronta non corrisponde alla chiave"),
                        format!("ente {id}: the fingerprint does not match the key"),
                    ));
                }
            }
        }
        Ok(registry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_A: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    const KEY_B: &str = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

    #[test]
    fn keys_are_unknown_until_accepted_and_others_then_mismatch() {
        let mut r = TrustRegistry::default();
        assert_eq!(r.status("019035", KEY_A), KeyStatus::Unknown);
        assert!(r.accept("019035", "Comune di Crema", KEY_A, "2026-11-23", "PEC"));
        assert!(!r.accept("019035", "Comune di Crema", KEY_A, "2026-11-23", "PEC"));
        assert_eq!(r.status("019035", KEY_A), KeyStatus::Trusted);
        assert_eq!(
            r.status("019035", KEY_B),
            KeyStatus::Mismatch(vec![fingerprint(KEY_A)])
        );
        assert_eq!(
            r.status("019002", KEY_A),
            KeyStatus::Unknown,
            "a key is trusted per ente"
        );
        assert!(r.revoke("019035", KEY_A));
        assert_eq!(r.status("019035", KEY_A), KeyStatus::Unknown);
    }

    #[test]
    fn demo_keys_are_never_accepted_and_are_dropped_from_old_registries() {
        use crate::signing::multikey::public_key_multibase;
        let demo = public_key_multibase(&crate::demo::demo_key("019035").verifying_key());
        let mut r = TrustRegistry::default();
        assert!(!r.accept("019035", "Comune di Crema", &demo, "2026-11-23", ""));
        assert!(r.enti.is_empty());
        // As an older app exported it: the demo key beside a real one.
        r.accept("019035", "Comune di Crema", KEY_A, "2026-11-23", "PEC");
        r.enti.get_mut("019035").unwrap().chiavi.push(TrustedKey {
            chiave_pubblica: demo.clone(),
            impronta: fingerprint(&demo),
            accettata_il: "2020-11-20".into(),
            nota: "chiave dimostrativa".into(),
        });
        let cleaned = r.without_demo_keys();
        assert_eq!(cleaned.enti["019035"].chiavi.len(), 1);
        assert_eq!(cleaned.status("019035", KEY_A), KeyStatus::Trusted);
    }

    #[test]
    fn exports_and_imports_and_refuses_forged_fingerprints() {
        let mut r = TrustRegistry::default();
        r.accept("019035", "Comune di Crema", KEY_A, "2026-11-23", "");
        let back = TrustRegistry::from_json(&r.to_json()).unwrap();
        assert_eq!(back, r);
        let forged = r
            .to_json()
            .replace(&fingerprint(KEY_A), "0000-0000-0000-0000-0000");
        let err = TrustRegistry::from_json(&forged).unwrap_err();
        assert!(err.it.contains("l'impronta non corrisponde"), "{err}");
        assert!(err.en.contains("fingerprint does not match"), "{}", err.en);
        assert!(TrustRegistry::from_json("{\"enti\":{}}").is_err());
        assert_eq!(
            TrustRegistry::from_json(" ").unwrap_err().en,
            "the file is empty"
        );
    }
}
