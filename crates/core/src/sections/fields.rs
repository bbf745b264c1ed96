//! Every field of the submission that a rule, the form or a test names, declared once: its
//! JSON path and where its value is. A rule lists `CONSISTENZA_SAP.path` and reports on it;
//! the form's control for it has that path as its id and writes through `get_mut`.
//!
//! A section as a whole is named by its [`super::Section`]'s path; the rows of the
//! per-comune sections by the patterns [`EACH_ROW_COMUNE`] and [`EACH_ROW_UNITA`].

use crate::comuni::IstatCode;
use crate::percent::Percent;
use crate::submission::{Ente, ShareSlot, Submission};

/// A field of the submission: its JSON path and its value, which some fields have only
/// while their part is there (a share's percent while the share is chosen, the stated totals
/// once the file is written).
pub struct Field<T: 'static> {
    pub path: &'static str,
    read: fn(&Submission) -> Option<&T>,
    write: fn(&mut Submission) -> Option<&mut T>,
}

impl<T> Field<T> {
    /// The field's value, `None` while its part is not there.
    pub fn get<'s>(&self, s: &'s Submission) -> Option<&'s T> {
        (self.read)(s)
    }

    /// Where to write the field's value, `None` while its part is not there.
    pub fn get_mut<'s>(&self, s: &'s mut Submission) -> Option<&'s mut T> {
        (self.write)(s)
    }
}

impl<T> Clone for Field<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Field<T> {}

impl<T> PartialEq for Field<T> {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl<T> std::fmt::Debug for Field<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.path)
    }
}

/// A field every submission has, at `s.$place`.
macro_rules! always {
    ($(#[$doc:meta])* $name:ident: $t:ty = $path:literal at $($place:ident).+) => {
        $(#[$doc])*
        pub const $name: Field<$t> = Field {
            path: $path,
            read: |s| Some(&s.$($place).+),
            write: |s| Some(&mut s.$($place).+),
        };
    };
}

/// A field of an optional part of the submission, at `s.$part` (when there) `.$leaf`.
macro_rules! while_there {
    ($(#[$doc:meta])* $name:ident: $t:ty = $path:literal at $part:ident . $leaf:ident) => {
        $(#[$doc])*
        pub const $name: Field<$t> = Field {
            path: $path,
            read: |s| s.$part.as_ref().map(|p| &p.$leaf),
            write: |s| s.$part.as_mut().map(|p| &mut p.$leaf),
        };
    };
}

always!(FORMATO: String = "formato" at formato);
always!(VERSIONE: u32 = "versione" at versione);
always!(ANNO_PIANO: u16 = "anno_piano" at anno_piano);
always!(AMBITO: String = "ambito" at ambito);

/// A comune's ISTAT code (the ALER has none).
pub const ENTE_ISTAT: Field<IstatCode> = Field {
    path: "ente.istat",
    read: |s| match &s.ente {
        Ente::Comune { istat, .. } => Some(istat),
        Ente::Aler { .. } => None,
    },
    write: |s| match &mut s.ente {
        Ente::Comune { istat, .. } => Some(istat),
        Ente::Aler { .. } => None,
    },
};

/// The ente's name, a comune's or the ALER's.
pub const ENTE_NOME: Field<String> = Field {
    path: "ente.nome",
    read: |s| match &s.ente {
        Ente::Comune { nome, .. } | Ente::Aler { nome, .. } => Some(nome),
    },
    write: |s| match &mut s.ente {
        Ente::Comune { nome, .. } | Ente::Aler { nome, .. } => Some(nome),
    },
};

/// The comuni the ALER lists as where its units are, one row each.
pub const ENTE_COMUNI: &str = "ente.comuni[]";

always!(REFERENTE_NOME: String = "referente.nome" at referente.nome);
always!(REFERENTE_RUOLO: String = "referente.ruolo" at referente.ruolo);
always!(REFERENTE_EMAIL: String = "referente.email" at referente.email);
always!(REFERENTE_TELEFONO: String = "referente.telefono" at referente.telefono);

always!(NESSUN_PATRIMONIO: bool = "nessun_patrimonio" at nessun_patrimonio);
always!(CONSISTENZA_SAP: u32 = "consistenza.sap" at consistenza.sap);
always!(CONSISTENZA_SAS: u32 = "consistenza.sas" at consistenza.sas);

/// The rows of every per-comune section: their comune and their units (see
/// [`super::EACH_ROW`]).
pub const EACH_ROW_COMUNE: &str = "*[].comune";
pub const EACH_ROW_UNITA: &str = "*[].unita";

always!(
    /// d) The ALER's units without a comune.
    AVVICENDAMENTO_SENZA_RIPARTIZIONE: u32 = "avvicendamento.senza_ripartizione"
        at avvicendamento.senza_ripartizione
);

while_there!(
    /// d) SAS: the ALER's SAS units without a comune (version 4).
    AVVICENDAMENTO_SAS_SENZA_RIPARTIZIONE: u32 = "avvicendamento_sas.senza_ripartizione"
        at avvicendamento_sas.senza_ripartizione
);

always!(
    /// g) above 20%: the comune guarantees the coverage of the housing costs (art. 13 c.3).
    COPERTURA_SPESE_ALLOGGIO: bool = "copertura_spese_alloggio" at copertura_spese_alloggio
);

always!(
    /// The categories of art. 14 the c bis share goes to.
    CATEGORIE_ART14_ELENCO: Vec<crate::submission::CategoriaArt14> = "categorie_art14_elenco"
        at categorie_art14_elenco
);

while_there!(SOGLIA_INDIGENZA_PERCENTO: Percent = "soglia_indigenza.percento" at soglia_indigenza.percento);
while_there!(SOGLIA_INDIGENZA_MOTIVAZIONE: String = "soglia_indigenza.motivazione" at soglia_indigenza.motivazione);
while_there!(CATEGORIA_AGGIUNTIVA_NOME: String = "categoria_aggiuntiva.nome" at categoria_aggiuntiva.nome);
while_there!(CATEGORIA_AGGIUNTIVA_MOTIVAZIONE: String = "categoria_aggiuntiva.motivazione" at categoria_aggiuntiva.motivazione);
while_there!(
    /// The share reserved for the additional category, if it has one.
    CATEGORIA_AGGIUNTIVA_PERCENTO: Option<Percent> = "categoria_aggiuntiva.percento"
        at categoria_aggiuntiva.percento
);
while_there!(FORZE_POLIZIA_PERCENTO: Percent = "forze_polizia.percento" at forze_polizia.percento);
while_there!(FORZE_POLIZIA_MOTIVAZIONE: String = "forze_polizia.motivazione" at forze_polizia.motivazione);
while_there!(POLIZIA_LOCALE_PERCENTO: Percent = "polizia_locale.percento" at polizia_locale.percento);
while_there!(POLIZIA_LOCALE_MOTIVAZIONE: String = "polizia_locale.motivazione" at polizia_locale.motivazione);
while_there!(CATEGORIE_ART14_PERCENTO: Percent = "categorie_art14.percento" at categorie_art14.percento);
while_there!(CATEGORIE_ART14_MOTIVAZIONE: String = "categorie_art14.motivazione" at categorie_art14.motivazione);

/// A share's percent and motivation.
pub fn of_share(slot: ShareSlot) -> (Field<Percent>, Field<String>) {
    match slot {
        ShareSlot::SogliaIndigenza => (SOGLIA_INDIGENZA_PERCENTO, SOGLIA_INDIGENZA_MOTIVAZIONE),
        ShareSlot::ForzePolizia => (FORZE_POLIZIA_PERCENTO, FORZE_POLIZIA_MOTIVAZIONE),
        ShareSlot::PoliziaLocale => (POLIZIA_LOCALE_PERCENTO, POLIZIA_LOCALE_MOTIVAZIONE),
        ShareSlot::CategorieArt14 => (CATEGORIE_ART14_PERCENTO, CATEGORIE_ART14_MOTIVAZIONE),
    }
}

always!(ASSEGNATE_ANNO: u16 = "assegnate_anno_precedente.anno" at assegnate_anno_precedente.anno);
always!(ASSEGNATE_ORDINARIE: u32 = "assegnate_anno_precedente.ordinarie" at assegnate_anno_precedente.ordinarie);
always!(ASSEGNATE_IN_DEROGA: u32 = "assegnate_anno_precedente.in_deroga" at assegnate_anno_precedente.in_deroga);

always!(MISURE_WELFARE: String = "misure_welfare" at misure_welfare);
always!(PROGETTUALITA: String = "progettualita" at progettualita);

/// The confirmed warnings, one row each: the reason, the rule and the field.
pub const AVVISI_CONFERMATI_MOTIVO: &str = "avvisi_confermati[].motivo";
pub const AVVISI_CONFERMATI_REGOLA: &str = "avvisi_confermati[].regola";
pub const AVVISI_CONFERMATI_CAMPO: &str = "avvisi_confermati[].campo";

while_there!(TOTALI_CONSISTENZA: u64 = "totali.consistenza" at totali.consistenza);
while_there!(TOTALI_ASSEGNABILI: u64 = "totali.assegnabili" at totali.assegnabili);
while_there!(TOTALI_ASSEGNATE: u64 = "totali.assegnate" at totali.assegnate);

/// When the draft was last changed, once it has been.
pub const MODIFICATA_IL: Field<String> = Field {
    path: "modificata_il",
    read: |s| s.modificata_il.as_ref(),
    write: |s| s.modificata_il.as_mut(),
};

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::Value;

    /// The value at a field's path in the submission's JSON (rows are not fields here).
    fn at(s: &Submission, path: &str) -> Value {
        let pointer = format!("/{}", path.replace('.', "/"));
        serde_json::to_value(s)
            .unwrap()
            .pointer(&pointer)
            .cloned()
            .unwrap_or_else(|| panic!("no {path} in the submission"))
    }

    /// Writes `value` through the field and finds it at the field's path, and nowhere else
    /// changed: the path and the accessor name the same field.
    fn same_place<T: Serialize + Clone>(s: &mut Submission, field: Field<T>, value: T) {
        let before = serde_json::to_value(&*s).unwrap();
        *field.get_mut(s).expect(field.path) = value.clone();
        assert_eq!(
            at(s, field.path),
            serde_json::to_value(&value).unwrap(),
            "{field:?}"
        );
        assert_eq!(
            field.get(s).map(|v| serde_json::to_value(v).unwrap()),
            Some(serde_json::to_value(&value).unwrap())
        );
        let mut after = serde_json::to_value(&*s).unwrap();
        let pointer = format!("/{}", field.path.replace('.', "/"));
        *after.pointer_mut(&pointer).unwrap() = before.pointer(&pointer).unwrap().clone();
        assert_eq!(after, before, "{field:?} wrote elsewhere too");
    }

    fn everything() -> Submission {
        let ambito = crate::ambiti::preset("crema").unwrap();
        let mut s = crate::fixtures::aler_with_every_comune(&ambito, 2026);
        s.ente = Ente::comune("019035").unwrap();
        let share = || {
            Some(crate::submission::Share {
                percento: Percent::whole(10),
                motivazione: "m".into(),
            })
        };
        s.soglia_indigenza = share();
        s.forze_polizia = share();
        s.polizia_locale = share();
        s.categorie_art14 = share();
        s.categoria_aggiuntiva = Some(crate::submission::AdditionalCategory {
            nome: "n".into(),
            motivazione: "m".into(),
            percento: None,
        });
        // Fields left out of the JSON when false or empty are there once given.
        s.copertura_spese_alloggio = true;
        s.categorie_art14_elenco = vec![crate::submission::CategoriaArt14::Disabili];
        s.modificata_il = Some("2026-01-01T00:00:00Z".into());
        s.with_stated_totals()
    }

    #[test]
    fn each_field_reads_and_writes_the_value_at_its_path() {
        let mut s = everything();
        for (n, field) in [
            FORMATO,
            AMBITO,
            ENTE_NOME,
            REFERENTE_NOME,
            REFERENTE_RUOLO,
            REFERENTE_EMAIL,
            REFERENTE_TELEFONO,
            SOGLIA_INDIGENZA_MOTIVAZIONE,
            CATEGORIA_AGGIUNTIVA_NOME,
            CATEGORIA_AGGIUNTIVA_MOTIVAZIONE,
            FORZE_POLIZIA_MOTIVAZIONE,
            POLIZIA_LOCALE_MOTIVAZIONE,
            CATEGORIE_ART14_MOTIVAZIONE,
            MISURE_WELFARE,
            PROGETTUALITA,
            MODIFICATA_IL,
        ]
        .into_iter()
        .enumerate()
        {
            same_place(&mut s, field, format!("text {n}"));
        }
        for (n, field) in [
            VERSIONE,
            CONSISTENZA_SAP,
            CONSISTENZA_SAS,
            AVVICENDAMENTO_SENZA_RIPARTIZIONE,
            AVVICENDAMENTO_SAS_SENZA_RIPARTIZIONE,
            ASSEGNATE_ORDINARIE,
            ASSEGNATE_IN_DEROGA,
        ]
        .into_iter()
        .enumerate()
        {
            same_place(&mut s, field, 1000 + n as u32);
        }
        for (n, field) in [ANNO_PIANO, ASSEGNATE_ANNO].into_iter().enumerate() {
            same_place(&mut s, field, 1990 + n as u16);
        }
        for (n, field) in [TOTALI_CONSISTENZA, TOTALI_ASSEGNABILI, TOTALI_ASSEGNATE]
            .into_iter()
            .enumerate()
        {
            same_place(&mut s, field, 7000 + n as u64);
        }
        for (n, field) in [
            SOGLIA_INDIGENZA_PERCENTO,
            FORZE_POLIZIA_PERCENTO,
            POLIZIA_LOCALE_PERCENTO,
            CATEGORIE_ART14_PERCENTO,
        ]
        .into_iter()
        .enumerate()
        {
            same_place(&mut s, field, Percent::from_tenths(11 + n as u16).unwrap());
        }
        same_place(
            &mut s,
            CATEGORIA_AGGIUNTIVA_PERCENTO,
            Percent::from_tenths(55),
        );
        same_place(&mut s, NESSUN_PATRIMONIO, true);
        same_place(&mut s, COPERTURA_SPESE_ALLOGGIO, true);
        same_place(
            &mut s,
            CATEGORIE_ART14_ELENCO,
            vec![crate::submission::CategoriaArt14::Anziani],
        );
        same_place(&mut s, ENTE_ISTAT, "019002".parse().unwrap());
    }

    #[test]
    fn a_field_of_a_part_not_there_has_no_value() {
        let mut s = Submission::new(
            2026,
            "crema",
            Ente::aler("ALER Brescia-Cremona-Mantova").unwrap(),
        );
        assert_eq!(ENTE_ISTAT.get(&s), None);
        assert_eq!(SOGLIA_INDIGENZA_MOTIVAZIONE.get(&s), None);
        assert_eq!(CATEGORIA_AGGIUNTIVA_PERCENTO.get_mut(&mut s), None);
        assert_eq!(TOTALI_ASSEGNABILI.get(&s), None);
        assert_eq!(MODIFICATA_IL.get(&s), None);
        let before_2026 = Submission::new(2025, "crema", Ente::comune("019035").unwrap());
        assert_eq!(
            AVVICENDAMENTO_SAS_SENZA_RIPARTIZIONE.get(&before_2026),
            None
        );
        assert_eq!(AVVICENDAMENTO_SAS_SENZA_RIPARTIZIONE.get(&s), Some(&0));
        assert_eq!(
            ENTE_NOME.get(&s).map(String::as_str),
            Some("ALER Brescia-Cremona-Mantova")
        );
    }

    #[test]
    fn a_share_s_fields_are_under_its_slot_s_section() {
        for slot in [
            ShareSlot::SogliaIndigenza,
            ShareSlot::ForzePolizia,
            ShareSlot::PoliziaLocale,
            ShareSlot::CategorieArt14,
        ] {
            let section = super::super::SECTIONS
                .iter()
                .find(|s| s.path == slot.field())
                .unwrap_or_else(|| panic!("no section {}", slot.field()));
            assert_eq!(section.shape, super::super::Shape::Choice);
            let (percento, motivazione) = of_share(slot);
            assert_eq!(percento.path, format!("{}.percento", section.path));
            assert_eq!(motivazione.path, format!("{}.motivazione", section.path));
        }
    }

    #[test]
    fn row_patterns_name_rows_of_every_per_comune_section_or_of_one_list() {
        for pattern in [EACH_ROW_COMUNE, EACH_ROW_UNITA] {
            assert!(pattern.starts_with(super::super::EACH_ROW), "{pattern}");
        }
        for pattern in [
            ENTE_COMUNI,
            AVVISI_CONFERMATI_MOTIVO,
            AVVISI_CONFERMATI_REGOLA,
            AVVISI_CONFERMATI_CAMPO,
        ] {
            assert_eq!(pattern.matches("[]").count(), 1, "{pattern}");
        }
    }
}
