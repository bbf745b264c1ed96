//! Every text of the screens in one place per language: Italian by default, English on
//! request. Messages of the rules, the verification outcomes, the reasons a received file is
//! set aside or discarded, the errors of the core and the plan's tables come in both languages
//! from the core.

use offerta_core::sections::{self, Section};
use offerta_core::text::{agreeing, agreeing_en, count, count_en, Bilingual, Message};
use yew::prelude::*;

pub mod signed_file;
pub mod statement;
pub mod yearly;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    It,
    En,
}

impl Lang {
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::It => &IT,
            Lang::En => &EN,
        }
    }

    /// Picks the message in this language from a pair the core provides.
    pub fn pick<'a>(self, it: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::It => it,
            Lang::En => en,
        }
    }

    /// A text of the core in this language.
    pub fn say(self, text: &Bilingual) -> &str {
        self.pick(&text.it, &text.en)
    }

    /// A section's heading in this language, for the plans of `year`: one title per section,
    /// the one of [`offerta_core::sections`], on the page as in the plan's tables.
    pub fn heading(self, section: &Section, year: u16) -> String {
        self.say(&section.heading_in(year)).to_owned()
    }

    /// A message of the core in this language, its technical detail apart.
    pub fn show(self, message: &Message) -> Shown {
        Shown {
            plain: self.say(&message.plain).to_owned(),
            technical: message.technical.as_ref().map(|t| self.say(t).to_owned()),
        }
    }

    /// The texts of the yearly routine (request, status board) in this language.
    pub fn yearly(self) -> &'static yearly::YearlyTexts {
        match self {
            Lang::It => &yearly::IT,
            Lang::En => &yearly::EN,
        }
    }

    /// The texts of a comune checking a `.p7m` it signed, in this language.
    pub fn signed_file(self) -> &'static signed_file::SignedFileTexts {
        match self {
            Lang::It => &signed_file::IT,
            Lang::En => &signed_file::EN,
        }
    }

    /// The accessibility statement in this language.
    pub fn statement(self) -> &'static statement::Statement {
        match self {
            Lang::It => &statement::IT,
            Lang::En => &statement::EN,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Lang {
        if code == "en" {
            Lang::En
        } else {
            Lang::It
        }
    }
}

/// A message as the page shows it, in the page's language: the plain words, and the
/// technical detail that [`crate::components::DetailedText`] puts behind «Dettagli tecnici»
/// (the parts of a core [`Message`], or of a message of the page).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub plain: String,
    pub technical: Option<String>,
}

impl Shown {
    /// What was said about the file `name` (safe to show): «name: words.», the detail apart.
    pub fn of_file(name: &str, why: Shown) -> Shown {
        Shown {
            plain: format!("{name}: {}.", why.plain),
            ..why
        }
    }
}

impl From<String> for Shown {
    fn from(plain: String) -> Shown {
        Shown {
            plain,
            technical: None,
        }
    }
}

impl From<&str> for Shown {
    fn from(plain: &str) -> Shown {
        Shown::from(plain.to_owned())
    }
}

/// The texts of the current language, from the `Lang` context (Italian without one).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

impl Texts {
    /// What the browser could not do, in this language.
    pub fn explain(&self, error: &crate::browser::BrowserError) -> Shown {
        use crate::browser::BrowserError;
        match error {
            BrowserError::Download(file) => (self.cannot_download)(file).into(),
            BrowserError::KeyNotRemembered => self.key_not_remembered.into(),
            BrowserError::RegistryNotSaved => self.registry_not_saved.into(),
            BrowserError::TrustedListNotSaved => self.trusted_list_not_saved.into(),
            BrowserError::TextsNotSaved => self.texts_not_saved.into(),
            BrowserError::DraftNoSpace => self.draft_no_space.into(),
            BrowserError::FileNotRead { file, detail } => (self.cannot_read)(file, detail).into(),
            BrowserError::NotOverwritten(problem) => (self.not_overwritten)(problem),
            BrowserError::NotSetAside => self.not_set_aside.into(),
        }
    }
}

/// `plain` as one sentence (ending with a full stop) and the stored item's detail apart.
fn with_detail(plain: &str, problem: &offerta_core::stored::Problem) -> Shown {
    Shown {
        plain: format!("{}.", plain.trim_end_matches('.')),
        technical: Some(problem.detail()),
    }
}

/// How many CA certificates of the trusted list are anchors, in Italian.
fn it_anchors(count: usize) -> String {
    match count {
        1 => {
            "1 certificato di certificatore qualificato per la firma elettronica fidato".to_owned()
        }
        n => {
            format!("{n} certificati di certificatori qualificati per la firma elettronica fidati")
        }
    }
}

/// The same in English.
fn en_anchors(count: usize) -> String {
    match count {
        1 => "1 certificate of a trusted qualified certification authority for electronic signatures".to_owned(),
        n => format!("{n} certificates of trusted qualified certification authorities for electronic signatures"),
    }
}

pub struct Texts {
    pub switch_to_other: &'static str,
    // Page frame
    pub skip_to_content: &'static str,
    pub region: &'static str,
    pub tagline: &'static str,
    pub back_home: &'static str,
    pub offline_note: &'static str,
    pub accessibility_link: &'static str,
    pub go_to_problems: &'static str,
    // What the browser could not do
    pub cannot_download: fn(&str) -> String,
    pub cannot_read: fn(&str, &str) -> String,
    pub key_not_remembered: &'static str,
    pub registry_not_saved: &'static str,
    pub trusted_list_not_saved: &'static str,
    pub texts_not_saved: &'static str,
    pub not_overwritten: fn(&offerta_core::stored::Problem) -> Shown,
    pub not_set_aside: &'static str,
    // What is stored in this browser and this copy cannot read
    pub stored_notice_title: &'static str,
    pub stored_problem: fn(&offerta_core::stored::Problem) -> Shown,
    pub set_aside: &'static str,
    pub app_version: fn(&str) -> String,
    pub document_title: &'static str,
    pub document_intro: &'static str,
    pub document_capofila: &'static str,
    pub document_approval_date: &'static str,
    pub document_approval_act: &'static str,
    pub document_premessa: &'static str,
    pub document_ambito: &'static str,
    pub document_welfare: &'static str,
    pub document_projects: &'static str,
    pub document_docx: &'static str,
    pub document_save: &'static str,
    pub document_open: &'static str,
    pub document_preview: &'static str,
    pub document_opened: &'static str,
    pub draft_no_space: &'static str,
    pub compila_title: &'static str,
    // Start
    pub resume_title: &'static str,
    pub unreadable_drafts: fn(usize) -> String,
    pub new_submission: &'static str,
    pub ambito: &'static str,
    pub ente_filing: &'static str,
    pub choose: &'static str,
    pub aler_option: &'static str,
    pub aler_name: &'static str,
    pub plan_year: &'static str,
    pub start: &'static str,
    pub open_draft_file: &'static str,
    pub choose_ente: &'static str,
    pub year_format: &'static str,
    pub comune_of: fn(&str) -> String,
    pub plan_of: fn(&str, u16) -> String,
    pub resume_draft_of: fn(&str, u16, &str) -> String,
    // Draft view
    pub draft_title: fn(&str, u16, &str) -> String,
    pub saved_at: fn(&str) -> String,
    pub save_to_file: &'static str,
    pub change_ente: &'static str,
    pub sign_section: &'static str,
    pub sign_button: &'static str,
    pub why_problems: fn(usize, usize) -> String,
    pub why_key: &'static str,
    pub firma_digitale_title: &'static str,
    pub firma_digitale_how: fn(&str) -> String,
    pub firma_digitale_button: &'static str,
    pub why_other_key: fn(&str) -> String,
    pub leave_warning: &'static str,
    pub leave_with_files: &'static str,
    pub technical_details: &'static str,
    pub storage_follows_the_file: &'static str,
    pub loaded_before: fn(usize) -> String,
    pub forget_loaded_before: &'static str,
    pub home_loaded_before: fn(usize) -> String,
    pub resume_capofila: &'static str,
    pub no_problems: &'static str,
    pub to_fix: fn(usize) -> String,
    pub error: &'static str,
    pub warning: &'static str,
    pub hint: &'static str,
    // Findings
    pub confirmed: fn(&str) -> String,
    pub undo_confirm: &'static str,
    pub confirm_reason: &'static str,
    pub confirm_warning: &'static str,
    pub check_first: &'static str,
    pub data_are_right: &'static str,
    // Rows
    pub no_rows: &'static str,
    pub comune_row: fn(usize) -> String,
    pub units: &'static str,
    pub remove_row: fn(usize) -> String,
    pub add_row: &'static str,
    pub intervention: &'static str,
    pub percent: &'static str,
    pub motivation: &'static str,
    // Sections
    pub referente: &'static str,
    pub full_name: &'static str,
    pub role: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub no_stock: &'static str,
    pub sap_units: &'static str,
    pub sas_units: &'static str,
    pub total_units: fn(&str) -> String,
    pub aler_choices: &'static str,
    pub art14_categories: &'static str,
    pub shares_2025: &'static str,
    pub section_d_unsplit: &'static str,
    pub section_d_sas_unsplit: &'static str,
    /// g) above 20%: the comune's confirmation of art. 13 c.3.
    pub housing_costs_covered: &'static str,
    /// The legend of the art. 14 categories the c bis share goes to.
    pub art14_categories_chosen: &'static str,
    pub total_f: fn(&str) -> String,
    /// After a total that leaves out a field whose text is still to correct.
    pub total_incomplete: &'static str,
    pub section_ghi: &'static str,
    pub share_g: fn(u8) -> String,
    pub share_h: &'static str,
    pub category_name: &'static str,
    pub share_i_2026: &'static str,
    pub share_i: fn(u8) -> String,
    pub share_local_police: &'static str,
    pub share_art14: fn(u8) -> String,
    pub quotas: fn(&offerta_core::quota::Quotas, u64, &str) -> String,
    pub aler_indigenza_per_comune: &'static str,
    pub aler_indigenza_in: fn(&str, u64, u64) -> String,
    pub without_comune: &'static str,
    pub section_k: fn(u16) -> String,
    pub ordinary: &'static str,
    pub by_exception: &'static str,
    pub total_k: fn(&str) -> String,
    pub texts_title: &'static str,
    pub welfare: &'static str,
    pub projects: &'static str,
    // Receipt
    pub receipt_title: &'static str,
    pub receipt_note: &'static str,
    pub print_receipt: &'static str,
    pub r_ente: &'static str,
    pub r_plan: &'static str,
    pub r_file: &'static str,
    pub r_signed_at: &'static str,
    pub r_fingerprint: &'static str,
    pub r_hash: &'static str,
    pub r_stock: &'static str,
    pub r_assignable: &'static str,
    pub r_assigned: &'static str,
    pub r_no_stock: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    // Key panel
    pub key_ready: fn(&str) -> String,
    pub key_fingerprint: &'static str,
    pub key_send_by_pec: &'static str,
    pub key_download: &'static str,
    pub key_keep_hint: &'static str,
    pub key_open_title: &'static str,
    pub key_stored: &'static str,
    pub key_or_file: &'static str,
    pub key_chosen: fn(&str, &str) -> String,
    pub key_stored_item: fn(&str, &str) -> String,
    pub passphrase: &'static str,
    pub key_opening: &'static str,
    pub key_open: &'static str,
    pub key_choose_file: &'static str,
    pub key_create_title: &'static str,
    pub key_create_note: &'static str,
    pub key_is_aler: &'static str,
    pub key_istat: &'static str,
    pub key_new_passphrase: fn(usize) -> String,
    pub key_repeat: &'static str,
    pub key_mismatch: &'static str,
    pub key_remember: &'static str,
    pub key_creating: &'static str,
    pub key_create: &'static str,
    // Home
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub role_compila_help: &'static str,
    pub capofila_title: &'static str,
    pub role_capofila_help: &'static str,
    pub demo_title: &'static str,
    pub demo_note: &'static str,
    pub load_demo: &'static str,
    // Capofila
    pub ambito_and_year: &'static str,
    pub ambito_option: fn(&str, usize) -> String,
    pub import_ambito: &'static str,
    pub ambito_imported: fn(&str, usize) -> String,
    pub owners_summary: fn(usize, usize) -> String,
    pub owners_not_known: &'static str,
    pub owners_legend: &'static str,
    pub owners_help: &'static str,
    pub received_title: &'static str,
    pub drop_here: &'static str,
    pub choose_files: &'static str,
    pub checking: fn(usize, usize) -> String,
    pub cancel_drop: &'static str,
    pub drop_cancelled: fn(usize, usize) -> String,
    pub no_files: &'static str,
    pub received_count: fn(usize, usize, usize) -> String,
    pub total_row: &'static str,
    pub clear_files: &'static str,
    pub clear_files_question: fn(usize) -> String,
    pub clear_files_yes: &'static str,
    pub clear_files_no: &'static str,
    pub registry_title: &'static str,
    pub registry_count: fn(usize) -> String,
    pub registry_export: &'static str,
    pub registry_import: &'static str,
    pub registry_imported: fn(usize) -> String,
    pub trusted_list_title: &'static str,
    pub trusted_list_none: &'static str,
    /// Sequence number, issued, next update, how many CA certificates.
    pub trusted_list_loaded: fn(u64, &str, &str, usize) -> String,
    pub trusted_list_out_of_date: &'static str,
    /// The same, of the list kept in this browser.
    pub trusted_list_kept: fn(u64, &str, &str, usize) -> String,
    pub trusted_list_revocation: &'static str,
    pub trusted_list_forget: &'static str,
    pub trusted_list_forget_note: &'static str,
    /// The older list's number and issue date, then the one in use's.
    pub trusted_list_older: fn(u64, &str, u64, &str) -> String,
    pub trusted_list_use_older: fn(u64) -> String,
    pub trusted_list_keep_newer: fn(u64) -> String,
    pub trusted_list_import: &'static str,
    pub demo_notice: &'static str,
    pub plan_heading: fn(u16, &str) -> String,
    pub export_title: &'static str,
    pub export_xlsx: &'static str,
    pub export_csv: &'static str,
    /// The capofila's record of the files received (crates/core/src/verbale.rs): a heading,
    /// what it is, its two downloads.
    pub verbale_title: &'static str,
    pub verbale_intro: &'static str,
    pub verbale_docx: &'static str,
    pub verbale_csv: &'static str,
    pub print_pdf: &'static str,
    pub export_signed: &'static str,
    pub plan_signer: fn(&str, &str) -> String,
    pub plan_signed_with: fn(&str, &str) -> String,
    pub signed_needs_key: &'static str,
    /// After the core's «bozza: N file in attesa di decisione» above the plan.
    pub draft_explained: &'static str,
    /// The checkbox that lets the capofila sign the plan while files wait.
    pub sign_draft_confirm: &'static str,
    // Received files
    pub files_show_to_check: &'static str,
    pub files_show_all: fn(usize) -> String,
    /// The name of the line that counts the files per state, each a link to its group.
    pub files_summary_label: &'static str,
    /// The link from the files to the plan's heading.
    pub go_to_plan: &'static str,
    /// «Mostra altri 50 file (ne restano 1.450)»: the next rows of a long group.
    pub show_more_files: fn(usize, usize) -> String,
    pub col_file: &'static str,
    pub col_ente: &'static str,
    pub col_detail: &'static str,
    pub superseded_by: fn(&str) -> String,
    pub accept_key: fn(&str) -> String,
    pub confirm_date: &'static str,
    /// «Conferma: MARIO ROSSI firma per il Comune di Castelleone».
    pub confirm_signer: fn(&str) -> String,
    /// «Conferma i 3 firmatari il cui certificato nomina il proprio ente».
    pub confirm_signers_naming_ente: fn(usize) -> String,
    /// What the bulk confirmation matched, in plain words.
    pub confirm_signers_naming_ente_hint: &'static str,
    pub replace_key_open: &'static str,
    pub replace_key_intro: fn(&str, &str, &str) -> String,
    pub replace_key_reason: &'static str,
    pub replace_key_confirm: &'static str,
    pub paste_label: &'static str,
    pub paste_hint: &'static str,
    pub paste_accept: &'static str,
    pub paste_accepted: fn(usize) -> String,
    pub paste_still_waiting: fn(usize) -> String,
    pub paste_key_mismatch: &'static str,
    pub paste_unmatched: fn(&str) -> String,
    pub registry_keys_open: &'static str,
    pub registry_keys_caption: &'static str,
    pub registry_search: &'static str,
    /// Keys shown, keys matching the search, keys in the registry.
    pub registry_shown: fn(usize, usize, usize) -> String,
    pub col_fingerprint: &'static str,
    pub col_accepted_on: &'static str,
    pub col_key_state: &'static str,
    pub key_in_use: &'static str,
    pub revoke_open: &'static str,
    pub revoke_intro: &'static str,
    pub revoke_from: &'static str,
    pub revoke_reason: &'static str,
    pub revoke_confirm: &'static str,
    // Plan tables
    pub summary_caption: &'static str,
    pub summary_owner: &'static str,
    pub summary_total: &'static str,
    pub summary_sap: &'static str,
    pub summary_sas: &'static str,
    pub summary_assignable: &'static str,
    pub summary_assigned: &'static str,
    pub no_units: &'static str,
    pub first_rows_of: fn(usize, &str) -> String,
    pub show_all_rows: fn(&str) -> String,
    pub show_first_rows: fn(usize) -> String,
}

pub static IT: Texts = Texts {
    switch_to_other: "English",
    skip_to_content: "Vai al contenuto",
    region: "Offerta Abitativa - piano annuale dei servizi abitativi pubblici e sociali",
    tagline: "Piano annuale dell'offerta dei servizi abitativi pubblici e sociali",
    back_home: "← Torna alla pagina iniziale",
    offline_note: "Funziona senza rete: nessun dato lascia questo computer.",
    accessibility_link: "Dichiarazione di accessibilità",
    go_to_problems: "Vai all'elenco dei problemi",
    cannot_download: |file| format!("Impossibile scaricare {file}: il browser non ha creato il file."),
    cannot_read: |file, detail| format!("{file}: il browser non è riuscito a leggere il file (forse è stato spostato, cancellato o era su una chiavetta tolta): sceglierlo di nuovo. Dettaglio: {detail}"),
    key_not_remembered: "Impossibile salvare la chiave nel browser: conservare il file della chiave.",
    trusted_list_not_saved: "L'elenco di fiducia è in uso in questa pagina, ma il browser non ha spazio per conservarlo (lo spazio che il browser concede è occupato da bozze, registro e altri dati di questa app): resta valido finché la pagina resta aperta; alla prossima apertura caricarlo di nuovo.",
    registry_not_saved: "Il registro delle chiavi è in uso in questa pagina, ma il browser non ha spazio per conservarlo (un registro molto grande supera lo spazio che il browser concede): esportarlo su file e reimportarlo alla prossima apertura.",
    texts_not_saved: "Impossibile salvare i testi del documento nel browser: salvarli in un file con «Salva i testi in un file».",
    not_overwritten: |p| with_detail(&p.refusal().it, p),
    not_set_aside: "Il browser non ha potuto mettere da parte il dato: resta dov'è, com'è.",
    stored_notice_title: "Dati salvati in questo browser che questa copia dell'app non legge",
    stored_problem: |p| with_detail(&p.message().it, p),
    set_aside: "Metti da parte (resta conservato) e continua",
    app_version: |v| format!("Versione dell'app: {v}"),
    document_title: "Documento del piano",
    document_intro: "L'app scrive il Piano annuale con tutte le cifre, nell'ordine dei piani pubblicati. Completare qui le parti che spettano al capofila; i testi restano salvati in questo browser e viaggiano nel piano firmato.",
    document_capofila: "Comune capofila",
    document_approval_date: "Data di approvazione dell'Assemblea dei Sindaci (vuota fino all'approvazione)",
    document_approval_act: "Deliberazione di approvazione (es. deliberazione n. 1)",
    document_premessa: "I. Premessa: il quadro normativo",
    document_ambito: "L'ambito territoriale",
    document_welfare: "Misure di welfare abitativo dell'ambito (seguono quelle indicate dagli enti)",
    document_projects: "Progettualità per il contrasto al disagio abitativo (seguono quelle degli enti)",
    document_docx: "Scarica il documento (Word, DOCX)",
    document_save: "Salva i testi in un file",
    document_open: "Riapri i testi da un file",
    document_preview: "Anteprima del documento",
    document_opened: "Testi del documento riaperti dal file.",
    draft_no_space: "Il browser non ha più spazio per la bozza: salvarla su file con «Salva la bozza su file».",
    compila_title: "Compila la scheda dell'ente",
    resume_title: "Riprendi una bozza salvata in questo browser",
    unreadable_drafts: |n| format!("{} nel browser (chiave offerta-abitativa/bozza-illeggibile/...), {}.", agreeing(n, "bozza salvata non è più leggibile: è stata messa da parte", "bozze salvate non sono più leggibili: sono state messe da parte"), if n == 1 { "non cancellata" } else { "non cancellate" }),
    new_submission: "Nuova scheda",
    ambito: "Ambito",
    ente_filing: "Ente che compila",
    choose: "- scegliere -",
    aler_option: "ALER (ente gestore)",
    aler_name: "Nome dell'ALER",
    plan_year: "Anno del piano",
    start: "Compila la scheda",
    open_draft_file: "Oppure apri un file di bozza (o una scheda già firmata, per correggerla): ",
    choose_ente: "Scegliere l'ente che compila.",
    year_format: "Scrivere l'anno del piano con quattro cifre (es. 2027).",
    comune_of: |n| format!("Comune di {n}"),
    plan_of: |e, y| format!("{e} - piano {y}"),
    resume_draft_of: |e, y, saved| if saved.is_empty() { format!("Riprendi la bozza di {e} - piano {y}") } else { format!("Riprendi la bozza di {e} - piano {y} (salvata il {saved})") },
    draft_title: |e, y, a| format!("Scheda di {e} - piano {y} - {a}"),
    saved_at: |t| format!("Bozza salvata in questo browser alle {t}."),
    save_to_file: "Salva la bozza su file",
    change_ente: "Cambia ente o anno",
    sign_section: "Firma e invio",
    sign_button: "Firma e scarica il file",
    why_problems: |e, w| {
        let errors = match e {
            0 => None,
            1 => Some("correggere 1 errore".to_owned()),
            n => Some(format!("correggere {n} errori")),
        };
        let warnings = match w {
            0 => None,
            1 => Some("confermare 1 avviso".to_owned()),
            n => Some(format!("confermare {n} avvisi")),
        };
        let todo: Vec<String> = errors.into_iter().chain(warnings).collect();
        format!("Per firmare, {} (elenco in alto).", todo.join(" e "))
    },
    firma_digitale_title: "Oppure con la firma digitale dell'ente",
    firma_digitale_how: |name| format!("Firmala con il programma di firma digitale che usi di solito (Dike, ArubaSign, GoSign, Firma OK…) in formato CAdES: otterrai un file {name}.p7m. Invia quel file al comune capofila via PEC."),
    firma_digitale_button: "Scarica la scheda da firmare digitalmente",
    why_key: "Per firmare, aprire o creare la chiave dell'ente nel riquadro «Apri la chiave dell'ente» / «Crea una nuova chiave» qui sopra.",
    why_other_key: |e| format!("La chiave aperta non è di {e}: aprire la chiave dell'ente."),
    leave_warning: "La scheda ha modifiche non firmate.",
    leave_with_files: "I file caricati andranno caricati di nuovo.",
    technical_details: "Dettagli tecnici",
    storage_follows_the_file: "In Firefox la bozza resta legata a questo file: aprendo una copia del file, o il file spostato in un'altra cartella o chiavetta, la bozza non si ritrova. Prima di spostare o copiare il file, usare «Salva la bozza su file» e poi riaprire la bozza salvata.",
    loaded_before: |n| match n {
        1 => "Prima che la pagina fosse chiusa o ricaricata era caricato questo file, che il browser non conserva: il file è ancora sul computer, trascinarlo di nuovo qui sopra (il piano dell'anno prima o una lista di revoca si carica nel suo riquadro).".to_owned(),
        n => format!("Prima che la pagina fosse chiusa o ricaricata erano caricati {n} file che il browser non conserva: i file sono ancora sul computer, trascinarli di nuovo qui sopra (il piano dell'anno prima e le liste di revoca si caricano nei loro riquadri). Mancano ancora:"),
    },
    forget_loaded_before: "Non serve più questo elenco",
    home_loaded_before: |n| if n == 1 { "Il lavoro del capofila aveva 1 file caricato prima che la pagina fosse chiusa o ricaricata: il browser non lo conserva, va caricato di nuovo.".to_owned() } else { format!("Il lavoro del capofila aveva {n} file caricati prima che la pagina fosse chiusa o ricaricata: il browser non li conserva, vanno caricati di nuovo.") },
    resume_capofila: "Torna al lavoro del capofila (elenco dei file)",
    no_problems: "Nessun problema: la scheda si può firmare.",
    to_fix: |n| format!("Da sistemare prima della firma: {n}"),
    error: "Errore",
    warning: "Avviso",
    hint: "Suggerimento",
    confirmed: |m| format!(" Confermato: «{m}». "),
    undo_confirm: "Annulla la conferma",
    confirm_reason: " Motivo della conferma: ",
    confirm_warning: "Conferma l'avviso",
    check_first: " Controlla prima i dati: se una cifra è sbagliata, correggila e l'avviso sparisce. Se i dati sono giusti, conferma con una motivazione. ",
    data_are_right: "I dati sono giusti: conferma",
    no_rows: "Nessuna riga.",
    comune_row: |i| format!("Comune (riga {i})"),
    units: "Unità",
    remove_row: |i| format!("Togli la riga {i}"),
    add_row: "Aggiungi una riga",
    intervention: "Intervento",
    percent: "Percentuale (%)",
    motivation: "Motivazione",
    referente: "Referente della scheda",
    full_name: "Nome e cognome",
    role: "Ruolo",
    email: "E-mail",
    phone: "Telefono (facoltativo)",
    no_stock: "L'ente non possiede alloggi (nessun patrimonio): basta il referente e la firma.",
    sap_units: "Alloggi SAP (servizi abitativi pubblici)",
    sas_units: "Alloggi SAS (servizi abitativi sociali)",
    total_units: |n| format!("Totale alloggi: {n}"),
    aler_choices: "L'ALER può riservare solo la quota per le categorie dell'art. 14 (se prevista per l'anno): la soglia per l'indigenza, la categoria aggiuntiva e le quote per le Forze di Polizia sono scelte di ciascun Comune (art. 4 c.3 r.r. 4/2017). Per l'ALER la quota minima per l'indigenza si calcola in ogni comune separatamente, arrotondata per eccesso (art. 13 c.3).",
    art14_categories: "Categorie dell'art. 23 c.6 l.r. 16/2016, comprese quelle aggiunte dalla l.r. 11/2024: genitori separati o divorziati senza la disponibilità della casa familiare; nuclei sovraindebitati in emergenza abitativa.",
    shares_2025: "Piano 2025: le quote del r.r. 2/2025 valgono solo se il piano è approvato dopo la sua entrata in vigore (marzo 2025); l'app chiede di confermarle.",
    section_d_unsplit: "d) Unità per avvicendamento senza ripartizione per comune",
    section_d_sas_unsplit: "d) Unità SAS per avvicendamento senza ripartizione per comune",
    housing_costs_covered: "Il Comune garantisce la copertura delle relative spese di alloggio (art. 13 c.3 r.r. 4/2017: condizione per alzare la soglia)",
    art14_categories_chosen: "Categorie dell'art. 14 r.r. 4/2017 a cui va la quota (una o più)",
    total_f: |n| format!("{} (b + c + d + e): {n}", sections::ASSEGNABILI.lettered().it),
    total_incomplete: "(incompleto: un campo contiene un testo da correggere, indicato come errore)",
    section_ghi: "g) h) i) Quote e categorie",
    share_g: |p| format!("g) Soglia per i nuclei in condizioni di indigenza superiore al {p}%"),
    share_h: "h) Categoria aggiuntiva di particolare e motivata rilevanza sociale",
    category_name: "Nome della categoria",
    share_i_2026: "i) Quota per Forze di Polizia, Vigili del Fuoco e Forze Armate (art. 7bis)",
    share_i: |p| format!("i) Quota per Forze di Polizia e Vigili del Fuoco (art. 7bis, fino al {p}%)"),
    share_local_police: "i) Quota per la Polizia Locale (art. 7ter)",
    share_art14: |p| format!("Quota per le categorie dell'art. 14 (fino al {p}%)"),
    quotas: |q, f, basis| format!(
        "Quote in unità su {f} assegnabili: indigenza {} ({basis}), Forze di Polizia {}, Polizia Locale {}, categoria aggiuntiva {}, art. 14 {}, transitori {}; restano {} per la graduatoria ordinaria.",
        q.indigenza, q.forze_polizia, q.polizia_locale, q.categoria_aggiuntiva, q.categorie_art14, q.transitori, q.restanti
    ),
    aler_indigenza_per_comune: "Per l'ALER la quota per l'indigenza si calcola comune per comune (art. 13 c.3 r.r. 4/2017); le unità senza comune fanno un gruppo a sé:",
    aler_indigenza_in: |place, f, n| format!("{place}: {f} assegnabili, {n} per l'indigenza"),
    without_comune: "senza comune (avvicendamento non ripartito)",
    section_k: |y| format!("{} ({y})", sections::ASSEGNATE_ANNO_PRECEDENTE.lettered().it),
    ordinary: "Assegnazioni ordinarie",
    by_exception: "Assegnazioni in deroga",
    total_k: |n| format!("Totale assegnate: {n}"),
    texts_title: "Misure e progetti",
    welfare: "Misure di welfare abitativo",
    projects: "Progettualità contro il disagio abitativo",
    receipt_title: "Ricevuta della scheda firmata",
    receipt_note: "Il file firmato è stato scaricato: inviarlo al comune capofila (PEC o chiavetta). Conservare questa ricevuta per il protocollo.",
    print_receipt: "Stampa la ricevuta",
    r_ente: "Ente",
    r_plan: "Piano",
    r_file: "File",
    r_signed_at: "Firmato il",
    r_fingerprint: "Impronta della chiave",
    r_hash: "SHA-256 del file",
    r_stock: "a) Alloggi totali / SAP / SAS",
    r_assignable: "f) Unità assegnabili",
    r_assigned: "k) Assegnate anno precedente (ordinarie / in deroga / totale)",
    r_no_stock: "Nessun patrimonio",
    yes: "sì",
    no: "no",
    key_ready: |e| format!("Chiave di firma pronta per {e}."),
    key_fingerprint: "Impronta della chiave: ",
    key_send_by_pec: "Comunicare l'impronta al comune capofila via PEC: servirà a riconoscere i file firmati.",
    key_download: "Scarica il file della chiave privata (da tenere, non inviare)",
    key_keep_hint: "Il file della chiave privata resta nell'ufficio dell'ente (ad esempio sulla chiavetta USB) e non si invia mai, nemmeno al capofila: al capofila si inviano solo la scheda firmata e l'impronta qui sopra.",
    key_open_title: "Apri la chiave dell'ente",
    key_stored: "Chiave salvata in questo browser",
    key_or_file: "oppure il file della chiave",
    key_chosen: |e, f| format!("Chiave scelta: {e} (impronta {f})."),
    key_stored_item: |e, f| format!("{e} - impronta {f}"),
    passphrase: "Frase segreta",
    key_opening: "Apertura in corso…",
    key_open: "Apri la chiave",
    key_choose_file: "Scegliere il file della chiave.",
    key_create_title: "Crea una nuova chiave",
    key_create_note: "La chiave resta su questo computer, cifrata con la frase segreta: nessuno può recuperarla se la frase va persa.",
    key_is_aler: " L'ente è l'ALER",
    key_istat: "Codice ISTAT del comune (6 cifre)",
    key_new_passphrase: |n| format!("Frase segreta (almeno {n} caratteri)"),
    key_repeat: "Ripetere la frase segreta",
    key_mismatch: "Le due frasi segrete non coincidono: riscriverle.",
    key_remember: " Ricorda la chiave (cifrata) in questo browser",
    key_creating: "Creazione in corso…",
    key_create: "Crea la chiave e scarica il file",
    home_title: "Che cosa vuoi fare?",
    home_lead: "Ogni ente proprietario compila e firma la propria scheda; il comune capofila raccoglie le schede ricevute e prepara le tabelle del piano annuale.",
    role_compila_help: "Comuni e ALER: inserire i dati e firmare il file da inviare",
    capofila_title: "Aggrega come comune capofila",
    role_capofila_help: "Verificare le schede ricevute e produrre le tabelle del piano",
    demo_title: "Provare subito",
    demo_note: "Carica le schede dell'ambito di Crema per il piano 2021 (dati pubblicati) e guarda il piano aggregato.",
    load_demo: "Carica i dati dimostrativi (Crema, 2021)",
    ambito_and_year: "Ambito e anno del piano",
    ambito_option: |a, n| format!("{a} ({n} comuni)"),
    import_ambito: "Importa un altro ambito (il file dell'ambito, o un foglio CSV con un codice ISTAT per riga)",
    ambito_imported: |a, n| format!("Ambito «{a}» importato: {n} comuni."),
    owners_summary: |owners, all| format!("Comuni titolari di patrimonio ({owners} su {all})"),
    owners_not_known: "Comuni titolari di patrimonio (elenco non indicato)",
    owners_legend: "Comuni che possiedono alloggi",
    owners_help: "Spuntare i Comuni che possiedono alloggi, come risulta dal piano precedente e dall'anagrafe regionale: chi possiede alloggi e non invia la scheda è inadempiente; gli altri che non rispondono non sono tenuti a farlo.",
    received_title: "Schede ricevute",
    drop_here: "Trascinare qui i file ricevuti (anche molti insieme), oppure:",
    choose_files: "Scegli i file",
    checking: |done, total| format!("Verifica in corso: {} di {} file", count(done as u64), count(total as u64)),
    cancel_drop: "Annulla",
    drop_cancelled: |added, dropped| {
        let rest = dropped - added;
        let (added, dropped, rest_n) = (count(added as u64), count(dropped as u64), count(rest as u64));
        let others = if rest == 1 { "l'altro no".to_owned() } else { format!("gli altri {rest_n} no") };
        let done = match added.as_str() {
            "0" => format!("Nessuno dei {dropped} file trascinati è stato aggiunto all'elenco."),
            "1" => format!("1 dei {dropped} file trascinati è stato verificato e aggiunto all'elenco; {others}."),
            _ => format!("{added} dei {dropped} file trascinati sono stati verificati e aggiunti all'elenco; {others}."),
        };
        format!("Verifica annullata. {done} I file già nell'elenco restano. Per aggiungere gli altri, trascinarli di nuovo: quelli già aggiunti non vengono ripetuti.")
    },
    no_files: "Nessuna scheda caricata: trascinare qui i file ricevuti, o caricare i dati dimostrativi dalla pagina iniziale.",
    received_count: |n, in_plan, to_check| format!("Schede ricevute: {} - nel piano: {} - da controllare: {}", count(n as u64), count(in_plan as u64), count(to_check as u64)),
    total_row: "Totale",
    clear_files: "Svuota l'elenco dei file",
    clear_files_question: |n| if n == 1 {
        "Togliere dall'elenco il file caricato? Il piano andrà rifatto caricandolo di nuovo.".to_owned()
    } else {
        format!("Togliere dall'elenco tutti i {n} file caricati? Il piano andrà rifatto caricandoli di nuovo.")
    },
    clear_files_yes: "Sì, svuota l'elenco",
    clear_files_no: "No, tieni i file",
    registry_title: "Registro delle chiavi",
    registry_count: |n| if n == 1 { "Chiavi registrate per 1 ente.".to_owned() } else { format!("Chiavi registrate per {n} enti.") },
    registry_export: "Esporta il registro",
    registry_import: "Oppure importa un registro",
    registry_imported: |n| format!("Registro importato: chiavi di {n} enti."),
    trusted_list_title: "Elenco di fiducia per la firma digitale",
    trusted_list_none: "Nessun elenco caricato: i file firmati con firma digitale (.p7m) non possono contare. Scaricare dal sito di AgID l'elenco di fiducia italiano (TSL-IT.xml) e caricarlo qui.",
    trusted_list_loaded: |n, issued, next, cas| format!("Elenco di fiducia italiano n. {n}, emesso il {issued}, prossimo aggiornamento entro il {next}: {}.", it_anchors(cas)),
    trusted_list_kept: |n, issued, next, cas| format!("Elenco di fiducia conservato in questo browser: numero {n}, emesso il {issued}, prossimo aggiornamento entro il {next}: {}.", it_anchors(cas)),
    trusted_list_out_of_date: "L'elenco è scaduto: AgID ne ha pubblicato uno più recente, che può togliere certificatori non più fidati. Scaricarlo e caricarlo di nuovo.",
    trusted_list_revocation: "La revoca dei certificati (CRL, OCSP) non si può verificare senza rete e non è verificata.",
    trusted_list_forget: "Togli l'elenco da questo browser",
    trusted_list_forget_note: "Tolto l'elenco, i file firmati con firma digitale (.p7m) non contano finché non se ne carica uno.",
    trusted_list_older: |old, old_issued, new, new_issued| format!("L'elenco caricato (n. {old}, emesso il {old_issued}) è più vecchio di quello in uso (n. {new}, emesso il {new_issued}): resta in uso il n. {new}. Un elenco più vecchio può dare per fidati certificatori sospesi o cessati dopo la sua emissione."),
    trusted_list_use_older: |old| format!("Usa comunque l'elenco n. {old}"),
    trusted_list_keep_newer: |new| format!("Tieni l'elenco n. {new}"),
    trusted_list_import: "Carica l'elenco di fiducia (TSL-IT.xml)",
    demo_notice: "Dimostrazione: le schede del piano 2021 dell'ambito di Crema, firmate con chiavi dimostrative che valgono solo qui e non entrano nel registro. Per il lavoro vero: «Svuota l'elenco dei file» e caricare i file ricevuti.",
    plan_heading: |y, a| format!("Piano annuale {y} - {a}"),
    export_title: "Esporta",
    export_xlsx: "Excel (XLSX)",
    export_csv: "CSV",
    verbale_title: "Verbale di ricezione",
    verbale_intro: "Ogni file ricevuto, con l'esito della verifica, il motivo, la chiave che l'ha firmato e la sua impronta: un documento del capofila da conservare agli atti, non un allegato del piano.",
    verbale_docx: "Verbale di ricezione (DOCX)",
    verbale_csv: "Verbale di ricezione (CSV)",
    print_pdf: "Stampa / Salva PDF",
    export_signed: "Piano firmato (file da conservare e inviare)",
    plan_signer: |ente, fp| format!("Il piano firmato porterà la firma della chiave di {ente} (impronta {fp}): solo la chiave del comune capofila è accettata."),
    plan_signed_with: |ente, fp| format!("Piano firmato con la chiave di {ente} (impronta {fp})."),
    signed_needs_key: "Per scaricare il piano firmato, aprire o creare la chiave del comune capofila:",
    draft_explained: "Finché il capofila non decide sui file in attesa (chiave da accettare, data da confermare, chiave cambiata da verificare) il piano è una bozza: il documento, l'Excel, il CSV e il piano firmato lo dicono.",
    sign_draft_confirm: "firmo il piano come bozza, con i file ancora in attesa di decisione",
    files_show_to_check: "Mostra solo i file da controllare",
    files_show_all: |n| if n == 1 { "Mostra anche il file nel piano".to_owned() } else { format!("Mostra anche i {} file nel piano", count(n as u64)) },
    files_summary_label: "Schede ricevute per esito",
    go_to_plan: "Vai al piano e ai documenti",
    show_more_files: |n, left| if n == left { if n == 1 { "Mostra l'altro file".to_owned() } else { format!("Mostra gli altri {n} file") } } else { format!("Mostra altri {n} file (ne restano {})", count(left as u64)) },
    col_file: "File",
    col_ente: "Ente",
    col_detail: "Dettaglio",
    superseded_by: |by| format!("Conta il file firmato più di recente: {by}."),
    accept_key: |f| format!("Accetta la chiave {f}"),
    confirm_date: "Confermo la data: verificata con l'ente",
    confirm_signer: |who| format!("Conferma: {who}"),
    confirm_signers_naming_ente: |n| if n == 1 { "Conferma il firmatario il cui certificato nomina il proprio ente".to_owned() } else { format!("Conferma i {} firmatari il cui certificato nomina il proprio ente", offerta_core::text::count(n as u64)) },
    confirm_signers_naming_ente_hint: "Il certificato di firma digitale indica l'organizzazione di chi firma: quando è l'ente stesso della scheda (per esempio «COMUNE DI CREMA» per il Comune di Crema), il firmatario si può confermare insieme agli altri con un clic. Gli altri restano in attesa: si confermano uno per uno, dopo aver verificato con l'ente.",
    replace_key_open: "L'ente ha una chiave nuova? Sostituisci la chiave",
    replace_key_intro: |ente, new, old| format!("Prima di accettare, confrontare l'impronta della chiave nuova, {new}, con quella che {ente} ha comunicato via PEC. Accettandola, la chiave registrata finora ({old}) resta nel registro come sostituita da oggi: i file firmati prima con quella chiave continuano a valere, quelli firmati dopo no."),
    replace_key_reason: "Motivo (es. «PC nuovo, impronta confermata via PEC prot. 1300»)",
    replace_key_confirm: "Accetta la chiave nuova al posto della precedente",
    paste_label: "Impronte ricevute via PEC",
    paste_hint: "Incollare qui le impronte comunicate dagli enti: una per riga, oppure il testo intero dei messaggi PEC. Le chiavi dei file con un'impronta presente nel testo vengono accettate; gli altri file restano in attesa.",
    paste_accept: "Accetta le chiavi delle impronte incollate",
    paste_accepted: |n| match n { 0 => "Nessuna chiave accettata.".to_owned(), 1 => "1 chiave accettata:".to_owned(), n => format!("{n} chiavi accettate:") },
    paste_still_waiting: |n| if n == 1 { "1 file è ancora in attesa: la sua impronta non è nel testo incollato.".to_owned() } else { format!("{n} file sono ancora in attesa: la loro impronta non è nel testo incollato.") },
    paste_key_mismatch: "Questi file sono firmati con una chiave diversa da quella registrata per l'ente: non vengono accettati incollando l'impronta. Verificare con l'ente e usare «Sostituisci la chiave» nella riga del file.",
    paste_unmatched: |fps| format!("Impronte che non corrispondono a nessun file in attesa (errore di battitura, o il file non è ancora arrivato): {fps}."),
    registry_keys_open: "Mostra le chiavi registrate",
    registry_keys_caption: "Chiavi registrate, con il loro stato",
    registry_search: "Cerca un ente (nome o codice) o un'impronta",
    registry_shown: |shown, found, all| match (shown, found, all) {
        (_, 0, _) => "Nessuna chiave corrisponde alla ricerca.".to_owned(),
        (s, f, a) if s == f && f == a => if a == 1 { "1 chiave registrata.".to_owned() } else { format!("Tutte le {a} chiavi registrate.") },
        (1, 1, a) => format!("1 chiave su {a} corrisponde alla ricerca."),
        (s, f, a) if s == f => format!("{f} chiavi su {a} corrispondono alla ricerca."),
        (s, f, a) => format!("Mostrate le prime {s} chiavi su {f} (registro: {a}): cercare un ente o un'impronta per trovarne una."),
    },
    col_fingerprint: "Impronta",
    col_accepted_on: "Accettata il",
    col_key_state: "Stato",
    key_in_use: "in uso",
    revoke_open: "Revoca questa chiave",
    revoke_intro: "Se la chiave è stata persa o rubata: i file firmati con essa dal giorno indicato non contano più. La chiave resta nel registro con il motivo.",
    revoke_from: "Revocata dal giorno",
    revoke_reason: "Motivo (es. «chiavetta persa, comunicato via PEC prot. 1400»)",
    revoke_confirm: "Revoca la chiave",
    summary_caption: "Consistenza (a), unità assegnabili (f) e assegnate l'anno precedente (k) per ente proprietario",
    summary_owner: "Ente proprietario",
    summary_total: "Totale alloggi",
    summary_sap: "di cui SAP",
    summary_sas: "di cui SAS",
    summary_assignable: "Assegnabili (f)",
    summary_assigned: "Assegnate anno prec. (k)",
    no_units: "Nessuna unità indicata.",
    first_rows_of: |n, total| format!("(prime {n} righe di {total})"),
    show_all_rows: |total| format!("Mostra tutte le {total} righe"),
    show_first_rows: |n| format!("Mostra solo le prime {n} righe"),
};

pub static EN: Texts = Texts {
    switch_to_other: "Italiano",
    skip_to_content: "Skip to content",
    region: "Offerta Abitativa - annual plan of public and social housing services",
    tagline: "Annual plan of public and social housing supply",
    back_home: "← Back to the start page",
    offline_note: "Works offline: no data leaves this computer.",
    accessibility_link: "Accessibility statement",
    go_to_problems: "Go to the list of problems",
    cannot_download: |file| format!("Cannot download {file}: the browser did not create the file."),
    cannot_read: |file, detail| format!("{file}: the browser could not read the file (perhaps it was moved, deleted, or on a USB stick taken out): choose it again. Detail: {detail}"),
    key_not_remembered: "Cannot keep the key in this browser: keep the key file.",
    trusted_list_not_saved: "The trusted list is in use on this page, but the browser has no room to keep it (the space the browser allows is taken by drafts, the registry and other data of this app): it holds while the page stays open; load it again next time.",
    registry_not_saved: "The key registry is in use on this page, but the browser has no room to keep it (a very large registry exceeds the space the browser allows): export it to a file and import it again next time.",
    texts_not_saved: "Cannot keep the document's texts in this browser: save them to a file with «Save the texts to a file».",
    not_overwritten: |p| with_detail(&p.refusal().en, p),
    not_set_aside: "The browser could not set the item aside: it stays where it is, as it is.",
    stored_notice_title: "Data stored in this browser that this copy of the app does not read",
    stored_problem: |p| with_detail(&p.message().en, p),
    set_aside: "Set it aside (it stays kept) and go on",
    app_version: |v| format!("App version: {v}"),
    document_title: "Plan document",
    document_intro: "The app writes the annual plan with every figure, in the order of the published plans. Complete here the parts that are the capofila's; the texts stay saved in this browser and travel in the signed plan.",
    document_capofila: "Comune capofila",
    document_approval_date: "Date of the assemblea dei sindaci's approval (empty until approved)",
    document_approval_act: "Approving deliberation (e.g. deliberazione n. 1)",
    document_premessa: "I. Premessa: the legal framework",
    document_ambito: "The ambito",
    document_welfare: "Housing welfare measures of the ambito (the entes' own follow)",
    document_projects: "Projects against housing hardship (the entes' own follow)",
    document_docx: "Download the document (Word, DOCX)",
    document_save: "Save the texts to a file",
    document_open: "Reopen the texts from a file",
    document_preview: "Preview of the document",
    document_opened: "Document texts reopened from the file.",
    draft_no_space: "The browser has no room left for the draft: save it to a file with «Save the draft to a file».",
    compila_title: "Fill in the submission of your comune or ALER",
    resume_title: "Resume a draft saved in this browser",
    unreadable_drafts: |n| format!("{} in the browser (key offerta-abitativa/bozza-illeggibile/...), not deleted.", agreeing_en(n, "saved draft can no longer be read: it was set aside", "saved drafts can no longer be read: they were set aside")),
    new_submission: "New submission",
    ambito: "Ambito",
    ente_filing: "Ente filing",
    choose: "- choose -",
    aler_option: "ALER (housing company)",
    aler_name: "Name of the ALER",
    plan_year: "Plan year",
    start: "Fill in the submission",
    open_draft_file: "Or open a draft file (or a signed submission, to correct it): ",
    choose_ente: "Choose the ente filing.",
    year_format: "Write the plan year with four digits (e.g. 2027).",
    comune_of: |n| format!("Comune di {n}"),
    plan_of: |e, y| format!("{e} - plan {y}"),
    resume_draft_of: |e, y, saved| if saved.is_empty() { format!("Resume the draft of {e} - plan {y}") } else { format!("Resume the draft of {e} - plan {y} (saved on {saved})") },
    draft_title: |e, y, a| format!("Submission of {e} - plan {y} - {a}"),
    saved_at: |t| format!("Draft saved in this browser at {t}."),
    save_to_file: "Save the draft to a file",
    change_ente: "Change ente or year",
    sign_section: "Sign and send",
    sign_button: "Sign and download the file",
    why_problems: |e, w| {
        let errors = match e {
            0 => None,
            1 => Some("fix 1 error".to_owned()),
            n => Some(format!("fix {n} errors")),
        };
        let warnings = match w {
            0 => None,
            1 => Some("confirm 1 warning".to_owned()),
            n => Some(format!("confirm {n} warnings")),
        };
        let todo: Vec<String> = errors.into_iter().chain(warnings).collect();
        format!("To sign, {} (listed at the top).", todo.join(" and "))
    },
    firma_digitale_title: "Or with the ente's firma digitale",
    firma_digitale_how: |name| format!("Sign it with the digital signature program you usually use (Dike, ArubaSign, GoSign, Firma OK…) in CAdES format: you will get a file {name}.p7m. Send that file to the comune capofila by PEC."),
    firma_digitale_button: "Download the submission to sign digitally",
    why_key: "To sign, open or create the key of your comune or ALER in the «Open the ente's key» / «Create a new key» box above.",
    why_other_key: |e| format!("The open key does not belong to {e}: open the ente's key."),
    leave_warning: "The submission has changes that are not signed.",
    leave_with_files: "The files loaded will have to be loaded again.",
    technical_details: "Technical details",
    storage_follows_the_file: "In Firefox the draft stays tied to this file: a copy of the file, or the file moved to another folder or USB stick, does not find it. Before moving or copying the file, use «Save the draft to a file» and open the saved draft again.",
    loaded_before: |n| match n {
        1 => "Before the page was closed or reloaded this file was loaded; the browser does not keep it: the file is still on the computer, drop it again above (last year's plan or a revocation list is loaded in its own box).".to_owned(),
        n => format!("Before the page was closed or reloaded {n} files were loaded; the browser does not keep them: they are still on the computer, drop them again above (last year's plan and revocation lists are loaded in their own boxes). Still missing:"),
    },
    forget_loaded_before: "I no longer need this list",
    home_loaded_before: |n| if n == 1 { "The capofila's work had 1 file loaded before the page was closed or reloaded: the browser does not keep it, it must be loaded again.".to_owned() } else { format!("The capofila's work had {n} files loaded before the page was closed or reloaded: the browser does not keep them, they must be loaded again.") },
    resume_capofila: "Back to the capofila's work (list of files)",
    no_problems: "No problems: the submission can be signed.",
    to_fix: |n| format!("To fix before signing: {n}"),
    error: "Error",
    warning: "Warning",
    hint: "Suggestion",
    confirmed: |m| format!(" Confirmed: «{m}». "),
    undo_confirm: "Undo the confirmation",
    confirm_reason: " Reason for confirming: ",
    confirm_warning: "Confirm the warning",
    check_first: " Check the data first: if a figure is wrong, correct it and the warning goes away. If the data are right, confirm with a reason. ",
    data_are_right: "The data are right: confirm",
    no_rows: "No rows.",
    comune_row: |i| format!("Comune (row {i})"),
    units: "Units",
    remove_row: |i| format!("Remove row {i}"),
    add_row: "Add a row",
    intervention: "Kind of work",
    percent: "Share (%)",
    motivation: "Motivation",
    referente: "Contact person",
    full_name: "Full name",
    role: "Role",
    email: "E-mail",
    phone: "Phone (optional)",
    no_stock: "The ente owns no housing (no stock): the contact person and the signature are enough.",
    sap_units: "SAP units (public housing)",
    sas_units: "SAS units (social housing)",
    total_units: |n| format!("Total units: {n}"),
    aler_choices: "The ALER may reserve only the share for the categories of art. 14 (where the year provides it): the indigenza share, the additional category and the police shares are each comune's choices (art. 4 c.3 r.r. 4/2017). For the ALER the minimum indigenza share is computed in each comune separately, rounded up (art. 13 c.3).",
    art14_categories: "Categories of art. 23 c.6 l.r. 16/2016, including those added by l.r. 11/2024: separated or divorced parents without the family home; over-indebted households in a housing emergency.",
    shares_2025: "2025 plan: the shares of r.r. 2/2025 hold only if the plan is approved after it came into force (March 2025); the app asks to confirm them.",
    section_d_unsplit: "d) Turnover units not split by comune",
    section_d_sas_unsplit: "d) SAS turnover units not split by comune",
    housing_costs_covered: "The comune guarantees the coverage of the related housing costs (art. 13 c.3 r.r. 4/2017: the condition for raising the share)",
    art14_categories_chosen: "Categories of art. 14 r.r. 4/2017 the share goes to (one or more)",
    total_f: |n| format!("{} (b + c + d + e): {n}", sections::ASSEGNABILI.lettered().en),
    total_incomplete: "(incomplete: a field holds a text to correct, shown as an error)",
    section_ghi: "g) h) i) Shares and categories",
    share_g: |p| format!("g) Share for households in indigenza above {p}%"),
    share_h: "h) Additional category of particular and motivated social relevance",
    category_name: "Name of the category",
    share_i_2026: "i) Share for police, fire brigade and armed forces (art. 7bis)",
    share_i: |p| format!("i) Share for police and fire brigade (art. 7bis, up to {p}%)"),
    share_local_police: "i) Share for local police (art. 7ter)",
    share_art14: |p| format!("Share for the categories of art. 14 (up to {p}%)"),
    quotas: |q, f, basis| format!(
        "Quotas in units out of {f} assignable: indigenza {} ({basis}), police {}, local police {}, additional category {}, art. 14 {}, transitional {}; {} left for the ordinary ranking.",
        q.indigenza, q.forze_polizia, q.polizia_locale, q.categoria_aggiuntiva, q.categorie_art14, q.transitori, q.restanti
    ),
    aler_indigenza_per_comune: "For the ALER the indigenza quota is counted comune by comune (art. 13 c.3 r.r. 4/2017); the units without a comune form a group of their own:",
    aler_indigenza_in: |place, f, n| format!("{place}: {f} assignable, {n} for indigenza"),
    without_comune: "without a comune (turnover not split)",
    section_k: |y| format!("{} ({y})", sections::ASSEGNATE_ANNO_PRECEDENTE.lettered().en),
    ordinary: "Ordinary assignments",
    by_exception: "Assignments by exception",
    total_k: |n| format!("Total assigned: {n}"),
    texts_title: "Measures and projects",
    welfare: "Housing welfare measures",
    projects: "Projects against housing hardship",
    receipt_title: "Receipt of the signed submission",
    receipt_note: "The signed file was downloaded: send it to the comune capofila (PEC or USB stick). Keep this receipt for the protocol office.",
    print_receipt: "Print the receipt",
    r_ente: "Ente",
    r_plan: "Plan",
    r_file: "File",
    r_signed_at: "Signed at",
    r_fingerprint: "Key fingerprint",
    r_hash: "SHA-256 of the file",
    r_stock: "a) Total units / SAP / SAS",
    r_assignable: "f) Assignable units",
    r_assigned: "k) Assigned the year before (ordinary / by exception / total)",
    r_no_stock: "No stock",
    yes: "yes",
    no: "no",
    key_ready: |e| format!("Signing key ready for {e}."),
    key_fingerprint: "Key fingerprint: ",
    key_send_by_pec: "Send the fingerprint to the comune capofila by PEC: it identifies the signed files.",
    key_download: "Download the private key file (to keep, never to send)",
    key_keep_hint: "The private key file stays in the ente's office (e.g. on the USB stick) and is never sent, not even to the capofila: send the capofila only the signed submission and the fingerprint above.",
    key_open_title: "Open the ente's key",
    key_stored: "Key saved in this browser",
    key_or_file: "or the key file",
    key_chosen: |e, f| format!("Chosen key: {e} (fingerprint {f})."),
    key_stored_item: |e, f| format!("{e} - fingerprint {f}"),
    passphrase: "Passphrase",
    key_opening: "Opening…",
    key_open: "Open the key",
    key_choose_file: "Choose the key file.",
    key_create_title: "Create a new key",
    key_create_note: "The key stays on this computer, encrypted with the passphrase: nobody can recover it if the passphrase is lost.",
    key_is_aler: " The ente is the ALER",
    key_istat: "ISTAT code of the comune (6 digits)",
    key_new_passphrase: |n| format!("Passphrase (at least {n} characters)"),
    key_repeat: "Repeat the passphrase",
    key_mismatch: "The two passphrases differ: type them again.",
    key_remember: " Remember the key (encrypted) in this browser",
    key_creating: "Creating…",
    key_create: "Create the key and download the file",
    home_title: "What do you want to do?",
    home_lead: "Each owner of public housing fills in and signs its own submission; the comune capofila collects the submissions it receives and prepares the tables of the annual plan.",
    role_compila_help: "Comuni and ALER: enter the figures and sign the file to send",
    capofila_title: "Aggregate as comune capofila",
    role_capofila_help: "Check the submissions received and produce the plan's tables",
    demo_title: "Try it now",
    demo_note: "Load the submissions of the ambito of Crema for the 2021 plan (published figures) and see the aggregated plan.",
    load_demo: "Load the demo data (Crema, 2021)",
    ambito_and_year: "Ambito and plan year",
    ambito_option: |a, n| format!("{a} ({n} comuni)"),
    import_ambito: "Import another ambito (the ambito's file, or a CSV sheet with one ISTAT code per line)",
    ambito_imported: |a, n| format!("Ambito «{a}» imported: {n} comuni."),
    owners_summary: |owners, all| format!("Comuni owning housing ({owners} of {all})"),
    owners_not_known: "Comuni owning housing (list not given)",
    owners_legend: "Comuni that own housing",
    owners_help: "Tick the comuni that own housing, as the previous plan and the regional registry show: an owner that does not send its submission is inadempiente; the others that do not answer are not required to.",
    received_title: "Submissions received",
    drop_here: "Drag the files you received here (many at once is fine), or:",
    choose_files: "Choose the files",
    checking: |done, total| format!("Checking: {} of {} files", count_en(done as u64), count_en(total as u64)),
    cancel_drop: "Cancel",
    drop_cancelled: |added, dropped| {
        let rest = dropped - added;
        let (added, dropped, rest_n) = (count_en(added as u64), count_en(dropped as u64), count_en(rest as u64));
        let others = if rest == 1 { "the other one was not".to_owned() } else { format!("the other {rest_n} were not") };
        let done = match added.as_str() {
            "0" => format!("None of the {dropped} files dropped was added to the list."),
            "1" => format!("1 of the {dropped} files dropped was checked and added to the list; {others}."),
            _ => format!("{added} of the {dropped} files dropped were checked and added to the list; {others}."),
        };
        format!("Checking cancelled. {done} The files already in the list stay. To add the others, drop them again: those already added are not repeated.")
    },
    no_files: "No submissions loaded: drag the files you received here, or load the demo data from the home page.",
    received_count: |n, in_plan, to_check| format!("Submissions received: {} - in the plan: {} - to check: {}", count_en(n as u64), count_en(in_plan as u64), count_en(to_check as u64)),
    total_row: "Total",
    clear_files: "Clear the list of files",
    clear_files_question: |n| if n == 1 {
        "Remove the loaded file from the list? The plan will need it loaded again.".to_owned()
    } else {
        format!("Remove all {n} loaded files from the list? The plan will need them loaded again.")
    },
    clear_files_yes: "Yes, clear the list",
    clear_files_no: "No, keep the files",
    registry_title: "Key registry",
    registry_count: |n| if n == 1 { "Keys registered for 1 ente.".to_owned() } else { format!("Keys registered for {n} enti.") },
    confirm_date: "I confirm the date: checked with the ente",
    confirm_signer: |who| format!("Confirm: {who}"),
    confirm_signers_naming_ente: |n| if n == 1 { "Confirm the signer whose certificate names their own ente".to_owned() } else { format!("Confirm the {} signers whose certificate names their own ente", offerta_core::text::count_en(n as u64)) },
    confirm_signers_naming_ente_hint: "The firma digitale certificate states the signer's organisation: when it is the submission's own ente (for example «COMUNE DI CREMA» for the Comune di Crema), the signer can be confirmed with the others in one click. The others keep waiting: confirm them one by one, after checking with the ente.",
    replace_key_open: "Does the ente have a new key? Replace the key",
    replace_key_intro: |ente, new, old| format!("Before accepting, compare the new key's fingerprint, {new}, with the one {ente} sent by PEC. Once accepted, the key registered so far ({old}) stays in the registry as replaced from today: files signed with it before still count, files signed after do not."),
    replace_key_reason: "Reason (e.g. «new PC, fingerprint confirmed by PEC prot. 1300»)",
    replace_key_confirm: "Accept the new key in place of the old one",
    paste_label: "Fingerprints received by PEC",
    paste_hint: "Paste here the fingerprints the entes sent: one per line, or the whole text of the PEC messages. The keys of the files whose fingerprint is in the text are accepted; the other files keep waiting.",
    paste_accept: "Accept the keys of the pasted fingerprints",
    paste_accepted: |n| match n { 0 => "No key accepted.".to_owned(), 1 => "1 key accepted:".to_owned(), n => format!("{n} keys accepted:") },
    paste_still_waiting: |n| if n == 1 { "1 file is still waiting: its fingerprint is not in the pasted text.".to_owned() } else { format!("{n} files are still waiting: their fingerprint is not in the pasted text.") },
    paste_key_mismatch: "These files are signed with another key than the one registered for the ente: pasting the fingerprint does not accept them. Check with the ente and use «Replace the key» in the file's row.",
    paste_unmatched: |fps| format!("Fingerprints that match no waiting file (a typing mistake, or the file has not arrived yet): {fps}."),
    registry_keys_open: "Show the registered keys",
    registry_keys_caption: "Registered keys, with their state",
    registry_search: "Search an ente (name or code) or a fingerprint",
    registry_shown: |shown, found, all| match (shown, found, all) {
        (_, 0, _) => "No key matches the search.".to_owned(),
        (s, f, a) if s == f && f == a => if a == 1 { "1 registered key.".to_owned() } else { format!("All {a} registered keys.") },
        (1, 1, a) => format!("1 key of {a} matches the search."),
        (s, f, a) if s == f => format!("{f} keys of {a} match the search."),
        (s, f, a) => format!("The first {s} keys of {f} shown (registry: {a}): search an ente or a fingerprint to find one."),
    },
    col_fingerprint: "Fingerprint",
    col_accepted_on: "Accepted on",
    col_key_state: "State",
    key_in_use: "in use",
    revoke_open: "Revoke this key",
    revoke_intro: "If the key was lost or stolen: files signed with it from the day given no longer count. The key stays in the registry with the reason.",
    revoke_from: "Revoked from the day",
    revoke_reason: "Reason (e.g. «USB stick lost, sent by PEC prot. 1400»)",
    revoke_confirm: "Revoke the key",
    registry_export: "Export the registry",
    registry_import: "Or import a registry",
    registry_imported: |n| format!("Registry imported: keys of {n} enti."),
    trusted_list_title: "Trusted list for digital signatures",
    trusted_list_none: "No list loaded: files signed with a digital signature (.p7m) cannot count. Download the Italian trusted list (TSL-IT.xml) from AgID's site and load it here.",
    trusted_list_loaded: |n, issued, next, cas| format!("Italian trusted list no. {n}, issued on {issued}, next update by {next}: {}.", en_anchors(cas)),
    trusted_list_kept: |n, issued, next, cas| format!("Trusted list kept in this browser: number {n}, issued on {issued}, next update by {next}: {}.", en_anchors(cas)),
    trusted_list_out_of_date: "The list is out of date: AgID has published a newer one, which may remove authorities no longer trusted. Download it and load it again.",
    trusted_list_revocation: "Revocation of certificates (CRL, OCSP) cannot be checked offline and is not checked.",
    trusted_list_forget: "Remove the list from this browser",
    trusted_list_forget_note: "Once the list is removed, files signed with a digital signature (.p7m) do not count until one is loaded.",
    trusted_list_older: |old, old_issued, new, new_issued| format!("The list loaded (no. {old}, issued on {old_issued}) is older than the one in use (no. {new}, issued on {new_issued}): no. {new} stays in use. An older list may trust authorities suspended or ceased after it was issued."),
    trusted_list_use_older: |old| format!("Use list no. {old} anyway"),
    trusted_list_keep_newer: |new| format!("Keep list no. {new}"),
    trusted_list_import: "Load the trusted list (TSL-IT.xml)",
    demo_notice: "Demo: the submissions of the 2021 plan of the ambito of Crema, signed with demo keys that hold only here and never enter the registry. For real work: «Clear the list of files» and load the files received.",
    plan_heading: |y, a| format!("Annual plan {y} - {a}"),
    export_title: "Export",
    export_xlsx: "Excel (XLSX)",
    export_csv: "CSV",
    verbale_title: "Record of files received",
    verbale_intro: "Every file received, with the outcome of the check, the reason, the key that signed it and its fingerprint: the capofila's record to keep on file, not an annex of the plan. The file is in Italian.",
    verbale_docx: "Record of files received (DOCX)",
    verbale_csv: "Record of files received (CSV)",
    print_pdf: "Print / Save as PDF",
    export_signed: "Signed plan (file to keep and send)",
    plan_signer: |ente, fp| format!("The signed plan will carry the signature of {ente}'s key (fingerprint {fp}): only the comune capofila's key is accepted."),
    plan_signed_with: |ente, fp| format!("Plan signed with the key of {ente} (fingerprint {fp})."),
    signed_needs_key: "To download the signed plan, open or create the key of the comune capofila:",
    draft_explained: "Until the capofila decides on the files waiting (key to accept, date to confirm, changed key to check) the plan is a draft: the document, the Excel file, the CSV and the signed plan say so.",
    sign_draft_confirm: "I sign the plan as a draft, with files still waiting for a decision",
    files_show_to_check: "Show only the files to check",
    files_show_all: |n| if n == 1 { "Also show the file in the plan".to_owned() } else { format!("Also show the {} files in the plan", count_en(n as u64)) },
    files_summary_label: "Submissions received by outcome",
    go_to_plan: "Go to the plan and the documents",
    show_more_files: |n, left| if n == left { if n == 1 { "Show the other file".to_owned() } else { format!("Show the other {n} files") } } else { format!("Show {n} more files ({} left)", count_en(left as u64)) },
    col_file: "File",
    col_ente: "Ente",
    col_detail: "Details",
    superseded_by: |by| format!("The most recently signed file counts: {by}."),
    accept_key: |f| format!("Accept the key {f}"),
    summary_caption: "Housing stock (a), units assignable (f) and units assigned the previous year (k) per owner",
    summary_owner: "Owner",
    summary_total: "Total units",
    summary_sap: "of which SAP",
    summary_sas: "of which SAS",
    summary_assignable: "Assignable (f)",
    summary_assigned: "Assigned previous year (k)",
    no_units: "No units given.",
    first_rows_of: |n, total| format!("(first {n} rows of {total})"),
    show_all_rows: |total| format!("Show all {total} rows"),
    show_first_rows: |n| format!("Show only the first {n} rows"),
};

#[cfg(test)]
mod tests {
    use super::{EN, IT};
    use offerta_core::thresholds::{percentages_in_literals, FORZE_POLIZIA_MAX_PERCENT_2019};

    /// A label that states a threshold takes it from `offerta_core::thresholds`.
    #[test]
    fn texts_write_no_percentage_out() {
        for (name, source) in [
            ("i18n.rs", include_str!("i18n.rs")),
            ("components/form.rs", include_str!("components/form.rs")),
        ] {
            let found = percentages_in_literals(source);
            assert!(found.is_empty(), "{name}: {found:?}");
        }
        for t in [&IT, &EN] {
            let label = (t.share_i)(FORZE_POLIZIA_MAX_PERCENT_2019);
            assert!(label.contains(&format!("{FORZE_POLIZIA_MAX_PERCENT_2019}%")));
        }
    }

    /// No count sentence says «1 bozze» or «i 1 file».
    #[test]
    fn counts_agree_with_their_number() {
        assert!((IT.unreadable_drafts)(1).starts_with("1 bozza salvata non è più leggibile"));
        assert!((IT.unreadable_drafts)(1).ends_with("non cancellata."));
        assert!((IT.unreadable_drafts)(2).starts_with("2 bozze salvate non sono più leggibili"));
        assert!(
            (EN.unreadable_drafts)(1).starts_with("1 saved draft can no longer be read: it was")
        );
        assert_eq!((IT.files_show_all)(1), "Mostra anche il file nel piano");
        assert_eq!((IT.files_show_all)(3), "Mostra anche i 3 file nel piano");
        assert_eq!((EN.files_show_all)(1), "Also show the file in the plan");
    }
}
