//! Demo data set: the published plan 2021 of the ambito of Crema (docs/DOMAIN.md), one
//! submission per ente proprietario. It lets a new user try the capofila's job at once and
//! is the fixture that aggregation must reproduce to the unit.

use crate::comuni::{self, IstatCode};
// The demo's keys are derived where verification can tell them apart; the demo data set,
// its tests and the corpus sign with them from here.
pub use crate::signing::demo_keys::{demo_key, fixture_key, is_demo_key};
use crate::submission::{
    AdditionalCategory, Assigned, Consistenza, Ente, Intervento, Referente, Share, Submission,
    UnitsInComune, WorksInComune,
};

pub const DEMO_AMBITO: &str = "crema";
pub const DEMO_YEAR: u16 = 2021;
pub const ALER_NAME: &str = "ALER Brescia-Cremona-Mantova";

/// Stock per comune owning it: (name, SAP, SAS). Trescore Cremasco owns stock but sent
/// nothing, so it has no submission here.
const STOCK: &[(&str, u32, u32)] = &[
    ("Bagnolo Cremasco", 18, 0),
    ("Casale Cremasco-Vidolasco", 8, 0),
    ("Casaletto Ceredano", 7, 0),
    ("Casaletto di Sopra", 2, 0),
    ("Castelleone", 42, 0),
    ("Crema", 353, 5),
    ("Cremosano", 7, 0),
    ("Gombito", 10, 0),
    ("Izano", 6, 0),
    ("Madignano", 11, 0),
    ("Montodine", 2, 0),
    ("Offanengo", 14, 0),
    ("Pandino", 15, 0),
    ("Pianengo", 15, 0),
    ("Rivolta d'Adda", 43, 0),
    ("Romanengo", 22, 0),
    ("Sergnano", 0, 6),
    ("Soncino", 58, 0),
    ("Spino d'Adda", 15, 0),
    ("Torlino Vimercati", 3, 0),
    ("Trigolo", 4, 1),
    ("Vaiano Cremasco", 9, 0),
    ("Vailate", 17, 0),
];

fn code(nome: &str) -> IstatCode {
    comuni::by_name(nome)
        .unwrap_or_else(|| panic!("demo comune {nome} is in the ISTAT table"))
        .istat
}

fn units(nome: &str, unita: u32) -> UnitsInComune {
    UnitsInComune {
        comune: code(nome),
        unita,
    }
}

/// The published plan does not split section c by kind of work; the demo calls it all
/// "nuova edificazione".
fn works(nome: &str, unita: u32) -> WorksInComune {
    WorksInComune {
        comune: code(nome),
        intervento: Intervento::NuovaEdificazione,
        unita,
    }
}

/// Contact details are invented (example.org): the published plans do not name them.
fn referente(ufficio: &str) -> Referente {
    Referente {
        nome: "Ufficio Servizi Abitativi".into(),
        ruolo: "Responsabile del procedimento".into(),
        email: format!("servizi.abitativi@{ufficio}.example.org"),
        telefono: String::new(),
    }
}

fn slug(nome: &str) -> String {
    nome.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

fn comune_submission(nome: &str, sap: u32, sas: u32) -> Submission {
    let ente = Ente::Comune {
        istat: code(nome),
        nome: nome.to_owned(),
    };
    let mut s = Submission::new(DEMO_YEAR, DEMO_AMBITO, ente);
    s.referente = referente(&slug(nome));
    s.consistenza = Consistenza { sap, sas };
    // Sections b-k as published; a comune's own units are in its own territory.
    match nome {
        "Bagnolo Cremasco" => {
            s.avvicendamento.per_comune.push(units(nome, 1));
            s.transitori.push(units(nome, 1));
        }
        "Casaletto di Sopra" | "Gombito" | "Izano" | "Spino d'Adda" | "Vailate" => {
            s.avvicendamento.per_comune.push(units(nome, 1));
        }
        "Castelleone" => {
            s.nuova_edificazione.push(works(nome, 2));
            // The published plan gives the share without a motivation; the law asks none.
            s.forze_polizia = Some(Share {
                percento: crate::percent::Percent::whole(10),
                motivazione: String::new(),
            });
            s.assegnate_anno_precedente.ordinarie = 1;
        }
        "Crema" => {
            s.carenza_manutentiva.push(units(nome, 4));
            s.nuova_edificazione.push(works(nome, 28));
            s.avvicendamento.per_comune.push(units(nome, 2));
            s.transitori.push(units(nome, 14));
            s.assegnate_anno_precedente.ordinarie = 4;
        }
        "Pianengo" => s.assegnate_anno_precedente.ordinarie = 1,
        "Vaiano Cremasco" => {
            s.avvicendamento.per_comune.push(units(nome, 1));
            s.categoria_aggiuntiva = Some(AdditionalCategory {
                nome: "famiglie numerose".into(),
                // The law asks a motivation for h, but the published plan does not print it:
                // the demo says so instead of inventing one.
                motivazione: "Motivazione non riportata nel piano pubblicato (dato dimostrativo)."
                    .into(),
                percento: None,
            });
            s.assegnate_anno_precedente.ordinarie = 1;
        }
        _ => {}
    }
    s
}

fn aler_submission() -> Submission {
    let comuni = [
        "Castelleone",
        "Crema",
        "Offanengo",
        "Pandino",
        "Ripalta Cremasca",
        "Vaiano Cremasco",
    ];
    let ente = Ente::Aler {
        nome: ALER_NAME.to_owned(),
        comuni: comuni.iter().map(|n| code(n)).collect(),
    };
    let mut s = Submission::new(DEMO_YEAR, DEMO_AMBITO, ente);
    s.referente = referente("aler-bcm");
    s.consistenza = Consistenza { sap: 997, sas: 9 };
    s.carenza_manutentiva = [
        "Castelleone",
        "Crema",
        "Offanengo",
        "Pandino",
        "Vaiano Cremasco",
    ]
    .iter()
    .map(|n| units(n, 1))
    .collect();
    s.nuova_edificazione = vec![
        works("Crema", 22),
        works("Offanengo", 2),
        works("Ripalta Cremasca", 1),
    ];
    s.avvicendamento.senza_ripartizione = 41;
    s.assegnate_anno_precedente = Assigned {
        anno: DEMO_YEAR - 1,
        ordinarie: 5,
        in_deroga: 0,
    };
    s
}

/// Owns stock but sent nothing (docs/DOMAIN.md): the one inadempiente of the demo.
pub const SILENT_OWNER: &str = "Trescore Cremasco";

/// A comune of the ambito that owns no housing answers "nessun patrimonio".
fn no_stock_submission(code: IstatCode) -> Submission {
    let comune = comuni::by_code(code).expect("ambito comuni are in the ISTAT table");
    let ente = Ente::Comune {
        istat: code,
        nome: comune.nome.clone(),
    };
    let mut s = Submission::new(DEMO_YEAR, DEMO_AMBITO, ente);
    s.referente = referente(&slug(&comune.nome));
    s.nessun_patrimonio = true;
    s
}

/// The 24 submissions of the owners in the Crema plan 2021 (the ALER first, then the
/// comuni), each stating its totals as a file written by the app does.
pub fn crema_2021_owners() -> Vec<Submission> {
    std::iter::once(aler_submission())
        .chain(
            STOCK
                .iter()
                .map(|&(nome, sap, sas)| comune_submission(nome, sap, sas)),
        )
        .map(Submission::with_stated_totals)
        .collect()
}

/// Everything the capofila of Crema received for 2021: the 24 owners and a "nessun
/// patrimonio" answer from every other comune of the ambito except Trescore Cremasco.
pub fn crema_2021() -> Vec<Submission> {
    let mut all = crema_2021_owners();
    let answered: Vec<IstatCode> = all.iter().filter_map(|s| s.ente.comune_code()).collect();
    let silent = code(SILENT_OWNER);
    let ambito = crate::ambiti::preset(DEMO_AMBITO).expect("Crema preset");
    all.extend(
        ambito
            .comuni
            .iter()
            .filter(|c| !answered.contains(c) && **c != silent)
            .map(|&c| no_stock_submission(c).with_stated_totals()),
    );
    all
}

/// The demo as files a capofila receives, for tests and measurements: each submission
/// signed with its ente's *fixture* key (derived from the ente id, so the files are
/// reproducible), and the registry that trusts those keys, as a capofila would after
/// comparing fingerprints. Fixture keys are not demo keys: the page's demo uses
/// [`crema_2021_demo_files`], whose keys no registry ever holds.
pub fn crema_2021_signed_files() -> (Vec<(String, String)>, crate::signing::TrustRegistry) {
    use crate::signing::{multikey, sign_submission, TrustRegistry};
    let mut registry = TrustRegistry::default();
    let files = crema_2021()
        .into_iter()
        .map(|s| {
            let key = fixture_key(&s.ente.id());
            registry.accept(
                &s.ente.id(),
                &s.ente.display_name(),
                &multikey::public_key_multibase(&key.verifying_key()),
                DEMO_SIGNED_AT,
                "chiave di prova",
            );
            (s.file_name(true), sign_submission(&s, &key, DEMO_SIGNED_AT))
        })
        .collect();
    (files, registry)
}

/// The Comune di Crema as the capofila that sends the requests of tests, the corpus and the
/// examples (sign them with `fixture_key("019035")`).
pub fn crema_capofila() -> crate::request::RequestSender {
    crate::request::RequestSender {
        nome: "Comune di Crema".into(),
        codice_istat: "019035".into(),
        referente: "Ufficio di Piano".into(),
        contatto: "protocollo@pec.comune.crema.example".into(),
    }
}

/// The fixture key of an ente as a key file (passphrase «una frase lunga abbastanza», the
/// cheapest Argon2id cost, salt and nonce fixed): the same bytes every time, for tests of
/// what is stored and offered.
pub fn fixture_key_file(ente_id: &str) -> crate::signing::KeyFile {
    let fastest = crate::signing::keyfile::KdfParams {
        memoria_kib: 8,
        passaggi: 1,
        parallelismo: 1,
    };
    crate::signing::KeyFile::protect_with(
        &fixture_key(ente_id),
        "Comune",
        ente_id,
        "una frase lunga abbastanza",
        "2026-01-01T00:00:00Z",
        fastest,
        ([1; 16], [2; 24]),
    )
    .expect("the fixture's key file")
}

/// The files of the page's demo: the same submissions signed with the ente's *demo* key.
/// A demo key is public knowledge, so the core trusts it only inside a demo intake
/// ([`demo_intake`]) and never stores it in a registry.
pub fn crema_2021_demo_files() -> Vec<(String, String)> {
    use crate::signing::sign_submission;
    crema_2021()
        .into_iter()
        .map(|s| {
            let key = demo_key(&s.ente.id());
            (s.file_name(true), sign_submission(&s, &key, DEMO_SIGNED_AT))
        })
        .collect()
}

/// The page's demo: the Crema 2021 answers signed with demo keys, which count in this intake
/// because it is made for the demo ([`crate::intake::Intake::for_demo`]); `registry` (the
/// capofila's own) is kept as it is.
pub fn demo_intake(registry: crate::signing::TrustRegistry) -> crate::intake::Intake {
    use crate::intake::{CheckedFile, Intake};
    let ambito = crate::ambiti::preset(DEMO_AMBITO).expect("the demo ambito ships");
    let mut intake = Intake::for_demo(ambito, DEMO_YEAR, registry);
    let registry = intake.registry().clone();
    let files = crema_2021_demo_files()
        .into_iter()
        .map(|(name, text)| CheckedFile::check(name, text.into_bytes(), &registry))
        .collect();
    intake.add(files);
    intake
}

/// When the demo files were signed (the published plan was approved on 1 December 2020).
pub const DEMO_SIGNED_AT: &str = "2020-11-20T09:00:00Z";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_owner_of_the_published_plan_is_there_except_trescore() {
        let demo = crema_2021_owners();
        assert_eq!(demo.len(), 24);
        assert!(demo
            .iter()
            .all(|s| s.anno_piano == 2021 && s.ambito == "crema"));
        assert!(!demo
            .iter()
            .any(|s| s.ente.display_name().contains("Trescore")));
    }

    #[test]
    fn every_comune_of_the_ambito_answers_except_trescore() {
        let all = crema_2021();
        assert_eq!(all.len(), 1 + 47);
        assert_eq!(all.iter().filter(|s| s.nessun_patrimonio).count(), 24);
        assert!(!all
            .iter()
            .any(|s| s.ente.display_name().contains(SILENT_OWNER)));
    }

    #[test]
    fn signed_demo_files_verify_as_trusted() {
        let (files, registry) = crema_2021_signed_files();
        assert_eq!(files.len(), 48);
        for (name, text) in &files {
            let v = crate::signing::verify_file(text, &registry);
            assert_eq!(v.outcome, crate::signing::Outcome::Trusted, "{name}");
        }
    }

    #[test]
    fn demo_keys_are_known_and_differ_from_fixture_keys() {
        use crate::signing::multikey::public_key_multibase;
        let demo = public_key_multibase(&demo_key("019035").verifying_key());
        let fixture = public_key_multibase(&fixture_key("019035").verifying_key());
        assert!(is_demo_key("019035", &demo));
        assert!(!is_demo_key("019035", &fixture));
        assert!(!is_demo_key("019036", &demo), "a demo key is one ente's");
        assert_eq!(crema_2021_demo_files().len(), 48);
    }

    #[test]
    fn every_demo_submission_is_valid_under_the_2021_rules() {
        let ambito = crate::ambiti::preset(DEMO_AMBITO).unwrap();
        for s in crema_2021() {
            let report = crate::validate(&s, Some(&ambito));
            assert_eq!(report.rule_set, Some("rr-4-2017-testo-2019"));
            // Only Castelleone's hints, as published: its police share has no motivation,
            // and 10% of its 2 assignable units is a cap rounded down to no unit.
            let hints: Vec<(&str, &str)> = report
                .findings
                .iter()
                .filter(|f| f.severity == crate::rules::Severity::Hint)
                .map(|f| (f.rule, f.field.as_str()))
                .collect();
            assert_eq!(
                report.findings.len(),
                hints.len(),
                "{}: {:#?}",
                s.ente.display_name(),
                report.findings
            );
            let expected: &[(&str, &str)] = if s.ente.display_name() == "Comune di Castelleone" {
                &[
                    ("motivazione-consigliata", "forze_polizia.motivazione"),
                    ("quota-arrotondata-a-zero", "forze_polizia.percento"),
                ]
            } else {
                &[]
            };
            assert_eq!(hints, expected, "{}", s.ente.display_name());
            assert!(report.can_sign());
        }
    }
}
