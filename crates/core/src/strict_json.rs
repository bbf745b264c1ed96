//! A JSON reader for files that arrive from outside: it refuses what `serde_json::Value`
//! would silently accept. Duplicate keys (serde_json keeps the last one, so a file could show
//! one value to a human and another to the app) and integers beyond 2^53 (which JavaScript
//! and other readers round, so the signed meaning differs between languages) are errors.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::text::{Bilingual, Message};

/// Largest integer every JSON reader represents exactly (2^53 - 1).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    Syntax {
        /// serde_json's own (English) words; the Italian message translates them.
        message: String,
        line: usize,
        column: usize,
    },
    DuplicateKey {
        key: String,
        line: usize,
        column: usize,
    },
    UnsafeInteger {
        number: String,
        line: usize,
        column: usize,
    },
    /// An empty file, or only white space.
    Empty,
}

impl JsonError {
    /// What a clerk reads: what is wrong with the file and what to do, without the parser's
    /// words (line, column, JSON): those are in [`JsonError::message_en`] and `Display`,
    /// shown as technical detail.
    pub fn plain(&self) -> Bilingual {
        self.plain_asking((
            "chiedere all'ente di inviarlo di nuovo",
            "ask the ente to send it again",
        ))
    }

    /// [`JsonError::plain`] with the sender's words: what to ask of whom the file came
    /// from (Italian, English), e.g. the capofila for a request.
    pub fn plain_asking(&self, ask: (&str, &str)) -> Bilingual {
        match self {
            JsonError::Empty => Bilingual::new("il file è vuoto", "the file is empty"),
            JsonError::Syntax { message, .. } if message.starts_with("EOF while parsing") => {
                Bilingual::new(
                    format!("il file finisce prima del previsto: forse è troncato (copiato o scaricato a metà); {}", ask.0),
                    format!("the file ends too early: perhaps it is truncated (copied or downloaded half way); {}", ask.1),
                )
            }
            JsonError::Syntax { .. } => Bilingual::new(
                format!("il file è danneggiato o è stato modificato a mano e non si può leggere; {}", ask.0),
                format!("the file is damaged or was edited by hand and cannot be read; {}", ask.1),
            ),
            JsonError::DuplicateKey { .. } => Bilingual::new(
                format!("il file riporta due volte lo stesso dato, forse con valori diversi, e non si può sapere quale vale: non è un file dell'app così com'è; {}", ask.0),
                format!("the file holds the same item twice, perhaps with different values, and there is no telling which counts: it is not a file of the app as it was written; {}", ask.1),
            ),
            JsonError::UnsafeInteger { .. } => Bilingual::new(
                format!("il file contiene un numero troppo grande per essere letto con esattezza; {}", ask.0),
                format!("the file holds a number too large to be read exactly; {}", ask.1),
            ),
        }
    }

    /// [`JsonError::plain_asking`], with the parser's account as technical detail.
    pub fn message_asking(&self, ask: (&str, &str)) -> Message {
        Message::from(self.plain_asking(ask)).with_technical(self.technical())
    }

    /// The parser's own account (where and what), the technical detail of a [`Message`];
    /// none for an empty file, which says it all.
    pub fn technical(&self) -> Option<Bilingual> {
        (*self != JsonError::Empty).then(|| Bilingual::new(self.to_string(), self.message_en()))
    }

    /// The English message (the Italian one is `Display`).
    pub fn message_en(&self) -> String {
        match self {
            JsonError::Empty => "the file is empty".into(),
            JsonError::Syntax { message, line, column } => format!(
                "the content is not valid JSON (line {line}, column {column}: {message})"
            ),
            JsonError::DuplicateKey { key, line, column } => format!(
                "the key «{key}» appears twice in the same object (line {line}, column {column}): the file is ambiguous"
            ),
            JsonError::UnsafeInteger { number, line, column } => format!(
                "the number {number} is larger than 2^53 and cannot be represented exactly (line {line}, column {column})"
            ),
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::Empty => f.write_str("il file è vuoto"),
            JsonError::Syntax { message, line, column } => write!(
                f,
                "il contenuto non è JSON valido (riga {line}, colonna {column}: {})",
                italian(message)
            ),
            JsonError::DuplicateKey { key, line, column } => write!(
                f,
                "la chiave «{key}» compare due volte nello stesso oggetto (riga {line}, colonna {column}): il file è ambiguo"
            ),
            JsonError::UnsafeInteger { number, line, column } => write!(
                f,
                "il numero {number} supera 2^53 e non è rappresentabile con esattezza (riga {line}, colonna {column})"
            ),
        }
    }
}

impl std::error::Error for JsonError {}

// Markers carried through serde's string-only custom errors, decoded in `parse`.
const DUPLICATE: &str = "\u{1}duplicate:";
const UNSAFE: &str = "\u{1}unsafe:";

struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        if v.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(E::custom(format!("{UNSAFE}{v}")));
        }
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        if v > MAX_SAFE_INTEGER {
            return Err(E::custom(format!("{UNSAFE}{v}")));
        }
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        // A float that is really a huge integer (e.g. 1e300 or 18446744073709551616) would be
        // rounded just the same; plain fractions are left to the typed reader to refuse.
        if v.fract() == 0.0 && v.abs() > MAX_SAFE_INTEGER as f64 {
            return Err(E::custom(format!("{UNSAFE}{v}")));
        }
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format!("{DUPLICATE}{key}")));
            }
            let StrictValue(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// serde_json's syntax messages, said in Italian for the clerk who reads them.
fn italian(message: &str) -> String {
    if message.starts_with("EOF while parsing") {
        "il file finisce prima del previsto: forse è troncato".into()
    } else if message.starts_with("recursion limit exceeded") {
        "troppi livelli annidati".into()
    } else if message.starts_with("trailing characters") {
        "c'è altro testo dopo la fine del documento".into()
    } else if message.starts_with("expected value") {
        "carattere inatteso al posto di un valore".into()
    } else if message.starts_with("key must be a string") {
        "un nome di campo non è tra virgolette".into()
    } else if message.starts_with("trailing comma") {
        "virgola di troppo prima della chiusura".into()
    } else if message.starts_with("control character") || message.starts_with("invalid escape") {
        "carattere non ammesso in un testo".into()
    } else {
        message.to_owned()
    }
}

/// Parses `text` as one JSON value, refusing duplicate keys and unsafe integers.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    if text.trim().is_empty() {
        return Err(JsonError::Empty);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result = StrictValue::deserialize(&mut de).and_then(|v| de.end().map(|()| v.0));
    result.map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let message = e.to_string();
        // serde_json appends " at line L column C" to the message.
        let core = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        if let Some(key) = core.strip_prefix(DUPLICATE) {
            JsonError::DuplicateKey {
                key: key.to_owned(),
                line,
                column,
            }
        } else if let Some(number) = core.strip_prefix(UNSAFE) {
            JsonError::UnsafeInteger {
                number: number.to_owned(),
                line,
                column,
            }
        } else {
            JsonError::Syntax {
                message: core,
                line,
                column,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_json() {
        let v =
            parse(r#"{"a": [1, -2, 3.5, "x", null, true], "b": {"c": 9007199254740991}}"#).unwrap();
        assert_eq!(v["b"]["c"], 9007199254740991u64);
    }

    #[test]
    fn refuses_duplicate_keys_at_any_depth() {
        let err = parse(r#"{"a": {"b": 1, "b": 2}}"#).unwrap_err();
        assert!(
            matches!(err, JsonError::DuplicateKey { ref key, line: 1, .. } if key == "b"),
            "{err:?}"
        );
        assert!(err.to_string().contains("«b» compare due volte"));
    }

    #[test]
    fn refuses_integers_beyond_2_pow_53() {
        for text in [
            "9007199254740992",
            "-9007199254740992",
            "18446744073709551616",
            "1e300",
            r#"{"n": 12345678901234567890}"#,
        ] {
            assert!(
                matches!(parse(text), Err(JsonError::UnsafeInteger { .. })),
                "{text}"
            );
        }
    }

    #[test]
    fn reports_syntax_errors_with_their_position() {
        let err = parse("{\n  \"a\": 1,\n}").unwrap_err();
        assert!(matches!(err, JsonError::Syntax { line: 3, .. }), "{err:?}");
        assert!(err.to_string().contains("virgola di troppo"), "{err}");
        assert!(parse("{\"a\": \"tronc")
            .unwrap_err()
            .to_string()
            .contains("troncato"));
        let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        assert!(parse(&deep)
            .unwrap_err()
            .to_string()
            .contains("troppi livelli annidati"));
        assert_eq!(parse("  \n"), Err(JsonError::Empty));
        assert!(
            matches!(parse("{} {}"), Err(JsonError::Syntax { .. })),
            "trailing data"
        );
    }
}
