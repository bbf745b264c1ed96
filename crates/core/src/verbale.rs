//! The «Verbale di ricezione»: the capofila's record of what the ricognizione received, kept
//! in its files, not in the plan the assemblea dei sindaci approves. Every file received,
//! once, with its ente, its disposition by its one name ([`FileState::name`], the words of the
//! status board, the XLSX and the CSV), the reason, the key that signed it (its fingerprint
//! and whom the capofila's registry says it belongs to) and when it says it was signed; a
//! heading with the plan year, the ambito and the capofila, and a count per disposition.
//!
//! Written as a DOCX (the plan document's writer, [`crate::document::to_docx`]) and as a CSV
//! for Italian Excel ([`crate::export::csv_of`]). No clock: the day it says it was made is
//! the one the page or the CLI passes, as for the plan's exports
//! ([`crate::plan_outputs::about`]); the same intake, texts and day give the same bytes.

use crate::document::{to_docx, Block, DocxError, PlanDocument};
use crate::export::{csv_of, ExportError};
use crate::intake::{FileState, Intake, ReceivedFile};
use crate::plan_texts::PlanTexts;
use crate::signing::qualified::QualifiedSignature;
use crate::signing::trust::SignerStanding;
use crate::signing::Outcome;
use crate::tables::{Cell, DocTable, Table};
use crate::text::{capitalise, day_and_time_of, day_of, visible, Bilingual};

/// The verbale, as plain data: its heading lines, then its two tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verbale {
    pub title: String,
    /// Plan year, ambito, capofila, the day it was made, the draft note while files wait.
    pub heading: Vec<String>,
    /// What the verbale is, in one paragraph.
    pub note: String,
    /// How many files got each disposition, with their total.
    pub summary: Table,
    /// Every file received, in the order received.
    pub files: Table,
}

const TITLE: &str = "Verbale di ricezione delle schede della ricognizione";

const NOTE: &str = "Il verbale elenca ogni file ricevuto dal comune capofila per la ricognizione, con l'esito della verifica (la firma, la chiave dell'app o la firma digitale che l'ha apposta e le regole del piano), il motivo, la data di firma e l'impronta della chiave. È un documento del capofila, da conservare agli atti: non fa parte del piano approvato dall'Assemblea dei Sindaci.";

/// The verbale of the `intake`'s files, with the capofila named as its `texts` name it,
/// made on the day of `now` (RFC 3339, the page's or the CLI's clock).
pub fn verbale(intake: &Intake, texts: &PlanTexts, now: &str) -> Verbale {
    let mut heading = vec![
        format!(
            "Piano annuale dell'offerta dei servizi abitativi pubblici e sociali - anno {}",
            intake.year()
        ),
        format!("Ambito territoriale: {}", intake.ambito().nome),
    ];
    let capofila = texts.composed().comune_capofila.trim().to_owned();
    if !capofila.is_empty() {
        heading.push(format!("Comune capofila: {capofila}"));
    }
    heading.push(format!(
        "Prodotto il {} con {}",
        day_of(now),
        crate::written_by()
    ));
    if let Some(note) = intake.draft_note() {
        heading.push(capitalise(&note.it));
    }
    Verbale {
        title: TITLE.to_owned(),
        heading,
        note: NOTE.to_owned(),
        summary: summary(intake.received()),
        files: files(intake),
    }
}

/// The name the page downloads it as: `verbale-ricezione-<ambito>-<anno>.<extension>`.
pub fn file_name(intake: &Intake, extension: &str) -> String {
    format!(
        "verbale-ricezione-{}-{}.{extension}",
        intake.ambito().id,
        intake.year()
    )
}

impl Verbale {
    /// The verbale as blocks, as the DOCX writes them.
    pub fn document(&self) -> PlanDocument {
        let mut blocks = vec![Block::Title(self.title.clone())];
        blocks.extend(self.heading.iter().cloned().map(Block::CoverLine));
        blocks.push(Block::Paragraph(self.note.clone()));
        for (table, printed) in [
            (&self.summary, DocTable::from(&self.summary)),
            (
                &self.files,
                signature_in_one_column(DocTable::from(&self.files)),
            ),
        ] {
            blocks.push(Block::Heading(table.title.it.clone()));
            if table.rows.is_empty() {
                blocks.push(Block::Paragraph("Nessun file ricevuto.".into()));
            } else {
                blocks.push(Block::Table(printed));
            }
        }
        PlanDocument { blocks }
    }

    /// The verbale as an editable DOCX.
    pub fn docx(&self) -> Result<Vec<u8>, DocxError> {
        to_docx(&self.document())
    }

    /// The verbale as a CSV for Italian Excel: the title and heading lines, then the summary
    /// and the files.
    pub fn csv(&self) -> Result<String, ExportError> {
        let head: Vec<String> = std::iter::once(self.title.clone())
            .chain(self.heading.iter().cloned())
            .collect();
        csv_of(&head, &[self.summary.clone(), self.files.clone()])
    }
}

/// The files' table as the page of a DOCX holds it: the key, the day signed and the
/// fingerprint in one column «Firma», a line each (seven columns across A4 portrait broke
/// every word); the CSV keeps them apart.
fn signature_in_one_column(mut t: DocTable) -> DocTable {
    let merge = |cells: &mut Vec<String>, title: bool| {
        let (fingerprint, signed_on) = (cells.remove(6), cells.remove(5));
        let key = cells.remove(4);
        cells.push(if title {
            "Firma (chiave o firma digitale, data, impronta)".to_owned()
        } else {
            let mut lines = vec![key];
            if !signed_on.is_empty() {
                lines.push(format!("firmato il {signed_on}"));
            }
            if !fingerprint.is_empty() {
                lines.push(format!("impronta {fingerprint}"));
            }
            lines.join("\n")
        });
    };
    merge(&mut t.headers, true);
    for row in &mut t.rows {
        merge(row, false);
    }
    t
}

/// One row per disposition that some file has, in the order of [`FileState::ALL`].
fn summary(received: &[ReceivedFile]) -> Table {
    let rows: Vec<Vec<Cell>> = FileState::ALL
        .into_iter()
        .filter_map(|state| {
            let n = received.iter().filter(|f| f.state() == state).count();
            (n > 0).then(|| vec![Cell::Label(state.name()), Cell::Count(n as u64)])
        })
        .collect();
    Table {
        sheet: "Riepilogo per esito",
        title: Bilingual::new("Riepilogo per esito", "Summary by outcome"),
        headers: vec![
            Bilingual::new("Esito", "Outcome"),
            Bilingual::new("File", "Files"),
        ],
        total: (!rows.is_empty()).then(|| {
            vec![
                Cell::label("Totale", "Total"),
                Cell::Count(received.len() as u64),
            ]
        }),
        rows,
    }
}

fn files(intake: &Intake) -> Table {
    let headers = [
        ("File", "File"),
        ("Ente", "Ente"),
        ("Esito", "Outcome"),
        ("Motivo", "Reason"),
        (
            "Chiave o firma digitale",
            "Signing key or digital signature",
        ),
        ("Firmato il", "Signed on"),
        ("Impronta della chiave", "Key fingerprint"),
    ];
    Table {
        sheet: "File ricevuti",
        title: Bilingual::new(
            "File ricevuti, con l'esito della verifica",
            "Files received, with the outcome of the check",
        ),
        headers: headers
            .into_iter()
            .map(|(it, en)| Bilingual::new(it, en))
            .collect(),
        rows: intake
            .received()
            .iter()
            .map(|f| {
                let mut row = crate::tables::received_file_cells(f);
                row.extend([
                    Cell::Label(signing_key(f, intake)),
                    Cell::text(
                        f.verified
                            .signed_at
                            .as_deref()
                            .map(day_and_time_of)
                            .unwrap_or_default(),
                    ),
                    Cell::text(f.verified.fingerprint.clone().unwrap_or_default()),
                ]);
                row
            })
            .collect(),
        total: None,
    }
}

/// Whose key signed the file, as the capofila's registry says: the ente it is registered
/// for, since when, the capofila's note and, for a retired key, since when it no longer
/// counts; the capofila's own key of its request; or that the registry does not know it.
fn signing_key(f: &ReceivedFile, intake: &Intake) -> Bilingual {
    if let Outcome::Qualified(signature, standing) = &f.verified.outcome {
        return firma_digitale(signature, standing);
    }
    let Some(fingerprint) = f.verified.fingerprint.as_deref() else {
        return Bilingual::new("nessuna firma valida", "no valid signature");
    };
    if f.verified.outcome == Outcome::DemoKey {
        return Bilingual::new(
            "chiave dimostrativa, valida solo nella dimostrazione dell'app",
            "demo key, valid only in the app's demo",
        );
    }
    if let Some(found) = intake.registry().find_by_fingerprint(fingerprint) {
        let (ente, on) = (visible(&found.ente.nome), day_of(&found.key.accettata_il));
        let nota = visible(found.key.nota.trim());
        let (mut it, mut en) = (
            format!("chiave registrata per {ente} il {on}"),
            format!("key registered for {ente} on {on}"),
        );
        if !nota.is_empty() {
            it.push_str(&format!(" (nota: {nota})"));
            en.push_str(&format!(" (note: {nota})"));
        }
        if let Some(retired) = &found.key.ritirata {
            let said = retired.describe();
            it.push_str(&format!("; {}", said.it));
            en.push_str(&format!("; {}", said.en));
        }
        return Bilingual::new(it, en);
    }
    let requests_key = intake
        .request()
        .is_some_and(|r| f.verified.public_key.as_deref() == Some(r.public_key.as_str()));
    if requests_key {
        Bilingual::new(
            "chiave del comune capofila, la stessa che ha firmato la richiesta",
            "the comune capofila's key, the one that signed the request",
        )
    } else {
        Bilingual::new(
            "chiave non registrata per alcun ente",
            "key not registered for any ente",
        )
    }
}

/// A firma digitale in the verbale: «firma digitale di MARIO ROSSI (codice fiscale …),
/// certificato qualificato di …» and what the registry says of the signer for the ente.
fn firma_digitale(signature: &QualifiedSignature, standing: &SignerStanding) -> Bilingual {
    let signer = &signature.signer;
    let (name, cf, ca) = (
        visible(&signer.nome_cognome),
        visible(&signer.codice_fiscale),
        visible(&signer.certificatore),
    );
    let (standing_it, standing_en) = match standing {
        SignerStanding::Known => (
            "firmatario registrato per l'ente".to_owned(),
            "signer registered for the ente".to_owned(),
        ),
        SignerStanding::ToConfirm { .. } => (
            "firmatario da confermare".to_owned(),
            "signer to confirm".to_owned(),
        ),
        SignerStanding::Retired(r) => {
            let (come_it, come_en) = match r.come {
                crate::signing::RetirementKind::Sostituita => ("sostituito", "replaced"),
                crate::signing::RetirementKind::Revocata => ("revocato", "revoked"),
            };
            (
                format!("firmatario {come_it} dal {}", r.day()),
                format!("signer {come_en} from {}", r.day()),
            )
        }
    };
    let others = signature.other_signers.len();
    let (more_it, more_en) = match others {
        0 => (String::new(), String::new()),
        n => (
            format!(" (e altri {n} firmatari)"),
            format!(" (and {n} more signers)"),
        ),
    };
    // What the revocation lists said of the signer's certificate, in the disposition's words.
    let revocation = signature.revocation_said();
    Bilingual::new(
        format!("firma digitale di {name} (codice fiscale {cf}), certificato qualificato di {ca}{more_it}{}; {standing_it}", revocation.it),
        format!("digital signature of {name} (codice fiscale {cf}), qualified certificate of {ca}{more_en}{}; {standing_en}", revocation.en),
    )
}

#[cfg(test)]
mod tests;
