//! `offerta trust --accept-signer FILE.p7m`: the person who signed a `.p7m` with a firma
//! digitale recorded as signing for the ente its content names («MARIO ROSSI firma per il
//! Comune di Castelleone»), once the firma digitale holds against the trust anchors
//! (`--ca`, `--trusted-list`), as the page's «Conferma» does.

use std::path::PathBuf;
use std::rc::Rc;

use offerta_core::signing::cades::RevocationList;
use offerta_core::signing::qualified::TrustAnchor;
use offerta_core::signing::trust::{signs_for, SignerStanding};
use offerta_core::signing::{Outcome, TrustRegistry};

use crate::inputs::{now, receive_with};

/// Records the signer of each file for its ente; a file whose firma digitale does not hold
/// stops the command with the reason. Returns whether the registry changed.
pub fn accept_signers(
    registry: &mut TrustRegistry,
    files: &[PathBuf],
    (anchors, lists): (Vec<TrustAnchor>, Vec<RevocationList>),
    note: &str,
) -> Result<bool, String> {
    let (anchors, lists, now) = (Rc::new(anchors), Rc::new(lists), now());
    let mut changed = false;
    for path in files {
        let file = receive_with(
            path,
            &Rc::new(registry.clone()),
            (&anchors, &lists),
            Some(&now),
        )?;
        let verified = &file.verified;
        let (Outcome::Qualified(signature, standing), Some(submission)) =
            (&verified.outcome, &verified.submission)
        else {
            return Err(format!(
                "{}: {}",
                path.display(),
                offerta_core::text::capitalise(&verified.outcome.message().it)
            ));
        };
        let (id, ente) = (submission.ente.id(), submission.ente.display_name());
        let who = signs_for(&signature.signer.nome_cognome, &ente).it;
        let what = match standing {
            SignerStanding::Retired(r) => {
                format!(
                    "firmatario ritirato, non accettato di nuovo: {}",
                    r.describe().it
                )
            }
            SignerStanding::Known => "firmatario già registrato".to_owned(),
            SignerStanding::ToConfirm { .. } => {
                let added = registry.accept_signer(&id, &ente, &signature.signer, &now, note);
                changed |= added;
                if added {
                    "firmatario registrato".to_owned()
                } else {
                    "firmatario non registrato: il certificato non indica un codice fiscale"
                        .to_owned()
                }
            }
        };
        say!(
            "{}\t{who}\t{what}\tCodice fiscale: {}",
            path.display(),
            signature.signer.codice_fiscale
        );
    }
    Ok(changed)
}
