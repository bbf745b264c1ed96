//! The rule engine: runs the rule set of the submission's plan year and collects findings.
//!
//! A rule is data ([`Rule`]: id, severity, fields, messages, citation and a check function);
//! a rule set ([`RuleSet`]) is the list of rules for a range of plan years. A later year gets
//! its own set, reusing and adding rules, without touching this engine.

mod catalog;
mod choices;
mod plausibility;
mod sets;

use serde::Serialize;

pub use choices::{open_shares, OpenShare};
pub use sets::{rule_set_for, RuleSet, RULE_SETS};

use crate::ambiti::Ambito;
use crate::sections::{self, fields, SECTIONS};
use crate::submission::Submission;
use crate::text::Bilingual;
use crate::thresholds::{
    CATEGORIE_ART14_MAX_PERCENT, FIRST_PLAN_YEAR_RR_2_2025, FORZE_POLIZIA_MAX_PERCENT_2019,
    INDIGENZA_DEFAULT_PERCENT,
};

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks signing until fixed.
    Error,
    /// Needs an explicit acknowledgement with a short reason, kept in the file.
    Warning,
    /// The app's advice: shown next to the field, never blocks signing and needs no answer.
    Hint,
}

impl Severity {
    /// The severity's name, as docs/RULES.md and the CLI write it (in Italian).
    pub fn label(self) -> Bilingual {
        match self {
            Severity::Error => Bilingual::new("errore", "error"),
            Severity::Warning => Bilingual::new("avviso", "warning"),
            Severity::Hint => Bilingual::new("suggerimento", "hint"),
        }
    }
}

/// What a check sees: the submission and, when the capofila or the form knows it, the ambito.
pub struct Input<'a> {
    pub submission: &'a Submission,
    pub ambito: Option<&'a Ambito>,
}

pub struct Rule {
    /// Stable identifier, also used to acknowledge a warning in the file.
    pub id: &'static str,
    pub severity: Severity,
    /// The fields it concerns: JSON paths, where `[]` stands for any row and a leading `*[]`
    /// for the rows of every per-comune section ([`crate::sections::expand`]).
    pub fields: &'static [&'static str],
    /// What it checks. Built when shown, so that a threshold is quoted from
    /// [`crate::thresholds`] and never written out.
    pub summary: fn() -> Bilingual,
    /// Legal base, e.g. "art. 7bis r.r. 4/2017"; or, where the app asks something the law
    /// does not, a text starting with [`APP_REQUIREMENT`] or [`APP_ADVICE`] that says why.
    pub citation: &'static str,
    pub check: fn(&Input, &mut Reporter),
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// JSON path of the field to fix, e.g. `carenza_manutentiva[2].comune`.
    pub field: String,
    /// What to fix. Serialised (with the report) as its Italian text.
    pub message: Bilingual,
    pub citation: &'static str,
    /// For a warning: the reason given when it was acknowledged.
    pub acknowledged: Option<String>,
}

/// Collects the findings of one rule.
pub struct Reporter<'r> {
    rule: &'r Rule,
    findings: &'r mut Vec<Finding>,
}

impl Reporter<'_> {
    /// A finding on `field`, saying what to fix in Italian (`it`) and English (`en`).
    pub fn report(&mut self, field: impl Into<String>, it: String, en: String) {
        self.findings.push(Finding {
            rule: self.rule.id,
            severity: self.rule.severity,
            field: field.into(),
            message: Bilingual::new(it, en),
            citation: self.rule.citation,
            acknowledged: None,
        });
    }
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The rule set applied, or `None` when the plan year has none.
    pub rule_set: Option<&'static str>,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    pub fn unacknowledged_warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning && f.acknowledged.is_none())
    }

    /// The findings that block signing until fixed or acknowledged (hints never do).
    pub fn open(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity != Severity::Hint && f.acknowledged.is_none())
    }

    /// Signing needs no error and every warning acknowledged.
    pub fn can_sign(&self) -> bool {
        self.open().next().is_none()
    }

    pub fn for_field<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.field == field)
    }
}

impl Rule {
    /// The field paths the rule concerns, patterns expanded ([`crate::sections::expand`]).
    pub fn field_paths(&self) -> Vec<String> {
        self.fields
            .iter()
            .flat_map(|f| sections::expand(f))
            .collect()
    }
}

/// Runs one rule, appending its findings (acknowledgements are applied by [`validate`]).
pub fn run_rule(rule: &Rule, input: &Input, findings: &mut Vec<Finding>) {
    (rule.check)(input, &mut Reporter { rule, findings });
}

/// How a citation starts when the app requires something on its own (an error or warning
/// with no legal base), and when it only advises (a hint).
pub const APP_REQUIREMENT: &str = "requisito dell'app";
pub const APP_ADVICE: &str = "consiglio dell'app";

/// An acknowledgement counts only with a reason of a few characters at least.
pub const MIN_REASON_CHARS: usize = 5;

/// Checks `submission` with the rule set of its plan year.
pub fn validate(submission: &Submission, ambito: Option<&Ambito>) -> Report {
    let Some(set) = rule_set_for(submission.anno_piano) else {
        let years = RULE_SETS
            .iter()
            .map(|s| s.years_label())
            .collect::<Vec<_>>()
            .join(", ");
        return Report {
            rule_set: None,
            findings: vec![Finding {
                rule: "anno-piano-supportato",
                severity: Severity::Error,
                field: fields::ANNO_PIANO.path.into(),
                message: Bilingual::new(
                    format!(
                        "Nessuna regola per il piano {}: l'app copre i piani {years}. Correggere l'anno o aggiornare l'app.",
                        submission.anno_piano
                    ),
                    format!(
                        "No rules for plan year {}: the app covers plans {years}. Fix the year or update the app.",
                        submission.anno_piano
                    ),
                ),
                citation: "requisito dell'app: ogni anno del piano ha le sue regole",
                acknowledged: None,
            }],
        };
    };
    let input = Input { submission, ambito };
    let mut findings = Vec::new();
    for rule in set.rules {
        run_rule(rule, &input, &mut findings);
    }
    for finding in findings
        .iter_mut()
        .filter(|f| f.severity == Severity::Warning)
    {
        finding.acknowledged = submission
            .avvisi_confermati
            .iter()
            .find(|a| {
                a.regola == finding.rule
                    && a.campo == finding.field
                    && a.motivo.trim().chars().count() >= MIN_REASON_CHARS
            })
            .map(|a| a.motivo.trim().to_owned());
    }
    Report {
        rule_set: Some(set.id),
        findings,
    }
}

/// docs/RULES.md, generated from the rule sets so that it cannot drift from the code.
pub fn rules_markdown() -> String {
    let mut out = format!(
        "# Rules\n\n\
         Generated by `cargo run -p offerta-cli -- rules` from `crates/core/src/rules/`; a test\n\
         fails when this file and the code disagree.\n\n\
         Severity: **errore** blocks signing; **avviso** needs an explicit acknowledgement with a\n\
         reason (at least {MIN_REASON_CHARS} characters), kept in the file under `avvisi_confermati`;\n\
         **suggerimento** is shown next to the field and never blocks.\n\
         A plan year without a rule set gets the error `anno-piano-supportato`.\n\n\
         Legal base: the article each rule applies. Where the law says nothing and the app asks on\n\
         its own, the column starts with «{APP_REQUIREMENT}» (an error or warning the app needs for a\n\
         readable, consistent file) or «{APP_ADVICE}» (a plausibility check or advice), and says why.\n",
    );
    for set in RULE_SETS {
        out.push_str(&format!(
            "\n## {} - plan years {}\n\n{}\n\n\
             | id | severity | fields | rule (it) | rule (en) | legal base or app's requirement |\n\
             |---|---|---|---|---|---|\n",
            set.id,
            set.years_label(),
            (set.description)()
        ));
        for rule in set.rules {
            let summary = (rule.summary)();
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} | {} |\n",
                rule.id,
                rule.severity.label().it,
                rule.field_paths()
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                summary.it,
                summary.en,
                rule.citation
            ));
        }
    }
    out.push_str(&quota_section());
    out.push_str(&sections_section());
    out
}

fn quota_section() -> String {
    let (g, art14, from, ten) = (
        INDIGENZA_DEFAULT_PERCENT,
        CATEGORIE_ART14_MAX_PERCENT,
        FIRST_PLAN_YEAR_RR_2_2025,
        FORZE_POLIZIA_MAX_PERCENT_2019,
    );
    format!(
        "
## Quota calculator (`crates/core/src/quota.rs`)

From an ente's assignable units f and its chosen shares, how many units go to each quota:

| quota | share | rounding | why |
|---|---|---|---|
| indigenza (g) | chosen share, default {g}% | up | a minimum (\"almeno il {g}%\"); art. 13 c.3 r.r. 4/2017: \"arrotondato all'unità superiore\" |
| Forze di Polizia / VVF / Forze Armate (i, art. 7bis) | chosen share | down | a cap (\"fino al\", art. 4 c.3 lett. d bis) with no rounding clause found in artt. 7bis and 7ter (da verificare on the consolidated text): never exceed it |
| Polizia Locale (i, art. 7ter, from {from}) | chosen share | down | as art. 7bis: the same cap of lett. d bis |
| categoria aggiuntiva (h) | chosen share, if any | down | the law gives h no share (art. 4 c.3 lett. d); when the comune gives one, a cap: never exceed it |
| categorie art. 14 (from {from}) | chosen share | down | a cap (\"fino al {art14}%\", art. 4 c.3 lett. c bis): never exceed it |
| transitori (j) | declared in units | - | |

A share has at most one decimal (12,5), kept in tenths t, and the arithmetic is on integers
only: up = `(f*t + 999) / 1000`, down = `f*t / 1000`. A capped share smaller than one unit
gives 0 units: the form says so next to the share (hint `quota-arrotondata-a-zero`) and the
document after section i), e.g. «Comune di Castelleone, Forze di Polizia: {ten}% di 2 unità: 0
unità (arrotondamento per difetto, la quota non può superare il limite).» in Crema 2021. What
is left goes to the ordinary ranking; quotas beyond f are reported as excess. Rule
`quote-entro-assegnabili` counts every share, the default {g}% indigenza included (it applies
by law when the comune sets none), against f; and the shares the ente chose plus the
transitori (j) against f, leaving out the default indigenza share there, which may overlap j
as in the published Crema 2021 plan (Bagnolo Cremasco: f = 1, j = 1). Its message lists each
share with its units.

**The ALER's indigenza quota is counted per comune** (art. 13 c.3 r.r. 4/2017: for the ALER the
{g}% applies in each comune separately). In each comune the share of the ALER's f there
(b + c + d + e of its rows in that comune) is rounded up, and the quota is the sum. The units
the ALER gives without a comune (d, `avvicendamento.senza_ripartizione`) cannot be placed in
any: they form one group of their own, its share rounded up too. For Crema 2021 (ALER f = 71:
Castelleone 1, Crema 23, Offanengo 3, Pandino 1, Ripalta Cremasca 1, Vaiano Cremasco 1 and 41
without a comune) that is 1 + 5 + 1 + 1 + 1 + 1 + 9 = 19 units, where the {g}% of the whole f
would give 15. A comune's quota stays on its own f; the ALER's other quotas on its whole f.
"
    )
}

/// The section table (`sections.rs`): where each section is in the submission.
fn sections_section() -> String {
    let mut out = String::from(
        "
## Sections and field paths (`crates/core/src/sections.rs`)

Where each section of the plan is in the submission. The fields of a rule are JSON paths:
`[]` stands for any row, and `*[]` for the rows of every per-comune section.

| section | field path | rows per comune | title (it) | title (en) |
|---|---|---|---|---|
",
    );
    for s in SECTIONS {
        let mut title = s.title_and_legal_base();
        if let Some((year, later)) = s.title_from {
            let later = later();
            title
                .it
                .push_str(&format!("; dai piani {year}: {}", later.it));
            title
                .en
                .push_str(&format!("; from the {year} plans: {}", later.en));
        }
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            match s.letter {
                Some(_) => s.label(),
                None => "-".into(),
            },
            s.path,
            s.per_comune
                .as_ref()
                .map(|rows| format!("`{}[]`", rows.path))
                .unwrap_or_default(),
            title.it,
            title.en
        ));
    }
    out
}

#[cfg(test)]
mod tests;
