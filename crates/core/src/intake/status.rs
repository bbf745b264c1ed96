//! The capofila's status board (issue #16): for each comune of the ambito, whether it
//! answered (with which file and what became of it), or, silent, whether it owns housing and
//! so must answer; the days to the request's deadline; the reminder to paste into a PEC.
//!
//! Who must answer is the ambito's list of owners (the same list that makes a silent owner
//! *inadempiente* in the ricognizione); without the list every silent comune is only "not yet
//! answered".

use crate::ambiti::Ambito;
use crate::comuni::{self, IstatCode};
use crate::request::{deadline_line, VerifiedRequest};
use crate::text::{agreeing, agreeing_en, count, count_en, Bilingual};

use super::{FileState, ReceivedFile};

/// How a file relates to the capofila's request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestMatch {
    /// The file names the request loaded on the board.
    ThisRequest,
    /// The file names another request (an older one, or another capofila's).
    OtherRequest,
    /// The file was made without a request.
    NoRequest,
}

/// One file of a comune, as the board lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerFile {
    pub name: String,
    /// The file's state ([`FileState`]) and its name ("conteggiata", "chiave da accettare", ...).
    pub file_state: FileState,
    pub state: Bilingual,
    pub counts: bool,
    /// `None` when no request is loaded on the board.
    pub request: Option<RequestMatch>,
}

impl AnswerFile {
    fn of(f: &ReceivedFile, request: Option<&VerifiedRequest>) -> AnswerFile {
        let file_state = f.state();
        AnswerFile {
            name: f.name.clone(),
            file_state,
            state: file_state.name(),
            counts: file_state == FileState::Counted,
            request: request.map(|r| {
                match f
                    .verified
                    .submission
                    .as_ref()
                    .and_then(|s| s.richiesta.as_ref())
                {
                    Some(answered) if answered.hash == r.hash => RequestMatch::ThisRequest,
                    Some(_) => RequestMatch::OtherRequest,
                    None => RequestMatch::NoRequest,
                }
            }),
        }
    }
}

/// Where a comune stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// A file of the comune counts in the plan.
    Answered,
    /// A valid file of the comune waits for the capofila's decision (key to accept, date to
    /// confirm, changed key): «in attesa di verifica», never missing nor inadempiente.
    Waiting,
    /// The comune sent files, none of which counts or waits (refused, signed with a revoked
    /// key, for another year...).
    AnsweredNotCounted,
    /// Known to own housing and silent: it must answer (inadempiente if it does not).
    OwnerSilent,
    /// Not known to own housing and silent: not required, asked to confirm.
    Silent,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComuneStatus {
    pub code: IstatCode,
    /// "Comune di Bagnolo Cremasco".
    pub name: String,
    pub owner: bool,
    pub standing: Standing,
    pub files: Vec<AnswerFile>,
}

impl Standing {
    pub fn word(self) -> Bilingual {
        match self {
            Standing::Answered => Bilingual::new("ha risposto", "answered"),
            Standing::Waiting => Bilingual::new(IN_ATTESA.0, IN_ATTESA.1),
            Standing::AnsweredNotCounted => Bilingual::new(
                "ha inviato un file che non conta",
                "sent a file that does not count",
            ),
            Standing::OwnerSilent => Bilingual::new(
                "titolare di alloggi: non ha ancora risposto",
                "owns housing: has not answered yet",
            ),
            Standing::Silent => Bilingual::new(
                "non ha ancora risposto (non risulta titolare di alloggi)",
                "has not answered yet (not known to own housing)",
            ),
        }
    }

    /// Whether the reminder asks this comune for its file.
    pub fn is_missing(self) -> bool {
        !matches!(self, Standing::Answered | Standing::Waiting)
    }

    /// Where an ente stands with these files (`owner`: known to own housing): a counted file
    /// answers; else a file waiting for the capofila's decision; else any file that does
    /// not count; with none, silent. The status board and the ricognizione both ask here.
    pub fn of(files: impl IntoIterator<Item = FileState>, owner: bool) -> Standing {
        let states: Vec<FileState> = files.into_iter().collect();
        if states.contains(&FileState::Counted) {
            Standing::Answered
        } else if states.iter().any(|s| s.waits_for_decision()) {
            Standing::Waiting
        } else if !states.is_empty() {
            Standing::AnsweredNotCounted
        } else if owner {
            Standing::OwnerSilent
        } else {
            Standing::Silent
        }
    }

    /// The state that says why an ente stands so: the first waiting file's for
    /// [`Standing::Waiting`], the first file's otherwise (none when silent).
    pub fn decisive(files: impl IntoIterator<Item = FileState>) -> Option<FileState> {
        let states: Vec<FileState> = files.into_iter().collect();
        states
            .iter()
            .copied()
            .find(|s| *s == FileState::Counted)
            .or_else(|| states.iter().copied().find(|s| s.waits_for_decision()))
            .or_else(|| states.first().copied())
    }
}

/// The name of a comune whose valid file waits for the capofila's decision.
pub const IN_ATTESA: (&str, &str) = ("in attesa di verifica", "waiting for verification");

/// «bozza: 2 file in attesa di decisione» when `waiting` files wait for the capofila's
/// decision; none when no file does.
pub fn draft_note(waiting: usize) -> Option<Bilingual> {
    (waiting > 0).then(|| {
        Bilingual::new(
            format!("bozza: {waiting} file in attesa di decisione"),
            if waiting == 1 {
                "draft: 1 file waiting for a decision".to_owned()
            } else {
                format!("draft: {waiting} files waiting for a decision")
            },
        )
    })
}

/// What the bulk confirmation of signers did, in plain words: «Confermati 2 firmatari il cui
/// certificato nomina il proprio ente: ANNA NERI firma per il Comune di Crema; … 1 file attende
/// ancora la conferma del firmatario, uno per uno.» (`waiting`: the files still waiting now).
pub fn signers_confirmed(confirmed: &[Bilingual], waiting: usize) -> Bilingual {
    let (it, en): (Vec<&str>, Vec<&str>) = confirmed
        .iter()
        .map(|b| (b.it.as_str(), b.en.as_str()))
        .unzip();
    let n = confirmed.len();
    let (done_it, done_en) = if n == 1 {
        (
            "Confermato 1 firmatario il cui certificato nomina il proprio ente".to_owned(),
            "Confirmed 1 signer whose certificate names their own ente".to_owned(),
        )
    } else {
        (
            format!(
                "Confermati {} firmatari il cui certificato nomina il proprio ente",
                count(n as u64)
            ),
            format!(
                "Confirmed {} signers whose certificate names their own ente",
                count_en(n as u64)
            ),
        )
    };
    let (rest_it, rest_en) = match waiting {
        0 => (
            "Nessun file attende più la conferma del firmatario.".to_owned(),
            "No file waits for its signer to be confirmed any more.".to_owned(),
        ),
        1 => (
            "1 file attende ancora la conferma del firmatario, uno per uno.".to_owned(),
            "1 file still waits for its signer to be confirmed, one by one.".to_owned(),
        ),
        n => (
            format!(
                "{} file attendono ancora la conferma del firmatario, uno per uno.",
                count(n as u64)
            ),
            format!(
                "{} files still wait for their signer to be confirmed, one by one.",
                count_en(n as u64)
            ),
        ),
    };
    Bilingual::new(
        format!("{done_it}: {}. {rest_it}", it.join("; ")),
        format!("{done_en}: {}. {rest_en}", en.join("; ")),
    )
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusBoard {
    pub ambito: String,
    pub year: u16,
    pub comuni: Vec<ComuneStatus>,
    /// Files of entes that are not a comune (the ALER), by ente name: they answer too,
    /// though no comune's row holds them.
    pub others: Vec<(String, AnswerFile)>,
    /// Files of comuni that are not in the ambito (sent to the wrong capofila, or dropped
    /// by mistake): set aside, and never listed with the owners of housing.
    pub outside_ambito: Vec<(String, AnswerFile)>,
    /// The deadline (YYYY-MM-DD) and the days to it, when a request is loaded.
    pub deadline: Option<String>,
    pub days_left: Option<i64>,
    /// The line the board shows about the deadline.
    pub deadline_line: Option<Bilingual>,
    /// Who asked and how to reach them, for the reminder's signature.
    request: Option<VerifiedRequest>,
}

fn comune_name(code: IstatCode) -> String {
    comuni::by_code(code).map_or_else(|| code.to_string(), |c| format!("Comune di {}", c.nome))
}

impl StatusBoard {
    /// The board of `received` for `ambito` and `year`, with the `request` sent (if any),
    /// seen on `today` (YYYY-MM-DD or RFC 3339).
    pub fn of(
        received: &[ReceivedFile],
        ambito: &Ambito,
        year: u16,
        request: Option<&VerifiedRequest>,
        today: &str,
    ) -> StatusBoard {
        // Each comune's files in the order received, gathered in one pass: asking every
        // file for every comune grew with their product (1,506 comuni by 10,000 files).
        let mut by_comune: std::collections::HashMap<IstatCode, Vec<AnswerFile>> =
            std::collections::HashMap::new();
        for f in received {
            if let Some(code) = f
                .verified
                .submission
                .as_ref()
                .and_then(|s| s.ente.comune_code())
            {
                by_comune
                    .entry(code)
                    .or_default()
                    .push(AnswerFile::of(f, request));
            }
        }
        let comuni = ambito
            .comuni
            .iter()
            .map(|&code| {
                let files = by_comune.get(&code).cloned().unwrap_or_default();
                let owner = ambito.owns_stock(code);
                let standing = Standing::of(files.iter().map(|f| f.file_state), owner);
                ComuneStatus {
                    code,
                    name: comune_name(code),
                    owner,
                    standing,
                    files,
                }
            })
            .collect();
        let (outside_ambito, others) = received
            .iter()
            .filter_map(|f| {
                let ente = &f.verified.submission.as_ref()?.ente;
                let comune = ente.comune_code();
                let of_a_comune = comune.is_some_and(|c| ambito.contains(c));
                (!of_a_comune).then(|| {
                    let entry = (ente.display_name(), AnswerFile::of(f, request));
                    (comune.is_some(), entry)
                })
            })
            .partition::<Vec<_>, _>(|(of_a_comune_outside, _)| *of_a_comune_outside);
        let strip = |entries: Vec<(bool, (String, AnswerFile))>| -> Vec<(String, AnswerFile)> {
            entries.into_iter().map(|(_, entry)| entry).collect()
        };
        let (outside_ambito, others) = (strip(outside_ambito), strip(others));
        let deadline = request.map(|r| r.request.scadenza.clone());
        StatusBoard {
            ambito: ambito.nome.clone(),
            year,
            comuni,
            others,
            outside_ambito,
            days_left: request.and_then(|r| r.request.days_left(today)),
            deadline_line: deadline.as_deref().map(|d| deadline_line(d, today)),
            deadline,
            request: request.cloned(),
        }
    }

    /// How many comuni stand as `standing`.
    pub fn count(&self, standing: Standing) -> usize {
        self.comuni
            .iter()
            .filter(|c| c.standing == standing)
            .count()
    }

    /// "31 su 48 comuni hanno risposto; mancano 3 titolari di alloggi".
    pub fn summary(&self) -> Bilingual {
        let answered = self.count(Standing::Answered);
        let of = self.comuni.len();
        let owners = self.count(Standing::OwnerSilent);
        let not_counted = self.count(Standing::AnsweredNotCounted);
        let waiting = self.count(Standing::Waiting);
        // Every count groups its thousands as the rest of the screen does.
        let (of_it, of_en) = (count(of as u64), count_en(of as u64));
        let mut it = agreeing(
            answered,
            &format!("comune su {of_it} ha risposto"),
            &format!("comuni su {of_it} hanno risposto"),
        );
        let mut en = format!("{} of {of_en} comuni answered", count_en(answered as u64));
        if owners > 0 {
            it.push_str("; ");
            it.push_str(&agreeing(
                owners,
                "titolare di alloggi non ha ancora risposto",
                "titolari di alloggi non hanno ancora risposto",
            ));
            en.push_str("; ");
            en.push_str(&agreeing_en(
                owners,
                "owner of housing has not answered yet",
                "owners of housing have not answered yet",
            ));
        }
        if waiting > 0 {
            it.push_str(&format!("; {} {}", count(waiting as u64), IN_ATTESA.0));
            en.push_str(&format!("; {} {}", count_en(waiting as u64), IN_ATTESA.1));
        }
        if not_counted > 0 {
            it.push_str("; ");
            it.push_str(&agreeing(
                not_counted,
                "ha inviato un file che non conta",
                "hanno inviato un file che non conta",
            ));
            en.push_str(&format!(
                "; {} sent a file that does not count",
                count_en(not_counted as u64)
            ));
        }
        Bilingual::new(format!("{it}."), format!("{en}."))
    }

    /// The reminder the capofila pastes into a PEC to the comuni still missing: the owners
    /// that must answer first, then those whose file does not count, then (without naming a
    /// duty) the others; the deadline and the capofila's contact when a request is loaded.
    /// `None` when every comune answered.
    pub fn reminder(&self) -> Option<Bilingual> {
        let of = |standing: Standing| -> Vec<&ComuneStatus> {
            self.comuni
                .iter()
                .filter(|c| c.standing == standing)
                .collect()
        };
        let (owners, not_counted, silent, waiting) = (
            of(Standing::OwnerSilent),
            of(Standing::AnsweredNotCounted),
            of(Standing::Silent),
            of(Standing::Waiting),
        );
        if owners.is_empty() && not_counted.is_empty() && silent.is_empty() {
            return None;
        }
        let list = |comuni: &[&ComuneStatus]| -> String {
            comuni.iter().map(|c| format!("- {}\n", c.name)).collect()
        };
        // "- Comune di Romanengo (chiave da accettare)": the files' state, by its one name.
        let with_state = |comuni: &[&ComuneStatus], en: bool| -> String {
            comuni
                .iter()
                .map(|c| {
                    let state = Standing::decisive(c.files.iter().map(|f| f.file_state))
                        .map(|s| if en { s.name().en } else { s.name().it })
                        .unwrap_or_default();
                    format!("- {} ({state})\n", c.name)
                })
                .collect()
        };
        let (mut it, mut en) = (
            format!(
                "Oggetto: Piano annuale dell'offerta abitativa {} - {}: sollecito della scheda\n\n",
                self.year, self.ambito
            ),
            format!(
                "Subject: Annual plan of the housing offer {} - {}: reminder of the submission\n\n",
                self.year, self.ambito
            ),
        );
        it.push_str("Gentili colleghi,\n\n");
        en.push_str("Dear colleagues,\n\n");
        if !owners.is_empty() {
            it.push_str(&format!("non abbiamo ancora ricevuto la scheda firmata per il piano {} dai seguenti comuni, titolari di alloggi e quindi tenuti a inviarla:\n{}\n", self.year, list(&owners)));
            en.push_str(&format!("we have not yet received the signed submission for the {} plan from these comuni, which own housing and so must send it:\n{}\n", self.year, list(&owners)));
        }
        if !not_counted.is_empty() {
            it.push_str(&format!("Dei seguenti comuni abbiamo ricevuto un file che non si può conteggiare: vi chiediamo di inviarlo di nuovo, firmato con la chiave dell'ente:\n{}\n", with_state(&not_counted, false)));
            en.push_str(&format!("From these comuni we received a file that cannot be counted: please send it again, signed with the ente's key:\n{}\n", with_state(&not_counted, true)));
        }
        if !waiting.is_empty() {
            it.push_str(&format!("La scheda dei seguenti comuni è arrivata ed è {} da parte del capofila: non occorre inviarla di nuovo.\n{}\n", IN_ATTESA.0, with_state(&waiting, false)));
            en.push_str(&format!("The submission of these comuni arrived and is {} by the capofila: there is no need to send it again.\n{}\n", IN_ATTESA.1, with_state(&waiting, true)));
        }
        if !silent.is_empty() {
            it.push_str(&format!("Non abbiamo ancora ricevuto risposta neppure da questi comuni: se non possiedono alloggi, basta inviare la scheda con «nessun patrimonio»:\n{}\n", list(&silent)));
            en.push_str(&format!("We have not heard from these comuni either: if they own no housing, it is enough to send the submission with «no housing owned»:\n{}\n", list(&silent)));
        }
        self.reminder_close(&mut it, &mut en);
        Some(Bilingual::new(it, en))
    }

    /// The reminder's close: the request's deadline (still ahead or passed) and the
    /// capofila's contact when a request is loaded, the greeting always.
    fn reminder_close(&self, it: &mut String, en: &mut String) {
        if let Some(request) = &self.request {
            let on = crate::text::day_of(&request.request.scadenza);
            match self.days_left {
                Some(n) if n >= 0 => {
                    it.push_str(&format!(
                        "La scadenza indicata nella richiesta è il {on}.\n"
                    ));
                    en.push_str(&format!("The deadline given in the request is {on}.\n"));
                }
                _ => {
                    it.push_str(&format!("La scadenza indicata nella richiesta era il {on}: vi chiediamo di inviare la scheda appena possibile.\n"));
                    en.push_str(&format!("The deadline given in the request was {on}: please send the submission as soon as possible.\n"));
                }
            }
            let sender = &request.request.capofila;
            it.push_str(&format!(
                "\nPer informazioni: {}, {}.\n\nCordiali saluti,\n{}\n",
                sender.referente, sender.contatto, sender.nome
            ));
            en.push_str(&format!(
                "\nFor information: {}, {}.\n\nKind regards,\n{}\n",
                sender.referente, sender.contatto, sender.nome
            ));
        } else {
            it.push_str("\nCordiali saluti\n");
            en.push_str("\nKind regards\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue #28: the board's counts group their thousands like the rest of the capofila's
    /// screen («1.506» in Italian, «1,506» in English).
    #[test]
    fn the_summary_groups_thousands_in_both_languages() {
        let lombardy: Vec<IstatCode> = comuni::lombardia().iter().map(|c| c.istat).collect();
        let standings = [
            (Standing::Answered, 1_100),
            (Standing::OwnerSilent, 100),
            (Standing::Waiting, 200),
            (Standing::AnsweredNotCounted, 106),
        ];
        let mut board = board_of(&[]);
        board.comuni = standings
            .iter()
            .flat_map(|&(standing, n)| std::iter::repeat_n(standing, n))
            .zip(lombardy)
            .map(|(standing, code)| ComuneStatus {
                code,
                name: comune_name(code),
                owner: standing == Standing::OwnerSilent,
                standing,
                files: Vec::new(),
            })
            .collect();
        assert_eq!(board.comuni.len(), 1_506);
        assert_eq!(
            board.summary(),
            Bilingual::new(
                "1.100 comuni su 1.506 hanno risposto; 100 titolari di alloggi non hanno ancora risposto; 200 in attesa di verifica; 106 hanno inviato un file che non conta.",
                "1,100 of 1,506 comuni answered; 100 owners of housing have not answered yet; 200 waiting for verification; 106 sent a file that does not count."
            )
        );
    }

    fn board_of(standings: &[Standing]) -> StatusBoard {
        let comuni = standings
            .iter()
            .zip(crate::ambiti::preset("crema").unwrap().comuni.iter())
            .map(|(&standing, &code)| ComuneStatus {
                code,
                name: comune_name(code),
                owner: standing == Standing::OwnerSilent,
                standing,
                files: Vec::new(),
            })
            .collect();
        StatusBoard {
            ambito: "Crema".into(),
            year: 2021,
            comuni,
            others: Vec::new(),
            outside_ambito: Vec::new(),
            deadline: None,
            days_left: None,
            deadline_line: None,
            request: None,
        }
    }

    #[test]
    fn every_count_of_the_summary_agrees_with_its_number() {
        use Standing::*;
        let one = board_of(&[Answered, OwnerSilent, AnsweredNotCounted, Waiting]).summary();
        assert_eq!(
            one.it,
            "1 comune su 4 ha risposto; 1 titolare di alloggi non ha ancora risposto; \
             1 in attesa di verifica; 1 ha inviato un file che non conta."
        );
        assert!(
            one.en.contains("1 owner of housing has not answered yet"),
            "{}",
            one.en
        );
        let two = board_of(&[
            Answered,
            Answered,
            OwnerSilent,
            OwnerSilent,
            AnsweredNotCounted,
            AnsweredNotCounted,
        ])
        .summary();
        assert_eq!(
            two.it,
            "2 comuni su 6 hanno risposto; 2 titolari di alloggi non hanno ancora risposto; \
             2 hanno inviato un file che non conta."
        );
        assert!(
            two.en.contains("2 owners of housing have not answered yet"),
            "{}",
            two.en
        );
    }
}
