//! Plausibility warnings: figures the law does not forbid but a reviewer of the plan would
//! question. Each one is confirmed with a reason when the figures are right.

use super::{Rule, Severity};
use crate::sections::{self, fields};
use crate::submission::{sum_units, Ente};
use crate::text::Bilingual;
use crate::thresholds::FIRST_PLAN_YEAR_RR_2_2025;

/// k) counts SAP units assigned in a year: more than the SAP stock is a typing error or a
/// stock figure left out.
pub static ASSEGNATE_ENTRO_SAP: Rule = Rule {
    id: "assegnate-entro-sap",
    severity: Severity::Warning,
    fields: &[
        fields::ASSEGNATE_ORDINARIE.path,
        fields::CONSISTENZA_SAP.path,
    ],
    summary: || {
        Bilingual::new(
            "Le unità SAP assegnate l'anno precedente (k) non superano il patrimonio SAP (a).",
            "The SAP units assigned in the previous year (k) do not exceed the SAP stock (a).",
        )
    },
    citation: "consiglio dell'app (plausibilità): art. 4 c.3 r.r. 4/2017, sezioni a e k",
    check: |i, r| {
        let s = i.submission;
        let (k, sap) = (
            s.assegnate_anno_precedente.totale(),
            u64::from(s.consistenza.sap),
        );
        if k > sap {
            r.report(
                fields::ASSEGNATE_ORDINARIE.path,
                format!("Sono indicate {k} unità assegnate l'anno precedente su un patrimonio SAP di {sap}: verificare le due sezioni."),
                format!("{k} units assigned in the previous year are reported out of a SAP stock of {sap}: check both sections."),
            );
        }
    },
};

/// f) more than the whole stock: possible only with many new units (c, e) not yet counted in
/// a), so it is worth a second look.
pub static ASSEGNABILI_ENTRO_PATRIMONIO: Rule = Rule {
    id: "assegnabili-entro-patrimonio",
    severity: Severity::Warning,
    fields: &[fields::CONSISTENZA_SAP.path],
    summary: || {
        Bilingual::new(
            "Le unità assegnabili nell'anno (f) non superano il patrimonio (a, SAP + SAS).",
            "The units assignable in the year (f) do not exceed the stock (a, SAP + SAS).",
        )
    },
    citation: "consiglio dell'app (plausibilità): art. 4 c.3 r.r. 4/2017, sezioni a e f",
    check: |i, r| {
        let s = i.submission;
        let (f, stock) = (s.totale_assegnabili(), s.consistenza.totale());
        if f > stock {
            r.report(
                fields::CONSISTENZA_SAP.path,
                format!("Le unità assegnabili (f = {f}) superano il patrimonio ({stock}): verificare, o confermare se le nuove unità (c, e) non sono ancora nel patrimonio."),
                format!("The assignable units (f = {f}) exceed the stock ({stock}): check, or confirm if the new units (c, e) are not in the stock yet."),
            );
        }
    },
};

/// From the 2026 plans turnover (d) counts the units of the "servizi abitativi pubblici e
/// sociali". A file of version 4 gives them apart: b + d SAP are compared with the SAP stock,
/// d SAS with the SAS stock. A file of an earlier version has one d): b + d are compared with
/// SAP + SAS.
pub static ESISTENTI_ENTRO_PATRIMONIO: Rule = Rule {
    id: "esistenti-entro-patrimonio",
    severity: Severity::Warning,
    fields: &[
        sections::CARENZA_MANUTENTIVA.path,
        sections::AVVICENDAMENTO.path,
        sections::AVVICENDAMENTO_SAS.path,
        fields::CONSISTENZA_SAP.path,
        fields::CONSISTENZA_SAS.path,
    ],
    summary: || {
        Bilingual::new(
            format!("Dai piani {FIRST_PLAN_YEAR_RR_2_2025} l'avvicendamento (d) riguarda alloggi pubblici e sociali, indicati a parte: le unità SAP esistenti assegnabili (b + d SAP) non superano il patrimonio SAP e le unità SAS in avvicendamento non superano il patrimonio SAS (in un file senza la distinzione, b + d non supera SAP + SAS)."),
            format!("From the {FIRST_PLAN_YEAR_RR_2_2025} plans turnover (d) covers public and social units, given apart: the existing SAP units assignable (b + d SAP) do not exceed the SAP stock and the SAS turnover units do not exceed the SAS stock (in a file without the split, b + d do not exceed SAP + SAS)."),
        )
    },
    citation: "consiglio dell'app (plausibilità): art. 4 c.3 lett. b n.1 r.r. 4/2017 come modificato dal r.r. 2/2025 («pubblici e sociali»); art. 10 r.r. 4/2017",
    check: |i, r| {
        let s = i.submission;
        let b = sum_units(&s.carenza_manutentiva);
        let d = s.avvicendamento.totale();
        let (sap, sas, stock) = (
            u64::from(s.consistenza.sap),
            u64::from(s.consistenza.sas),
            s.consistenza.totale(),
        );
        let report_sap = |r: &mut super::Reporter<'_>, n: u64, what: &str, what_en: &str| {
            r.report(
                fields::CONSISTENZA_SAP.path,
                format!("Sono indicate {n} unità SAP {what} su un patrimonio SAP di {sap}: verificare i numeri."),
                format!("{n} SAP units {what_en} are reported out of a SAP stock of {sap}: check the figures."),
            );
        };
        if b > sap {
            report_sap(r, b, "in carenza manutentiva (b)", "in poor repair (b)");
        } else if s.avvicendamento_sas.is_some() {
            let d_sas = s.avvicendamento_sas_totale();
            if b + d > sap {
                report_sap(r, b + d, "esistenti assegnabili (b + d SAP)", "existing and assignable (b + d SAP)");
            }
            if d_sas > sas {
                r.report(
                    fields::CONSISTENZA_SAS.path,
                    format!("Sono indicate {d_sas} unità SAS in avvicendamento (d) su un patrimonio SAS di {sas}: verificare i numeri."),
                    format!("{d_sas} SAS turnover units (d) are reported out of a SAS stock of {sas}: check the figures."),
                );
            }
        } else if b + d > stock {
            let existing = b + d;
            r.report(
                fields::CONSISTENZA_SAP.path,
                format!("Sono indicate {existing} unità esistenti assegnabili (b + d) su un patrimonio SAP e SAS di {stock}: verificare i numeri."),
                format!("{existing} existing assignable units (b + d) are reported out of a SAP and SAS stock of {stock}: check the figures."),
            );
        }
    },
};

/// The ALER lists the comuni where its units are (`ente.comuni`); the form keeps the list in
/// step with the rows, so a row outside it comes from a file made or edited elsewhere.
pub static RIGA_ALER_FUORI_ELENCO: Rule = Rule {
    id: "riga-aler-fuori-elenco",
    severity: Severity::Warning,
    fields: &[fields::EACH_ROW_COMUNE],
    summary: || {
        Bilingual::new(
            "Ogni riga dell'ALER è in uno dei comuni che l'ALER elenca come sedi dei suoi alloggi.",
            "Every row of the ALER is in one of the comuni the ALER lists as where its units are.",
        )
    },
    citation:
        "consiglio dell'app (plausibilità): l'ALER riferisce per comune, art. 4 c.3 r.r. 4/2017",
    check: |i, r| {
        let Ente::Aler { comuni, .. } = &i.submission.ente else {
            return;
        };
        i.submission.comune_rows().for_each(|(section, n, code)| {
            if !comuni.contains(&code) {
                let name = crate::comuni::by_code(code).map_or(String::new(), |c| c.nome.clone());
                r.report(
                    format!("{section}[{n}].comune"),
                    format!("La riga indica alloggi a {name} ({code}), che non è tra i comuni elencati dall'ALER: verificare la riga o l'elenco."),
                    format!("The row reports units in {name} ({code}), which is not among the comuni the ALER lists: check the row or the list."),
                );
            }
        });
    },
};
