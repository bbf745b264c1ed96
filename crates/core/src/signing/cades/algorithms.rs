//! The digest and signature algorithms a qualified signature may use, by their object
//! identifiers: SHA-256/384/512 with RSA (PKCS#1 v1.5 or PSS) or ECDSA on P-256/P-384. MD5
//! and SHA-1 are named to be refused as weak (ETSI TS 119 312), anything else as unknown.

use der::asn1::ObjectIdentifier as Oid;
use der::Encode;
use rsa::pkcs8::DecodePublicKey;
use sha2::{Digest as _, Sha256, Sha384, Sha512};
use signature::hazmat::PrehashVerifier;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use super::CadesError;

const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");
const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
const MD5: Oid = Oid::new_unwrap("1.2.840.113549.2.5");

const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
const MD5_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.4");
const SHA1_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.5");
const RSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");
const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
const ECDSA_WITH_SHA1: Oid = Oid::new_unwrap("1.2.840.10045.4.1");
const ECDSA_WITH_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_WITH_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
const ECDSA_WITH_SHA512: Oid = Oid::new_unwrap("1.2.840.10045.4.3.4");
const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
const P384: Oid = Oid::new_unwrap("1.3.132.0.34");

/// RSA keys shorter than this are refused as weak (ETSI TS 119 312: 1900 bits at least).
const MIN_RSA_BITS: usize = 2048;

/// A digest algorithm the app accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digest {
    Sha256,
    Sha384,
    Sha512,
}

impl Digest {
    /// The digest named by `oid`: MD5 and SHA-1 refused as weak, others as unknown.
    pub fn of(oid: &Oid) -> Result<Digest, CadesError> {
        match *oid {
            SHA256 => Ok(Digest::Sha256),
            SHA384 => Ok(Digest::Sha384),
            SHA512 => Ok(Digest::Sha512),
            SHA1 => Err(CadesError::WeakAlgorithm("SHA-1")),
            MD5 => Err(CadesError::WeakAlgorithm("MD5")),
            other => Err(CadesError::UnsupportedAlgorithm(other.to_string())),
        }
    }

    pub fn hash(self, data: &[u8]) -> Vec<u8> {
        match self {
            Digest::Sha256 => Sha256::digest(data).to_vec(),
            Digest::Sha384 => Sha384::digest(data).to_vec(),
            Digest::Sha512 => Sha512::digest(data).to_vec(),
        }
    }

    fn rsa_pkcs1v15(self) -> rsa::Pkcs1v15Sign {
        match self {
            Digest::Sha256 => rsa::Pkcs1v15Sign::new::<Sha256>(),
            Digest::Sha384 => rsa::Pkcs1v15Sign::new::<Sha384>(),
            Digest::Sha512 => rsa::Pkcs1v15Sign::new::<Sha512>(),
        }
    }

    fn rsa_pss(self, salt_len: usize) -> rsa::Pss {
        match self {
            Digest::Sha256 => rsa::Pss::new_with_salt::<Sha256>(salt_len),
            Digest::Sha384 => rsa::Pss::new_with_salt::<Sha384>(salt_len),
            Digest::Sha512 => rsa::Pss::new_with_salt::<Sha512>(salt_len),
        }
    }
}

/// How a signature is checked: the scheme and the digest of what is signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    RsaPkcs1v15(Digest),
    RsaPss { digest: Digest, salt_len: usize },
    Ecdsa(Digest),
}

/// RSASSA-PSS-params (RFC 4055), read only as far as the scheme needs: the hash, the mask
/// generation function (MGF1 with the same hash, as the rsa crate does) and the salt length.
#[derive(der::Sequence)]
struct PssParams {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    hash: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    mask_gen: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    salt_len: Option<u32>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    trailer: Option<u32>,
}

const MGF1: Oid = Oid::new_unwrap("1.2.840.113549.1.1.8");

impl Scheme {
    /// The scheme of a signature algorithm; `digest` is the one the signer named apart (a
    /// SignerInfo's digestAlgorithm), used where the algorithm names none (rsaEncryption,
    /// id-ecPublicKey, as many signing tools write).
    pub fn of(
        algorithm: &AlgorithmIdentifierOwned,
        digest: Option<Digest>,
    ) -> Result<Scheme, CadesError> {
        let named_apart =
            || digest.ok_or_else(|| CadesError::UnsupportedAlgorithm(algorithm.oid.to_string()));
        Ok(match algorithm.oid {
            SHA256_WITH_RSA => Scheme::RsaPkcs1v15(Digest::Sha256),
            SHA384_WITH_RSA => Scheme::RsaPkcs1v15(Digest::Sha384),
            SHA512_WITH_RSA => Scheme::RsaPkcs1v15(Digest::Sha512),
            RSA_ENCRYPTION => Scheme::RsaPkcs1v15(named_apart()?),
            ECDSA_WITH_SHA256 => Scheme::Ecdsa(Digest::Sha256),
            ECDSA_WITH_SHA384 => Scheme::Ecdsa(Digest::Sha384),
            ECDSA_WITH_SHA512 => Scheme::Ecdsa(Digest::Sha512),
            EC_PUBLIC_KEY => Scheme::Ecdsa(named_apart()?),
            RSA_PSS => pss_scheme(algorithm)?,
            SHA1_WITH_RSA | ECDSA_WITH_SHA1 => return Err(CadesError::WeakAlgorithm("SHA-1")),
            MD5_WITH_RSA => return Err(CadesError::WeakAlgorithm("MD5")),
            other => return Err(CadesError::UnsupportedAlgorithm(other.to_string())),
        })
    }
}

impl Scheme {
    /// The digest of what the scheme signs.
    pub fn digest(self) -> Digest {
        match self {
            Scheme::RsaPkcs1v15(digest) | Scheme::Ecdsa(digest) => digest,
            Scheme::RsaPss { digest, .. } => digest,
        }
    }
}

fn pss_scheme(algorithm: &AlgorithmIdentifierOwned) -> Result<Scheme, CadesError> {
    let unsupported = |why: &str| CadesError::UnsupportedAlgorithm(format!("RSASSA-PSS: {why}"));
    let params = algorithm
        .parameters
        .as_ref()
        .ok_or_else(|| unsupported("no parameters"))?;
    let params: PssParams = params
        .decode_as()
        .map_err(|e| unsupported(&e.to_string()))?;
    // The defaults of RFC 4055 are SHA-1: refused like any other use of it.
    let digest = Digest::of(&params.hash.as_ref().map_or(SHA1, |h| h.oid))?;
    let mgf_digest = params
        .mask_gen
        .as_ref()
        .filter(|m| m.oid == MGF1)
        .and_then(|m| m.parameters.as_ref())
        .and_then(|p| p.decode_as::<AlgorithmIdentifierOwned>().ok())
        .map(|h| Digest::of(&h.oid));
    if mgf_digest != Some(Ok(digest)) {
        return Err(unsupported(
            "mask generation other than MGF1 with the same hash",
        ));
    }
    if params.trailer.unwrap_or(1) != 1 {
        return Err(unsupported("trailer field other than 1"));
    }
    Ok(Scheme::RsaPss {
        digest,
        salt_len: params.salt_len.unwrap_or(20) as usize,
    })
}

/// Checks `signature` over `message` with the public key `key` by `scheme`; the error says
/// what did not hold, in a library's words, for the technical detail.
pub fn verify(
    key: &SubjectPublicKeyInfoOwned,
    scheme: Scheme,
    message: &[u8],
    signature: &[u8],
) -> Result<(), CadesError> {
    verify_hashed(key, scheme, &scheme.digest().hash(message), signature)
}

/// [`verify`] given the digest of the message (`scheme`'s digest): a revocation list of
/// megabytes is hashed once, not once for each file checked against it.
pub fn verify_hashed(
    key: &SubjectPublicKeyInfoOwned,
    scheme: Scheme,
    hashed: &[u8],
    signature: &[u8],
) -> Result<(), CadesError> {
    match scheme {
        Scheme::RsaPkcs1v15(digest) => {
            let key = rsa_key(key)?;
            key.verify(digest.rsa_pkcs1v15(), hashed, signature)
                .map_err(|e| CadesError::SignatureInvalid(e.to_string()))
        }
        Scheme::RsaPss { digest, salt_len } => {
            let key = rsa_key(key)?;
            key.verify(digest.rsa_pss(salt_len), hashed, signature)
                .map_err(|e| CadesError::SignatureInvalid(e.to_string()))
        }
        Scheme::Ecdsa(_) => verify_ecdsa(key, hashed, signature),
    }
}

fn rsa_key(key: &SubjectPublicKeyInfoOwned) -> Result<rsa::RsaPublicKey, CadesError> {
    if key.algorithm.oid != RSA_ENCRYPTION && key.algorithm.oid != RSA_PSS {
        return Err(CadesError::SignatureInvalid(format!(
            "an RSA signature but a key of algorithm {}",
            key.algorithm.oid
        )));
    }
    let der = key
        .to_der()
        .map_err(|e| CadesError::SignatureInvalid(e.to_string()))?;
    let key = rsa::RsaPublicKey::from_public_key_der(&der)
        .map_err(|e| CadesError::UnsupportedAlgorithm(format!("RSA key: {e}")))?;
    let bits = rsa::traits::PublicKeyParts::size(&key) * 8;
    if bits < MIN_RSA_BITS {
        return Err(CadesError::WeakAlgorithm("RSA < 2048 bit"));
    }
    Ok(key)
}

fn verify_ecdsa(
    key: &SubjectPublicKeyInfoOwned,
    prehash: &[u8],
    signature: &[u8],
) -> Result<(), CadesError> {
    if key.algorithm.oid != EC_PUBLIC_KEY {
        return Err(CadesError::SignatureInvalid(format!(
            "an ECDSA signature but a key of algorithm {}",
            key.algorithm.oid
        )));
    }
    let curve = key
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<Oid>().ok());
    let point = key.subject_public_key.raw_bytes();
    let invalid = |e: signature::Error| CadesError::SignatureInvalid(e.to_string());
    match curve {
        Some(P256) => {
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(invalid)?;
            let signature = p256::ecdsa::Signature::from_der(signature).map_err(invalid)?;
            key.verify_prehash(prehash, &signature).map_err(invalid)
        }
        Some(P384) => {
            let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(invalid)?;
            let signature = p384::ecdsa::Signature::from_der(signature).map_err(invalid)?;
            key.verify_prehash(prehash, &signature).map_err(invalid)
        }
        other => Err(CadesError::UnsupportedAlgorithm(format!(
            "ECDSA curve {}",
            other.map_or("(none)".to_owned(), |o| o.to_string())
        ))),
    }
}

/// SHA-1 of a certificate: only to match the ESS signing-certificate (version 1) attribute
/// older signing tools write, which names the signer's certificate by it.
pub fn sha1_of(data: &[u8]) -> Vec<u8> {
    use ::sha1::Digest as _;
    ::sha1::Sha1::digest(data).to_vec()
}
