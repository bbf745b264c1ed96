//! The Italian trusted list as kept in the browser: not the XML as loaded (AgID's is about
//! 2 MB, and localStorage holds about 5 MB for every copy of the app on the PC together),
//! but a compact record, versioned like every stored item (docs/FORMAT.md, «Stored in the
//! browser»), of what the app read from it: the list's number, dates, scheme operator,
//! whether it carried a signature, and every granted CA/QC service with its purposes and
//! certificates. Read back, it is the same [`TrustedList`] the XML gave: the filter of the
//! services for signatures ([`TrustedList::signature_anchors`]) applies to it alike, and a
//! later copy of the app that filters differently reads the same record.
//!
//! A record is read only when it is exactly what this copy writes: its format and version,
//! the Italian territory, dates that are moments, at least one service, every certificate a
//! DER SEQUENCE. Anything else is damage, which the page reports and never writes over.

use base64::Engine;
use serde::{Deserialize, Serialize};

use super::qualified::{AnchorOrigin, TrustAnchor};
use super::rfc3339_instant;
use super::trusted_list::{certificate_der, ListSignature, QualifiedCaService, TrustedList};

/// The `formato` of the record.
pub const KEPT_LIST_FORMAT_NAME: &str = "offerta-abitativa/elenco-di-fiducia";
/// The `versione` this copy writes and reads.
pub const KEPT_LIST_FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    formato: String,
    versione: u32,
    territorio: String,
    numero: u64,
    emesso_il: String,
    prossimo_aggiornamento: String,
    gestore: String,
    /// `non-verificata` (the list carried a signature this app does not check) or `assente`.
    firma_dell_elenco: String,
    servizi: Vec<Service>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Service {
    fornitore: String,
    nome: String,
    stato_dal: String,
    informazioni: Vec<String>,
    /// Each certificate's DER, base64.
    certificati: Vec<String>,
}

const NOT_CHECKED: &str = "non-verificata";
const ABSENT: &str = "assente";

/// The record of `list`, as stored: one line of JSON.
pub fn kept_list_text(list: &TrustedList) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let record = Record {
        formato: KEPT_LIST_FORMAT_NAME.to_owned(),
        versione: KEPT_LIST_FORMAT_VERSION,
        territorio: list.territory.clone(),
        numero: list.sequence_number,
        emesso_il: list.issued.clone(),
        prossimo_aggiornamento: list.next_update.clone(),
        gestore: list.operator_name.clone(),
        firma_dell_elenco: match list.signature {
            ListSignature::NotChecked => NOT_CHECKED,
            ListSignature::Absent => ABSENT,
        }
        .to_owned(),
        servizi: list
            .services
            .iter()
            .map(|s| Service {
                fornitore: s.provider_name.clone(),
                nome: s.service_name.clone(),
                stato_dal: s.status_since.clone(),
                informazioni: s.additional_info.clone(),
                certificati: s
                    .anchors
                    .iter()
                    .map(|a| b64.encode(&a.certificate_der))
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string(&record).expect("a record of plain strings always serialises")
}

/// The list a record of this version holds; `Err` says what is damaged (the caller tells
/// a later version apart first, from `formato` and `versione`).
pub fn read_kept_list(text: &str) -> Result<TrustedList, String> {
    let record: Record = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if record.formato != KEPT_LIST_FORMAT_NAME || record.versione != KEPT_LIST_FORMAT_VERSION {
        return Err(format!(
            "formato «{}» versione {}",
            record.formato, record.versione
        ));
    }
    if record.territorio != "IT" {
        return Err(format!("territorio «{}»", record.territorio));
    }
    for (field, moment) in [
        ("emesso_il", &record.emesso_il),
        ("prossimo_aggiornamento", &record.prossimo_aggiornamento),
    ] {
        if rfc3339_instant(moment).is_none() {
            return Err(format!("{field} «{moment}»"));
        }
    }
    let signature = match record.firma_dell_elenco.as_str() {
        NOT_CHECKED => ListSignature::NotChecked,
        ABSENT => ListSignature::Absent,
        other => return Err(format!("firma_dell_elenco «{other}»")),
    };
    if record.servizi.is_empty() {
        return Err("nessun servizio".to_owned());
    }
    let services = record
        .servizi
        .into_iter()
        .map(service)
        .collect::<Result<_, _>>()?;
    Ok(TrustedList {
        territory: record.territorio,
        sequence_number: record.numero,
        issued: record.emesso_il,
        next_update: record.prossimo_aggiornamento,
        operator_name: record.gestore,
        services,
        signature,
    })
}

fn service(s: Service) -> Result<QualifiedCaService, String> {
    if s.certificati.is_empty() {
        return Err(format!("servizio «{}» senza certificati", s.nome));
    }
    let anchors = s
        .certificati
        .iter()
        .map(|c| {
            certificate_der(c)
                .map(|certificate_der| TrustAnchor {
                    certificate_der,
                    origin: AnchorOrigin::TrustedList {
                        service_name: s.nome.clone(),
                    },
                })
                .map_err(|e| format!("servizio «{}»: {e}", s.nome))
        })
        .collect::<Result<_, _>>()?;
    Ok(QualifiedCaService {
        provider_name: s.fornitore,
        service_name: s.nome,
        status_since: s.stato_dal,
        additional_info: s.informazioni,
        anchors,
    })
}
