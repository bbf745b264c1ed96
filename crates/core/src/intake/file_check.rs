//! What the files of one drop are checked with, taken from the intake as the drop starts. The
//! page's drop zone and the CLI both check each received file with it, one at a time (the
//! costly step: signatures, rules), so that the intake, when the files are added, takes each
//! verdict as it is and only verifies again a file whose registry, trust anchors or revocation
//! lists changed meanwhile.

use std::rc::Rc;

use super::{CheckedFile, Intake};
use crate::ambiti::Ambito;
use crate::signing::cades::RevocationList;
use crate::signing::qualified::TrustAnchor;
use crate::signing::TrustRegistry;

/// The intake's registry, trust anchors, revocation lists and ambito at the start of a drop,
/// and the capofila's clock then.
#[derive(Clone, Debug)]
pub struct FileCheck {
    registry: Rc<TrustRegistry>,
    anchors: Rc<Vec<TrustAnchor>>,
    lists: Rc<Vec<RevocationList>>,
    ambito: Rc<Ambito>,
    now: Option<Rc<str>>,
}

impl Intake {
    /// The check of a drop starting at `now` (the capofila's clock, RFC 3339; `None` judges a
    /// `.p7m` at its own signing time).
    pub fn file_check(&self, now: Option<&str>) -> FileCheck {
        FileCheck {
            registry: self.registry().clone(),
            anchors: self.anchors().clone(),
            lists: self.revocation_lists().clone(),
            ambito: self.ambito().clone(),
            now: now.map(Rc::from),
        }
    }
}

impl FileCheck {
    /// The file `name` verified (a `.p7m` against the anchors and revocation lists) and its
    /// submission validated by the ambito's rules.
    pub fn check(&self, name: String, bytes: Vec<u8>) -> CheckedFile {
        CheckedFile::check_with_trust(
            name,
            bytes,
            &self.registry,
            &self.anchors,
            &self.lists,
            self.now.as_deref(),
        )
        .validated_for(&self.ambito)
    }
}
