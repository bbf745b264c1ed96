//! The submission ("scheda") that one ente proprietario sends to the comune capofila.
//!
//! Field names are Italian because the JSON file is read by Italian offices; the sections
//! follow the plan (a-k) described in docs/DOMAIN.md. Derived values (stock total, f, k total)
//! are computed by methods. A file carries them in `totali` for its human readers; the rule
//! `totali-dichiarati` reports a file whose stated totals disagree with its rows.

use serde::{Deserialize, Serialize};

use crate::comuni::IstatCode;
use crate::percent::Percent;
use crate::text::Bilingual;

/// Identifies the file kind; checked on read together with [`FORMAT_VERSION`].
pub const FORMAT_NAME: &str = "offerta-abitativa/scheda";
/// The newest version the app writes. Version 2 lets a share have one decimal (12,5%);
/// version 3 says which copy of the app wrote the file (`scritto_da`); version 4, written for
/// the plans from [`FIRST_PLAN_YEAR_FORMAT_4`] on, splits d) into SAP and SAS
/// (`avvicendamento_sas`), lists the art. 14 categories of the c bis share
/// (`categorie_art14_elenco`) and records the comune's guarantee of art. 13 c.3
/// (`copertura_spese_alloggio`). A submission of an earlier plan year is written in version
/// 3, byte for byte as before ([`Submission::format_version`]).
pub const FORMAT_VERSION: u32 = 4;
/// The version written for the plans before [`FIRST_PLAN_YEAR_FORMAT_4`] that use nothing of
/// version 4: the files of those years keep the bytes the app wrote before version 4.
pub const FORMAT_VERSION_BEFORE_2026: u32 = 3;
/// The first plan year written in version 4: from the 2026 plans turnover (d) covers units
/// «pubblici e sociali» (art. 4 c.3 lett. b n.1 r.r. 4/2017 as amended by r.r. 2/2025), so
/// SAP and SAS are given apart.
pub const FIRST_PLAN_YEAR_FORMAT_4: u16 = crate::thresholds::FIRST_PLAN_YEAR_RR_2_2025;
/// The oldest version the app still reads, verifies and aggregates: version 1, whose shares
/// are whole percents (a subset of version 2, serialised the same way).
pub const OLDEST_FORMAT_VERSION_READ: u32 = 1;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub formato: String,
    pub versione: u32,
    /// Which copy of the app wrote the file («Offerta Abitativa 0.1.0», [`crate::written_by`]);
    /// absent in files of versions 1 and 2, which keep their bytes and signatures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scritto_da: Option<String>,
    /// The plan year (e.g. 2021); section k refers to the year before.
    pub anno_piano: u16,
    /// Identifier of the ambito territoriale (e.g. "crema").
    pub ambito: String,
    pub ente: Ente,
    pub referente: Referente,
    /// The ente declares it owns no housing: every count stays zero.
    pub nessun_patrimonio: bool,
    /// a) stock owned.
    pub consistenza: Consistenza,
    /// b) SAP units assignable as they are despite poor repair (art. 10 r.r. 4/2017).
    pub carenza_manutentiva: Vec<UnitsInComune>,
    /// c) SAP units from new building, renovation, recovery or requalification.
    pub nuova_edificazione: Vec<WorksInComune>,
    /// d) SAP units freed by normal turnover. In files of versions 1-3 (no split) every unit
    /// of d) counts here, as SAP, as it always did.
    pub avvicendamento: Turnover,
    /// d) SAS units freed by normal turnover (version 4, plans from 2026): shown in a table of
    /// their own, not in f) nor in the base of the shares, which are shares of SAP units.
    /// Absent in files of versions 1-3; a version-4 file always has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avvicendamento_sas: Option<Turnover>,
    /// e) units given by private parties (art. 23 c.2 l.r. 16/2016).
    pub conferite_da_privati: Vec<UnitsInComune>,
    /// g) share for households in indigenza, only when above the default 20%.
    pub soglia_indigenza: Option<Share>,
    /// g) above 20%: the comune confirms it guarantees «la copertura delle relative spese di
    /// alloggio» (art. 13 c.3 r.r. 4/2017). Version 4; left out when not confirmed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub copertura_spese_alloggio: bool,
    /// h) one further category of particular and motivated social relevance.
    pub categoria_aggiuntiva: Option<AdditionalCategory>,
    /// i) share for Forze di Polizia, Vigili del Fuoco (and, from 2026, Forze Armate).
    pub forze_polizia: Option<Share>,
    /// i) share for Polizia Locale (art. 7ter, introduced by r.r. 2/2025).
    pub polizia_locale: Option<Share>,
    /// Share for the categories of art. 14 (art. 4 c.3 lett. c bis, introduced by r.r. 2/2025).
    pub categorie_art14: Option<Share>,
    /// The categories of art. 14 r.r. 4/2017 the c bis share goes to («a una o più delle
    /// categorie individuate dall'art. 14»). Version 4; left out when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categorie_art14_elenco: Vec<CategoriaArt14>,
    /// j) units for servizi abitativi transitori (art. 23 c.13 l.r. 16/2016).
    pub transitori: Vec<UnitsInComune>,
    /// k) SAP units assigned in the previous year.
    pub assegnate_anno_precedente: Assigned,
    pub misure_welfare: String,
    pub progettualita: String,
    /// Warnings the referente read and confirmed, each with a reason.
    pub avvisi_confermati: Vec<Acknowledgement>,
    /// Derived totals as stated by the file (see [`Submission::with_stated_totals`]).
    pub totali: Option<StatedTotals>,
    /// When the submission was last changed, RFC 3339 in UTC (set by the app, not typed).
    pub modificata_il: Option<String>,
    /// The capofila's request this submission answers, when it was started from one: the
    /// capofila's board matches answers to its request by the hash. Absent in files made
    /// without a request, so every file signed before requests existed reads and verifies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub richiesta: Option<RequestRef>,
    /// Sections of a draft copied from last year's file and not yet looked at by the clerk
    /// ([`crate::carry_forward`]): each is an open error, so a file that can be signed has
    /// none. Left out of the JSON when empty, so every file written before this field (and
    /// its signature) stays byte for byte the same.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub da_verificare: Vec<CarriedSection>,
    /// Fields of a draft whose typed text is not yet a value («4O»), with the text as typed
    /// ([`crate::typed_text`]): each is an open error, so a file that can be signed has none.
    /// Left out of the JSON when empty, so every other file stays byte for byte the same.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub testi_da_correggere: Vec<TypedText>,
}

/// What a submission keeps of the request it answers (`Submission::richiesta`): the hash the
/// capofila's board matches, and the capofila and deadline the form shows after a reload.
/// Its deadline line is [`crate::request`]'s, which reads and answers requests.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RequestRef {
    /// SHA-256 of the request file, as [`crate::signing::file_hash`] writes it.
    pub hash: String,
    /// The capofila's name ("Comune di Crema").
    pub capofila: String,
    /// The deadline, YYYY-MM-DD.
    pub scadenza: String,
}

/// One field whose text does not read as a value, with the text exactly as typed. Why it is
/// not a value, and which totals it leaves incomplete, is [`crate::typed_text`]'s.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TypedText {
    /// The field's path, as the rules name it (`nuova_edificazione[0].unita`).
    pub campo: String,
    /// What the clerk typed.
    pub testo: String,
}

/// A part of the draft copied from last year and still to be checked. Its JSON form (in
/// `da_verificare`) is the section's letter, or `referente`; a reader refuses any other. Its
/// field path and wording are in [`crate::carried`], the copying in [`crate::carry_forward`].
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CarriedSection {
    /// a) `consistenza`, with the «nessun patrimonio» answer.
    #[serde(rename = "a")]
    Consistenza,
    /// Who to contact at the ente.
    #[serde(rename = "referente")]
    Referente,
    /// b) `carenza_manutentiva`.
    #[serde(rename = "b")]
    CarenzaManutentiva,
    /// c) `nuova_edificazione`.
    #[serde(rename = "c")]
    NuovaEdificazione,
    /// d) `avvicendamento`, its rows per comune and the ALER's units without a comune.
    #[serde(rename = "d")]
    Avvicendamento,
    /// e) `conferite_da_privati`.
    #[serde(rename = "e")]
    ConferiteDaPrivati,
    /// j) `transitori`.
    #[serde(rename = "j")]
    Transitori,
}

impl CarriedSection {
    /// Every part a new year copies, in the order of the form.
    pub const ALL: [CarriedSection; 7] = [
        CarriedSection::Consistenza,
        CarriedSection::Referente,
        CarriedSection::CarenzaManutentiva,
        CarriedSection::NuovaEdificazione,
        CarriedSection::Avvicendamento,
        CarriedSection::ConferiteDaPrivati,
        CarriedSection::Transitori,
    ];

    /// The id written in the file: `a`, `referente`, `b`, `c`, `d`, `e`, `j`.
    pub fn id(self) -> &'static str {
        match self {
            CarriedSection::Consistenza => "a",
            CarriedSection::Referente => "referente",
            CarriedSection::CarenzaManutentiva => "b",
            CarriedSection::NuovaEdificazione => "c",
            CarriedSection::Avvicendamento => "d",
            CarriedSection::ConferiteDaPrivati => "e",
            CarriedSection::Transitori => "j",
        }
    }

    /// The part whose id is `id` (as [`CarriedSection::id`] writes it).
    pub fn from_id(id: &str) -> Option<CarriedSection> {
        CarriedSection::ALL.into_iter().find(|s| s.id() == id)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "tipo", rename_all = "snake_case", deny_unknown_fields)]
pub enum Ente {
    Comune {
        istat: IstatCode,
        nome: String,
    },
    /// The ALER reports per comune where its units are.
    Aler {
        nome: String,
        comuni: Vec<IstatCode>,
    },
}

impl Ente {
    /// The comune with ISTAT code `code`, named as ISTAT names it; or why there is none.
    pub fn comune(code: &str) -> Result<Ente, Bilingual> {
        let code = code
            .trim()
            .parse::<IstatCode>()
            .map_err(|e| Bilingual::new(e.to_string(), e.message_en()))?;
        let comune = crate::comuni::by_code(code).ok_or_else(|| {
            Bilingual::new(
                format!("il codice ISTAT {code} non è un comune della Lombardia"),
                format!("the ISTAT code {code} is not a comune of Lombardy"),
            )
        })?;
        Ok(Ente::Comune {
            istat: code,
            nome: comune.nome.clone(),
        })
    }

    /// The ALER named `nome` (its comuni are added with its rows); or why the name is not one.
    /// A name that is one of the ALER of Lombardy however spelt (case, spaces, hyphens) is
    /// written as that ALER writes it ([`crate::aler::known`]): the capofila's intake counts
    /// an ALER only under its ambito's ALER's name.
    pub fn aler(nome: &str) -> Result<Ente, Bilingual> {
        let nome = crate::text::nfc(nome.trim());
        if nome.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
            return Err(Bilingual::new(
                "indicare il nome dell'ALER (es. ALER Brescia-Cremona-Mantova)",
                "give the name of the ALER (e.g. ALER Brescia-Cremona-Mantova)",
            ));
        }
        let nome = crate::aler::known(&nome).map_or(nome, |a| a.nome.to_owned());
        Ok(Ente::Aler {
            nome,
            comuni: Vec::new(),
        })
    }

    /// The ente's name as the app shows and writes it. A comune's is ISTAT's for its code,
    /// never the file's (a file of Vailate, 019112, that calls itself «Crema» is shown as
    /// «Comune di Vailate»; the rule `nome-comune-istat` tells the comune to fix it); the file's
    /// only for a code outside the table, which a rule refuses anyway. An ALER of Lombardy is
    /// named as it writes itself ([`crate::aler::known`]); another name is shown as the
    /// name of an ALER the app does not know, «ALER «...»», unless it says «ALER» itself.
    pub fn display_name(&self) -> String {
        match self {
            Ente::Comune { istat, nome } => match crate::comuni::by_code(*istat) {
                Some(c) => format!("Comune di {}", c.nome),
                None => format!("Comune di {nome}"),
            },
            Ente::Aler { nome, .. } => match crate::aler::known(nome) {
                Some(a) => a.nome.to_owned(),
                None if nome.starts_with("ALER ") => nome.clone(),
                None => format!("ALER «{nome}»"),
            },
        }
    }

    /// Stable identifier of the ente, used by the trust registry and in file names: the ISTAT
    /// code of a comune; for the ALER `aler:` and its name composed, in lower case, letters
    /// and digits only ([`crate::aler::id_of`]).
    pub fn id(&self) -> String {
        match self {
            Ente::Comune { istat, .. } => istat.to_string(),
            Ente::Aler { nome, .. } => crate::aler::id_of(nome),
        }
    }

    pub fn comune_code(&self) -> Option<IstatCode> {
        match self {
            Ente::Comune { istat, .. } => Some(*istat),
            Ente::Aler { .. } => None,
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Referente {
    pub nome: String,
    pub ruolo: String,
    pub email: String,
    pub telefono: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Consistenza {
    pub sap: u32,
    pub sas: u32,
}

impl Consistenza {
    pub fn totale(&self) -> u64 {
        u64::from(self.sap) + u64::from(self.sas)
    }
}

/// A count of units located in one comune.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UnitsInComune {
    pub comune: IstatCode,
    pub unita: u32,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Intervento {
    NuovaEdificazione,
    Ristrutturazione,
    Recupero,
    Riqualificazione,
}

impl Intervento {
    pub const ALL: [Intervento; 4] = [
        Intervento::NuovaEdificazione,
        Intervento::Ristrutturazione,
        Intervento::Recupero,
        Intervento::Riqualificazione,
    ];

    /// The kind of work as the plan names it (Italian) and in English.
    pub fn label(self) -> Bilingual {
        let (it, en) = match self {
            Intervento::NuovaEdificazione => ("nuova edificazione", "new building"),
            Intervento::Ristrutturazione => ("ristrutturazione", "renovation"),
            Intervento::Recupero => ("recupero", "recovery"),
            Intervento::Riqualificazione => ("riqualificazione", "requalification"),
        };
        Bilingual::new(it, en)
    }
}

/// Section c row: units in one comune from one kind of work.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct WorksInComune {
    pub comune: IstatCode,
    pub intervento: Intervento,
    pub unita: u32,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Turnover {
    pub per_comune: Vec<UnitsInComune>,
    /// The ALER may give its turnover only as a total (docs/DOMAIN.md, section d).
    pub senza_ripartizione: u32,
}

impl Turnover {
    pub fn totale(&self) -> u64 {
        sum_units(&self.per_comune) + u64::from(self.senza_ripartizione)
    }
}

/// A share of the assignable units (f) reserved for a category, with its motivation.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// Percent of the units assignable in the year, with at most one decimal (version 1:
    /// whole percents only).
    pub percento: Percent,
    pub motivazione: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AdditionalCategory {
    pub nome: String,
    pub motivazione: String,
    /// Share reserved for it, if the comune sets one.
    pub percento: Option<Percent>,
}

/// A category of art. 14 c.1 r.r. 4/2017 («Categorie diversificate per l'integrazione
/// sociale», per art. 23 c.6 l.r. 16/2016), to which the c bis share may go. Lett. c bis and
/// c ter are the categories l.r. 11/2024 added to art. 23 c.6; lett. e and f are da
/// verificare on the consolidated text (docs/DOMAIN.md).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum CategoriaArt14 {
    /// lett. a.
    Anziani,
    /// lett. b.
    FamiglieNuovaFormazione,
    /// lett. c.
    NucleiMonoparentali,
    /// lett. c bis.
    GenitoriSeparati,
    /// lett. c ter.
    Sovraindebitati,
    /// lett. d.
    ForzePoliziaVigiliFuoco,
    /// lett. e (da verificare).
    Disabili,
    /// lett. f: the further category a comune determines (h) of the plan).
    UlterioreCategoria,
}

impl CategoriaArt14 {
    pub const ALL: [CategoriaArt14; 8] = [
        CategoriaArt14::Anziani,
        CategoriaArt14::FamiglieNuovaFormazione,
        CategoriaArt14::NucleiMonoparentali,
        CategoriaArt14::GenitoriSeparati,
        CategoriaArt14::Sovraindebitati,
        CategoriaArt14::ForzePoliziaVigiliFuoco,
        CategoriaArt14::Disabili,
        CategoriaArt14::UlterioreCategoria,
    ];

    /// The category as the plan names it, with its letter of art. 14 c.1.
    pub fn label(self) -> Bilingual {
        let (it, en) = match self {
            CategoriaArt14::Anziani => ("anziani (lett. a)", "elderly (lett. a)"),
            CategoriaArt14::FamiglieNuovaFormazione => (
                "famiglie di nuova formazione (lett. b)",
                "newly formed families (lett. b)",
            ),
            CategoriaArt14::NucleiMonoparentali => (
                "nuclei monoparentali (lett. c)",
                "single-parent households (lett. c)",
            ),
            CategoriaArt14::GenitoriSeparati => (
                "padri e madri separati o divorziati non assegnatari dell'abitazione familiare (lett. c bis)",
                "separated or divorced fathers and mothers without the family home (lett. c bis)",
            ),
            CategoriaArt14::Sovraindebitati => (
                "nuclei in procedura di composizione della crisi da sovraindebitamento, dopo il rilascio dell'abitazione (lett. c ter)",
                "households in an over-indebtedness procedure, after leaving their home (lett. c ter)",
            ),
            CategoriaArt14::ForzePoliziaVigiliFuoco => (
                "Forze di Polizia e Corpo nazionale dei Vigili del Fuoco (lett. d)",
                "Police forces and the national fire brigade (lett. d)",
            ),
            CategoriaArt14::Disabili => (
                "disabili (lett. e, da verificare)",
                "people with disabilities (lett. e, to be verified)",
            ),
            CategoriaArt14::UlterioreCategoria => (
                "ulteriore categoria di particolare e motivata rilevanza sociale determinata dal comune (lett. f)",
                "further category of particular and motivated social relevance set by the comune (lett. f)",
            ),
        };
        Bilingual::new(it, en)
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Assigned {
    /// The year the assignments refer to: the year before the plan.
    pub anno: u16,
    pub ordinarie: u32,
    pub in_deroga: u32,
}

impl Assigned {
    pub fn totale(&self) -> u64 {
        u64::from(self.ordinarie) + u64::from(self.in_deroga)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// Id of the warning's rule.
    pub regola: String,
    /// The field the warning concerns.
    pub campo: String,
    pub motivo: String,
}

/// The derived totals, written into the file for human readers and other tools.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct StatedTotals {
    /// a) total = SAP + SAS.
    pub consistenza: u64,
    /// f) = b + c + d + e.
    pub assegnabili: u64,
    /// k) total = ordinarie + in deroga.
    pub assegnate: u64,
}

/// A section of the form made of rows, one or more per comune: b, c, d (the rows per comune),
/// e and j.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowSection {
    /// b) `carenza_manutentiva`.
    CarenzaManutentiva,
    /// c) `nuova_edificazione`.
    NuovaEdificazione,
    /// d) `avvicendamento.per_comune`.
    Avvicendamento,
    /// d) SAS, `avvicendamento_sas.per_comune` (version 4).
    AvvicendamentoSas,
    /// e) `conferite_da_privati`.
    ConferiteDaPrivati,
    /// j) `transitori`.
    Transitori,
}

impl RowSection {
    /// The section's field path; its rows are `{field}[{index}]`.
    pub fn field(self) -> &'static str {
        match self {
            RowSection::CarenzaManutentiva => "carenza_manutentiva",
            RowSection::NuovaEdificazione => "nuova_edificazione",
            RowSection::Avvicendamento => "avvicendamento.per_comune",
            RowSection::AvvicendamentoSas => "avvicendamento_sas.per_comune",
            RowSection::ConferiteDaPrivati => "conferite_da_privati",
            RowSection::Transitori => "transitori",
        }
    }
}

/// A share of the assignable units that the ente may reserve for a category (g, i, Polizia
/// Locale, art. 14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShareSlot {
    /// g) `soglia_indigenza`.
    SogliaIndigenza,
    /// i) `forze_polizia`.
    ForzePolizia,
    /// `polizia_locale`.
    PoliziaLocale,
    /// `categorie_art14`.
    CategorieArt14,
}

impl ShareSlot {
    /// The share's field path.
    pub fn field(self) -> &'static str {
        match self {
            ShareSlot::SogliaIndigenza => "soglia_indigenza",
            ShareSlot::ForzePolizia => "forze_polizia",
            ShareSlot::PoliziaLocale => "polizia_locale",
            ShareSlot::CategorieArt14 => "categorie_art14",
        }
    }
}

pub fn sum_units(rows: &[UnitsInComune]) -> u64 {
    rows.iter().map(|r| u64::from(r.unita)).sum()
}

pub fn sum_works(rows: &[WorksInComune]) -> u64 {
    rows.iter().map(|r| u64::from(r.unita)).sum()
}

impl Submission {
    /// An empty submission of `ente` for the given plan year and ambito.
    pub fn new(anno_piano: u16, ambito: &str, ente: Ente) -> Self {
        let split = anno_piano >= FIRST_PLAN_YEAR_FORMAT_4;
        Submission {
            formato: FORMAT_NAME.to_owned(),
            versione: if split {
                FORMAT_VERSION
            } else {
                FORMAT_VERSION_BEFORE_2026
            },
            scritto_da: Some(crate::written_by()),
            anno_piano,
            ambito: ambito.to_owned(),
            ente,
            referente: Referente::default(),
            nessun_patrimonio: false,
            consistenza: Consistenza::default(),
            carenza_manutentiva: Vec::new(),
            nuova_edificazione: Vec::new(),
            avvicendamento: Turnover::default(),
            avvicendamento_sas: split.then(Turnover::default),
            conferite_da_privati: Vec::new(),
            soglia_indigenza: None,
            copertura_spese_alloggio: false,
            categoria_aggiuntiva: None,
            forze_polizia: None,
            polizia_locale: None,
            categorie_art14: None,
            categorie_art14_elenco: Vec::new(),
            transitori: Vec::new(),
            assegnate_anno_precedente: Assigned {
                anno: anno_piano.saturating_sub(1),
                ..Assigned::default()
            },
            misure_welfare: String::new(),
            progettualita: String::new(),
            avvisi_confermati: Vec::new(),
            totali: None,
            modificata_il: None,
            richiesta: None,
            da_verificare: Vec::new(),
            testi_da_correggere: Vec::new(),
        }
    }

    /// A clear file name: plan year, ente id and name, e.g.
    /// `offerta-abitativa_2021_019035_comune-di-crema_firmata.json`.
    pub fn file_name(&self, signed: bool) -> String {
        let state = if signed { "firmata" } else { "bozza" };
        format!("{}_{state}.json", self.file_stem())
    }

    /// The scheda to sign with a firma digitale, named like the others:
    /// `offerta-abitativa_2021_019035_comune-di-crema_per-firma-digitale.json` (the signing
    /// tool makes it `….json.p7m`).
    pub fn file_name_for_firma_digitale(&self) -> String {
        format!("{}_per-firma-digitale.json", self.file_stem())
    }

    /// `offerta-abitativa_<year>_<ente id>_<ente name>`, in ASCII letters, digits and hyphens.
    fn file_stem(&self) -> String {
        let mut name = String::new();
        for c in self.ente.display_name().to_lowercase().chars() {
            match c {
                'a'..='z' | '0'..='9' => name.push(c),
                'à' | 'á' => name.push('a'),
                'è' | 'é' => name.push('e'),
                'ì' | 'í' => name.push('i'),
                'ò' | 'ó' => name.push('o'),
                'ù' | 'ú' => name.push('u'),
                _ if !name.ends_with('-') => name.push('-'),
                _ => {}
            }
        }
        // An unknown ALER's id may keep letters of any alphabet: a file name keeps ASCII.
        let id: String = self
            .ente
            .id()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!(
            "offerta-abitativa_{}_{}_{}",
            self.anno_piano,
            id,
            name.trim_matches('-'),
        )
    }

    /// d) SAS units (version 4), 0 in a file without the split.
    pub fn avvicendamento_sas_totale(&self) -> u64 {
        self.avvicendamento_sas.as_ref().map_or(0, Turnover::totale)
    }

    /// f) SAP units assignable in the plan year: exactly b + c + d + e, d) being its SAP
    /// units (the SAS units of d) are not in f, the base of the shares).
    pub fn totale_assegnabili(&self) -> u64 {
        sum_units(&self.carenza_manutentiva)
            + sum_works(&self.nuova_edificazione)
            + self.avvicendamento.totale()
            + sum_units(&self.conferite_da_privati)
    }

    /// Every share the submission reserves (g, h when it has one, i, Polizia Locale, art. 14).
    pub fn shares(&self) -> impl Iterator<Item = Percent> + '_ {
        [
            &self.soglia_indigenza,
            &self.forze_polizia,
            &self.polizia_locale,
            &self.categorie_art14,
        ]
        .into_iter()
        .filter_map(|share| share.as_ref().map(|s| s.percento))
        .chain(self.categoria_aggiuntiva.as_ref().and_then(|h| h.percento))
    }

    /// The version this submission is written in: 4 for the plans from
    /// [`FIRST_PLAN_YEAR_FORMAT_4`] and for any that uses a field of version 4; 3 otherwise,
    /// so a file of an earlier plan keeps the bytes it had before version 4.
    pub fn format_version(&self) -> u32 {
        let uses_4 = self.avvicendamento_sas.is_some()
            || self.copertura_spese_alloggio
            || !self.categorie_art14_elenco.is_empty();
        if self.anno_piano >= FIRST_PLAN_YEAR_FORMAT_4 || uses_4 {
            FORMAT_VERSION
        } else {
            FORMAT_VERSION_BEFORE_2026
        }
    }

    /// The submission in the format version the app writes for it ([`Self::format_version`]).
    /// Every older submission is one of the newer version (whole percents are a subset of
    /// version 2; a file without the split of d) becomes one whose d) is all SAP, its SAS
    /// turnover empty), so nothing typed changes: a draft opened in the form
    /// ([`crate::reader::reopen_as_draft`], and the shell's `OpenDraft` for a stored draft)
    /// and every signed file ([`crate::signing::sign_submission`]).
    pub fn in_current_format(mut self) -> Self {
        self.versione = self.format_version();
        if self.versione >= FORMAT_VERSION && self.avvicendamento_sas.is_none() {
            self.avvicendamento_sas = Some(Turnover::default());
        }
        self.scritto_da = Some(crate::written_by());
        self
    }

    pub fn computed_totals(&self) -> StatedTotals {
        StatedTotals {
            consistenza: self.consistenza.totale(),
            assegnabili: self.totale_assegnabili(),
            assegnate: self.assegnate_anno_precedente.totale(),
        }
    }

    /// The submission as it is written to a file: with its derived totals stated.
    pub fn with_stated_totals(mut self) -> Self {
        self.totali = Some(self.computed_totals());
        self
    }

    /// Confirms the warning of `rule` on `field` with `reason`, replacing an earlier
    /// confirmation of the same warning.
    pub fn acknowledge(&mut self, rule: &str, field: &str, reason: &str) {
        self.withdraw_acknowledgement(rule, field);
        self.avvisi_confermati.push(Acknowledgement {
            regola: rule.to_owned(),
            campo: field.to_owned(),
            motivo: reason.to_owned(),
        });
    }

    /// Takes back the confirmation of the warning of `rule` on `field`, if there is one.
    pub fn withdraw_acknowledgement(&mut self, rule: &str, field: &str) {
        self.avvisi_confermati
            .retain(|a| !(a.regola == rule && a.campo == field));
    }

    /// The rows of a section counted in units per comune (b, d, d SAS, e, j); `None` for c,
    /// whose rows also say the kind of work, and for d SAS in a submission without it.
    pub fn units_in_comune_mut(&mut self, section: RowSection) -> Option<&mut Vec<UnitsInComune>> {
        match section {
            RowSection::CarenzaManutentiva => Some(&mut self.carenza_manutentiva),
            RowSection::NuovaEdificazione => None,
            RowSection::Avvicendamento => Some(&mut self.avvicendamento.per_comune),
            RowSection::AvvicendamentoSas => {
                self.avvicendamento_sas.as_mut().map(|t| &mut t.per_comune)
            }
            RowSection::ConferiteDaPrivati => Some(&mut self.conferite_da_privati),
            RowSection::Transitori => Some(&mut self.transitori),
        }
    }

    /// Adds an empty row (no units; in c, of new building) for `comune` at the end of
    /// `section`; nothing in d SAS of a submission without it.
    pub fn add_row(&mut self, section: RowSection, comune: IstatCode) {
        if section == RowSection::NuovaEdificazione {
            self.nuova_edificazione.push(WorksInComune {
                comune,
                intervento: Intervento::NuovaEdificazione,
                unita: 0,
            });
        } else if let Some(rows) = self.units_in_comune_mut(section) {
            rows.push(UnitsInComune { comune, unita: 0 });
        }
    }

    /// Removes the row at `index` of `section`; an index past the end removes nothing.
    pub fn remove_row(&mut self, section: RowSection, index: usize) {
        fn remove<T>(rows: &mut Vec<T>, index: usize) {
            if index < rows.len() {
                rows.remove(index);
            }
        }
        if section == RowSection::NuovaEdificazione {
            remove(&mut self.nuova_edificazione, index);
        } else if let Some(rows) = self.units_in_comune_mut(section) {
            remove(rows, index);
        }
        self.shift_typed_texts_after_removal(section.field(), index);
    }

    pub fn share_mut(&mut self, slot: ShareSlot) -> &mut Option<Share> {
        match slot {
            ShareSlot::SogliaIndigenza => &mut self.soglia_indigenza,
            ShareSlot::ForzePolizia => &mut self.forze_polizia,
            ShareSlot::PoliziaLocale => &mut self.polizia_locale,
            ShareSlot::CategorieArt14 => &mut self.categorie_art14,
        }
    }

    /// Reserves a share of `percent` in `slot`, its motivation still to be written; `None`
    /// reserves none.
    pub fn set_share(&mut self, slot: ShareSlot, percent: Option<Percent>) {
        self.forget_typed_texts_under(slot.field());
        *self.share_mut(slot) = percent.map(|percento| Share {
            percento,
            motivazione: String::new(),
        });
    }

    /// Key of this submission's draft in the browser: one per ente and plan year, so that
    /// several entes on one PC do not overwrite each other.
    pub fn draft_key(&self) -> String {
        format!(
            "offerta-abitativa/bozza/{}/{}",
            self.ente.id(),
            self.anno_piano
        )
    }

    /// A row of `section` (its path, e.g. `carenza_manutentiva`) was removed: its texts go
    /// with it and the texts of the rows after it move up one, as the rows do.
    pub(crate) fn shift_typed_texts_after_removal(&mut self, section: &str, index: usize) {
        let prefix = format!("{section}[");
        self.testi_da_correggere.retain_mut(|t| {
            let Some(rest) = t.campo.strip_prefix(&prefix) else {
                return true;
            };
            let Some((number, tail)) = rest.split_once(']') else {
                return true;
            };
            let Ok(row) = number.parse::<usize>() else {
                return true;
            };
            if row == index {
                return false;
            }
            if row > index {
                t.campo = format!("{prefix}{}]{tail}", row - 1);
            }
            true
        });
    }

    /// A share or the further category was taken away: the texts typed in it go too.
    pub fn forget_typed_texts_under(&mut self, path: &str) {
        self.testi_da_correggere.retain(|t| {
            t.campo
                .strip_prefix(path)
                .is_none_or(|rest| !(rest.is_empty() || rest.starts_with(['.', '['])))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crema() -> Ente {
        Ente::Comune {
            istat: "019035".parse().unwrap(),
            nome: "Crema".into(),
        }
    }

    fn row(n: u32) -> UnitsInComune {
        UnitsInComune {
            comune: "019035".parse().unwrap(),
            unita: n,
        }
    }

    #[test]
    fn assignable_units_are_the_sum_of_b_c_d_e() {
        let mut s = Submission::new(2021, "crema", crema());
        s.carenza_manutentiva.push(row(4));
        s.nuova_edificazione.push(WorksInComune {
            comune: "019035".parse().unwrap(),
            intervento: Intervento::Recupero,
            unita: 28,
        });
        s.avvicendamento.per_comune.push(row(2));
        s.avvicendamento.senza_ripartizione = 3;
        s.conferite_da_privati.push(row(1));
        assert_eq!(s.totale_assegnabili(), 4 + 28 + 2 + 3 + 1);
    }

    #[test]
    fn assignable_units_per_comune_leave_out_j_and_the_units_without_a_comune() {
        let agnadello: IstatCode = "019002".parse().unwrap();
        let mut s = Submission::new(2021, "crema", crema());
        s.carenza_manutentiva.push(row(4));
        s.nuova_edificazione.push(WorksInComune {
            comune: agnadello,
            intervento: Intervento::Recupero,
            unita: 28,
        });
        s.nuova_edificazione.push(WorksInComune {
            comune: "019035".parse().unwrap(),
            intervento: Intervento::Recupero,
            unita: 2,
        });
        s.avvicendamento.senza_ripartizione = 3;
        s.conferite_da_privati.push(row(1));
        s.transitori.push(row(9));
        assert_eq!(
            s.assegnabili_per_comune(),
            [(agnadello, 28), ("019035".parse().unwrap(), 4 + 2 + 1)]
        );
    }

    #[test]
    fn a_submission_lists_its_shares_and_is_brought_to_the_current_format() {
        let mut s = Submission::new(2026, "crema", crema());
        s.versione = OLDEST_FORMAT_VERSION_READ;
        s.set_share(ShareSlot::ForzePolizia, Some(Percent::whole(10)));
        s.categoria_aggiuntiva = Some(AdditionalCategory {
            nome: "n".into(),
            motivazione: "m".into(),
            percento: Percent::from_tenths(125),
        });
        let shares: Vec<String> = s.shares().map(|p| p.to_string()).collect();
        assert_eq!(shares, ["10", "12,5"]);
        assert_eq!(s.in_current_format().versione, FORMAT_VERSION);
    }

    /// Plans from 2026 are written in version 4, with the SAS part of d); earlier plans in
    /// version 3 with none of version 4's fields, unless they use one.
    #[test]
    fn the_version_written_follows_the_plan_year_and_the_fields_used() {
        let before = Submission::new(2025, "crema", crema());
        assert_eq!(before.versione, FORMAT_VERSION_BEFORE_2026);
        assert_eq!(before.avvicendamento_sas, None);
        let json = serde_json::to_value(&before).unwrap();
        for field in [
            "avvicendamento_sas",
            "copertura_spese_alloggio",
            "categorie_art14_elenco",
        ] {
            assert!(json.get(field).is_none(), "{field}");
        }
        let mut uses_4 = before.clone();
        uses_4.copertura_spese_alloggio = true;
        assert_eq!(uses_4.in_current_format().versione, FORMAT_VERSION);
        let from = Submission::new(FIRST_PLAN_YEAR_FORMAT_4, "crema", crema());
        assert_eq!(from.versione, FORMAT_VERSION);
        assert_eq!(from.avvicendamento_sas, Some(Turnover::default()));
        let json = serde_json::to_value(&from).unwrap();
        assert_eq!(
            json["avvicendamento_sas"],
            serde_json::json!({"per_comune": [], "senza_ripartizione": 0})
        );
    }

    #[test]
    fn entes_are_built_from_an_istat_code_or_an_aler_name() {
        assert_eq!(Ente::comune(" 019035 ").unwrap(), crema());
        assert_eq!(
            Ente::aler("ALER Pavia-Lodi").unwrap().id(),
            "aler:alerpavialodi"
        );
    }

    #[test]
    fn why_an_ente_cannot_be_built_is_said_in_italian_and_english() {
        let not_lombard = Ente::comune("058091").unwrap_err();
        assert_eq!(
            not_lombard.it,
            "il codice ISTAT 058091 non è un comune della Lombardia"
        );
        assert_eq!(
            not_lombard.en,
            "the ISTAT code 058091 is not a comune of Lombardy"
        );
        let not_a_code = Ente::comune("crema").unwrap_err();
        assert!(
            not_a_code.it.contains("non è un codice ISTAT"),
            "{not_a_code:?}"
        );
        assert!(
            not_a_code.en.contains("is not an ISTAT code"),
            "{not_a_code:?}"
        );
        let no_name = Ente::aler(" - ").unwrap_err();
        assert!(no_name.it.starts_with("indicare il nome dell'ALER"));
        assert!(no_name.en.starts_with("give the name of the ALER"));
    }

    #[test]
    fn kinds_of_work_are_named_in_italian_and_english() {
        let labels = Intervento::ALL.map(|i| i.label());
        assert_eq!(
            labels.clone().map(|l| l.it),
            [
                "nuova edificazione",
                "ristrutturazione",
                "recupero",
                "riqualificazione"
            ]
        );
        assert_eq!(
            labels.map(|l| l.en),
            ["new building", "renovation", "recovery", "requalification"]
        );
    }

    #[test]
    fn file_names_say_year_ente_and_state() {
        let s = Submission::new(2021, "crema", crema());
        assert_eq!(
            s.file_name(true),
            "offerta-abitativa_2021_019035_comune-di-crema_firmata.json"
        );
        let aler = Submission::new(
            2021,
            "crema",
            Ente::Aler {
                nome: "ALER Brescia-Cremona-Mantova".into(),
                comuni: vec![],
            },
        );
        assert_eq!(
            aler.file_name(false),
            "offerta-abitativa_2021_aler-alerbresciacremonamantova_aler-brescia-cremona-mantova_bozza.json"
        );
    }

    #[test]
    fn aler_comuni_follow_its_rows_and_drafts_are_keyed_by_ente_and_year() {
        let mut s = Submission::new(
            2021,
            "crema",
            Ente::aler("ALER Brescia-Cremona-Mantova").unwrap(),
        );
        s.carenza_manutentiva.push(row(1));
        s.transitori.push(UnitsInComune {
            comune: "019002".parse().unwrap(),
            unita: 1,
        });
        s.transitori.push(row(2));
        s.sync_aler_comuni();
        let Ente::Aler { comuni, .. } = &s.ente else {
            unreachable!()
        };
        assert_eq!(
            comuni.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            ["019002", "019035"]
        );
        assert_eq!(
            s.draft_key(),
            "offerta-abitativa/bozza/aler:alerbresciacremonamantova/2021"
        );
    }

    #[test]
    fn a_warning_is_confirmed_once_per_rule_and_field_and_can_be_withdrawn() {
        let mut s = Submission::new(2021, "crema", crema());
        s.acknowledge("r1", "consistenza.sap", "primo motivo");
        s.acknowledge("r2", "consistenza.sap", "altra regola");
        s.acknowledge("r1", "consistenza.sas", "altro campo");
        s.acknowledge("r1", "consistenza.sap", "motivo corretto");
        let acks: Vec<_> = s
            .avvisi_confermati
            .iter()
            .map(|a| (a.regola.as_str(), a.campo.as_str(), a.motivo.as_str()))
            .collect();
        assert_eq!(
            acks,
            [
                ("r2", "consistenza.sap", "altra regola"),
                ("r1", "consistenza.sas", "altro campo"),
                ("r1", "consistenza.sap", "motivo corretto"),
            ]
        );
        s.withdraw_acknowledgement("r1", "consistenza.sap");
        s.withdraw_acknowledgement("r9", "consistenza.sap");
        assert_eq!(s.avvisi_confermati.len(), 2);
        assert!(!s
            .avvisi_confermati
            .iter()
            .any(|a| a.regola == "r1" && a.campo == "consistenza.sap"));
    }

    #[test]
    fn rows_are_added_empty_and_removed_by_index_in_every_section() {
        let mut s = Submission::new(2021, "crema", crema());
        let crema: IstatCode = "019035".parse().unwrap();
        let agnadello: IstatCode = "019002".parse().unwrap();
        for section in [
            RowSection::CarenzaManutentiva,
            RowSection::NuovaEdificazione,
            RowSection::Avvicendamento,
            RowSection::ConferiteDaPrivati,
            RowSection::Transitori,
        ] {
            s.add_row(section, crema);
            s.add_row(section, agnadello);
            s.remove_row(section, 0);
            s.remove_row(section, 5);
            let named: Vec<_> = s
                .comune_rows()
                .filter(|(field, _, _)| *field == section.field())
                .map(|(_, i, c)| (i, c))
                .collect();
            assert_eq!(named, [(0, agnadello)], "{section:?}");
        }
        assert_eq!(
            s.nuova_edificazione[0],
            WorksInComune {
                comune: agnadello,
                intervento: Intervento::NuovaEdificazione,
                unita: 0,
            }
        );
        assert_eq!(
            s.transitori[0],
            UnitsInComune {
                comune: agnadello,
                unita: 0
            }
        );
        assert_eq!(s.totale_assegnabili(), 0);
        assert!(s
            .units_in_comune_mut(RowSection::NuovaEdificazione)
            .is_none());
    }

    #[test]
    fn a_share_is_reserved_with_its_percent_and_no_motivation_yet() {
        let mut s = Submission::new(2026, "crema", crema());
        for (slot, field) in [
            (ShareSlot::SogliaIndigenza, "soglia_indigenza"),
            (ShareSlot::ForzePolizia, "forze_polizia"),
            (ShareSlot::PoliziaLocale, "polizia_locale"),
            (ShareSlot::CategorieArt14, "categorie_art14"),
        ] {
            assert_eq!(slot.field(), field);
            s.set_share(slot, Some(Percent::whole(25)));
            let v = serde_json::to_value(&s).unwrap();
            assert_eq!(
                v[field],
                serde_json::json!({"percento": 25, "motivazione": ""})
            );
            s.set_share(slot, None);
            assert_eq!(*s.share_mut(slot), None);
        }
    }

    #[test]
    fn new_submission_refers_k_to_the_year_before() {
        let s = Submission::new(2026, "crema", crema());
        assert_eq!(s.assegnate_anno_precedente.anno, 2025);
    }

    #[test]
    fn json_round_trip_keeps_every_field() {
        let mut s = Submission::new(2021, "crema", crema());
        s.consistenza = Consistenza { sap: 353, sas: 5 };
        s.categoria_aggiuntiva = Some(AdditionalCategory {
            nome: "famiglie numerose".into(),
            motivazione: "molte famiglie con tre o più figli".into(),
            percento: None,
        });
        let s = s.with_stated_totals();
        let json = serde_json::to_string(&s).unwrap();
        let back: Submission = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        assert!(json.contains(r#""tipo":"comune""#), "{json}");
        assert!(json.contains(r#""consistenza":358"#), "{json}");
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let s = Submission::new(2021, "crema", crema());
        let mut v = serde_json::to_value(&s).unwrap();
        v["totale"] = serde_json::json!(1);
        assert!(serde_json::from_value::<Submission>(v).is_err());
    }

    #[test]
    fn negative_and_fractional_counts_are_rejected() {
        let s = Submission::new(2021, "crema", crema());
        for bad in [serde_json::json!(-1), serde_json::json!(1.5)] {
            let mut v = serde_json::to_value(&s).unwrap();
            v["consistenza"]["sap"] = bad.clone();
            assert!(serde_json::from_value::<Submission>(v).is_err(), "{bad}");
        }
    }
}
