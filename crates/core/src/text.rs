//! Every text the core produces for people (a table's titles, headers and labels, a kind of
//! work, a verification outcome, a reason, an error) is a [`Bilingual`]: in Italian (the
//! language of the records, the CLI, the exports and the signed aggregate) and in English
//! (for a page shown in English).

use serde::{Serialize, Serializer};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bilingual {
    pub it: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(it: impl Into<String>, en: impl Into<String>) -> Bilingual {
        Bilingual {
            it: it.into(),
            en: en.into(),
        }
    }
}

/// The Italian text: the one of the record.
impl std::fmt::Display for Bilingual {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.it)
    }
}

impl std::error::Error for Bilingual {}

/// Recorded (in the signed aggregate) as its Italian text.
impl Serialize for Bilingual {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.it)
    }
}
