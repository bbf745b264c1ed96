//! The plan as generic tables: what the page, the printout, the XLSX, the CSV and the plan
//! document all show. [`tables`] gives every section of the plan, one function per table;
//! [`DocTable`] is a table as it is printed, every cell as text.
//!
//! A table's titles, headers and the labels it writes are [`Bilingual`]: the XLSX, the CSV
//! and the printout of an Italian page write the Italian side, a page in English shows the
//! English one.

use serde::Serialize;

use crate::aggregate::{AlerIndigenza, ComuneFigures, OwnerFigures, Plan, Ricognizione};
use crate::intake::ReceivedFile;
use crate::ricognizione::{ReceivedStanding, NON_CONTEGGIATA};
use crate::sections;
use crate::text::Bilingual;

/// Serialised as its text (a label as its Italian text) or its number.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(untagged)]
pub enum Cell {
    /// Text from the records, the same in every language: the name of an ente or a comune,
    /// a motivation, a percentage.
    Text(String),
    /// A label the app writes (e.g. "Totale", a kind of work), in Italian and English.
    Label(Bilingual),
    Count(u64),
}

impl Cell {
    pub(crate) fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub(crate) fn label(it: impl Into<String>, en: impl Into<String>) -> Cell {
        Cell::Label(Bilingual::new(it, en))
    }

    /// The cell as the printed document writes it: its Italian, counts the Italian way.
    fn printed(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Label(l) => l.it.clone(),
            Cell::Count(n) => crate::text::count(*n),
        }
    }
}

/// Serialised with its Italian title and headers.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Short id, also the XLSX sheet name (at most 31 characters).
    pub sheet: &'static str,
    pub title: Bilingual,
    pub headers: Vec<Bilingual>,
    pub rows: Vec<Vec<Cell>>,
    /// A last row of totals, when the section has one.
    pub total: Option<Vec<Cell>>,
}

/// A table as it is printed: a header row, rows and perhaps a total, every cell as text
/// (counts the Italian way: 1.699).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub total: Option<Vec<String>>,
}

impl From<&Table> for DocTable {
    fn from(t: &Table) -> DocTable {
        let row = |cells: &Vec<Cell>| cells.iter().map(Cell::printed).collect();
        DocTable {
            headers: t.headers.iter().map(|h| h.it.clone()).collect(),
            rows: t.rows.iter().map(row).collect(),
            total: t.total.as_ref().map(row),
        }
    }
}

/// Each text in Italian and English side by side.
fn w(it: &str, en: &str) -> Bilingual {
    Bilingual::new(it, en)
}

/// A section's heading ([`crate::sections`]) followed by what a table shows of it («per ente
/// proprietario»).
fn followed_by(heading: Bilingual, it: &str, en: &str) -> Bilingual {
    Bilingual::new(
        format!("{} {it}", heading.it),
        format!("{} {en}", heading.en),
    )
}

fn total_label() -> Bilingual {
    w("Totale", "Total")
}

fn owner_header() -> Bilingual {
    w("Ente proprietario", "Owner")
}

fn percent(p: Option<crate::percent::Percent>) -> Cell {
    Cell::text(p.map(|p| format!("{p}%")).unwrap_or_default())
}

/// The sheet of d) SAS, the table the plans from 2026 have after d).
pub const SAS_TURNOVER_SHEET: &str = "d SAS Avvicendamento";

/// Every section of the plan as a table, in the order of the published plans: the official
/// Italian document (as printed and exported), with the English of every title, header and
/// label for a page shown in English.
pub fn tables(plan: &Plan) -> Vec<Table> {
    let mut tables = plan_tables(plan);
    with_sas_turnover(plan, &mut tables);
    tables
}

/// From the 2026 plans d) gives SAP and SAS apart (format 4): the SAS units have their own
/// table right after d), which then holds the SAP units only (its title says so).
fn with_sas_turnover(plan: &Plan, tables: &mut Vec<Table>) {
    let Some(year) = plan
        .anno_piano
        .filter(|y| *y >= crate::submission::FIRST_PLAN_YEAR_FORMAT_4)
    else {
        return;
    };
    let Some(d) = tables.iter().position(|t| t.sheet == "d Avvicendamento") else {
        return;
    };
    tables[d].title = sections::AVVICENDAMENTO.heading_in(year);
    let sas = per_comune(
        plan,
        SAS_TURNOVER_SHEET,
        sections::AVVICENDAMENTO_SAS.heading(),
        |r| r.avvicendamento_sas,
    )
    // Laid out as d) is, of which it is the SAS part.
    .units_before_comune();
    tables.insert(d + 1, sas);
}

fn plan_tables(plan: &Plan) -> Vec<Table> {
    vec![
        consistenza(plan),
        per_comune(
            plan,
            "b Carenza manutentiva",
            sections::CARENZA_MANUTENTIVA.heading(),
            |r| r.carenza_manutentiva,
        )
        .units_before_comune(),
        nuova_edificazione(plan),
        per_comune(
            plan,
            "d Avvicendamento",
            sections::AVVICENDAMENTO.heading(),
            |r| r.avvicendamento,
        )
        .units_before_comune(),
        per_comune(
            plan,
            "e Conferite da privati",
            sections::CONFERITE_DA_PRIVATI.heading(),
            |r| r.conferite_da_privati,
        ),
        assegnabili_per_ente(plan),
        per_comune(
            plan,
            "f Assegnabili per comune",
            followed_by(
                sections::ASSEGNABILI.lettered(),
                "per ente e comune",
                "per owner and comune",
            ),
            |r| r.totale_assegnabili,
        ),
        quote(plan),
        aler_indigenza(plan),
        per_comune(plan, "j Transitori", sections::TRANSITORI.heading(), |r| {
            r.transitori
        }),
        assegnate_anno_precedente(plan),
        ricognizione(&plan.ricognizione),
        free_texts(plan),
    ]
}

/// A section of units per owner and comune (b, d, e, f per comune, j): the comuni with units,
/// then the total over all of them.
fn per_comune(
    plan: &Plan,
    sheet: &'static str,
    title: Bilingual,
    pick: fn(&ComuneFigures) -> u64,
) -> Table {
    let rows = plan
        .per_comune
        .iter()
        .filter(|r| pick(r) > 0)
        .map(|r| {
            vec![
                Cell::text(&r.ente),
                Cell::text(&r.comune_nome),
                Cell::Count(pick(r)),
            ]
        })
        .collect();
    let sum = plan.per_comune.iter().map(pick).sum();
    Table {
        sheet,
        title,
        headers: vec![owner_header(), w("Comune", "Comune"), w("Unità", "Units")],
        rows,
        total: Some(vec![
            Cell::Label(total_label()),
            Cell::text(""),
            Cell::Count(sum),
        ]),
    }
}

impl Table {
    /// The table with its units before the comune («Ente - Numero - Comune»), as the
    /// published plans lay out b) and d); the columns of a [`per_comune`] table swapped.
    fn units_before_comune(mut self) -> Table {
        self.headers.swap(1, 2);
        self.headers[1] = w("Numero", "Number");
        for row in self.rows.iter_mut().chain(self.total.iter_mut()) {
            row.swap(1, 2);
        }
        self
    }
}

/// The ALER's indigenza quota comune by comune (art. 13 c.3 r.r. 4/2017), then its units
/// given without a comune, and the total: what [`crate::quota::for_submission`] reserves.
/// An ente column only if more than one ALER is among the owners.
fn aler_indigenza(plan: &Plan) -> Table {
    let rows = &plan.indigenza_aler;
    let named = rows.iter().any(|r| r.ente != rows[0].ente);
    let percent = match rows.first() {
        Some(first) if rows.iter().all(|r| r.percento == first.percento) => {
            format!(" ({}%)", first.percento)
        }
        Some(_) => String::new(),
        None => format!(" ({}%)", crate::thresholds::INDIGENZA_DEFAULT_PERCENT),
    };
    let row = |r: &AlerIndigenza| {
        named
            .then(|| Cell::text(&r.ente))
            .into_iter()
            .chain([
                Cell::text(&r.comune_nome),
                Cell::Count(r.assegnabili),
                Cell::Count(r.indigenza),
            ])
            .collect()
    };
    let sum = |pick: fn(&AlerIndigenza) -> u64| Cell::Count(rows.iter().map(pick).sum());
    Table {
        sheet: "g Indigenza ALER per comune",
        title: w(
            "g) Quota dell'ALER per i nuclei in condizione di indigenza, comune per comune (art. 13 c.3 r.r. 4/2017)",
            "g) The ALER's quota for households in indigenza, comune by comune (art. 13 c.3 r.r. 4/2017)",
        ),
        headers: named
            .then(owner_header)
            .into_iter()
            .chain([
                w("Comune", "Comune"),
                w("Unità assegnabili", "Assignable units"),
                Bilingual::new(
                    format!("Unità per l'indigenza{percent}"),
                    format!("Units for indigenza{percent}"),
                ),
            ])
            .collect(),
        rows: rows.iter().map(row).collect(),
        total: Some(
            std::iter::once(Cell::Label(total_label()))
                .chain(named.then(|| Cell::text("")))
                .chain([sum(|r| r.assegnabili), sum(|r| r.indigenza)])
                .collect(),
        ),
    }
}

/// The rows of a table per owner: the same figures (`pick`) for each owner `shown`, and the
/// total row from the plan's totals.
fn per_owner(
    plan: &Plan,
    shown: fn(&OwnerFigures) -> bool,
    pick: fn(&OwnerFigures) -> Vec<u64>,
) -> (Vec<Vec<Cell>>, Option<Vec<Cell>>) {
    let row = |label: Cell, o: &OwnerFigures| {
        std::iter::once(label)
            .chain(pick(o).into_iter().map(Cell::Count))
            .collect::<Vec<_>>()
    };
    let rows = plan
        .per_ente
        .iter()
        .filter(|o| shown(o))
        .map(|o| row(Cell::text(&o.ente), o))
        .collect();
    (rows, Some(row(Cell::Label(total_label()), &plan.totale)))
}

fn consistenza(plan: &Plan) -> Table {
    let (rows, total) = per_owner(
        plan,
        |_| true,
        |o| vec![o.consistenza_totale, o.consistenza_sap, o.consistenza_sas],
    );
    Table {
        sheet: "a Consistenza",
        title: followed_by(
            sections::CONSISTENZA.lettered(),
            "per ente proprietario",
            "per owner",
        ),
        headers: vec![
            owner_header(),
            w("Totale alloggi", "Total units"),
            w("di cui SAP", "of which SAP"),
            w("di cui SAS", "of which SAS"),
        ],
        rows,
        total,
    }
}

fn nuova_edificazione(plan: &Plan) -> Table {
    Table {
        sheet: "c Nuova edificazione",
        title: sections::NUOVA_EDIFICAZIONE.heading(),
        headers: vec![
            owner_header(),
            w("Comune", "Comune"),
            w("Intervento", "Kind of work"),
            w("Unità", "Units"),
        ],
        rows: plan
            .interventi
            .iter()
            .map(|i| {
                vec![
                    Cell::text(&i.ente),
                    Cell::text(&i.comune_nome),
                    Cell::Label(i.intervento.label()),
                    Cell::Count(i.unita),
                ]
            })
            .collect(),
        total: Some(vec![
            Cell::Label(total_label()),
            Cell::text(""),
            Cell::text(""),
            Cell::Count(plan.totale.nuova_edificazione),
        ]),
    }
}

fn assegnabili_per_ente(plan: &Plan) -> Table {
    let (rows, total) = per_owner(
        plan,
        |o| o.totale_assegnabili > 0,
        |o| {
            vec![
                o.carenza_manutentiva,
                o.nuova_edificazione,
                o.avvicendamento,
                o.conferite_da_privati,
                o.totale_assegnabili,
            ]
        },
    );
    Table {
        sheet: "f Assegnabili per ente",
        title: followed_by(
            sections::ASSEGNABILI.lettered(),
            "per ente proprietario (f = b + c + d + e)",
            "per owner (f = b + c + d + e)",
        ),
        headers: std::iter::once(owner_header())
            .chain(["b", "c", "d", "e", "f"].map(|s| w(s, s)))
            .collect(),
        rows,
        total,
    }
}

fn quote(plan: &Plan) -> Table {
    Table {
        sheet: "g-h-i Quote",
        title: w(
            "g) soglia indigenza, h) categoria aggiuntiva, i) Forze di Polizia / Polizia Locale: scelte e quote in unità",
            "g) indigenza threshold, h) additional category, i) police / local police: choices and quotas in units",
        ),
        headers: vec![
            w("Ente", "Ente"),
            w("g) soglia indigenza", "g) indigenza threshold"),
            w("unità indigenza", "indigenza units"),
            w("h) categoria aggiuntiva", "h) additional category"),
            w("motivazione", "motivation"),
            w("i) Forze di Polizia", "i) police"),
            w("i) Polizia Locale", "i) local police"),
            w("unità Forze di Polizia + Polizia Locale", "police + local police units"),
            w("categorie art. 14", "art. 14 categories"),
            w("categorie art. 14 scelte", "art. 14 categories chosen"),
        ],
        rows: plan
            .quote
            .iter()
            .map(|q| {
                vec![
                    Cell::text(&q.ente),
                    percent(q.soglia_indigenza_percento),
                    Cell::Count(q.quote.indigenza),
                    Cell::text(q.categoria_aggiuntiva.clone().unwrap_or_default()),
                    Cell::text(q.categoria_aggiuntiva_motivazione.clone().unwrap_or_default()),
                    percent(q.forze_polizia_percento),
                    percent(q.polizia_locale_percento),
                    Cell::Count(q.quote.forze_polizia + q.quote.polizia_locale),
                    percent(q.categorie_art14_percento),
                    categories_chosen(&q.categorie_art14_elenco),
                ]
            })
            .collect(),
        total: None,
    }
}

/// The art. 14 categories a c bis share goes to (format 4), one after the other.
fn categories_chosen(chosen: &[crate::submission::CategoriaArt14]) -> Cell {
    if chosen.is_empty() {
        return Cell::text("");
    }
    let labels: Vec<Bilingual> = chosen.iter().map(|c| c.label()).collect();
    let join = |side: fn(&Bilingual) -> &String| {
        labels
            .iter()
            .map(side)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ")
    };
    Cell::Label(Bilingual::new(join(|l| &l.it), join(|l| &l.en)))
}

fn assegnate_anno_precedente(plan: &Plan) -> Table {
    let (rows, total) = per_owner(
        plan,
        |o| o.assegnate_totale > 0,
        |o| {
            vec![
                o.assegnate_ordinarie,
                o.assegnate_in_deroga,
                o.assegnate_totale,
            ]
        },
    );
    let previous_year = plan
        .anno_piano
        .map(|y| format!(" ({})", y - 1))
        .unwrap_or_default();
    Table {
        sheet: "k Assegnate anno prec.",
        title: {
            let k = sections::ASSEGNATE_ANNO_PRECEDENTE.lettered();
            Bilingual::new(
                format!("{}{previous_year}", k.it),
                format!("{}{previous_year}", k.en),
            )
        },
        headers: vec![
            owner_header(),
            w("Ordinarie", "Ordinary"),
            w("In deroga", "By exception"),
            total_label(),
        ],
        rows,
        total,
    }
}

/// A received file as every list of files begins it: its name, its ente, its state's one
/// name and why. The plan's «Schede ricevute» and the verbale di ricezione share it, so they
/// say a file's disposition alike.
pub(crate) fn received_file_cells(f: &ReceivedFile) -> Vec<Cell> {
    vec![
        Cell::text(f.shown_name()),
        Cell::text(f.ente_name().unwrap_or_default()),
        Cell::Label(f.state().name()),
        Cell::Label(f.explanation()),
    ]
}

/// Every file received and what became of it, by its state's one name
/// ([`crate::intake::FileState::name`]) and the explanation next to it: the last sheet of
/// the XLSX and the last table of the CSV.
pub fn received_table(received: &[ReceivedFile]) -> Table {
    Table {
        sheet: "Schede ricevute",
        title: w(
            "Schede ricevute, con l'esito della verifica",
            "Submissions received, with the outcome of the check",
        ),
        headers: vec![
            w("File", "File"),
            w("Ente", "Ente"),
            w("Esito", "Outcome"),
            w("Motivo", "Reason"),
            w("Impronta della chiave", "Key fingerprint"),
        ],
        rows: received
            .iter()
            .map(|f| {
                let mut row = received_file_cells(f);
                row.push(Cell::text(
                    f.verified.fingerprint.clone().unwrap_or_default(),
                ));
                row
            })
            .collect(),
        total: None,
    }
}

/// What each ente wrote of its welfare measures and projects: the capofila reads them on the
/// page and in the spreadsheets, not only in the signed aggregate.
fn free_texts(plan: &Plan) -> Table {
    Table {
        sheet: "Misure e progettualità",
        title: w(
            "Misure di welfare abitativo e progettualità indicate dagli enti",
            "Housing welfare measures and projects given by the entes",
        ),
        headers: vec![
            w("Ente", "Ente"),
            w("Misure di welfare abitativo", "Housing welfare measures"),
            w("Progettualità", "Projects"),
        ],
        rows: plan
            .testi
            .iter()
            .map(|t| {
                vec![
                    Cell::text(&t.ente),
                    Cell::text(t.misure_welfare.trim()),
                    Cell::text(t.progettualita.trim()),
                ]
            })
            .collect(),
        total: None,
    }
}

/// The ricognizione in words, then its figures and who is in which state: inadempiente, did
/// not answer (not required to), declared no housing.
fn ricognizione(r: &Ricognizione) -> Table {
    let owners = if r.proprietari_noti {
        w("Comuni titolari di patrimonio", "Comuni owning housing")
    } else {
        w(
            "Comuni titolari di patrimonio, dei Comuni che hanno risposto",
            "Comuni owning housing, of the comuni that answered",
        )
    };
    let mut rows = vec![
        vec![Cell::label("Sintesi", "Summary"), Cell::Label(r.sentence())],
        vec![Cell::Label(owners), Cell::Label(r.share())],
    ];
    let mut labelled = |label: Bilingual, comuni: &[String]| {
        rows.extend(
            comuni
                .iter()
                .map(|c| vec![Cell::Label(label.clone()), Cell::text(c)]),
        );
    };
    labelled(
        w(
            "Inadempiente (proprietario, nessuna scheda)",
            "Inadempiente (owner, no submission)",
        ),
        &r.inadempienti,
    );
    labelled(
        w(
            "Non ha risposto (non tenuto: nessun patrimonio noto)",
            "Did not answer (not required: no housing known)",
        ),
        &r.non_hanno_risposto,
    );
    labelled(
        w("Nessun patrimonio dichiarato", "No housing stock declared"),
        &r.nessun_patrimonio,
    );
    // A file arrived: the ente is named with its file's state, never "nessuna scheda".
    let mut received = |label: Bilingual, list: &[ReceivedStanding]| {
        rows.extend(list.iter().map(|e| {
            let state = e.state.name();
            vec![
                Cell::Label(label.clone()),
                Cell::Label(Bilingual::new(
                    format!("{} ({})", e.ente, state.it),
                    format!("{} ({})", e.ente, state.en),
                )),
            ]
        }));
    };
    let waiting = crate::intake::status::IN_ATTESA;
    received(
        Bilingual::new(
            format!("{} (scheda ricevuta)", crate::text::capitalise(waiting.0)),
            format!(
                "{} (submission received)",
                crate::text::capitalise(waiting.1)
            ),
        ),
        &r.in_attesa,
    );
    received(
        Bilingual::new(NON_CONTEGGIATA.0, NON_CONTEGGIATA.1),
        &r.non_conteggiati,
    );
    Table {
        sheet: "Ricognizione",
        title: w(
            "Esito della ricognizione: comuni inadempienti e comuni senza patrimonio",
            "Outcome of the survey: owners that sent nothing and comuni without housing stock",
        ),
        headers: vec![w("Voce", "Item"), w("Comune / valore", "Comune / value")],
        rows,
        total: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{aggregate, ambiti, demo};

    fn crema_plan() -> Plan {
        aggregate(&demo::crema_2021(), ambiti::preset("crema").as_ref())
    }

    #[test]
    fn tables_cover_every_section_with_the_published_totals() {
        let tables = tables(&crema_plan());
        let sheets: Vec<&str> = tables.iter().map(|t| t.sheet).collect();
        for s in [
            "a Consistenza",
            "b Carenza manutentiva",
            "c Nuova edificazione",
            "d Avvicendamento",
            "e Conferite da privati",
            "f Assegnabili per ente",
            "g-h-i Quote",
            "g Indigenza ALER per comune",
            "j Transitori",
            "k Assegnate anno prec.",
            "Ricognizione",
        ] {
            assert!(sheets.contains(&s), "{s}");
        }
        assert!(
            sheets.iter().all(|s| s.chars().count() <= 31),
            "Excel sheet names"
        );
        let total = |sheet: &str| {
            tables
                .iter()
                .find(|t| t.sheet == sheet)
                .unwrap()
                .total
                .clone()
                .unwrap()
        };
        assert_eq!(
            total("a Consistenza")[1..],
            [Cell::Count(1699), Cell::Count(1678), Cell::Count(21)]
        );
        assert_eq!(total("b Carenza manutentiva")[1], Cell::Count(9));
        assert_eq!(total("c Nuova edificazione")[3], Cell::Count(55));
        assert_eq!(total("d Avvicendamento")[1], Cell::Count(50));
        assert_eq!(
            total("g Indigenza ALER per comune")[1..],
            [Cell::Count(71), Cell::Count(19)]
        );
        assert_eq!(total("f Assegnabili per ente")[5], Cell::Count(114));
        assert_eq!(total("f Assegnabili per comune")[2], Cell::Count(114));
        assert_eq!(total("j Transitori")[2], Cell::Count(15));
        assert_eq!(
            total("k Assegnate anno prec.")[1..],
            [Cell::Count(12), Cell::Count(0), Cell::Count(12)]
        );
    }

    #[test]
    fn every_title_header_and_label_is_in_english_too() {
        let plan = crema_plan();
        let tables = tables(&plan);
        for t in &tables {
            assert_ne!(t.title.it, t.title.en, "{}", t.sheet);
            assert_eq!(
                t.headers.iter().filter(|h| h.it != h.en).count(),
                t.headers
                    .iter()
                    .filter(
                        |h| !["Comune", "Ente", "b", "c", "d", "e", "f"].contains(&h.it.as_str())
                    )
                    .count(),
                "{}: every header but names and letters is translated",
                t.sheet
            );
            for cell in t.rows.iter().chain(&t.total).flatten() {
                if let Cell::Label(l) = cell {
                    assert_ne!(l.it, l.en, "{}", t.sheet);
                }
            }
        }
        let en = |sheet: &str| tables.iter().find(|t| t.sheet == sheet).unwrap();
        assert_eq!(en("a Consistenza").title.en, "a) Housing stock per owner");
        assert_eq!(
            en("a Consistenza").total.as_ref().unwrap()[0],
            Cell::label("Totale", "Total")
        );
        assert_eq!(
            en("Ricognizione").rows[1][1],
            Cell::label("24 su 48 (50%)", "24 of 48 (50%)")
        );
        assert_eq!(
            en("k Assegnate anno prec.").title.en,
            "k) SAP units assigned in the previous year (2020)"
        );
        assert_eq!(
            en("c Nuova edificazione").rows[0][2],
            Cell::label("nuova edificazione", "new building")
        );
        // Names of entes and comuni are the records' own, in every language.
        assert!(
            matches!(&en("a Consistenza").rows[0][0], Cell::Text(name) if name.starts_with("ALER"))
        );
    }

    /// Issue #27: b) and d) read «Ente - Numero - Comune» as published, in the XLSX and the
    /// CSV as in the document (one table for all).
    #[test]
    fn b_and_d_give_the_units_before_the_comune() {
        let tables = tables(&crema_plan());
        for sheet in ["b Carenza manutentiva", "d Avvicendamento"] {
            let t = tables.iter().find(|t| t.sheet == sheet).unwrap();
            let headers: Vec<&str> = t.headers.iter().map(|h| h.it.as_str()).collect();
            assert_eq!(
                headers,
                ["Ente proprietario", "Numero", "Comune"],
                "{sheet}"
            );
        }
        let d = tables
            .iter()
            .find(|t| t.sheet == "d Avvicendamento")
            .unwrap();
        assert_eq!(
            d.rows[0],
            [
                Cell::text(crate::demo::ALER_NAME),
                Cell::Count(41),
                Cell::text(crate::aggregate::UNSPLIT)
            ]
        );
    }

    #[test]
    fn a_table_serialises_with_its_italian_texts() {
        let tables = tables(&crema_plan());
        let value = serde_json::to_value(&tables[0]).unwrap();
        assert_eq!(
            value["title"],
            "a) Consistenza del patrimonio per ente proprietario"
        );
        assert_eq!(value["headers"][0], "Ente proprietario");
        assert_eq!(value["total"][0], "Totale");
        assert_eq!(value["total"][1], 1699);
    }
}
