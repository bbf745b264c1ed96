//! Why a `.p7m` is refused, in plain words for the clerk (Italian and English), with what the
//! verifier found apart as technical detail ([`Message`]).

use crate::text::{day_of, Bilingual, Message};

/// Why a `.p7m` file was refused. Each case has its own plain words ([`CadesError::message`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CadesError {
    /// Not a CMS SignedData in DER, base64 or PEM: the detail says where reading stopped.
    NotP7m(String),
    /// The signature is detached: the file carries no content.
    Detached,
    /// A CMS signature without signed attributes (not CAdES), or without one it must have.
    NotCades(String),
    /// MD5, SHA-1 or a short RSA key.
    WeakAlgorithm(&'static str),
    /// An algorithm the app does not verify (its object identifier or name).
    UnsupportedAlgorithm(String),
    /// The content's digest differs from the signed message-digest attribute.
    AlteredContent,
    /// The signing-certificate attribute names another certificate than the one used.
    SigningCertificateMismatch,
    /// A signature (the signer's, or a certificate's in the chain) does not verify.
    SignatureInvalid(String),
    /// The signer's certificate is not among the file's certificates.
    SignerCertificateMissing,
    /// The chain leads to no trust anchor: the issuer the chain stopped at.
    UntrustedCa { issuer: String },
    /// The signer's certificate has no QcStatements with QcCompliance.
    NotQualified,
    /// The signer's certificate is not for non-repudiation.
    WrongKeyUsage,
    /// A certificate of the chain had expired at the signing time (`subject`, when, until).
    Expired {
        subject: String,
        at: String,
        not_after: String,
    },
    /// A certificate of the chain was not yet valid at the signing time.
    NotYetValid {
        subject: String,
        at: String,
        not_before: String,
    },
    /// A current revocation list of its issuer, whose signature holds, lists a certificate of
    /// the chain (RFC 3339 dates: the revocation's and the list's thisUpdate).
    Revoked {
        holder: Holder,
        on: String,
        suspended: bool,
        certificatore: String,
        list_of: String,
    },
}

/// What to do when the certificate was not good for signing: sending the same file again
/// cannot mend it.
const SIGN_AGAIN: (&str, &str) = (
    "chiedere all'ente di firmare di nuovo con un certificato di firma digitale valido",
    "ask the ente to sign again with a valid digital signature certificate",
);

/// Whose certificate a revocation list names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    /// The signer («MARIO ROSSI»; empty when the certificate names only a codice fiscale).
    Signer(String),
    /// A CA of the chain, by its short name.
    Ca(String),
}

impl CadesError {
    /// Plain words, Italian and English, and the technical detail where there is one.
    pub fn message(&self) -> Message {
        let plain = self.plain();
        let detail = self.detail();
        Message::from(plain).with_technical(detail)
    }

    fn plain(&self) -> Bilingual {
        match self {
            CadesError::NotP7m(_) => Bilingual::new(
                "il file non è una firma digitale CAdES (.p7m) leggibile",
                "the file is not a readable CAdES digital signature (.p7m)",
            ),
            CadesError::Detached => Bilingual::new(
                "il file contiene solo la firma, non la scheda firmata (firma «staccata»): chiedere all'ente il file .p7m che contiene la scheda",
                "the file holds only the signature, not the signed submission (a «detached» signature): ask the ente for the .p7m file that contains the submission",
            ),
            CadesError::NotCades(_) => Bilingual::new(
                "la firma non è nel formato CAdES richiesto per la firma digitale: chiedere all'ente di firmare di nuovo in CAdES",
                "the signature is not in the CAdES format a firma digitale needs: ask the ente to sign again in CAdES",
            ),
            CadesError::WeakAlgorithm(name) => Bilingual::new(
                format!("la firma usa un algoritmo non più sicuro ({name}): chiedere all'ente di firmare di nuovo con uno strumento aggiornato"),
                format!("the signature uses an algorithm that is no longer safe ({name}): ask the ente to sign again with an up-to-date tool"),
            ),
            CadesError::UnsupportedAlgorithm(_) => Bilingual::new(
                "la firma usa un algoritmo che l'app non sa verificare (sono accettati RSA ed ECDSA con SHA-256, SHA-384 o SHA-512): chiedere all'ente di firmare di nuovo con uno strumento aggiornato",
                "the signature uses an algorithm the app cannot verify (RSA and ECDSA with SHA-256, SHA-384 or SHA-512 are accepted): ask the ente to sign again with an up-to-date tool",
            ),
            CadesError::AlteredContent => Bilingual::new(
                "la scheda è stata modificata dopo la firma (firma NON valida): chiedere all'ente di inviarla di nuovo",
                "the submission was changed after it was signed (signature NOT valid): ask the ente to send it again",
            ),
            CadesError::SigningCertificateMismatch => Bilingual::new(
                "la firma indica un certificato diverso da quello allegato (firma NON valida): chiedere all'ente di firmare di nuovo",
                "the signature names another certificate than the one attached (signature NOT valid): ask the ente to sign again",
            ),
            CadesError::SignatureInvalid(_) => Bilingual::new(
                "la firma non corrisponde al file o al certificato (firma NON valida): chiedere all'ente di inviarlo di nuovo",
                "the signature does not match the file or the certificate (signature NOT valid): ask the ente to send it again",
            ),
            CadesError::SignerCertificateMissing => Bilingual::new(
                "il file non contiene il certificato di chi ha firmato: chiedere all'ente di firmare di nuovo",
                "the file does not contain the signer's certificate: ask the ente to sign again",
            ),
            CadesError::UntrustedCa { .. } => {
                let fact = self.certificate_fact().expect("a certificate's problem");
                Bilingual::new(
                    format!("{}: caricare l'elenco di fiducia aggiornato dell'AgID e, se il certificatore non vi compare, chiedere all'ente di firmare con un certificato qualificato", fact.it),
                    format!("{}: load the current trusted list of AgID and, if the certification authority is not in it, ask the ente to sign with a qualified certificate", fact.en),
                )
            }
            CadesError::NotQualified
            | CadesError::WrongKeyUsage
            | CadesError::Expired { .. }
            | CadesError::NotYetValid { .. } => {
                let fact = self.certificate_fact().expect("a certificate's problem");
                Bilingual::new(
                    format!("{}: {}", fact.it, SIGN_AGAIN.0),
                    format!("{}: {}", fact.en, SIGN_AGAIN.1),
                )
            }
            CadesError::Revoked { .. } => {
                let fact = self.certificate_fact().expect("a certificate's problem");
                Bilingual::new(
                    format!("{}; {}", fact.it, SIGN_AGAIN.0),
                    format!("{}; {}", fact.en, SIGN_AGAIN.1),
                )
            }
        }
    }

    /// What is wrong with the signer's certificate, without what to do about it (asking an
    /// ente to sign again): for a file signed by the capofila itself, last year's plan. `None`
    /// for a problem that is not the certificate's.
    pub fn certificate_fact(&self) -> Option<Bilingual> {
        Some(match self {
            CadesError::UntrustedCa { .. } => Bilingual::new(
                "il certificato di chi ha firmato non è rilasciato da un certificatore fidato (nessuno di quelli dell'elenco caricato)",
                "the signer's certificate is not issued by a trusted certification authority (none of those of the list loaded)",
            ),
            CadesError::NotQualified => Bilingual::new(
                "il certificato di chi ha firmato non è un certificato qualificato, quindi non è una firma digitale",
                "the signer's certificate is not a qualified certificate, so it is not a firma digitale",
            ),
            CadesError::WrongKeyUsage => Bilingual::new(
                "il certificato di chi ha firmato non è un certificato di sottoscrizione (manca l'uso «non ripudio»), forse è quello di autenticazione della carta",
                "the signer's certificate is not a signing certificate (no «non-repudiation» usage), perhaps it is the card's authentication one",
            ),
            CadesError::Expired { .. } => Bilingual::new(
                "il certificato era scaduto alla data della firma",
                "the certificate had expired at the signing time",
            ),
            CadesError::NotYetValid { .. } => Bilingual::new(
                "il certificato non era ancora valido alla data della firma",
                "the certificate was not yet valid at the signing time",
            ),
            CadesError::Revoked {
                holder,
                on,
                suspended,
                certificatore,
                list_of,
            } => revoked_words(holder, on, *suspended, certificatore, list_of),
            _ => return None,
        })
    }

    fn detail(&self) -> Option<Bilingual> {
        let same = |text: String| Some(Bilingual::new(text.clone(), text));
        match self {
            CadesError::NotP7m(d)
            | CadesError::NotCades(d)
            | CadesError::UnsupportedAlgorithm(d)
            | CadesError::SignatureInvalid(d) => same(d.clone()),
            CadesError::UntrustedCa { issuer } => Some(Bilingual::new(
                format!("emesso da: {issuer}"),
                format!("issued by: {issuer}"),
            )),
            CadesError::Expired {
                subject,
                at,
                not_after,
            } => Some(Bilingual::new(
                format!("{subject}: valido fino a {not_after}, firma del {at}"),
                format!("{subject}: valid until {not_after}, signed on {at}"),
            )),
            CadesError::NotYetValid {
                subject,
                at,
                not_before,
            } => Some(Bilingual::new(
                format!("{subject}: valido da {not_before}, firma del {at}"),
                format!("{subject}: valid from {not_before}, signed on {at}"),
            )),
            CadesError::NotQualified => {
                same("no QcStatements with QcCompliance (0.4.0.1862.1.1)".into())
            }
            CadesError::WrongKeyUsage => {
                same("keyUsage without nonRepudiation (contentCommitment)".into())
            }
            _ => None,
        }
    }

    /// A short code for the CLI's second column and the corpus.
    pub fn code(&self) -> &'static str {
        match self {
            CadesError::NotP7m(_) => "p7m-illeggibile",
            CadesError::Detached => "p7m-staccata",
            CadesError::NotCades(_) => "p7m-non-cades",
            CadesError::WeakAlgorithm(_) => "p7m-algoritmo-debole",
            CadesError::UnsupportedAlgorithm(_) => "p7m-algoritmo-sconosciuto",
            CadesError::AlteredContent => "p7m-alterato",
            CadesError::SigningCertificateMismatch
            | CadesError::SignatureInvalid(_)
            | CadesError::SignerCertificateMissing => "p7m-firma-non-valida",
            CadesError::UntrustedCa { .. } => "p7m-ca-non-fidata",
            CadesError::NotQualified => "p7m-non-qualificato",
            CadesError::WrongKeyUsage => "p7m-uso-chiave",
            CadesError::Expired { .. } => "p7m-scaduto",
            CadesError::NotYetValid { .. } => "p7m-non-ancora-valido",
            CadesError::Revoked { .. } => "p7m-revocato",
        }
    }
}

/// «il certificato di firma di MARIO ROSSI è stato revocato il GG/MM/AAAA (lista di revoca di
/// <CA> del GG/MM/AAAA): la firma non vale», whatever the revocation date (see
/// [`super::revocation`] for why the signing time cannot save it).
fn revoked_words(
    holder: &Holder,
    on: &str,
    suspended: bool,
    certificatore: &str,
    list_of: &str,
) -> Bilingual {
    let (whose_it, whose_en) = match holder {
        Holder::Signer(name) if name.is_empty() => (
            "il certificato di firma".to_owned(),
            "the signing certificate".to_owned(),
        ),
        Holder::Signer(name) => (
            format!("il certificato di firma di {name}"),
            format!("the signing certificate of {name}"),
        ),
        Holder::Ca(name) => (
            format!("il certificato del certificatore {name}, che ha rilasciato quello di firma,"),
            format!("the certificate of the certification authority {name}, which issued the signing one,"),
        ),
    };
    let (done_it, done_en) = if suspended {
        ("sospeso", "suspended")
    } else {
        ("revocato", "revoked")
    };
    let (on, list_of) = (day_of(on), day_of(list_of));
    Bilingual::new(
        format!("{whose_it} è stato {done_it} il {on} (lista di revoca di {certificatore} del {list_of}): la firma non vale"),
        format!("{whose_en} was {done_en} on {on} (revocation list of {certificatore} of {list_of}): the signature does not hold"),
    )
}

impl std::fmt::Display for CadesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().italian())
    }
}

impl std::error::Error for CadesError {}
