//! `offerta richiesta`: the capofila's request to the entities of its ambito, signed with
//! the capofila's own key (no other ente's), to be sent by PEC.

use std::path::{Path, PathBuf};

use offerta_core::request::{Request, RequestSender};

use crate::files::{write_text, Outputs};
use crate::inputs::{load_ambito, now, passphrase, read_key_file};

#[derive(clap::Args)]
pub struct RequestArgs {
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

pub fn run(a: RequestArgs, overwrite: bool) -> Result<(), String> {
    let ambito_file = Path::new(&a.ambito);
    let inputs = [a.key.as_path()]
        .into_iter()
        .chain(ambito_file.exists().then_some(ambito_file));
    Outputs::new(overwrite, inputs).claim(&a.out)?;
    let ambito = load_ambito(&a.ambito)?;
    let key_file = read_key_file(&a.key)?;
    let sender = RequestSender {
        nome: key_file.ente.clone(),
        codice_istat: key_file.ente_id.clone(),
        referente: a.referente.clone(),
        contatto: a.contatto.clone(),
    };
    let request =
        Request::compose(&ambito, a.year, sender, &a.deadline, &a.message).map_err(|e| e.it)?;
    // Refused before the passphrase is asked: the comuni would refuse it.
    let when = now();
    request.check_before_signing(&when).map_err(|e| e.it)?;
    let signing_key = key_file.unlock(&passphrase()?).map_err(|e| e.to_string())?;
    write_text(&a.out, &request.signed(&signing_key, &when))?;
    say!(
        "{}\trichiesta firmata\tImpronta: {}",
        a.out.display(),
        key_file.impronta
    );
    Ok(())
}
