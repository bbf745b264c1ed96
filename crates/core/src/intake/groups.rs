//! The received files at a glance (issue #28): a count per state, in the state's one name
//! ([`FileState::name`]), and the files grouped by what the capofila must do - its
//! decisions first, then the files in the plan, then those that are not. The page shows
//! these groups as they come; a long group shows its first rows and the rest on request, so
//! 1,500 or 10,000 files do not make a page of 10,000 rows.

use super::{FileState, ReceivedFile, Refusal};
use crate::text::{slug, Bilingual};

/// The order of the groups: what waits for the capofila's decision (a signer of a firma
/// digitale to confirm, a key to accept, a date to confirm, a changed key), then what counts, then what a newer file replaced, what is
/// set aside (another ambito or year, not the ambito's ALER), and last what is refused (the
/// ente must send a new file). A duplicate is never a received file, so it has no group.
pub const GROUP_ORDER: [FileState; 17] = [
    FileState::SignerToConfirm,
    FileState::KeyToAccept,
    FileState::DateToConfirm,
    FileState::KeyChanged,
    FileState::Counted,
    FileState::Superseded,
    FileState::OutsideAmbito,
    FileState::OtherAler,
    FileState::KeyReplaced,
    FileState::KeyRevoked,
    FileState::SignerReplaced,
    FileState::SignerRevoked,
    FileState::Refused(Refusal::InvalidSignature),
    FileState::Refused(Refusal::Unsigned),
    FileState::Refused(Refusal::Unreadable),
    FileState::Refused(Refusal::DemoKey),
    FileState::Refused(Refusal::BreaksRules),
];

/// Rows a group shows at first, and the rows each «Mostra altri» adds: a screen's worth
/// and then some, so the DOM stays small whatever the number of files.
pub const ROWS_AT_ONCE: usize = 50;

/// A group of files in the plan longer than this starts closed: the capofila looks for the
/// files needing attention, and the plan below should not sit under dozens of rows.
pub const COUNTED_OPEN_UP_TO: usize = 10;

/// The files received in one state, in the order they were received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileGroup {
    pub state: FileState,
    /// Positions in the list of received files.
    pub files: Vec<usize>,
}

impl FileGroup {
    /// The group's anchor in the page («gruppo-chiave-da-accettare»), from its one name.
    pub fn anchor(&self) -> String {
        format!("gruppo-{}", slug(&self.state.name().it))
    }

    /// «5 chiavi da accettare», «1 conteggiata».
    pub fn count(&self) -> Bilingual {
        self.state.count_of(self.files.len())
    }

    /// Whether the group starts closed: files in the plan, more than
    /// [`COUNTED_OPEN_UP_TO`] of them.
    pub fn starts_closed(&self) -> bool {
        self.state == FileState::Counted && self.files.len() > COUNTED_OPEN_UP_TO
    }

    /// The rows shown after the capofila asked for more `asked` times.
    pub fn rows_shown(&self, asked: usize) -> usize {
        self.files
            .len()
            .min(ROWS_AT_ONCE.saturating_mul(asked.saturating_add(1)))
    }

    /// The rows the next «Mostra altri» adds after `asked` requests; none when all are shown.
    pub fn more_rows(&self, asked: usize) -> usize {
        let shown = self.rows_shown(asked);
        (self.files.len() - shown).min(ROWS_AT_ONCE)
    }
}

/// The non-empty groups of `received`, in [`GROUP_ORDER`].
pub fn file_groups(received: &[ReceivedFile]) -> Vec<FileGroup> {
    let states: Vec<FileState> = received.iter().map(ReceivedFile::state).collect();
    GROUP_ORDER
        .iter()
        .filter_map(|&state| {
            let files: Vec<usize> = (0..states.len()).filter(|&i| states[i] == state).collect();
            (!files.is_empty()).then_some(FileGroup { state, files })
        })
        .collect()
}

/// «41 conteggiate, 5 chiavi da accettare, 1 data da confermare, 1 scartata: firma non
/// valida»: the groups' counts in one line, in the groups' order.
pub fn summary(groups: &[FileGroup]) -> Bilingual {
    let counts: Vec<Bilingual> = groups.iter().map(FileGroup::count).collect();
    let join =
        |side: fn(&Bilingual) -> &str| counts.iter().map(side).collect::<Vec<&str>>().join(", ");
    Bilingual::new(join(|b| &b.it), join(|b| &b.en))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::{CheckedFile, Intake};
    use std::rc::Rc;

    /// The 48 Crema files of [`crate::fixtures::crema_2021_to_decide`], dropped on a day of
    /// 2026.
    fn crema_to_decide() -> Intake {
        let (files, registry) = crate::fixtures::crema_2021_to_decide();
        let mut intake = Intake::new(crate::ambiti::preset("crema").unwrap(), 2021, registry);
        let registry = Rc::clone(intake.registry());
        let checked = files
            .into_iter()
            .map(|(n, t)| CheckedFile::check(n, t.into_bytes(), &registry))
            .collect();
        intake.add_at(checked, "2026-12-06T10:00:00Z");
        intake
    }

    #[test]
    fn the_summary_leads_with_the_decisions_in_each_states_one_name() {
        let intake = crema_to_decide();
        let groups = file_groups(intake.received());
        assert_eq!(
            summary(&groups).it,
            "5 chiavi da accettare, 1 data da confermare, 41 conteggiate, 1 scartata: firma non valida"
        );
        assert_eq!(
            summary(&groups).en,
            "5 keys to accept, 1 date to confirm, 41 counted, 1 refused: signature not valid"
        );
        let anchors: Vec<String> = groups.iter().map(FileGroup::anchor).collect();
        assert_eq!(
            anchors,
            [
                "gruppo-chiave-da-accettare",
                "gruppo-data-da-confermare",
                "gruppo-conteggiata",
                "gruppo-scartata--firma-non-valida"
            ]
        );
        // Every file is in one group, once.
        let mut all: Vec<usize> = groups.iter().flat_map(|g| g.files.clone()).collect();
        all.sort_unstable();
        assert_eq!(all, (0..48).collect::<Vec<_>>());
        assert!(
            groups[2].starts_closed(),
            "41 files in the plan start closed"
        );
        assert!(!groups[0].starts_closed());
    }

    #[test]
    fn a_count_agrees_and_says_the_one_name_after_one() {
        for state in FileState::ALL {
            assert_eq!(state.count_of(1).it, format!("1 {}", state.name().it));
            assert_eq!(state.count_of(1).en, format!("1 {}", state.name().en));
            assert!(state.count_of(2).it.starts_with("2 "));
        }
        assert_eq!(FileState::Counted.count_of(41).it, "41 conteggiate");
        assert_eq!(FileState::KeyToAccept.count_of(5).en, "5 keys to accept");
        assert_eq!(
            FileState::DateToConfirm.count_of(2).it,
            "2 date da confermare"
        );
    }

    #[test]
    fn every_state_of_a_received_file_has_its_place_and_anchor() {
        let mut anchors = std::collections::BTreeSet::new();
        for state in FileState::ALL {
            let placed = GROUP_ORDER.contains(&state);
            // A duplicate is named when dropped, never listed.
            assert_eq!(placed, state != FileState::Duplicate, "{state:?}");
            let group = FileGroup {
                state,
                files: vec![0],
            };
            assert!(anchors.insert(group.anchor()), "{state:?}");
        }
        let decisions = GROUP_ORDER
            .iter()
            .take_while(|s| s.waits_for_decision())
            .count();
        assert_eq!(decisions, 4, "every decision comes first");
        assert_eq!(GROUP_ORDER[decisions], FileState::Counted);
    }

    #[test]
    fn a_long_group_shows_its_rows_a_page_at_a_time() {
        let group = FileGroup {
            state: FileState::Counted,
            files: (0..1500).collect(),
        };
        assert_eq!(group.rows_shown(0), ROWS_AT_ONCE);
        assert_eq!(group.more_rows(0), ROWS_AT_ONCE);
        assert_eq!(group.rows_shown(29), 1500);
        assert_eq!(group.more_rows(29), 0);
        let short = FileGroup {
            state: FileState::KeyToAccept,
            files: (0..70).collect(),
        };
        assert_eq!((short.rows_shown(0), short.more_rows(0)), (50, 20));
        assert_eq!((short.rows_shown(1), short.more_rows(1)), (70, 0));
        assert_eq!(short.rows_shown(usize::MAX), 70);
    }
}
