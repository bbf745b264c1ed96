//! Large realistic inputs for benchmarks and tests.

use crate::ambiti::Ambito;
use crate::submission::{Ente, Intervento, Referente, Submission, UnitsInComune, WorksInComune};

fn referente(email: &str) -> Referente {
    Referente {
        nome: "Ufficio casa".into(),
        ruolo: "Responsabile".into(),
        email: email.into(),
        telefono: String::new(),
    }
}

/// The largest realistic submission: the ALER with a row for every comune of the ambito in
/// every per-comune section (four kinds of work in c).
pub fn aler_with_every_comune(ambito: &Ambito, anno_piano: u16) -> Submission {
    let ente = Ente::Aler {
        nome: "ALER Brescia-Cremona-Mantova".into(),
        comuni: ambito.comuni.clone(),
    };
    let mut s = Submission::new(anno_piano, &ambito.id, ente);
    s.referente = referente("patrimonio@aler.example.org");
    s.consistenza.sap = 20 * ambito.comuni.len() as u32;
    let rows = |unita: u32| -> Vec<UnitsInComune> {
        ambito
            .comuni
            .iter()
            .map(|&comune| UnitsInComune { comune, unita })
            .collect()
    };
    s.carenza_manutentiva = rows(1);
    s.avvicendamento.per_comune = rows(2);
    if let Some(sas) = s.avvicendamento_sas.as_mut() {
        // From 2026 turnover gives SAS units apart: one SAS unit per comune, out of as many.
        sas.per_comune = rows(1);
        s.consistenza.sas = ambito.comuni.len() as u32;
    }
    s.conferite_da_privati = rows(1);
    s.transitori = rows(1);
    s.nuova_edificazione = ambito
        .comuni
        .iter()
        .flat_map(|&comune| {
            Intervento::ALL.map(|intervento| WorksInComune {
                comune,
                intervento,
                unita: 1,
            })
        })
        .collect();
    s.with_stated_totals()
}

/// Synthetic files for benchmarks: `count` signed submissions for plan `year`, one per comune
/// of Lombardy in turn (beyond 1,506 an ente sends again, signed later, as happens when a
/// file is corrected), the registry that trusts their keys and the ambito of all Lombardy.
/// Keys derive from the ente id: public knowledge, for measurements only.
pub fn lombardy_signed_files(
    count: usize,
    year: u16,
) -> (Vec<(String, String)>, crate::signing::TrustRegistry, Ambito) {
    use crate::signing::{multikey, rfc3339_utc, sign_submission, SigningKey, TrustRegistry};
    use sha2::{Digest, Sha256};
    let comuni = crate::comuni::lombardia();
    let ambito = Ambito {
        id: "lombardia".into(),
        nome: "Tutta la Lombardia (prova di carico)".into(),
        comuni: comuni.iter().map(|c| c.istat).collect(),
        con_patrimonio: None,
        capofila: None,
        aler: None,
    };
    let mut registry = TrustRegistry::default();
    let mut files = Vec::with_capacity(count);
    for i in 0..count {
        let comune = &comuni[i % comuni.len()];
        let ente = Ente::Comune {
            istat: comune.istat,
            nome: comune.nome.clone(),
        };
        let mut s = Submission::new(year, &ambito.id, ente);
        s.referente = referente("casa@comune.example.org");
        let n = (i % 17) as u32;
        s.consistenza.sap = 10 + n;
        s.carenza_manutentiva = vec![UnitsInComune {
            comune: comune.istat,
            unita: 1,
        }];
        s.avvicendamento.per_comune = vec![UnitsInComune {
            comune: comune.istat,
            unita: 1 + n % 3,
        }];
        s.assegnate_anno_precedente.ordinarie = n % 4;
        let seed: [u8; 32] =
            Sha256::digest(format!("offerta-abitativa bench {}", s.ente.id())).into();
        let key = SigningKey::from_bytes(&seed);
        if i < comuni.len() {
            registry.accept(
                &s.ente.id(),
                &s.ente.display_name(),
                &multikey::public_key_multibase(&key.verifying_key()),
                "2020-01-01T00:00:00Z",
                "prova di carico",
            );
        }
        // Later rounds are signed later, so they replace the earlier files of the same ente.
        let signed_at = rfc3339_utc(1_600_000_000 + i as u64);
        files.push((
            format!("scheda-{i:05}-{}.json", comune.istat),
            sign_submission(&s, &key, &signed_at),
        ));
    }
    (files, registry, ambito)
}

/// The 48 Crema 2021 files as a capofila may receive them (issue #28): 41 signed with keys
/// of its registry, 5 with keys it has not accepted yet, 1 signed «in 2099» (a date to
/// confirm) and 1 changed after its signature. The files and the registry of 43 keys.
pub fn crema_2021_to_decide() -> (Vec<(String, String)>, crate::signing::TrustRegistry) {
    use crate::signing::{multikey, sign_submission, TrustRegistry};
    const KEYS_TO_ACCEPT: [usize; 5] = [2, 9, 17, 26, 33];
    const FUTURE: usize = 40;
    const CHANGED: usize = 45;
    let mut registry = TrustRegistry::default();
    let files = crate::demo::crema_2021()
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let key = crate::signing::demo_keys::fixture_key(&s.ente.id());
            if !KEYS_TO_ACCEPT.contains(&i) {
                registry.accept(
                    &s.ente.id(),
                    &s.ente.display_name(),
                    &multikey::public_key_multibase(&key.verifying_key()),
                    "2020-11-01T10:00:00Z",
                    "chiave di prova",
                );
            }
            let when = if i == FUTURE {
                "2099-01-10T10:00:00Z"
            } else {
                "2020-11-20T10:00:00Z"
            };
            let mut text = sign_submission(&s, &key, when);
            if i == CHANGED {
                let mut v: serde_json::Value = serde_json::from_str(&text).expect("signed JSON");
                v["referente"]["nome"] = "Ufficio modificato".into();
                text = serde_json::to_string_pretty(&v).expect("JSON");
            }
            (s.file_name(true), text)
        })
        .collect();
    (files, registry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_files_all_count_once_per_ente() {
        let (files, registry, ambito) = lombardy_signed_files(1510, 2027);
        use crate::intake::{CheckedFile, Intake};
        let mut intake = Intake::new(ambito, 2027, registry);
        let checked = files
            .iter()
            .map(|(n, t)| CheckedFile::check(n.clone(), t.clone().into_bytes(), intake.registry()))
            .collect();
        intake.add(checked);
        let counted = intake.counted();
        assert_eq!(counted.len(), 1506);
        assert_eq!(
            intake.received().len() - counted.len(),
            4,
            "four entes sent twice"
        );
    }
}

/// Romanengo's file (a listed owner of the Crema 2021 plan) received in every state a file
/// can be in, among the other 47 answers (issue #24): the core's and the CLI's tests check
/// that each state is said with one name everywhere.
pub mod file_states {
    use std::rc::Rc;

    use crate::intake::{FileState, Refusal};
    use crate::signing::multikey::public_key_multibase;
    use crate::signing::qualified::{QualifiedSignature, QualifiedSigner};
    use crate::signing::{sign_submission, SigningKey, TrustRegistry};
    use crate::submission::Submission;
    use crate::{ambiti, demo};

    pub const ROMANENGO: &str = "019086";
    pub const ROMANENGO_NAME: &str = "Comune di Romanengo";
    /// The capofila's clock: a few days after the demo's files were signed.
    pub const NOW: &str = "2020-11-25T10:00:00Z";

    /// What the capofila received and knows, with Romanengo's files in `state`.
    pub struct Case {
        pub state: FileState,
        /// The 47 other answers, then Romanengo's files (name, text).
        pub files: Vec<(String, String)>,
        /// The capofila's registry: every other key; Romanengo's as the case needs.
        pub registry: TrustRegistry,
        /// Romanengo's `.p7m` with its firma digitale's verdict already given (the cases of
        /// [`cases_signed_digitally`]); none in [`cases`].
        pub verdicts: Vec<(String, crate::signing::VerifiedFile)>,
    }

    pub fn romanengo() -> Submission {
        demo::crema_2021()
            .into_iter()
            .find(|s| s.ente.id() == ROMANENGO)
            .expect("Romanengo owns housing in the Crema 2021 plan")
    }

    fn signed(s: &Submission, when: &str) -> String {
        sign_submission(s, &demo::fixture_key(ROMANENGO), when)
    }

    enum Key {
        Unknown,
        Registered,
        Replaced,
        Revoked,
    }

    /// The Crema capofila's request for 2021, signed with its fixture key.
    pub fn request() -> String {
        crate::request::Request::new(
            &ambiti::preset("crema").expect("Crema preset"),
            2021,
            "2021-03-31",
            demo::crema_capofila(),
            "",
        )
        .signed(&demo::fixture_key("019035"), "2020-10-01T09:00:00Z")
    }

    fn case(state: FileState, romanengo: Vec<(String, String)>, key: Key) -> Case {
        let (all, _) = demo::crema_2021_signed_files();
        let mut registry = TrustRegistry::default();
        for s in demo::crema_2021() {
            if s.ente.id() != ROMANENGO || !matches!(key, Key::Unknown) {
                let k = public_key_multibase(&demo::fixture_key(&s.ente.id()).verifying_key());
                registry.accept(
                    &s.ente.id(),
                    &s.ente.display_name(),
                    &k,
                    "2020-01-01T00:00:00Z",
                    "chiave di prova",
                );
            }
        }
        let ours = public_key_multibase(&demo::fixture_key(ROMANENGO).verifying_key());
        match key {
            Key::Unknown | Key::Registered => {}
            Key::Replaced => {
                let new = public_key_multibase(&SigningKey::from_bytes(&[43; 32]).verifying_key());
                registry.replace(
                    ROMANENGO,
                    ROMANENGO_NAME,
                    &new,
                    "2020-11-10T00:00:00Z",
                    "PC nuovo",
                );
            }
            Key::Revoked => {
                registry.revoke(ROMANENGO, &ours, "2020-11-10T00:00:00Z", "chiave rubata");
            }
        }
        let files = all
            .into_iter()
            .filter(|(_, text)| !text.contains(&format!("\"{ROMANENGO}\"")))
            .chain(romanengo)
            .collect();
        Case {
            state,
            files,
            registry,
            verdicts: Vec::new(),
        }
    }

    /// Romanengo's responsible for housing, as a qualified certificate names her.
    fn romanengo_signer(nome: &str, cf: &str) -> QualifiedSigner {
        QualifiedSigner {
            nome_cognome: nome.into(),
            codice_fiscale: cf.into(),
            organizzazione: Some(ROMANENGO_NAME.into()),
            certificatore: "Offerta Test Trust Service".into(),
            certificato_sha256: "AB".repeat(32),
        }
    }

    /// The states only a firma digitale has (a signer to confirm, replaced or revoked): the
    /// `.p7m` carries Romanengo's submission signed on time; its signature is taken as
    /// verified (a `QualifiedSignature` made here: the test CA's files carry another
    /// comune's content, `tests/cades/`), what the registry says of the signer is asked of
    /// the case's registry as the intake asks it.
    pub fn cases_signed_digitally() -> Vec<Case> {
        let signer = romanengo_signer("ANNA NERI", "TINIT-NRENNA70A41H372Z");
        let signature = Rc::new(QualifiedSignature {
            signer: signer.clone(),
            signing_time: Some(demo::DEMO_SIGNED_AT.into()),
            content: crate::signing::content::scheda_to_sign(&romanengo(), None)
                .expect("Romanengo's submission is finished")
                .bytes,
            other_signers: Vec::new(),
            revocation: Vec::new(),
        });
        // Signed a year after the capofila's clock (issue #29: a `.p7m` dated ahead waits as
        // an app-signed file does).
        let ahead = Rc::new(QualifiedSignature {
            signing_time: Some("2021-11-25T10:00:00Z".into()),
            ..(*signature).clone()
        });
        let signed_with = |signature: &Rc<QualifiedSignature>,
                           state: FileState,
                           change: &dyn Fn(&mut TrustRegistry)| {
            let mut c = case(state, Vec::new(), Key::Registered);
            change(&mut c.registry);
            let verified = crate::signing::verified_p7m(&Ok(signature.clone()), &c.registry);
            c.verdicts = vec![("romanengo.json.p7m".to_owned(), verified)];
            c
        };
        let with = |state: FileState, change: &dyn Fn(&mut TrustRegistry)| {
            signed_with(&signature, state, change)
        };
        let accepted = |r: &mut TrustRegistry| {
            r.accept_signer(
                ROMANENGO,
                ROMANENGO_NAME,
                &signer,
                "2020-01-01T00:00:00Z",
                "",
            );
        };
        vec![
            with(FileState::SignerToConfirm, &|_| {}),
            signed_with(&ahead, FileState::DateToConfirm, &accepted),
            with(FileState::SignerReplaced, &|r| {
                accepted(r);
                let new = romanengo_signer("LUCA BIANCHI", "TINIT-BNCLCU75B02H372K");
                r.replace_signer(
                    ROMANENGO,
                    &signer.codice_fiscale,
                    &new,
                    "2020-11-10T00:00:00Z",
                    "in pensione",
                );
            }),
            with(FileState::SignerRevoked, &|r| {
                accepted(r);
                r.revoke_signer(
                    ROMANENGO,
                    &signer.codice_fiscale,
                    "2020-11-10T00:00:00Z",
                    "smart card smarrita",
                );
            }),
        ]
    }

    /// One case per state of a received file ([`FileState::ALL`] but the duplicate, which
    /// is never a received file).
    pub fn cases() -> Vec<Case> {
        let mut cases = cases_of_a_good_file();
        cases.extend(cases_refused_or_not_for_the_plan());
        cases
    }

    /// The states of a file signed as it should be: counted, or waiting on its key, its
    /// date or a later file.
    fn cases_of_a_good_file() -> Vec<Case> {
        let file = |text: String| vec![("romanengo.json".to_owned(), text)];
        let on_time = signed(&romanengo(), demo::DEMO_SIGNED_AT);
        vec![
            case(FileState::Counted, file(on_time.clone()), Key::Registered),
            case(FileState::KeyToAccept, file(on_time.clone()), Key::Unknown),
            case(
                FileState::DateToConfirm,
                file(signed(&romanengo(), "2099-01-01T09:00:00Z")),
                Key::Registered,
            ),
            case(
                FileState::KeyChanged,
                file(sign_submission(
                    &romanengo(),
                    &SigningKey::from_bytes(&[42; 32]),
                    demo::DEMO_SIGNED_AT,
                )),
                Key::Registered,
            ),
            case(FileState::KeyReplaced, file(on_time.clone()), Key::Replaced),
            case(FileState::KeyRevoked, file(on_time.clone()), Key::Revoked),
            case(
                FileState::Superseded,
                vec![
                    (
                        "romanengo-prima.json".to_owned(),
                        signed(&romanengo(), "2020-11-01T09:00:00Z"),
                    ),
                    ("romanengo.json".to_owned(), on_time.clone()),
                ],
                Key::Registered,
            ),
        ]
    }

    /// The states of a file refused, or not for this plan.
    fn cases_refused_or_not_for_the_plan() -> Vec<Case> {
        let file = |text: String| vec![("romanengo.json".to_owned(), text)];
        let on_time = signed(&romanengo(), demo::DEMO_SIGNED_AT);
        let mut bad_email = romanengo();
        bad_email.referente.email = "non-una-email".into();
        let mut last_year = romanengo();
        last_year.anno_piano = 2020;
        // Romanengo's figures sent as if by an ALER named like the comune.
        let mut posing_as_aler = romanengo();
        posing_as_aler.ente = crate::submission::Ente::Aler {
            nome: ROMANENGO_NAME.into(),
            comuni: vec![ROMANENGO.parse().expect("an ISTAT code")],
        };
        vec![
            case(
                FileState::Refused(Refusal::InvalidSignature),
                file(on_time.replacen("\"sap\": 22", "\"sap\": 23", 1)),
                Key::Registered,
            ),
            case(
                FileState::Refused(Refusal::Unsigned),
                file(serde_json::to_string_pretty(&romanengo()).expect("a submission serialises")),
                Key::Registered,
            ),
            case(
                FileState::Refused(Refusal::Unreadable),
                vec![("romanengo.pdf".to_owned(), "%PDF-1.4 binary".to_owned())],
                Key::Registered,
            ),
            case(
                FileState::Refused(Refusal::DemoKey),
                file(sign_submission(
                    &romanengo(),
                    &demo::demo_key(ROMANENGO),
                    demo::DEMO_SIGNED_AT,
                )),
                Key::Registered,
            ),
            case(
                FileState::Refused(Refusal::BreaksRules),
                file(signed(&bad_email, demo::DEMO_SIGNED_AT)),
                Key::Registered,
            ),
            case(
                FileState::OutsideAmbito,
                file(signed(&last_year, demo::DEMO_SIGNED_AT)),
                Key::Registered,
            ),
            case(
                FileState::OtherAler,
                file(signed(&posing_as_aler, demo::DEMO_SIGNED_AT)),
                Key::Registered,
            ),
        ]
    }
}
