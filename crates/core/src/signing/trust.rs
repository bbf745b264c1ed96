//! The capofila's trust registry: which public keys belong to which ente. Verification only
//! reads it; a key seen for the first time is added only by an explicit [`TrustRegistry::accept`].
//!
//! A key is never deleted: when the ente makes a new one ([`TrustRegistry::replace`]) or a key
//! is lost or stolen ([`TrustRegistry::revoke`]) it is marked *ritirata* from a moment, and
//! stays in the registry as its history. Files it signed before that moment still count.
//!
//! Since version 3 the registry also keeps, per ente, the people who sign for it with a firma
//! digitale (a `.p7m`), by codice fiscale, with the same history ([`signers`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{fingerprint, parse_fingerprint, parse_moment, rfc3339_instant};
use crate::text::{day_of, Bilingual};

mod signers;
pub use signers::{
    normalised_codice_fiscale, organizzazione_names_ente, signs_for, SignerStanding, TrustedSigner,
    BULK_CONFIRMATION_NOTE,
};

pub const REGISTRY_FORMAT_NAME: &str = "offerta-abitativa/registro-chiavi";
/// The version written. Version 2 added a key's end of validity (`ritirata`); version 3 the
/// people who sign for each ente with a firma digitale (`firmatari`).
pub const REGISTRY_FORMAT_VERSION: u32 = 3;
/// Versions 1 (no retired keys) and 2 (no signers) still read: each is a version 3 registry
/// without them.
pub const OLDEST_REGISTRY_VERSION_READ: u32 = 1;
/// The first version with signers (`firmatari`).
pub const FIRST_REGISTRY_VERSION_WITH_SIGNERS: u32 = 3;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TrustedKey {
    pub chiave_pubblica: String,
    pub impronta: String,
    pub accettata_il: String,
    /// Why it was accepted (e.g. "impronta confermata via PEC prot. 1234").
    pub nota: String,
    /// Since when the key no longer counts, and why; `None` while it is in use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ritirata: Option<Retirement>,
}

impl TrustedKey {
    /// A key accepted at `when`, in use.
    fn accepted(public_key: &str, when: &str, nota: &str) -> TrustedKey {
        TrustedKey {
            chiave_pubblica: public_key.to_owned(),
            impronta: fingerprint(public_key),
            accettata_il: when.to_owned(),
            nota: nota.to_owned(),
            ritirata: None,
        }
    }

    pub fn is_active(&self) -> bool {
        self.ritirata.is_none()
    }

    /// Whether `reference` names this key: its public key, or its fingerprint as typed or
    /// pasted (any case, spaces or hyphens).
    fn is_named_by(&self, reference: &str) -> bool {
        let reference = reference.trim();
        self.chiave_pubblica == reference
            || parse_fingerprint(reference).is_some_and(|fp| fp == self.impronta)
    }
}

/// The end of a key's validity.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Retirement {
    /// From this moment (RFC 3339) files signed with the key no longer count.
    pub dal: String,
    pub come: RetirementKind,
    /// Why, in the capofila's words (e.g. "PC nuovo, comunicato via PEC prot. 1300").
    pub motivo: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RetirementKind {
    /// The ente made a new key (new PC, forgotten passphrase): the old one was not misused.
    Sostituita,
    /// The key was lost or stolen: someone else may sign with it.
    Revocata,
}

impl Retirement {
    /// Whether a file signed at `signed_at` (the proof's `created`) falls after the key was
    /// retired. A file with no readable date is taken as signed after: it cannot show it
    /// was signed while the key was good.
    pub fn covers(&self, signed_at: Option<&str>) -> bool {
        match (
            signed_at.and_then(rfc3339_instant),
            rfc3339_instant(&self.dal),
        ) {
            (Some(signed), Some(from)) => signed >= from,
            _ => true,
        }
    }

    /// The day it took effect, the Italian way (01/12/2026).
    pub fn day(&self) -> String {
        day_of(&self.dal)
    }

    /// The key's state in a few words, e.g. for a list of keys: "revocata dal 01/12/2026
    /// (motivo: PC rubato)".
    pub fn describe(&self) -> Bilingual {
        let (it, en) = match self.come {
            RetirementKind::Sostituita => ("sostituita", "replaced"),
            RetirementKind::Revocata => ("revocata", "revoked"),
        };
        Bilingual::new(
            format!("{it} dal {} (motivo: {})", self.day(), self.motivo),
            format!("{en} from {} (reason: {})", self.day(), self.motivo),
        )
    }
}

/// The moment a replacement or revocation takes effect, from what the capofila typed (a day
/// such as 2026-12-01, or an RFC 3339 moment), refused with the reason if it is not a date
/// or if `motivo` is empty: the registry keeps why each key stopped counting. The page and
/// the CLI ask this before [`TrustRegistry::replace`] or [`TrustRegistry::revoke`], which
/// refuse the same inputs without saying why.
pub fn check_retirement(from: &str, motivo: &str) -> Result<String, Bilingual> {
    if motivo.trim().is_empty() {
        return Err(Bilingual::new(
            "scrivere il motivo (per esempio «PC nuovo, comunicato via PEC prot. 1300»): il registro lo conserva",
            "write the reason (for example «new PC, sent by PEC prot. 1300»): the registry keeps it",
        ));
    }
    parse_moment(from)
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TrustedEnte {
    pub nome: String,
    /// Every key accepted for the ente, the retired ones too, in the order accepted.
    pub chiavi: Vec<TrustedKey>,
    /// Every person accepted as signing for the ente with a firma digitale, the retired ones
    /// too, in the order accepted (version 3; left out when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub firmatari: Vec<TrustedSigner>,
}

/// Keys found by [`TrustRegistry::keys_matching`]: the first ones (ente id, ente, key) and
/// how many match in all.
#[derive(Debug, PartialEq, Eq)]
pub struct KeysFound<'a> {
    pub shown: Vec<(&'a str, &'a TrustedEnte, &'a TrustedKey)>,
    pub total: usize,
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
    /// A key of the ente, in use when the file was signed.
    Trusted,
    /// No key in use is registered for this ente (none yet, or every one retired).
    Unknown,
    /// The ente has keys in use, and this is not one of them (their fingerprints listed).
    Mismatch(Vec<String>),
    /// A key of the ente, but retired before the file was signed (or the file has no date).
    Retired(Retirement),
}

/// A key found by its fingerprint, with its ente.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundKey<'a> {
    pub ente_id: &'a str,
    pub ente: &'a TrustedEnte,
    pub key: &'a TrustedKey,
}

impl TrustRegistry {
    /// What the registry says of `public_key` signing for the ente at `signed_at` (the
    /// proof's `created`, RFC 3339).
    pub fn status(&self, ente_id: &str, public_key: &str, signed_at: Option<&str>) -> KeyStatus {
        let Some(ente) = self.enti.get(ente_id) else {
            return KeyStatus::Unknown;
        };
        if let Some(key) = ente.chiavi.iter().find(|k| k.chiave_pubblica == public_key) {
            return match &key.ritirata {
                Some(retirement) if retirement.covers(signed_at) => {
                    KeyStatus::Retired(retirement.clone())
                }
                _ => KeyStatus::Trusted,
            };
        }
        let active: Vec<String> = ente
            .chiavi
            .iter()
            .filter(|k| k.is_active())
            .map(|k| k.impronta.clone())
            .collect();
        if active.is_empty() {
            KeyStatus::Unknown
        } else {
            KeyStatus::Mismatch(active)
        }
    }

    /// The key with this fingerprint (as typed or pasted: any case, spaces or hyphens),
    /// whichever ente it is registered for.
    pub fn find_by_fingerprint(&self, fingerprint: &str) -> Option<FoundKey<'_>> {
        let wanted = parse_fingerprint(fingerprint)?;
        self.enti.iter().find_map(|(ente_id, ente)| {
            ente.chiavi
                .iter()
                .find(|k| k.impronta == wanted)
                .map(|key| FoundKey { ente_id, ente, key })
        })
    }

    /// Registers `public_key` for the ente: the explicit action of the capofila. A key
    /// already there (in use or retired) is not added again, and a demo key (public
    /// knowledge) never is. Returns whether anything changed.
    pub fn accept(
        &mut self,
        ente_id: &str,
        nome: &str,
        public_key: &str,
        when: &str,
        nota: &str,
    ) -> bool {
        if super::demo_keys::is_demo_key(ente_id, public_key) {
            return false;
        }
        let entry = self.ente_entry(ente_id, nome);
        if entry.chiavi.iter().any(|k| k.chiave_pubblica == public_key) {
            return false;
        }
        entry
            .chiavi
            .push(TrustedKey::accepted(public_key, when, nota));
        true
    }

    /// The ente's entry, made (with no key yet) if it has none.
    fn ente_entry(&mut self, ente_id: &str, nome: &str) -> &mut TrustedEnte {
        self.enti
            .entry(ente_id.to_owned())
            .or_insert_with(|| TrustedEnte {
                nome: nome.to_owned(),
                chiavi: Vec::new(),
                firmatari: Vec::new(),
            })
    }

    /// The ente made a new key (new PC, forgotten passphrase): every key of the ente in use
    /// is marked replaced from `when`, and `new_key` is accepted (its note is `motivo`).
    /// Files signed with an old key before `when` keep counting. Refused (false) for a demo
    /// key, a key that was retired already, an empty `motivo` or a `when` that is not an
    /// RFC 3339 moment (see [`check_retirement`]). Returns whether anything changed.
    pub fn replace(
        &mut self,
        ente_id: &str,
        nome: &str,
        new_key: &str,
        when: &str,
        motivo: &str,
    ) -> bool {
        if super::demo_keys::is_demo_key(ente_id, new_key)
            || motivo.trim().is_empty()
            || rfc3339_instant(when).is_none()
        {
            return false;
        }
        let entry = self.ente_entry(ente_id, nome);
        let mut changed = false;
        match entry.chiavi.iter().find(|k| k.chiave_pubblica == new_key) {
            // A retired key does not come back: the ente makes another one.
            Some(existing) if !existing.is_active() => return false,
            Some(_) => {}
            None => {
                entry
                    .chiavi
                    .push(TrustedKey::accepted(new_key, when, motivo));
                changed = true;
            }
        }
        for old in entry
            .chiavi
            .iter_mut()
            .filter(|k| k.is_active() && k.chiave_pubblica != new_key)
        {
            old.ritirata = Some(Retirement {
                dal: when.to_owned(),
                come: RetirementKind::Sostituita,
                motivo: motivo.to_owned(),
            });
            changed = true;
        }
        changed
    }

    /// A key of the ente (named by its public key or its fingerprint) was lost or stolen:
    /// files it signed from `from` on no longer count; it stays in the registry as revoked.
    /// A replaced key can be revoked too, from the earlier of the two moments. Refused
    /// (false) for an unknown key, a key revoked already, an empty `motivo` or a `from` that
    /// is not an RFC 3339 moment (see [`check_retirement`]). Returns whether anything changed.
    pub fn revoke(&mut self, ente_id: &str, key: &str, from: &str, motivo: &str) -> bool {
        let Some(from_instant) = rfc3339_instant(from) else {
            return false;
        };
        if motivo.trim().is_empty() {
            return false;
        }
        let Some(found) = self
            .enti
            .get_mut(ente_id)
            .and_then(|e| e.chiavi.iter_mut().find(|k| k.is_named_by(key)))
        else {
            return false;
        };
        let from = match &found.ritirata {
            Some(r) if r.come == RetirementKind::Revocata => return false,
            Some(replaced) if rfc3339_instant(&replaced.dal).is_some_and(|d| d < from_instant) => {
                replaced.dal.clone()
            }
            _ => from.to_owned(),
        };
        found.ritirata = Some(Retirement {
            dal: from,
            come: RetirementKind::Revocata,
            motivo: motivo.to_owned(),
        });
        true
    }

    /// The keys whose ente (name or id) or fingerprint contains `query` (case and spaces
    /// ignored; every key when it is empty), in the registry's order, at most `limit` of them,
    /// with how many match in all: what the key list shows, so that a registry of 100,000 keys
    /// is searched, not rendered whole.
    pub fn keys_matching(&self, query: &str, limit: usize) -> KeysFound<'_> {
        let fold = |text: &str| -> String {
            text.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let query = fold(query);
        let query = query.as_str();
        let matching = self.enti.iter().flat_map(move |(id, ente)| {
            let ente_matches =
                query.is_empty() || fold(&ente.nome).contains(query) || id.contains(query);
            ente.chiavi
                .iter()
                .filter(move |k| ente_matches || fold(&k.impronta).to_lowercase().contains(query))
                .map(move |k| (id.as_str(), ente, k))
        });
        let mut found = KeysFound {
            shown: Vec::new(),
            total: 0,
        };
        for key in matching {
            if found.shown.len() < limit {
                found.shown.push(key);
            }
            found.total += 1;
        }
        found
    }

    /// The registry without any demo key: an older version of the app exported them with
    /// the registry, and a demo key must never be trusted for real work.
    pub fn without_demo_keys(mut self) -> TrustRegistry {
        for (id, ente) in self.enti.iter_mut() {
            ente.chiavi
                .retain(|k| !super::demo_keys::is_demo_key(id, &k.chiave_pubblica));
        }
        self.enti
            .retain(|_, e| !e.chiavi.is_empty() || !e.firmatari.is_empty());
        self
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a registry always serialises")
    }

    /// The registry as a file the capofila exports: [`TrustRegistry::to_json`] saying which
    /// copy of the app wrote it (`scritto_da`); the browser keeps the plain form.
    pub fn to_file_json(&self) -> String {
        crate::file_json_with_writer(self)
    }

    /// Imports a registry file (version 1 to 3), refusing anything that is not one: a key
    /// whose fingerprint does not match, a retirement without a reason or a readable date, a
    /// signer whose codice fiscale is not one or who is in office twice. A version 1 or 2
    /// registry comes back as version 3, the version it is written in again.
    pub fn from_json(text: &str) -> Result<TrustRegistry, Bilingual> {
        let mut value = crate::strict_json::parse(text).map_err(|e| e.plain())?;
        crate::strip_writer(&mut value);
        let mut registry: TrustRegistry = serde_json::from_value(value).map_err(|e| {
            Bilingual::new(
                format!("non è un registro delle chiavi di Offerta Abitativa: {e}"),
                format!("not an Offerta Abitativa key registry: {e}"),
            )
        })?;
        if registry.formato == REGISTRY_FORMAT_NAME && registry.versione > REGISTRY_FORMAT_VERSION {
            return Err(Bilingual::new(
                format!(
                    "registro delle chiavi di una versione più recente dell'app (versione {}, questa legge fino alla {REGISTRY_FORMAT_VERSION}): aggiornare l'app",
                    registry.versione
                ),
                format!(
                    "key registry of a newer version of the app (version {}, this one reads up to {REGISTRY_FORMAT_VERSION}): update the app",
                    registry.versione
                ),
            ));
        }
        let known_version =
            (OLDEST_REGISTRY_VERSION_READ..=REGISTRY_FORMAT_VERSION).contains(&registry.versione);
        if registry.formato != REGISTRY_FORMAT_NAME || !known_version {
            return Err(Bilingual::new(
                format!(
                    "registro in formato «{}» versione {}: atteso {REGISTRY_FORMAT_NAME} versione da {OLDEST_REGISTRY_VERSION_READ} a {REGISTRY_FORMAT_VERSION}",
                    registry.formato, registry.versione
                ),
                format!(
                    "registry in format «{}» version {}: expected {REGISTRY_FORMAT_NAME} version {OLDEST_REGISTRY_VERSION_READ} to {REGISTRY_FORMAT_VERSION}",
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
                if let Some(retirement) = &key.ritirata {
                    let what = (
                        format!("chiave {}", key.impronta),
                        format!("key {}", key.impronta),
                    );
                    check_imported_retirement(id, &what, retirement, registry.versione)?;
                }
            }
            signers::check_imported(id, ente, registry.versione)?;
        }
        registry.versione = REGISTRY_FORMAT_VERSION;
        Ok(registry)
    }
}

/// A retirement read from a file: of a key or a signer (`what`, as «chiave …» and «key …»).
fn check_imported_retirement(
    id: &str,
    what: &(String, String),
    retirement: &Retirement,
    versione: u32,
) -> Result<(), Bilingual> {
    let (it, en) = what;
    if versione < 2 {
        return Err(Bilingual::new(
            format!("ente {id}, {it}: un registro versione {versione} non può avere chiavi ritirate («ritirata»)"),
            format!("ente {id}, {en}: a version {versione} registry cannot have retired keys («ritirata»)"),
        ));
    }
    if retirement.motivo.trim().is_empty() {
        return Err(Bilingual::new(
            format!("ente {id}, {it}: manca il motivo del ritiro"),
            format!("ente {id}, {en}: the reason for the retirement is missing"),
        ));
    }
    if rfc3339_instant(&retirement.dal).is_none() {
        return Err(Bilingual::new(
            format!(
                "ente {id}, {it}: la data del ritiro «{}» non è una data valida",
                retirement.dal
            ),
            format!(
                "ente {id}, {en}: the retirement date «{}» is not a valid date",
                retirement.dal
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_key_list_finds_keys_by_ente_or_fingerprint_and_shows_at_most_the_limit() {
        let mut registry = TrustRegistry::default();
        for n in 0..250u8 {
            let key = super::super::SigningKey::from_bytes(&[n; 32]);
            let public = super::super::multikey::public_key_multibase(&key.verifying_key());
            registry.accept(
                &format!("9{n:05}"),
                &format!("Ente {n}"),
                &public,
                "2026-01-01T00:00:00Z",
                "prova",
            );
        }
        let all = registry.keys_matching("", 100);
        assert_eq!((all.shown.len(), all.total), (100, 250));
        assert_eq!(all.shown[0].0, "900000", "the registry's order");
        // A part of the name: «ente 17» is in Ente 17 and Ente 170-179.
        let some = registry.keys_matching("ente 17", 100);
        assert_eq!(some.total, 11);
        assert_eq!(some.shown[0].1.nome, "Ente 17");
        let fingerprint = registry.enti["900042"].chiavi[0].impronta.clone();
        // Typed in lower case, without the dashes' spacing: found all the same.
        let typed = fingerprint.to_lowercase();
        let by_print = registry.keys_matching(&typed[..9], 100);
        assert!(
            by_print.shown.iter().any(|(id, ..)| *id == "900042"),
            "{typed}"
        );
        assert_eq!(registry.keys_matching("900042", 100).total, 1);
        assert_eq!(registry.keys_matching("nessuno", 100).total, 0);
    }

    use super::*;

    const KEY_A: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    const KEY_B: &str = "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
    /// A third key, valid like the others.
    fn key_c() -> String {
        let key = crate::signing::SigningKey::from_bytes(&[3; 32]);
        crate::signing::multikey::public_key_multibase(&key.verifying_key())
    }

    const SIGNED: Option<&str> = Some("2026-11-24T10:00:00Z");

    #[test]
    fn keys_are_unknown_until_accepted_and_others_then_mismatch() {
        let mut r = TrustRegistry::default();
        assert_eq!(r.status("019035", KEY_A, SIGNED), KeyStatus::Unknown);
        assert!(r.accept("019035", "Comune di Crema", KEY_A, "2026-11-23", "PEC"));
        assert!(!r.accept("019035", "Comune di Crema", KEY_A, "2026-11-23", "PEC"));
        assert_eq!(r.status("019035", KEY_A, SIGNED), KeyStatus::Trusted);
        assert_eq!(
            r.status("019035", KEY_B, SIGNED),
            KeyStatus::Mismatch(vec![fingerprint(KEY_A)])
        );
        assert_eq!(
            r.status("019002", KEY_A, SIGNED),
            KeyStatus::Unknown,
            "a key is trusted per ente"
        );
    }

    #[test]
    fn a_revoked_key_stays_in_the_registry_and_counts_only_before_its_date() {
        let mut r = TrustRegistry::default();
        r.accept(
            "019035",
            "Comune di Crema",
            KEY_A,
            "2026-11-23T10:00:00Z",
            "PEC",
        );
        let from = "2026-12-01T00:00:00Z";
        assert!(
            !r.revoke("019035", KEY_A, from, " "),
            "a reason is required"
        );
        assert!(!r.revoke("019035", KEY_A, "01/12/2026", "PC rubato"));
        assert!(
            !r.revoke("019002", KEY_A, from, "PC rubato"),
            "another ente's"
        );
        // Named by its fingerprint as pasted from a PEC, in lower case with spaces.
        let typed = fingerprint(KEY_A).to_lowercase().replace('-', " ");
        assert!(r.revoke("019035", &typed, from, "PC rubato"));
        assert!(
            !r.revoke("019035", KEY_A, from, "PC rubato"),
            "revoked already"
        );
        let kept = &r.enti["019035"].chiavi;
        assert_eq!(kept.len(), 1, "kept as history");
        let revoked = Retirement {
            dal: from.into(),
            come: RetirementKind::Revocata,
            motivo: "PC rubato".into(),
        };
        assert_eq!(kept[0].ritirata, Some(revoked.clone()));
        assert_eq!(
            r.status("019035", KEY_A, Some("2026-11-30T23:59:59Z")),
            KeyStatus::Trusted,
            "signed before the revocation"
        );
        assert_eq!(
            r.status("019035", KEY_A, Some("2026-12-01T00:59:00+01:00")),
            KeyStatus::Trusted,
            "23:59 UTC, written with an offset, is still before"
        );
        for after in [Some(from), Some("2026-12-05T10:00:00Z"), Some("ieri"), None] {
            assert_eq!(
                r.status("019035", KEY_A, after),
                KeyStatus::Retired(revoked.clone()),
                "{after:?}"
            );
        }
        assert_eq!(
            r.status("019035", KEY_B, SIGNED),
            KeyStatus::Unknown,
            "no key in use: a new one is accepted as a first one"
        );
        assert_eq!(
            revoked.describe().it,
            "revocata dal 01/12/2026 (motivo: PC rubato)"
        );
        assert!(!r.accept("019035", "Comune di Crema", KEY_A, SIGNED.unwrap(), ""));
    }

    #[test]
    fn replacing_retires_the_keys_in_use_and_a_mismatch_then_names_only_the_new_one() {
        let mut r = TrustRegistry::default();
        r.accept(
            "019035",
            "Comune di Crema",
            KEY_A,
            "2026-11-23T10:00:00Z",
            "PEC",
        );
        let when = "2026-12-01T10:00:00Z";
        assert!(!r.replace("019035", "Comune di Crema", KEY_B, when, ""));
        assert!(!r.replace("019035", "Comune di Crema", KEY_B, "domani", "PC nuovo"));
        assert!(r.replace("019035", "Comune di Crema", KEY_B, when, "PC nuovo"));
        assert!(!r.replace("019035", "Comune di Crema", KEY_B, when, "PC nuovo"));
        let keys = &r.enti["019035"].chiavi;
        assert_eq!(keys.len(), 2);
        let replaced = Retirement {
            dal: when.into(),
            come: RetirementKind::Sostituita,
            motivo: "PC nuovo".into(),
        };
        assert_eq!(keys[0].ritirata, Some(replaced.clone()));
        assert_eq!(
            (keys[1].is_active(), keys[1].nota.as_str()),
            (true, "PC nuovo")
        );
        assert_eq!(
            r.status("019035", KEY_A, Some("2026-11-30T10:00:00Z")),
            KeyStatus::Trusted
        );
        assert_eq!(
            r.status("019035", KEY_A, Some("2026-12-02T10:00:00Z")),
            KeyStatus::Retired(replaced)
        );
        assert_eq!(r.status("019035", KEY_B, Some(when)), KeyStatus::Trusted);
        assert_eq!(
            r.status("019035", &key_c(), SIGNED),
            KeyStatus::Mismatch(vec![fingerprint(KEY_B)]),
            "only the key in use"
        );
        // The old PC turns out stolen the week before: revoked from then.
        assert!(r.revoke("019035", KEY_A, "2026-11-25T00:00:00Z", "PC rubato"));
        assert_eq!(
            r.status("019035", KEY_A, Some("2026-11-30T10:00:00Z")),
            KeyStatus::Retired(Retirement {
                dal: "2026-11-25T00:00:00Z".into(),
                come: RetirementKind::Revocata,
                motivo: "PC rubato".into(),
            })
        );
        // A retired key does not come back by a replacement.
        assert!(!r.replace("019035", "Comune di Crema", KEY_A, when, "di nuovo"));
        let found = r
            .find_by_fingerprint(&fingerprint(KEY_B).to_lowercase())
            .unwrap();
        assert_eq!(
            (found.ente_id, found.key.chiave_pubblica.as_str()),
            ("019035", KEY_B)
        );
        assert!(r.find_by_fingerprint("0000-0000-0000-0000-0000").is_none());
    }

    #[test]
    fn a_demo_key_never_replaces_a_key() {
        use crate::signing::multikey::public_key_multibase;
        let demo =
            public_key_multibase(&crate::signing::demo_keys::demo_key("019035").verifying_key());
        let mut r = TrustRegistry::default();
        r.accept(
            "019035",
            "Comune di Crema",
            KEY_A,
            "2026-11-23T10:00:00Z",
            "PEC",
        );
        assert!(!r.replace(
            "019035",
            "Comune di Crema",
            &demo,
            "2026-12-01T10:00:00Z",
            "x"
        ));
        assert!(r.enti["019035"].chiavi.iter().all(TrustedKey::is_active));
    }

    #[test]
    fn a_version_1_registry_still_reads_and_is_written_as_version_3() {
        // As version 1 of the app wrote it (tests/corpus/registro.json is another).
        let v1 = format!(
            r#"{{"formato": "offerta-abitativa/registro-chiavi", "versione": 1,
                "enti": {{"019035": {{"nome": "Comune di Crema", "chiavi": [
                  {{"chiave_pubblica": "{KEY_A}", "impronta": "{}",
                    "accettata_il": "2026-11-23T05:20:00Z", "nota": "PEC"}}]}}}}}}"#,
            fingerprint(KEY_A)
        );
        let r = TrustRegistry::from_json(&v1).unwrap();
        assert_eq!(r.status("019035", KEY_A, SIGNED), KeyStatus::Trusted);
        assert_eq!(r.versione, REGISTRY_FORMAT_VERSION);
        assert!(r
            .enti
            .values()
            .flat_map(|e| &e.chiavi)
            .all(TrustedKey::is_active));
        let written = r.to_json();
        assert!(written.contains("\"versione\": 3") && !written.contains("ritirata"));
        assert!(!written.contains("firmatari"), "no signers, none written");
        assert_eq!(TrustRegistry::from_json(&written).unwrap(), r);
    }

    #[test]
    fn a_version_2_registry_round_trips_and_refuses_a_retirement_without_reason_or_date() {
        let mut r = TrustRegistry::default();
        r.accept(
            "019035",
            "Comune di Crema",
            KEY_A,
            "2026-11-23T10:00:00Z",
            "PEC",
        );
        r.replace(
            "019035",
            "Comune di Crema",
            KEY_B,
            "2026-12-01T10:00:00Z",
            "PC nuovo",
        );
        r.accept(
            "019002",
            "Comune di Agnadello",
            &key_c(),
            "2026-11-23T10:00:00Z",
            "PEC",
        );
        r.revoke("019002", &key_c(), "2026-12-02T00:00:00Z", "PC rubato");
        let text = r.to_json();
        assert!(
            text.contains("\"come\": \"sostituita\"") && text.contains("\"come\": \"revocata\"")
        );
        assert_eq!(TrustRegistry::from_json(&text).unwrap(), r);

        let refused = |text: String| TrustRegistry::from_json(&text).unwrap_err();
        let err = refused(text.replace("\"PC rubato\"", "\"  \""));
        assert!(err.it.contains("manca il motivo"), "{err}");
        assert!(
            err.en.contains("reason for the retirement is missing"),
            "{}",
            err.en
        );
        let err = refused(text.replace("2026-12-02T00:00:00Z", "02/12/2026"));
        assert!(
            err.it.contains("«02/12/2026» non è una data valida"),
            "{err}"
        );
        assert!(err.en.contains("not a valid date"), "{}", err.en);
        assert!(refused(text.replace("\"revocata\"", "\"persa\""))
            .it
            .contains("non è un registro"));
        let err = refused(text.replace("\"versione\": 3", "\"versione\": 1"));
        assert!(err.it.contains("non può avere chiavi ritirate"), "{err}");
        assert!(
            TrustRegistry::from_json(&text.replace("\"versione\": 3", "\"versione\": 2")).is_ok()
        );
        let err = refused(text.replace("\"versione\": 3", "\"versione\": 4"));
        assert!(err.it.contains("aggiornare l'app"), "{err}");
        assert!(err.en.contains("update the app"), "{}", err.en);
        let extra = text.replacen(
            "\"motivo\": \"PC nuovo\"",
            "\"motivo\": \"PC nuovo\", \"da\": \"x\"",
            1,
        );
        assert!(refused(extra).it.contains("unknown field"));
    }

    #[test]
    fn demo_keys_are_never_accepted_and_are_dropped_from_old_registries() {
        use crate::signing::multikey::public_key_multibase;
        let demo =
            public_key_multibase(&crate::signing::demo_keys::demo_key("019035").verifying_key());
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
            ritirata: None,
        });
        let cleaned = r.without_demo_keys();
        assert_eq!(cleaned.enti["019035"].chiavi.len(), 1);
        assert_eq!(cleaned.status("019035", KEY_A, SIGNED), KeyStatus::Trusted);
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
