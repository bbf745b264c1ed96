//! The capofila's request signed with its own firma digitale (`….json.p7m`), beside the one
//! signed with the app's key.
//!
//! **How a comune trusts it.** An app-signed request is trusted on first use: the comune
//! remembers the capofila's key after comparing its fingerprint with the capofila's PEC, and
//! refuses a later request signed with another key ([`super::VerifiedRequest::standing`]). A
//! `.p7m` has no app key to remember: its signer is a person named by a qualified
//! certificate, and the comune's browser keeps no trusted list, so the certificate's CA is
//! not checked there. Such a request is therefore **never remembered and never compared
//! with the remembered key** (which it neither confirms nor replaces): every time, the page
//! and the CLI name the signer, say the file is intact and that the certificate was not
//! checked against the trusted list, and ask the clerk to check that the person named signs
//! for the capofila whose PEC brought the file ([`QualifiedRequest::signer_note`]). An
//! altered file, or a certificate with a problem of its own (expired, not qualified…), is
//! refused. What the request says is checked as for an app-signed one.

use super::{
    check_request_content, check_request_format, refused, request_of, request_value, Request,
    RequestSender, VerifiedRequest, ASK_AGAIN,
};
use crate::ambiti::Ambito;
use crate::comuni;
use crate::signing::cades::{self, OpenedP7m, Trust};
use crate::signing::file_hash;
use crate::signing::qualified::TrustAnchor;
use crate::submission::RequestRef;
use crate::text::{Bilingual, Message};

impl Request {
    /// The request to sign with the capofila's firma digitale: its JSON as the app signs it
    /// with a key, without the `proof` (one signature per file), once the same checks as for
    /// signing it in the app pass at `when` ([`Request::check_before_signing`]).
    pub fn to_sign_digitally(&self, when: &str) -> Result<Vec<u8>, Bilingual> {
        self.check_before_signing(when)?;
        let text = serde_json::to_string_pretty(self).expect("a request always serialises");
        Ok(text.into_bytes())
    }
}

/// Who sends the request when the capofila signs it with its firma digitale (no app key
/// names it): the ambito's capofila by its official name, «Comune di …».
pub fn capofila_sender(
    ambito: &Ambito,
    referente: &str,
    contatto: &str,
) -> Result<RequestSender, Bilingual> {
    let code = ambito.capofila_code().ok_or_else(|| {
        Bilingual::new(
            "l'ambito non indica il suo comune capofila: sceglierlo nell'elenco dei comuni dell'ambito",
            "the ambito does not name its comune capofila: choose it in the ambito's list of comuni",
        )
    })?;
    let nome = comuni::by_code(code).map_or_else(String::new, |c| format!("Comune di {}", c.nome));
    Ok(RequestSender {
        nome,
        codice_istat: code.to_string(),
        referente: referente.to_owned(),
        contatto: contatto.to_owned(),
    })
}

/// A `.p7m` request whose signature is intact and whose content is a request the comune can
/// use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QualifiedRequest {
    pub request: Request,
    /// Every signer as the file names them, intact, with the certificate's standing.
    pub opened: OpenedP7m,
    /// SHA-256 of the `.p7m` file: the submission that answers names it.
    pub hash: String,
}

impl QualifiedRequest {
    /// What an answer keeps of this request, as for an app-signed one.
    pub fn reference(&self) -> RequestRef {
        RequestRef {
            hash: self.hash.clone(),
            capofila: self.request.capofila.nome.clone(),
            scadenza: self.request.scadenza.clone(),
        }
    }

    /// The request as the comune's flow takes it, like an app-signed one: no app key, the
    /// signer's note instead ([`super::KeyStanding::FirmaDigitale`]).
    pub fn into_verified(self) -> VerifiedRequest {
        VerifiedRequest {
            signed_digitally: Some(self.signer_note()),
            signed_by: self.opened.signers[0].signer.clone(),
            request: self.request,
            public_key: String::new(),
            fingerprint: String::new(),
            hash: self.hash,
        }
    }

    /// Who signed and what the clerk checks before answering.
    pub fn signer_note(&self) -> Bilingual {
        let signer = &self.opened.signers[0];
        let (name, named) = signer.signer.as_ref().map_or_else(
            || ("", Bilingual::new("", "")),
            |s| (s.nome_cognome.as_str(), s.named()),
        );
        let capofila = &self.request.capofila.nome;
        let trust = signer.trust.described().plain;
        Bilingual::new(
            format!("Firmata digitalmente da {}. {} Prima di rispondere verificare che {name} firmi per il {capofila} e che la richiesta sia arrivata dalla PEC del capofila.", named.it, trust.it),
            format!("Digitally signed by {}. {} Before answering check that {name} signs for the {capofila} and that the request came from the capofila's PEC.", named.en, trust.en),
        )
    }
}

/// Reads a request signed with a firma digitale: the envelope read as the intake reads a
/// `.p7m` ([`cades::open_p7m`], against `anchors`, usually none in a comune's browser), every
/// signature intact and no certificate problem of its own; then the content checked as
/// [`super::read_request`] checks a request (format, what it says, plausible for its signing
/// time, else `now`). A content carrying the app's `proof` as well is refused.
pub fn read_request_p7m(
    bytes: &[u8],
    anchors: &[TrustAnchor],
    now: &str,
) -> Result<QualifiedRequest, Message> {
    let opened = cades::open_p7m(bytes, anchors, now).map_err(|e| e.message())?;
    for signer in &opened.signers {
        if signer.integrity.is_err() {
            return Err(signer.integrity_described());
        }
        if let Trust::CertificateProblem(_) | Trust::Untrusted { .. } = &signer.trust {
            return Err(signer.trust.described());
        }
    }
    let value = request_value(&opened.content)?;
    check_request_format(&value)?;
    if value.get("proof").is_some() {
        return Err(refused(
            format!(
                "la richiesta firmata digitalmente contiene anche la firma dell'app («proof»): {}",
                ASK_AGAIN.0
            ),
            format!(
                "the digitally signed request also carries the app's signature («proof»): {}",
                ASK_AGAIN.1
            ),
        ));
    }
    let request = request_of(value)?;
    let signed_at = opened.signers[0].signing_time.as_deref().unwrap_or(now);
    check_request_content(&request, signed_at)?;
    Ok(QualifiedRequest {
        request,
        hash: file_hash(bytes),
        opened,
    })
}

/// The capofila opens again a request it sent: signed in the app (`.json`,
/// [`super::read_request`], any key: its own) or with its firma digitale (`.json.p7m`,
/// [`read_request_p7m`] against the trust `anchors` it has, at `now`), as the status board and
/// the plan take it. The page's «Apri una richiesta già inviata» and the CLI's `--request`.
pub fn read_sent_request(
    bytes: &[u8],
    anchors: &[TrustAnchor],
    now: &str,
) -> Result<VerifiedRequest, Message> {
    if cades::looks_like_p7m(bytes) {
        read_request_p7m(bytes, anchors, now).map(QualifiedRequest::into_verified)
    } else {
        super::read_request(bytes, None)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::Path;
    use std::process::Command;

    /// Made at test time: the fixtures of tests/cades/ carry a scheda and their keys are not
    /// kept, so a request is signed here by ANNA NERI of the Comune di Crema with a qualified
    /// certificate of a test CA (`ca.pem` in `dir`): tests/cades/sign-now.sh.
    pub(crate) fn signed_with_openssl(dir: &Path, content: &[u8]) -> Vec<u8> {
        std::fs::write(dir.join("richiesta.json"), content).unwrap();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cades/sign-now.sh");
        let out = Command::new("bash")
            .arg(script)
            .arg(dir)
            .arg("richiesta.json")
            .output()
            .expect("bash is installed");
        assert!(
            out.status.success(),
            "sign-now.sh: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read(dir.join("richiesta.json.p7m")).unwrap()
    }

    /// A request plausible today (the signing time OpenSSL writes is the clock's).
    fn todays_request() -> (Request, String) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let today = crate::signing::rfc3339_utc(now);
        let year: u16 = today[..4].parse().unwrap();
        let deadline = crate::signing::rfc3339_utc(now + 20 * 86_400)[..10].to_owned();
        let request = Request::new(
            &crate::ambiti::preset("crema").unwrap(),
            year + 1,
            &deadline,
            crate::demo::crema_capofila(),
            "Si prega di inviare la scheda firmata entro la scadenza.",
        );
        (request, today)
    }

    #[test]
    fn a_request_signed_digitally_reads_back_naming_its_signer_and_an_altered_one_is_refused() {
        let dir = std::env::temp_dir().join(format!("offerta-request-p7m-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (request, today) = todays_request();
        let content = request
            .to_sign_digitally(&today)
            .expect("a request ready to sign");
        let text = String::from_utf8(content.clone()).unwrap();
        assert!(!text.contains("\"proof\"") && text.contains("offerta-abitativa/richiesta"));
        let p7m = signed_with_openssl(&dir, &content);

        let read = read_request_p7m(&p7m, &[], &today).expect("an intact request");
        assert_eq!(read.request, request);
        assert_eq!(read.hash, file_hash(&p7m));
        assert_eq!(read.reference().capofila, request.capofila.nome);
        let note = read.signer_note();
        assert!(note.it.starts_with("Firmata digitalmente da ANNA NERI (codice fiscale NRENNA70A41D142X), certificato di Certificatore di Prova. Certificato non verificato con l'elenco di fiducia"), "{}", note.it);
        assert!(note
            .it
            .contains("verificare che ANNA NERI firmi per il Comune di Crema"));
        assert!(note.en.starts_with("Digitally signed by ANNA NERI"));

        let verified = read.clone().into_verified();
        assert_eq!(
            verified.standing(Ok(Some("z6Mkaltra"))),
            Ok(super::super::KeyStanding::FirmaDigitale),
            "a firma digitale neither matches nor contradicts the remembered key"
        );
        assert_eq!(
            verified.key_note(super::super::KeyStanding::FirmaDigitale),
            note
        );
        assert_eq!(verified.reference(), read.reference());
        let sender = capofila_sender(&request.ambito, "Ufficio", "pec").unwrap();
        assert_eq!(sender.nome, "Comune di Crema");

        let mut altered = p7m.clone();
        let at = altered.windows(5).position(|w| w == b"Crema").unwrap();
        altered[at] = b'K';
        let err = read_request_p7m(&altered, &[], &today).unwrap_err();
        assert!(
            err.italian().contains("alterato dopo la firma"),
            "{}",
            err.italian()
        );
        // Not a .p7m at all: the envelope's own words.
        let err = read_request_p7m(&content, &[], &today).unwrap_err();
        assert!(err.italian().contains("CAdES"), "{}", err.italian());
        // The app-signed request is no content for a firma digitale.
        let signed = request.signed(&crate::signing::SigningKey::from_bytes(&[21; 32]), &today);
        let p7m = signed_with_openssl(&dir, signed.as_bytes());
        let err = read_request_p7m(&p7m, &[], &today).unwrap_err();
        assert!(err.italian().contains("«proof»"), "{}", err.italian());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
