//! A qualified electronic signature (CAdES, a `.p7m` file) as the rest of the app sees it.
//!
//! The offices already sign their acts with a firma digitale (CAD, d.lgs. 82/2005, art. 20-24);
//! a received `….json.p7m` carries the submission inside a CMS SignedData. The reader and the
//! verifier of that envelope, and the reader of the Italian trusted list that gives the trust
//! anchors, produce the plain types below; intake, registry, status board, verbale and CLI
//! read only these.

/// Who signed, as the signer's qualified certificate says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualifiedSigner {
    /// «MARIO ROSSI»: the certificate's givenName and surname, else its commonName.
    pub nome_cognome: String,
    /// The codice fiscale without its prefix (`TINIT-` or, in older certificates, `IT:`).
    pub codice_fiscale: String,
    /// The certificate's organizationName, when it names one (e.g. «Comune di Castelleone»).
    pub organizzazione: Option<String>,
    /// The certification authority that issued the certificate (its organizationName or CN).
    pub certificatore: String,
    /// SHA-256 of the signer's certificate (DER), upper-case hex: identifies the certificate.
    pub certificato_sha256: String,
}

impl QualifiedSigner {
    /// The signer in the words every screen, line and document uses: «MARIO ROSSI (codice
    /// fiscale RSSMRA80A01H501U), certificato di Certificatore di Prova».
    pub fn named(&self) -> crate::text::Bilingual {
        crate::text::Bilingual::new(
            format!(
                "{} (codice fiscale {}), certificato di {}",
                self.nome_cognome, self.codice_fiscale, self.certificatore
            ),
            format!(
                "{} (codice fiscale {}), certificate of {}",
                self.nome_cognome, self.codice_fiscale, self.certificatore
            ),
        )
    }
}

/// A `.p7m` whose signature, certificate chain and qualified status were verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualifiedSignature {
    pub signer: QualifiedSigner,
    /// The signing-time signed attribute, RFC 3339 in UTC («2026-11-20T10:15:00Z»), if present.
    pub signing_time: Option<String>,
    /// The signed content: the submission's JSON bytes, exactly as signed.
    pub content: Vec<u8>,
    /// The other signers of a file signed by more than one person, each verified like the
    /// first (in the order of the file, which is not the order of signing).
    pub other_signers: Vec<QualifiedSigner>,
    /// What the revocation lists loaded said of each signer's certificate (the signer's
    /// first, then the others'); empty where nobody asked (a test's signature).
    pub revocation: Vec<crate::signing::cades::Revocation>,
}

/// A certificate the capofila trusts to issue qualified certificates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustAnchor {
    /// The CA certificate, DER.
    pub certificate_der: Vec<u8>,
    pub origin: AnchorOrigin,
}

/// Where a trust anchor comes from: said next to every signature verified against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorOrigin {
    /// A CA/QC service of the Italian trusted list (ETSI TS 119 612), status granted.
    TrustedList { service_name: String },
    /// A certificate added by hand (`--ca` on the command line; tests).
    Added { file_name: String },
}
