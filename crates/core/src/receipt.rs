//! The receipt of a signed submission, for the protocol office: made from the signed file's
//! own bytes, never from the draft, so it describes exactly what was downloaded and does not
//! change when the draft is edited afterwards. The page shows it after signing; `offerta
//! sign` prints the same figures.

use crate::signing::{file_hash, verify_file, TrustRegistry};
use crate::submission::Submission;
use crate::text::Bilingual;

/// What the receipt says of one signed file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// The file's name as it was downloaded.
    pub file_name: String,
    /// SHA-256 of the file's bytes.
    pub hash: String,
    /// The signing key's fingerprint, read from the file's proof.
    pub fingerprint: String,
    /// The signing moment written in the proof (RFC 3339, UTC).
    pub signed_at: String,
    /// The submission exactly as the file states it.
    pub submission: Submission,
}

impl Receipt {
    /// The receipt of the signed file `text`, downloaded as `file_name`. A file whose
    /// signature does not hold has no receipt.
    pub fn of_signed_file(file_name: &str, text: &str) -> Result<Receipt, Bilingual> {
        let verified = verify_file(text, &TrustRegistry::default());
        let not_signed = || {
            Bilingual::new(
                "il file firmato non si rilegge: la ricevuta non può descriverlo",
                "the signed file does not read back: the receipt cannot describe it",
            )
        };
        if !verified.outcome.signature_valid() {
            return Err(not_signed());
        }
        let (Some(submission), Some(fingerprint), Some(signed_at)) = (
            verified.submission,
            verified.fingerprint,
            verified.signed_at,
        ) else {
            return Err(not_signed());
        };
        Ok(Receipt {
            file_name: file_name.to_owned(),
            hash: file_hash(text.as_bytes()),
            fingerprint,
            signed_at,
            submission,
        })
    }

    /// Whether `draft` still says what the signed file says. The moment of the last change
    /// is not content: a draft changed and changed back says the same.
    pub fn matches(&self, draft: &Submission) -> bool {
        crate::signing::content::same_scheda(&self.submission, draft)
    }

    /// The warning the page shows once the draft differs from the signed file.
    pub fn changed_after_signing() -> Bilingual {
        Bilingual::new(
            "La bozza è cambiata dopo la firma: la ricevuta descrive il file firmato prima delle modifiche. Firmare di nuovo e inviare il nuovo file.",
            "The draft changed after signing: the receipt describes the file signed before the changes. Sign again and send the new file.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::signing::sign_submission;
    use crate::submission::{Intervento, WorksInComune};

    fn signed_draft() -> (Submission, String) {
        let mut draft = demo::crema_2021()
            .into_iter()
            .find(|s| s.ente.display_name() == "Comune di Crema")
            .expect("Crema's submission");
        draft.nuova_edificazione = vec![WorksInComune {
            comune: "019035".parse().unwrap(),
            intervento: Intervento::NuovaEdificazione,
            unita: 4,
        }];
        let key = demo::fixture_key(&draft.ente.id());
        let text = sign_submission(&draft, &key, "2026-12-04T10:00:00Z");
        (draft, text)
    }

    #[test]
    fn the_receipt_describes_the_signed_bytes_and_not_the_draft_edited_after() {
        let (mut draft, text) = signed_draft();
        let receipt = Receipt::of_signed_file("f.json", &text).unwrap();
        assert_eq!(receipt.hash, file_hash(text.as_bytes()));
        assert_eq!(receipt.signed_at, "2026-12-04T10:00:00Z");
        let f_signed = receipt.submission.totale_assegnabili();
        assert!(receipt.matches(&draft));
        draft.nuova_edificazione[0].unita = 40;
        draft.modificata_il = Some("2026-12-04T10:05:00Z".into());
        assert!(
            !receipt.matches(&draft),
            "the page must say the draft changed"
        );
        assert_eq!(receipt.submission.totale_assegnabili(), f_signed);
        assert_eq!(receipt.submission.nuova_edificazione[0].unita, 4);
        draft.nuova_edificazione[0].unita = 4;
        assert!(
            receipt.matches(&draft),
            "changed back, it says the same again"
        );
    }

    #[test]
    fn a_file_whose_signature_fails_has_no_receipt() {
        let (_, text) = signed_draft();
        let tampered = text.replacen("\"unita\": 4", "\"unita\": 5", 1);
        assert_ne!(tampered, text);
        assert!(Receipt::of_signed_file("f.json", &tampered).is_err());
    }
}
