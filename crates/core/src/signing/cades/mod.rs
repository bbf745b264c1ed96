//! A CAdES-signed file (`….json.p7m`, a CMS SignedData, RFC 5652 and ETSI EN 319 122-1)
//! verified offline against trust anchors, giving the signer as their qualified certificate
//! names them and the signed content ([`QualifiedSignature`]).
//!
//! What is checked, for every signer of the file: the content is attached; signed attributes
//! are present, with content-type, message-digest (equal to the content's digest) and ESS
//! signing-certificate-v2 (or v1) naming the signer's certificate; the signature over the
//! signed attributes (RSA PKCS#1 v1.5 or PSS, ECDSA P-256/P-384, SHA-256/384/512; MD5 and
//! SHA-1 refused); the certificate qualified (QcCompliance) and for non-repudiation; its chain
//! up to a trust anchor through the file's certificates, each signature checked and each
//! certificate valid at the signing time (the signing-time attribute, else `now`); each
//! certificate of the chain against the revocation lists the caller loaded ([`revocation`]).
//! A signing time after `now` is not refused here: the intake holds such a file as «data da
//! confermare», as it does an app-signed one. What is not checked (OCSP, lists not loaded,
//! timestamps, countersignatures) is said in docs/SECURITY.md.
//!
//! A file with several signers is accepted only if every signature holds; the first in the
//! file is [`QualifiedSignature::signer`], the others [`QualifiedSignature::other_signers`].

mod algorithms;
mod ber;
mod chain;
mod error;
mod identity;
mod opened;
pub mod revocation;

use std::borrow::Cow;

use base64::Engine;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{ObjectIdentifier as Oid, OctetString};
use der::{Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::time::Time;
use x509_cert::Certificate;

pub use error::{CadesError, Holder};
pub use identity::looks_like_codice_fiscale;
pub use opened::{OpenedP7m, OpenedSigner, Trust};
pub use revocation::{read_crl, CrlError, Revocation, RevocationList};

use crate::signing::qualified::{AnchorOrigin, QualifiedSignature, QualifiedSigner, TrustAnchor};
use crate::signing::{rfc3339_instant, rfc3339_utc};
use crate::text::Bilingual;
use algorithms::{Digest, Scheme};

const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
const SIGNING_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.12");
const SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
const SUBJECT_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.14");
const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");

/// Verifies the `.p7m` in `bytes` (DER, or its base64 or PEM text) against `anchors`, at
/// `now` (RFC 3339) where the file states no signing time, and gives its signers and content.
/// Strict, as the intake needs it: every signer intact and trusted, else the first problem
/// ([`open_p7m`] reads the same file and tells integrity and trust apart); no revocation
/// list loaded ([`verify_p7m_with_lists`]).
pub fn verify_p7m(
    bytes: &[u8],
    anchors: &[TrustAnchor],
    now: &str,
) -> Result<QualifiedSignature, CadesError> {
    verify_p7m_with_lists(bytes, anchors, &[], now)
}

/// [`verify_p7m`], each certificate of each signer's chain checked against the revocation
/// `lists` current at `now` (the caller's clock, never the signing time's: see
/// [`revocation`]).
pub fn verify_p7m_with_lists(
    bytes: &[u8],
    anchors: &[TrustAnchor],
    lists: &[RevocationList],
    now: &str,
) -> Result<QualifiedSignature, CadesError> {
    open_p7m_with_lists(bytes, anchors, lists, now)?.into_verified()
}

/// Reads the `.p7m` in `bytes` and reports each signer (who the certificate names, the signing
/// time), whether each signature and digest is intact and, apart, whether the certificate
/// leads to one of `anchors` ([`Trust::NotChecked`] when none is given). An error only for a
/// file that is no readable signed envelope with its content.
pub fn open_p7m(bytes: &[u8], anchors: &[TrustAnchor], now: &str) -> Result<OpenedP7m, CadesError> {
    open_p7m_with_lists(bytes, anchors, &[], now)
}

/// [`open_p7m`], a trusted chain's certificates also checked against the revocation `lists`
/// current at `now` (a revoked one is the certificate's problem: [`Trust::CertificateProblem`]).
pub fn open_p7m_with_lists(
    bytes: &[u8],
    anchors: &[TrustAnchor],
    lists: &[RevocationList],
    now: &str,
) -> Result<OpenedP7m, CadesError> {
    let der = der_of(bytes)?;
    let signed_data = signed_data_of(&der)?;
    let content = signed_data
        .encap_content_info
        .econtent
        .as_ref()
        .ok_or(CadesError::Detached)?
        .decode_as::<OctetString>()
        .map_err(|e| CadesError::NotP7m(format!("eContent: {e}")))?
        .into_bytes();
    let pool = certificates_of(&signed_data);
    let anchor_certificates: Vec<Certificate> = anchors
        .iter()
        .filter_map(|a| Certificate::from_der(&a.certificate_der).ok())
        .collect();
    let now_seconds = rfc3339_instant(now)
        .and_then(|(s, _)| u64::try_from(s).ok())
        .ok_or_else(|| CadesError::NotP7m(format!("now is not an RFC 3339 moment: {now}")))?;
    let context = Context {
        content: &content,
        content_type: signed_data.encap_content_info.econtent_type,
        pool: &pool,
        anchors: &anchor_certificates,
        lists,
        now: now_seconds,
    };
    let signers: Vec<OpenedSigner> = signed_data
        .signer_infos
        .0
        .iter()
        .map(|info| context.open_signer(info, !anchors.is_empty()))
        .collect();
    if signers.is_empty() {
        return Err(CadesError::NotCades("no SignerInfo".into()));
    }
    Ok(OpenedP7m { signers, content })
}

impl QualifiedSignature {
    /// «Firma digitale di MARIO ROSSI (codice fiscale RSSMRA80A01H501U), certificato
    /// qualificato di <CA>, valido alla data della firma», with the other signers after.
    pub fn described(&self) -> Bilingual {
        let one = |s: &QualifiedSigner| {
            let (cf_it, cf_en) = if s.codice_fiscale.is_empty() {
                (
                    "codice fiscale non indicato nel certificato".to_owned(),
                    "no codice fiscale in the certificate".to_owned(),
                )
            } else {
                (
                    format!("codice fiscale {}", s.codice_fiscale),
                    format!("codice fiscale {}", s.codice_fiscale),
                )
            };
            // A certificate naming nobody (only a codice fiscale) still reads as a sentence.
            let (name_it, name_en) = if s.nome_cognome.is_empty() {
                ("del titolare ".to_owned(), "of the holder ".to_owned())
            } else {
                (
                    format!("di {} ", s.nome_cognome),
                    format!("of {} ", s.nome_cognome),
                )
            };
            (
                format!(
                    "{name_it}({cf_it}), certificato qualificato di {}",
                    s.certificatore
                ),
                format!(
                    "{name_en}({cf_en}), qualified certificate of {}",
                    s.certificatore
                ),
            )
        };
        let (mut it, mut en) = one(&self.signer);
        for other in &self.other_signers {
            let (o_it, o_en) = one(other);
            it.push_str(&format!("; e {o_it}"));
            en.push_str(&format!("; and {o_en}"));
        }
        let (when_it, when_en) = if self.signing_time.is_some() {
            ("valido alla data della firma", "valid at the signing time")
        } else {
            (
                "valido oggi (la firma non indica la sua data)",
                "valid today (the signature does not state its time)",
            )
        };
        Bilingual::new(
            format!(
                "Firma digitale {it}, {when_it}{}",
                self.revocation_said().it
            ),
            format!(
                "Digital signature {en}, {when_en}{}",
                self.revocation_said().en
            ),
        )
    }

    /// «; non revocato secondo la lista di revoca di <CA> del …» or «; revoca non controllata
    /// (…)» for one signer; each signer named before theirs when there are more.
    pub fn revocation_said(&self) -> Bilingual {
        let signers = std::iter::once(&self.signer).chain(&self.other_signers);
        let many = !self.other_signers.is_empty();
        let (mut it, mut en) = (String::new(), String::new());
        for (signer, revocation) in signers.zip(&self.revocation) {
            let said = revocation.described();
            if many {
                it.push_str(&format!("; {}: {}", signer.nome_cognome, said.it));
                en.push_str(&format!("; {}: {}", signer.nome_cognome, said.en));
            } else {
                it.push_str(&format!("; {}", said.it));
                en.push_str(&format!("; {}", said.en));
            }
        }
        Bilingual::new(it, en)
    }
}

/// The signers a `.p7m` names, nothing verified: for saying whose a refused file claims to
/// be («firmato da …, ma …») and for tests; never a reason to trust it.
pub fn signers_named(bytes: &[u8]) -> Result<Vec<QualifiedSigner>, CadesError> {
    let der = der_of(bytes)?;
    let signed_data = signed_data_of(&der)?;
    let pool = certificates_of(&signed_data);
    let context = Context {
        content: &[],
        content_type: signed_data.encap_content_info.econtent_type,
        pool: &pool,
        anchors: &[],
        lists: &[],
        now: 0,
    };
    signed_data
        .signer_infos
        .0
        .iter()
        .map(|info| {
            context
                .signer_certificate(&info.sid)
                .map(identity::signer_of)
        })
        .collect()
}

/// Whether `bytes` look like a `.p7m` (a CMS SignedData in DER, base64 or PEM) rather than
/// a JSON submission: for the intake to choose the reader, before any verification.
pub fn looks_like_p7m(bytes: &[u8]) -> bool {
    const SIGNED_DATA_OID: [u8; 11] = [
        0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02,
    ];
    der_of(bytes).is_ok_and(|der| {
        der.get(..24)
            .unwrap_or(&der)
            .windows(SIGNED_DATA_OID.len())
            .any(|w| w == SIGNED_DATA_OID)
    })
}

/// A trust anchor from a certificate file (PEM or DER), as `--ca` gives it.
pub fn anchor_from_file(bytes: &[u8], file_name: &str) -> Result<TrustAnchor, CadesError> {
    let der = der_of(bytes)?;
    Certificate::from_der(&der).map_err(|e| CadesError::NotP7m(format!("certificate: {e}")))?;
    Ok(TrustAnchor {
        certificate_der: der.into_owned(),
        origin: AnchorOrigin::Added {
            file_name: file_name.to_owned(),
        },
    })
}

/// The DER of `bytes`: as they are when they start as DER does, else the base64 of a text,
/// with or without PEM armour (`-----BEGIN PKCS7-----`, `CMS`, `CERTIFICATE`…).
fn der_of(bytes: &[u8]) -> Result<Cow<'_, [u8]>, CadesError> {
    if bytes.first() == Some(&0x30) {
        return Ok(Cow::Borrowed(bytes));
    }
    let not_text = || CadesError::NotP7m("neither DER nor base64 text".into());
    let text = std::str::from_utf8(bytes).map_err(|_| not_text())?;
    let text = text.trim_start_matches('\u{feff}').trim();
    let body: String = if text.starts_with("-----BEGIN") {
        text.lines()
            .skip(1)
            .take_while(|line| !line.starts_with("-----END"))
            .filter(|line| !line.contains(':'))
            .collect()
    } else {
        text.to_owned()
    };
    let compact: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(compact.trim_end_matches('='))
        .or_else(|_| {
            base64::engine::general_purpose::STANDARD_NO_PAD.decode(compact.trim_end_matches('='))
        })
        .map_err(|_| not_text())?;
    if der.first() == Some(&0x30) {
        Ok(Cow::Owned(der))
    } else {
        Err(not_text())
    }
}

/// The certificates the file carries (the signer's and, usually, its CA's).
fn certificates_of(signed_data: &SignedData) -> Vec<Certificate> {
    signed_data
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            cms::cert::CertificateChoices::Certificate(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

/// The SignedData of a ContentInfo in DER or BER (see [`ber`]).
fn signed_data_of(bytes: &[u8]) -> Result<SignedData, CadesError> {
    let der = ber::to_der(bytes).map_err(CadesError::NotP7m)?;
    let info =
        ContentInfo::from_der(&der).map_err(|e| CadesError::NotP7m(format!("ContentInfo: {e}")))?;
    if info.content_type != SIGNED_DATA {
        return Err(CadesError::NotP7m(format!(
            "content type {} is not SignedData",
            info.content_type
        )));
    }
    info.content
        .decode_as::<SignedData>()
        .map_err(|e| CadesError::NotP7m(format!("SignedData: {e}")))
}

/// ESSCertIDv2 (RFC 5035): the hash of the signer's certificate (SHA-256 by default).
#[derive(der::Sequence)]
struct EssCertIdV2 {
    #[asn1(optional = "true")]
    hash_algorithm: Option<AlgorithmIdentifierOwned>,
    cert_hash: OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<der::Any>,
}

/// SigningCertificateV2 (RFC 5035); only the first certificate, the signer's, is compared.
#[derive(der::Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
    #[asn1(optional = "true")]
    policies: Option<der::Any>,
}

/// ESSCertID (RFC 2634): the SHA-1 hash of the signer's certificate.
#[derive(der::Sequence)]
struct EssCertId {
    cert_hash: OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<der::Any>,
}

/// SigningCertificate (RFC 2634), as older signing tools write it.
#[derive(der::Sequence)]
struct SigningCertificateV1 {
    certs: Vec<EssCertId>,
    #[asn1(optional = "true")]
    policies: Option<der::Any>,
}

/// What every signer of one file is checked against.
struct Context<'a> {
    content: &'a [u8],
    content_type: Oid,
    pool: &'a [Certificate],
    anchors: &'a [Certificate],
    lists: &'a [RevocationList],
    now: u64,
}

impl Context<'_> {
    /// One signer as the file states it: named by its certificate (if the file carries it),
    /// its signature's integrity, and its certificate judged against the anchors.
    fn open_signer(&self, info: &SignerInfo, anchors_given: bool) -> OpenedSigner {
        let certificate = self.signer_certificate(&info.sid).ok();
        let signing_time = info
            .signed_attrs
            .as_ref()
            .and_then(|attributes| signing_time_of(attributes).ok().flatten());
        let integrity = self.check_integrity(info).map(|_| ());
        let (trust, revocation) = match certificate.map(|c| self.check_certificate(c, signing_time))
        {
            Some(Ok(revocation)) => (Trust::Trusted, Some(revocation)),
            Some(Err(e)) => (Trust::of(Err(e), anchors_given), None),
            None => (
                Trust::CertificateProblem(CadesError::SignerCertificateMissing),
                None,
            ),
        };
        OpenedSigner {
            signer: certificate.map(identity::signer_of),
            signing_time: signing_time.map(rfc3339_utc),
            integrity,
            trust,
            revocation,
        }
    }

    /// The signature holds over exactly this content: algorithms, signed attributes, the
    /// content's digest, the ESS signing-certificate and the signature itself. Gives the
    /// signer's certificate and the signing time it states.
    fn check_integrity(
        &self,
        info: &SignerInfo,
    ) -> Result<(&Certificate, Option<u64>), CadesError> {
        let digest = Digest::of(&info.digest_alg.oid)?;
        let scheme = Scheme::of(&info.signature_algorithm, Some(digest))?;
        let attributes = info
            .signed_attrs
            .as_ref()
            .ok_or_else(|| CadesError::NotCades("no signed attributes".into()))?;
        let attribute = |oid: Oid| attribute_of(attributes, oid);
        let content_type = attribute(CONTENT_TYPE)
            .and_then(|v| v.decode_as::<Oid>().ok())
            .ok_or_else(|| CadesError::NotCades("no content-type attribute".into()))?;
        if content_type != self.content_type {
            return Err(CadesError::NotCades(format!(
                "content-type attribute {content_type} differs from eContentType {}",
                self.content_type
            )));
        }
        let message_digest = attribute(MESSAGE_DIGEST)
            .and_then(|v| v.decode_as::<OctetString>().ok())
            .ok_or_else(|| CadesError::NotCades("no message-digest attribute".into()))?;
        if message_digest.as_bytes() != digest.hash(self.content) {
            return Err(CadesError::AlteredContent);
        }
        let certificate = self.signer_certificate(&info.sid)?;
        let certificate_der = certificate
            .to_der()
            .map_err(|e| CadesError::NotP7m(e.to_string()))?;
        check_signing_certificate(
            attribute(SIGNING_CERTIFICATE_V2),
            attribute(SIGNING_CERTIFICATE),
            &certificate_der,
        )?;
        let signed = attributes
            .to_der()
            .map_err(|e| CadesError::NotP7m(e.to_string()))?;
        algorithms::verify(
            &certificate.tbs_certificate.subject_public_key_info,
            scheme,
            &signed,
            info.signature.as_bytes(),
        )?;
        Ok((certificate, signing_time_of(attributes)?))
    }

    /// The signer's certificate judged at the signing time (else `now`): qualified, for
    /// non-repudiation, its chain up to a trust anchor, and what the revocation lists current
    /// at `now` say of each certificate of that chain. A signing time ahead of `now` is
    /// the signer's claim, like an app-signed file's `created`: the certificate is judged at
    /// it, and the intake holds the file as «data da confermare» (`intake::dispositions`), not
    /// refused here.
    fn check_certificate(
        &self,
        certificate: &Certificate,
        signing_time: Option<u64>,
    ) -> Result<Revocation, CadesError> {
        chain::check_qualified(certificate)?;
        chain::check_key_usage(certificate)?;
        let path = chain::check_chain(
            certificate,
            self.pool,
            self.anchors,
            signing_time.unwrap_or(self.now),
        )?;
        revocation::check_path(&path, self.lists, self.now)
    }

    /// The signer's certificate among the file's, by issuer and serial number or by subject
    /// key identifier.
    fn signer_certificate(&self, sid: &SignerIdentifier) -> Result<&Certificate, CadesError> {
        self.pool
            .iter()
            .find(|c| match sid {
                SignerIdentifier::IssuerAndSerialNumber(id) => {
                    c.tbs_certificate.issuer == id.issuer
                        && c.tbs_certificate.serial_number == id.serial_number
                }
                SignerIdentifier::SubjectKeyIdentifier(ski) => c
                    .tbs_certificate
                    .extensions
                    .iter()
                    .flatten()
                    .find(|e| e.extn_id == SUBJECT_KEY_IDENTIFIER)
                    .and_then(|e| SubjectKeyIdentifier::from_der(e.extn_value.as_bytes()).ok())
                    .is_some_and(|own| &own == ski),
            })
            .ok_or(CadesError::SignerCertificateMissing)
    }
}

/// The first value of the signed attribute `oid`.
fn attribute_of(attributes: &cms::signed_data::SignedAttributes, oid: Oid) -> Option<&der::Any> {
    attributes
        .iter()
        .find(|a| a.oid == oid)
        .and_then(|a| a.values.iter().next())
}

/// The signing-time signed attribute, seconds since the Unix epoch, if the file states one.
fn signing_time_of(
    attributes: &cms::signed_data::SignedAttributes,
) -> Result<Option<u64>, CadesError> {
    attribute_of(attributes, SIGNING_TIME)
        .map(|value| {
            value
                .to_der()
                .and_then(|der| Time::from_der(&der))
                .map(|time| time.to_unix_duration().as_secs())
                .map_err(|e| CadesError::NotCades(format!("signing-time: {e}")))
        })
        .transpose()
}

/// The ESS signing-certificate attribute (v2, else v1) names `certificate_der`: without it a
/// signature could be said to be made under another certificate of the same key.
fn check_signing_certificate(
    v2: Option<&der::Any>,
    v1: Option<&der::Any>,
    certificate_der: &[u8],
) -> Result<(), CadesError> {
    let malformed = |e: der::Error| CadesError::NotCades(format!("signing-certificate: {e}"));
    let matches = if let Some(v2) = v2 {
        let attribute: SigningCertificateV2 = v2.decode_as().map_err(malformed)?;
        let first = attribute
            .certs
            .first()
            .ok_or(CadesError::SigningCertificateMismatch)?;
        let digest = Digest::of(&first.hash_algorithm.as_ref().map_or(SHA256, |a| a.oid))?;
        first.cert_hash.as_bytes() == digest.hash(certificate_der)
    } else if let Some(v1) = v1 {
        let attribute: SigningCertificateV1 = v1.decode_as().map_err(malformed)?;
        let first = attribute
            .certs
            .first()
            .ok_or(CadesError::SigningCertificateMismatch)?;
        first.cert_hash.as_bytes() == algorithms::sha1_of(certificate_der)
    } else {
        return Err(CadesError::NotCades(
            "no ESS signing-certificate attribute".into(),
        ));
    };
    if matches {
        Ok(())
    } else {
        Err(CadesError::SigningCertificateMismatch)
    }
}

#[cfg(test)]
mod tests;
