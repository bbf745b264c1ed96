//! A `.p7m` read with its integrity and its trust told apart ([`super::open_p7m`]): what a
//! comune needs to check what it signed, in a browser that usually has no trusted list.
//! [`OpenedP7m::into_verified`] is the intake's strict verdict over the same reading, so the
//! two never disagree on a file.

use super::{CadesError, Revocation};
use crate::signing::qualified::{QualifiedSignature, QualifiedSigner};
use crate::text::{Bilingual, Message};

/// A `.p7m` whose envelope was read: every signer, and the content as the file carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedP7m {
    /// In the order of the file (never empty).
    pub signers: Vec<OpenedSigner>,
    /// The signed content, exactly as the file carries it: trust it only if every signer's
    /// [`OpenedSigner::integrity`] holds.
    pub content: Vec<u8>,
}

/// One signer of an opened `.p7m`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedSigner {
    /// Who the signer's certificate names; `None` when the file does not carry it.
    pub signer: Option<QualifiedSigner>,
    /// The signing-time signed attribute, RFC 3339 in UTC, if the file states one.
    pub signing_time: Option<String>,
    /// The signature and the content's digest hold (`Err`: altered, wrong certificate, weak
    /// or unknown algorithm, not CAdES).
    pub integrity: Result<(), CadesError>,
    /// The certificate judged apart from the signature.
    pub trust: Trust,
    /// What the revocation lists said of a trusted chain (`None` unless [`Trust::Trusted`]).
    pub revocation: Option<Revocation>,
}

/// Whether the signer's certificate leads to a trust anchor, apart from integrity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// Qualified, for non-repudiation, valid at the signing time, chain to a given anchor.
    Trusted,
    /// No anchor was given: the certificate itself shows no problem (qualified, for
    /// non-repudiation, valid at the signing time), but whether its CA (`issuer`, the last
    /// certificate the chain reached) is on the trusted list was not checked.
    NotChecked { issuer: String },
    /// Anchors were given and the chain reaches none of them.
    Untrusted { issuer: String },
    /// The certificate itself does not hold, whatever the anchors (expired, not qualified,
    /// not for signing, a chain certificate's bad signature).
    CertificateProblem(CadesError),
}

impl Trust {
    /// The strict result of the certificate's checks, read for the anchors given or not.
    pub(super) fn of(result: Result<(), CadesError>, anchors_given: bool) -> Trust {
        match result {
            Ok(()) => Trust::Trusted,
            Err(CadesError::UntrustedCa { issuer }) if anchors_given => Trust::Untrusted { issuer },
            Err(CadesError::UntrustedCa { issuer }) => Trust::NotChecked { issuer },
            Err(other) => Trust::CertificateProblem(other),
        }
    }

    /// The strict verdict again: only [`Trust::Trusted`] passes.
    fn strict(self) -> Result<(), CadesError> {
        match self {
            Trust::Trusted => Ok(()),
            Trust::NotChecked { issuer } | Trust::Untrusted { issuer } => {
                Err(CadesError::UntrustedCa { issuer })
            }
            Trust::CertificateProblem(e) => Err(e),
        }
    }

    /// In plain words, with technical detail where there is one.
    pub fn described(&self) -> Message {
        match self {
            Trust::Trusted => Message::from(Bilingual::new(
                "Certificato qualificato valido alla data della firma, rilasciato da un certificatore dell'elenco di fiducia caricato.",
                "Qualified certificate, valid at the signing time, issued by a certification authority of the trusted list loaded.",
            )),
            Trust::NotChecked { issuer } => Message::from(Bilingual::new(
                "Certificato non verificato con l'elenco di fiducia: in questo browser non è caricato l'elenco dei certificatori (TSL-IT.xml di AgID). Il certificato è qualificato, per la firma e valido alla data della firma; il comune capofila verifica il certificatore quando riceve il file.",
                "Certificate not checked against the trusted list: no list of certification authorities (AgID's TSL-IT.xml) is loaded in this browser. The certificate is qualified, for signing and valid at the signing time; the comune capofila checks its authority when it receives the file.",
            ))
            .with_technical(Some(Bilingual::new(
                format!("catena fino a: {issuer}"),
                format!("chain up to: {issuer}"),
            ))),
            Trust::Untrusted { issuer } => CadesError::UntrustedCa {
                issuer: issuer.clone(),
            }
            .message(),
            Trust::CertificateProblem(e) => e.message(),
        }
    }
}

impl OpenedSigner {
    /// The integrity in plain words: intact, or what is wrong.
    pub fn integrity_described(&self) -> Message {
        match &self.integrity {
            Ok(()) => Message::from(Bilingual::new(
                "Firma integra: il contenuto è esattamente quello firmato.",
                "Signature intact: the content is exactly what was signed.",
            )),
            Err(CadesError::AlteredContent) => Message::from(Bilingual::new(
                "Il file è stato alterato dopo la firma: il contenuto non è quello firmato (firma NON valida).",
                "The file was altered after signing: the content is not what was signed (signature NOT valid).",
            )),
            Err(e) => e.message(),
        }
    }
}

impl OpenedP7m {
    /// Every signature and digest holds.
    pub fn intact(&self) -> bool {
        self.signers.iter().all(|s| s.integrity.is_ok())
    }

    /// The intake's verdict: every signer intact and trusted (each signer in the file's
    /// order, integrity before trust), else the first problem met.
    pub fn into_verified(self) -> Result<QualifiedSignature, CadesError> {
        let mut verified = Vec::new();
        for opened in self.signers {
            opened.integrity?;
            opened.trust.strict()?;
            verified.push((
                opened.signer.ok_or(CadesError::SignerCertificateMissing)?,
                opened.signing_time,
                opened.revocation.ok_or_else(|| {
                    CadesError::NotCades("trusted without a revocation check".into())
                })?,
            ));
        }
        let revocation = verified.iter().map(|(_, _, r)| r.clone()).collect();
        let mut verified = verified.into_iter();
        let (signer, signing_time, _) = verified
            .next()
            .ok_or_else(|| CadesError::NotCades("no SignerInfo".into()))?;
        Ok(QualifiedSignature {
            signer,
            signing_time,
            content: self.content,
            other_signers: verified.map(|(s, _, _)| s).collect(),
            revocation,
        })
    }
}
