//! The ALER of Lombardy (Aziende Lombarde per l'Edilizia Residenziale), named as they name
//! themselves, each with the provinces it serves (l.r. 27/2009 as reorganised by l.r.
//! 17/2013: five ALER). An ambito's ALER is the one of its comuni's province unless the
//! ambito file names its own ([`crate::ambiti::Ambito::alers`]).
//!
//! An ALER is known by its name; the name is free text in its file, so the app compares it
//! only after composing it (NFC) and, to tell it apart, keeps every letter: «АLER» with a
//! Cyrillic А is not «ALER», and «Comune di Trescore Cremasco» is no ALER at all.

/// One ALER: its name as it writes it, the provinces (sigle) it serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Aler {
    pub nome: &'static str,
    pub province: &'static [&'static str],
}

/// The five ALER of Lombardy.
pub const LOMBARDIA: [Aler; 5] = [
    Aler {
        nome: "ALER Milano",
        province: &["MI"],
    },
    Aler {
        nome: "ALER Bergamo-Lecco-Sondrio",
        province: &["BG", "LC", "SO"],
    },
    Aler {
        nome: "ALER Brescia-Cremona-Mantova",
        province: &["BS", "CR", "MN"],
    },
    Aler {
        nome: "ALER Pavia-Lodi",
        province: &["PV", "LO"],
    },
    Aler {
        nome: "ALER Varese-Como-Monza Brianza-Busto Arsizio",
        province: &["VA", "CO", "MB"],
    },
];

/// The ente id of the ALER named `nome`: `aler:` and the name composed (NFC), in lower case,
/// its letters and digits only, every alphabet kept. Spaces, hyphens and case do not make
/// another ALER («ALER Brescia Cremona Mantova» is `aler:alerbresciacremonamantova`, the id
/// the registries have always held); a letter of another alphabet does («АLER» with a
/// Cyrillic А keeps its А, so it is not the ALER's id), and so does a decomposed accent no
/// longer (NFC and NFD spellings are one id).
pub fn id_of(nome: &str) -> String {
    let composed = crate::text::nfc(nome);
    let key: String = composed
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    format!("aler:{key}")
}

/// The ALER of Lombardy whose id `nome` has ([`id_of`]), if any.
pub fn known(nome: &str) -> Option<&'static Aler> {
    let id = id_of(nome);
    LOMBARDIA.iter().find(|a| id_of(a.nome) == id)
}

/// The ALER serving the province `sigla` ("CR").
pub fn of_province(sigla: &str) -> Option<&'static Aler> {
    LOMBARDIA.iter().find(|a| a.province.contains(&sigla))
}

/// The names of the five ALER, for a message that lists them.
pub fn names() -> String {
    LOMBARDIA.map(|a| a.nome).join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_province_of_lombardy_has_one_aler() {
        for c in crate::comuni::lombardia() {
            let serving: Vec<_> = LOMBARDIA
                .iter()
                .filter(|a| a.province.contains(&c.sigla_provincia.as_str()))
                .collect();
            assert_eq!(serving.len(), 1, "{}", c.sigla_provincia);
        }
        assert_eq!(
            of_province("CR").unwrap().nome,
            "ALER Brescia-Cremona-Mantova"
        );
    }

    #[test]
    fn an_aler_is_known_by_its_name_composed_and_not_by_a_look_alike() {
        let real = "ALER Brescia-Cremona-Mantova";
        assert_eq!(id_of(real), "aler:alerbresciacremonamantova");
        assert_eq!(known("aler brescia cremona mantova").unwrap().nome, real);
        // A Cyrillic А (U+0410) looks like a Latin A.
        let cyrillic = "\u{410}LER Brescia-Cremona-Mantova";
        assert_ne!(id_of(cyrillic), id_of(real));
        assert!(known(cyrillic).is_none());
        assert!(known("Comune di Trescore Cremasco").is_none());
        // «Città» composed and decomposed: one id.
        assert_eq!(id_of("ALER Citt\u{e0}"), id_of("ALER Citta\u{300}"));
    }
}
