//! Reads a submission file: recognises the format and its version before the content, so an
//! old app facing a newer file says "update the app" instead of a parser error.

use serde_json::Value;

use crate::strict_json::{self, JsonError};
use crate::submission::{Submission, FORMAT_NAME, FORMAT_VERSION, OLDEST_FORMAT_VERSION_READ};
use crate::text::{Bilingual, Message};

/// The `formato` of an ente's key file (`crate::signing::keyfile`). The reader knows it so as
/// to refuse a key sent by mistake in place of a submission ([`ReadError::KeyFile`]).
pub const KEY_FORMAT_NAME: &str = "offerta-abitativa/chiave";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not JSON, or JSON a careful reader must refuse (duplicate keys, unsafe integers).
    Json(JsonError),
    /// JSON, but not an Offerta Abitativa submission.
    NotASubmission,
    /// Not text at all: a PDF, an image, a spreadsheet, a zip.
    NotText,
    /// An ente's private key file, sent by mistake in place of its submission (the ente it
    /// names): the key has left its office.
    KeyFile(String),
    /// A submission in a format version this app does not read.
    UnsupportedVersion(u64),
    /// The right format and version, but a field is missing or of the wrong type.
    Invalid(Bilingual),
}

impl ReadError {
    pub fn invalid(it: impl Into<String>, en: impl Into<String>) -> ReadError {
        ReadError::Invalid(Bilingual::new(it, en))
    }

    /// The message: its plain words in Italian (as `Display` writes them) and in English,
    /// and what the reader found, if any, as technical detail.
    pub fn message(&self) -> Message {
        Message {
            plain: Bilingual::new(self.to_string(), self.message_en()),
            technical: self.technical(),
        }
    }

    /// What the reader found, in its own terms (line and column, the field the format
    /// wants), for the "dettagli tecnici" beside the plain message.
    fn technical(&self) -> Option<Bilingual> {
        match self {
            ReadError::Json(e) => e.technical(),
            ReadError::NotASubmission => Some(Bilingual::new(
                format!("JSON senza «formato»: \"{FORMAT_NAME}\""),
                format!("JSON without «formato»: \"{FORMAT_NAME}\""),
            )),
            ReadError::NotText => Some(Bilingual::new(
                "il contenuto non è testo UTF-8",
                "the content is not UTF-8 text",
            )),
            ReadError::KeyFile(_) | ReadError::UnsupportedVersion(_) | ReadError::Invalid(_) => {
                None
            }
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Json(e) => write!(f, "{}", e.plain().it),
            ReadError::NotText => f.write_str(
                "il file non è una scheda ma un altro tipo di file (forse un PDF, un'immagine, un foglio di calcolo o un archivio)",
            ),
            ReadError::KeyFile(ente) => write!(
                f,
                "questo file è la chiave privata di firma di «{ente}», non una scheda: una chiave non si invia mai. Avvisare l'ente: deve creare subito una nuova chiave (questa è uscita dal suo ufficio e non va più usata), firmare di nuovo la scheda e inviare solo la scheda firmata. Non registrare la chiave di questo file"
            ),
            ReadError::NotASubmission => f.write_str(
                "il file non è una scheda di Offerta Abitativa: forse è stato allegato un altro file al posto della scheda firmata",
            ),
            ReadError::UnsupportedVersion(v) if *v > u64::from(FORMAT_VERSION) => write!(
                f,
                "la scheda usa la versione {v} del formato, più recente di questa app (versione {FORMAT_VERSION}): aggiornare l'app"
            ),
            ReadError::UnsupportedVersion(v) => write!(
                f,
                "la scheda usa la versione {v} del formato, non più letta da questa app (legge le versioni da {OLDEST_FORMAT_VERSION_READ} a {FORMAT_VERSION}): chiedere un file nuovo"
            ),
            ReadError::Invalid(e) => write!(f, "la scheda non rispetta il formato: {}", e.it),
        }
    }
}

impl ReadError {
    /// The message in English: the words of `Display` above, one for one.
    pub(crate) fn message_en(&self) -> String {
        match self {
            ReadError::Json(e) => e.plain().en,
            ReadError::NotText => "the file is not a submission but another kind of file (perhaps a PDF, an image, a spreadsheet or an archive)".into(),
            ReadError::KeyFile(ente) => format!("this file is «{ente}»'s private signing key, not a submission: a key is never sent. Tell the ente: it must create a new key at once (this one has left its office and must not be used again), sign the submission again and send only the signed submission. Do not register the key of this file"),
            ReadError::NotASubmission => "the file is not an Offerta Abitativa submission: perhaps another file was attached instead of the signed submission".into(),
            ReadError::UnsupportedVersion(v) if *v > u64::from(FORMAT_VERSION) => format!(
                "the submission uses version {v} of the format, newer than this app (version {FORMAT_VERSION}): update the app"
            ),
            ReadError::UnsupportedVersion(v) => format!(
                "the submission uses version {v} of the format, which this app no longer reads (it reads versions {OLDEST_FORMAT_VERSION_READ} to {FORMAT_VERSION}): ask for a new file"
            ),
            ReadError::Invalid(e) => format!("the submission does not follow the format: {}", e.en),
        }
    }
}

impl std::error::Error for ReadError {}

/// A draft or a signed file opened again in the form: a signed file reopens as a draft,
/// without its proof, which would not hold after edits. A version-1 file becomes a draft of
/// the current version, which the form saves and signs ([`Submission::in_current_format`]).
pub fn reopen_as_draft(bytes: &[u8]) -> Result<Submission, Bilingual> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Bilingual::new(
            "il file non è una scheda (non è testo: forse un PDF o un foglio di calcolo)",
            "the file is not a submission (not text: perhaps a PDF or a spreadsheet)",
        )
    })?;
    // The form shows the plain words only.
    let mut value =
        parse_strict(text.trim_start_matches('\u{feff}')).map_err(|e| e.message().plain)?;
    if let Some(o) = value.as_object_mut() {
        o.remove("proof");
    }
    from_value(value)
        .map(Submission::in_current_format)
        .map_err(|e| e.message().plain)
}

/// Parses text as JSON the strict way (see [`strict_json`]), for any file from outside.
pub fn parse_strict(text: &str) -> Result<Value, ReadError> {
    strict_json::parse(text).map_err(ReadError::Json)
}

pub fn read_submission(text: &str) -> Result<Submission, ReadError> {
    from_value(parse_strict(text)?)
}

/// A submission from an already parsed value: format and version first, then the fields.
pub fn from_value(value: Value) -> Result<Submission, ReadError> {
    let formato = value.get("formato").and_then(Value::as_str);
    if formato == Some(KEY_FORMAT_NAME) {
        let ente = value
            .get("ente")
            .and_then(Value::as_str)
            .unwrap_or("un ente");
        return Err(ReadError::KeyFile(ente.to_owned()));
    }
    if formato != Some(FORMAT_NAME) {
        return Err(ReadError::NotASubmission);
    }
    match value.get("versione").and_then(Value::as_u64) {
        Some(v)
            if (u64::from(OLDEST_FORMAT_VERSION_READ)..=u64::from(FORMAT_VERSION)).contains(&v) =>
        {
            fields_of_version(&value, v)?;
        }
        Some(v) => return Err(ReadError::UnsupportedVersion(v)),
        None => {
            return Err(ReadError::invalid(
                "manca il numero di «versione»",
                "the «versione» number is missing",
            ))
        }
    }
    serde_json::from_value(composed(value)).map_err(|e| {
        let message = e.to_string();
        ReadError::invalid(italian(&message), message)
    })
}

/// The fields version 4 brought: a file of an earlier version that has one was not written by
/// an app of that version (an older app would refuse it), and a version-4 file always says
/// its SAS turnover, even when none.
const FIELDS_OF_VERSION_4: [&str; 3] = [
    "avvicendamento_sas",
    "copertura_spese_alloggio",
    "categorie_art14_elenco",
];

fn fields_of_version(value: &Value, version: u64) -> Result<(), ReadError> {
    if version >= u64::from(FORMAT_VERSION) {
        if value.get("avvicendamento_sas").is_none() {
            return Err(ReadError::invalid(
                "manca il campo «avvicendamento_sas» (unità SAS della sezione d), obbligatorio nella versione 4",
                "the field «avvicendamento_sas» (SAS units of section d) is missing, required in version 4",
            ));
        }
        return Ok(());
    }
    match FIELDS_OF_VERSION_4.iter().find(|f| value.get(**f).is_some()) {
        Some(field) => Err(ReadError::invalid(
            format!("campo «{field}» non previsto nella versione {version} del formato (è della versione {FORMAT_VERSION})"),
            format!("field «{field}» is not part of version {version} of the format (it is of version {FORMAT_VERSION})"),
        )),
        None => Ok(()),
    }
}

/// Every text of `value` composed (NFC, [`crate::text::nfc`]): two spellings of one name
/// that look alike are the same text for the rules, the ids and the plan. The signature is
/// checked on the file as written, before this.
pub fn composed(value: Value) -> Value {
    match value {
        Value::String(s) => Value::String(crate::text::nfc(&s)),
        Value::Array(items) => Value::Array(items.into_iter().map(composed).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, composed(v))).collect())
        }
        other => other,
    }
}

/// serde's messages, said in Italian for the clerk who reads them.
fn italian(message: &str) -> String {
    let quoted = |m: &str| m.split('`').nth(1).unwrap_or("").to_owned();
    if message.contains(crate::percent::EXPECTING) {
        format!(
            "percentuale {} non ammessa: serve un numero da 0 a {} con al massimo un decimale",
            quoted(message),
            crate::percent::Percent::MAX
        )
    } else if message.starts_with("missing field") {
        format!("manca il campo «{}»", quoted(message))
    } else if message.starts_with("unknown field") {
        format!(
            "campo sconosciuto «{}» (file di un'altra versione o modificato)",
            quoted(message)
        )
    } else if message.starts_with("invalid value: integer") {
        format!(
            "valore {} non ammesso: serve un numero intero da 0 in su",
            quoted(message)
        )
    } else if message.starts_with("invalid type: floating point") {
        format!(
            "numero con decimali ({}) dove serve un numero intero",
            quoted(message)
        )
    } else if message.starts_with("invalid type: string") && message.contains("expected u") {
        "testo dove serve un numero intero".to_owned()
    } else if message.starts_with("invalid type") {
        format!("tipo di dato errato ({message})")
    } else {
        message.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    fn demo_json() -> Value {
        serde_json::to_value(&demo::crema_2021()[0]).unwrap()
    }

    #[test]
    fn reads_back_what_the_app_writes() {
        let s = &demo::crema_2021()[1];
        let text = serde_json::to_string_pretty(s).unwrap();
        assert_eq!(&read_submission(&text).unwrap(), s);
    }

    #[test]
    fn version_1_is_read_as_it_is_and_reopens_as_a_draft_of_the_current_version() {
        let mut v1 = demo_json();
        v1["versione"] = OLDEST_FORMAT_VERSION_READ.into();
        let read = read_submission(&v1.to_string()).unwrap();
        assert_eq!(read.versione, 1, "a received file keeps its version");
        let draft = reopen_as_draft(v1.to_string().as_bytes()).unwrap();
        assert_eq!(
            draft.versione,
            crate::submission::FORMAT_VERSION_BEFORE_2026,
            "a 2021 draft is written as before version 4"
        );
    }

    /// A file of versions 1 to 3 has one d), counted as SAP as it always was; reopened as a
    /// draft of a 2026 plan it becomes version 4 with its SAS turnover empty.
    #[test]
    fn versions_1_to_3_read_their_turnover_as_sap_and_refuse_the_fields_of_version_4() {
        for version in 1..=3u32 {
            let mut v = demo_json();
            v["versione"] = version.into();
            v["anno_piano"] = 2026.into();
            let read = read_submission(&v.to_string()).unwrap();
            assert_eq!(read.versione, version);
            assert_eq!(read.avvicendamento_sas, None);
            assert_eq!(read.avvicendamento_sas_totale(), 0);
            let draft = reopen_as_draft(v.to_string().as_bytes()).unwrap();
            assert_eq!(draft.versione, FORMAT_VERSION);
            assert_eq!(draft.avvicendamento_sas, Some(Default::default()));
            for (field, value) in [
                (
                    "avvicendamento_sas",
                    serde_json::json!({"per_comune": [], "senza_ripartizione": 0}),
                ),
                ("copertura_spese_alloggio", serde_json::json!(true)),
                ("categorie_art14_elenco", serde_json::json!(["anziani"])),
            ] {
                let mut bad = v.clone();
                bad[field] = value;
                let err = read_submission(&bad.to_string()).unwrap_err().to_string();
                assert!(
                    err.contains(&format!(
                        "campo «{field}» non previsto nella versione {version}"
                    )),
                    "{err}"
                );
            }
        }
    }

    #[test]
    fn version_4_reads_sap_and_sas_turnover_apart_and_requires_the_sas_part() {
        let mut v = demo_json();
        v["versione"] = 4.into();
        v["anno_piano"] = 2026.into();
        v["avvicendamento_sas"] = serde_json::json!({
            "per_comune": [{"comune": "019035", "unita": 3}],
            "senza_ripartizione": 2
        });
        v["categorie_art14_elenco"] = serde_json::json!(["anziani", "genitori_separati"]);
        v["copertura_spese_alloggio"] = serde_json::json!(true);
        let s = read_submission(&v.to_string()).unwrap();
        assert_eq!(s.avvicendamento_sas_totale(), 5);
        assert_eq!(
            s.categorie_art14_elenco,
            [
                crate::submission::CategoriaArt14::Anziani,
                crate::submission::CategoriaArt14::GenitoriSeparati
            ]
        );
        assert!(s.copertura_spese_alloggio);
        let mut unknown = v.clone();
        unknown["categorie_art14_elenco"] = serde_json::json!(["stranieri"]);
        assert!(read_submission(&unknown.to_string()).is_err());
        v.as_object_mut().unwrap().remove("avvicendamento_sas");
        let err = read_submission(&v.to_string()).unwrap_err().to_string();
        assert!(err.contains("manca il campo «avvicendamento_sas»"), "{err}");
    }

    #[test]
    fn shares_with_one_decimal_are_read_and_whole_ones_written_as_floats_too() {
        let mut v = demo_json();
        v["forze_polizia"] = serde_json::json!({"percento": 12.5, "motivazione": "m"});
        v["categoria_aggiuntiva"] =
            serde_json::json!({"nome": "n", "motivazione": "m", "percento": 25.0});
        let s = read_submission(&v.to_string()).unwrap();
        assert_eq!(s.forze_polizia.unwrap().percento.to_string(), "12,5");
        assert_eq!(
            s.categoria_aggiuntiva.unwrap().percento,
            Some(crate::percent::Percent::whole(25))
        );
        v["forze_polizia"]["percento"] = serde_json::json!(12.25);
        let err = read_submission(&v.to_string()).unwrap_err().to_string();
        assert!(
            err.contains("percentuale 12.25 non ammessa: serve un numero da 0 a 255 con al massimo un decimale"),
            "{err}"
        );
    }

    #[test]
    fn wrong_counts_are_explained_in_italian() {
        for (bad, expected) in [
            (serde_json::json!(-1), "valore -1 non ammesso"),
            (serde_json::json!(1.5), "numero con decimali (1.5)"),
            (
                serde_json::json!("353"),
                "testo dove serve un numero intero",
            ),
        ] {
            let mut v = demo_json();
            v["consistenza"]["sap"] = bad;
            let err = read_submission(&v.to_string()).unwrap_err().to_string();
            assert!(err.contains(expected), "{err}");
        }
    }

    #[test]
    fn tells_apart_not_json_other_json_and_other_versions() {
        assert!(matches!(
            read_submission("%PDF-1.7"),
            Err(ReadError::Json(_))
        ));
        let dup = r#"{"formato":"offerta-abitativa/scheda","formato":"x"}"#;
        assert!(matches!(
            read_submission(dup),
            Err(ReadError::Json(JsonError::DuplicateKey { .. }))
        ));
        assert_eq!(read_submission("{\"a\":1}"), Err(ReadError::NotASubmission));
        let key =
            r#"{"formato": "offerta-abitativa/chiave", "versione": 1, "ente": "Comune di Crema"}"#;
        let err = read_submission(key).unwrap_err();
        assert_eq!(err, ReadError::KeyFile("Comune di Crema".into()));
        assert!(err
            .to_string()
            .contains("chiave privata di firma di «Comune di Crema»"));
        assert!(err
            .to_string()
            .contains("deve creare subito una nuova chiave"));
        let mut newer = demo_json();
        newer["versione"] = (FORMAT_VERSION + 1).into();
        let err = read_submission(&newer.to_string()).unwrap_err();
        assert_eq!(
            err,
            ReadError::UnsupportedVersion((FORMAT_VERSION + 1).into())
        );
        assert!(err.to_string().contains("aggiornare l'app"));
        let mut older = demo_json();
        older["versione"] = 0.into();
        let err = read_submission(&older.to_string()).unwrap_err();
        assert!(err.to_string().contains("chiedere un file nuovo"), "{err}");
        let mut missing = demo_json();
        missing.as_object_mut().unwrap().remove("referente");
        let err = read_submission(&missing.to_string()).unwrap_err();
        assert!(
            matches!(err, ReadError::Invalid(ref m) if m.it.contains("referente") && m.en.contains("referente")),
            "{err}"
        );
    }
}
