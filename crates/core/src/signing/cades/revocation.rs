//! Certificate revocation lists (CRLs, RFC 5280 section 5) the capofila loads, and the
//! revocation check of a `.p7m`'s chain against them.
//!
//! The app works offline: it fetches no CRL and asks no OCSP responder. A CRL counts only
//! when its signature verifies with the certificate of its issuer (a trust anchor or an
//! intermediate the `.p7m` carries, with the verifier's algorithms and weak-algorithm
//! refusals) and it is current at the caller's `now` (thisUpdate <= now <= nextUpdate). A
//! certificate a current CRL of its issuer lists is revoked and the file refused; one it
//! does not list is «non revocato secondo la lista di revoca di <CA> del …»; without such a
//! CRL the check is said not done, with the reason (none loaded, out of date, not signed by
//! the CA, covering other certificates).
//!
//! Strict whatever the revocation date: a CAdES-BES file carries no timestamp, so its signing
//! time is the signer's own claim, written by the same key the revocation says may be in
//! someone else's hands. A file «signed» before a revocation date could have been made
//! afterwards with a back-dated clock; only a trusted timestamp (CAdES-T) could prove
//! otherwise, and the app does not read one (docs/SECURITY.md).

use std::collections::BTreeMap;

use der::asn1::ObjectIdentifier as Oid;
use der::{Decode, Encode};
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::crl::dp::IssuingDistributionPoint;
use x509_cert::ext::pkix::crl::CrlDistributionPoints;
use x509_cert::ext::pkix::KeyUsage;
use x509_cert::name::Name;
use x509_cert::Certificate;

use super::algorithms::{self, Scheme};
use super::chain;
use super::error::Holder;
use super::CadesError;
use crate::signing::rfc3339_utc;
use crate::text::{day_of, Bilingual, Message};

/// The largest CRL read: the biggest Italian qualified CAs publish lists of a few
/// megabytes; anything far larger is refused before it is parsed.
pub const MAX_CRL_BYTES: usize = 32 * 1024 * 1024;

const CRL_NUMBER: Oid = Oid::new_unwrap("2.5.29.20");
const AUTHORITY_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.35");
const ISSUER_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.18");
const ISSUING_DISTRIBUTION_POINT: Oid = Oid::new_unwrap("2.5.29.28");
const DELTA_CRL_INDICATOR: Oid = Oid::new_unwrap("2.5.29.27");
const FRESHEST_CRL: Oid = Oid::new_unwrap("2.5.29.46");
const REASON_CODE: Oid = Oid::new_unwrap("2.5.29.21");
const INVALIDITY_DATE: Oid = Oid::new_unwrap("2.5.29.24");
const CRL_DISTRIBUTION_POINTS: Oid = Oid::new_unwrap("2.5.29.31");
const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
/// CRLReason certificateHold: the certificate is suspended, not (yet) revoked.
const CERTIFICATE_HOLD: u8 = 6;

/// A CRL read from a file: who issued it, when, until when, and what it lists.
#[derive(Clone, Debug)]
pub struct RevocationList {
    pub file_name: String,
    /// SHA-256 of the DER: two lists are the same list when these are equal.
    sha256: Vec<u8>,
    issuer: Name,
    /// The issuing CA as messages name it (its organizationName, else its CN), as a signer's
    /// «certificato qualificato di <CA>» does.
    pub certificatore: String,
    /// thisUpdate, seconds since the Unix epoch.
    pub this_update: u64,
    /// nextUpdate; a list without one is never current (RFC 5280 asks every CA for it).
    pub next_update: Option<u64>,
    /// Serial number (DER content bytes) -> (revocation date, suspended only).
    revoked: BTreeMap<Vec<u8>, (u64, bool)>,
    scheme: Scheme,
    /// The digest of the signed part (tbsCertList) by `scheme`'s digest, computed once.
    hashed: Vec<u8>,
    signature: Vec<u8>,
    scope: Option<IssuingDistributionPoint>,
}

impl PartialEq for RevocationList {
    fn eq(&self, other: &Self) -> bool {
        self.sha256 == other.sha256 && self.file_name == other.file_name
    }
}

impl Eq for RevocationList {}

/// Why a file is not a CRL the app can use at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrlError {
    TooLarge(usize),
    /// Not an X.509 CRL in DER or PEM: where reading stopped.
    NotCrl(String),
    /// A delta CRL lists only the changes since a full one: it cannot say «not revoked».
    Delta,
    /// A critical extension the app does not understand (RFC 5280 asks to refuse the list).
    UnknownCriticalExtension(String),
    /// The list's signature algorithm is weak or unknown.
    Algorithm(CadesError),
}

impl CrlError {
    pub fn message(&self) -> Message {
        let plain = match self {
            CrlError::TooLarge(size) => Bilingual::new(
                format!("il file è troppo grande per una lista di revoca ({} MB, al massimo {} MB)", size / 1_048_576, MAX_CRL_BYTES / 1_048_576),
                format!("the file is too large for a revocation list ({} MB, at most {} MB)", size / 1_048_576, MAX_CRL_BYTES / 1_048_576),
            ),
            CrlError::NotCrl(_) => Bilingual::new(
                "il file non è una lista di revoca (CRL) leggibile: scaricare dal sito del certificatore il file .crl",
                "the file is not a readable certificate revocation list (CRL): download the .crl file from the certification authority's site",
            ),
            CrlError::Delta => Bilingual::new(
                "è una lista di revoca parziale (delta CRL), che elenca solo le ultime revoche: caricare la lista completa del certificatore",
                "it is a partial revocation list (delta CRL), listing only the latest revocations: load the certification authority's full list",
            ),
            CrlError::UnknownCriticalExtension(_) => Bilingual::new(
                "la lista di revoca contiene un'estensione critica che l'app non conosce: non è usata",
                "the revocation list carries a critical extension the app does not know: it is not used",
            ),
            CrlError::Algorithm(e) => {
                let inner = e.message().plain;
                Bilingual::new(
                    format!("la firma della lista di revoca: {}", inner.it),
                    format!("the revocation list's signature: {}", inner.en),
                )
            }
        };
        let detail = match self {
            CrlError::NotCrl(d) | CrlError::UnknownCriticalExtension(d) => {
                Some(Bilingual::new(d.clone(), d.clone()))
            }
            CrlError::Algorithm(e) => e.message().technical,
            _ => None,
        };
        Message::from(plain).with_technical(detail)
    }
}

impl std::fmt::Display for CrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().italian())
    }
}

impl std::error::Error for CrlError {}

/// Reads a CRL (DER, or PEM `-----BEGIN X509 CRL-----`) loaded from `file_name`. Nothing is
/// trusted yet: its signature is checked against the issuer's certificate when it is used.
pub fn read_crl(bytes: &[u8], file_name: &str) -> Result<RevocationList, CrlError> {
    if bytes.len() > MAX_CRL_BYTES {
        return Err(CrlError::TooLarge(bytes.len()));
    }
    let der = super::der_of(bytes).map_err(|_| CrlError::NotCrl("neither DER nor PEM".into()))?;
    let list = CertificateList::from_der(&der)
        .map_err(|e| CrlError::NotCrl(format!("CertificateList: {e}")))?;
    let tbs = &list.tbs_cert_list;
    let mut scope = None;
    for extension in tbs.crl_extensions.iter().flatten() {
        match extension.extn_id {
            DELTA_CRL_INDICATOR => return Err(CrlError::Delta),
            ISSUING_DISTRIBUTION_POINT => {
                scope = Some(
                    IssuingDistributionPoint::from_der(extension.extn_value.as_bytes())
                        .map_err(|e| CrlError::NotCrl(format!("issuingDistributionPoint: {e}")))?,
                );
            }
            CRL_NUMBER | AUTHORITY_KEY_IDENTIFIER | ISSUER_ALT_NAME | FRESHEST_CRL => {}
            other if extension.critical => {
                return Err(CrlError::UnknownCriticalExtension(format!(
                    "CRL extension {other}"
                )))
            }
            _ => {}
        }
    }
    let mut revoked = BTreeMap::new();
    for entry in tbs.revoked_certificates.iter().flatten() {
        let mut suspended = false;
        for extension in entry.crl_entry_extensions.iter().flatten() {
            match extension.extn_id {
                REASON_CODE => {
                    // CRLReason is an ENUMERATED: tag 10, length 1, the code.
                    suspended = extension.extn_value.as_bytes() == [0x0A, 0x01, CERTIFICATE_HOLD];
                }
                INVALIDITY_DATE => {}
                other if extension.critical => {
                    // certificateIssuer (an indirect CRL) among them: the entry may be
                    // another CA's certificate, which the app cannot tell.
                    return Err(CrlError::UnknownCriticalExtension(format!(
                        "CRL entry extension {other}"
                    )));
                }
                _ => {}
            }
        }
        revoked.insert(
            entry.serial_number.as_bytes().to_vec(),
            (
                entry.revocation_date.to_unix_duration().as_secs(),
                suspended,
            ),
        );
    }
    let scheme = Scheme::of(&list.signature_algorithm, None).map_err(CrlError::Algorithm)?;
    let signed = tbs
        .to_der()
        .map_err(|e| CrlError::NotCrl(format!("tbsCertList: {e}")))?;
    Ok(RevocationList {
        file_name: file_name.to_owned(),
        sha256: super::algorithms::Digest::Sha256.hash(&der),
        certificatore: certificatore_of(&tbs.issuer),
        issuer: tbs.issuer.clone(),
        this_update: tbs.this_update.to_unix_duration().as_secs(),
        next_update: tbs.next_update.map(|t| t.to_unix_duration().as_secs()),
        revoked,
        hashed: scheme.digest().hash(&signed),
        scheme,
        signature: list.signature.raw_bytes().to_vec(),
        scope,
    })
}

/// How a CA is named in messages: its organizationName, else its CN.
fn certificatore_of(name: &Name) -> String {
    super::identity::attribute(name, super::identity::ORGANIZATION)
        .or_else(|| super::identity::attribute(name, super::identity::COMMON_NAME))
        .unwrap_or_else(|| name.to_string())
}

/// What the revocation check found for one signer's certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// A current CRL of the issuer, whose signature holds, does not list the certificate.
    NotRevoked {
        certificatore: String,
        /// The list's thisUpdate (RFC 3339).
        list_of: String,
    },
    /// No CRL could say: why.
    NotChecked {
        certificatore: String,
        why: Unchecked,
    },
}

/// Why a certificate's revocation was not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unchecked {
    /// No CRL loaded names its issuer.
    NoList,
    /// The issuer's list is out of date at `now` (its nextUpdate, RFC 3339; none if absent).
    Stale { next_update: Option<String> },
    /// The issuer's list starts after `now` (its thisUpdate).
    NotYetCurrent { this_update: String },
    /// A list naming the issuer whose signature does not verify with the issuer's key.
    NotSignedByIssuer,
    /// The issuer's certificate may not sign CRLs (keyUsage without cRLSign).
    IssuerMayNotSignLists,
    /// The issuer's list covers other certificates (issuingDistributionPoint).
    OtherScope,
}

impl Revocation {
    /// «non revocato secondo la lista di revoca di <CA> del GG/MM/AAAA» or «revoca non
    /// controllata (…)».
    pub fn described(&self) -> Bilingual {
        match self {
            Revocation::NotRevoked {
                certificatore,
                list_of,
            } => Bilingual::new(
                format!(
                    "non revocato secondo la lista di revoca di {certificatore} del {}",
                    day_of(list_of)
                ),
                format!(
                    "not revoked according to the revocation list of {certificatore} of {}",
                    day_of(list_of)
                ),
            ),
            Revocation::NotChecked { certificatore, why } => {
                let (it, en) = match why {
                    Unchecked::NoList => (
                        format!("nessuna lista di revoca caricata per {certificatore}"),
                        format!("no revocation list loaded for {certificatore}"),
                    ),
                    Unchecked::Stale { next_update: Some(next) } => (
                        format!("la lista di revoca di {certificatore} caricata è scaduta il {}", day_of(next)),
                        format!("the revocation list of {certificatore} loaded expired on {}", day_of(next)),
                    ),
                    Unchecked::Stale { next_update: None } => (
                        format!("la lista di revoca di {certificatore} caricata non dice fino a quando vale"),
                        format!("the revocation list of {certificatore} loaded does not say until when it holds"),
                    ),
                    Unchecked::NotYetCurrent { this_update } => (
                        format!("la lista di revoca di {certificatore} caricata vale dal {}", day_of(this_update)),
                        format!("the revocation list of {certificatore} loaded holds from {}", day_of(this_update)),
                    ),
                    Unchecked::NotSignedByIssuer => (
                        format!("la lista di revoca caricata per {certificatore} non è firmata da {certificatore}: non usata"),
                        format!("the revocation list loaded for {certificatore} is not signed by {certificatore}: not used"),
                    ),
                    Unchecked::IssuerMayNotSignLists => (
                        format!("il certificato di {certificatore} non può firmare liste di revoca: lista non usata"),
                        format!("the certificate of {certificatore} may not sign revocation lists: list not used"),
                    ),
                    Unchecked::OtherScope => (
                        format!("la lista di revoca di {certificatore} caricata riguarda altri certificati"),
                        format!("the revocation list of {certificatore} loaded covers other certificates"),
                    ),
                };
                Bilingual::new(
                    format!("revoca non controllata ({it})"),
                    format!("revocation not checked ({en})"),
                )
            }
        }
    }
}

/// What one list says of one certificate issued by `issuer`.
enum Verdict {
    Revoked {
        on: u64,
        suspended: bool,
        list_of: u64,
    },
    NotListed {
        list_of: u64,
    },
    Unusable(Unchecked),
}

impl RevocationList {
    /// Whether the list's signature verifies with `issuer`'s key (its algorithm accepted).
    pub fn signed_by(&self, issuer: &Certificate) -> bool {
        algorithms::verify_hashed(
            &issuer.tbs_certificate.subject_public_key_info,
            self.scheme,
            &self.hashed,
            &self.signature,
        )
        .is_ok()
    }

    /// Whether the list is current at `now` (seconds since the Unix epoch).
    pub fn is_current(&self, now: u64) -> bool {
        self.this_update <= now && self.next_update.is_some_and(|next| now <= next)
    }

    /// How many certificates the list names.
    pub fn revoked_count(&self) -> usize {
        self.revoked.len()
    }

    /// Whether the list names `issuer` (its subject) as its issuer.
    pub fn is_issued_by_name(&self, issuer: &Certificate) -> bool {
        self.issuer == issuer.tbs_certificate.subject
    }

    fn verdict(&self, certificate: &Certificate, issuer: &Certificate, now: u64) -> Verdict {
        // A CA whose keyUsage leaves out cRLSign may not sign lists (RFC 5280 4.2.1.3).
        let may_sign = chain::extension(issuer, KEY_USAGE)
            .and_then(|der| KeyUsage::from_der(der).ok())
            .is_none_or(|usage| usage.crl_sign());
        if !may_sign {
            return Verdict::Unusable(Unchecked::IssuerMayNotSignLists);
        }
        if !self.signed_by(issuer) {
            return Verdict::Unusable(Unchecked::NotSignedByIssuer);
        }
        if now < self.this_update {
            return Verdict::Unusable(Unchecked::NotYetCurrent {
                this_update: rfc3339_utc(self.this_update),
            });
        }
        if !self.is_current(now) {
            return Verdict::Unusable(Unchecked::Stale {
                next_update: self.next_update.map(rfc3339_utc),
            });
        }
        // A listed certificate is revoked whatever the list's scope: its issuer said so.
        let serial = certificate.tbs_certificate.serial_number.as_bytes();
        if let Some(&(on, suspended)) = self.revoked.get(serial) {
            return Verdict::Revoked {
                on,
                suspended,
                list_of: self.this_update,
            };
        }
        if !self.covers(certificate) {
            return Verdict::Unusable(Unchecked::OtherScope);
        }
        Verdict::NotListed {
            list_of: self.this_update,
        }
    }

    /// Whether not being listed here means not revoked: a list restricted by its
    /// issuingDistributionPoint covers a certificate only if the certificate names that
    /// distribution point and is of the kind the list is for.
    fn covers(&self, certificate: &Certificate) -> bool {
        let Some(scope) = &self.scope else {
            return true;
        };
        if scope.only_some_reasons.is_some()
            || scope.indirect_crl
            || scope.only_contains_attribute_certs
        {
            return false;
        }
        let is_ca = certificate
            .tbs_certificate
            .extensions
            .iter()
            .flatten()
            .any(|e| {
                e.extn_id == Oid::new_unwrap("2.5.29.19")
                    && x509_cert::ext::pkix::BasicConstraints::from_der(e.extn_value.as_bytes())
                        .is_ok_and(|bc| bc.ca)
            });
        if (scope.only_contains_ca_certs && !is_ca) || (scope.only_contains_user_certs && is_ca) {
            return false;
        }
        let Some(point) = &scope.distribution_point else {
            return true;
        };
        chain::extension(certificate, CRL_DISTRIBUTION_POINTS)
            .and_then(|der| CrlDistributionPoints::from_der(der).ok())
            .is_some_and(|points| {
                points
                    .0
                    .iter()
                    .any(|p| p.distribution_point.as_ref() == Some(point))
            })
    }
}

/// The revocation check of a chain (`path`: the signer's certificate first, the anchor's
/// last) at `now`: the file refused if any certificate of it is listed by a current list of
/// its issuer whose signature holds; else what was found for the signer's certificate.
pub fn check_path(
    path: &[&Certificate],
    lists: &[RevocationList],
    now: u64,
) -> Result<Revocation, CadesError> {
    let mut signer_status = None;
    for (position, link) in path.windows(2).enumerate() {
        let (certificate, issuer) = (link[0], link[1]);
        let certificatore = certificatore_of(&issuer.tbs_certificate.subject);
        let mut best: Option<Verdict> = None;
        for list in lists.iter().filter(|l| l.is_issued_by_name(issuer)) {
            match list.verdict(certificate, issuer, now) {
                Verdict::Revoked {
                    on,
                    suspended,
                    list_of,
                } => {
                    return Err(CadesError::Revoked {
                        holder: holder_of(certificate, position),
                        on: rfc3339_utc(on),
                        suspended,
                        certificatore,
                        list_of: rfc3339_utc(list_of),
                    })
                }
                // The latest current list is the one named.
                Verdict::NotListed { list_of } => match best {
                    Some(Verdict::NotListed { list_of: other }) if other >= list_of => {}
                    _ => best = Some(Verdict::NotListed { list_of }),
                },
                unusable @ Verdict::Unusable(_) => {
                    if best.is_none() {
                        best = Some(unusable);
                    }
                }
            }
        }
        if position == 0 {
            signer_status = Some(match best {
                Some(Verdict::NotListed { list_of }) => Revocation::NotRevoked {
                    certificatore,
                    list_of: rfc3339_utc(list_of),
                },
                Some(Verdict::Unusable(why)) => Revocation::NotChecked { certificatore, why },
                _ => Revocation::NotChecked {
                    certificatore,
                    why: Unchecked::NoList,
                },
            });
        }
    }
    Ok(signer_status.unwrap_or(Revocation::NotChecked {
        certificatore: String::new(),
        why: Unchecked::NoList,
    }))
}

/// Whose certificate a revocation names: the signer's (position 0 of the path) or a CA's.
fn holder_of(certificate: &Certificate, position: usize) -> Holder {
    if position == 0 {
        let signer = super::identity::signer_of(certificate);
        Holder::Signer(signer.nome_cognome)
    } else {
        Holder::Ca(super::identity::short_name(
            &certificate.tbs_certificate.subject,
        ))
    }
}

/// Every loaded list as the panel shows it, against the trust anchors at `now` (RFC 3339;
/// a moment that is not one makes every list out of date).
pub fn summaries(
    lists: &[RevocationList],
    anchors: &[crate::signing::qualified::TrustAnchor],
    now: &str,
) -> Vec<ListSummary> {
    let anchors: Vec<Certificate> = anchors
        .iter()
        .filter_map(|a| Certificate::from_der(&a.certificate_der).ok())
        .collect();
    let now = crate::signing::rfc3339_instant(now)
        .and_then(|(s, _)| u64::try_from(s).ok())
        .unwrap_or(u64::MAX);
    lists.iter().map(|l| summary(l, &anchors, now)).collect()
}

/// One loaded list as the capofila's panel shows it: issuer, dates, how many certificates
/// it lists, and whether it can be used against `anchors` at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSummary {
    pub file_name: String,
    pub certificatore: String,
    /// thisUpdate and nextUpdate, RFC 3339.
    pub this_update: String,
    pub next_update: Option<String>,
    pub revoked_count: usize,
    /// Whether it is used, in plain words.
    pub status: Bilingual,
    pub usable: bool,
}

impl ListSummary {
    /// «Offerta Test CA: lista del 01/12/2026, prossimo aggiornamento 31/12/2035, 2 certificati
    /// revocati; firma verificata, in vigore: usata», as the page and the CLI say it.
    pub fn described(&self) -> Bilingual {
        let n = self.revoked_count as u64;
        let (next_it, next_en) = match &self.next_update {
            Some(next) => (
                format!("prossimo aggiornamento {}", day_of(next)),
                format!("next update {}", day_of(next)),
            ),
            None => (
                "nessun prossimo aggiornamento indicato".to_owned(),
                "no next update stated".to_owned(),
            ),
        };
        let (revoked_it, revoked_en) = (
            format!(
                "{} {}",
                crate::text::count(n),
                if n == 1 {
                    "certificato revocato"
                } else {
                    "certificati revocati"
                }
            ),
            format!(
                "{} {}",
                crate::text::count_en(n),
                if n == 1 {
                    "certificate revoked"
                } else {
                    "certificates revoked"
                }
            ),
        );
        Bilingual::new(
            format!(
                "{}: lista del {}, {next_it}, {revoked_it}; {}",
                self.certificatore,
                day_of(&self.this_update),
                self.status.it
            ),
            format!(
                "{}: list of {}, {next_en}, {revoked_en}; {}",
                self.certificatore,
                day_of(&self.this_update),
                self.status.en
            ),
        )
    }
}

/// The panel's line for `list` at `now` (RFC 3339): a list issued by a trust anchor is
/// verified here; one issued by an intermediate CA is verified with the certificate each
/// `.p7m` carries, when the file is checked.
pub fn summary(list: &RevocationList, anchors: &[Certificate], now: u64) -> ListSummary {
    let anchor = anchors.iter().find(|a| list.is_issued_by_name(a));
    let (status, usable) = if now < list.this_update {
        (
            Bilingual::new(
                format!(
                    "non ancora valida (vale dal {}): non usata",
                    day_of(&rfc3339_utc(list.this_update))
                ),
                format!(
                    "not yet valid (holds from {}): not used",
                    day_of(&rfc3339_utc(list.this_update))
                ),
            ),
            false,
        )
    } else if !list.is_current(now) {
        (
            Bilingual::new(
                "scaduta: non usata; scaricare dal certificatore la lista aggiornata",
                "out of date: not used; download the current list from the certification authority",
            ),
            false,
        )
    } else {
        match anchor {
            Some(anchor) if !list.signed_by(anchor) => (
                Bilingual::new(
                    format!("la firma della lista non è di {}: non usata", list.certificatore),
                    format!("the list is not signed by {}: not used", list.certificatore),
                ),
                false,
            ),
            Some(_) => (
                Bilingual::new("firma verificata, in vigore: usata", "signature verified, current: used"),
                true,
            ),
            None => (
                Bilingual::new(
                    "in vigore; la firma è verificata con il certificato del certificatore contenuto in ogni file firmato",
                    "current; its signature is verified with the certification authority's certificate each signed file carries",
                ),
                true,
            ),
        }
    };
    ListSummary {
        file_name: list.file_name.clone(),
        certificatore: list.certificatore.clone(),
        this_update: rfc3339_utc(list.this_update),
        next_update: list.next_update.map(rfc3339_utc),
        revoked_count: list.revoked_count(),
        status,
        usable,
    }
}

#[cfg(test)]
mod tests;
