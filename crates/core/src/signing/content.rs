//! What an ente signs with its own firma digitale, and what a `.p7m`'s content is.
//!
//! An office signs its acts with a qualified electronic signature (CAD, d.lgs. 82/2005,
//! art. 20-24) in a desktop tool (Dike, ArubaSign, GoSign, Firma OK…). The app hands it the
//! finished submission as a JSON file ([`scheda_to_sign`]); the tool wraps it, byte for byte,
//! in a CAdES envelope (`….json.p7m`). The content is the submission as the app signs it with
//! its own key ([`super::sign_submission`]: current format version, stated totals, `scritto_da`)
//! **without** the `proof` member: one signature per file, the firma digitale. A reader of a
//! received `.p7m` takes the verified content back with [`submission_of_content`].

use crate::ambiti::{self, Ambito};
use crate::reader::{self, ReadError};
use crate::rules::{validate, Report};
use crate::sections::SECTIONS;
use crate::signing::cades::{self, CadesError, OpenedP7m};
use crate::signing::qualified::TrustAnchor;
use crate::submission::Submission;
use crate::text::Bilingual;

/// The scheda to sign with a firma digitale: the file's name and its exact bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchedaToSign {
    /// `offerta-abitativa_2026_019025_comune-di-castelleone_per-firma-digitale.json`: the
    /// signing tool adds `.p7m`.
    pub file_name: String,
    /// UTF-8 JSON, pretty-printed like every file the app writes, no BOM, no final newline.
    pub bytes: Vec<u8>,
}

/// The finished submission to sign outside the app, once the same checks as for signing in
/// the app pass ([`Report::can_sign`]: no error, every warning acknowledged); otherwise the
/// report, whose open findings say what is left to do.
pub fn scheda_to_sign(
    submission: &Submission,
    ambito: Option<&Ambito>,
) -> Result<SchedaToSign, Box<Report>> {
    let report = validate(submission, ambito);
    if !report.can_sign() {
        return Err(Box::new(report));
    }
    let as_signed = super::verify::as_signed(submission);
    let text = serde_json::to_string_pretty(&as_signed).expect("a submission always serialises");
    Ok(SchedaToSign {
        file_name: as_signed.file_name_for_firma_digitale(),
        bytes: text.into_bytes(),
    })
}

/// The submission a verified `.p7m` carries: its content read like any received submission
/// (strict JSON, format and version first; a UTF-8 BOM some tools add is allowed). A content
/// that carries the app's own signature (`proof`) as well is refused: the firma digitale is
/// the file's signature, and two of different kinds would leave unclear which one counts.
pub fn submission_of_content(content: &[u8]) -> Result<Submission, ReadError> {
    let text = std::str::from_utf8(content).map_err(|_| ReadError::NotText)?;
    let mut value = reader::parse_strict(text.trim_start_matches('\u{feff}'))?;
    if value
        .as_object_mut()
        .and_then(|o| o.remove("proof"))
        .is_some()
    {
        return Err(ReadError::invalid(
            "il contenuto firmato digitalmente contiene anche la firma dell'app («proof»): la scheda da firmare digitalmente non ne ha. Chiedere all'ente di scaricare «Scarica la scheda da firmare digitalmente» e firmare quella",
            "the digitally signed content also carries the app's signature («proof»): the submission to sign digitally has none. Ask the ente to use «Download the submission to sign digitally» and sign that",
        ));
    }
    reader::from_value(value)
}

/// A `.p7m` an ente opens to check what it signed ([`open_signed_scheda`]): who signed and
/// whether the file is intact and trusted ([`OpenedP7m`]), and what the content says.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedScheda {
    pub opened: OpenedP7m,
    /// The content read as a submission, or why it is none.
    pub submission: Result<Submission, ReadError>,
    /// The rules run on that submission, as for a draft and for the capofila's intake.
    pub report: Option<Report>,
}

/// Opens a `.p7m` to show what it carries: the same reading as the intake's
/// ([`cades::open_p7m`], integrity and trust apart; `anchors` empty when the browser has no
/// trusted list), the content read as a submission and checked with every rule against
/// `ambito` when it is the submission's (the draft's, possibly imported), else its preset.
/// Reads nothing else and changes nothing: the draft stays as it is.
pub fn open_signed_scheda(
    bytes: &[u8],
    anchors: &[TrustAnchor],
    now: &str,
    ambito: Option<&Ambito>,
) -> Result<SignedScheda, CadesError> {
    let opened = cades::open_p7m(bytes, anchors, now)?;
    let submission = submission_of_content(&opened.content);
    let report = submission.as_ref().ok().map(|s| {
        let preset;
        let ambito = match ambito.filter(|a| a.id == s.ambito) {
            Some(a) => Some(a),
            None => {
                preset = ambiti::preset(&s.ambito);
                preset.as_ref()
            }
        };
        validate(s, ambito)
    });
    Ok(SignedScheda {
        opened,
        submission,
        report,
    })
}

/// Whether two submissions say the same: the content a signed file carries and a draft, in
/// the current format with stated totals; the moment of the last change is not content.
pub fn same_scheda(a: &Submission, b: &Submission) -> bool {
    content_of(a) == content_of(b)
}

fn content_of(s: &Submission) -> Submission {
    let mut s = s.clone().in_current_format().with_stated_totals();
    s.modificata_il = None;
    s
}

/// The signed content against the draft of this browser: `Ok` when they say the same, else
/// why not in plain words («è la scheda di … per il …», or the sections that differ).
pub fn compared_with_draft(signed: &Submission, draft: &Submission) -> Result<(), Bilingual> {
    if same_scheda(signed, draft) {
        return Ok(());
    }
    if signed.ente != draft.ente || signed.anno_piano != draft.anno_piano {
        let (signed_name, draft_name) = (signed.ente.display_name(), draft.ente.display_name());
        return Err(Bilingual::new(
            format!(
                "il file firmato è la scheda di {signed_name} per il piano {}, la bozza è di {draft_name} per il piano {}",
                signed.anno_piano, draft.anno_piano
            ),
            format!(
                "the signed file is the submission of {signed_name} for the {} plan, the draft is of {draft_name} for the {} plan",
                signed.anno_piano, draft.anno_piano
            ),
        ));
    }
    let as_json = |s: &Submission| serde_json::to_value(content_of(s)).unwrap_or_default();
    let (a, b) = (as_json(signed), as_json(draft));
    let differs = |path: &str| a.get(path) != b.get(path);
    let sections: Vec<String> = SECTIONS
        .iter()
        .filter(|section| differs(section.path))
        .map(|section| section.label())
        .map(|label| {
            if label.is_empty() {
                "art. 14".into()
            } else {
                label
            }
        })
        .collect();
    let (it, en) = if sections.is_empty() {
        (
            "la bozza è cambiata dopo la firma (dati dell'ente o del referente, conferme)"
                .to_owned(),
            "the draft changed after signing (the ente's or the contact's details, confirmations)"
                .to_owned(),
        )
    } else {
        let list = sections.join(", ");
        let (it, en) = if sections.len() == 1 {
            ("nella sezione", "in section")
        } else {
            ("nelle sezioni", "in sections")
        };
        (
            format!("la bozza è cambiata dopo la firma, {it} {list}"),
            format!("the draft changed after signing, {en} {list}"),
        )
    };
    Err(Bilingual::new(it, en))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    /// The Comune di Crema's submission of the published 2021 plan.
    fn finished() -> Submission {
        demo::crema_2021()
            .into_iter()
            .find(|s| s.ente.id() == "019035")
            .expect("Crema is in the 2021 plan")
    }

    #[test]
    fn the_scheda_to_sign_is_the_signed_file_without_its_proof_and_reads_back() {
        let s = finished();
        let ambito = crate::ambiti::preset(&s.ambito);
        let scheda = scheda_to_sign(&s, ambito.as_ref()).expect("a finished submission");
        assert_eq!(
            scheda.file_name,
            "offerta-abitativa_2021_019035_comune-di-crema_per-firma-digitale.json"
        );
        let text = String::from_utf8(scheda.bytes.clone()).unwrap();
        assert!(!text.starts_with('\u{feff}') && !text.ends_with('\n'));
        // What the app signs with its own key, less the proof; in the submission's own
        // order of fields, format and version first, for whoever opens it to read.
        let key = demo::fixture_key("019035");
        let signed = super::super::sign_submission(&s, &key, "2026-11-23T10:00:00Z");
        let mut signed: serde_json::Value = serde_json::from_str(&signed).unwrap();
        signed.as_object_mut().unwrap().remove("proof");
        let content: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(content, signed);
        assert!(
            text.starts_with("{\n  \"formato\": \"offerta-abitativa/scheda\",\n  \"versione\": 3,")
        );
        assert!(text.contains("\"totali\"") && text.contains("\"scritto_da\""));
        let back = submission_of_content(&scheda.bytes).unwrap();
        assert_eq!(back, s.in_current_format().with_stated_totals());
        // Same inputs, same bytes.
        assert_eq!(
            scheda_to_sign(&finished(), ambito.as_ref()).unwrap(),
            scheda
        );
        // A received file without signature reads as the same draft in the intake's reader.
        let verified = super::super::verify_file(&text, &super::super::TrustRegistry::default());
        assert_eq!(verified.outcome, super::super::Outcome::Unsigned);
    }

    #[test]
    fn a_draft_with_open_problems_is_not_handed_out_to_sign() {
        let mut s = finished();
        s.referente.email = "non-una-mail".into();
        let report = scheda_to_sign(&s, None).unwrap_err();
        assert!(!report.can_sign());
        assert!(report.open().any(|f| f.field == "referente.email"));
    }

    #[test]
    fn a_2026_scheda_is_written_in_format_4_and_an_aler_name_stays_ascii() {
        let mut s = Submission::new(
            2026,
            "crema",
            crate::submission::Ente::comune("019025").unwrap(),
        );
        s.nessun_patrimonio = true;
        s.referente.nome = "Ufficio Casa".into();
        s.referente.ruolo = "Responsabile".into();
        s.referente.email = "casa@castelleone.example.org".into();
        s.assegnate_anno_precedente.anno = 2025;
        let scheda = match scheda_to_sign(&s, None) {
            Ok(scheda) => scheda,
            Err(report) => panic!("{:?}", report.open().collect::<Vec<_>>()),
        };
        assert_eq!(
            scheda.file_name,
            "offerta-abitativa_2026_019025_comune-di-castelleone_per-firma-digitale.json"
        );
        let value: serde_json::Value = serde_json::from_slice(&scheda.bytes).unwrap();
        assert_eq!(value["versione"], crate::submission::FORMAT_VERSION);
    }

    #[test]
    fn a_content_that_is_not_a_plain_submission_is_refused_with_the_readers_words() {
        let key = demo::fixture_key("019035");
        let signed = super::super::sign_submission(&finished(), &key, "2026-11-23T10:00:00Z");
        let err = submission_of_content(signed.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("«proof»"), "{err}");
        assert!(err.message_en().contains("«proof»"));
        assert_eq!(
            submission_of_content(b"%PDF-1.7\xff\xfe").unwrap_err(),
            ReadError::NotText
        );
        assert_eq!(
            submission_of_content(b"{\"formato\": \"altro\"}").unwrap_err(),
            ReadError::NotASubmission
        );
        let scheda = scheda_to_sign(&finished(), None).unwrap();
        let mut with_bom = "\u{feff}".as_bytes().to_vec();
        with_bom.extend(&scheda.bytes);
        assert!(submission_of_content(&with_bom).is_ok());
        let twice = String::from_utf8(scheda.bytes).unwrap().replacen(
            "\"ambito\"",
            "\"ambito\": \"x\", \"ambito\"",
            1,
        );
        assert!(matches!(
            submission_of_content(twice.as_bytes()),
            Err(ReadError::Json(_))
        ));
    }

    fn cades_fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/../../tests/cades/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    const NOW: &str = "2030-01-01T00:00:00Z";

    #[test]
    fn a_signed_scheda_opens_with_its_content_its_rules_and_no_trusted_list() {
        let opened = open_signed_scheda(&cades_fixture("buona-rsa.json.p7m"), &[], NOW, None)
            .expect("a readable .p7m");
        assert!(opened.opened.intact());
        let s = opened
            .submission
            .as_ref()
            .expect("the content is a submission");
        assert_eq!(s.ente.display_name(), "Comune di Castelleone");
        let report = opened.report.as_ref().expect("the rules ran");
        assert_eq!(report, &validate(s, ambiti::preset(&s.ambito).as_ref()));
        // The same submission as a draft: the same scheda; changed: said how.
        let mut draft = s.clone();
        assert_eq!(compared_with_draft(s, &draft), Ok(()));
        draft.modificata_il = Some("2031-01-01T00:00:00Z".into());
        assert_eq!(
            compared_with_draft(s, &draft),
            Ok(()),
            "a moment is not content"
        );
        draft.consistenza.sap += 1;
        let why = compared_with_draft(s, &draft).unwrap_err();
        assert_eq!(
            why.it,
            "la bozza è cambiata dopo la firma, nella sezione a)"
        );
        assert_eq!(why.en, "the draft changed after signing, in section a)");
        let other = demo::crema_2021().remove(0);
        let why = compared_with_draft(s, &other).unwrap_err();
        assert!(
            why.it
                .starts_with("il file firmato è la scheda di Comune di Castelleone per il piano"),
            "{}",
            why.it
        );
    }

    #[test]
    fn an_altered_scheda_opens_to_say_so_and_a_non_p7m_is_refused() {
        let opened =
            open_signed_scheda(&cades_fixture("alterata.json.p7m"), &[], NOW, None).unwrap();
        assert!(!opened.opened.intact());
        assert!(opened
            .submission
            .as_ref()
            .is_ok_and(|s| s.ente.display_name() == "Comune di Castelleone"));
        let error = open_signed_scheda(&cades_fixture("scheda.json"), &[], NOW, None).unwrap_err();
        assert_eq!(error.code(), "p7m-illeggibile");
    }
}
