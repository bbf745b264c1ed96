//! Every rule of every rule set. Messages say what to fix, in Italian and English; each rule
//! cites its legal base. Which plan years use which rules is decided in `sets.rs`.

use super::{Rule, Severity};
use crate::ambiti::Ambito;
use crate::carried::CARRIED_FIELDS;
use crate::comuni::{self, IstatCode};
use crate::percent::Percent;
use crate::quota;
use crate::sections::fields::{self, Field};
use crate::sections::{self, Row};
use crate::submission::{
    CarriedSection, Ente, Share, Submission, FORMAT_NAME, FORMAT_VERSION,
    OLDEST_FORMAT_VERSION_READ,
};
use crate::text::Bilingual;
use crate::thresholds::{
    CATEGORIE_ART14_MAX_PERCENT, FIRST_PLAN_YEAR_RR_2_2025, FORZE_POLIZIA_MAX_PERCENT_2019,
    INDIGENZA_DEFAULT_PERCENT, POLIZIE_MAX_PERCENT_2025, SHARE_MAX_PERCENT,
    TRANSITORI_MAX_PERCENT_OF_SAP,
};

/// The ambito of the plan is the Piano di Zona's.
const AMBITO: &str = "art. 2 c.1 r.r. 4/2017 (l'ambito del piano è quello del Piano di Zona)";
/// The sections per comune: one row per comune (and kind of work) is how the app keeps them.
const ROWS: &str = "requisito dell'app: una riga per comune rende la scheda leggibile e sommabile";

/// Where a comune stands with respect to the ambito, cheapest check first: membership of
/// the ambito implies being in Lombardy.
enum Placement<'a> {
    Fine,
    NotLombard,
    OutsideAmbito(&'a Ambito),
}

fn placement<'a>(code: IstatCode, ambito: Option<&'a Ambito>) -> Placement<'a> {
    match ambito {
        Some(a) if a.contains(code) => Placement::Fine,
        _ if !comuni::is_lombard(code) => Placement::NotLombard,
        Some(a) => Placement::OutsideAmbito(a),
        None => Placement::Fine,
    }
}

fn comune_label(code: IstatCode) -> String {
    match comuni::by_code(code) {
        Some(c) => format!("{} ({code})", c.nome),
        None => code.to_string(),
    }
}

pub static FORMATO_VERSIONE: Rule = Rule {
    id: "formato-versione",
    severity: Severity::Error,
    fields: &[fields::FORMATO.path, fields::VERSIONE.path],
    summary: || {
        Bilingual::new(
            "Il file è una scheda di Offerta Abitativa in una versione di formato letta dall'app (nella versione 1, solo percentuali intere).",
            "The file is an Offerta Abitativa submission in a format version the app reads (in version 1, whole percentages only).",
        )
    },
    citation: "requisito dell'app: il formato dei file è descritto in docs/FORMAT.md",
    check: |i, r| {
        let s = i.submission;
        if s.formato != FORMAT_NAME {
            r.report(
                fields::FORMATO.path,
                format!(
                    "Il file non è una scheda di Offerta Abitativa (formato «{}»).",
                    s.formato
                ),
                format!(
                    "The file is not an Offerta Abitativa submission (format «{}»).",
                    s.formato
                ),
            );
        }
        if !(OLDEST_FORMAT_VERSION_READ..=FORMAT_VERSION).contains(&s.versione) {
            r.report(
                fields::VERSIONE.path,
                format!("Versione di formato {} non supportata: questa app legge le versioni da {OLDEST_FORMAT_VERSION_READ} a {FORMAT_VERSION}. Aggiornare l'app o chiedere all'ente un nuovo file.", s.versione),
                format!("Format version {} is not supported: this app reads versions {OLDEST_FORMAT_VERSION_READ} to {FORMAT_VERSION}. Update the app or ask the ente for a new file.", s.versione),
            );
        } else if s.versione == 1 && s.shares().any(|p| !p.is_whole()) {
            r.report(
                fields::VERSIONE.path,
                "La versione 1 del formato ammette solo percentuali intere, ma il file ne contiene una con decimali: il file è incoerente, chiederne uno nuovo all'ente.".into(),
                "Version 1 of the format allows whole percentages only, but the file has one with a decimal: the file is inconsistent, ask the ente for a new one.".into(),
            );
        }
    },
};

pub static AMBITO_CORRISPONDENTE: Rule = Rule {
    id: "ambito-corrispondente",
    severity: Severity::Error,
    fields: &[fields::AMBITO.path],
    summary: || {
        Bilingual::new(
            "La scheda è dell'ambito per cui si compila o aggrega il piano.",
            "The submission belongs to the ambito whose plan is being made.",
        )
    },
    citation: AMBITO,
    check: |i, r| {
        if let Some(ambito) = i.ambito {
            if i.submission.ambito != ambito.id {
                r.report(
                    fields::AMBITO.path,
                    format!(
                        "La scheda è per l'ambito «{}», non per «{}»: scegliere l'ambito giusto.",
                        i.submission.ambito, ambito.id
                    ),
                    format!(
                        "The submission is for ambito «{}», not «{}»: choose the right ambito.",
                        i.submission.ambito, ambito.id
                    ),
                );
            }
        }
    },
};

pub static ENTE_NELL_AMBITO: Rule = Rule {
    id: "ente-nell-ambito",
    severity: Severity::Error,
    fields: &[fields::ENTE_ISTAT.path, fields::ENTE_COMUNI],
    summary: || {
        Bilingual::new(
            "Il comune che compila (o ogni comune indicato dall'ALER) è un comune lombardo dell'ambito.",
            "The comune filing (or each comune listed by the ALER) is a Lombard comune of the ambito.",
        )
    },
    citation: AMBITO,
    check: |i, r| {
        let mut check =
            |field: &dyn Fn() -> String, code: IstatCode| match placement(code, i.ambito) {
                Placement::Fine => {}
                Placement::NotLombard => r.report(
                    field(),
                    format!("Il codice ISTAT {code} non è un comune della Lombardia: correggerlo."),
                    format!("ISTAT code {code} is not a comune of Lombardy: correct it."),
                ),
                Placement::OutsideAmbito(ambito) => r.report(
                    field(),
                    format!(
                        "{} non fa parte dell'ambito «{}».",
                        comune_label(code),
                        ambito.nome
                    ),
                    format!(
                        "{} is not part of ambito «{}».",
                        comune_label(code),
                        ambito.nome
                    ),
                ),
            };
        match &i.submission.ente {
            Ente::Comune { istat, .. } => check(&|| fields::ENTE_ISTAT.path.into(), *istat),
            Ente::Aler { comuni, .. } => {
                for (n, code) in comuni.iter().enumerate() {
                    check(&|| sections::instance(fields::ENTE_COMUNI, n), *code);
                }
            }
        }
    },
};

pub static NOME_COMUNE_ISTAT: Rule = Rule {
    id: "nome-comune-istat",
    severity: Severity::Error,
    fields: &[fields::ENTE_NOME.path],
    summary: || {
        Bilingual::new(
            "Il nome del comune che compila è quello dell'elenco ISTAT per il suo codice (composto in forma NFC): l'app mostra sempre il nome ISTAT.",
            "The name of the comune filing is ISTAT's for its code (composed in NFC form): the app always shows ISTAT's name.",
        )
    },
    citation: "requisito dell'app: un comune si riconosce dal suo codice ISTAT, e un nome diverso farebbe passare la scheda per quella di un altro comune",
    check: |i, r| {
        let Ente::Comune { istat, nome } = &i.submission.ente else {
            return;
        };
        let Some(official) = comuni::by_code(*istat) else {
            return; // `ente-nell-ambito` says the code is not a Lombard comune.
        };
        if crate::text::nfc(nome) != official.nome {
            let written = crate::text::visible(nome);
            let official = &official.nome;
            r.report(
                fields::ENTE_NOME.path,
                format!("Il file dà al comune il nome «{written}», ma il codice ISTAT {istat} è del Comune di {official}: il nome di un comune è quello ISTAT del suo codice. Se la scheda è del Comune di {official}, rifarla dall'app (che scrive il nome giusto); altrimenti il codice è sbagliato."),
                format!("The file names the comune «{written}», but ISTAT code {istat} is the Comune di {official}'s: a comune's name is ISTAT's for its code. If the submission is the Comune di {official}'s, make it again with the app (which writes the right name); otherwise the code is wrong."),
            );
        }
    },
};

pub static ALER_DELL_AMBITO: Rule = Rule {
    id: "aler-dell-ambito",
    severity: Severity::Error,
    fields: &[fields::ENTE_NOME.path],
    summary: || {
        Bilingual::new(
            "Un'ALER compila con il suo nome, quello di un'ALER dell'ambito (l'ALER della provincia dei suoi comuni, o quella indicata nel file dell'ambito).",
            "An ALER files under its own name, that of an ALER of the ambito (the ALER of its comuni's province, or the one the ambito file names).",
        )
    },
    citation: "requisito dell'app: il capofila conta la scheda di un'ALER solo con il nome dell'ALER dell'ambito, e accantona le altre",
    check: |i, r| {
        let (Ente::Aler { nome, .. }, Some(ambito)) = (&i.submission.ente, i.ambito) else {
            return;
        };
        if ambito.aler_named(nome).is_some() {
            return;
        }
        let shown = crate::text::visible(nome);
        let alers = ambito.alers().join(", ");
        let (it, en) = if alers.is_empty() {
            (
                format!("L'ambito «{}» non ha un'ALER: una scheda a nome di «{shown}» non conta nel suo piano.", ambito.nome),
                format!("The ambito «{}» has no ALER: a submission under the name «{shown}» does not count in its plan.", ambito.nome),
            )
        } else {
            (
                format!("«{shown}» non è l'ALER dell'ambito «{}», che è {alers}: indicare il nome esatto, altrimenti il capofila accantona la scheda.", ambito.nome),
                format!("«{shown}» is not the ALER of the ambito «{}», which is {alers}: give the exact name, or the capofila sets the submission aside.", ambito.nome),
            )
        };
        r.report(fields::ENTE_NOME.path, it, en);
    },
};

fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace())
}

pub static REFERENTE_OBBLIGATORIO: Rule = Rule {
    id: "referente-obbligatorio",
    severity: Severity::Error,
    fields: &[
        fields::REFERENTE_NOME.path,
        fields::REFERENTE_RUOLO.path,
        fields::REFERENTE_EMAIL.path,
    ],
    summary: || {
        Bilingual::new(
            "Nome, ruolo ed e-mail del referente sono indicati; l'e-mail è un indirizzo valido.",
            "The contact person's name, role and e-mail are given; the e-mail is a valid address.",
        )
    },
    citation: "requisito dell'app: la capofila deve sapere a chi chiedere chiarimenti sulla scheda",
    check: |i, r| {
        let p = &i.submission.referente;
        for (field, value, it, en) in [
            (
                fields::REFERENTE_NOME.path,
                &p.nome,
                "il nome del referente",
                "the contact person's name",
            ),
            (
                fields::REFERENTE_RUOLO.path,
                &p.ruolo,
                "il ruolo del referente",
                "the contact person's role",
            ),
            (
                fields::REFERENTE_EMAIL.path,
                &p.email,
                "l'e-mail del referente",
                "the contact person's e-mail",
            ),
        ] {
            if value.trim().is_empty() {
                r.report(field, format!("Indicare {it}."), format!("Enter {en}."));
            }
        }
        let email = p.email.trim();
        if !email.is_empty() && !plausible_email(email) {
            r.report(
                fields::REFERENTE_EMAIL.path,
                format!(
                    "«{email}» non sembra un indirizzo e-mail: scriverlo come nome@dominio.it."
                ),
                format!(
                    "«{email}» does not look like an e-mail address: write it as name@domain.it."
                ),
            );
        }
    },
};

pub static NESSUN_PATRIMONIO_COERENTE: Rule = Rule {
    id: "nessun-patrimonio-coerente",
    severity: Severity::Error,
    fields: &[
        fields::NESSUN_PATRIMONIO.path,
        sections::CONSISTENZA.path,
        sections::CARENZA_MANUTENTIVA.path,
        sections::NUOVA_EDIFICAZIONE.path,
        sections::AVVICENDAMENTO.path,
        sections::CONFERITE_DA_PRIVATI.path,
        sections::TRANSITORI.path,
        sections::ASSEGNATE_ANNO_PRECEDENTE.path,
    ],
    summary: || {
        Bilingual::new(
            "Chi dichiara «nessun patrimonio» non indica alloggi in nessuna sezione.",
            "An ente declaring «no stock» reports no units in any section.",
        )
    },
    citation: "requisito dell'app: una scheda non può dire due cose opposte; art. 4 c.3 r.r. 4/2017 per le sezioni",
    check: |i, r| {
        let s = i.submission;
        if !s.nessun_patrimonio {
            return;
        }
        let any_units = s.consistenza.totale() > 0
            || s.totale_assegnabili() > 0
            || !s.transitori.is_empty()
            || s.assegnate_anno_precedente.totale() > 0;
        if any_units {
            r.report(
                fields::NESSUN_PATRIMONIO.path,
                "È dichiarato «nessun patrimonio» ma sono indicati alloggi: togliere la dichiarazione o azzerare le sezioni.".into(),
                "«No stock» is declared but units are reported: remove the declaration or clear the sections.".into(),
            );
        }
    },
};

pub static PATRIMONIO_VUOTO: Rule = Rule {
    id: "patrimonio-vuoto",
    severity: Severity::Warning,
    fields: &[fields::CONSISTENZA_SAP.path, fields::CONSISTENZA_SAS.path],
    summary: || {
        Bilingual::new(
            "Una scheda senza alloggi dovrebbe dichiarare «nessun patrimonio».",
            "A submission with no units should declare «no stock».",
        )
    },
    citation:
        "consiglio dell'app: chi non possiede alloggi lo dichiara, così la capofila non lo cerca",
    check: |i, r| {
        let s = i.submission;
        if !s.nessun_patrimonio && s.consistenza.totale() == 0 && s.totale_assegnabili() == 0 {
            r.report(
                fields::CONSISTENZA_SAP.path,
                "Nessun alloggio indicato: se l'ente non possiede alloggi, selezionare «nessun patrimonio».".into(),
                "No units entered: if the ente owns no housing, select «no stock».".into(),
            );
        }
    },
};

pub static TOTALI_DICHIARATI: Rule = Rule {
    id: "totali-dichiarati",
    severity: Severity::Error,
    fields: &[
        fields::TOTALI_CONSISTENZA.path,
        fields::TOTALI_ASSEGNABILI.path,
        fields::TOTALI_ASSEGNATE.path,
    ],
    summary: || {
        Bilingual::new(
            "I totali scritti nel file coincidono con quelli calcolati: a = SAP + SAS; f = b + c + d + e; k = ordinarie + in deroga.",
            "The totals stated in the file equal the computed ones: a = SAP + SAS; f = b + c + d + e; k = ordinary + by exception.",
        )
    },
    citation: "requisito dell'app per i totali scritti nel file (docs/FORMAT.md); f = b + c + d + e: art. 4 c.3 r.r. 4/2017",
    check: |i, r| {
        let s = i.submission;
        let Some(stated) = s.totali else { return };
        let computed = s.computed_totals();
        for (field, st, co, what_it, what_en) in [
            (
                fields::TOTALI_CONSISTENZA.path,
                stated.consistenza,
                computed.consistenza,
                "alloggi totali (SAP + SAS)",
                "total units (SAP + SAS)",
            ),
            (
                fields::TOTALI_ASSEGNABILI.path,
                stated.assegnabili,
                computed.assegnabili,
                "unità assegnabili f (b + c + d + e)",
                "assignable units f (b + c + d + e)",
            ),
            (
                fields::TOTALI_ASSEGNATE.path,
                stated.assegnate,
                computed.assegnate,
                "assegnate l'anno precedente (ordinarie + in deroga)",
                "assigned last year (ordinary + by exception)",
            ),
        ] {
            if st != co {
                r.report(
                    field,
                    format!("Il file dichiara {st} {what_it}, ma le righe danno {co}: il file è incoerente, chiederne uno nuovo all'ente."),
                    format!("The file states {st} {what_en}, but its rows give {co}: the file is inconsistent, ask the ente for a new one."),
                );
            }
        }
    },
};

pub static COMUNE_NELL_AMBITO: Rule = Rule {
    id: "comune-nell-ambito",
    severity: Severity::Error,
    fields: &[fields::EACH_ROW_COMUNE],
    summary: || {
        Bilingual::new(
            "Ogni riga per comune nomina un comune lombardo dell'ambito.",
            "Every per-comune row names a Lombard comune of the ambito.",
        )
    },
    citation: AMBITO,
    check: |i, r| {
        // Internal iteration (`for_each`) over the sections' rows: a `for` loop over the
        // flattened rows costs twice as much on every keystroke.
        i.submission.comune_rows().for_each(|(section, n, code)| {
            let field = || format!("{section}[{n}].comune");
            match placement(code, i.ambito) {
                Placement::Fine => {}
                Placement::NotLombard => r.report(
                    field(),
                    format!("Il codice ISTAT {code} non è un comune della Lombardia: correggere la riga."),
                    format!("ISTAT code {code} is not a comune of Lombardy: correct the row."),
                ),
                Placement::OutsideAmbito(ambito) => r.report(
                    field(),
                    format!("{} non fa parte dell'ambito «{}»: correggere o togliere la riga.", comune_label(code), ambito.nome),
                    format!("{} is not part of ambito «{}»: correct or remove the row.", comune_label(code), ambito.nome),
                ),
            }
        });
    },
};

pub static COMUNE_DELL_ENTE: Rule = Rule {
    id: "comune-dell-ente",
    severity: Severity::Warning,
    fields: &[fields::EACH_ROW_COMUNE],
    summary: || {
        Bilingual::new(
            "Un comune indica di solito alloggi nel proprio territorio: una riga per un altro comune va confermata.",
            "A comune usually reports units in its own territory: a row for another comune must be confirmed.",
        )
    },
    citation:
        "consiglio dell'app: un comune indica di solito i propri alloggi; art. 4 c.3 r.r. 4/2017",
    check: |i, r| {
        let Some(own) = i.submission.ente.comune_code() else {
            return;
        };
        i.submission.comune_rows().for_each(|(section, n, code)| {
            if code != own {
                r.report(
                    format!("{section}[{n}].comune"),
                    format!(
                        "La riga indica alloggi a {}, fuori dal territorio del comune: verificare.",
                        comune_label(code)
                    ),
                    format!(
                        "The row reports units in {}, outside the comune's territory: check it.",
                        comune_label(code)
                    ),
                );
            }
        });
    },
};

pub static RIGHE_DUPLICATE: Rule = Rule {
    id: "righe-duplicate",
    severity: Severity::Error,
    fields: &[fields::EACH_ROW_COMUNE],
    summary: || {
        Bilingual::new(
            "In una sezione ogni comune compare una volta sola (in c: una volta per tipo di intervento).",
            "Within a section each comune appears once (in c: once per kind of work).",
        )
    },
    check: |i, r| {
        for (_, list) in sections::per_comune() {
            // A row's key: its comune and, in c, its kind of work.
            let key = |row: Row| (row.comune, row.intervento.map_or(0, |k| k as u8 + 1));
            // Sorting a copy is cheaper than hashing for the few hundred rows of an ALER.
            let mut sorted: Vec<((IstatCode, u8), usize)> = (list.rows)(i.submission)
                .iter()
                .enumerate()
                .map(|(n, row)| (key(row), n))
                .collect();
            sorted.sort_unstable();
            let mut repeated: Vec<(usize, IstatCode)> = sorted
                .windows(2)
                .filter(|w| w[0].0 == w[1].0)
                .map(|w| (w[0].1.max(w[1].1), w[1].0 .0))
                .collect();
            repeated.sort_unstable();
            for (n, code) in repeated {
                r.report(
                    format!("{}[{n}].comune", list.path),
                    format!("{} compare più volte nella stessa sezione: sommare le unità in una riga.", comune_label(code)),
                    format!("{} appears more than once in the same section: add the units up in one row.", comune_label(code)),
                );
            }
        }
    },
    citation: ROWS,
};

pub static RIGHE_VUOTE: Rule = Rule {
    id: "righe-vuote",
    severity: Severity::Warning,
    fields: &[fields::EACH_ROW_UNITA],
    summary: || {
        Bilingual::new(
            "Una riga per comune con zero unità va tolta o completata.",
            "A per-comune row with zero units should be removed or completed.",
        )
    },
    citation: ROWS,
    check: |i, r| {
        for (_, list) in sections::per_comune() {
            for (n, row) in (list.rows)(i.submission).iter().enumerate() {
                if row.unita == 0 {
                    r.report(
                        format!("{}[{n}].unita", list.path),
                        "Riga con 0 unità: indicare le unità o togliere la riga.".into(),
                        "Row with 0 units: enter the units or remove the row.".into(),
                    );
                }
            }
        }
    },
};

pub static ASSEGNABILI_ENTRO_SAP: Rule = Rule {
    id: "assegnabili-entro-sap",
    severity: Severity::Warning,
    fields: &[
        sections::CARENZA_MANUTENTIVA.path,
        sections::AVVICENDAMENTO.path,
        fields::CONSISTENZA_SAP.path,
    ],
    summary: || {
        Bilingual::new(
            "Le unità esistenti assegnabili (b carenza manutentiva + d avvicendamento) non superano il patrimonio SAP.",
            "Existing assignable units (b poor repair + d turnover) do not exceed the SAP stock.",
        )
    },
    citation: "consiglio dell'app (plausibilità): art. 4 c.3 lett. b e art. 10 r.r. 4/2017",
    check: |i, r| {
        let s = i.submission;
        let existing =
            crate::submission::sum_units(&s.carenza_manutentiva) + s.avvicendamento.totale();
        let sap = u64::from(s.consistenza.sap);
        if existing > sap {
            r.report(
                fields::CONSISTENZA_SAP.path,
                format!("Sono indicate {existing} unità esistenti assegnabili (b + d) su un patrimonio SAP di {sap}: verificare i numeri."),
                format!("{existing} existing assignable units (b + d) are reported out of a SAP stock of {sap}: check the figures."),
            );
        }
    },
};

pub static INDIGENZA_SOGLIA: Rule = Rule {
    id: "indigenza-soglia",
    severity: Severity::Error,
    fields: &[fields::SOGLIA_INDIGENZA_PERCENTO.path],
    summary: || {
        Bilingual::new(
            format!("Una soglia per l'indigenza, se indicata, supera il {INDIGENZA_DEFAULT_PERCENT}% previsto e non supera il {SHARE_MAX_PERCENT}%."),
            format!("An indigenza share, when set, is above the default {INDIGENZA_DEFAULT_PERCENT}% and at most {SHARE_MAX_PERCENT}%."),
        )
    },
    citation: "art. 4 c.3 lett. c e art. 13 c.3 r.r. 4/2017; art. 23 c.3 l.r. 16/2016",
    check: |i, r| {
        if let Some(g) = &i.submission.soglia_indigenza {
            if g.percento <= Percent::whole(INDIGENZA_DEFAULT_PERCENT) {
                r.report(
                    fields::SOGLIA_INDIGENZA_PERCENTO.path,
                    format!("La soglia del {}% non supera il {INDIGENZA_DEFAULT_PERCENT}% già previsto: indicare una percentuale più alta o togliere la scelta.", g.percento),
                    format!("A {}% share does not exceed the default {INDIGENZA_DEFAULT_PERCENT}%: enter a higher share or remove the choice.", g.percento.english()),
                );
            } else if g.percento > Percent::whole(SHARE_MAX_PERCENT) {
                r.report(
                    fields::SOGLIA_INDIGENZA_PERCENTO.path,
                    format!(
                        "La soglia del {}% supera il {SHARE_MAX_PERCENT}%: indicare al massimo {SHARE_MAX_PERCENT}.",
                        g.percento
                    ),
                    format!("A {}% share exceeds {SHARE_MAX_PERCENT}%: enter at most {SHARE_MAX_PERCENT}.", g.percento.english()),
                );
            }
        }
    },
};

pub static CATEGORIA_AGGIUNTIVA_NOME: Rule = Rule {
    id: "categoria-aggiuntiva-nome",
    severity: Severity::Error,
    fields: &[
        fields::CATEGORIA_AGGIUNTIVA_NOME.path,
        fields::CATEGORIA_AGGIUNTIVA_PERCENTO.path,
    ],
    summary: || {
        Bilingual::new(
            format!("La categoria aggiuntiva ha un nome e, se ha una quota, questa non supera il {SHARE_MAX_PERCENT}%."),
            format!("The additional category has a name and, if it has a share, the share is at most {SHARE_MAX_PERCENT}%."),
        )
    },
    citation: "art. 4 c.3 lett. d e art. 14 c.1 lett. f r.r. 4/2017; art. 23 c.3 l.r. 16/2016",
    check: |i, r| {
        let Some(h) = &i.submission.categoria_aggiuntiva else {
            return;
        };
        if h.nome.trim().is_empty() {
            r.report(
                fields::CATEGORIA_AGGIUNTIVA_NOME.path,
                "Indicare il nome della categoria aggiuntiva (es. «famiglie numerose»).".into(),
                "Enter the name of the additional category (e.g. «large families»).".into(),
            );
        }
        if let Some(p) = h
            .percento
            .filter(|p| *p > Percent::whole(SHARE_MAX_PERCENT))
        {
            r.report(
                fields::CATEGORIA_AGGIUNTIVA_PERCENTO.path,
                format!("La quota del {p}% supera il {SHARE_MAX_PERCENT}%."),
                format!("A {}% share exceeds {SHARE_MAX_PERCENT}%.", p.english()),
            );
        }
    },
};

pub static QUOTE_ENTRO_ASSEGNABILI: Rule = Rule {
    id: "quote-entro-assegnabili",
    severity: Severity::Warning,
    fields: &[
        sections::SOGLIA_INDIGENZA.path,
        sections::FORZE_POLIZIA.path,
        sections::POLIZIA_LOCALE.path,
        sections::CATEGORIA_AGGIUNTIVA.path,
        sections::CATEGORIE_ART14.path,
        sections::TRANSITORI.path,
    ],
    summary: || {
        Bilingual::new(
            format!("Le quote riservate (g, anche il {INDIGENZA_DEFAULT_PERCENT}% previsto quando il Comune non sceglie una soglia; h se ha una quota; i; art. 14) non superano le unità assegnabili nell'anno (f); nemmeno con le unità per i transitori (j) sommate alle quote scelte."),
            format!("The reserved quotas (g, the default {INDIGENZA_DEFAULT_PERCENT}% too when the comune sets no share; h when it has a share; i; art. 14) do not exceed the units assignable in the year (f); nor do the transitional units (j) added to the chosen shares."),
        )
    },
    citation: "consiglio dell'app (plausibilità): le quote sono parti delle unità assegnabili, art. 4 c.3 lett. c, c bis, d, d bis e art. 13 c.3 r.r. 4/2017",
    check: |i, r| {
        let s = i.submission;
        let f = s.totale_assegnabili();
        let shares = reserved_shares(s);
        let ranking: u64 = shares.iter().map(|p| p.units).sum();
        // The default indigenza share applies by law (art. 13 c.3), so it counts with the
        // other shares. With j it counts only when the comune chose it: the published Crema
        // 2021 plan puts Bagnolo Cremasco's only unit in j under the default 20%, and
        // whether the transitori are part of the indigenza share's base is da verificare.
        let mut with_j: Vec<QuotaPart> = shares
            .iter()
            .filter(|p| !p.default_indigenza)
            .cloned()
            .collect();
        let j = quota::for_submission(s).transitori;
        if j > 0 {
            with_j.push(QuotaPart::units(Bilingual::new("Transitori", "Transitional"), j));
        }
        let (parts, units) = if ranking > f {
            (shares, ranking)
        } else {
            let units = with_j.iter().map(|p| p.units).sum();
            (with_j, units)
        };
        if units > f {
            let (it, en) = describe(&parts);
            let (fix_it, fix_en) = if parts.iter().any(|p| p.percent.is_none()) {
                (
                    "ridurre le percentuali o le unità per i transitori",
                    "reduce the shares or the transitional units",
                )
            } else {
                ("ridurre le percentuali", "reduce the shares")
            };
            r.report(
                first_chosen_share(s),
                format!("Le quote riservate richiedono {units} unità ({it}), ma le unità assegnabili (f) sono {f}: {fix_it}."),
                format!("The reserved quotas need {units} units ({en}), but only {f} are assignable (f): {fix_en}."),
            );
        }
    },
};

/// One reserved quota in units, as the message of `quote-entro-assegnabili` lists it.
#[derive(Clone)]
struct QuotaPart {
    name: Bilingual,
    percent: Option<Percent>,
    units: u64,
    /// The 20% of art. 13 c.3 that applies when the comune sets no g.
    default_indigenza: bool,
}

impl QuotaPart {
    fn units(name: Bilingual, units: u64) -> QuotaPart {
        QuotaPart {
            name,
            percent: None,
            units,
            default_indigenza: false,
        }
    }
}

/// The shares of `s` in units (the ALER's indigenza counted per comune), those chosen and the
/// default indigenza share.
fn reserved_shares(s: &Submission) -> Vec<QuotaPart> {
    let q = quota::for_submission(s);
    let c = quota::choice_for(s);
    let indigenza = QuotaPart {
        name: Bilingual::new("Indigenza", "Indigenza"),
        percent: Some(c.indigenza_percento),
        units: q.indigenza,
        default_indigenza: s.soglia_indigenza.is_none(),
    };
    let others = quota::CappedShare::ALL.map(|share| QuotaPart {
        name: share.name(),
        percent: Some(share.percent_in(&c)),
        units: share.units_in(&q),
        default_indigenza: false,
    });
    std::iter::once(indigenza)
        .chain(others)
        .filter(|p| p.percent.is_some_and(|p| p > Percent::ZERO))
        .collect()
}

/// «Indigenza 20%: 7; Forze di Polizia 10%: 3; Transitori: 14», in Italian and English.
fn describe(parts: &[QuotaPart]) -> (String, String) {
    let one = |p: &QuotaPart, name: &str, percent: Option<String>| match percent {
        Some(percent) => format!("{name} {percent}%: {}", p.units),
        None => format!("{name}: {}", p.units),
    };
    let it = parts
        .iter()
        .map(|p| one(p, &p.name.it, p.percent.map(|x| x.to_string())))
        .collect::<Vec<_>>()
        .join("; ");
    let en = parts
        .iter()
        .map(|p| one(p, &p.name.en, p.percent.map(Percent::english)))
        .collect::<Vec<_>>()
        .join("; ");
    (it, en)
}

/// Where the clerk decides: the first share the ente chose (g-h-i-art. 14), or j when it
/// chose none.
fn first_chosen_share(s: &Submission) -> &'static str {
    [
        (
            sections::SOGLIA_INDIGENZA.path,
            s.soglia_indigenza.is_some(),
        ),
        (
            sections::CATEGORIA_AGGIUNTIVA.path,
            s.categoria_aggiuntiva
                .as_ref()
                .is_some_and(|h| h.percento.is_some()),
        ),
        (sections::FORZE_POLIZIA.path, s.forze_polizia.is_some()),
        (sections::POLIZIA_LOCALE.path, s.polizia_locale.is_some()),
        (sections::CATEGORIE_ART14.path, s.categorie_art14.is_some()),
    ]
    .into_iter()
    .find_map(|(field, chosen)| chosen.then_some(field))
    .unwrap_or(sections::TRANSITORI.path)
}

/// A cap with no rounding written in the text is rounded down (quota.rs): a share smaller
/// than one unit of f gives none, which the ente should know before it signs.
pub static QUOTA_ARROTONDATA_A_ZERO: Rule = Rule {
    id: "quota-arrotondata-a-zero",
    severity: Severity::Hint,
    fields: &[
        fields::CATEGORIA_AGGIUNTIVA_PERCENTO.path,
        fields::FORZE_POLIZIA_PERCENTO.path,
        fields::POLIZIA_LOCALE_PERCENTO.path,
        fields::CATEGORIE_ART14_PERCENTO.path,
    ],
    summary: || {
        Bilingual::new(
            "Una quota (h, i, art. 14) che sulle unità assegnabili (f) vale meno di un'unità dà 0 unità: le quote «fino al» limite si arrotondano per difetto.",
            "A share (h, i, art. 14) worth less than one of the assignable units (f) gives 0 units: shares capped «fino al» a limit are rounded down.",
        )
    },
    citation: "consiglio dell'app: art. 4 c.3 lett. c bis e d bis r.r. 4/2017 fissano le quote «fino al» limite senza regola di arrotondamento (artt. 7bis e 7ter da verificare sul testo consolidato), quindi l'app arrotonda per difetto",
    check: |i, r| {
        for zero in quota::shares_rounded_to_zero(&quota::choice_for(i.submission)) {
            let field = match zero.quota {
                quota::CappedShare::CategoriaAggiuntiva => fields::CATEGORIA_AGGIUNTIVA_PERCENTO.path,
                quota::CappedShare::ForzePolizia => fields::FORZE_POLIZIA_PERCENTO.path,
                quota::CappedShare::PoliziaLocale => fields::POLIZIA_LOCALE_PERCENTO.path,
                quota::CappedShare::CategorieArt14 => fields::CATEGORIE_ART14_PERCENTO.path,
            };
            let sentence = zero.sentence();
            r.report(field, format!("{}.", sentence.it), format!("{}.", sentence.en));
        }
    },
};

pub static TRANSITORI_QUOTA: Rule = Rule {
    id: "transitori-quota",
    severity: Severity::Warning,
    fields: &[sections::TRANSITORI.path],
    summary: || {
        Bilingual::new(
            format!("Le unità per servizi abitativi transitori (j) non superano il {TRANSITORI_MAX_PERCENT_OF_SAP}% del patrimonio SAP (limite da verificare sul testo consolidato)."),
            format!("Units for transitional housing (j) do not exceed {TRANSITORI_MAX_PERCENT_OF_SAP}% of the SAP stock (cap to be confirmed on the consolidated text)."),
        )
    },
    // Not yet confirmed on the consolidated text (DOMAIN.md): a warning, not an error.
    citation: "art. 23 c.13 l.r. 16/2016 (limite da verificare sul testo consolidato); art. 4 c.3 lett. e r.r. 4/2017 (lettera da verificare)",
    check: |i, r| {
        let s = i.submission;
        let j = crate::submission::sum_units(&s.transitori);
        let sap = u64::from(s.consistenza.sap);
        let cap = TRANSITORI_MAX_PERCENT_OF_SAP;
        if j * 100 > sap * u64::from(cap) {
            r.report(
                sections::TRANSITORI.path,
                format!("{j} unità per i transitori superano il {cap}% del patrimonio SAP ({sap}): verificare il limite dell'art. 23 c.13 l.r. 16/2016 e confermare con un motivo."),
                format!("{j} transitional units exceed {cap}% of the SAP stock ({sap}): check the cap of art. 23 c.13 l.r. 16/2016 and confirm with a reason."),
            );
        }
    },
};

pub static ANNO_ASSEGNATE: Rule = Rule {
    id: "anno-assegnate",
    severity: Severity::Error,
    fields: &[fields::ASSEGNATE_ANNO.path],
    summary: || {
        Bilingual::new(
            "Le assegnazioni (k) si riferiscono all'anno precedente quello del piano.",
            "Assignments (k) refer to the year before the plan year.",
        )
    },
    citation: "art. 4 c.3 lett. g r.r. 4/2017 (unità assegnate nell'anno precedente; lettera da verificare sul testo consolidato)",
    check: |i, r| {
        let s = i.submission;
        let expected = s.anno_piano.saturating_sub(1);
        if s.assegnate_anno_precedente.anno != expected {
            r.report(
                fields::ASSEGNATE_ANNO.path,
                format!("Per il piano {} le assegnazioni da indicare sono quelle del {expected}, non del {}.", s.anno_piano, s.assegnate_anno_precedente.anno),
                format!("For plan {} the assignments to report are those of {expected}, not {}.", s.anno_piano, s.assegnate_anno_precedente.anno),
            );
        }
    },
};

pub static DATI_ANNO_PRECEDENTE_DA_VERIFICARE: Rule = Rule {
    id: crate::carried::RULE_ID,
    severity: Severity::Error,
    fields: &CARRIED_FIELDS,
    summary: || {
        Bilingual::new(
            "Ogni sezione ripresa dalla scheda dell'anno precedente (a, referente, b-e, j) è stata controllata: confermata così com'è o corretta.",
            "Every section taken up from last year's submission (a, contact person, b-e, j) has been checked: confirmed as it is or corrected.",
        )
    },
    citation: "requisito dell'app: i dati copiati dall'anno precedente vanno guardati prima di firmarli, perché il patrimonio, le unità e il referente cambiano da un anno all'altro",
    check: |i, r| {
        // In the form's order, once per section even if a file names it twice.
        for section in CarriedSection::ALL
            .into_iter()
            .filter(|s| i.submission.da_verificare.contains(s))
        {
            let message = section.to_check();
            r.report(section.field(), message.it, message.en);
        }
    },
};

/// Every field a clerk types a count or a share in: where a text to correct can be. d)
/// stands for its rows and the ALER's units without a comune
/// (`avvicendamento.senza_ripartizione`, a field only the ALER's form has).
static TYPED_FIELDS: [&str; 11] = [
    fields::CONSISTENZA_SAP.path,
    fields::CONSISTENZA_SAS.path,
    fields::EACH_ROW_UNITA,
    sections::AVVICENDAMENTO.path,
    fields::ASSEGNATE_ORDINARIE.path,
    fields::ASSEGNATE_IN_DEROGA.path,
    fields::SOGLIA_INDIGENZA_PERCENTO.path,
    fields::CATEGORIA_AGGIUNTIVA_PERCENTO.path,
    fields::FORZE_POLIZIA_PERCENTO.path,
    fields::POLIZIA_LOCALE_PERCENTO.path,
    fields::CATEGORIE_ART14_PERCENTO.path,
];

pub static TESTO_DA_CORREGGERE: Rule = Rule {
    id: crate::typed_text::RULE_ID,
    severity: Severity::Error,
    fields: &TYPED_FIELDS,
    summary: || {
        Bilingual::new(
            "Ogni numero e ogni percentuale scritti nella scheda sono un valore: nessun campo resta con un testo che non si legge come numero (es. «4O» al posto di 40).",
            "Every count and share typed in the submission is a value: no field is left with a text that does not read as a number (e.g. «4O» for 40).",
        )
    },
    citation: "requisito dell'app: si firma solo ciò che la pagina mostra, e un campo con un testo da correggere non ha ancora un valore",
    check: |i, r| {
        for typed in &i.submission.testi_da_correggere {
            let why = typed.problem();
            r.report(
                typed.campo.clone(),
                format!(
                    "«{}» non è ancora un valore: {}. La scheda non si può firmare finché il campo non è corretto.",
                    typed.testo, why.it
                ),
                format!(
                    "«{}» is not a value yet: {}. The submission cannot be signed until the field is corrected.",
                    typed.testo, why.en
                ),
            );
        }
    },
};

/// The share's percent, zero when not chosen.
pub(super) fn percent_of(share: &Option<Share>) -> Percent {
    share.as_ref().map_or(Percent::ZERO, |s| s.percento)
}

pub static FORZE_POLIZIA_MAX_10: Rule = Rule {
    id: "forze-polizia-max-10",
    severity: Severity::Error,
    fields: &[fields::FORZE_POLIZIA_PERCENTO.path],
    summary: || {
        Bilingual::new(
            format!("La quota per Forze di Polizia e Vigili del Fuoco non supera il {FORZE_POLIZIA_MAX_PERCENT_2019}%."),
            format!("The share for police and fire brigade does not exceed {FORZE_POLIZIA_MAX_PERCENT_2019}%."),
        )
    },
    citation: "art. 4 c.3 lett. d bis e art. 7bis r.r. 4/2017, introdotti dal r.r. 3/2019",
    check: |i, r| {
        let p = percent_of(&i.submission.forze_polizia);
        let cap = FORZE_POLIZIA_MAX_PERCENT_2019;
        if p > Percent::whole(cap) {
            r.report(
                fields::FORZE_POLIZIA_PERCENTO.path,
                format!("La quota per Forze di Polizia e Vigili del Fuoco è al massimo il {cap}% per questo piano: indicato {p}%."),
                format!("The police and fire brigade share is at most {cap}% for this plan: {}% entered.", p.english()),
            );
        }
    },
};

pub static POLIZIA_LOCALE_NON_PREVISTA: Rule = Rule {
    id: "polizia-locale-non-prevista",
    severity: Severity::Error,
    fields: &[sections::POLIZIA_LOCALE.path],
    summary: || {
        Bilingual::new(
            format!("Una quota per la Polizia Locale non è prevista prima dei piani {FIRST_PLAN_YEAR_RR_2_2025}."),
            format!("A local police share does not exist before the {FIRST_PLAN_YEAR_RR_2_2025} plans."),
        )
    },
    citation: "art. 7ter r.r. 4/2017, introdotto dal r.r. 2/2025",
    check: |i, r| {
        if i.submission.polizia_locale.is_some() {
            r.report(
                sections::POLIZIA_LOCALE.path,
                format!("La quota per la Polizia Locale è prevista dal r.r. 2/2025, per i piani dal {FIRST_PLAN_YEAR_RR_2_2025}: toglierla dal piano {}.", i.submission.anno_piano),
                format!("The local police share comes with r.r. 2/2025, for plans from {FIRST_PLAN_YEAR_RR_2_2025}: remove it from plan {}.", i.submission.anno_piano),
            );
        }
    },
};

pub static CATEGORIE_ART14_NON_PREVISTE: Rule = Rule {
    id: "categorie-art14-non-previste",
    severity: Severity::Error,
    fields: &["categorie_art14"],
    summary: || {
        Bilingual::new(
            format!("Una quota per le categorie dell'art. 14 non è prevista prima dei piani {FIRST_PLAN_YEAR_RR_2_2025}."),
            format!("A share for the categories of art. 14 does not exist before the {FIRST_PLAN_YEAR_RR_2_2025} plans."),
        )
    },
    citation: "art. 4 c.3 lett. c bis r.r. 4/2017, introdotta dal r.r. 2/2025",
    check: |i, r| {
        if i.submission.categorie_art14.is_some() {
            r.report(
                sections::CATEGORIE_ART14.path,
                format!("La quota per le categorie dell'art. 14 è prevista dal r.r. 2/2025, per i piani dal {FIRST_PLAN_YEAR_RR_2_2025}: toglierla dal piano {}.", i.submission.anno_piano),
                format!("The art. 14 categories share comes with r.r. 2/2025, for plans from {FIRST_PLAN_YEAR_RR_2_2025}: remove it from plan {}.", i.submission.anno_piano),
            );
        }
    },
};

pub static FORZE_POLIZIA_MAX_20: Rule = Rule {
    id: "forze-polizia-max-20",
    severity: Severity::Error,
    fields: &[
        fields::FORZE_POLIZIA_PERCENTO.path,
        fields::POLIZIA_LOCALE_PERCENTO.path,
    ],
    summary: || {
        Bilingual::new(
            format!("Le quote per Forze di Polizia / Vigili del Fuoco / Forze Armate e per la Polizia Locale insieme non superano il {POLIZIE_MAX_PERCENT_2025}%."),
            format!("The shares for police / fire brigade / armed forces and for local police together do not exceed {POLIZIE_MAX_PERCENT_2025}%."),
        )
    },
    citation:
        "art. 4 c.3 lett. d bis (sostituita dal r.r. 2/2025), artt. 7bis e 7ter r.r. 4/2017 (7ter introdotto dal r.r. 2/2025)",
    check: |i, r| {
        let s = i.submission;
        let total = percent_of(&s.forze_polizia).plus(percent_of(&s.polizia_locale));
        let cap = POLIZIE_MAX_PERCENT_2025;
        if total > Percent::whole(cap) {
            r.report(
                fields::FORZE_POLIZIA_PERCENTO.path,
                format!("Forze di Polizia e Polizia Locale insieme arrivano al {total}%: il massimo è il {cap}%."),
                format!("Police and local police together reach {}%: the maximum is {cap}%.", total.english()),
            );
        }
    },
};

pub static CATEGORIE_ART14_MAX_20: Rule = Rule {
    id: "categorie-art14-max-20",
    severity: Severity::Error,
    fields: &["categorie_art14.percento"],
    summary: || {
        Bilingual::new(
            format!(
            "La quota per le categorie dell'art. 14 non supera il {CATEGORIE_ART14_MAX_PERCENT}%."
        ),
            format!("The share for the categories of art. 14 does not exceed {CATEGORIE_ART14_MAX_PERCENT}%."),
        )
    },
    citation: "art. 4 c.3 lett. c bis r.r. 4/2017 (r.r. 2/2025); art. 23 c.6 l.r. 16/2016",
    check: |i, r| {
        let p = percent_of(&i.submission.categorie_art14);
        let cap = CATEGORIE_ART14_MAX_PERCENT;
        if p > Percent::whole(cap) {
            r.report(
                fields::CATEGORIE_ART14_PERCENTO.path,
                format!(
                    "La quota per le categorie dell'art. 14 è al massimo il {cap}%: indicato {p}%."
                ),
                format!(
                    "The art. 14 categories share is at most {cap}%: {}% entered.",
                    p.english()
                ),
            );
        }
    },
};

/// A free text of a submission: where it is, how a clerk names it and whether it may run
/// over many lines (line breaks and tabs allowed).
struct FreeText<'s> {
    field: String,
    it: &'static str,
    en: &'static str,
    text: &'s str,
    multiline: bool,
}

/// A free text in a field of its own: always there, or while its part is (a share's
/// motivation while the share is chosen).
struct NamedText {
    field: Field<String>,
    it: &'static str,
    en: &'static str,
    multiline: bool,
}

const fn named(field: Field<String>, it: &'static str, en: &'static str) -> NamedText {
    NamedText {
        field,
        it,
        en,
        multiline: false,
    }
}

const fn named_multiline(field: Field<String>, it: &'static str, en: &'static str) -> NamedText {
    NamedText {
        field,
        it,
        en,
        multiline: true,
    }
}

/// The texts an ente writes, in the order of the form.
static WRITTEN_TEXTS: [NamedText; 13] = [
    named(fields::ENTE_NOME, "Il nome dell'ente", "The ente's name"),
    named(
        fields::REFERENTE_NOME,
        "Il nome del referente",
        "The contact person's name",
    ),
    named(
        fields::REFERENTE_RUOLO,
        "Il ruolo del referente",
        "The contact person's role",
    ),
    named(
        fields::REFERENTE_EMAIL,
        "L'e-mail del referente",
        "The contact person's e-mail",
    ),
    named(
        fields::REFERENTE_TELEFONO,
        "Il telefono del referente",
        "The contact person's phone",
    ),
    named_multiline(
        fields::SOGLIA_INDIGENZA_MOTIVAZIONE,
        "La motivazione della quota per l'indigenza",
        "The motivation of the indigenza share",
    ),
    named_multiline(
        fields::FORZE_POLIZIA_MOTIVAZIONE,
        "La motivazione della quota per le forze di polizia",
        "The motivation of the police share",
    ),
    named_multiline(
        fields::POLIZIA_LOCALE_MOTIVAZIONE,
        "La motivazione della quota per la polizia locale",
        "The motivation of the Polizia Locale share",
    ),
    named_multiline(
        fields::CATEGORIE_ART14_MOTIVAZIONE,
        "La motivazione della quota per le categorie dell'art. 14",
        "The motivation of the art. 14 share",
    ),
    named(
        fields::CATEGORIA_AGGIUNTIVA_NOME,
        "Il nome della categoria aggiuntiva",
        "The additional category's name",
    ),
    named_multiline(
        fields::CATEGORIA_AGGIUNTIVA_MOTIVAZIONE,
        "La motivazione della categoria aggiuntiva",
        "The additional category's motivation",
    ),
    named_multiline(
        fields::MISURE_WELFARE,
        "Il testo sulle misure di welfare",
        "The text on welfare measures",
    ),
    named_multiline(
        fields::PROGETTUALITA,
        "Il testo sulle progettualità",
        "The text on projects",
    ),
];

/// The texts the app writes (a file made elsewhere may hold anything there).
static APP_TEXTS: [NamedText; 3] = [
    named(fields::AMBITO, "L'ambito", "The ambito"),
    named(fields::FORMATO, "Il formato", "The format"),
    named(
        fields::MODIFICATA_IL,
        "La data di modifica",
        "The date of change",
    ),
];

/// The texts of each confirmed warning: the reason, the rule and the field.
fn confirmed_warning_texts(s: &Submission) -> impl Iterator<Item = FreeText<'_>> {
    s.avvisi_confermati.iter().enumerate().flat_map(|(n, a)| {
        let text = |pattern, it, en, text, multiline| FreeText {
            field: sections::instance(pattern, n),
            it,
            en,
            text,
            multiline,
        };
        [
            text(
                fields::AVVISI_CONFERMATI_MOTIVO,
                "Il motivo di un avviso confermato",
                "The reason given for a confirmed warning",
                &a.motivo,
                true,
            ),
            text(
                fields::AVVISI_CONFERMATI_REGOLA,
                "L'avviso confermato",
                "The confirmed warning",
                &a.regola,
                false,
            ),
            text(
                fields::AVVISI_CONFERMATI_CAMPO,
                "Il campo di un avviso confermato",
                "The field of a confirmed warning",
                &a.campo,
                false,
            ),
        ]
    })
}

/// Every free text of a submission: what the ente writes, the confirmed warnings, then what
/// the app writes.
fn free_texts(s: &Submission) -> impl Iterator<Item = FreeText<'_>> {
    let present = move |list: &'static [NamedText]| {
        list.iter().filter_map(move |t| {
            t.field.get(s).map(|text| FreeText {
                field: t.field.path.to_owned(),
                it: t.it,
                en: t.en,
                text,
                multiline: t.multiline,
            })
        })
    };
    present(&WRITTEN_TEXTS)
        .chain(confirmed_warning_texts(s))
        .chain(present(&APP_TEXTS))
}

/// The text fields a clerk types, where the rules on every text of a file report.
const TYPED_TEXTS: &[&str] = &[
    fields::REFERENTE_NOME.path,
    fields::REFERENTE_RUOLO.path,
    fields::REFERENTE_EMAIL.path,
    fields::REFERENTE_TELEFONO.path,
    fields::SOGLIA_INDIGENZA_MOTIVAZIONE.path,
    fields::FORZE_POLIZIA_MOTIVAZIONE.path,
    fields::POLIZIA_LOCALE_MOTIVAZIONE.path,
    fields::CATEGORIA_AGGIUNTIVA_NOME.path,
    fields::CATEGORIA_AGGIUNTIVA_MOTIVAZIONE.path,
    fields::MISURE_WELFARE.path,
    fields::PROGETTUALITA.path,
];

pub static TESTO_SENZA_CARATTERI_INVISIBILI: Rule = Rule {
    id: "testo-senza-caratteri-invisibili",
    severity: Severity::Error,
    // The fields a clerk types; the rule checks every text of the file (names, motivations,
    // the reasons of confirmed warnings, the ambito...), typed or not.
    fields: TYPED_TEXTS,
    summary: || {
        Bilingual::new(
            "Nessun testo della scheda (nomi, referente, motivazioni, testi liberi) contiene caratteri invisibili che cambiano come appare: caratteri di controllo (a capo e tabulazione solo nei testi di più righe), di direzione del testo (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), caratteri che non si vedono (U+200B-U+200D, U+2060-U+2064, U+FEFF, il trattino morbido U+00AD, i selettori di variante) o accenti staccati dalla lettera.",
            "No text of the submission (names, contact person, motivations, free texts) contains invisible characters that change how it looks: control characters (line breaks and tabs only in texts of many lines), text-direction characters (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), characters that show nothing (U+200B-U+200D, U+2060-U+2064, U+FEFF, the soft hyphen U+00AD, variation selectors) or accents apart from their letter.",
        )
    },
    citation: "requisito dell'app: un nome non deve poter mostrare un testo diverso da quello che contiene",
    check: |i, r| {
        for FreeText {
            field,
            it,
            en,
            text,
            multiline,
        } in free_texts(i.submission)
        {
            if let Some(c) = crate::text::first_deceptive(text, multiline) {
                let code = crate::text::code_point(c);
                r.report(
                    field,
                    format!("{it} contiene un carattere invisibile che può cambiare come appare ({code}): cancellarlo e riscriverlo."),
                    format!("{en} contains an invisible character that can change how it looks ({code}): delete it and type it again."),
                );
            }
        }
    },
};

pub static TESTO_NON_TROPPO_LUNGO: Rule = Rule {
    id: "testo-non-troppo-lungo",
    severity: Severity::Error,
    fields: TYPED_TEXTS,
    summary: || {
        Bilingual::new(
            format!(
            "Nessun testo della scheda (nomi, referente, motivazioni, testi liberi) supera i {}.",
            crate::text::chars_label(crate::text::MAX_TEXT_CHARS)
        ),
            format!(
            "No text of the submission (names, contact person, motivations, free texts) is longer than {} characters.",
            crate::text::MAX_TEXT_CHARS
        ),
        )
    },
    citation: "requisito dell'app: Excel non accetta celle più lunghe di 32.767 caratteri, e il piano si esporta in Excel",
    check: |i, r| {
        let max = crate::text::MAX_TEXT_CHARS;
        for FreeText {
            field, it, en, text, ..
        } in free_texts(i.submission)
        {
            let length = text.chars().count();
            if length > max {
                r.report(
                    field,
                    format!(
                        "{it} ha {}, più dei {} ammessi: accorciarlo (i dettagli possono andare in un documento a parte).",
                        crate::text::chars_label(length),
                        crate::text::chars_label(max)
                    ),
                    format!(
                        "{en} has {length} characters, more than the {max} allowed: shorten it (the details can go in a separate document)."
                    ),
                );
            }
        }
    },
};
