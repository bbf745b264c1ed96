//! The ricognizione as the law and the published plans read it (docs/DOMAIN.md, section 5):
//! how many comuni the ambito has, which answered, which own housing and who among the owners
//! sent nothing (*inadempiente*).
//!
//! Who owns housing does not come from the answers: the capofila lists the owners in the
//! ambito (`Ambito::con_patrimonio`), from the previous plan and the regional registry. A
//! listed owner that sent nothing is inadempiente and still counts among the owners, so the
//! Crema 2021 plan says "24 of 48 (50%)" although 23 comuni sent figures. A comune not known
//! to own housing that sent nothing "did not answer": it was not required to. Without the
//! list nobody can be called inadempiente, and the count is of the comuni that answered.

use serde::Serialize;

use crate::ambiti::Ambito;
use crate::comuni::{self, IstatCode};
use crate::intake::status::{Standing, IN_ATTESA};
use crate::intake::{FileState, ReceivedFile};
use crate::submission::{Ente, Submission};
use crate::text::{collation_key, Bilingual};

#[derive(Serialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Ricognizione {
    /// Comuni of the ambito (0 when the plan has no ambito).
    pub comuni_ambito: usize,
    /// Whether the ambito lists the comuni owning housing.
    pub proprietari_noti: bool,
    /// Comuni of the ambito whose file counted (figures or "nessun patrimonio").
    pub comuni_che_hanno_risposto: usize,
    /// With the owners known: the listed owners that sent nothing plus the comuni whose file
    /// declares housing (listed or not). Without: the comuni whose file declares housing.
    pub comuni_con_patrimonio: usize,
    /// `comuni_con_patrimonio` in whole percent (half up) of the comuni of the ambito, or,
    /// with the owners not known, of the comuni that answered; 0 when there are none.
    pub percentuale: u64,
    /// Listed owners that sent nothing, by ISTAT code.
    pub inadempienti: Vec<String>,
    /// Comuni not known to own housing that sent nothing (not required to), by ISTAT code.
    pub non_hanno_risposto: Vec<String>,
    /// Entes whose file declares they own no housing, in the order received.
    pub nessun_patrimonio: Vec<String>,
    /// The ALER whose file counted (normally one).
    pub aler: Vec<String>,
    /// Entes whose valid file arrived and waits for the capofila's decision (key to accept,
    /// date to confirm, changed key): «in attesa di verifica», neither inadempienti nor silent.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub in_attesa: Vec<ReceivedStanding>,
    /// Entes whose files arrived and none counts nor waits (refused, signed with a retired
    /// key, for another year...): named with the file's state, never "nessuna scheda".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub non_conteggiati: Vec<ReceivedStanding>,
}

/// An ente whose file arrived but is not in the plan, with the state of its file.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ReceivedStanding {
    /// The comune's name ("Romanengo"), or the ente's for an ALER.
    pub ente: String,
    /// Listed as owning housing (an owner that would be inadempiente had nothing arrived).
    pub proprietario: bool,
    /// The file's state, written with its Italian name.
    #[serde(rename = "stato", serialize_with = "italian_name")]
    pub state: FileState,
    #[serde(skip)]
    pub is_aler: bool,
}

fn italian_name<S: serde::Serializer>(state: &FileState, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&state.name().it)
}

impl ReceivedStanding {
    /// "Romanengo (chiave da accettare)".
    fn named(&self) -> Bilingual {
        let name = self.state.name();
        Bilingual::new(
            format!("{} ({})", self.ente, name.it),
            format!("{} ({})", self.ente, name.en),
        )
    }
}

/// "Romanengo (chiave da accettare), Ripalta Arpina (scartata: firma non valida)".
fn join_named(list: &[ReceivedStanding]) -> Bilingual {
    let named: Vec<Bilingual> = list.iter().map(ReceivedStanding::named).collect();
    Bilingual::new(
        named
            .iter()
            .map(|b| b.it.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        named
            .iter()
            .map(|b| b.en.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    )
}

fn comune_name(code: IstatCode) -> String {
    comuni::by_code(code).map_or_else(|| code.to_string(), |c| c.nome.clone())
}

/// `part` in whole percent of `whole`, rounded half up, in integers (0 of nothing is 0).
fn percent(part: usize, whole: usize) -> u64 {
    let (part, whole) = (part as u64, whole as u64);
    (part * 200 + whole)
        .checked_div(whole * 2)
        .unwrap_or_default()
}

/// Names in alphabetical order, whatever order the files arrived in ([`collation_key`]).
fn alphabetical(mut names: Vec<String>) -> Vec<String> {
    names.sort_by_cached_key(|n| collation_key(n));
    names
}

impl Ricognizione {
    /// The ricognizione of the `submissions` counted for `ambito`.
    pub fn of(submissions: &[Submission], ambito: Option<&Ambito>) -> Ricognizione {
        let in_ambito = |code: &IstatCode| ambito.is_none_or(|a| a.contains(*code));
        let comuni_of = |with_stock: Option<bool>| -> Vec<IstatCode> {
            submissions
                .iter()
                .filter(|s| with_stock.is_none_or(|w| w != s.nessun_patrimonio))
                .filter_map(|s| s.ente.comune_code())
                .filter(in_ambito)
                .collect()
        };
        let (answered, declaring) = (comuni_of(None), comuni_of(Some(true)));
        let silent: Vec<IstatCode> = ambito
            .map(|a| a.comuni.iter().copied())
            .into_iter()
            .flatten()
            .filter(|c| !answered.contains(c))
            .collect();
        let listed = |c: &&IstatCode| ambito.is_some_and(|a| a.owns_stock(**c));
        let names = |codes: Vec<&IstatCode>| {
            alphabetical(codes.into_iter().map(|&c| comune_name(c)).collect())
        };
        let (inadempienti, non_hanno_risposto): (Vec<_>, Vec<_>) = silent.iter().partition(listed);
        let proprietari_noti = ambito.is_some_and(Ambito::owners_known);
        let comuni_con_patrimonio = inadempienti.len() + declaring.len();
        let base = match (proprietari_noti, ambito) {
            (true, Some(a)) => a.comuni.len(),
            _ => answered.len(),
        };
        Ricognizione {
            comuni_ambito: ambito.map_or(0, |a| a.comuni.len()),
            proprietari_noti,
            comuni_che_hanno_risposto: answered.len(),
            comuni_con_patrimonio,
            percentuale: percent(comuni_con_patrimonio, base),
            inadempienti: names(inadempienti),
            non_hanno_risposto: names(non_hanno_risposto),
            nessun_patrimonio: alphabetical(
                submissions
                    .iter()
                    .filter(|s| s.nessun_patrimonio)
                    .map(|s| s.ente.display_name())
                    .collect(),
            ),
            aler: submissions
                .iter()
                .filter(|s| matches!(s.ente, Ente::Aler { .. }))
                .map(|s| s.ente.display_name())
                .collect(),
            in_attesa: Vec::new(),
            non_conteggiati: Vec::new(),
        }
    }

    /// This ricognizione with what became of the files `received` for `ambito`: a silent
    /// comune whose valid file waits for the capofila's decision is «in attesa di verifica»
    /// (not inadempiente, not silent), one whose files were all refused is named with the
    /// refusal; a silent ALER likewise. The share does not change: a listed owner stays an
    /// owner whatever became of its file.
    pub fn with_received(
        mut self,
        received: &[ReceivedFile],
        ambito: Option<&Ambito>,
    ) -> Ricognizione {
        let states_of = |pick: &dyn Fn(&Ente) -> bool| -> Vec<FileState> {
            received
                .iter()
                .filter(|f| {
                    f.verified
                        .submission
                        .as_ref()
                        .is_some_and(|s| pick(&s.ente))
                })
                .map(ReceivedFile::state)
                .collect()
        };
        let mut standings = Vec::new();
        for &code in ambito.map(|a| a.comuni.as_slice()).unwrap_or_default() {
            let name = comune_name(code);
            let owner = ambito.is_some_and(|a| a.owns_stock(code));
            if !self.inadempienti.contains(&name) && !self.non_hanno_risposto.contains(&name) {
                continue;
            }
            let states = states_of(&|e: &Ente| e.comune_code() == Some(code));
            standings.push((name, owner, false, states));
        }
        if self.aler.is_empty() {
            let mut alers: Vec<String> = Vec::new();
            for f in received {
                if let Some(s) = &f.verified.submission {
                    // An ALER set aside as not the ambito's is no ALER of this plan.
                    let of_ambito = match &s.ente {
                        Ente::Aler { nome, .. } => {
                            ambito.is_none_or(|a| a.aler_named(nome).is_some())
                        }
                        Ente::Comune { .. } => false,
                    };
                    if of_ambito && !alers.contains(&s.ente.display_name()) {
                        alers.push(s.ente.display_name());
                    }
                }
            }
            for aler in alers {
                let states = states_of(&|e: &Ente| {
                    matches!(e, Ente::Aler { .. }) && e.display_name() == aler
                });
                standings.push((aler, false, true, states));
            }
        }
        // The published order: the ALER first, then the comuni by name.
        standings.sort_by_cached_key(|(ente, _, is_aler, _)| (!is_aler, collation_key(ente)));
        for (ente, proprietario, is_aler, states) in standings {
            let (Some(state), standing) = (
                Standing::decisive(states.iter().copied()),
                Standing::of(states, proprietario),
            ) else {
                continue;
            };
            let entry = ReceivedStanding {
                ente: ente.clone(),
                proprietario,
                state,
                is_aler,
            };
            match standing {
                Standing::Waiting => self.in_attesa.push(entry),
                Standing::AnsweredNotCounted => self.non_conteggiati.push(entry),
                _ => continue,
            }
            self.inadempienti.retain(|n| *n != ente);
            self.non_hanno_risposto.retain(|n| *n != ente);
        }
        self
    }

    /// Whether an ALER sent anything, counted or not.
    fn aler_heard(&self) -> bool {
        !self.aler.is_empty()
            || self
                .in_attesa
                .iter()
                .chain(&self.non_conteggiati)
                .any(|e| e.is_aler)
    }

    /// "In attesa di verifica ...: Romanengo (chiave da accettare). Scheda ricevuta ma non
    /// conteggiata: ..." (empty when every file arrived counts).
    fn received_sentence(&self) -> Bilingual {
        let (mut it, mut en) = (String::new(), String::new());
        if !self.in_attesa.is_empty() {
            let named = join_named(&self.in_attesa);
            let (capital_it, capital_en) = (
                crate::text::capitalise(IN_ATTESA.0),
                crate::text::capitalise(IN_ATTESA.1),
            );
            it.push_str(&format!(" {capital_it}, scheda ricevuta: {}.", named.it));
            en.push_str(&format!(
                " {capital_en}, submission received: {}.",
                named.en
            ));
        }
        if !self.non_conteggiati.is_empty() {
            let named = join_named(&self.non_conteggiati);
            it.push_str(&format!(" {}: {}.", NON_CONTEGGIATA.0, named.it));
            en.push_str(&format!(" {}: {}.", NON_CONTEGGIATA.1, named.en));
        }
        Bilingual::new(it, en)
    }

    /// The comuni the share is of: the whole ambito when the owners are known, else the
    /// comuni that answered.
    pub fn base(&self) -> usize {
        if self.proprietari_noti {
            self.comuni_ambito
        } else {
            self.comuni_che_hanno_risposto
        }
    }

    /// "24 su 48 (50%)": the comuni owning housing of [`Ricognizione::base`].
    pub fn share(&self) -> Bilingual {
        let (with, of, pct) = (self.comuni_con_patrimonio, self.base(), self.percentuale);
        Bilingual::new(
            format!("{with} su {of} ({pct}%)"),
            format!("{with} of {of} ({pct}%)"),
        )
    }

    /// The ricognizione in words, in the style of the published plans.
    pub fn sentence(&self) -> Bilingual {
        let first = if self.proprietari_noti {
            self.owners_sentence()
        } else {
            self.answers_sentence()
        };
        let received = self.received_sentence();
        let first = Bilingual::new(
            format!("{}{}", first.it, received.it),
            format!("{}{}", first.en, received.en),
        );
        if self.aler_heard() {
            first
        } else {
            Bilingual::new(
                format!("{} L'ALER non ha inviato la scheda.", first.it),
                format!("{} The ALER sent no submission.", first.en),
            )
        }
    }

    /// "La ricognizione ha riguardato complessivamente 48 Comuni e l'ALER; 24 risultano
    /// titolari di patrimonio, pari al 50%. Inadempiente: Trescore Cremasco."
    fn owners_sentence(&self) -> Bilingual {
        let (all, with, pct) = (
            self.comuni_ambito,
            self.comuni_con_patrimonio,
            self.percentuale,
        );
        let (comuni_it, comuni_en) = comuni_word(all);
        let (risulta, owns) = if with == 1 {
            ("risulta titolare", "owns")
        } else {
            ("risultano titolari", "own")
        };
        let (missing_it, missing_en) = match self.inadempienti.as_slice() {
            [] => (
                "Nessun Comune proprietario è inadempiente.".to_owned(),
                "No comune owning housing failed to send its submission.".to_owned(),
            ),
            [one] => (
                format!("Inadempiente: {one}."),
                format!("Inadempiente (owner that sent nothing): {one}."),
            ),
            many => (
                format!("Inadempienti: {}.", many.join(", ")),
                format!(
                    "Inadempienti (owners that sent nothing): {}.",
                    many.join(", ")
                ),
            ),
        };
        Bilingual::new(
            format!("La ricognizione ha riguardato complessivamente {all} {comuni_it} e l'ALER; {with} {risulta} di patrimonio, pari al {pct}%. {missing_it}"),
            format!("The survey covered {all} {comuni_en} and the ALER; {with} {owns} housing, that is {pct}%. {missing_en}"),
        )
    }

    /// "Hanno risposto 47 Comuni su 48; tra questi, 23 dichiarano patrimonio ...": without
    /// the owners' list the count can only be of the answers.
    fn answers_sentence(&self) -> Bilingual {
        let (answered, with, pct) = (
            self.comuni_che_hanno_risposto,
            self.comuni_con_patrimonio,
            self.percentuale,
        );
        let (comuni_it, comuni_en) = comuni_word(answered);
        let hanno = if answered == 1 { "Ha" } else { "Hanno" };
        let (of_it, of_en) = match self.comuni_ambito {
            0 => (String::new(), String::new()),
            all => (format!(" su {all}"), format!(" of {all}")),
        };
        let (dichiara, declare) = if with == 1 {
            ("dichiara", "declares")
        } else {
            ("dichiarano", "declare")
        };
        Bilingual::new(
            format!("{hanno} risposto {answered} {comuni_it}{of_it}; tra questi, {with} {dichiara} patrimonio, pari al {pct}% (l'elenco dei Comuni proprietari non è stato indicato: il conteggio riguarda solo i Comuni che hanno risposto)."),
            format!("{answered}{of_en} {comuni_en} answered; of these, {with} {declare} housing, that is {pct}% (the list of the comuni owning housing was not given: the count covers only the comuni that answered)."),
        )
    }
}

/// What an ente is called whose files arrived and none counts nor waits.
pub const NON_CONTEGGIATA: (&str, &str) = (
    "Scheda ricevuta ma non conteggiata",
    "Submission received but not counted",
);

/// "Comune" or "Comuni" (Italian, capitalised as the plans write it), and the English.
fn comuni_word(n: usize) -> (&'static str, &'static str) {
    if n == 1 {
        ("Comune", "comune")
    } else {
        ("Comuni", "comuni")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ambiti, demo};

    fn crema() -> Ambito {
        ambiti::preset("crema").unwrap()
    }

    fn code(text: &str) -> IstatCode {
        text.parse().unwrap()
    }

    /// The Crema 2021 answers without the file of the comune `code`.
    fn without(code_: &str) -> Vec<Submission> {
        let mut files = demo::crema_2021();
        files.retain(|s| s.ente.comune_code() != Some(code(code_)));
        files
    }

    /// A file of comune `code_` declaring `sap` units (none: "nessun patrimonio").
    fn answer(code_: &str, sap: u32) -> Submission {
        let mut s = Submission::new(2021, "crema", Ente::comune(code_).unwrap());
        s.consistenza.sap = sap;
        s.nessun_patrimonio = sap == 0;
        s
    }

    #[test]
    fn crema_2021_reads_as_the_published_plan() {
        let r = Ricognizione::of(&demo::crema_2021(), Some(&crema()));
        assert_eq!(
            (r.comuni_con_patrimonio, r.comuni_ambito, r.percentuale),
            (24, 48, 50)
        );
        assert_eq!(r.share().it, "24 su 48 (50%)");
        assert_eq!(r.inadempienti, ["Trescore Cremasco"]);
        assert!(r.non_hanno_risposto.is_empty());
        assert_eq!(r.comuni_che_hanno_risposto, 47);
        assert_eq!(r.nessun_patrimonio.len(), 24);
        assert_eq!(r.aler, [demo::ALER_NAME]);
        assert_eq!(
            r.sentence().it,
            "La ricognizione ha riguardato complessivamente 48 Comuni e l'ALER; 24 risultano titolari di patrimonio, pari al 50%. Inadempiente: Trescore Cremasco."
        );
        assert_eq!(
            r.sentence().en,
            "The survey covered 48 comuni and the ALER; 24 own housing, that is 50%. Inadempiente (owner that sent nothing): Trescore Cremasco."
        );
    }

    #[test]
    fn without_the_owners_list_nobody_is_inadempiente_and_the_count_is_of_the_answers() {
        let mut ambito = crema();
        ambito.con_patrimonio = None;
        let r = Ricognizione::of(&demo::crema_2021(), Some(&ambito));
        assert!(!r.proprietari_noti);
        assert!(r.inadempienti.is_empty());
        assert_eq!(r.non_hanno_risposto, ["Trescore Cremasco"]);
        assert_eq!(
            (
                r.comuni_con_patrimonio,
                r.comuni_che_hanno_risposto,
                r.percentuale
            ),
            (23, 47, 49)
        );
        assert_eq!(r.share().it, "23 su 47 (49%)");
        assert_eq!(
            r.sentence().it,
            "Hanno risposto 47 Comuni su 48; tra questi, 23 dichiarano patrimonio, pari al 49% (l'elenco dei Comuni proprietari non è stato indicato: il conteggio riguarda solo i Comuni che hanno risposto)."
        );
        assert!(r
            .sentence()
            .en
            .contains("the count covers only the comuni that answered"));
    }

    #[test]
    fn a_silent_comune_not_known_to_own_housing_did_not_answer() {
        let r = Ricognizione::of(&without("019002"), Some(&crema()));
        assert_eq!(r.non_hanno_risposto, ["Agnadello"]);
        assert_eq!(
            r.inadempienti,
            ["Trescore Cremasco"],
            "Agnadello is not one"
        );
        assert_eq!((r.comuni_con_patrimonio, r.percentuale), (24, 50));
        assert!(!r.sentence().it.contains("Agnadello"));
    }

    #[test]
    fn a_listed_owner_whose_file_counted_is_not_inadempiente() {
        let mut files = demo::crema_2021();
        files.push(answer("019109", 5));
        let r = Ricognizione::of(&files, Some(&crema()));
        assert!(r.inadempienti.is_empty());
        assert_eq!((r.comuni_con_patrimonio, r.percentuale), (24, 50));
        assert!(r
            .sentence()
            .it
            .ends_with("pari al 50%. Nessun Comune proprietario è inadempiente."));
        // A listed owner that answers "nessun patrimonio" is taken at its word.
        let mut files = demo::crema_2021();
        files.push(answer("019109", 0));
        let r = Ricognizione::of(&files, Some(&crema()));
        assert!(r.inadempienti.is_empty());
        assert_eq!(r.comuni_con_patrimonio, 23);
    }

    #[test]
    fn a_comune_declaring_housing_counts_even_off_the_list() {
        let mut files = without("019002");
        files.push(answer("019002", 3));
        let r = Ricognizione::of(&files, Some(&crema()));
        assert_eq!(r.share().it, "25 su 48 (52%)");
        assert_eq!(r.inadempienti, ["Trescore Cremasco"]);
    }

    #[test]
    fn several_inadempienti_and_a_silent_aler_are_said() {
        let mut files = without("019035");
        files.retain(|s| s.ente.comune_code().is_some());
        let r = Ricognizione::of(&files, Some(&crema()));
        assert_eq!(r.inadempienti, ["Crema", "Trescore Cremasco"]);
        assert_eq!(r.share().it, "24 su 48 (50%)");
        assert!(r
            .sentence()
            .it
            .ends_with("Inadempienti: Crema, Trescore Cremasco. L'ALER non ha inviato la scheda."));
    }

    #[test]
    fn the_share_rounds_half_up_in_integers() {
        assert_eq!(percent(1, 8), 13, "12.5");
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(24, 48), 50);
        assert_eq!(percent(3, 0), 0);
    }

    #[test]
    fn without_an_ambito_the_answers_are_all_there_is() {
        let r = Ricognizione::of(&[answer("019035", 3)], None);
        assert_eq!(r.share().it, "1 su 1 (100%)");
        assert!(r
            .sentence()
            .it
            .starts_with("Ha risposto 1 Comune; tra questi, 1 dichiara"));
    }
}
