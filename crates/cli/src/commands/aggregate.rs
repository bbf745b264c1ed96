//! `offerta aggregate`: the received submissions of an ambito made into the annual plan
//! (JSON, signed on request; XLSX, CSV and DOCX on request; the verbale di ricezione, DOCX
//! and CSV, on request), with each file's disposition, the status board and the comparison
//! with last year on standard error.

mod comparison;
mod status;

use std::path::{Path, PathBuf};

use offerta_core::intake::{self, Intake};
use offerta_core::plan_outputs;
use offerta_core::plan_texts::PlanTexts;
use offerta_core::planning::{plan_of, LastYear};
use offerta_core::previous_plan::read_any_previous_plan;
use offerta_core::request::read_sent_request;
use offerta_core::signing::TrustRegistry;
use offerta_core::{text, Plan};

use crate::files::{read_input, write_output, write_text, Outputs};
use crate::inputs::{
    load_ambito, now, passphrase, read_key_file, read_registry, receive_for, received_name,
};
use crate::output::deliver;

#[derive(clap::Args)]
pub struct AggregateArgs {
    /// Ambito: identificativo di un ambito predefinito (crema, cremona) o file JSON/CSV.
    #[arg(long)]
    ambito: String,
    #[arg(long)]
    year: u16,
    /// Registro delle chiavi del capofila.
    #[arg(long)]
    registry: Option<PathBuf>,
    /// Certificato (PEM o DER) di un certificatore fidato per i file .p7m firmati con firma
    /// digitale; ripetibile.
    #[arg(long, value_name = "CERT")]
    ca: Vec<PathBuf>,
    /// L'elenco di fiducia italiano (TSL-IT.xml, scaricato dal sito di AgID): i suoi
    /// certificatori qualificati sono quelli a cui deve risalire la firma di un file .p7m.
    #[arg(long, value_name = "TSL-IT.xml")]
    trusted_list: Option<PathBuf>,
    /// Lista di revoca (CRL, DER o PEM) di un certificatore: un file .p7m il cui certificato
    /// vi è elencato è rifiutato; ripetibile.
    #[arg(long, value_name = "FILE")]
    crl: Vec<PathBuf>,
    /// Accetta le chiavi non ancora registrate (solo se le impronte sono già state verificate).
    #[arg(long)]
    trust_new_keys: bool,
    /// Conferma, per questa esecuzione, i firmatari dei file .p7m il cui certificato indica
    /// come organizzazione l'ente stesso della scheda (come il pulsante della pagina); gli
    /// altri restano «firmatario da confermare». Per registrarli: offerta trust --accept-signer.
    #[arg(long)]
    confirm_signers_naming_ente: bool,
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
    /// Scrive il verbale di ricezione (DOCX): ogni file ricevuto con l'esito, il motivo, la
    /// chiave che l'ha firmato e la sua impronta; documento del capofila, non del piano.
    #[arg(long, value_name = "FILE")]
    verbale_docx: Option<PathBuf>,
    /// Scrive il verbale di ricezione in CSV (per Excel in italiano).
    #[arg(long, value_name = "FILE")]
    verbale_csv: Option<PathBuf>,
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
    /// La richiesta inviata ai comuni (offerta richiesta, o il `.json.p7m` firmato con la firma
    /// digitale del capofila, verificato con --ca/--trusted-list): stampa per ogni comune se ha
    /// risposto, con quale file, o se manca, e i giorni alla scadenza.
    #[arg(long)]
    request: Option<PathBuf>,
    /// Scrive il testo del sollecito per i comuni che mancano, da incollare in una PEC.
    #[arg(long)]
    reminder: Option<PathBuf>,
    /// Piano firmato dell'anno precedente (il JSON firmato dal capofila nell'app, o il
    /// `.json.p7m` firmato con la sua firma digitale, verificato con --ca/--trusted-list e
    /// i firmatari del registro): stampa il confronto
    /// e le variazioni da verificare, e lo aggiunge al documento (--docx). Se l'ambito non
    /// indica i comuni con patrimonio, la ricognizione usa quelli del piano precedente.
    #[arg(long, value_name = "FILE")]
    previous: Option<PathBuf>,
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// The steps in the order their lines are said: outputs checked, files received and
/// decided, dispositions, the request, the texts, the status board, the comparison, the
/// plan (signed or not), the files written, and the plan delivered last.
pub fn run(a: AggregateArgs, overwrite: bool) -> Result<(), String> {
    claim_outputs(&a, overwrite)?;
    let mut intake = open_intake(&a)?;
    let last_year = read_last_year(&a, &intake)?;
    receive_files(&mut intake, &a.files)?;
    apply_decisions(&mut intake, &a);
    tell_dispositions(&intake);
    if let Some(path) = &a.request {
        attach_request(&mut intake, path)?;
    }
    let texts = plan_texts(a.testi.as_deref(), &intake)?;
    if a.request.is_some() || a.reminder.is_some() {
        status::tell_board(&intake, a.reminder.as_deref())?;
    }
    let plan = plan_of(&intake, &last_year);
    if let Some(comparison) = last_year.comparison(&plan) {
        comparison::tell_comparison(&intake, &last_year, &comparison);
    }
    if let Some(note) = intake.draft_note() {
        tell!("{}", text::capitalise(&note.it));
    }
    let text = plan_text(&a, &intake, &plan, &texts)?;
    // The files first: a reader closing standard output must not keep them from being written.
    write_files(&a, &intake, &last_year, &plan, &texts)?;
    match &a.out {
        Some(path) => write_text(path, &text),
        None => deliver(&text),
    }
}

/// Checks every output before anything is read or written: none replaces one of the
/// inputs, a key file or a registry, or an existing file without --sovrascrivi.
fn claim_outputs(a: &AggregateArgs, overwrite: bool) -> Result<(), String> {
    let ambito = Path::new(&a.ambito);
    let inputs = [
        &a.registry,
        &a.testi,
        &a.sign_key,
        &a.request,
        &a.previous,
        &a.trusted_list,
    ]
    .into_iter()
    .flatten()
    .chain(&a.ca)
    .chain(&a.crl)
    .chain(&a.confirm_date)
    .chain(&a.files)
    .map(PathBuf::as_path)
    .chain(ambito.exists().then_some(ambito));
    let mut outputs = Outputs::new(overwrite, inputs);
    for path in [
        &a.out,
        &a.docx,
        &a.xlsx,
        &a.csv,
        &a.verbale_docx,
        &a.verbale_csv,
        &a.reminder,
    ]
    .into_iter()
    .flatten()
    {
        outputs.claim(path)?;
    }
    Ok(())
}

/// The intake of the ambito and year, with the registry and the capofila's clock.
fn open_intake(a: &AggregateArgs) -> Result<Intake, String> {
    let registry = match &a.registry {
        Some(path) => read_registry(path)?,
        None => TrustRegistry::default(),
    };
    let mut intake = Intake::new(load_ambito(&a.ambito)?, a.year, registry);
    // The capofila's clock: a file dated after it waits for --confirm-date.
    intake.set_now(&now());
    intake.set_anchors(super::verify::anchors_of(&a.ca, a.trusted_list.as_deref())?);
    intake.set_revocation_lists(super::verify::lists_of(&a.crl, intake.anchors())?);
    Ok(intake)
}

/// Last year's plan (--previous), checked against the intake's ambito and year.
fn read_last_year(a: &AggregateArgs, intake: &Intake) -> Result<LastYear, String> {
    let mut last_year = LastYear::default();
    if let Some(path) = &a.previous {
        let bytes = read_input(path)?;
        read_any_previous_plan(&bytes, intake.anchors(), intake.revocation_lists(), &now())
            .and_then(|p| last_year.set(intake, Some(p)).map_err(text::Message::from))
            .map_err(|e| format!("{}: {}", path.display(), text::capitalise(&e.italian())))?;
    }
    Ok(last_year)
}

/// Every file read and checked before any is added; a file received twice is said once.
fn receive_files(intake: &mut Intake, paths: &[PathBuf]) -> Result<(), String> {
    let check = intake.file_check(intake.now());
    let files = paths
        .iter()
        .map(|path| receive_for(path, &check))
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
    Ok(())
}

/// The capofila's decisions given on the command line: new keys trusted, future dates
/// confirmed.
fn apply_decisions(intake: &mut Intake, a: &AggregateArgs) {
    if a.trust_new_keys {
        intake.accept_waiting_keys(&now(), "accettata con --trust-new-keys");
    }
    if a.confirm_signers_naming_ente {
        let confirmed = intake.accept_signers_naming_their_ente(
            &now(),
            "confermato con --confirm-signers-naming-ente",
        );
        tell!("{}", intake.signers_confirmed_sentence(&confirmed).it);
    }
    for path in &a.confirm_date {
        let name = received_name(path);
        if !intake.confirm_date(&name) {
            tell!(
                "avviso: --confirm-date {}: nessun file con questo nome ha una data futura da confermare",
                text::visible(&name)
            );
        }
    }
}

/// One line per received file: name, outcome code, state and why.
fn tell_dispositions(intake: &Intake) {
    for f in intake.received().iter() {
        tell!(
            "{}\t{}\t{}: {}",
            f.shown_name(),
            f.verified.outcome.code(),
            f.state().name(),
            f.message().italian()
        );
    }
    // The same words and order as the summary at the top of the page's received files.
    let groups = offerta_core::intake::groups::file_groups(intake.received());
    if !groups.is_empty() {
        tell!(
            "Riepilogo delle schede: {}.",
            offerta_core::intake::groups::summary(&groups).it
        );
    }
}

/// The request the capofila sent, which the files are matched against.
fn attach_request(intake: &mut Intake, path: &Path) -> Result<(), String> {
    // Signed in the app or with the capofila's firma digitale, as the page reopens it.
    let request = read_sent_request(&read_input(path)?, intake.anchors(), &now())
        .map_err(|e| format!("{}: {}", path.display(), e.italian()))?;
    intake
        .set_request(Some(request))
        .map_err(|e| format!("{}: {}", path.display(), e.it))
}

/// The capofila's texts, read and checked before anything is printed or written: a text
/// with an invisible character or too long makes no plan (the same check as the page's).
/// Without a file, the texts the app proposes.
fn plan_texts(path: Option<&Path>, intake: &Intake) -> Result<PlanTexts, String> {
    match path {
        Some(t) => {
            PlanTexts::from_file(&read_input(t)?).map_err(|e| format!("{}: {}", t.display(), e.it))
        }
        None => Ok(plan_outputs::default_texts(intake)),
    }
}

/// The plan file's text, signed with the capofila's key when --sign-key names one: never
/// while files wait for a decision, unless it is signed as a draft (--bozza).
fn plan_text(
    a: &AggregateArgs,
    intake: &Intake,
    plan: &Plan,
    texts: &PlanTexts,
) -> Result<String, String> {
    let Some(key_path) = &a.sign_key else {
        return Ok(plan_outputs::aggregate_text(intake, plan, texts));
    };
    if intake.waiting() > 0 && !a.bozza {
        return Err(format!(
            "{} file attendono una decisione del capofila (chiave da accettare, data da confermare o chiave cambiata): decidere prima di firmare il piano, o firmarlo come bozza con --bozza",
            intake.waiting()
        ));
    }
    let key_file = read_key_file(key_path)?;
    offerta_core::request::check_plan_signer(intake.ambito(), &key_file.ente, &key_file.ente_id)
        .map_err(|e| format!("{}: {}", key_path.display(), e.it))?;
    let key = key_file.unlock(&passphrase()?).map_err(|e| e.to_string())?;
    tell!(
        "Piano firmato con la chiave di {} (impronta {}).",
        key_file.ente,
        key_file.impronta
    );
    Ok(plan_outputs::signed_aggregate_text(
        intake,
        plan,
        texts,
        &key,
        &now(),
    ))
}

/// The texts the document prints as the app's guidance, still marked «[Da completare]»: said
/// as the page says it under each field, so the capofila knows before the assemblea.
fn tell_to_complete(texts: &PlanTexts) {
    let open: Vec<String> = texts
        .to_complete()
        .into_iter()
        .map(|which| which.label().it.to_lowercase())
        .collect();
    if !open.is_empty() {
        tell!(
            "Nel documento restano da completare {} (testo proposto dall'app, segnato «{}»): scriverli in un file di testi e passarlo con --testi.",
            open.join(" e "),
            offerta_core::plan_texts::TO_COMPLETE
        );
    }
}

/// The DOCX, XLSX and CSV the command line asks for, and the verbale di ricezione.
fn write_files(
    a: &AggregateArgs,
    intake: &Intake,
    last_year: &LastYear,
    plan: &Plan,
    texts: &PlanTexts,
) -> Result<(), String> {
    if let Some(path) = &a.docx {
        let document = plan_outputs::document(intake, last_year, plan, texts);
        let bytes = offerta_core::document::to_docx(&document).map_err(|e| e.to_string())?;
        write_output(path, &bytes)?;
        tell_to_complete(texts);
    }
    let about = plan_outputs::about(intake, &now());
    if let Some(path) = &a.xlsx {
        let bytes = offerta_core::export::xlsx(plan, intake.received(), &about)?;
        write_output(path, &bytes)?;
    }
    if let Some(path) = &a.csv {
        write_text(
            path,
            &offerta_core::export::csv(plan, intake.received(), &about)?,
        )?;
    }
    if a.verbale_docx.is_some() || a.verbale_csv.is_some() {
        let verbale = offerta_core::verbale::verbale(intake, texts, &now());
        if let Some(path) = &a.verbale_docx {
            write_output(path, &verbale.docx().map_err(|e| e.to_string())?)?;
        }
        if let Some(path) = &a.verbale_csv {
            write_text(path, &verbale.csv()?)?;
        }
    }
    Ok(())
}
