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
