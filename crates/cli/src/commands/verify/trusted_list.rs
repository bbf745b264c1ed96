//! `offerta verify --trusted-list TSL-IT.xml`: the Italian trusted list read, and what it
//! is said on standard error (issue date, next update, how many anchors: those of the services
//! for signatures only, whether its own signature was checked), so the lines of the verdicts
//! on standard output stay one per file.

use std::path::Path;

use offerta_core::signing::rfc3339_instant;
use offerta_core::signing::trusted_list::{
    read_trusted_list, TrustedList, TrustedListError, MAX_TRUSTED_LIST_BYTES,
};

use crate::files::read_bounded;

/// The list at `path`, read and told; `now` is the CLI's clock, for the out-of-date warning.
/// A list that cannot be read or is refused stops the command (nothing is decided on it).
pub fn load(path: &Path, now: &str) -> Result<TrustedList, String> {
    let bytes = read_bounded(path, MAX_TRUSTED_LIST_BYTES as u64)?
        .map_err(|size| refused(path, &TrustedListError::TooLarge(size as usize)))?;
    let list = read_trusted_list(&bytes).map_err(|e| refused(path, &e))?;
    for line in describe(&list, now) {
        tell!("{}: {line}", path.display());
    }
    Ok(list)
}

fn refused(path: &Path, error: &TrustedListError) -> String {
    format!("{}: elenco di fiducia rifiutato: {error}", path.display())
}

/// What is said of the list, in Italian: its dates and anchors, then the warnings.
pub fn describe(list: &TrustedList, now: &str) -> Vec<String> {
    let anchors = list.signature_anchors().count();
    let mut lines = vec![format!(
        "elenco di fiducia {} di {} n. {}, emesso il {}, prossimo aggiornamento entro il {}; \
         {} servizi di certificazione qualificati attivi per la firma elettronica \
         (esclusi {} solo per sigilli o siti web), {anchors} certificati di CA fidati",
        list.territory,
        list.operator_name,
        list.sequence_number,
        day(&list.issued),
        day(&list.next_update),
        list.signature_services().count(),
        list.services.len() - list.signature_services().count(),
    )];
    if list.is_out_of_date(now) {
        lines.push(format!(
            "attenzione: l'elenco è scaduto (prossimo aggiornamento entro il {}, oggi è il {}): \
             scaricare quello nuovo dal sito di AgID; un certificatore sospeso o cessato dopo \
             il {} vi risulta ancora attivo",
            day(&list.next_update),
            day(now),
            day(&list.issued),
        ));
    }
    lines.push(format!("attenzione: {}", list.signature.message().it));
    lines
}

/// The day of an RFC 3339 moment («2020-02-27»), or the moment as written if it is not one.
fn day(moment: &str) -> &str {
    match rfc3339_instant(moment) {
        Some(_) => moment.get(..10).unwrap_or(moment),
        None => moment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_list_is_described_with_its_dates_and_warned_when_out_of_date() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/trusted-list/TSL-IT-2019-09-04-seq141.xml"
        ))
        .unwrap();
        let list = read_trusted_list(&bytes).unwrap();
        let fresh = describe(&list, "2019-10-01T00:00:00Z");
        assert_eq!(fresh.len(), 2, "{fresh:?}");
        assert!(fresh[0].contains("emesso il 2019-09-04"), "{}", fresh[0]);
        assert!(fresh[0].contains("entro il 2020-02-27"), "{}", fresh[0]);
        assert!(
            fresh[0].contains("127 servizi di certificazione qualificati attivi per la firma elettronica (esclusi 6 solo per sigilli o siti web), 127 certificati di CA fidati"),
            "{}",
            fresh[0]
        );
        assert!(fresh[1].contains("non è verificata"), "{}", fresh[1]);
        let stale = describe(&list, "2026-12-07T00:00:00Z");
        assert!(stale[1].contains("l'elenco è scaduto"), "{}", stale[1]);
        assert!(stale[1].contains("oggi è il 2026-12-07"), "{}", stale[1]);
    }
}
