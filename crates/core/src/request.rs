//! The capofila's request to the comuni ("richiesta di ricognizione", issue #16, first part:
//! the format, signing and reading; the page and the CLI come next). The capofila signs it
//! with its own key, the same signature scheme as a submission, and sends it by PEC; a
//! comune opens it to start its submission with the ambito and the year fixed. A request
//! that does not verify, is of another format, or is signed by a key other than the one the
//! comune already knows for its capofila is refused with the reason and changes nothing.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::signing::{file_hash, fingerprint, rfc3339_instant, sign_document, verify_document};
use crate::signing::{ProofError, SigningKey};
use crate::text::Bilingual;

pub const REQUEST_FORMAT_NAME: &str = "offerta-abitativa/richiesta";
pub const REQUEST_FORMAT_VERSION: u32 = 1;

/// Who asks: the comune capofila and whom to contact.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RequestSender {
    /// "Comune di Crema".
    pub nome: String,
    pub codice_istat: String,
    /// The office or person who follows the plan.
    pub referente: String,
    /// PEC or e-mail address, or a telephone number.
    pub contatto: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub formato: String,
    pub versione: u32,
    /// The ambito's id, as the submissions name it.
    pub ambito: String,
    pub anno_piano: u16,
    /// The day the answers are due (YYYY-MM-DD): after it the app warns, never blocks.
    pub scadenza: String,
    pub capofila: RequestSender,
    /// ISTAT codes of the comuni known to own housing (the ricognizione's owners).
    pub titolari: Vec<String>,
    pub messaggio: String,
}

impl Request {
    pub fn new(
        ambito: &str,
        anno_piano: u16,
        scadenza: &str,
        capofila: RequestSender,
        titolari: Vec<String>,
        messaggio: &str,
    ) -> Request {
        Request {
            formato: REQUEST_FORMAT_NAME.into(),
            versione: REQUEST_FORMAT_VERSION,
            ambito: ambito.into(),
            anno_piano,
            scadenza: scadenza.into(),
            capofila,
            titolari,
            messaggio: messaggio.into(),
        }
    }

    /// The request signed with the capofila's `key` at `when` (RFC 3339), as the file to send.
    pub fn signed(&self, key: &SigningKey, when: &str) -> String {
        let Value::Object(document) =
            serde_json::to_value(self).expect("a request always serialises")
        else {
            unreachable!("a request serialises to an object")
        };
        serde_json::to_string_pretty(&sign_document(document, key, when))
            .expect("a JSON value always serialises")
    }

    /// Days from `today` (YYYY-MM-DD or RFC 3339) to the deadline: 0 on the day itself,
    /// negative after it; `None` if either is not a date.
    pub fn days_left(&self, today: &str) -> Option<i64> {
        let day = |text: &str| {
            let date = text.get(0..10)?;
            rfc3339_instant(&format!("{date}T00:00:00Z")).map(|(s, _)| s / 86_400)
        };
        Some(day(&self.scadenza)? - day(today)?)
    }
}

/// A request whose signature holds, with what identifies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedRequest {
    pub request: Request,
    /// The capofila's key (multibase) and its fingerprint, to remember and to compare.
    pub public_key: String,
    pub fingerprint: String,
    /// SHA-256 of the file: the submission that answers names it.
    pub hash: String,
}

fn refuse(it: impl Into<String>, en: impl Into<String>) -> Bilingual {
    Bilingual::new(it, en)
}

/// Reads a request file: it must be a request of a version this app reads, with a signature
/// that holds, and (when the comune already knows its capofila's key) signed by that key.
pub fn read_request(bytes: &[u8], known_key: Option<&str>) -> Result<VerifiedRequest, Bilingual> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        refuse(
            "il file non è una richiesta del capofila ma un altro tipo di file",
            "the file is not a request of the capofila but another kind of file",
        )
    })?;
    let value =
        crate::strict_json::parse(text.trim_start_matches('\u{feff}')).map_err(|e| e.plain())?;
    match value.get("formato").and_then(Value::as_str) {
        Some(REQUEST_FORMAT_NAME) => {}
        Some(crate::submission::FORMAT_NAME) => {
            return Err(refuse(
                "il file è la scheda di un ente, non una richiesta del capofila: aprirlo da «Compila la scheda dell'ente»",
                "the file is an ente's submission, not a request of the capofila: open it from «Fill in the ente's submission»",
            ))
        }
        _ => {
            return Err(refuse(
                "il file non è una richiesta del capofila di Offerta Abitativa",
                "the file is not an Offerta Abitativa request of the capofila",
            ))
        }
    }
    let version = value.get("versione").and_then(Value::as_u64);
    if version != Some(u64::from(REQUEST_FORMAT_VERSION)) {
        return Err(refuse(
            "la richiesta è di una versione che questa app non legge: aggiornare l'app o chiedere al capofila una richiesta nuova",
            "the request is of a version this app does not read: update the app or ask the capofila for a new request",
        ));
    }
    let (public_key, document) = verify_document(&value).map_err(|e| match e {
        ProofError::Missing => refuse(
            "la richiesta non è firmata: chiedere al capofila il file firmato",
            "the request is not signed: ask the capofila for the signed file",
        ),
        ProofError::BadSignature => refuse(
            "la richiesta è stata modificata dopo la firma del capofila: non usarla e chiedere al capofila di inviarla di nuovo",
            "the request was changed after the capofila signed it: do not use it and ask the capofila to send it again",
        ),
        other => refuse(
            format!("la firma della richiesta non è valida ({other}): chiedere al capofila di inviarla di nuovo"),
            "the request's signature is not valid: ask the capofila to send it again",
        ),
    })?;
    let request: Request = serde_json::from_value(document).map_err(|e| {
        refuse(
            format!("la richiesta non rispetta il formato (dettagli tecnici: {e})"),
            format!("the request does not follow the format (technical details: {e})"),
        )
    })?;
    if request.days_left(&request.scadenza).is_none() {
        return Err(refuse(
            format!("la scadenza «{}» non è una data", request.scadenza),
            format!("the deadline «{}» is not a date", request.scadenza),
        ));
    }
    let signer = fingerprint(&public_key);
    if let Some(known) = known_key.filter(|k| *k != public_key) {
        return Err(refuse(
            format!(
                "la richiesta è firmata con una chiave diversa da quella del capofila già conosciuta (impronta {signer} invece di {}): verificare con il capofila prima di usarla",
                fingerprint(known)
            ),
            format!(
                "the request is signed with another key than the capofila's known one (fingerprint {signer} instead of {}): check with the capofila before using it",
                fingerprint(known)
            ),
        ));
    }
    Ok(VerifiedRequest {
        request,
        fingerprint: signer,
        public_key,
        hash: file_hash(bytes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::multikey::public_key_multibase;

    fn crema() -> Request {
        Request::new(
            "crema",
            2027,
            "2026-12-20",
            RequestSender {
                nome: "Comune di Crema".into(),
                codice_istat: "019035".into(),
                referente: "Ufficio di Piano".into(),
                contatto: "protocollo@pec.comune.crema.example".into(),
            },
            vec!["019035".into(), "019025".into()],
            "Si prega di inviare la scheda firmata entro la scadenza.",
        )
    }

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[21; 32])
    }

    #[test]
    fn a_signed_request_reads_back_with_its_key_fingerprint_and_hash() {
        let text = crema().signed(&key(), "2026-12-01T10:00:00Z");
        let read = read_request(text.as_bytes(), None).unwrap();
        assert_eq!(read.request, crema());
        let public = public_key_multibase(&key().verifying_key());
        assert_eq!(read.public_key, public);
        assert_eq!(read.fingerprint, fingerprint(&public));
        assert_eq!(read.hash, file_hash(text.as_bytes()));
        // The known key of the capofila: the same passes, another is refused.
        assert!(read_request(text.as_bytes(), Some(&public)).is_ok());
        let other = public_key_multibase(&SigningKey::from_bytes(&[22; 32]).verifying_key());
        let err = read_request(text.as_bytes(), Some(&other)).unwrap_err();
        assert!(err.it.contains("chiave diversa"), "{err}");
        assert!(err.it.contains(&read.fingerprint), "{err}");
    }

    #[test]
    fn an_altered_unsigned_or_other_file_is_refused_with_its_reason() {
        let text = crema().signed(&key(), "2026-12-01T10:00:00Z");
        let altered = text.replacen("2026-12-20", "2027-01-20", 1);
        let err = read_request(altered.as_bytes(), None).unwrap_err();
        assert!(err.it.contains("modificata dopo la firma"), "{err}");
        let unsigned = serde_json::to_string(&crema()).unwrap();
        let err = read_request(unsigned.as_bytes(), None).unwrap_err();
        assert!(err.it.contains("non è firmata"), "{err}");
        let submission = serde_json::to_string(&crate::demo::crema_2021()[0]).unwrap();
        let err = read_request(submission.as_bytes(), None).unwrap_err();
        assert!(err.it.contains("scheda di un ente"), "{err}");
        let err = read_request(b"%PDF-1.7", None).unwrap_err();
        assert!(!err.it.contains("JSON"), "{err}");
        let future = text.replacen("\"versione\": 1", "\"versione\": 9", 1);
        let err = read_request(future.as_bytes(), None).unwrap_err();
        assert!(err.it.contains("aggiornare l'app"), "{err}");
    }

    #[test]
    fn the_days_left_count_to_the_deadline_and_go_negative_after_it() {
        let r = crema();
        assert_eq!(r.days_left("2026-12-01"), Some(19));
        assert_eq!(r.days_left("2026-12-20T17:00:00Z"), Some(0));
        assert_eq!(r.days_left("2026-12-22"), Some(-2));
        assert_eq!(r.days_left("ieri"), None);
    }
}
