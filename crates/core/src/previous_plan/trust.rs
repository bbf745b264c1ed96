//! Whether last year's plan is the capofila's (issue #25): its signature holding says only
//! that the file is as some key signed it. It counts (compared as verified, a source of the
//! owners) only when that key is the capofila's known one; its year and its signing date
//! must be plausible. docs/SECURITY.md, «Il piano dell'anno precedente».

use super::{PlanSigner, PreviousPlan};
use crate::comuni::IstatCode;
use crate::request::VerifiedRequest;
use crate::signing::cades::{CadesError, Trust};
use crate::signing::trust::SignerStanding;
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
    /// A firma digitale (`.p7m`): the certificate leads to the trusted list loaded, and the
    /// registry holds the person as signing for the capofila at the signing time.
    FirmaDigitale,
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

/// The signer of last year's plan the capofila may confirm as its own
/// ([`PreviousPlan::signer_to_confirm`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignerToConfirm {
    /// «ANNA NERI firma per il Comune di Crema»: the button's words, as for a received file.
    pub words: Bilingual,
    pub ente_id: String,
    pub ente_nome: String,
    pub signer: crate::signing::qualified::QualifiedSigner,
}

/// The registry's note on a signer confirmed from last year's plan.
pub const PLAN_SIGNER_NOTE: &str = "confermato dal piano dell'anno precedente firmato digitalmente";

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
        if let Some(signed) = &self.firma_digitale {
            return self.qualified_trust(signed, capofila, known);
        }
        let id = capofila.to_string();
        let status = known
            .registry
            .status(&id, &self.public_key, Some(&self.signed_at));
        if status == KeyStatus::Trusted {
            return PlanTrust::Verified(KnownBy::Registry);
        }
        let request_key = known
            .request
            .filter(|r| r.request.capofila.codice_istat == id && !r.public_key.is_empty())
            .map(|r| r.public_key.as_str());
        if request_key == Some(self.public_key.as_str()) {
            return PlanTrust::Verified(KnownBy::Request);
        }
        if known.demo && crate::signing::demo_keys::is_demo_key(&id, &self.public_key) {
            return PlanTrust::Verified(KnownBy::Demo);
        }
        PlanTrust::Unverified(self.unknown_key(capofila, &status, known.registry))
    }

    /// A plan signed with a firma digitale counts when its certificate leads to the trusted
    /// list loaded and the registry holds the person as signing for the capofila when the plan
    /// was signed (the capofila's own confirmation): the same two checks as for a comune's
    /// `.p7m`. Otherwise it is named and shown as an indication.
    fn qualified_trust(
        &self,
        signed: &PlanSigner,
        capofila: IstatCode,
        known: &CapofilaKnown,
    ) -> PlanTrust {
        let who = signed.signer.named();
        let id = capofila.to_string();
        let name = crate::comuni::by_code(capofila)
            .map_or_else(|| id.clone(), |c| format!("Comune di {}", c.nome));
        let unverified = |it: String, en: String| {
            PlanTrust::Unverified(Bilingual::new(
                format!("firmato digitalmente da {}; {it}", who.it),
                format!("digitally signed by {}; {en}", who.en),
            ))
        };
        if !matches!(signed.certificate, Trust::Trusted) {
            // The certificate's problem without the advice meant for an ente's file («ask the
            // ente to sign again»): the plan is the capofila's own.
            let why = match &signed.certificate {
                Trust::Untrusted { issuer } => CadesError::UntrustedCa {
                    issuer: issuer.clone(),
                }
                .certificate_fact(),
                Trust::CertificateProblem(e) => e.certificate_fact(),
                _ => None,
            }
            .unwrap_or_else(|| signed.certificate.described().plain);
            let (why_it, why_en) = (why.it.trim_end_matches('.'), why.en.trim_end_matches('.'));
            // Never «load the plan again»: it is judged again by itself when the capofila loads
            // the trusted list or a revocation list (`LastYear::follow_trust`).
            return match signed.certificate {
                Trust::NotChecked { .. } => unverified(
                    format!("{why_it}. Il piano conta solo con il certificato verificato: caricare l'elenco di fiducia (TSL-IT.xml)"),
                    format!("{why_en}. The plan counts only with its certificate checked: load the trusted list (TSL-IT.xml)"),
                ),
                _ => unverified(
                    format!("{why_it}; il piano non conta"),
                    format!("{why_en}; the plan does not count"),
                ),
            };
        }
        let standing =
            known
                .registry
                .signer_standing(&id, &name, &signed.signer, Some(&self.signed_at));
        match standing {
            SignerStanding::Known => PlanTrust::Verified(KnownBy::FirmaDigitale),
            SignerStanding::Retired(r) => unverified(
                format!("il registro dice che non firmava più per il {name} alla data della firma ({})", r.describe().it),
                format!("the registry says the person no longer signed for the {name} at the signing time ({})", r.describe().en),
            ),
            SignerStanding::ToConfirm { .. } => {
                let says = crate::signing::trust::signs_for(&signed.signer.nome_cognome, &name);
                unverified(
                    format!("il registro non dice ancora che «{}»: verificarlo e registrarlo (come per i firmatari dei comuni) perché il piano conti", says.it),
                    format!("the registry does not say yet that «{}»: check it and record it (as for the comuni's signers) for the plan to count", says.en),
                )
            }
        }
    }

    /// The confirmation the capofila can give with one click for a plan signed with a firma
    /// digitale whose signer the registry does not hold yet for the capofila: the capofila's
    /// ente (id and name), the signer, and the words of the button («ANNA NERI firma per il
    /// Comune di Crema», [`crate::signing::trust::signs_for`]). Offered only as a received
    /// file's is: the certificate qualified, valid and leading to a trust anchor of the list
    /// loaded (never for a certificate not checked, off the list, revoked or with a problem),
    /// on a date not after the capofila's clock, the person neither known nor retired.
    pub fn signer_to_confirm(&self, known: &CapofilaKnown) -> Option<SignerToConfirm> {
        let signed = self.firma_digitale.as_ref()?;
        let capofila = known.capofila?;
        if signed.certificate != Trust::Trusted || self.future_date(known.now).is_some() {
            return None;
        }
        let id = capofila.to_string();
        let name = crate::comuni::by_code(capofila)
            .map_or_else(|| id.clone(), |c| format!("Comune di {}", c.nome));
        let standing =
            known
                .registry
                .signer_standing(&id, &name, &signed.signer, Some(&self.signed_at));
        matches!(standing, SignerStanding::ToConfirm { .. }).then(|| SignerToConfirm {
            words: crate::signing::trust::signs_for(&signed.signer.nome_cognome, &name),
            ente_id: id,
            ente_nome: name,
            signer: signed.signer.clone(),
        })
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
            PlanTrust::Verified(KnownBy::FirmaDigitale) => {
                let on = day_of(&self.signed_at);
                let who = self
                    .firma_digitale
                    .as_ref()
                    .map_or_else(|| Bilingual::new("", ""), |s| s.signer.named());
                Bilingual::new(
                    format!("Confronto con il piano {year} dell'ambito «{ambito}», verificato: firmato digitalmente il {on} da {}, certificatore dell'elenco di fiducia, registrato come firmatario del capofila.", who.it),
                    format!("Compared with the {year} plan of the ambito «{ambito}», verified: digitally signed on {on} by {}, an authority of the trusted list, recorded as signing for the capofila.", who.en),
                )
            }
            PlanTrust::Verified(by) => {
                let (it, en) = match by {
                    KnownBy::Registry => ("registrata nel registro delle chiavi", "held in the key registry"),
                    KnownBy::Request => ("la stessa che ha firmato la richiesta di quest'anno", "the one that signed this year's request"),
                    KnownBy::Demo => ("la chiave di prova della dimostrazione", "the demonstration's test key"),
                    // Said by the arm above, with the person instead of a key.
                    KnownBy::FirmaDigitale => ("una firma digitale", "a firma digitale"),
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
