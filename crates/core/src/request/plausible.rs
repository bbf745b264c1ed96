//! What a signed request must also be to be used (issue #25): a signature says only who
//! signed, not that what was signed makes sense. A request is refused, with the reason in
//! plain words, when
//! - a text (the capofila's name, contact, the message, the ambito's name) holds an
//!   invisible or reordering character, which could make one name pass for another;
//! - the capofila's name is another comune's than its ISTAT code's, or the capofila is not
//!   the ambito's;
//! - a preset ambito (the regional list the app ships) comes with other comuni: a comune
//!   outside the ambito would then be offered in the list of entes that answer;
//! - the plan year is one the app has no rules for, or not the year of the signature or the
//!   next; the deadline is before the signature, more than a year after it, or not in the
//!   plan year or the year before.
//!
//! The owners (`con_patrimonio`) are the capofila's claim and are not checked here: the
//! page and the CLI say how many the request names.

use super::{refuse, Request};
use crate::ambiti::Ambito;
use crate::comuni::{self, IstatCode};
use crate::text::{code_point, day_of, first_deceptive, Bilingual};

/// The longest time, in days, from the signature to the deadline: a ricognizione is asked
/// and answered within the year (requisito dell'app).
pub const MAX_DAYS_TO_DEADLINE: i64 = 366;

/// Every check of this module, in the order a clerk can act on them; `signed_at` is the
/// proof's `created` (already checked to be an RFC 3339 time).
/// The reason is bare (no advice): the reader adds what a comune does, the capofila's
/// panel what the capofila does.
pub(super) fn check(request: &Request, signed_at: &str) -> Result<(), Bilingual> {
    invisible_characters(request)?;
    capofila_name(request)?;
    preset_comuni(&request.ambito)?;
    plan_year(request, signed_at)?;
    deadline(request, signed_at)
}

/// The first character of `text` a request may not hold: the same as in every other text
/// ([`first_deceptive`]: controls, direction marks, zero-width characters, the byte-order
/// mark...); «Comune di Crema» followed by a joiner looks like Crema's own name.
pub fn first_hidden(text: &str, multiline: bool) -> Option<char> {
    first_deceptive(text, multiline)
}

fn invisible_characters(request: &Request) -> Result<(), Bilingual> {
    let c = &request.capofila;
    let fields: [(&str, &str, &str, bool); 5] = [
        (
            "il nome del capofila",
            "the capofila's name",
            &c.nome,
            false,
        ),
        ("il referente", "the contact person", &c.referente, false),
        ("il contatto", "the contact", &c.contatto, false),
        (
            "il nome dell'ambito",
            "the ambito's name",
            &request.ambito.nome,
            false,
        ),
        ("il messaggio", "the message", &request.messaggio, true),
    ];
    for (it, en, text, multiline) in fields {
        if let Some(hidden) = first_hidden(text, multiline) {
            let point = code_point(hidden);
            return Err(refuse(
                format!("{it} nella richiesta contiene un carattere invisibile ({point}) che può far sembrare un nome un altro (testo-senza-caratteri-invisibili, requisito dell'app)"),
                format!("{en} in the request holds an invisible character ({point}) that can make one name look like another (testo-senza-caratteri-invisibili, the app's requirement)"),
            ));
        }
    }
    Ok(())
}

fn official_name(code: IstatCode) -> String {
    comuni::by_code(code).map_or_else(String::new, |c| format!("Comune di {}", c.nome))
}

/// The capofila's code must be a comune of Lombardy, the ambito's capofila when it names
/// one, and its name (when it is a comune's) the one of the ISTAT table for that code.
fn capofila_name(request: &Request) -> Result<(), Bilingual> {
    let sender = &request.capofila;
    let shown = crate::text::visible(&sender.nome);
    let Some(code) = sender
        .codice_istat
        .parse::<IstatCode>()
        .ok()
        .filter(|c| comuni::is_lombard(*c))
    else {
        let code = crate::text::visible(&sender.codice_istat);
        return Err(refuse(
            format!("il codice ISTAT del capofila «{code}» non è un comune della Lombardia"),
            format!("the capofila's ISTAT code «{code}» is not a comune of Lombardy"),
        ));
    };
    let official = official_name(code);
    // Compared without regard to case: «Comune di crema» is still Crema's name.
    let lower = sender.nome.trim().to_lowercase();
    let says_comune = lower.starts_with("comune di ");
    let bare = lower.strip_prefix("comune di ").unwrap_or(&lower);
    // Every comune of that name (a name may be two comuni's).
    let named: Vec<IstatCode> = comuni::lombardia()
        .iter()
        .filter(|c| c.nome.to_lowercase() == bare)
        .map(|c| c.istat)
        .collect();
    let its_own = named.contains(&code);
    if (!named.is_empty() || says_comune) && !its_own {
        return Err(refuse(
            format!("la richiesta chiama «{shown}» il comune con codice ISTAT {code}, che secondo l'elenco ISTAT è il {official}"),
            format!("the request calls the comune with ISTAT code {code} «{shown}», which according to the ISTAT list is the {official}"),
        ));
    }
    match request.ambito.capofila_code() {
        Some(capofila) if capofila != code => {
            let (ambito, real) = (&request.ambito.nome, official_name(capofila));
            Err(refuse(
                format!("la richiesta dice di venire dal {official} ({code}), ma il capofila dell'ambito «{ambito}» è il {real} ({capofila})"),
                format!("the request says it comes from the {official} ({code}), but the capofila of the ambito «{ambito}» is the {real} ({capofila})"),
            ))
        }
        _ => Ok(()),
    }
}

/// "il Comune di Milano (015146)", a list of them joined with commas and «e».
fn named_list(codes: &[IstatCode]) -> String {
    let names: Vec<String> = codes
        .iter()
        .map(|c| format!("il {} ({c})", official_name(*c)))
        .collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} e {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// «fa» for one comune, «fanno» for more.
fn verb(codes: &[IstatCode]) -> &'static str {
    if codes.len() == 1 {
        "fa"
    } else {
        "fanno"
    }
}

/// A request for an ambito the app ships (the regional list) must have its comuni: one added
/// would be offered in the list of entes that answer, one removed would not be asked.
fn preset_comuni(ambito: &Ambito) -> Result<(), Bilingual> {
    let Some(preset) = crate::ambiti::preset(&ambito.id) else {
        return Ok(());
    };
    let added: Vec<IstatCode> = ambito
        .comuni
        .iter()
        .copied()
        .filter(|c| !preset.contains(*c))
        .collect();
    let removed: Vec<IstatCode> = preset
        .comuni
        .iter()
        .copied()
        .filter(|c| !ambito.contains(*c))
        .collect();
    if added.is_empty() && removed.is_empty() {
        return Ok(());
    }
    let mut it = Vec::new();
    let mut en = Vec::new();
    let place = preset.nome.as_str();
    if !added.is_empty() {
        let (list, fa) = (named_list(&added), verb(&added));
        it.push(format!("aggiunge all'ambito «{place}» {list}, che secondo l'elenco regionale non ne {fa} parte"));
        en.push(format!("adds to the ambito «{place}» {list}, which according to the regional list is not part of it"));
    }
    if !removed.is_empty() {
        let (list, fa) = (named_list(&removed), verb(&removed));
        it.push(format!(
            "toglie dall'ambito «{place}» {list}, che secondo l'elenco regionale ne {fa} parte"
        ));
        en.push(format!("removes from the ambito «{place}» {list}, which according to the regional list is part of it"));
    }
    Err(refuse(
        format!("la richiesta {}", it.join("; e ")),
        format!("the request {}", en.join("; and ")),
    ))
}

/// The plan year: one the app has rules for, and the year of the signature or the next (a
/// ricognizione is asked in the months before the plan, requisito dell'app).
fn plan_year(request: &Request, signed_at: &str) -> Result<(), Bilingual> {
    let year = request.anno_piano;
    let first = crate::rules::RULE_SETS
        .iter()
        .map(|s| s.first_year)
        .min()
        .unwrap_or(year);
    if crate::rules::rule_set_for(year).is_none() {
        return Err(refuse(
            format!("l'anno del piano {year} non è plausibile: l'app ha le regole per i piani dal {first} in poi"),
            format!("the plan year {year} is not plausible: the app has the rules for the plans from {first} on"),
        ));
    }
    let signed_year = signed_at
        .get(0..4)
        .and_then(|y| y.parse::<u16>().ok())
        .unwrap_or(year);
    if year != signed_year && year != signed_year.saturating_add(1) {
        let on = day_of(signed_at);
        return Err(refuse(
            format!("la richiesta è firmata il {on} per il piano {year}: un piano si chiede nel suo anno o in quello prima"),
            format!("the request is signed on {on} for the plan {year}: a plan is asked for in its year or the year before"),
        ));
    }
    Ok(())
}

/// The deadline: on or after the day of the signature, at most [`MAX_DAYS_TO_DEADLINE`]
/// after it, in the plan year or the year before.
fn deadline(request: &Request, signed_at: &str) -> Result<(), Bilingual> {
    let (year, due, on) = (
        request.anno_piano,
        day_of(&request.scadenza),
        day_of(signed_at),
    );
    let days = super::days_between(signed_at, &request.scadenza).unwrap_or(0);
    let why = if days < 0 {
        Some((
            format!(
                "la scadenza {due} è prima del giorno in cui la richiesta è stata firmata ({on})"
            ),
            format!("the deadline {due} is before the day the request was signed ({on})"),
        ))
    } else if days > MAX_DAYS_TO_DEADLINE {
        Some((
            format!("la scadenza {due} è più di un anno dopo la firma della richiesta ({on})"),
            format!("the deadline {due} is more than a year after the request was signed ({on})"),
        ))
    } else {
        let due_year = request
            .scadenza
            .get(0..4)
            .and_then(|y| y.parse::<u16>().ok());
        (due_year != Some(year) && due_year != Some(year.saturating_sub(1))).then(|| {
            (
                format!("la scadenza {due} non è plausibile per il piano {year}: cade nell'anno del piano o in quello prima"),
                format!("the deadline {due} is not plausible for the plan {year}: it falls in the plan year or the year before"),
            )
        })
    };
    match why {
        Some((it, en)) => Err(refuse(it, en)),
        None => Ok(()),
    }
}
