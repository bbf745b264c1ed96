//! Whether last year's plan is the capofila's (issue #25): its signature holding says only
//! that the file is as some key signed it. It counts (compared as verified, a source of the
//! owners) only when that key is the capofila's known one; its year and its signing date
//! must be plausible. docs/SECURITY.md, «Il piano dell'anno precedente».

use super::PreviousPlan;
use crate::comuni::IstatCode;
use crate::request::VerifiedRequest;
use crate::signing::{rfc3339_instant, KeyStatus, TrustRegistry};
use crate::text::{day_of, Bilingual};

/// How the capofila's key is known to this intake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KnownBy {
    /// The trust registry holds it for the capofila's ente, in use when the plan was signed.
    Registry,
    /// It signed this year's request of the capofila, loaded or made in this intake.
    Request,
    /// The page's demo: the capofila's demo key, which counts only in the demo.
    Demo,
    // A qualified signature of the capofila (firma qualificata, CAdES/PAdES) would be a
    // fourth way to know it; the app reads none yet (see docs/SECURITY.md).
}

/// Whether last year's plan counts, and why not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanTrust {
    /// Signed with the capofila's known key, on a plausible date.
    Verified(KnownBy),
    /// Shown only as an indication, never a source of owners: why, in words.
    Unverified(Bilingual),
}

impl PlanTrust {
    pub fn is_verified(&self) -> bool {
        matches!(self, PlanTrust::Verified(_))
    }
}

/// What the intake knows of the capofila, to judge who signed last year's plan.
#[derive(Clone, Copy, Debug)]
pub struct CapofilaKnown<'a> {
    /// The ambito's comune capofila (ISTAT code), if the ambito names one.
    pub capofila: Option<IstatCode>,
    pub registry: &'a TrustRegistry,
    pub request: Option<&'a VerifiedRequest>,
    /// The page's demo.
    pub demo: bool,
    /// The capofila's clock (RFC 3339); without it no date is questioned.
    pub now: Option<&'a str>,
}

/// A plan may say it was signed up to a day after the capofila's clock, as a received file
/// may (time zones, office PCs a few hours off).
const FUTURE_TOLERANCE_SECONDS: i64 = crate::intake::FUTURE_TOLERANCE_SECONDS;

impl PreviousPlan {
    /// Whether this plan counts: signed with the capofila's known key (its registry, the key
    /// of this year's request, in the demo its demo key) and not dated after the capofila's
    /// clock. Otherwise unverified, with the reason.
    pub fn trust(&self, known: &CapofilaKnown) -> PlanTrust {
        if let Some(why) = self.future_date(known.now) {
            return PlanTrust::Unverified(why);
        }
        let Some(capofila) = known.capofila else {
            return PlanTrust::Unverified(Bilingual::new(
                format!("l'ambito non indica il comune capofila, e non si può sapere se la chiave che ha firmato il piano (impronta {}) sia la sua", self.fingerprint),
                format!("the ambito does not name its comune capofila, so whether the key that signed the plan (fingerprint {}) is its own cannot be known", self.fingerprint),
            ));
        };
        let id = capofila.to_string();
        let status = known
            .registry
            .status(&id, &self.public_key, Some(&self.signed_at));
        if status == KeyStatus::Trusted {
            return PlanTrust::Verified(KnownBy::Registry);
        }
        let request_key = known
            .request
            .filter(|r| r.request.capofila.codice_istat == id)
            .map(|r| r.public_key.as_str());
        if request_key == Some(self.public_key.as_str()) {
            return PlanTrust::Verified(KnownBy::Request);
        }
        if known.demo && crate::signing::demo_keys::is_demo_key(&id, &self.public_key) {
            return PlanTrust::Verified(KnownBy::Demo);
        }
        PlanTrust::Unverified(self.unknown_key(capofila, &status, known.registry))
    }

    /// Why the key is not the capofila's known one, in words.
    fn unknown_key(
        &self,
        capofila: IstatCode,
        status: &KeyStatus,
        registry: &TrustRegistry,
    ) -> Bilingual {
        let id = capofila.to_string();
        let name = crate::comuni::by_code(capofila)
            .map_or_else(|| id.clone(), |c| format!("Comune di {}", c.nome));
        let (it, en) = match status {
            KeyStatus::Retired(r) => (
                format!("la chiave era stata ritirata prima della firma ({})", r.describe().it),
                format!("the key had been retired before the signature ({})", r.describe().en),
            ),
            _ => match registry.find_by_fingerprint(&self.fingerprint) {
                Some(found) => (
                    format!("è la chiave registrata per {} ({}), non per il capofila", found.ente.nome, found.ente_id),
                    format!("it is the key registered for {} ({}), not for the capofila", found.ente.nome, found.ente_id),
                ),
                None if matches!(status, KeyStatus::Mismatch(_)) => (
                    "il registro delle chiavi ha un'altra chiave del capofila".to_owned(),
                    "the key registry holds another key of the capofila".to_owned(),
                ),
                None => (
                    "né il registro delle chiavi né la richiesta di quest'anno conoscono una chiave del capofila: importare il registro delle chiavi o caricare la richiesta firmata dal capofila".to_owned(),
                    "neither the key registry nor this year's request knows a key of the capofila: import the key registry or load the request the capofila signed".to_owned(),
                ),
            },
        };
        Bilingual::new(
            format!("firmato con una chiave che non è quella nota del capofila ({name}, {id}), impronta {}: {it}", self.fingerprint),
            format!("signed with a key that is not the capofila's known one ({name}, {id}), fingerprint {}: {en}", self.fingerprint),
        )
    }

    /// Why the plan's signing date is after the capofila's clock (beyond the tolerance).
    fn future_date(&self, now: Option<&str>) -> Option<Bilingual> {
        let now = now?;
        let (now_s, _) = rfc3339_instant(now)?;
        let (signed, _) = rfc3339_instant(&self.signed_at)?;
        (signed > now_s.saturating_add(FUTURE_TOLERANCE_SECONDS)).then(|| {
            let (on, today) = (day_of(&self.signed_at), day_of(now));
            Bilingual::new(
                format!("dice di essere stato firmato il {on}, una data futura rispetto all'orologio di questo computer ({today}): un piano dell'anno scorso non può essere firmato dopo oggi; controllare l'orologio, o riprendere il file originale del capofila"),
                format!("it says it was signed on {on}, a date in the future by this computer's clock ({today}): last year's plan cannot be signed after today; check the clock, or take the capofila's original file"),
            )
        })
    }

    /// The line that says which plan is compared with and whether it counts: the page shows
    /// it by the file input, the CLI prints it, the document says the same.
    pub fn status_line(&self, trust: &PlanTrust) -> Bilingual {
        let (ambito, year) = (&self.ambito, self.anno_piano);
        match trust {
            PlanTrust::Verified(by) => {
                let (it, en) = match by {
                    KnownBy::Registry => ("registrata nel registro delle chiavi", "held in the key registry"),
                    KnownBy::Request => ("la stessa che ha firmato la richiesta di quest'anno", "the one that signed this year's request"),
                    KnownBy::Demo => ("la chiave di prova della dimostrazione", "the demonstration's test key"),
                };
                let on = day_of(&self.signed_at);
                Bilingual::new(
                    format!("Confronto con il piano {year} dell'ambito «{ambito}», verificato: firmato il {on} con la chiave del capofila ({it}), impronta {}.", self.fingerprint),
                    format!("Compared with the {year} plan of the ambito «{ambito}», verified: signed on {on} with the capofila's key ({en}), fingerprint {}.", self.fingerprint),
                )
            }
            PlanTrust::Unverified(why) => Bilingual::new(
                format!("Confronto con il piano {year} dell'ambito «{ambito}», NON VERIFICATO: {}. Le sue cifre sono mostrate solo come indicazione, non sono garantite dal capofila e non indicano i comuni con patrimonio.", why.it),
                format!("Compared with the {year} plan of the ambito «{ambito}», NOT VERIFIED: {}. Its figures are shown only as an indication, are not vouched for by the capofila and do not say which comuni own housing.", why.en),
            ),
        }
    }
}
