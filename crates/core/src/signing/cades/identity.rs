//! Who a certificate names: the signer's name, codice fiscale and organisation, and the
//! certification authority, read from the distinguished names the Italian profile of
//! qualified certificates uses (givenName, surname, serialNumber `TINIT-<CF>` or, in older
//! certificates, `IT:<CF>`; some older ones write «NOME COGNOME/CF» in the commonName).

use der::asn1::ObjectIdentifier as Oid;
use der::{Encode, Tag, Tagged};
use sha2::{Digest as _, Sha256};
use x509_cert::name::Name;
use x509_cert::Certificate;

use crate::signing::qualified::QualifiedSigner;

pub const COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
const SURNAME: Oid = Oid::new_unwrap("2.5.4.4");
const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
pub const ORGANIZATION: Oid = Oid::new_unwrap("2.5.4.10");
const GIVEN_NAME: Oid = Oid::new_unwrap("2.5.4.42");

/// The first value of the attribute `oid` in `name`, as text (UTF8String, PrintableString,
/// IA5String, TeletexString read as Latin-1, BMPString), trimmed.
pub fn attribute(name: &Name, oid: Oid) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid)
        .and_then(|atv| {
            let bytes = atv.value.value();
            let text = match atv.value.tag() {
                Tag::Utf8String | Tag::PrintableString | Tag::Ia5String => {
                    String::from_utf8(bytes.to_vec()).ok()?
                }
                Tag::TeletexString => bytes.iter().map(|&b| char::from(b)).collect(),
                Tag::BmpString => {
                    let units: Vec<u16> = bytes
                        .chunks_exact(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    String::from_utf16(&units).ok()?
                }
                _ => return None,
            };
            Some(text.trim().to_owned())
        })
        .filter(|text| !text.is_empty())
}

/// A short name of a certificate's subject or issuer for messages: its CN, else its O,
/// else the whole name as X.500 writes it.
pub fn short_name(name: &Name) -> String {
    attribute(name, COMMON_NAME)
        .or_else(|| attribute(name, ORGANIZATION))
        .unwrap_or_else(|| name.to_string())
}

/// The signer as `certificate` names it.
pub fn signer_of(certificate: &Certificate) -> QualifiedSigner {
    let tbs = &certificate.tbs_certificate;
    let subject = &tbs.subject;
    let common_name = attribute(subject, COMMON_NAME);
    let (cn_name, cn_cf) = match &common_name {
        Some(cn) => split_common_name(cn),
        None => (None, None),
    };
    let nome_cognome = match (attribute(subject, GIVEN_NAME), attribute(subject, SURNAME)) {
        (Some(given), Some(surname)) => format!("{given} {surname}"),
        _ => cn_name.unwrap_or_default(),
    };
    let codice_fiscale = attribute(subject, SERIAL_NUMBER)
        .and_then(|serial| codice_fiscale_of_serial(&serial))
        .or(cn_cf)
        .unwrap_or_default();
    let certificatore = attribute(&tbs.issuer, ORGANIZATION)
        .or_else(|| attribute(&tbs.issuer, COMMON_NAME))
        .unwrap_or_else(|| tbs.issuer.to_string());
    QualifiedSigner {
        nome_cognome,
        codice_fiscale,
        organizzazione: attribute(subject, ORGANIZATION),
        certificatore,
        certificato_sha256: certificate_sha256(certificate),
    }
}

/// SHA-256 of the certificate's DER, upper-case hex.
pub fn certificate_sha256(certificate: &Certificate) -> String {
    let der = certificate.to_der().unwrap_or_default();
    Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect()
}

/// The codice fiscale in a serialNumber: `TINIT-<CF>` (ETSI EN 319 412-1 semantics
/// identifier), `IT:<CF>` (older Italian certificates), or a bare codice fiscale.
fn codice_fiscale_of_serial(serial: &str) -> Option<String> {
    let serial = serial.trim();
    let cf = serial
        .strip_prefix("TINIT-")
        .or_else(|| serial.strip_prefix("IT:"))
        .unwrap_or(serial)
        .trim();
    looks_like_codice_fiscale(cf).then(|| cf.to_ascii_uppercase())
}

/// A commonName as «NOME COGNOME/CF» (or «CF/other things»): the name part and the codice
/// fiscale, where one of the parts is one.
fn split_common_name(cn: &str) -> (Option<String>, Option<String>) {
    let parts: Vec<&str> = cn.split('/').map(str::trim).collect();
    let cf = parts.iter().find(|p| looks_like_codice_fiscale(p));
    match cf {
        Some(cf) => {
            let rest: Vec<&str> = parts.iter().copied().filter(|p| p != cf).collect();
            let name = rest
                .first()
                .filter(|p| p.chars().any(char::is_alphabetic) && p.contains(' '))
                .map(|p| (*p).to_owned());
            (name, Some(cf.to_ascii_uppercase()))
        }
        None => (Some(cn.trim().to_owned()), None),
    }
}

/// The shape of a person's codice fiscale: 16 letters and digits, six letters first and a
/// letter last (digits may be letters where two people would share one: omocodia).
pub fn looks_like_codice_fiscale(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 16
        && b.iter().all(u8::is_ascii_alphanumeric)
        && b[..6].iter().all(u8::is_ascii_alphabetic)
        && b[15].is_ascii_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codice_fiscale_is_read_from_each_form() {
        assert_eq!(
            codice_fiscale_of_serial("TINIT-RSSMRA80A01H501U").as_deref(),
            Some("RSSMRA80A01H501U")
        );
        assert_eq!(
            codice_fiscale_of_serial(" IT:CSGCST68S19E472X").as_deref(),
            Some("CSGCST68S19E472X")
        );
        assert_eq!(codice_fiscale_of_serial("VATIT-12293460155"), None);
        assert_eq!(codice_fiscale_of_serial("19673084"), None);
        assert_eq!(
            split_common_name("LUCA VERDI/VRDLCU70M12D150B"),
            (Some("LUCA VERDI".into()), Some("VRDLCU70M12D150B".into()))
        );
        assert_eq!(
            split_common_name("BNCFBA83R06F205N/6030608541449006.iTzqSOr606JXHq1nO9RNyZDBpPM="),
            (None, Some("BNCFBA83R06F205N".into()))
        );
        assert_eq!(
            split_common_name("ROSSI MARIO"),
            (Some("ROSSI MARIO".into()), None)
        );
    }
}
