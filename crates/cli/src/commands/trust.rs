//! `offerta trust`: the capofila's key registry. Accepts the keys that signed the files
//! given, or those whose fingerprints are in a text; replaces an ente's key; revokes a
//! lost or stolen key; then lists every registered key and every signer with a firma digitale.

mod signer;

use std::path::{Path, PathBuf};

use offerta_core::intake;
use offerta_core::signing::{
    check_retirement, parse_fingerprint, verify_file, Outcome, TrustRegistry, VerifiedFile,
};

use crate::files::{read_text, write_text};
use crate::inputs::{now, read_registry, receive};

#[derive(clap::Args)]
pub struct TrustArgs {
    /// Registro delle chiavi del capofila (JSON; viene creato se manca).
    #[arg(long)]
    registry: PathBuf,
    /// File firmati di cui accettare la chiave (uno o più).
    #[arg(long, num_args = 1.., conflicts_with_all = ["replace", "revoke", "fingerprints"])]
    accept: Vec<PathBuf>,
    /// File .p7m firmati con firma digitale: registra chi li ha firmati come firmatario
    /// dell'ente indicato nella scheda («MARIO ROSSI firma per il Comune di Castelleone»),
    /// se la firma digitale è valida (--ca, --trusted-list).
    #[arg(long, value_name = "FILE.p7m", num_args = 1.., conflicts_with_all = ["accept", "replace", "revoke", "fingerprints"])]
    accept_signer: Vec<PathBuf>,
    /// Certificato (PEM o DER) di un certificatore fidato, per --accept-signer; ripetibile.
    #[arg(long, value_name = "CERT", requires = "accept_signer")]
    ca: Vec<PathBuf>,
    /// L'elenco di fiducia italiano (TSL-IT.xml di AgID), per --accept-signer.
    #[arg(long, value_name = "TSL-IT.xml", requires = "accept_signer")]
    trusted_list: Option<PathBuf>,
    /// Lista di revoca (CRL, DER o PEM) di un certificatore, per --accept-signer: chi ha
    /// firmato con un certificato revocato non è registrato; ripetibile.
    #[arg(long, value_name = "FILE", requires = "accept_signer")]
    crl: Vec<PathBuf>,
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

/// The registry is written only when an action changed it; it is created when missing.
pub fn run(a: TrustArgs) -> Result<(), String> {
    let mut registry = if a.registry.exists() {
        read_registry(&a.registry)?
    } else {
        TrustRegistry::default()
    };
    let changed = if let Some(file) = &a.replace {
        replace_key(&mut registry, file, &a.note)?
    } else if let Some(fingerprint) = &a.revoke {
        revoke_key(&mut registry, fingerprint, a.from.as_deref(), &a.note)?
    } else if !a.accept_signer.is_empty() {
        let anchors = super::verify::anchors_of(&a.ca, a.trusted_list.as_deref())?;
        let lists = super::verify::lists_of(&a.crl, &anchors)?;
        signer::accept_signers(&mut registry, &a.accept_signer, (anchors, lists), &a.note)?
    } else if let Some(text) = &a.fingerprints {
        accept_fingerprints(&mut registry, text, &a.files, &a.note)?
    } else {
        accept_keys(&mut registry, &a.accept, &a.note)?
    };
    if changed {
        write_text(&a.registry, &registry.to_file_json())?;
    }
    list_keys(&registry);
    Ok(())
}

/// One line per registered key: ente, name, fingerprint, when accepted, in use or retired;
/// then one per signer with a firma digitale (registry version 3), the same way.
fn list_keys(registry: &TrustRegistry) {
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
        for signer in &ente.firmatari {
            let state = signer
                .ritirato
                .as_ref()
                .map_or_else(|| "in carica".to_owned(), |r| r.describe().it);
            say!(
                "{id}\t{}\tfirmatario {} ({})\t{}\t{state}",
                ente.nome,
                signer.nome_cognome,
                signer.codice_fiscale,
                signer.accettato_il
            );
        }
    }
}

/// The key a signed file was signed with, and the ente that signed it.
struct Signer {
    verified: VerifiedFile,
    key: String,
    ente_id: String,
    ente: String,
}

/// The key and the ente of a signed file, or why it vouches for no key.
fn signing_key_of(path: &Path, registry: &TrustRegistry) -> Result<Signer, String> {
    let verified = verify_file(&read_text(path)?, registry);
    let (Some(key), Some(submission)) = (verified.public_key.clone(), &verified.submission) else {
        return Err(format!(
            "{}: {}",
            path.display(),
            verified.outcome.message().it
        ));
    };
    let (ente_id, ente) = (submission.ente.id(), submission.ente.display_name());
    Ok(Signer {
        verified,
        key,
        ente_id,
        ente,
    })
}

fn accept_keys(
    registry: &mut TrustRegistry,
    files: &[PathBuf],
    note: &str,
) -> Result<bool, String> {
    let mut changed = false;
    for path in files {
        let Signer {
            verified,
            key,
            ente_id,
            ente,
        } = signing_key_of(path, registry)?;
        let added = registry.accept(&ente_id, &ente, &key, &now(), note);
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
    let Signer {
        verified,
        key,
        ente_id,
        ente,
    } = signing_key_of(file, registry)?;
    let retired: Vec<String> = registry.enti.get(&ente_id).map_or_else(Vec::new, |e| {
        e.chiavi
            .iter()
            .filter(|k| k.is_active() && k.chiave_pubblica != key)
            .map(|k| k.impronta.clone())
            .collect()
    });
    if !registry.replace(&ente_id, &ente, &key, &when, note) {
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
    if parse_fingerprint(fingerprint).is_none() {
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

/// Accepts the keys of the files whose fingerprints the pasted text names, and says what
/// became of every file and every fingerprint.
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
    tell_paste(&paste);
    Ok(!paste.accepted.is_empty())
}

/// One line per accepted key, waiting or mismatched file, and fingerprint left over.
fn tell_paste(paste: &intake::FingerprintPaste) {
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
}
