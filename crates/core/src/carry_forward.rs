//! A new plan year started from last year's file (issue #16, "Last year's figures", the
//! comune's side). The comune opens the submission it signed for last year (or its draft):
//! the new draft keeps what seldom changes (a, the referente, the rows of b-e and j) and
//! marks each copied section «dall'anno precedente: da verificare» until the clerk confirms
//! it or changes it. Each mark is an error of the rule `dati-anno-precedente-da-verificare`,
//! so a draft with marks cannot be signed.

use crate::signing::{verify_file, Outcome, ProofError, TrustRegistry};
use crate::submission::{CarriedSection, Submission};
use crate::text::Bilingual;

/// What the copying needs to know of each part: whether last year had something in it, and
/// whether an edit changed it.
impl CarriedSection {
    /// Whether last year's submission had something in this part. a) and the referente are
    /// always checked: the stock and the person change without the form showing it. A
    /// section of rows that was empty copies nothing, so the new draft is as if started
    /// afresh there and there is nothing to check.
    fn carries_something(self, last: &Submission) -> bool {
        match self {
            CarriedSection::Consistenza | CarriedSection::Referente => true,
            CarriedSection::CarenzaManutentiva => !last.carenza_manutentiva.is_empty(),
            CarriedSection::NuovaEdificazione => !last.nuova_edificazione.is_empty(),
            CarriedSection::Avvicendamento => {
                !last.avvicendamento.per_comune.is_empty()
                    || last.avvicendamento.senza_ripartizione > 0
                    || last
                        .avvicendamento_sas
                        .as_ref()
                        .is_some_and(|t| *t != Default::default())
            }
            CarriedSection::ConferiteDaPrivati => !last.conferite_da_privati.is_empty(),
            CarriedSection::Transitori => !last.transitori.is_empty(),
        }
    }

    /// Whether the part is the same in `a` and `b`.
    fn same_in(self, a: &Submission, b: &Submission) -> bool {
        match self {
            CarriedSection::Consistenza => {
                a.consistenza == b.consistenza && a.nessun_patrimonio == b.nessun_patrimonio
            }
            CarriedSection::Referente => a.referente == b.referente,
            CarriedSection::CarenzaManutentiva => a.carenza_manutentiva == b.carenza_manutentiva,
            CarriedSection::NuovaEdificazione => a.nuova_edificazione == b.nuova_edificazione,
            CarriedSection::Avvicendamento => {
                // A file without the split has the same SAS part as an empty one.
                a.avvicendamento == b.avvicendamento
                    && a.avvicendamento_sas.clone().unwrap_or_default()
                        == b.avvicendamento_sas.clone().unwrap_or_default()
            }
            CarriedSection::ConferiteDaPrivati => a.conferite_da_privati == b.conferite_da_privati,
            CarriedSection::Transitori => a.transitori == b.transitori,
        }
    }
}

/// Last year's submission from the bytes of its file: a signed file whose signature holds
/// (whoever's key: the comune opens its own file, no registry is asked), or an unsigned
/// draft. A signed file whose signature does not hold is refused: its figures are not
/// those that were signed, and a new year must not start from them.
pub fn read_last_year(bytes: &[u8]) -> Result<Submission, Bilingual> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Bilingual::new(
            "il file non è una scheda (non è testo: forse un PDF o un foglio di calcolo)",
            "the file is not a submission (not text: perhaps a PDF or a spreadsheet)",
        )
    })?;
    let verified = verify_file(
        text.trim_start_matches('\u{feff}'),
        &TrustRegistry::default(),
    );
    match (verified.outcome, verified.submission) {
        (Outcome::Unreadable(e), _) => Err(e.message().plain),
        (Outcome::Invalid(ProofError::BadSignature), _) => Err(Bilingual::new(
            "il file è firmato, ma la firma non è valida: è stato modificato dopo la firma, quindi i suoi dati non sono quelli firmati. Per riprendere i dati dell'anno precedente aprire il file firmato originale, così come è stato inviato",
            "the file is signed, but the signature is not valid: it was changed after it was signed, so its figures are not those that were signed. To start from last year's figures open the original signed file, as it was sent",
        )),
        (Outcome::Invalid(e), _) => Err(Bilingual::new(
            format!("il file è firmato, ma la firma non è valida ({e}): i suoi dati non si possono riprendere. Aprire il file firmato originale, così come è stato inviato"),
            "the file is signed, but the signature is not valid: its figures cannot be taken up. Open the original signed file, as it was sent",
        )),
        (_, Some(submission)) => Ok(submission.in_current_format()),
        (outcome, None) => unreachable!("a readable file has its submission ({outcome:?})"),
    }
}

/// The plan year a new draft proposes after last year's file: the year after.
pub fn next_plan_year(last: &Submission) -> u16 {
    last.anno_piano.saturating_add(1)
}

/// The draft of plan year `plan_year` started from last year's submission: same ente and
/// ambito; a), the referente, the «nessun patrimonio» answer and the rows of b-e and j
/// copied, each part that carried something marked to be checked; k (the assignments of
/// the year before the new plan) empty, for it is new information. Refused when
/// `plan_year` is not after last year's.
pub fn carry_forward_from(last: &Submission, plan_year: u16) -> Result<Submission, Bilingual> {
    if plan_year <= last.anno_piano {
        return Err(Bilingual::new(
            format!(
                "il file è del piano {}: il nuovo piano deve essere di un anno successivo (di solito il {})",
                last.anno_piano,
                next_plan_year(last)
            ),
            format!(
                "the file is of the {} plan: the new plan must be of a later year (usually {})",
                last.anno_piano,
                next_plan_year(last)
            ),
        ));
    }
    // Everything else starts empty as in a new draft: the shares of g, h, i and art. 14,
    // their motivations and the free texts are the comune's new decision each year (a
    // giunta's choice, not a figure that carries over); the warnings confirmed were about
    // last year's figures; the totals are stated when the file is signed; the draft has not
    // been changed yet.
    let mut draft = Submission::new(plan_year, &last.ambito, last.ente.clone());
    draft.referente = last.referente.clone();
    draft.nessun_patrimonio = last.nessun_patrimonio;
    draft.consistenza = last.consistenza;
    draft.carenza_manutentiva = last.carenza_manutentiva.clone();
    draft.nuova_edificazione = last.nuova_edificazione.clone();
    draft.avvicendamento = last.avvicendamento.clone();
    // A file without the split (before 2026) copies its d) as SAP, as it counted; the SAS
    // part is copied from a file that has it (d is to check either way).
    if let (Some(from), Some(to)) = (&last.avvicendamento_sas, draft.avvicendamento_sas.as_mut()) {
        *to = from.clone();
    }
    draft.conferite_da_privati = last.conferite_da_privati.clone();
    draft.transitori = last.transitori.clone();
    draft.sync_aler_comuni();
    draft.da_verificare = CarriedSection::ALL
        .into_iter()
        .filter(|s| s.carries_something(last))
        .collect();
    Ok(draft.in_current_format())
}

/// The draft of plan year `plan_year` from the bytes of last year's file (signed or draft):
/// [`read_last_year`], then [`carry_forward_from`].
pub fn carry_forward(bytes: &[u8], plan_year: u16) -> Result<Submission, Bilingual> {
    carry_forward_from(&read_last_year(bytes)?, plan_year)
}

impl Submission {
    /// The clerk confirms `section` as it is: it is no longer to be checked.
    pub fn confirm_carried(&mut self, section: CarriedSection) {
        self.da_verificare.retain(|s| *s != section);
    }

    /// After an edit, every marked section whose content differs from `before` (the draft
    /// before the edit) is taken off the list: changing a section counts as checking it.
    /// Compares only the marked sections, so it costs nothing once they are all checked.
    pub fn settle_carried(&mut self, before: &Submission) {
        if self.da_verificare.is_empty() {
            return;
        }
        let mut marks = std::mem::take(&mut self.da_verificare);
        marks.retain(|s| s.same_in(self, before));
        self.da_verificare = marks;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::signing::sign_submission;
    use crate::submission::{Acknowledgement, Share, UnitsInComune};

    fn crema_2021() -> Submission {
        demo::crema_2021()
            .into_iter()
            .find(|s| s.ente.display_name() == "Comune di Crema")
            .unwrap()
    }

    fn signed(s: &Submission) -> String {
        sign_submission(s, &demo::fixture_key(&s.ente.id()), demo::DEMO_SIGNED_AT)
    }

    fn ids(s: &Submission) -> Vec<&'static str> {
        s.da_verificare.iter().map(|m| m.id()).collect()
    }

    #[test]
    fn a_signed_file_of_crema_2021_starts_2022_with_a_b_c_d_j_and_the_referente_marked() {
        let mut last = crema_2021();
        last.forze_polizia = Some(Share {
            percento: crate::percent::Percent::whole(10),
            motivazione: "scelta del 2021".into(),
        });
        last.misure_welfare = "testo del 2021".into();
        last.avvisi_confermati.push(Acknowledgement {
            regola: "r".into(),
            campo: "consistenza.sap".into(),
            motivo: "motivo del 2021".into(),
        });
        last.modificata_il = Some("2021-03-01T10:00:00Z".into());
        let draft = carry_forward(signed(&last).as_bytes(), 2022).unwrap();

        assert_eq!((draft.anno_piano, draft.ambito.as_str()), (2022, "crema"));
        assert_eq!(draft.ente, last.ente);
        assert_eq!(
            draft.versione,
            crate::submission::FORMAT_VERSION_BEFORE_2026
        );
        assert_eq!(draft.referente, last.referente);
        assert_eq!(draft.consistenza, last.consistenza);
        assert_eq!(draft.carenza_manutentiva, last.carenza_manutentiva);
        assert_eq!(draft.nuova_edificazione, last.nuova_edificazione);
        assert_eq!(draft.avvicendamento, last.avvicendamento);
        assert_eq!(draft.transitori, last.transitori);
        assert!(!draft.carenza_manutentiva.is_empty() && !draft.transitori.is_empty());
        assert_eq!(last.assegnate_anno_precedente.ordinarie, 4);
        assert_eq!(draft.assegnate_anno_precedente.anno, 2021);
        assert_eq!(draft.assegnate_anno_precedente.totale(), 0, "k is new");
        assert_eq!(draft.forze_polizia, None);
        assert!(draft.misure_welfare.is_empty() && draft.avvisi_confermati.is_empty());
        assert_eq!((draft.totali, &draft.modificata_il), (None, &None));
        // Crema had no units given by private parties: e) has nothing to check.
        assert_eq!(ids(&draft), ["a", "referente", "b", "c", "d", "j"]);
    }

    #[test]
    fn an_unsigned_draft_is_accepted_and_a_comune_without_stock_checks_a_and_the_referente() {
        let last = demo::crema_2021()
            .into_iter()
            .find(|s| s.nessun_patrimonio)
            .unwrap();
        let text = serde_json::to_string_pretty(&last).unwrap();
        let draft = carry_forward(text.as_bytes(), 2022).unwrap();
        assert!(draft.nessun_patrimonio);
        assert_eq!(ids(&draft), ["a", "referente"]);
    }

    #[test]
    fn the_aler_keeps_its_comuni_and_its_turnover_without_a_comune() {
        let last = demo::crema_2021()
            .into_iter()
            .find(|s| matches!(s.ente, crate::submission::Ente::Aler { .. }))
            .unwrap();
        assert!(last.avvicendamento.senza_ripartizione > 0);
        let draft = carry_forward_from(&last, 2022).unwrap();
        assert_eq!(draft.ente, last.ente);
        assert_eq!(draft.avvicendamento, last.avvicendamento);
        assert!(ids(&draft).contains(&"d"));
    }

    #[test]
    fn the_new_year_is_the_next_by_default_and_must_come_after_the_files() {
        let last = crema_2021();
        assert_eq!(next_plan_year(&last), 2022);
        let bytes = signed(&last);
        assert_eq!(
            carry_forward(bytes.as_bytes(), 2024).unwrap().anno_piano,
            2024
        );
        for year in [2021, 2020] {
            let err = carry_forward(bytes.as_bytes(), year).unwrap_err();
            assert_eq!(
                err.it,
                "il file è del piano 2021: il nuovo piano deve essere di un anno successivo (di solito il 2022)"
            );
            assert!(
                err.en.starts_with("the file is of the 2021 plan"),
                "{err:?}"
            );
        }
    }

    #[test]
    fn an_altered_signed_file_is_refused() {
        let text = signed(&crema_2021()).replace("\"sap\": 353", "\"sap\": 354");
        assert!(text.contains("\"sap\": 354"), "the alteration took place");
        let err = carry_forward(text.as_bytes(), 2022).unwrap_err();
        assert!(
            err.it.starts_with(
                "il file è firmato, ma la firma non è valida: è stato modificato dopo la firma"
            ),
            "{err:?}"
        );
        assert!(err.en.contains("changed after it was signed"), "{err:?}");
    }

    #[test]
    fn what_is_not_a_submission_is_refused_with_the_readers_words() {
        let err = carry_forward(b"%PDF-1.7 \xff", 2022).unwrap_err();
        assert!(err.it.contains("non è testo"), "{err:?}");
        let err = carry_forward(b"{\"a\": 1}", 2022).unwrap_err();
        assert!(
            err.it.contains("non è una scheda di Offerta Abitativa"),
            "{err:?}"
        );
    }

    #[test]
    fn each_mark_is_an_error_on_its_section_that_blocks_signing() {
        let ambito = crate::ambiti::preset("crema").unwrap();
        let last = crema_2021();
        assert!(crate::validate(&last, Some(&ambito)).can_sign());
        for year in [2022, 2025, 2026] {
            let draft = carry_forward_from(&last, year).unwrap();
            let report = crate::validate(&draft, Some(&ambito));
            let open: Vec<(&str, &str)> =
                report.open().map(|f| (f.rule, f.field.as_str())).collect();
            let rule = "dati-anno-precedente-da-verificare";
            assert_eq!(
                open,
                [
                    (rule, "consistenza"),
                    (rule, "referente"),
                    (rule, "carenza_manutentiva"),
                    (rule, "nuova_edificazione"),
                    (rule, "avvicendamento"),
                    (rule, "transitori"),
                ],
                "{year}"
            );
            assert!(!report.can_sign());
            let first = report.open().next().unwrap();
            assert_eq!(
                first.message.it,
                "Dati dall'anno precedente: da verificare. Controllare la sezione a) e confermarla o correggerla."
            );
            assert!(first.citation.starts_with(crate::rules::APP_REQUIREMENT));
        }
    }

    #[test]
    fn confirming_or_changing_each_section_clears_its_mark_and_then_it_can_be_signed() {
        let ambito = crate::ambiti::preset("crema").unwrap();
        let mut draft = carry_forward_from(&crema_2021(), 2022).unwrap();

        draft.confirm_carried(CarriedSection::Referente);
        draft.confirm_carried(CarriedSection::ConferiteDaPrivati);
        assert_eq!(ids(&draft), ["a", "b", "c", "d", "j"]);

        let edit = |draft: &mut Submission, change: fn(&mut Submission)| {
            let before = draft.clone();
            change(draft);
            draft.settle_carried(&before);
        };
        // An edit elsewhere (k, a text) checks nothing.
        edit(&mut draft, |s| s.assegnate_anno_precedente.ordinarie = 3);
        edit(&mut draft, |s| s.misure_welfare = "nuovo testo".into());
        assert_eq!(ids(&draft), ["a", "b", "c", "d", "j"]);
        edit(&mut draft, |s| s.consistenza.sap += 1);
        edit(&mut draft, |s| s.carenza_manutentiva[0].unita = 5);
        edit(&mut draft, |s| s.nuova_edificazione[0].unita = 20);
        edit(&mut draft, |s| s.avvicendamento.senza_ripartizione = 1);
        assert_eq!(ids(&draft), ["j"]);
        edit(&mut draft, |s| {
            s.transitori.push(UnitsInComune {
                comune: "019035".parse().unwrap(),
                unita: 1,
            })
        });
        assert!(draft.da_verificare.is_empty());
        edit(&mut draft, |s| s.transitori.pop().map(drop).unwrap_or(()));
        assert!(draft.da_verificare.is_empty(), "a mark never comes back");

        let report = crate::validate(&draft, Some(&ambito));
        assert!(
            report.can_sign(),
            "{:#?}",
            report.open().collect::<Vec<_>>()
        );
    }

    #[test]
    fn marks_are_kept_in_a_draft_and_never_written_in_a_file_without_them() {
        let mut draft = carry_forward_from(&crema_2021(), 2022).unwrap();
        let json = serde_json::to_value(&draft).unwrap();
        assert_eq!(
            json["da_verificare"],
            serde_json::json!(["a", "referente", "b", "c", "d", "j"])
        );
        let back = crate::reader::read_submission(&json.to_string()).unwrap();
        assert_eq!(back, draft, "a stored draft keeps its marks");

        for section in CarriedSection::ALL {
            draft.confirm_carried(section);
        }
        let file = signed(&draft);
        assert!(!file.contains("da_verificare"), "{file}");
        let verified = verify_file(&file, &TrustRegistry::default());
        assert!(verified.outcome.signature_valid());
    }

    #[test]
    fn a_received_signed_file_still_carrying_marks_is_discarded_by_the_capofila() {
        use crate::intake::{CheckedFile, Disposition, Intake};
        // Signed without the app's checks (the app's signing refuses it: see the rule).
        let draft = carry_forward_from(&crema_2021(), 2022).unwrap();
        let file = signed(&draft);
        assert!(file.contains("\"da_verificare\""));
        let mut registry = TrustRegistry::default();
        let key = demo::fixture_key(&draft.ente.id());
        registry.accept(
            &draft.ente.id(),
            &draft.ente.display_name(),
            &crate::signing::multikey::public_key_multibase(&key.verifying_key()),
            demo::DEMO_SIGNED_AT,
            "chiave di prova",
        );
        let crema = crate::ambiti::preset("crema").unwrap();
        let mut intake = Intake::new(crema, 2022, registry);
        let checked = CheckedFile::check("crema.json".into(), file.into_bytes(), intake.registry());
        intake.add(vec![checked]);
        let Disposition::Scartata(reason) = &intake.received()[0].disposition else {
            panic!("{:?}", intake.received()[0].disposition)
        };
        assert!(
            reason
                .it
                .contains("Dati dall'anno precedente: da verificare"),
            "{reason:?}"
        );
    }

    #[test]
    fn a_file_with_an_unknown_mark_is_refused() {
        let mut json = serde_json::to_value(crema_2021()).unwrap();
        json["da_verificare"] = serde_json::json!(["z"]);
        let err = crate::reader::read_submission(&json.to_string()).unwrap_err();
        assert!(matches!(err, crate::reader::ReadError::Invalid(_)), "{err}");
    }
}
