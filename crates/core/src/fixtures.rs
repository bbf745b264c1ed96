//! Large realistic inputs for benchmarks and tests.

use crate::ambiti::Ambito;
use crate::submission::{Ente, Intervento, Referente, Submission, UnitsInComune, WorksInComune};

/// The largest realistic submission: the ALER with a row for every comune of the ambito in
/// every per-comune section (four kinds of work in c).
pub fn aler_with_every_comune(ambito: &Ambito, anno_piano: u16) -> Submission {
    let ente = Ente::Aler {
        nome: "ALER Brescia-Cremona-Mantova".into(),
        comuni: ambito.comuni.clone(),
    };
    let mut s = Submission::new(anno_piano, &ambito.id, ente);
    s.referente = Referente {
        nome: "Ufficio Patrimonio".into(),
        ruolo: "Responsabile".into(),
        email: "patrimonio@aler.example.org".into(),
        telefono: String::new(),
    };
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
