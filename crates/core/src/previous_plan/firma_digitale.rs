//! Last year's plan signed with the capofila's firma digitale (`….json.p7m`), beside the one
//! signed with the app's key.
//!
//! The envelope is read as the intake reads a `.p7m` ([`cades::open_p7m_with_lists`]): every
//! signature must be intact. The certificate is checked against the trust anchors and the
//! revocation lists the caller has (the capofila's trusted list and CRLs); without anchors it
//! is said not checked. The content is then read exactly as an app-signed plan's, without the
//! app's `proof`. The signer is named, **never remembered as a key**: whether the plan counts
//! is decided afresh by [`super::PreviousPlan::trust`] (the certificate on the trusted list,
//! not revoked, and the person recorded in the registry as signing for the capofila).
//!
//! The certificate's standing depends on what the capofila loaded, and it may load the trusted
//! list or a revocation list after the plan: the plan keeps its file ([`KeptP7m`]) and is
//! judged again ([`PreviousPlan::judged_again`], called by
//! [`crate::planning::LastYear::follow_trust`]) whenever the intake's anchors or lists are not
//! those it was judged against. So that the order of loading changes nothing, a certificate
//! with a problem of its own (expired, not qualified, revoked) does not refuse the plan: it is
//! compared only as an indication, NON VERIFICATO, with the problem in words, as a plan signed
//! by a CA off the list is.

use std::rc::Rc;

use super::{plan_of, plan_value, plan_version, refuse, PlanSigner, PreviousPlan, WHAT_TO_LOAD};
use crate::signing::cades::{self, OpenedP7m, RevocationList, Trust};
use crate::signing::file_hash;
use crate::signing::qualified::TrustAnchor;
use crate::text::Message;

/// A plan's `.p7m` as the capofila loaded it, and what its certificate was judged against:
/// kept so that the plan is judged again when the trust anchors or revocation lists change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptP7m {
    bytes: Rc<[u8]>,
    anchors: Rc<Vec<TrustAnchor>>,
    lists: Rc<Vec<RevocationList>>,
    /// The capofila's clock when the certificate was last judged (RFC 3339).
    judged_at: String,
}

impl KeptP7m {
    /// Whether the certificate was judged against these very anchors and lists.
    fn judged_against(
        &self,
        anchors: &Rc<Vec<TrustAnchor>>,
        lists: &Rc<Vec<RevocationList>>,
    ) -> bool {
        (Rc::ptr_eq(&self.anchors, anchors) || self.anchors == *anchors)
            && (Rc::ptr_eq(&self.lists, lists) || self.lists == *lists)
    }
}

/// The standing of the certificate of a `.p7m` whose signatures are all intact: a problem of
/// any signer's certificate first (one revoked signer is enough), else the first signer's.
fn certificate_of(opened: &OpenedP7m) -> Trust {
    opened
        .signers
        .iter()
        .map(|s| &s.trust)
        .find(|t| matches!(t, Trust::CertificateProblem(_)))
        .unwrap_or(&opened.signers[0].trust)
        .clone()
}

/// Reads last year's plan from a `.p7m` (DER, or its base64 or PEM text), against `anchors`
/// (none: the certificate is said not checked) and the revocation `lists` the capofila
/// loaded, at `now` (RFC 3339; the signing time too where the file states none).
pub fn read_previous_plan_p7m(
    bytes: &[u8],
    anchors: &Rc<Vec<TrustAnchor>>,
    lists: &Rc<Vec<RevocationList>>,
    now: &str,
) -> Result<PreviousPlan, Message> {
    let opened = cades::open_p7m_with_lists(bytes, anchors, lists, now).map_err(|e| e.message())?;
    if let Some(broken) = opened.signers.iter().find(|s| s.integrity.is_err()) {
        return Err(broken.integrity_described());
    }
    let first = &opened.signers[0];
    let Some(signer) = first.signer.clone() else {
        return Err(refuse(
            "il file firmato digitalmente non contiene il certificato di chi ha firmato: non si sa chi ha firmato il piano; riprendere il file originale firmato dal capofila",
            "the digitally signed file does not carry the signer's certificate: who signed the plan is unknown; take the original file signed by the capofila",
        ));
    };
    let value = plan_value(&opened.content)?;
    let versione = plan_version(&value)?;
    if value.get("proof").is_some() {
        return Err(refuse(
            format!("il piano firmato digitalmente contiene anche la firma dell'app («proof»): si firma digitalmente il file «…_per-firma-digitale.json», non quello già firmato nell'app; {}", WHAT_TO_LOAD.0),
            format!("the digitally signed plan also carries the app's signature («proof»): one signs digitally the file «…_per-firma-digitale.json», not the one already signed in the app; {}", WHAT_TO_LOAD.1),
        ));
    }
    let signed_at = first.signing_time.clone().unwrap_or_else(|| now.to_owned());
    let mut plan = plan_of(value, versione, signed_at, file_hash(bytes))?;
    plan.firma_digitale = Some(PlanSigner {
        signer,
        certificate: certificate_of(&opened),
        kept: Rc::new(KeptP7m {
            bytes: Rc::from(bytes),
            anchors: anchors.clone(),
            lists: lists.clone(),
            judged_at: now.to_owned(),
        }),
    });
    Ok(plan)
}

impl PreviousPlan {
    /// This plan with its firma digitale judged again against `anchors` and the revocation
    /// `lists` (the intake's, changed since), at `now` (the capofila's clock; the time the
    /// plan was last judged when later or when `None`): the same reading as
    /// [`read_previous_plan_p7m`], of the same bytes. `None` for a plan signed in the app, or one
    /// already judged against these anchors and lists.
    pub fn judged_again(
        &self,
        anchors: &Rc<Vec<TrustAnchor>>,
        lists: &Rc<Vec<RevocationList>>,
        now: Option<&str>,
    ) -> Option<PreviousPlan> {
        let signed = self.firma_digitale.as_ref()?;
        let kept = &signed.kept;
        if kept.judged_against(anchors, lists) {
            return None;
        }
        let now = later(now, &kept.judged_at);
        let certificate = match cades::open_p7m_with_lists(&kept.bytes, anchors, lists, now) {
            Ok(opened) => certificate_of(&opened),
            // The bytes read before: only an unreadable clock could stop them now.
            Err(e) => Trust::CertificateProblem(e),
        };
        let mut plan = self.clone();
        plan.firma_digitale = Some(PlanSigner {
            signer: signed.signer.clone(),
            certificate,
            kept: Rc::new(KeptP7m {
                bytes: kept.bytes.clone(),
                anchors: anchors.clone(),
                lists: lists.clone(),
                judged_at: now.to_owned(),
            }),
        });
        Some(plan)
    }
}

/// The later of two RFC 3339 moments (`fallback` when `now` is none or not a moment).
fn later<'a>(now: Option<&'a str>, fallback: &'a str) -> &'a str {
    let instant = |t: &str| crate::signing::rfc3339_instant(t).map(|(s, _)| s);
    match now {
        Some(n) if instant(n).is_some_and(|a| instant(fallback).is_none_or(|b| a > b)) => n,
        _ => fallback,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{
        read_any_previous_plan, read_previous_plan, CapofilaKnown, KnownBy, PlanTrust,
    };
    use super::*;
    use crate::intake::Intake;
    use crate::request::firma_digitale::tests::signed_with_openssl;
    use crate::signing::TrustRegistry;
    use crate::{ambiti, demo};

    /// Today by the clock (OpenSSL writes the clock's signing time) and its year.
    fn today() -> (String, u16) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let today = crate::signing::rfc3339_utc(now);
        let year = today[..4].parse().unwrap();
        (today, year)
    }

    /// A Crema plan of `year`: its intake (no file), the plan and the capofila's texts.
    fn crema_plan(year: u16) -> (Intake, crate::Plan, crate::plan_texts::PlanTexts) {
        let ambito = ambiti::preset("crema").unwrap();
        let mut subs = demo::crema_2021();
        for s in &mut subs {
            s.anno_piano = year;
        }
        let plan = crate::aggregate(&subs, Some(&ambito));
        let texts = crate::plan_texts::PlanTexts::defaults(&ambito, year);
        (
            Intake::new(ambito, year, TrustRegistry::default()),
            plan,
            texts,
        )
    }

    /// This year's Crema plan as the capofila downloads it to sign digitally.
    fn plan_to_sign(year: u16) -> (Vec<u8>, crate::Plan) {
        let (intake, plan, texts) = crema_plan(year);
        let bytes = crate::plan_outputs::aggregate_to_sign_digitally(&intake, &plan, &texts, false)
            .expect("no file waits, the texts are clean");
        (bytes, plan)
    }

    fn known<'a>(registry: &'a TrustRegistry, now: &'a str) -> CapofilaKnown<'a> {
        CapofilaKnown {
            capofila: ambiti::preset("crema").unwrap().capofila_code(),
            registry,
            request: None,
            demo: false,
            now: Some(now),
        }
    }

    #[test]
    #[allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.
    fn a_plan_signed_digitally_reads_as_the_app_signed_one_naming_its_signer() {
        let dir = std::env::temp_dir().join(format!("offerta-plan-p7m-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (now, year) = today();
        let (content, plan) = plan_to_sign(year);
        let text = String::from_utf8(content.clone()).unwrap();
        assert!(!text.contains("\"proof\"") && text.contains("offerta-abitativa/piano"));
        let p7m = signed_with_openssl(&dir, &content);

        // No trusted list: read, named, the certificate said not checked, never verified.
        let read = read_previous_plan_p7m(&p7m, &Rc::default(), &Rc::default(), &now)
            .expect("an intact plan");
        assert_eq!(
            read,
            read_any_previous_plan(&p7m, &Rc::default(), &Rc::default(), &now).unwrap()
        );
        assert_eq!((read.ambito.as_str(), read.anno_piano), ("crema", year));
        assert_eq!(read.per_ente, plan.per_ente);
        assert_eq!(read.per_comune, plan.per_comune);
        assert_eq!(read.hash, file_hash(&p7m));
        assert!(read.public_key.is_empty() && read.fingerprint.is_empty());
        let signed = read.firma_digitale.clone().unwrap();
        assert_eq!(signed.signer.nome_cognome, "ANNA NERI");
        assert_eq!(signed.signer.codice_fiscale, "NRENNA70A41D142X");
        assert!(matches!(signed.certificate, Trust::NotChecked { .. }));
        let mut registry = TrustRegistry::default();
        let PlanTrust::Unverified(why) = read.trust(&known(&registry, &now)) else {
            panic!("not checked is not verified")
        };
        assert!(why.it.starts_with("firmato digitalmente da ANNA NERI (codice fiscale NRENNA70A41D142X), certificato di Certificatore di Prova; Certificato non verificato con l'elenco di fiducia"), "{why}");
        assert!(why.it.contains("caricare l'elenco di fiducia"), "{why}");
        let line = read.status_line(&read.trust(&known(&registry, &now)));
        assert!(
            line.it
                .contains("NON VERIFICATO: firmato digitalmente da ANNA NERI"),
            "{line}"
        );
        assert!(
            line.en
                .contains("NOT VERIFIED: digitally signed by ANNA NERI"),
            "{line}"
        );

        // With the trusted list: checked, and still to be confirmed as the capofila's signer.
        let ca = std::fs::read(dir.join("ca.pem")).unwrap();
        let anchors = [cades::anchor_from_file(&ca, "ca.pem").unwrap()];
        let read =
            read_previous_plan_p7m(&p7m, &Rc::new(anchors.to_vec()), &Rc::default(), &now).unwrap();
        let signed = read.firma_digitale.clone().unwrap();
        assert_eq!(signed.certificate, Trust::Trusted);
        let PlanTrust::Unverified(why) = read.trust(&known(&registry, &now)) else {
            panic!("a person the registry does not hold")
        };
        assert!(
            why.it.contains(
                "il registro non dice ancora che «ANNA NERI firma per il Comune di Crema»"
            ),
            "{why}"
        );
        // Recorded as signing for the capofila: verified, by the registry, never as a key.
        assert!(registry.accept_signer(
            "019035",
            "Comune di Crema",
            &signed.signer,
            "2020-01-01T00:00:00Z",
            "sindaco"
        ));
        let trust = read.trust(&known(&registry, &now));
        assert_eq!(trust, PlanTrust::Verified(KnownBy::FirmaDigitale));
        let line = read.status_line(&trust);
        assert!(
            line.it.contains("verificato: firmato digitalmente il")
                && line
                    .it
                    .contains("da ANNA NERI (codice fiscale NRENNA70A41D142X)"),
            "{line}"
        );
        assert!(
            registry.find_by_fingerprint("").is_none(),
            "no key remembered"
        );

        // The document names the person, never a key.
        let ambito = ambiti::preset("crema").unwrap();
        let mut intake = Intake::new(ambito, year + 1, registry);
        // The intake's anchors decide (the plan is judged against them when set).
        intake.set_anchors(anchors.to_vec());
        let mut last_year = crate::planning::LastYear::default();
        last_year.set(&intake, Some(read)).unwrap();
        let this_year = crate::planning::plan_of(&intake, &last_year);
        let texts = crate::plan_outputs::default_texts(&intake);
        let doc = crate::plan_outputs::document(&intake, &last_year, &this_year, &texts);
        let text = doc.text();
        assert!(
            text.contains(&format!(
                "confrontate con il piano {year} dell'ambito «crema», firmato digitalmente il"
            )),
            "{text}"
        );
        assert!(text.contains("da ANNA NERI (codice fiscale NRENNA70A41D142X, certificato di Certificatore di Prova), registrato come firmatario del capofila"), "{text}");
        assert!(!text.contains("chiave del capofila di impronta"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_altered_p7m_or_one_holding_no_plan_is_refused() {
        let dir = std::env::temp_dir().join(format!("offerta-plan-p7m-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (now, year) = today();
        let (content, _) = plan_to_sign(year);
        let p7m = signed_with_openssl(&dir, &content);
        let mut altered = p7m.clone();
        let at = altered.windows(5).position(|w| w == b"crema").unwrap();
        altered[at] = b'k';
        let err =
            read_any_previous_plan(&altered, &Rc::default(), &Rc::default(), &now).unwrap_err();
        assert!(
            err.italian().contains("alterato dopo la firma"),
            "{}",
            err.italian()
        );

        // A comune's submission signed digitally is no plan: said what it is.
        let (files, _) = demo::crema_2021_signed_files();
        let p7m = signed_with_openssl(&dir, files[0].1.as_bytes());
        let err = read_any_previous_plan(&p7m, &Rc::default(), &Rc::default(), &now).unwrap_err();
        assert!(
            err.italian().contains("è la scheda di un ente"),
            "{}",
            err.italian()
        );
        // Nor is any other content, JSON or not.
        let p7m = signed_with_openssl(&dir, br#"{"formato": "altro"}"#);
        let err = read_any_previous_plan(&p7m, &Rc::default(), &Rc::default(), &now).unwrap_err();
        assert!(
            err.italian()
                .contains("non è un piano di Offerta Abitativa"),
            "{}",
            err.italian()
        );
        let p7m = signed_with_openssl(&dir, b"verbale della seduta");
        let err = read_any_previous_plan(&p7m, &Rc::default(), &Rc::default(), &now).unwrap_err();
        assert!(
            err.italian().contains("non si può leggere come piano"),
            "{}",
            err.italian()
        );

        // The plan signed in the app, then signed digitally too: one signature per file.
        let (intake, plan, texts) = crema_plan(year);
        let app_signed = crate::plan_outputs::signed_aggregate_text(
            &intake,
            &plan,
            &texts,
            &demo::fixture_key("019035"),
            &now,
        );
        assert!(read_previous_plan(app_signed.as_bytes()).is_ok());
        let p7m = signed_with_openssl(&dir, app_signed.as_bytes());
        let err = read_any_previous_plan(&p7m, &Rc::default(), &Rc::default(), &now).unwrap_err();
        assert!(err.italian().contains("«proof»"), "{}", err.italian());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_draft_is_offered_for_signing_only_once_confirmed() {
        let ambito = ambiti::preset("crema").unwrap();
        let (files, _) = demo::crema_2021_signed_files();
        let registry = std::rc::Rc::new(TrustRegistry::default());
        let mut intake = Intake::new(ambito.clone(), 2021, TrustRegistry::default());
        let checked = files
            .into_iter()
            .map(|(name, text)| {
                crate::intake::CheckedFile::check(name, text.into_bytes(), &registry)
            })
            .collect();
        intake.add(checked);
        assert!(
            intake.waiting() > 0,
            "keys the empty registry does not know"
        );
        let plan = crate::aggregate(&demo::crema_2021(), Some(&ambito));
        let texts = crate::plan_texts::PlanTexts::defaults(&ambito, 2021);
        let err = crate::plan_outputs::aggregate_to_sign_digitally(&intake, &plan, &texts, false)
            .unwrap_err();
        assert!(err.it.contains("bozza"), "{err}");
        let draft =
            crate::plan_outputs::aggregate_to_sign_digitally(&intake, &plan, &texts, true).unwrap();
        assert!(String::from_utf8(draft).unwrap().contains("\"bozza\""));
    }
}
