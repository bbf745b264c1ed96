//! Ambiti territoriali: which comuni belong to the district that makes one plan.
//!
//! The composition of an ambito is not in ISTAT's list: the ambiti of Crema and Cremona ship
//! as presets (`data/ambiti/*.json`), and a capofila can import its own as JSON (same shape
//! as the presets) or CSV (one ISTAT code per line, optionally followed by the name).
//!
//! An ambito may also say which of its comuni own housing (`con_patrimonio`): the capofila
//! knows them from the previous plan and the regional registry, not from the answers, and
//! only with that list can the plan name an owner that sent nothing as *inadempiente*
//! (docs/DOMAIN.md, section 5). In JSON it is the optional key `con_patrimonio`; in CSV a
//! column `si`/`no` after the code. The Crema preset carries the 24 owners of its 2021 plan;
//! without a list (`None`) nobody can be called inadempiente.
//!
//! An ambito names its ALER (`aler`, optional): files of an ALER under another name are set
//! aside. Without the list, the ALER are those of its comuni's provinces
//! ([`crate::aler::LOMBARDIA`]); the presets keep no list, since their province gives it (ALER
//! Brescia-Cremona-Mantova) and a request carries its ambito as written: a preset that wrote
//! `aler` would make every new request unreadable by a copy of the app that does not know it.

use serde::{Deserialize, Serialize};

use crate::comuni::{self, IstatCode};
use crate::text::Message;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Ambito {
    /// Short identifier written in every submission (e.g. "crema").
    pub id: String,
    pub nome: String,
    /// Sorted, without duplicates.
    pub comuni: Vec<IstatCode>,
    /// The comuni known to own housing, sorted, without duplicates, each one of `comuni`;
    /// `None` when the capofila has not said which they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub con_patrimonio: Option<Vec<IstatCode>>,
    /// The comune capofila, one of `comuni`; `None`: the comune the ambito is named after,
    /// if there is one ([`Ambito::capofila_code`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capofila: Option<IstatCode>,
    /// The ALER whose files count in the plan, each named as it writes itself (one of
    /// [`crate::aler::LOMBARDIA`]); `None`: the ALER of the provinces of its comuni
    /// ([`Ambito::alers`]). An ALER file under any other name is set aside.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aler: Option<Vec<String>>,
}

impl Ambito {
    pub fn contains(&self, code: IstatCode) -> bool {
        self.comuni.binary_search(&code).is_ok()
    }

    /// The comune capofila: as the ambito file says, else the comune whose name gives the
    /// ambito its id (the presets' Crema and Cremona).
    pub fn capofila_code(&self) -> Option<IstatCode> {
        self.capofila.or_else(|| {
            self.comuni.iter().copied().find(|c| {
                comuni::by_code(*c).is_some_and(|c| crate::text::slug(&c.nome) == self.id)
            })
        })
    }

    /// The names of the ALER whose files count in this ambito's plan: those the ambito file
    /// lists, else the ALER of each province its comuni are in (Crema's: ALER
    /// Brescia-Cremona-Mantova), in the order of [`crate::aler::LOMBARDIA`].
    pub fn alers(&self) -> Vec<&str> {
        if let Some(listed) = &self.aler {
            return listed.iter().map(String::as_str).collect();
        }
        crate::aler::LOMBARDIA
            .iter()
            .filter(|a| {
                self.comuni.iter().any(|c| {
                    comuni::by_code(*c)
                        .is_some_and(|c| a.province.contains(&c.sigla_provincia.as_str()))
                })
            })
            .map(|a| a.nome)
            .collect()
    }

    /// The ALER of this ambito named `nome` (composed, [`crate::aler::id_of`]), as it writes
    /// itself; `None` for a name that is not one of [`Ambito::alers`].
    pub fn aler_named(&self, nome: &str) -> Option<&str> {
        let id = crate::aler::id_of(nome);
        self.alers()
            .into_iter()
            .find(|a| crate::aler::id_of(a) == id)
    }

    /// Whether the capofila said which comuni own housing.
    pub fn owners_known(&self) -> bool {
        self.con_patrimonio.is_some()
    }

    /// Whether `code` is on the list of comuni known to own housing.
    pub fn owns_stock(&self, code: IstatCode) -> bool {
        self.con_patrimonio
            .as_ref()
            .is_some_and(|owners| owners.binary_search(&code).is_ok())
    }

    /// Puts `code` on the list of owners or takes it off; the first tick makes the list
    /// known. A code outside the ambito changes nothing: the list holds only its comuni.
    pub fn set_owner(&mut self, code: IstatCode, owns: bool) {
        if !self.contains(code) {
            return;
        }
        let owners = self.con_patrimonio.get_or_insert_with(Vec::new);
        match (owners.binary_search(&code), owns) {
            (Err(at), true) => owners.insert(at, code),
            (Ok(at), false) => {
                owners.remove(at);
            }
            _ => {}
        }
    }
}

/// Why an ambito file was refused, naming the line and what to fix; a file that is no JSON
/// the app reads has the parser's words as technical detail.
pub type ImportError = Message;

fn name_of(code: IstatCode) -> &'static str {
    comuni::by_code(code).map_or("", |c| c.nome.as_str())
}

/// Checks codes against the table of Lombardy, sorts them and refuses duplicates; the
/// owners, when given, must be comuni of the ambito, each once.
fn build(
    id: &str,
    nome: &str,
    codes: Vec<(usize, IstatCode)>,
    owners: Option<Vec<IstatCode>>,
) -> Result<Ambito, ImportError> {
    let id = id.trim();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(ImportError::new(
            format!("identificativo d'ambito «{id}» non valido: usare lettere minuscole, cifre e trattini (es. crema)"),
            format!("ambito id «{id}» is not valid: use lower-case letters, digits and hyphens (e.g. crema)"),
        ));
    }
    if let Some(c) = crate::text::first_deceptive(nome, false) {
        let code = crate::text::code_point(c);
        return Err(ImportError::new(
            format!("il nome dell'ambito contiene un carattere invisibile che può cambiare come appare ({code}): cancellarlo"),
            format!("the ambito's name contains an invisible character that can change how it looks ({code}): delete it"),
        ));
    }
    if codes.is_empty() {
        return Err(ImportError::new(
            "l'elenco non contiene alcun comune",
            "the list holds no comune",
        ));
    }
    for (line, code) in &codes {
        if comuni::by_code(*code).is_none() {
            return Err(ImportError::new(
                format!("riga {line}: il codice ISTAT {code} non è un comune della Lombardia"),
                format!("line {line}: ISTAT code {code} is not a comune of Lombardy"),
            ));
        }
    }
    let mut sorted: Vec<IstatCode> = codes.iter().map(|(_, c)| *c).collect();
    sorted.sort();
    if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
        let name = name_of(w[0]);
        return Err(ImportError::new(
            format!("il comune {} ({name}) compare più di una volta", w[0]),
            format!("comune {} ({name}) appears more than once", w[0]),
        ));
    }
    let con_patrimonio = owners.map(|o| owner_list(&sorted, o)).transpose()?;
    Ok(Ambito {
        id: id.to_owned(),
        nome: crate::text::nfc(nome.trim()),
        comuni: sorted,
        con_patrimonio,
        capofila: None,
        aler: None,
    })
}

/// The ALER an ambito file lists, each one of Lombardy's (written as it writes itself),
/// each once.
fn aler_list(names: &[String]) -> Result<Vec<String>, ImportError> {
    let mut list: Vec<String> = Vec::new();
    for (i, nome) in names.iter().enumerate() {
        let n = i + 1;
        let Some(aler) = crate::aler::known(nome) else {
            let shown = crate::text::visible(nome);
            let all = crate::aler::names();
            return Err(ImportError::new(
                format!("aler n. {n}: «{shown}» non è un'ALER della Lombardia ({all})"),
                format!("aler no. {n}: «{shown}» is not an ALER of Lombardy ({all})"),
            ));
        };
        if list.iter().any(|a| a == aler.nome) {
            return Err(ImportError::new(
                format!("aler n. {n}: {} compare più di una volta", aler.nome),
                format!("aler no. {n}: {} appears more than once", aler.nome),
            ));
        }
        list.push(aler.nome.to_owned());
    }
    Ok(list)
}

/// The owners sorted, refusing one named twice or one outside the ambito (`comuni`, sorted).
fn owner_list(
    comuni: &[IstatCode],
    mut owners: Vec<IstatCode>,
) -> Result<Vec<IstatCode>, ImportError> {
    owners.sort();
    if let Some(w) = owners.windows(2).find(|w| w[0] == w[1]) {
        let name = name_of(w[0]);
        return Err(ImportError::new(
            format!(
                "il comune {} ({name}) compare più di una volta tra i titolari di patrimonio",
                w[0]
            ),
            format!(
                "comune {} ({name}) appears more than once among the owners of housing",
                w[0]
            ),
        ));
    }
    if let Some(&stranger) = owners.iter().find(|c| comuni.binary_search(c).is_err()) {
        let name = name_of(stranger);
        return Err(ImportError::new(
            format!("il comune {stranger} ({name}) è indicato tra i titolari di patrimonio ma non fa parte dell'ambito"),
            format!("comune {stranger} ({name}) is listed among the owners of housing but is not in the ambito"),
        ));
    }
    Ok(owners)
}

/// Imports `{"id": "...", "nome": "...", "comuni": ["019035", ...]}`, optionally with
/// `"con_patrimonio": ["019109", ...]`, the comuni of the ambito known to own housing, and
/// `"aler": ["ALER Brescia-Cremona-Mantova"]`, its ALER (files written before the list read
/// as they did: their ALER is the one of their provinces). Names are composed (NFC).
pub fn import_json(text: &str) -> Result<Ambito, ImportError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Raw {
        id: String,
        nome: String,
        comuni: Vec<String>,
        #[serde(default)]
        con_patrimonio: Option<Vec<String>>,
        #[serde(default)]
        capofila: Option<String>,
        #[serde(default)]
        aler: Option<Vec<String>>,
    }
    let raw: Raw = serde_json::from_str(text).map_err(|e| {
        ImportError::new(
            "il file non è un elenco dei comuni dell'ambito come l'app lo legge: serve un foglio CSV con un codice ISTAT per riga, o il file descritto nella guida",
            "the file is not a list of the ambito's comuni as the app reads it: it takes a CSV sheet with one ISTAT code per line, or the file the guide describes",
        )
        .with_detail(e)
    })?;
    let codes = parse_codes(&raw.comuni, ("comune n.", "comune no."))?;
    let owners = match &raw.con_patrimonio {
        Some(list) => Some(
            parse_codes(list, ("con_patrimonio n.", "con_patrimonio no."))?
                .into_iter()
                .map(|(_, code)| code)
                .collect(),
        ),
        None => None,
    };
    let mut ambito = build(&raw.id, &raw.nome, codes, owners)?;
    ambito.aler = raw.aler.as_deref().map(aler_list).transpose()?;
    if let Some(code) = &raw.capofila {
        let code: IstatCode = code.parse().map_err(|e: comuni::InvalidIstatCode| {
            ImportError::new(
                format!("capofila: {e}"),
                format!("capofila: {}", e.message_en()),
            )
        })?;
        if !ambito.contains(code) {
            return Err(ImportError::new(
                format!("il comune capofila {code} non è tra i comuni dell'ambito"),
                format!("the comune capofila {code} is not one of the ambito's comuni"),
            ));
        }
        ambito.capofila = Some(code);
    }
    Ok(ambito)
}

/// ISTAT codes of a JSON list, numbered from 1; an error names the item as `what` says.
fn parse_codes(
    list: &[String],
    what: (&str, &str),
) -> Result<Vec<(usize, IstatCode)>, ImportError> {
    list.iter()
        .enumerate()
        .map(|(i, c)| {
            c.parse()
                .map(|code| (i + 1, code))
                .map_err(|e: comuni::InvalidIstatCode| {
                    ImportError::new(
                        format!("{} {}: {e}", what.0, i + 1),
                        format!("{} {}: {}", what.1, i + 1, e.message_en()),
                    )
                })
        })
        .collect()
}

/// Imports a CSV list: one comune per line, its ISTAT code in the first column (`;` or `,`
/// separated, as Italian and English spreadsheets write it); a header line is allowed. A
/// later column `si`/`no` (also `sì`, `s`, `n`) says whether the comune owns housing; no
/// Lombard comune is named like that, so the column is known by its values. Once one line
/// has it, every line must: a comune left blank would silently count as not owning.
pub fn import_csv(id: &str, nome: &str, text: &str) -> Result<Ambito, ImportError> {
    let rows = csv_rows(text)?;
    let owners = if rows.iter().any(|r| r.owns.is_some()) {
        if let Some(r) = rows.iter().find(|r| r.owns.is_none()) {
            let line = r.line;
            return Err(ImportError::new(
                format!("riga {line}: indicare «si» o «no» nella colonna del patrimonio"),
                format!("line {line}: write «si» (yes) or «no» in the column of the housing owned"),
            ));
        }
        Some(
            rows.iter()
                .filter(|r| r.owns == Some(true))
                .map(|r| r.code)
                .collect(),
        )
    } else {
        None
    };
    let codes = rows.iter().map(|r| (r.line, r.code)).collect();
    build(id, nome, codes, owners)
}

/// One comune of a CSV list: its line, its code and, when the line says, whether it owns
/// housing.
struct CsvRow {
    line: usize,
    code: IstatCode,
    owns: Option<bool>,
}

/// `si`/`no` in the owners' column, as a clerk may write it.
fn owner_flag(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "si" | "sì" | "sí" | "s" => Some(true),
        "no" | "n" => Some(false),
        _ => None,
    }
}

/// The comuni of a CSV list, skipping empty lines and a header on the first line.
fn csv_rows(text: &str) -> Result<Vec<CsvRow>, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = if text.lines().next().unwrap_or("").contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(i + 1, |p| p.line() as usize);
            ImportError::new(
                format!("riga {line}: CSV non leggibile ({e})"),
                format!("line {line}: unreadable CSV ({e})"),
            )
        })?;
        // The reader skips empty lines: the position names the line as the file has it.
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        let first = record.get(0).unwrap_or("").trim();
        if first.is_empty() {
            continue;
        }
        match first.parse::<IstatCode>() {
            Ok(code) => rows.push(CsvRow {
                line,
                code,
                owns: record.iter().skip(1).find_map(owner_flag),
            }),
            // A header names its columns; it is allowed only on the first line.
            Err(_) if i == 0 && !first.chars().any(|c| c.is_ascii_digit()) => {}
            Err(e) => {
                return Err(ImportError::new(
                    format!("riga {line}: {e}"),
                    format!("line {line}: {}", e.message_en()),
                ))
            }
        }
    }
    Ok(rows)
}

/// An ambito from a file a capofila chose (the page's file input or the CLI's `--ambito`):
/// a `.csv` name is a CSV list whose id is the file name made a slug ("Ambito Soresina.csv"
/// -> `ambito-soresina`) and whose name is the file name; anything else is JSON.
pub fn import_file(file_name: &str, text: &str) -> Result<Ambito, ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    if base.to_lowercase().ends_with(".csv") {
        import_csv(&crate::text::slug(stem), stem, text)
    } else {
        import_json(text)
    }
}

/// The ambiti shipped with the app.
pub fn presets() -> Vec<Ambito> {
    [
        include_str!("../data/ambiti/crema.json"),
        include_str!("../data/ambiti/cremona.json"),
    ]
    .iter()
    .map(|json| import_json(json).expect("shipped ambiti are valid"))
    .collect()
}

pub fn preset(id: &str) -> Option<Ambito> {
    presets().into_iter().find(|a| a.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_capofila_is_the_files_or_the_namesake_comune() {
        let crema = preset("crema").unwrap();
        assert_eq!(crema.capofila_code(), Some("019035".parse().unwrap()));
        let json =
            r#"{"id": "mio", "nome": "Mio", "comuni": ["019035", "019002"], "capofila": "019002"}"#;
        assert_eq!(
            import_json(json).unwrap().capofila_code(),
            Some("019002".parse().unwrap())
        );
        let outside = r#"{"id": "mio", "nome": "Mio", "comuni": ["019035"], "capofila": "019002"}"#;
        assert!(import_json(outside)
            .unwrap_err()
            .plain
            .it
            .contains("non è tra i comuni"));
        let unnamed = import_csv("mio", "Mio", "019035\n019002\n").unwrap();
        assert_eq!(unnamed.capofila_code(), None);
    }

    /// Issue #25: the ambito names its ALER. A file may list them (each one of Lombardy's,
    /// written as it writes itself); a file without the list, older ones and CSV lists
    /// included, has the ALER of its comuni's provinces.
    #[test]
    fn the_ambito_names_its_aler() {
        let crema = preset("crema").unwrap();
        assert_eq!(crema.alers(), ["ALER Brescia-Cremona-Mantova"]);
        assert_eq!(
            crema.aler_named("aler brescia cremona mantova"),
            Some("ALER Brescia-Cremona-Mantova")
        );
        assert_eq!(crema.aler_named("\u{410}LER Brescia-Cremona-Mantova"), None);
        assert_eq!(crema.aler_named("Comune di Trescore Cremasco"), None);
        let older =
            import_json(r#"{"id":"mio","nome":"Mio","comuni":["019035","098001"]}"#).unwrap();
        assert_eq!(older.aler, None);
        assert_eq!(
            older.alers(),
            ["ALER Brescia-Cremona-Mantova", "ALER Pavia-Lodi"],
            "Crema and a comune of Lodi"
        );
        let csv = import_csv("mio", "Mio", "019035\n012001\n").unwrap();
        assert_eq!(
            csv.alers(),
            [
                "ALER Brescia-Cremona-Mantova",
                "ALER Varese-Como-Monza Brianza-Busto Arsizio"
            ]
        );
        let listed =
            import_json(r#"{"id":"mio","nome":"Mio","comuni":["019035"],"aler":["aler milano"]}"#)
                .unwrap();
        assert_eq!(
            listed.alers(),
            ["ALER Milano"],
            "written as the ALER writes itself"
        );
        assert_eq!(
            import_json(&serde_json::to_string(&listed).unwrap()).unwrap(),
            listed
        );
        let err = import_json(
            r#"{"id":"mio","nome":"Mio","comuni":["019035"],"aler":["\u0410LER Milano"]}"#,
        )
        .unwrap_err();
        assert!(
            err.plain.it.starts_with(
                "aler n. 1: «\u{410}LER Milano» non è un'ALER della Lombardia (ALER Milano, "
            ),
            "{err}"
        );
        let twice = import_json(
            r#"{"id":"mio","nome":"Mio","comuni":["019035"],"aler":["ALER Milano","ALER  Milano"]}"#,
        )
        .unwrap_err();
        assert!(twice.plain.it.contains("più di una volta"), "{twice}");
        let none =
            import_json(r#"{"id":"mio","nome":"Mio","comuni":["019035"],"aler":[]}"#).unwrap();
        assert!(none.alers().is_empty(), "an ambito may say it has no ALER");
    }

    #[test]
    fn an_ambito_name_is_composed_and_shows_no_invisible_character() {
        let a = import_csv("mio", "Citta\u{300}", "019035").unwrap();
        assert_eq!(a.nome, "Citt\u{e0}");
        let err = import_csv("mio", "Mio\u{202e}", "019035").unwrap_err();
        assert!(err.plain.it.contains("U+202E"), "{err}");
    }

    #[test]
    fn presets_are_valid_and_disjoint() {
        let all = presets();
        assert_eq!(all.len(), 2);
        let crema = preset("crema").unwrap();
        let cremona = preset("cremona").unwrap();
        assert_eq!(crema.comuni.len(), 48);
        assert!(crema.contains("019035".parse().unwrap()));
        assert!(cremona.contains("019036".parse().unwrap()));
        assert!(crema.comuni.iter().all(|c| !cremona.contains(*c)));
        assert!(!cremona.owners_known(), "no owner list sourced for Cremona");
    }

    fn code(text: &str) -> IstatCode {
        text.parse().unwrap()
    }

    /// The published Crema 2021 plan counts 24 owners: the 23 comuni that sent figures and
    /// Trescore Cremasco, which sent nothing.
    #[test]
    fn the_crema_preset_lists_the_owners_of_the_published_plan() {
        let crema = preset("crema").unwrap();
        let mut expected: Vec<IstatCode> = crate::demo::crema_2021()
            .iter()
            .filter(|s| !s.nessun_patrimonio)
            .filter_map(|s| s.ente.comune_code())
            .chain([code("019109")])
            .collect();
        expected.sort();
        assert_eq!(expected.len(), 24);
        assert_eq!(crema.con_patrimonio, Some(expected));
        assert!(crema.owns_stock(code("019109")), "Trescore Cremasco");
        assert!(!crema.owns_stock(code("019002")), "Agnadello owns none");
    }

    #[test]
    fn ticking_an_owner_makes_the_list_known_and_keeps_it_sorted() {
        let mut a = import_csv("mio", "Mio", "019035\n019002\n019109\n").unwrap();
        assert!(!a.owners_known() && !a.owns_stock(code("019035")));
        a.set_owner(code("019109"), true);
        a.set_owner(code("019035"), true);
        a.set_owner(code("019035"), true);
        assert_eq!(a.con_patrimonio, Some(vec![code("019035"), code("019109")]));
        a.set_owner(code("019109"), false);
        a.set_owner(code("019097"), true);
        assert_eq!(
            a.con_patrimonio,
            Some(vec![code("019035")]),
            "Soncino is not in it"
        );
        a.set_owner(code("019035"), false);
        assert!(
            a.owners_known(),
            "an empty list still says: nobody owns housing"
        );
    }

    #[test]
    fn csv_import_reads_the_owners_column() {
        let text = "codice;nome;patrimonio\n019035;Crema;si\n019002;Agnadello;NO\n\n019109;Trescore Cremasco;Sì\n019005;Bagnolo Cremasco;n\n019025;Castelleone;S\n";
        let a = import_csv("mio", "Mio", text).unwrap();
        assert_eq!(a.comuni.len(), 5);
        assert_eq!(
            a.con_patrimonio,
            Some(vec![code("019025"), code("019035"), code("019109")])
        );
        let two_columns = import_csv("mio", "Mio", "019035,si\n019002,no\n").unwrap();
        assert_eq!(two_columns.con_patrimonio, Some(vec![code("019035")]));
        let err = import_csv("mio", "Mio", "codice;nome;patrimonio\n019035;Crema;si\n019002;Agnadello\n019109;Trescore Cremasco;no\n").unwrap_err();
        assert_eq!(
            err.plain.it,
            "riga 3: indicare «si» o «no» nella colonna del patrimonio"
        );
        let err = import_csv("mio", "Mio", "019035;Crema\n\n019002;Agnadello;si\n").unwrap_err();
        assert!(err.plain.it.starts_with("riga 1:"), "{err}");
    }

    #[test]
    fn json_import_reads_the_owners_and_refuses_strangers() {
        let json =
            r#"{"id":"mio","nome":"Mio","comuni":["019035","019002"],"con_patrimonio":["019035"]}"#;
        let a = import_json(json).unwrap();
        assert_eq!(a.con_patrimonio, Some(vec![code("019035")]));
        assert_eq!(import_json(&serde_json::to_string(&a).unwrap()).unwrap(), a);
        let err = import_json(
            r#"{"id":"mio","nome":"Mio","comuni":["019035"],"con_patrimonio":["019109"]}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.plain.it,
            "il comune 019109 (Trescore Cremasco) è indicato tra i titolari di patrimonio ma non fa parte dell'ambito"
        );
        let err = import_json(
            r#"{"id":"mio","nome":"Mio","comuni":["019035"],"con_patrimonio":["019035","019035"]}"#,
        )
        .unwrap_err();
        assert!(
            err.plain.it.contains("più di una volta tra i titolari"),
            "{err}"
        );
        let err =
            import_json(r#"{"id":"mio","nome":"Mio","comuni":["019035"],"con_patrimonio":["x"]}"#)
                .unwrap_err();
        assert!(err.plain.it.starts_with("con_patrimonio n. 1:"), "{err}");
        let without = import_json(r#"{"id":"mio","nome":"Mio","comuni":["019035"]}"#).unwrap();
        assert!(!without.owners_known());
        assert!(!serde_json::to_string(&without)
            .unwrap()
            .contains("con_patrimonio"));
    }

    #[test]
    fn csv_import_accepts_header_bom_and_names() {
        let text = "\u{feff}codice_istat;nome\n019035;Crema\n019002;Agnadello\n\n";
        let a = import_csv("mio", "Mio ambito", text).unwrap();
        assert_eq!(a.comuni.len(), 2);
        assert_eq!(a.comuni[0].to_string(), "019002", "sorted");
        let plain = import_csv("mio", "Mio", "019035,Crema\n019002,Agnadello").unwrap();
        assert_eq!(plain.comuni, a.comuni);
    }

    #[test]
    fn a_file_is_read_by_its_name_the_same_way_for_the_page_and_the_cli() {
        let csv = import_file("/tmp/Ambito Soresina.csv", "019035\n019002\n").unwrap();
        assert_eq!(
            (csv.id.as_str(), csv.nome.as_str()),
            ("ambito-soresina", "Ambito Soresina")
        );
        let json = r#"{"id": "mio", "nome": "Mio", "comuni": ["019035"]}"#;
        assert_eq!(import_file("mio.JSON", json).unwrap().id, "mio");
        assert!(
            import_file("elenco.csv", json).is_err(),
            "a .csv name is read as CSV"
        );
    }

    #[test]
    fn csv_import_names_the_bad_line() {
        let err = import_csv("mio", "Mio", "019035\n19002\n").unwrap_err();
        assert!(err.plain.it.starts_with("riga 2:"), "{err}");
        let err = import_csv("mio", "Mio", "019035\n058091\n").unwrap_err();
        assert!(
            err.plain.it.contains("non è un comune della Lombardia"),
            "{err}"
        );
        let err = import_csv("mio", "Mio", "019035\n019035\n").unwrap_err();
        assert!(err.plain.it.contains("più di una volta"), "{err}");
        assert!(import_csv("mio", "Mio", "codice\n").is_err(), "empty list");
        assert!(import_csv("Mio Ambito", "Mio", "019035").is_err(), "bad id");
    }

    #[test]
    fn json_import_round_trips_and_rejects_bad_codes() {
        let crema = preset("crema").unwrap();
        let json = serde_json::to_string(&crema).unwrap();
        assert_eq!(import_json(&json).unwrap(), crema);
        let err = import_json(r#"{"id":"x","nome":"X","comuni":["019035","abc"]}"#).unwrap_err();
        assert!(err.plain.it.starts_with("comune n. 2"), "{err}");
        assert!(
            err.plain
                .en
                .starts_with("comune no. 2: «abc» is not an ISTAT code"),
            "{}",
            err.plain.en
        );
        assert!(import_json("not json").is_err());
    }
}
