//! `offerta`: the native command-line tool for batch use. Every decision comes from
//! `offerta-core`, the same code the web app runs.
//!
//! Exit codes: 0 done (for `verify` and `verify-request`: every file valid); 1 `verify` and
//! `verify-request` only: some file did not verify or was refused; 2 wrong usage, or an input that could not be read or written (nothing decided).
//! A reader that closes the output early (`offerta verify ... | head -1`) does not stop the
//! command, which writes all its files and ends with 0: the lines it did not read were not
//! wanted. The plan `aggregate` prints is its product: when it does not reach the reader
//! whole, the command ends with 2. Any other failure to write (a full disk) ends with 2.

mod files;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::{Parser, Subcommand};
use offerta_core::comparison::{signed, Comparison, Figure};
use offerta_core::intake::{self, CheckedFile, Intake};
use offerta_core::plan_outputs;
use offerta_core::planning::{plan_of, LastYear};
use offerta_core::previous_plan::read_previous_plan;
use offerta_core::signing::keyfile::KdfParams;
use offerta_core::signing::{
    check_retirement, rfc3339_utc, sign_submission, verify_file, KeyFile, Outcome, TrustRegistry,
};
use offerta_core::{ambiti, carry_forward, demo, reader, rules, text, validate};

/// Strumento a riga di comando di Offerta Abitativa (piano annuale dell'offerta abitativa).
#[derive(Parser)]
#[command(
    name = "offerta",
    version,
    after_help = "Codici di uscita: 0 fatto (per verify e verify-request: ogni file valido); 1 solo verify e verify-request: \
qualche file non è valido o è rifiutato; \
2 uso errato, o un file da leggere o scrivere che non si è potuto leggere o scrivere (nulla è stato deciso), \
o un'uscita che esiste già senza --sovrascrivi. \
Se chi legge l'uscita la chiude prima della fine (es. «| head -1»), il comando scrive comunque i suoi file ed esce con 0; \
solo il piano di aggregate, se non arriva intero, esce con 2. \
Nessun comando scrive su un proprio file d'ingresso, su un file di chiave o su un registro delle chiavi."
)]
struct Cli {
    /// Sostituisce un file di uscita che esiste già (mai un file d'ingresso del comando, un
    /// file di chiave o un registro delle chiavi).
    #[arg(long, global = true)]
    sovrascrivi: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Verifica le schede firmate: una riga per file; esce con errore se un file non è valido.
    Verify {
        /// Registro delle chiavi del capofila (JSON). Senza registro una chiave non ancora
        /// registrata non è un errore.
        #[arg(long)]
        registry: Option<PathBuf>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Verifica le richieste di ricognizione ricevute dal capofila: una riga per file (valida,
    /// con capofila, piano, ambito, scadenza, impronta e quanti comuni il capofila indica come
    /// proprietari, o rifiutata, con il motivo); esce con errore se una richiesta è rifiutata.
    /// Senza --capofila-key la richiesta è «da verificare»: confrontare l'impronta con quella
    /// della PEC del capofila prima di rispondere.
    VerifyRequest {
        /// Una richiesta precedente dello stesso capofila, già verificata: la sua chiave è
        /// quella conosciuta del capofila, e una richiesta firmata con un'altra è rifiutata.
        #[arg(long, value_name = "FILE")]
        capofila_key: Option<PathBuf>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Firma una scheda con un file di chiave. Frase segreta da OFFERTA_PASSPHRASE o stdin.
    Sign {
        #[arg(long)]
        key: PathBuf,
        /// Dove scrivere il file firmato (predefinito: nome chiaro accanto alla scheda).
        #[arg(long)]
        out: Option<PathBuf>,
        file: PathBuf,
    },
    /// Prepara la bozza del piano di un nuovo anno dalla scheda dell'anno precedente (firmata,
    /// con la firma integra, o bozza): riprende a), il referente e le righe di b-e e j, da
    /// verificare sezione per sezione prima di firmare; k parte vuota.
    NuovoAnno {
        /// Anno del nuovo piano (predefinito: l'anno dopo quello del file).
        #[arg(long)]
        year: Option<u16>,
        /// Dove scrivere la bozza (predefinito: nome chiaro accanto al file).
        #[arg(long)]
        out: Option<PathBuf>,
        file: PathBuf,
    },
    /// Crea una nuova chiave di firma cifrata. Frase segreta da OFFERTA_PASSPHRASE o stdin.
    Keygen {
        /// Nome dell'ente, es. "Comune di Crema".
        #[arg(long)]
        ente: String,
        /// Identificativo dell'ente: codice ISTAT, o aler:<nome>.
        #[arg(long)]
        ente_id: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Aggrega le schede ricevute da un ambito nel piano annuale (JSON; XLSX e CSV a richiesta).
    Aggregate(AggregateArgs),
    /// Registro delle chiavi del capofila: accetta le chiavi che hanno firmato i file indicati
    /// (azione esplicita, dopo aver confrontato le impronte), o quelle le cui impronte sono in
    /// un testo (--fingerprints), sostituisce la chiave di un ente (--replace), revoca una
    /// chiave persa o rubata (--revoke); senza azione elenca le chiavi registrate.
    Trust(TrustArgs),
    /// Genera schede firmate di prova (una per comune lombardo, a rotazione), con il registro
    /// delle loro chiavi e l'ambito di tutta la Lombardia: per le misure di prestazione.
    Generate {
        #[arg(long)]
        count: usize,
        #[arg(long, default_value_t = 2027)]
        year: u16,
        #[arg(long)]
        out: PathBuf,
    },
    /// Piano dimostrativo (ambito di Crema, 2021) in JSON, o le sue 24 schede in una cartella.
    Demo {
        /// Scrive le schede (bozze non firmate) in questa cartella invece del piano.
        #[arg(long)]
        files: Option<PathBuf>,
    },
    /// Elenco delle regole di controllo, in Markdown (docs/RULES.md).
    Rules,
    /// Crea la richiesta di ricognizione del capofila agli enti dell'ambito, firmata con la
    /// chiave del comune capofila (frase segreta da OFFERTA_PASSPHRASE o stdin), da inviare
    /// via PEC.
    Richiesta(RequestArgs),
}

#[derive(clap::Args)]
struct RequestArgs {
    /// Ambito: identificativo di un ambito predefinito (crema, cremona) o file JSON/CSV; i
    /// comuni titolari di patrimonio sono quelli che l'ambito indica.
    #[arg(long)]
    ambito: String,
    #[arg(long)]
    year: u16,
    /// Scadenza delle risposte, AAAA-MM-GG.
    #[arg(long)]
    deadline: String,
    /// File della chiave del comune capofila.
    #[arg(long)]
    key: PathBuf,
    /// Ufficio o persona che segue il piano.
    #[arg(long)]
    referente: String,
    /// PEC, e-mail o telefono del referente.
    #[arg(long)]
    contatto: String,
    #[arg(
        long,
        default_value = "Si prega di compilare e inviare la scheda firmata entro la scadenza."
    )]
    message: String,
    #[arg(long)]
    out: PathBuf,
}

/// Writes one line to standard output. A reader that closed the pipe (`| head -1`) wanted
/// no more: the rest is not printed but the command goes on (its files are written) and
/// ends with 0; any other failure to write (a full disk) ends it with 2.
macro_rules! say {
    ($($arg:tt)*) => { emit(&mut std::io::stdout().lock(), &STDOUT_CLOSED, format_args!($($arg)*)) };
}

/// [`say!`] for standard error: the dispositions and the notices.
macro_rules! tell {
    ($($arg:tt)*) => { emit(&mut std::io::stderr().lock(), &STDERR_CLOSED, format_args!($($arg)*)) };
}

/// A reader closed standard output, or standard error: nothing more is written to it.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);
/// The first failure to write an output stream other than a closed pipe: the command ends
/// with 2 once its work is done.
static STREAM_FAILED: Mutex<Option<String>> = Mutex::new(None);

fn emit(out: &mut dyn Write, closed: &AtomicBool, line: std::fmt::Arguments) {
    if closed.load(Ordering::Relaxed) {
        return;
    }
    let written = out
        .write_fmt(line)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => {}
        Err(e) => {
            closed.store(true, Ordering::Relaxed);
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                stream_failed(&e);
            }
        }
    }
}

fn stream_failed(e: &std::io::Error) {
    let mut failed = STREAM_FAILED.lock().unwrap_or_else(|p| p.into_inner());
    failed.get_or_insert_with(|| format!("impossibile scrivere l'uscita ({e})"));
}

/// The plan on standard output, whole or an error: it is the command's product, and a
/// reader that closed the pipe did not get it.
fn deliver(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(|e| {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            format!(
                "il piano non è stato scritto per intero sull'uscita standard ({e}); i file indicati con --docx, --xlsx, --csv e --reminder sono stati scritti"
            )
        })
}

fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339_utc(secs)
}

use files::{read_input, read_text, write_output, Outputs};

fn write_text(path: &Path, text: &str) -> Result<(), String> {
    write_output(path, text.as_bytes())
}

fn passphrase() -> Result<String, String> {
    if let Ok(p) = std::env::var("OFFERTA_PASSPHRASE") {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("impossibile leggere la frase segreta: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// One line per file (path, outcome code, message); whether every file is good. Every file
/// is read before any verdict: one that cannot be read stops the command (exit 2), it is
/// not judged as empty bytes.
fn verify(registry: Option<PathBuf>, files: Vec<PathBuf>) -> Result<bool, String> {
    let strict = registry.is_some();
    let registry = match registry {
        Some(path) => TrustRegistry::from_json(&read_text(&path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?,
        None => TrustRegistry::default(),
    };
    let registry = std::rc::Rc::new(registry);
    let received = files
        .iter()
        .map(|path| receive(path, &registry))
        .collect::<Result<Vec<_>, _>>()?;
    let mut all_good = true;
    for (path, file) in files.iter().zip(&received) {
        let v = &file.verified;
        let good = match v.outcome {
            Outcome::Trusted => true,
            Outcome::UnknownKey => !strict,
            _ => false,
        };
        let mut message = v.outcome.message().it;
        if let Some(fp) = &v.fingerprint {
            message.push_str(&format!(" Impronta: {fp}."));
        }
        all_good &= good;
        say!(
            "{}\t{}\t{message}",
            text::visible(&path.display().to_string()),
            v.outcome.code()
        );
    }
    Ok(all_good)
}

/// One line per request file (path, `valida` or `rifiutata`, the message); whether every
/// one is valid. The capofila's known key comes from an earlier request of the same
/// capofila (what a comune keeps); every file is read before any verdict, and one that
/// cannot be read stops the command (exit 2).
fn verify_request(capofila_key: Option<PathBuf>, files: Vec<PathBuf>) -> Result<bool, String> {
    use offerta_core::request::KeyStanding;
    let read = |path: &Path| read_input(path);
    let known = match &capofila_key {
        Some(path) => Some(
            offerta_core::request::read_request(&read(path)?, None)
                .map_err(|e| {
                    format!(
                        "{}: non è una richiesta valida del capofila da cui prendere la chiave ({})",
                        path.display(),
                        e.italian()
                    )
                })?
                .public_key,
        ),
        None => None,
    };
    let received = files
        .iter()
        .map(|path| read(path))
        .collect::<Result<Vec<_>, _>>()?;
    let mut all_good = true;
    for (path, bytes) in files.iter().zip(&received) {
        let (code, message) = match offerta_core::request::read_request(bytes, known.as_deref()) {
            Ok(v) => (
                "valida",
                format!(
                    "Richiesta valida del {} per il piano {}, {}; scadenza {}; impronta {}. {} {}",
                    text::visible(&v.request.capofila.nome),
                    v.request.anno_piano,
                    text::visible(&v.request.ambito.nome),
                    text::day_of(&v.request.scadenza),
                    v.fingerprint,
                    v.owners_line().it,
                    // Without the key of an earlier request the fingerprint is the only
                    // check left: the clerk compares it with the capofila's PEC.
                    v.key_note(if known.is_some() {
                        KeyStanding::Known
                    } else {
                        KeyStanding::First
                    })
                    .it
                ),
            ),
            Err(e) => {
                all_good = false;
                ("rifiutata", e.italian())
            }
        };
        say!(
            "{}\t{code}\t{message}",
            text::visible(&path.display().to_string())
        );
    }
    Ok(all_good)
}

fn sign(key: PathBuf, out: Option<PathBuf>, file: PathBuf, overwrite: bool) -> Result<(), String> {
    let key_file =
        KeyFile::from_json(&read_text(&key)?).map_err(|e| format!("{}: {e}", key.display()))?;
    let submission = reader::read_submission(&read_text(&file)?)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let ambito = ambiti::preset(&submission.ambito);
    let report = validate(&submission, ambito.as_ref());
    if !report.can_sign() {
        let problems: Vec<String> = report
            .open()
            .map(|f| {
                format!(
                    "  {} [{}] {}: {}",
                    f.severity.label().it,
                    f.rule,
                    f.field,
                    f.message.it
                )
            })
            .collect();
        return Err(format!(
            "{}: la scheda non si può firmare finché restano questi problemi:\n{}",
            file.display(),
            problems.join("\n")
        ));
    }
    if key_file.ente_id != submission.ente.id() {
        return Err(format!(
            "la chiave è di «{}» ({}), la scheda di «{}» ({}): usare la chiave dell'ente",
            key_file.ente,
            key_file.ente_id,
            submission.ente.display_name(),
            submission.ente.id()
        ));
    }
    let out = out.unwrap_or_else(|| {
        file.parent()
            .unwrap_or(Path::new("."))
            .join(submission.file_name(true))
    });
    Outputs::new(overwrite, [key.as_path(), file.as_path()]).claim(&out)?;
    let signing_key = key_file.unlock(&passphrase()?).map_err(|e| e.to_string())?;
    let signed = sign_submission(&submission, &signing_key, &now());
    write_text(&out, &signed)?;
    say!(
        "{}\tfirmata\tImpronta: {}",
        out.display(),
        key_file.impronta
    );
    Ok(())
}

/// The draft of a new plan year from last year's file, as the page would store it, and what
/// is left to check in it.
fn new_year(
    file: PathBuf,
    year: Option<u16>,
    out: Option<PathBuf>,
    overwrite: bool,
) -> Result<(), String> {
    let bytes = read_input(&file)?;
    let last = carry_forward::read_last_year(&bytes)
        .map_err(|e| format!("{}: {}", file.display(), e.it))?;
    let year = year.unwrap_or_else(|| carry_forward::next_plan_year(&last));
    let draft = carry_forward::carry_forward_from(&last, year)
        .map_err(|e| format!("{}: {}", file.display(), e.it))?;
    let out = out.unwrap_or_else(|| {
        file.parent()
            .unwrap_or(Path::new("."))
            .join(draft.file_name(false))
    });
    Outputs::new(overwrite, [file.as_path()]).claim(&out)?;
    let text = serde_json::to_string_pretty(&draft).map_err(|e| e.to_string())?;
    write_text(&out, &text)?;
    let marked: Vec<String> = draft
        .da_verificare
        .iter()
        .map(|m| m.section().map_or_else(|| m.id().to_owned(), |s| s.label()))
        .collect();
    say!(
        "{}\tbozza {year}\tda verificare: {}",
        out.display(),
        marked.join(", ")
    );
    for mark in &draft.da_verificare {
        say!("  {}", mark.to_check().it);
    }
    say!(
        "  k) parte vuota: indicare le unità assegnate nel {}.",
        draft.assegnate_anno_precedente.anno
    );
    Ok(())
}

/// A preset's id, or a file read the way the page reads it (`ambiti::import_file`).
fn load_ambito(spec: &str) -> Result<ambiti::Ambito, String> {
    if let Some(preset) = ambiti::preset(spec) {
        return Ok(preset);
    }
    ambiti::import_file(spec, &read_text(Path::new(spec))?).map_err(|e| format!("{spec}: {e}"))
}

#[derive(clap::Args)]
struct AggregateArgs {
    /// Ambito: identificativo di un ambito predefinito (crema, cremona) o file JSON/CSV.
    #[arg(long)]
    ambito: String,
    #[arg(long)]
    year: u16,
    /// Registro delle chiavi del capofila.
    #[arg(long)]
    registry: Option<PathBuf>,
    /// Accetta le chiavi non ancora registrate (solo se le impronte sono già state verificate).
    #[arg(long)]
    trust_new_keys: bool,
    /// File JSON del piano aggregato (predefinito: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long)]
    xlsx: Option<PathBuf>,
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Scrive il documento del piano (DOCX modificabile, per l'assemblea dei sindaci).
    #[arg(long)]
    docx: Option<PathBuf>,
    /// Testi del capofila per il documento e il piano aggregato (JSON come quello salvato
    /// dalla pagina); senza, i testi proposti dall'app.
    #[arg(long)]
    testi: Option<PathBuf>,
    /// Firma il piano aggregato con questa chiave del capofila.
    #[arg(long)]
    sign_key: Option<PathBuf>,
    /// Firma il piano anche se alcuni file attendono una decisione del capofila (chiave da
    /// accettare, data da confermare, chiave cambiata): il piano firmato è una bozza e lo
    /// dice («bozza: N file in attesa di decisione»). Senza, con file in attesa non firma.
    #[arg(long, requires = "sign_key")]
    bozza: bool,
    /// Conferma la data di un file firmato in una data futura rispetto all'orologio di questo
    /// computer (dopo averla verificata con l'ente): il file conta come gli altri. Si può
    /// ripetere, o dare più file.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    confirm_date: Vec<PathBuf>,
    /// La richiesta inviata ai comuni (offerta richiesta): stampa per ogni comune se ha
    /// risposto, con quale file, o se manca, e i giorni alla scadenza.
    #[arg(long)]
    request: Option<PathBuf>,
    /// Scrive il testo del sollecito per i comuni che mancano, da incollare in una PEC.
    #[arg(long)]
    reminder: Option<PathBuf>,
    /// Piano firmato dell'anno precedente (il JSON firmato dal capofila): stampa il confronto
    /// e le variazioni da verificare, e lo aggiunge al documento (--docx). Se l'ambito non
    /// indica i comuni con patrimonio, la ricognizione usa quelli del piano precedente.
    #[arg(long, value_name = "FILE")]
    previous: Option<PathBuf>,
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct TrustArgs {
    /// Registro delle chiavi del capofila (JSON; viene creato se manca).
    #[arg(long)]
    registry: PathBuf,
    /// File firmati di cui accettare la chiave (uno o più).
    #[arg(long, num_args = 1.., conflicts_with_all = ["replace", "revoke", "fingerprints"])]
    accept: Vec<PathBuf>,
    /// File firmato con la chiave nuova di un ente (PC nuovo, frase segreta dimenticata):
    /// la accetta e segna come sostituite le chiavi precedenti; i file firmati prima con
    /// quelle restano validi. Richiede --note.
    #[arg(long, conflicts_with_all = ["revoke", "fingerprints"])]
    replace: Option<PathBuf>,
    /// Impronta della chiave da revocare (persa o rubata): i file firmati con essa da --from
    /// in poi non contano più. Richiede --note.
    #[arg(long, value_name = "IMPRONTA", conflicts_with = "fingerprints")]
    revoke: Option<String>,
    /// Da quando vale la revoca: AAAA-MM-GG (dall'inizio del giorno, UTC) o data e ora RFC
    /// 3339 (predefinito: adesso).
    #[arg(long, value_name = "DATA", requires = "revoke")]
    from: Option<String>,
    /// Testo con le impronte comunicate dagli enti (un elenco, o il messaggio PEC intero):
    /// accetta la chiave di ciascuno dei file indicati la cui impronta vi compare.
    #[arg(long, value_name = "TESTO", requires = "files")]
    fingerprints: Option<PathBuf>,
    /// Nota da registrare (es. "impronta confermata via PEC prot. 1234"); per --replace e
    /// --revoke è il motivo, obbligatorio.
    #[arg(long, default_value = "")]
    note: String,
    /// File firmati ricevuti, da confrontare con le impronte di --fingerprints.
    #[arg(requires = "fingerprints")]
    files: Vec<PathBuf>,
}

/// The name a received file goes by in the intake (as the page names a dropped file).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads one received file the way the page does: a file too large to be a submission is
/// refused unread; a file that cannot be read at all is an error, not a verdict.
fn receive(path: &Path, registry: &std::rc::Rc<TrustRegistry>) -> Result<CheckedFile, String> {
    let name = file_name(path);
    Ok(match files::read_bounded(path, intake::MAX_FILE_BYTES)? {
        Ok(bytes) => CheckedFile::check(name, bytes, registry),
        Err(size) => CheckedFile::too_large(name, size),
    })
}

/// Checks every output of `aggregate` before anything is read or written: none replaces one
/// of its inputs, a key file or a registry, or an existing file without --sovrascrivi.
fn claim_aggregate_outputs(a: &AggregateArgs, overwrite: bool) -> Result<(), String> {
    let ambito = Path::new(&a.ambito);
    let inputs = [&a.registry, &a.testi, &a.sign_key, &a.request, &a.previous]
        .into_iter()
        .flatten()
        .chain(&a.confirm_date)
        .chain(&a.files)
        .map(PathBuf::as_path)
        .chain(ambito.exists().then_some(ambito));
    let mut outputs = Outputs::new(overwrite, inputs);
    for path in [&a.out, &a.docx, &a.xlsx, &a.csv, &a.reminder]
        .into_iter()
        .flatten()
    {
        outputs.claim(path)?;
    }
    Ok(())
}

fn aggregate(a: AggregateArgs, overwrite: bool) -> Result<(), String> {
    claim_aggregate_outputs(&a, overwrite)?;
    let registry = match &a.registry {
        Some(path) => TrustRegistry::from_json(&read_text(path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?,
        None => TrustRegistry::default(),
    };
    let mut intake = Intake::new(load_ambito(&a.ambito)?, a.year, registry);
    // The capofila's clock: a file dated after it waits for --confirm-date.
    intake.set_now(&now());
    let mut last_year = LastYear::default();
    if let Some(path) = &a.previous {
        let bytes = read_input(path)?;
        read_previous_plan(&bytes)
            .and_then(|p| last_year.set(&intake, Some(p)).map_err(text::Message::from))
            .map_err(|e| format!("{}: {}", path.display(), text::capitalise(&e.italian())))?;
    }
    let files = a
        .files
        .iter()
        .map(|path| receive(path, intake.registry()))
        .collect::<Result<Vec<_>, _>>()?;
    let duplicate = intake::FileState::Duplicate;
    for name in intake.add(files) {
        tell!(
            "{}\tgià-caricato\t{}: {}",
            text::visible(&name),
            duplicate.name(),
            duplicate.sentence()
        );
    }
    if a.trust_new_keys {
        intake.accept_waiting_keys(&now(), "accettata con --trust-new-keys");
    }
    for path in &a.confirm_date {
        let name = file_name(path);
        if !intake.confirm_date(&name) {
            tell!(
                "avviso: --confirm-date {}: nessun file con questo nome ha una data futura da confermare",
                text::visible(&name)
            );
        }
    }
    for f in intake.received().iter() {
        tell!(
            "{}\t{}\t{}: {}",
            f.shown_name(),
            f.verified.outcome.code(),
            f.state().name(),
            f.message().italian()
        );
    }
    if let Some(path) = &a.request {
        let request = offerta_core::request::read_request(read_text(path)?.as_bytes(), None)
            .map_err(|e| format!("{}: {}", path.display(), e.italian()))?;
        intake
            .set_request(Some(request))
            .map_err(|e| format!("{}: {}", path.display(), e.it))?;
    }
    // Read and checked before anything is printed or written: a text with an invisible
    // character or too long makes no plan (the same check as the page's).
    let texts = match &a.testi {
        Some(t) => offerta_core::plan_texts::PlanTexts::from_file(&read_input(t)?)
            .map_err(|e| format!("{}: {}", t.display(), e.it))?,
        None => plan_outputs::default_texts(&intake),
    };
    if a.request.is_some() || a.reminder.is_some() {
        status_board(&intake, a.reminder.as_deref())?;
    }
    let plan = plan_of(&intake, &last_year);
    if let Some(comparison) = last_year.comparison(&plan) {
        print_comparison(&intake, &last_year, &comparison);
    }
    if let Some(note) = intake.draft_note() {
        tell!("{}", text::capitalise(&note.it));
    }
    let text = match &a.sign_key {
        Some(_) if intake.waiting() > 0 && !a.bozza => {
            return Err(format!(
                "{} file attendono una decisione del capofila (chiave da accettare, data da confermare o chiave cambiata): decidere prima di firmare il piano, o firmarlo come bozza con --bozza",
                intake.waiting()
            ));
        }
        Some(key_path) => {
            let key_file = KeyFile::from_json(&read_text(key_path)?)
                .map_err(|e| format!("{}: {e}", key_path.display()))?;
            offerta_core::request::check_plan_signer(
                intake.ambito(),
                &key_file.ente,
                &key_file.ente_id,
            )
            .map_err(|e| format!("{}: {}", key_path.display(), e.it))?;
            let key = key_file.unlock(&passphrase()?).map_err(|e| e.to_string())?;
            tell!(
                "Piano firmato con la chiave di {} (impronta {}).",
                key_file.ente,
                key_file.impronta
            );
            plan_outputs::signed_aggregate_text(&intake, &plan, &texts, &key, &now())
        }
        None => plan_outputs::aggregate_text(&intake, &plan, &texts),
    };
    // The files first: a reader closing standard output must not keep them from being written.
    if let Some(path) = &a.docx {
        let document = plan_outputs::document(&intake, &last_year, &plan, &texts);
        let bytes = offerta_core::document::to_docx(&document).map_err(|e| e.to_string())?;
        write_output(path, &bytes)?;
    }
    let about = plan_outputs::about(&intake, &now());
    if let Some(path) = &a.xlsx {
        let bytes = offerta_core::export::xlsx(&plan, intake.received(), &about)
            .map_err(|e| e.to_string())?;
        write_output(path, &bytes)?;
    }
    if let Some(path) = &a.csv {
        write_text(
            path,
            &offerta_core::export::csv(&plan, intake.received(), &about)?,
        )?;
    }
    match &a.out {
        Some(path) => write_text(path, &text),
        None => deliver(&text),
    }
}

/// The comparison with last year's plan on standard error (standard output may carry the
/// plan): which plan, its notes, the changes to check, then each figure per ente.
fn print_comparison(intake: &Intake, last_year: &LastYear, comparison: &Comparison) {
    let Some(previous) = last_year.previous() else {
        return;
    };
    // Verified (the capofila's known key) or not, said first: an unverified plan's figures
    // are only an indication and never give the owners.
    if let Some(status) = last_year.status(intake) {
        tell!("{}", status.it);
    }
    if let Some(owners) = last_year.owners(intake) {
        tell!(
            "L'ambito non indica i comuni con patrimonio: la ricognizione usa i {} del piano {}.",
            owners.len(),
            previous.anno_piano
        );
    } else if !intake.ambito().owners_known() {
        tell!(
            "L'ambito non indica i comuni con patrimonio, e il piano {} non verificato non li indica: la ricognizione non nomina inadempienti.",
            previous.anno_piano
        );
    }
    for note in &comparison.notes {
        tell!("nota: {}", note.it);
    }
    if comparison.flags.is_empty() {
        tell!("Nessuna variazione da verificare.");
    }
    for flag in &comparison.flags {
        tell!(
            "da-verificare\t{}\t{}",
            text::visible(&flag.ente),
            flag.reason.it
        );
    }
    for figure in Figure::ALL {
        tell!(
            "{}\tpiano {}\tquest'anno\tvariazione",
            figure.title().it,
            previous.anno_piano
        );
        let cell = |v: Option<u64>| v.map_or_else(|| "—".to_owned(), text::count);
        for (ente, change) in comparison
            .owners
            .iter()
            .map(|o| (text::visible(&o.ente), o.change(figure)))
            .chain([("Totale".to_owned(), comparison.total(figure))])
            .filter(|(_, c)| c.previous.unwrap_or(0) > 0 || c.current.unwrap_or(0) > 0)
        {
            tell!(
                "  {ente}\t{}\t{}\t{}",
                cell(change.previous),
                cell(change.current),
                signed(change.difference())
            );
        }
    }
}

fn trust(a: TrustArgs) -> Result<(), String> {
    let mut registry = if a.registry.exists() {
        TrustRegistry::from_json(&read_text(&a.registry)?)
            .map_err(|e| format!("{}: {e}", a.registry.display()))?
    } else {
        TrustRegistry::default()
    };
    let changed = if let Some(file) = &a.replace {
        replace_key(&mut registry, file, &a.note)?
    } else if let Some(fingerprint) = &a.revoke {
        revoke_key(&mut registry, fingerprint, a.from.as_deref(), &a.note)?
    } else if let Some(text) = &a.fingerprints {
        accept_fingerprints(&mut registry, text, &a.files, &a.note)?
    } else {
        accept_keys(&mut registry, &a.accept, &a.note)?
    };
    if changed {
        write_text(&a.registry, &registry.to_file_json())?;
    }
    for (id, ente) in &registry.enti {
        for key in &ente.chiavi {
            let state = key
                .ritirata
                .as_ref()
                .map_or_else(|| "in uso".to_owned(), |r| r.describe().it);
            say!(
                "{id}\t{}\t{}\t{}\t{state}",
                ente.nome,
                key.impronta,
                key.accettata_il
            );
        }
    }
    Ok(())
}

/// The key and the ente of a signed file, or why it vouches for no key.
fn signing_key_of(
    path: &Path,
    registry: &TrustRegistry,
) -> Result<(offerta_core::signing::VerifiedFile, String, String, String), String> {
    let verified = verify_file(&read_text(path)?, registry);
    let (Some(key), Some(submission)) = (verified.public_key.clone(), &verified.submission) else {
        return Err(format!(
            "{}: {}",
            path.display(),
            verified.outcome.message().it
        ));
    };
    let (id, name) = (submission.ente.id(), submission.ente.display_name());
    Ok((verified, key, id, name))
}

fn accept_keys(
    registry: &mut TrustRegistry,
    files: &[PathBuf],
    note: &str,
) -> Result<bool, String> {
    let mut changed = false;
    for path in files {
        let (verified, key, id, ente) = signing_key_of(path, registry)?;
        let added = registry.accept(&id, &ente, &key, &now(), note);
        changed |= added;
        let what = match (&verified.outcome, added) {
            (_, true) => "chiave accettata".to_owned(),
            (Outcome::RetiredKey(r), _) => format!(
                "chiave ritirata, non accettata di nuovo: {}",
                r.describe().it
            ),
            _ => "chiave già registrata".to_owned(),
        };
        say!(
            "{}\t{ente}\t{what}\tImpronta: {}",
            path.display(),
            verified.fingerprint.as_deref().unwrap_or_default()
        );
    }
    Ok(changed)
}

fn replace_key(registry: &mut TrustRegistry, file: &Path, note: &str) -> Result<bool, String> {
    let when = check_retirement(&now(), note).map_err(|e| format!("--replace: {e}"))?;
    let (verified, key, id, ente) = signing_key_of(file, registry)?;
    let retired: Vec<String> = registry.enti.get(&id).map_or_else(Vec::new, |e| {
        e.chiavi
            .iter()
            .filter(|k| k.is_active() && k.chiave_pubblica != key)
            .map(|k| k.impronta.clone())
            .collect()
    });
    if !registry.replace(&id, &ente, &key, &when, note) {
        return Err(match &verified.outcome {
            Outcome::RetiredKey(r) => format!(
                "{}: la chiave di questo file è già stata ritirata ({}): l'ente deve crearne una nuova",
                file.display(),
                r.describe().it
            ),
            _ => format!(
                "{}: la chiave di questo file è già l'unica in uso per {ente}",
                file.display()
            ),
        });
    }
    let fingerprint = verified.fingerprint.as_deref().unwrap_or_default();
    let retired = if retired.is_empty() {
        "nessuna chiave precedente".to_owned()
    } else {
        format!("sostituita: {}", retired.join(", "))
    };
    say!(
        "{}\t{ente}\tchiave nuova accettata\tImpronta: {fingerprint} ({retired})",
        file.display()
    );
    Ok(true)
}

fn revoke_key(
    registry: &mut TrustRegistry,
    fingerprint: &str,
    from: Option<&str>,
    note: &str,
) -> Result<bool, String> {
    let from =
        check_retirement(from.unwrap_or(&now()), note).map_err(|e| format!("--revoke: {e}"))?;
    if offerta_core::signing::parse_fingerprint(fingerprint).is_none() {
        return Err(format!(
            "--revoke: «{fingerprint}» non è un'impronta (cinque gruppi di quattro cifre e lettere da A a F, es. 7BF8-A408-2685-FB6C-CF01)"
        ));
    }
    let Some(found) = registry.find_by_fingerprint(fingerprint) else {
        return Err(format!(
            "--revoke: nessuna chiave con impronta {fingerprint} nel registro"
        ));
    };
    let (id, ente, impronta) = (
        found.ente_id.to_owned(),
        found.ente.nome.clone(),
        found.key.impronta.clone(),
    );
    if !registry.revoke(&id, &impronta, &from, note) {
        return Err(format!(
            "--revoke: la chiave {impronta} di {ente} è già revocata"
        ));
    }
    say!(
        "{impronta}\t{ente}\tchiave revocata\tdal {}",
        offerta_core::text::day_of(&from)
    );
    Ok(true)
}

fn accept_fingerprints(
    registry: &mut TrustRegistry,
    text: &Path,
    files: &[PathBuf],
    note: &str,
) -> Result<bool, String> {
    let pasted = read_text(text)?;
    // Verified against the registry as it is before the paste changes it.
    let before = std::rc::Rc::new(registry.clone());
    let received = files
        .iter()
        .map(|path| receive(path, &before))
        .collect::<Result<Vec<_>, _>>()?;
    let with = |wanted: fn(&Outcome) -> bool| {
        received
            .iter()
            .filter(move |f| wanted(&f.verified.outcome))
            .map(|f| (f.name.as_str(), &f.verified))
    };
    let paste = intake::accept_fingerprints(
        registry,
        &pasted,
        with(|o| *o == Outcome::UnknownKey),
        with(|o| matches!(o, Outcome::KeyMismatch(_))),
        &now(),
        note,
    );
    for k in &paste.accepted {
        say!(
            "{}\t{}\tchiave accettata\tImpronta: {}",
            k.ente_id,
            k.ente,
            k.fingerprint
        );
    }
    for f in &paste.still_waiting {
        say!(
            "{}\t{}\tin attesa\tImpronta {} non presente nel testo",
            f.name,
            f.ente,
            f.fingerprint
        );
    }
    for f in &paste.key_mismatch {
        say!(
            "{}\t{}\tchiave diversa\tImpronta {}: l'ente ha già un'altra chiave registrata; se l'ha cambiata, verificare con l'ente e usare --replace {}",
            f.name, f.ente, f.fingerprint, f.name
        );
    }
    for fp in &paste.already_registered {
        say!("{fp}\t\tgià registrata\t");
    }
    for fp in &paste.unmatched {
        say!("{fp}\t\tnessun file\tnessun file in attesa firmato con questa chiave");
    }
    Ok(!paste.accepted.is_empty())
}

/// Writes each named file into `dir` once every one of them is checked ([`Outputs`]).
fn write_all_into(dir: &Path, files: &[(String, String)], overwrite: bool) -> Result<(), String> {
    let mut outputs = Outputs::new(overwrite, []);
    for (name, _) in files {
        outputs.claim(&dir.join(name))?;
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: impossibile creare la cartella ({e})", dir.display()))?;
    for (name, text) in files {
        write_text(&dir.join(name), text)?;
    }
    Ok(())
}

fn generate(count: usize, year: u16, out: PathBuf, overwrite: bool) -> Result<(), String> {
    let (mut files, registry, ambito) = offerta_core::fixtures::lombardy_signed_files(count, year);
    let ambito_json = serde_json::to_string_pretty(&ambito).map_err(|e| e.to_string())?;
    files.push(("registro.json".into(), registry.to_file_json()));
    files.push(("ambito.json".into(), ambito_json));
    write_all_into(&out, &files, overwrite)?;
    say!(
        "{count} schede firmate, registro.json e ambito.json in {}",
        out.display()
    );
    Ok(())
}

fn keygen(ente: String, ente_id: String, out: PathBuf) -> Result<(), String> {
    if std::fs::symlink_metadata(&out).is_ok() {
        return Err(format!("{}: esiste già, non la sovrascrivo", out.display()));
    }
    let (file, _) = KeyFile::create(
        &ente,
        &ente_id,
        &passphrase()?,
        &now(),
        KdfParams::default(),
    )
    .map_err(|e| e.to_string())?;
    write_text(&out, &file.to_file_json())?;
    say!(
        "{}\t{}\tImpronta: {}",
        out.display(),
        file.ente,
        file.impronta
    );
    Ok(())
}

fn demo_command(files: Option<PathBuf>, overwrite: bool) -> Result<(), String> {
    let submissions = demo::crema_2021();
    match files {
        None => {
            let plan =
                offerta_core::aggregate(&submissions, ambiti::preset(demo::DEMO_AMBITO).as_ref());
            say!(
                "{}",
                serde_json::to_string_pretty(&plan).map_err(|e| e.to_string())?
            );
        }
        Some(dir) => {
            let named = submissions
                .iter()
                .map(|s| serde_json::to_string_pretty(s).map(|text| (s.file_name(false), text)))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?;
            write_all_into(&dir, &named, overwrite)?;
            say!("{} schede scritte in {}", submissions.len(), dir.display());
        }
    }
    Ok(())
}

/// The command line, or the help, the version or the usage error clap has to say: written
/// and checked here (clap's own exit ignores a failed write, a full disk gave 0).
fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        let code = if e.use_stderr() { 2 } else { 0 };
        match e.print().and_then(|()| std::io::stdout().flush()) {
            Ok(()) => ExitCode::from(code),
            Err(failed) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "errore: impossibile scrivere l'uscita ({failed})"
                );
                ExitCode::from(2)
            }
        }
    })
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    let overwrite = cli.sovrascrivi;
    let done = |r: Result<(), String>| r.map(|()| ExitCode::SUCCESS);
    let judged = |r: Result<bool, String>| {
        r.map(|ok| {
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        })
    };
    match cli.command {
        Command::Verify { registry, files } => judged(verify(registry, files)),
        Command::VerifyRequest {
            capofila_key,
            files,
        } => judged(verify_request(capofila_key, files)),
        Command::Sign { key, out, file } => done(sign(key, out, file, overwrite)),
        Command::NuovoAnno { year, out, file } => done(new_year(file, year, out, overwrite)),
        Command::Keygen { ente, ente_id, out } => done(keygen(ente, ente_id, out)),
        Command::Aggregate(args) => done(aggregate(args, overwrite)),
        Command::Trust(args) => done(trust(args)),
        Command::Generate { count, year, out } => done(generate(count, year, out, overwrite)),
        Command::Demo { files } => done(demo_command(files, overwrite)),
        Command::Richiesta(args) => done(request(args, overwrite)),
        Command::Rules => {
            say!("{}", rules::rules_markdown().trim_end_matches('\n'));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let code = run(cli).unwrap_or_else(|e| {
        tell!("errore: {e}");
        ExitCode::from(2)
    });
    match std::io::stdout().flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => stream_failed(&e),
        _ => {}
    }
    let failed = STREAM_FAILED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take();
    match failed {
        // Standard error may be the stream that failed: said if it can be.
        Some(why) => {
            let _ = writeln!(std::io::stderr(), "errore: {why}");
            ExitCode::from(2)
        }
        None => code,
    }
}

/// The capofila's request, signed with the capofila's own key (no other ente's).
/// The status board on standard error, one line per comune, and the reminder to `reminder`.
fn status_board(intake: &Intake, reminder: Option<&Path>) -> Result<(), String> {
    let board = intake.status_board(&now());
    for c in &board.comuni {
        let files: Vec<String> = c
            .files
            .iter()
            .map(|f| {
                let answers = match f.request {
                    Some(offerta_core::intake::status::RequestMatch::ThisRequest) => {
                        ", risponde alla richiesta"
                    }
                    Some(offerta_core::intake::status::RequestMatch::OtherRequest) => {
                        ", risponde a un'altra richiesta"
                    }
                    Some(offerta_core::intake::status::RequestMatch::NoRequest) => {
                        ", senza richiesta"
                    }
                    None => "",
                };
                format!("{} ({}{answers})", text::visible(&f.name), f.state)
            })
            .collect();
        tell!(
            "stato\t{}\t{}\t{}",
            c.name,
            c.standing.word(),
            files.join("; ")
        );
    }
    for (ente, f) in &board.others {
        tell!(
            "stato\t{}\taltro ente proprietario\t{} ({})",
            text::visible(ente),
            text::visible(&f.name),
            f.state
        );
    }
    if let Some(line) = &board.deadline_line {
        tell!("{line}");
    }
    tell!("{}", board.summary());
    if let Some(path) = reminder {
        match board.reminder() {
            Some(text) => write_text(path, &text.it)?,
            None => tell!("Nessun sollecito: tutti i comuni hanno risposto."),
        }
    }
    Ok(())
}

fn request(a: RequestArgs, overwrite: bool) -> Result<(), String> {
    let ambito_file = Path::new(&a.ambito);
    let inputs = [a.key.as_path()]
        .into_iter()
        .chain(ambito_file.exists().then_some(ambito_file));
    Outputs::new(overwrite, inputs).claim(&a.out)?;
    let ambito = load_ambito(&a.ambito)?;
    let key_file =
        KeyFile::from_json(&read_text(&a.key)?).map_err(|e| format!("{}: {e}", a.key.display()))?;
    let sender = offerta_core::request::RequestSender {
        nome: key_file.ente.clone(),
        codice_istat: key_file.ente_id.clone(),
        referente: a.referente.clone(),
        contatto: a.contatto.clone(),
    };
    let request =
        offerta_core::request::Request::compose(&ambito, a.year, sender, &a.deadline, &a.message)
            .map_err(|e| e.it)?;
    // Refused before the passphrase is asked: the comuni would refuse it.
    let when = now();
    request.check_before_signing(&when).map_err(|e| e.it)?;
    let signing_key = key_file.unlock(&passphrase()?).map_err(|e| e.to_string())?;
    write_text(&a.out, &request.signed(&signing_key, &when))?;
    say!(
        "{}	richiesta firmata	Impronta: {}",
        a.out.display(),
        key_file.impronta
    );
    Ok(())
}
