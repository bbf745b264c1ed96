//! This year's plan, from the capofila's intake and, once the capofila loads it, last year's
//! signed plan: the counted submissions aggregated for the ambito (last year's owners
//! standing in for a missing list), the ricognizione told which files arrived, and the
//! comparison with last year. The page and the CLI make the plan here.

use std::rc::Rc;

use crate::aggregate::{aggregate, Plan};
use crate::comparison::Comparison;
use crate::comuni::IstatCode;
use crate::intake::Intake;
use crate::previous_plan::{
    CapofilaKnown, PlanTrust, PreviousPlan, SignerToConfirm, PLAN_SIGNER_NOTE,
};
use crate::text::Bilingual;

/// Last year's signed plan as the capofila loaded it for this year's (none until it does).
/// The page and the CLI keep it beside the intake, and every question about it is asked
/// with the intake as it is then (its registry, its request, its clock).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LastYear {
    previous: Option<Rc<PreviousPlan>>,
}

impl LastYear {
    /// Last year's signed plan to compare with, or none. A plan of another ambito than the
    /// intake's, or of its year or a later one, is refused with the reason and nothing
    /// changes; a plan of a year before last is accepted (the comparison notes it).
    pub fn set(
        &mut self,
        intake: &Intake,
        previous: Option<PreviousPlan>,
    ) -> Result<(), Bilingual> {
        if let Some(p) = &previous {
            p.fits(&intake.ambito().id, intake.year())?;
        }
        self.previous = previous.map(Rc::new);
        // Read against the anchors of a moment before, perhaps (the page reads the file while
        // the capofila may load a list): judged against the intake's now.
        self.follow_trust(intake);
        Ok(())
    }

    /// Last year's plan signed with a firma digitale judged again when the intake's trust
    /// anchors or revocation lists are not those it was judged against (the trusted list or a
    /// revocation list loaded after the plan, or taken away), at the later of the intake's
    /// clock and the last judgement's. The page calls it after every change of its state,
    /// the CLI after loading the plan; nothing to do (and nothing verified) otherwise.
    /// Returns whether the plan was judged again.
    pub fn follow_trust(&mut self, intake: &Intake) -> bool {
        let again = self.previous.as_ref().and_then(|p| {
            p.judged_again(intake.anchors(), intake.revocation_lists(), intake.now())
        });
        let changed = again.is_some();
        if let Some(plan) = again {
            self.previous = Some(Rc::new(plan));
        }
        changed
    }

    pub fn previous(&self) -> Option<&PreviousPlan> {
        self.previous.as_deref()
    }

    /// Whether last year's plan counts, as `intake` knows the capofila now (its registry,
    /// its request, the clock): asked afresh, so a registry imported or a request loaded
    /// after the plan counts too. `None` without a plan.
    pub fn trust(&self, intake: &Intake) -> Option<PlanTrust> {
        let previous = self.previous.as_ref()?;
        Some(previous.trust(&known(intake)))
    }

    /// The signer of last year's `.p7m` plan the capofila may confirm with one click («ANNA
    /// NERI firma per il Comune di Crema»): only with the certificate leading to the trusted
    /// list loaded, and the person not yet in the registry for the capofila
    /// ([`PreviousPlan::signer_to_confirm`]). `None` otherwise.
    pub fn signer_to_confirm(&self, intake: &Intake) -> Option<SignerToConfirm> {
        self.previous.as_ref()?.signer_to_confirm(&known(intake))
    }

    /// The capofila confirms that the person who signed last year's plan signs for it, at
    /// `when` (its clock): recorded in the intake's registry by the path of a received file's
    /// confirmation ([`Intake::accept_qualified_signer`]), so the plan counts. Returns whether
    /// a signer was to confirm and was recorded.
    pub fn accept_signer(&self, intake: &mut Intake, when: &str) -> bool {
        let Some(to_confirm) = self.signer_to_confirm(intake) else {
            return false;
        };
        intake.accept_qualified_signer(
            &to_confirm.ente_id,
            &to_confirm.ente_nome,
            &to_confirm.signer,
            when,
            PLAN_SIGNER_NOTE,
        )
    }

    /// The line that says which plan is compared with and whether it counts (page, CLI).
    pub fn status(&self, intake: &Intake) -> Option<Bilingual> {
        let trust = self.trust(intake)?;
        self.previous.as_ref().map(|p| p.status_line(&trust))
    }

    /// The owners the ricognizione takes from last year's plan: the app's choice when the
    /// ambito says nothing of who owns housing (no `con_patrimonio`, no owner ticked), since
    /// the law's ricognizione starts from the previous plan (docs/DOMAIN.md, section 5). An
    /// owner list given in the ambito, or ticked on the page, always wins; a previous plan of
    /// another ambito (the ambito changed after it was loaded) gives none, and so does one
    /// not signed with the capofila's known key (issue #25: anyone can sign a plan).
    pub fn owners(&self, intake: &Intake) -> Option<Vec<IstatCode>> {
        let previous = self.previous.as_ref()?;
        let verified = self.trust(intake).is_some_and(|t| t.is_verified());
        let ambito = intake.ambito();
        (verified && !ambito.owners_known() && previous.ambito == ambito.id)
            .then(|| previous.owner_codes(ambito))
    }

    /// This year's `plan` against last year's, when one is loaded.
    pub fn comparison(&self, plan: &Plan) -> Option<Comparison> {
        self.previous.as_ref().map(|p| Comparison::of(p, plan))
    }
}

/// What `intake` knows of the capofila, to judge last year's plan.
fn known(intake: &Intake) -> CapofilaKnown<'_> {
    CapofilaKnown {
        capofila: intake.ambito().capofila_code(),
        registry: intake.registry(),
        request: intake.request(),
        demo: intake.is_demo(),
        now: intake.now(),
    }
}

/// The plan: the intake's counted submissions aggregated for its ambito. When the ambito
/// lists no owners and last year's plan of this ambito is loaded, the ricognizione takes
/// last year's owners as the known ones ([`LastYear::owners`]). A silent comune whose file
/// arrived (waiting for a decision, or refused) is named so by the ricognizione
/// ([`crate::ricognizione::Ricognizione::with_received`]).
pub fn plan_of(intake: &Intake, last_year: &LastYear) -> Plan {
    let with_owners;
    let ambito = match last_year.owners(intake) {
        Some(owners) => {
            let mut ambito = (**intake.ambito()).clone();
            ambito.con_patrimonio = Some(owners);
            with_owners = ambito;
            &with_owners
        }
        None => &**intake.ambito(),
    };
    let mut plan = aggregate(&intake.counted(), Some(ambito));
    // The plan is for this intake's year even when no file counted (issue #25): the
    // aggregate states the year it was made for.
    plan.anno_piano = Some(intake.year());
    plan.ricognizione =
        std::mem::take(&mut plan.ricognizione).with_received(intake.received(), Some(ambito));
    plan
}
