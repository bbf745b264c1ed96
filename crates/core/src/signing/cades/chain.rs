//! The signer's certificate judged: qualified, for non-repudiation, and issued through a
//! chain of valid certificates (the file's own intermediates) by one of the trust anchors,
//! every signature of the chain checked and every certificate valid at the signing time.

use der::asn1::ObjectIdentifier as Oid;
use der::{Decode, Encode};
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};
use x509_cert::Certificate;

use super::algorithms::{self, Scheme};
use super::identity::short_name;
use super::CadesError;
use crate::signing::rfc3339_utc;

const QC_STATEMENTS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.3");
const QC_COMPLIANCE: Oid = Oid::new_unwrap("0.4.0.1862.1.1");
const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");

/// No real chain of a qualified certificate is longer: a loop of certificates naming each
/// other stops here.
const MAX_CHAIN: usize = 8;

/// QCStatement (RFC 3739): the statement's identifier and, for some, its information.
#[derive(der::Sequence)]
struct QcStatement {
    id: Oid,
    #[asn1(optional = "true")]
    info: Option<der::Any>,
}

pub fn extension(certificate: &Certificate, oid: Oid) -> Option<&[u8]> {
    certificate
        .tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == oid)
        .map(|e| e.extn_value.as_bytes())
}

/// The certificate states it is qualified (QcStatements with QcCompliance, ETSI EN 319 412-5).
pub fn check_qualified(certificate: &Certificate) -> Result<(), CadesError> {
    let statements = extension(certificate, QC_STATEMENTS)
        .and_then(|der| Vec::<QcStatement>::from_der(der).ok())
        .unwrap_or_default();
    if statements.iter().any(|s| s.id == QC_COMPLIANCE) {
        Ok(())
    } else {
        Err(CadesError::NotQualified)
    }
}

/// The certificate is for signing (keyUsage nonRepudiation, also called contentCommitment).
pub fn check_key_usage(certificate: &Certificate) -> Result<(), CadesError> {
    let usage = extension(certificate, KEY_USAGE).and_then(|der| KeyUsage::from_der(der).ok());
    match usage {
        Some(usage) if usage.non_repudiation() => Ok(()),
        _ => Err(CadesError::WrongKeyUsage),
    }
}

fn is_ca(certificate: &Certificate) -> bool {
    extension(certificate, BASIC_CONSTRAINTS)
        .and_then(|der| BasicConstraints::from_der(der).ok())
        .is_some_and(|bc| bc.ca)
}

/// `certificate` was valid at `at` (seconds since the Unix epoch).
pub fn check_valid_at(certificate: &Certificate, at: u64) -> Result<(), CadesError> {
    let validity = &certificate.tbs_certificate.validity;
    let not_before = validity.not_before.to_unix_duration().as_secs();
    let not_after = validity.not_after.to_unix_duration().as_secs();
    let subject = short_name(&certificate.tbs_certificate.subject);
    if at < not_before {
        return Err(CadesError::NotYetValid {
            subject,
            at: rfc3339_utc(at),
            not_before: rfc3339_utc(not_before),
        });
    }
    if at > not_after {
        return Err(CadesError::Expired {
            subject,
            at: rfc3339_utc(at),
            not_after: rfc3339_utc(not_after),
        });
    }
    Ok(())
}

/// `certificate`'s signature by `issuer`'s key.
fn check_issued_by(certificate: &Certificate, issuer: &Certificate) -> Result<(), CadesError> {
    let scheme = Scheme::of(&certificate.signature_algorithm, None)?;
    let tbs = certificate
        .tbs_certificate
        .to_der()
        .map_err(|e| CadesError::SignatureInvalid(e.to_string()))?;
    algorithms::verify(
        &issuer.tbs_certificate.subject_public_key_info,
        scheme,
        &tbs,
        certificate.signature.raw_bytes(),
    )
    .map_err(|e| match e {
        CadesError::SignatureInvalid(why) => CadesError::SignatureInvalid(format!(
            "certificate «{}» not signed by «{}»: {why}",
            short_name(&certificate.tbs_certificate.subject),
            short_name(&issuer.tbs_certificate.subject)
        )),
        other => other,
    })
}

/// The chain from `signer` up to one of `anchors`, through the certificates of `pool` that
/// are CAs, each certificate valid at `at` and each signature checked: the certificates from
/// the signer's to the anchor's, for the revocation check. A certificate whose issuer is
/// named but whose signature does not verify (or uses a weak algorithm) is refused for that
/// reason, not as untrusted.
pub fn check_chain<'a>(
    signer: &'a Certificate,
    pool: &'a [Certificate],
    anchors: &'a [Certificate],
    at: u64,
) -> Result<Vec<&'a Certificate>, CadesError> {
    let mut current = signer;
    let mut path = vec![signer];
    for _ in 0..MAX_CHAIN {
        check_valid_at(current, at)?;
        let issuer_name = &current.tbs_certificate.issuer;
        let mut failure = None;
        for anchor in anchors
            .iter()
            .filter(|a| &a.tbs_certificate.subject == issuer_name)
        {
            match check_issued_by(current, anchor) {
                Ok(()) => {
                    check_valid_at(anchor, at)?;
                    path.push(anchor);
                    return Ok(path);
                }
                Err(e) => failure = Some(e),
            }
        }
        let mut next = None;
        for candidate in pool
            .iter()
            .filter(|c| &c.tbs_certificate.subject == issuer_name && *c != current && is_ca(c))
        {
            match check_issued_by(current, candidate) {
                Ok(()) => {
                    next = Some(candidate);
                    break;
                }
                Err(e) => failure = Some(e),
            }
        }
        match (next, failure) {
            (Some(issuer), _) => {
                current = issuer;
                path.push(issuer);
            }
            (None, Some(e)) => return Err(e),
            (None, None) => break,
        }
    }
    Err(CadesError::UntrustedCa {
        issuer: short_name(&current.tbs_certificate.issuer),
    })
}
