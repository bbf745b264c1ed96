//! Ambiti territoriali: which comuni belong to the district that makes one plan.
//!
//! The composition of an ambito is not in ISTAT's list: the ambiti of Crema and Cremona ship
//! as presets (`data/ambiti/*.json`), and a capofila can import its own as JSON (same shape
//! as the presets) or CSV (one ISTAT code per line, optionally followed by the name).

use serde::{Deserialize, Serialize};

use crate::comuni::{self, IstatCode};
use crate::text::Bilingual;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Ambito {
    /// Short identifier written in every submission (e.g. "crema").
    pub id: String,
    pub nome: String,
    /// Sorted, without duplicates.
    pub comuni: Vec<IstatCode>,
}

impl Ambito {
    pub fn contains(&self, code: IstatCode) -> bool {
        self.comuni.binary_search(&code).is_ok()
    }
}

/// Why an ambito file was refused, naming the line and what to fix.
pub type ImportError = Bilingual;

/// Checks codes against the table of Lombardy, sorts them and refuses duplicates.
fn build(id: &str, nome: &str, codes: Vec<(usize, IstatCode)>) -> Result<Ambito, ImportError> {
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
        let name = comuni::by_code(w[0]).map(|c| c.nome.as_str()).unwrap_or("");
        return Err(ImportError::new(
            format!("il comune {} ({name}) compare più di una volta", w[0]),
            format!("comune {} ({name}) appears more than once", w[0]),
        ));
    }
    Ok(Ambito {
        id: id.to_owned(),
        nome: nome.trim().to_owned(),
        comuni: sorted,
    })
}

/// Imports `{"id": "...", "nome": "...", "comuni": ["019035", ...]}`.
pub fn import_json(text: &str) -> Result<Ambito, ImportError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Raw {
        id: String,
        nome: String,
        comuni: Vec<String>,
    }
    let raw: Raw = serde_json::from_str(text).map_err(|e| {
        ImportError::new(
            format!("il file non è un ambito in JSON ({{\"id\", \"nome\", \"comuni\"}}): {e}"),
            format!("the file is not an ambito in JSON ({{\"id\", \"nome\", \"comuni\"}}): {e}"),
        )
    })?;
    let codes = raw
        .comuni
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.parse()
                .map(|code| (i + 1, code))
                .map_err(|e: comuni::InvalidIstatCode| {
                    ImportError::new(
                        format!("comune n. {}: {e}", i + 1),
                        format!("comune no. {}: {}", i + 1, e.message_en()),
                    )
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    build(&raw.id, &raw.nome, codes)
}

/// Imports a CSV list: one comune per line, its ISTAT code in the first column (`;` or `,`
/// separated, as Italian and English spreadsheets write it); a header line is allowed.
pub fn import_csv(id: &str, nome: &str, text: &str) -> Result<Ambito, ImportError> {
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
    let mut codes = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 1;
        let record = record.map_err(|e| {
            ImportError::new(
                format!("riga {line}: CSV non leggibile ({e})"),
                format!("line {line}: unreadable CSV ({e})"),
            )
        })?;
        let first = record.get(0).unwrap_or("").trim();
        if first.is_empty() {
            continue;
        }
        match first.parse::<IstatCode>() {
            Ok(code) => codes.push((line, code)),
            // A header names its columns; it is allowed only on the first line.
            Err(_) if line == 1 && !first.chars().any(|c| c.is_ascii_digit()) => {}
            Err(e) => {
                return Err(ImportError::new(
                    format!("riga {line}: {e}"),
                    format!("line {line}: {}", e.message_en()),
                ))
            }
        }
    }
    build(id, nome, codes)
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
    fn presets_are_valid_and_disjoint() {
        let all = presets();
        assert_eq!(all.len(), 2);
        let crema = preset("crema").unwrap();
        let cremona = preset("cremona").unwrap();
        assert_eq!(crema.comuni.len(), 48);
        assert!(crema.contains("019035".parse().unwrap()));
        assert!(cremona.contains("019036".parse().unwrap()));
        assert!(crema.comuni.iter().all(|c| !cremona.contains(*c)));
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
        assert!(err.it.starts_with("riga 2:"), "{err}");
        let err = import_csv("mio", "Mio", "019035\n058091\n").unwrap_err();
        assert!(err.it.contains("non è un comune della Lombardia"), "{err}");
        let err = import_csv("mio", "Mio", "019035\n019035\n").unwrap_err();
        assert!(err.it.contains("più di una volta"), "{err}");
        assert!(import_csv("mio", "Mio", "codice\n").is_err(), "empty list");
        assert!(import_csv("Mio Ambito", "Mio", "019035").is_err(), "bad id");
    }

    #[test]
    fn json_import_round_trips_and_rejects_bad_codes() {
        let crema = preset("crema").unwrap();
        let json = serde_json::to_string(&crema).unwrap();
        assert_eq!(import_json(&json).unwrap(), crema);
        let err = import_json(r#"{"id":"x","nome":"X","comuni":["019035","abc"]}"#).unwrap_err();
        assert!(err.it.starts_with("comune n. 2"), "{err}");
        assert!(
            err.en
                .starts_with("comune no. 2: «abc» is not an ISTAT code"),
            "{}",
            err.en
        );
        assert!(import_json("not json").is_err());
    }
}
