//! The texts of a comune checking a `.p7m` it signed (`components/signed_file_check.rs`):
//! kept apart from `Texts` so the check reads as one piece.

/// «Firmato digitalmente da …»: name, codice fiscale (if the certificate has one), CA, and
/// (date, time) if the signature states them.
pub type SignedBy = fn(&str, Option<&str>, &str, Option<(&str, &str)>) -> String;

pub struct SignedFileTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub label: &'static str,
    pub result_title: fn(&str) -> String,
    pub signed_by: SignedBy,
    pub no_certificate: &'static str,
    pub integrity: &'static str,
    pub trust: &'static str,
    pub content_title: &'static str,
    pub content_not_shown: &'static str,
    pub not_a_scheda: &'static str,
    pub figures_caption: &'static str,
    pub rules_ok: &'static str,
    pub rules_open: fn(usize) -> String,
    pub same_as_draft: &'static str,
    pub not_the_draft: fn(&str) -> String,
    // The capofila's request signed with a firma digitale
    pub request_from: fn(&str) -> String,
    pub request_confirm: &'static str,
    pub request_download: &'static str,
    pub request_download_how: &'static str,
    pub request_saved: fn(&str) -> String,
    /// The capofila's plan to sign with its firma digitale: the button and what was saved.
    pub plan_to_sign_button: &'static str,
    pub plan_to_sign_saved: fn(&str) -> String,
}

pub static IT: SignedFileTexts = SignedFileTexts {
    title: "Controlla un file firmato digitalmente (.p7m)",
    intro: "Apri il file .p7m prodotto dal programma di firma per vedere chi l'ha firmato, quando e che cosa contiene. La bozza non cambia.",
    label: "File firmato digitalmente (.p7m)",
    result_title: |name| format!("Il file {name}"),
    signed_by: |name, cf, ca, when| {
        let name = if name.is_empty() { "il titolare del certificato" } else { name };
        let cf = cf.map_or_else(
            || " (codice fiscale non indicato nel certificato)".to_owned(),
            |cf| format!(" (codice fiscale {cf})"),
        );
        let when = when.map_or_else(
            || ", senza data della firma".to_owned(),
            |(date, time)| format!(", il {date} alle {time}"),
        );
        format!("Firmato digitalmente da {name}{cf}, certificato di {ca}{when}")
    },
    no_certificate: "Firmato digitalmente, ma il file non contiene il certificato di chi ha firmato.",
    integrity: "Integrità:",
    trust: "Fiducia:",
    content_title: "Che cosa contiene",
    content_not_shown: "Il contenuto non viene mostrato: non è quello che è stato firmato.",
    not_a_scheda: "Il contenuto firmato non è una scheda dell'offerta abitativa che l'app sa leggere:",
    figures_caption: "Le cifre della scheda firmata",
    rules_ok: "Controllo delle regole: nessun problema.",
    rules_open: |n| match n {
        1 => "Controllo delle regole: 1 problema aperto.".to_owned(),
        n => format!("Controllo delle regole: {n} problemi aperti."),
    },
    same_as_draft: "È la stessa scheda della bozza.",
    not_the_draft: |why| format!("Non è la bozza attuale: {why}."),
    request_from: |name| format!("Richiesta del {name}, firmata digitalmente (.p7m)."),
    request_confirm: "Ho verificato chi ha firmato e la PEC da cui è arrivata",
    request_download: "Scarica la richiesta da firmare digitalmente",
    request_download_how: "Oppure firma la richiesta con la firma digitale dell'ente (senza la chiave dell'app): firmala in CAdES con il programma che usi di solito e invia ai comuni il file .p7m via PEC.",
    request_saved: |name| format!("Scaricata {name}: firmala digitalmente in CAdES e invia il file .p7m ai comuni via PEC."),
    plan_to_sign_button: "Scarica il piano da firmare digitalmente",
    plan_to_sign_saved: |name| format!("Scaricato {name}: firmalo digitalmente in CAdES con il programma di firma che usi di solito e conserva il file .p7m; l'anno prossimo si carica come piano dell'anno precedente."),
};

pub static EN: SignedFileTexts = SignedFileTexts {
    title: "Check a digitally signed file (.p7m)",
    intro: "Open the .p7m file your signing program made to see who signed it, when and what it contains. The draft does not change.",
    label: "Digitally signed file (.p7m)",
    result_title: |name| format!("The file {name}"),
    signed_by: |name, cf, ca, when| {
        let name = if name.is_empty() { "the certificate's holder" } else { name };
        let cf = cf.map_or_else(
            || " (no codice fiscale in the certificate)".to_owned(),
            |cf| format!(" (codice fiscale {cf})"),
        );
        let when = when.map_or_else(
            || ", no signing time stated".to_owned(),
            |(date, time)| format!(", on {date} at {time}"),
        );
        format!("Digitally signed by {name}{cf}, certificate of {ca}{when}")
    },
    no_certificate: "Digitally signed, but the file does not contain the signer's certificate.",
    integrity: "Integrity:",
    trust: "Trust:",
    content_title: "What it contains",
    content_not_shown: "The content is not shown: it is not what was signed.",
    not_a_scheda: "The signed content is not a submission of the housing supply the app can read:",
    figures_caption: "The signed submission's figures",
    rules_ok: "Rules check: no problem.",
    rules_open: |n| match n {
        1 => "Rules check: 1 open problem.".to_owned(),
        n => format!("Rules check: {n} open problems."),
    },
    same_as_draft: "It is the same submission as the draft.",
    not_the_draft: |why| format!("It is not the current draft: {why}."),
    request_from: |name| format!("Request of the {name}, digitally signed (.p7m)."),
    request_confirm: "I checked who signed and the PEC it came from",
    request_download: "Download the request to sign digitally",
    request_download_how: "Or sign the request with the ente's firma digitale (without the app's key): sign it in CAdES with the program you usually use and send the .p7m file to the comuni by PEC.",
    request_saved: |name| format!("Downloaded {name}: sign it digitally in CAdES and send the .p7m file to the comuni by PEC."),
    plan_to_sign_button: "Download the plan to sign digitally",
    plan_to_sign_saved: |name| format!("Downloaded {name}: sign it digitally in CAdES with the signing program you usually use and keep the .p7m file; next year it is loaded as last year's plan."),
};
