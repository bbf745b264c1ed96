//! `offerta`: the native command-line tool for batch use. Every decision comes from
//! `offerta-core`, the same code the web app runs. This file parses the command line and
//! hands it to the subcommand's module in [`commands`].
//!
//! Exit codes: 0 done (for `verify` and `verify-request`: every file valid); 1 `verify` and
//! `verify-request` only: some file did not verify or was refused; 2 wrong usage, or an input that could not be read or written (nothing decided).
//! A reader that closes the output early (`offerta verify ... | head -1`) does not stop the
//! command, which writes all its files and ends with 0: the lines it did not read were not
//! wanted. The plan `aggregate` prints is its product: when it does not reach the reader
//! whole, the command ends with 2. Any other failure to write (a full disk) ends with 2.

#[macro_use]
mod output;
mod commands;
mod files;
mod inputs;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Verifica le schede firmate, con la chiave dell'app o con firma digitale (.p7m): una
    /// riga per file, che per un .p7m nomina chi ha firmato; esce con errore se un file non è
    /// valido.
    Verify {
        /// Registro delle chiavi del capofila (JSON). Senza registro una chiave non ancora
        /// registrata non è un errore.
        #[arg(long)]
        registry: Option<PathBuf>,
        /// Certificato (PEM o DER) di un certificatore fidato per i file .p7m firmati con
        /// firma digitale; ripetibile.
        #[arg(long, value_name = "CERT")]
        ca: Vec<PathBuf>,
        /// L'elenco di fiducia italiano (TSL-IT.xml, scaricato dal sito di AgID): ne dice la
        /// data, il prossimo aggiornamento (avvisa se è scaduto) e quanti certificatori fidati.
        #[arg(long, value_name = "TSL-IT.xml")]
        trusted_list: Option<PathBuf>,
        /// Lista di revoca (CRL, DER o PEM) scaricata dal sito di un certificatore: un file .p7m
        /// il cui certificato vi è elencato è rifiutato; ripetibile. Senza, la revoca non è
        /// controllata (e la riga lo dice).
        #[arg(long, value_name = "FILE")]
        crl: Vec<PathBuf>,
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
    Aggregate(commands::aggregate::AggregateArgs),
    /// Registro delle chiavi del capofila: accetta le chiavi che hanno firmato i file indicati
    /// (azione esplicita, dopo aver confrontato le impronte), o quelle le cui impronte sono in
    /// un testo (--fingerprints), sostituisce la chiave di un ente (--replace), revoca una
    /// chiave persa o rubata (--revoke), registra chi ha firmato un .p7m come firmatario
    /// dell'ente (--accept-signer); senza azione elenca le chiavi e i firmatari registrati.
    Trust(commands::trust::TrustArgs),
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
    Richiesta(commands::richiesta::RequestArgs),
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

/// The subcommand run: 0 when done, 1 when `verify` or `verify-request` judged a file bad.
fn run(cli: Cli) -> Result<ExitCode, String> {
    use commands::*;
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
        Command::Verify {
            registry,
            ca,
            trusted_list,
            crl,
            files,
        } => judged(verify::run(registry, ca, trusted_list, crl, files)),
        Command::VerifyRequest {
            capofila_key,
            files,
        } => judged(verify_request::run(capofila_key, files)),
        Command::Sign { key, out, file } => done(sign::run(key, out, file, overwrite)),
        Command::NuovoAnno { year, out, file } => done(nuovo_anno::run(file, year, out, overwrite)),
        Command::Keygen { ente, ente_id, out } => done(keygen::run(ente, ente_id, out)),
        Command::Aggregate(args) => done(aggregate::run(args, overwrite)),
        Command::Trust(args) => done(trust::run(args)),
        Command::Generate { count, year, out } => done(generate::run(count, year, out, overwrite)),
        Command::Demo { files } => done(demo::run(files, overwrite)),
        Command::Richiesta(args) => done(richiesta::run(args, overwrite)),
        Command::Rules => {
            rules::run();
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
    output::finish(code)
}
