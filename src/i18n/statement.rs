//! The accessibility statement (dichiarazione di accessibilità) in both languages, following
//! the structure of AgID's model: commitment, compliance, what is not accessible, how it was
//! assessed, feedback and the enforcement procedure.

pub struct Statement {
    pub title: &'static str,
    pub intro: &'static str,
    pub compliance_title: &'static str,
    pub compliance: &'static str,
    pub not_accessible_title: &'static str,
    pub not_accessible: [&'static str; 3],
    pub method_title: &'static str,
    pub method: &'static str,
    pub feedback_title: &'static str,
    pub feedback: &'static str,
    pub enforcement_title: &'static str,
    pub enforcement: &'static str,
    pub enforcement_link: &'static str,
}

/// Where the Difensore civico per il digitale receives reports.
pub const AGID_FORM: &str = "https://form.agid.gov.it";

pub static IT: Statement = Statement {
    title: "Dichiarazione di accessibilità",
    intro: "Offerta Abitativa è l'applicazione con cui i comuni, l'ALER e i comuni capofila \
            lombardi preparano il piano annuale dell'offerta abitativa pubblica e sociale. \
            Chi la distribuisce si impegna a renderla accessibile, come prevedono la legge \
            9 gennaio 2004, n. 4 e le Linee guida AgID sull'accessibilità degli strumenti \
            informatici (requisiti WCAG 2.1, livello AA).",
    compliance_title: "Stato di conformità",
    compliance: "L'applicazione è parzialmente conforme ai requisiti WCAG 2.1 di livello AA: \
                 le verifiche automatiche non trovano violazioni in nessuna schermata e ogni \
                 percorso (compilare, firmare e scaricare la scheda; caricare le schede \
                 ricevute ed esportare il piano) si completa con la sola tastiera. Manca \
                 ancora una verifica manuale completa con i lettori di schermo.",
    not_accessible_title: "Contenuti non accessibili",
    not_accessible: [
        "Le tabelle del piano di un ambito molto grande sono lunghe: per leggerle con un \
         lettore di schermo è più comodo il file Excel o CSV esportato.",
        "L'accessibilità dei file esportati (Excel, CSV, PDF dalla stampa) dipende anche dal \
         programma con cui si aprono.",
        "La scelta dei file da caricare usa la finestra del sistema operativo, che \
         l'applicazione non controlla.",
    ],
    method_title: "Redazione della dichiarazione",
    method: "Dichiarazione redatta il 23 novembre 2026 con un'autovalutazione: test \
             automatici con axe-core 4.14.1 (criteri WCAG 2.1 A e AA) su ogni schermata e \
             stato, e prove dei percorsi principali con la sola tastiera, in Chromium. Le \
             prove si ripetono a ogni modifica dell'applicazione.",
    feedback_title: "Segnalazioni e recapiti",
    feedback: "L'applicazione funziona senza rete e non invia dati. Per segnalare un problema \
               di accessibilità, scrivere al responsabile per la transizione al digitale del \
               proprio comune o del comune capofila, indicando la schermata e il problema: \
               deve rispondere entro 30 giorni.",
    enforcement_title: "Procedura di attuazione",
    enforcement: "In caso di risposta insoddisfacente o di mancata risposta entro 30 giorni, \
                  si può inviare una segnalazione al Difensore civico per il digitale \
                  dell'AgID (art. 3-quinquies, legge 4/2004).",
    enforcement_link: "Modulo di segnalazione dell'AgID",
};

pub static EN: Statement = Statement {
    title: "Accessibility statement",
    intro: "Offerta Abitativa is the application with which the municipalities, the ALER and \
            the lead municipalities of Lombardy prepare the annual plan of public and social \
            housing supply. Whoever distributes it is committed to making it accessible, as \
            required by Italian Law 4/2004 and AgID's accessibility guidelines (WCAG 2.1, \
            level AA).",
    compliance_title: "Compliance status",
    compliance: "The application is partially compliant with WCAG 2.1 level AA: automated \
                 checks find no violation on any screen, and every task (filling in, signing \
                 and downloading a submission; loading the submissions received and \
                 exporting the plan) can be completed with the keyboard alone. A full manual \
                 review with screen readers has not been done yet.",
    not_accessible_title: "Non-accessible content",
    not_accessible: [
        "The plan's tables for a very large area are long: with a screen reader, the \
         exported Excel or CSV file is easier to read.",
        "The accessibility of exported files (Excel, CSV, PDF from printing) also depends on \
         the program that opens them.",
        "Choosing the files to load uses the operating system's dialog, which the \
         application does not control.",
    ],
    method_title: "Preparation of this statement",
    method: "Statement prepared on 23 November 2026 by self-assessment: automated tests with \
             axe-core 4.14.1 (WCAG 2.1 A and AA criteria) on every screen and state, and \
             keyboard-only runs of the main tasks, in Chromium. The checks run again on \
             every change of the application.",
    feedback_title: "Feedback and contact",
    feedback: "The application works offline and sends no data. To report an accessibility \
               problem, write to the digital transition officer of your municipality or of \
               the lead municipality, naming the screen and the problem: they must answer \
               within 30 days.",
    enforcement_title: "Enforcement procedure",
    enforcement: "If the answer is unsatisfactory or none arrives within 30 days, you can \
                  report to AgID's Digital Ombudsman (art. 3-quinquies, Law 4/2004).",
    enforcement_link: "AgID's reporting form",
};
