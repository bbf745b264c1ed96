//! Who signs for whom: the people the capofila accepted as signing for an ente with a firma
//! digitale (a `.p7m`), kept by codice fiscale in the registry (version 3, `firmatari`).
//!
//! A qualified certificate says who a person is (name, codice fiscale), not that the person
//! may sign for a comune: the first time someone signs for an ente, the capofila confirms it
//! once ([`TrustRegistry::accept_signer`], «MARIA BIANCHI firma per il Comune di
//! Castelleone»), or in one go for every signer whose certificate names the ente as its
//! organisation ([`TrustRegistry::accept_signers_naming_their_ente`]). As with keys, nobody is
//! deleted: a signer who leaves office is *sostituito* ([`TrustRegistry::replace_signer`]),
//! one who must no longer count (never authorised, smart card misused) *revocato*
//! ([`TrustRegistry::revoke_signer`]); files signed before that moment still count.

use serde::{Deserialize, Serialize};

use super::{Retirement, RetirementKind, TrustRegistry, TrustedEnte};
use crate::signing::qualified::QualifiedSigner;
use crate::signing::rfc3339_instant;
use crate::text::Bilingual;

/// A person accepted as signing for an ente with a firma digitale.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TrustedSigner {
    /// «MARIA BIANCHI», as the certificate said it when accepted (shown, not compared).
    pub nome_cognome: String,
    /// The person's codice fiscale, upper case, without `TINIT-`: what identifies the signer.
    pub codice_fiscale: String,
    /// When the capofila accepted the signer (RFC 3339).
    pub accettato_il: String,
    /// Why, in the capofila's words (e.g. «responsabile del servizio casa, PEC prot. 1402»).
    pub nota: String,
    /// Since when the signer no longer counts for the ente, and why; `None` while in office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ritirato: Option<Retirement>,
}

impl TrustedSigner {
    pub fn is_active(&self) -> bool {
        self.ritirato.is_none()
    }
}

/// What the registry says of a person signing a `.p7m` for an ente at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignerStanding {
    /// Accepted for the ente, and in office when the file was signed.
    Known,
    /// Not accepted for the ente yet: the capofila confirms it. `names_the_ente`: the
    /// certificate's organisation is the ente ([`organizzazione_names_ente`]), so the bulk
    /// confirmation may take it.
    ToConfirm { names_the_ente: bool },
    /// Accepted, but replaced or revoked before the file was signed (or the file has no
    /// signing time): the file does not count.
    Retired(Retirement),
}

/// The codice fiscale as the registry keeps it: trimmed, upper case, without the `TINIT-`
/// or `IT:` prefix certificates write; `None` unless it is 16 letters and digits (the
/// codice fiscale of a person, DPR 605/1973, art. 1; its check character is not verified:
/// the certificate's issuer vouched for it).
pub fn normalised_codice_fiscale(text: &str) -> Option<String> {
    let upper = text.trim().to_ascii_uppercase();
    let bare = upper
        .strip_prefix("TINIT-")
        .or_else(|| upper.strip_prefix("IT:"))
        .unwrap_or(&upper);
    (bare.len() == 16 && bare.chars().all(|c| c.is_ascii_alphanumeric())).then(|| bare.to_owned())
}

/// A name as compared by [`organizzazione_names_ente`]: composed and decomposed (Unicode
/// NFD) with its accents dropped, lower case, apostrophes, hyphens, dots and commas as
/// spaces, spaces collapsed, a leading «comune di» (or «comune») and a trailing province in
/// brackets («(CR)») left out.
fn name_for_matching(name: &str) -> String {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::UnicodeNormalization;
    let folded: String = name
        .nfd()
        .filter(|c| canonical_combining_class(*c) == 0)
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\'' | '\u{2019}' | '\u{2018}' | '`' | '-' | '\u{2010}' | '\u{2013}' | '.' | ',' => ' ',
            c => c,
        })
        .collect();
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    if words.len() > 2
        && words.last().is_some_and(|w| {
            w.len() == 4
                && w.starts_with('(')
                && w.ends_with(')')
                && w[1..3].chars().all(|c| c.is_ascii_alphabetic())
        })
    {
        words.pop();
    }
    let rest = match words.as_slice() {
        ["comune", "di", rest @ ..] if !rest.is_empty() => rest,
        ["comune", rest @ ..] if !rest.is_empty() => rest,
        all => all,
    };
    rest.join(" ")
}

/// Whether a certificate's organisation (`organizationName`) names the ente: equal once both
/// names are read the same way (see [`name_for_matching`]). «COMUNE DI CASTELLEONE»,
/// «Comune di Castelleone (CR)» and «Castelleone» name the Comune di Castelleone; «Comune di
/// Castelleone Cremasco» or «Regione Lombardia» do not. A certificate without organisation
/// names no ente.
pub fn organizzazione_names_ente(organizzazione: Option<&str>, ente_nome: &str) -> bool {
    organizzazione.is_some_and(|o| {
        let o = name_for_matching(o);
        !o.is_empty() && o == name_for_matching(ente_nome)
    })
}

/// The registry's note on a signer recorded by the bulk confirmation (the page's button): the
/// record says why nobody compared this signer one by one.
pub const BULK_CONFIRMATION_NOTE: &str =
    "conferma in blocco: l'organizzazione del certificato è l'ente per cui firma";

/// The confirmation the capofila gives with one click: «MARIA BIANCHI firma per il Comune
/// di Castelleone» (`ente_nome` as the registry names the ente).
pub fn signs_for(nome_cognome: &str, ente_nome: &str) -> Bilingual {
    let (per, for_) = if ente_nome.starts_with("Comune") {
        ("per il ", "for the ")
    } else if ente_nome.starts_with("ALER") {
        ("per l'", "for ")
    } else {
        ("per ", "for ")
    };
    Bilingual::new(
        format!("{nome_cognome} firma {per}{ente_nome}"),
        format!("{nome_cognome} signs {for_}{ente_nome}"),
    )
}

impl TrustRegistry {
    /// What the registry says of `signer` signing for the ente at `signed_at` (the
    /// signing-time of the `.p7m`, RFC 3339). A signer accepted again after a retirement
    /// counts from the new acceptance on: files signed while retired stay out.
    pub fn signer_standing(
        &self,
        ente_id: &str,
        ente_nome: &str,
        signer: &QualifiedSigner,
        signed_at: Option<&str>,
    ) -> SignerStanding {
        let to_confirm = || SignerStanding::ToConfirm {
            names_the_ente: organizzazione_names_ente(signer.organizzazione.as_deref(), ente_nome),
        };
        let Some(cf) = normalised_codice_fiscale(&signer.codice_fiscale) else {
            return to_confirm();
        };
        let entries: Vec<&TrustedSigner> = self
            .enti
            .get(ente_id)
            .map(|e| {
                e.firmatari
                    .iter()
                    .filter(|s| s.codice_fiscale == cf)
                    .collect()
            })
            .unwrap_or_default();
        let signed = signed_at.and_then(rfc3339_instant);
        let mut last_retirement = None;
        for (n, entry) in entries.iter().enumerate() {
            let from_acceptance = n == 0
                || matches!((signed, rfc3339_instant(&entry.accettato_il)), (Some(s), Some(a)) if s >= a);
            match &entry.ritirato {
                Some(r) if r.covers(signed_at) => last_retirement = Some(r.clone()),
                _ if from_acceptance => return SignerStanding::Known,
                _ => {}
            }
        }
        match last_retirement {
            Some(retirement) => SignerStanding::Retired(retirement),
            None => to_confirm(),
        }
    }

    /// Records that `signer` signs for the ente: the capofila's explicit confirmation, at
    /// `when` (RFC 3339). Refused (false) for a codice fiscale that is not one, a `when` that
    /// is not a moment, or a signer already in office for the ente. A retired signer may be
    /// accepted again: from `when` on (see [`TrustRegistry::signer_standing`]).
    pub fn accept_signer(
        &mut self,
        ente_id: &str,
        nome: &str,
        signer: &QualifiedSigner,
        when: &str,
        nota: &str,
    ) -> bool {
        let Some(cf) = normalised_codice_fiscale(&signer.codice_fiscale) else {
            return false;
        };
        if rfc3339_instant(when).is_none() {
            return false;
        }
        let entry = self.ente_entry(ente_id, nome);
        if entry
            .firmatari
            .iter()
            .any(|s| s.codice_fiscale == cf && s.is_active())
        {
            return false;
        }
        entry.firmatari.push(TrustedSigner {
            nome_cognome: signer.nome_cognome.trim().to_owned(),
            codice_fiscale: cf,
            accettato_il: when.to_owned(),
            nota: nota.to_owned(),
            ritirato: None,
        });
        true
    }

    /// The bulk confirmation: of `pending` (ente id, ente name as the registry names it,
    /// signer), accepts every signer whose certificate's organisation names the ente
    /// ([`organizzazione_names_ente`]); the others wait for a confirmation one by one.
    /// Returns how many were accepted.
    pub fn accept_signers_naming_their_ente<'a>(
        &mut self,
        pending: impl IntoIterator<Item = (&'a str, &'a str, &'a QualifiedSigner)>,
        when: &str,
        nota: &str,
    ) -> usize {
        pending
            .into_iter()
            .filter(|(_, nome, signer)| {
                organizzazione_names_ente(signer.organizzazione.as_deref(), nome)
            })
            .filter(|(id, nome, signer)| self.accept_signer(id, nome, signer, when, nota))
            .count()
    }

    /// A signer of the ente left office: `old` (a codice fiscale) is marked replaced from
    /// `when`, and `new` accepted (its note is `motivo`) unless in office already. Files `old`
    /// signed before `when` keep counting. Refused (false) when `old` is not in office for the
    /// ente, `new` is `old`, `motivo` is empty, or `when` is not an RFC 3339 moment.
    pub fn replace_signer(
        &mut self,
        ente_id: &str,
        old: &str,
        new: &QualifiedSigner,
        when: &str,
        motivo: &str,
    ) -> bool {
        let (Some(old), Some(new_cf)) = (
            normalised_codice_fiscale(old),
            normalised_codice_fiscale(&new.codice_fiscale),
        ) else {
            return false;
        };
        if old == new_cf || motivo.trim().is_empty() || rfc3339_instant(when).is_none() {
            return false;
        }
        let Some(ente) = self.enti.get_mut(ente_id) else {
            return false;
        };
        let Some(leaving) = ente
            .firmatari
            .iter_mut()
            .find(|s| s.codice_fiscale == old && s.is_active())
        else {
            return false;
        };
        leaving.ritirato = Some(Retirement {
            dal: when.to_owned(),
            come: RetirementKind::Sostituita,
            motivo: motivo.to_owned(),
        });
        let nome = ente.nome.clone();
        self.accept_signer(ente_id, &nome, new, when, motivo);
        true
    }

    /// A signer of the ente (by codice fiscale) must no longer count: files signed from
    /// `from` on do not. A replaced signer can be revoked too, from the earlier of the two
    /// moments. Refused (false) for a signer unknown for the ente, one revoked already, an
    /// empty `motivo` or a `from` that is not an RFC 3339 moment.
    pub fn revoke_signer(
        &mut self,
        ente_id: &str,
        codice_fiscale: &str,
        from: &str,
        motivo: &str,
    ) -> bool {
        let (Some(cf), Some(from_instant)) = (
            normalised_codice_fiscale(codice_fiscale),
            rfc3339_instant(from),
        ) else {
            return false;
        };
        if motivo.trim().is_empty() {
            return false;
        }
        // The signer's latest time in the registry: in office, or the last one retired.
        let Some(found) = self.enti.get_mut(ente_id).and_then(|e| {
            e.firmatari
                .iter_mut()
                .rev()
                .find(|s| s.codice_fiscale == cf)
        }) else {
            return false;
        };
        let from = match &found.ritirato {
            Some(r) if r.come == RetirementKind::Revocata => return false,
            Some(replaced) if rfc3339_instant(&replaced.dal).is_some_and(|d| d < from_instant) => {
                replaced.dal.clone()
            }
            _ => from.to_owned(),
        };
        found.ritirato = Some(Retirement {
            dal: from,
            come: RetirementKind::Revocata,
            motivo: motivo.to_owned(),
        });
        true
    }
}

/// The signers of an ente read from a registry file: none before version 3; each with a
/// codice fiscale as the registry keeps it, a name, a moment of acceptance, a well-formed
/// retirement, and in office at most once.
pub(super) fn check_imported(id: &str, ente: &TrustedEnte, versione: u32) -> Result<(), Bilingual> {
    if ente.firmatari.is_empty() {
        return Ok(());
    }
    if versione < super::FIRST_REGISTRY_VERSION_WITH_SIGNERS {
        return Err(Bilingual::new(
            format!(
                "ente {id}: un registro versione {versione} non può avere firmatari («firmatari»)"
            ),
            format!("ente {id}: a version {versione} registry cannot have signers («firmatari»)"),
        ));
    }
    for (n, signer) in ente.firmatari.iter().enumerate() {
        let cf = &signer.codice_fiscale;
        let what = (format!("firmatario {cf}"), format!("signer {cf}"));
        let fail = |it: &str, en: &str| {
            Err(Bilingual::new(
                format!("ente {id}, {}: {it}", what.0),
                format!("ente {id}, {}: {en}", what.1),
            ))
        };
        if normalised_codice_fiscale(cf).as_ref() != Some(cf) {
            return fail(
                "il codice fiscale non è di 16 lettere e cifre maiuscole",
                "the codice fiscale is not 16 upper-case letters and digits",
            );
        }
        if signer.nome_cognome.trim().is_empty() {
            return fail("manca il nome e cognome", "the name is missing");
        }
        if rfc3339_instant(&signer.accettato_il).is_none() {
            return fail(
                "la data di accettazione non è una data valida",
                "the date of acceptance is not a valid date",
            );
        }
        if signer.is_active()
            && ente.firmatari[..n]
                .iter()
                .any(|s| s.codice_fiscale == *cf && s.is_active())
        {
            return fail(
                "compare due volte come firmatario in carica",
                "appears twice as a signer in office",
            );
        }
        if let Some(retirement) = &signer.ritirato {
            super::check_imported_retirement(id, &what, retirement, versione)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
