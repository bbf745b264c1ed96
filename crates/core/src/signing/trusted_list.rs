//! The Italian trusted list (ETSI TS 119 612, `TSL-IT.xml`, published by AgID) read into the
//! trust anchors qualified signatures are verified against.
//!
//! What is read: the scheme territory (it must be `IT`), the sequence number, the issue date
//! (`ListIssueDateTime`) and the next update (`NextUpdate/dateTime`), the scheme operator's
//! name, and every service of type CA/QC whose *current* status is «granted», with its
//! certificates (each a [`TrustAnchor`]), its name, its provider and its additional service
//! information (e.g. «ForeSignatures»). Of these, only the services that issue certificates
//! for electronic signatures give trust anchors ([`TrustedList::signature_anchors`], the only
//! way the page and the CLI take them): a CA only for seals or website certificates does
//! not. A service's history (`ServiceHistory`) is not read:
//! a CA whose current entry is not granted gives no anchor, even for signatures made while
//! it was; a signature is judged against the CA's current status.
//!
//! What is **not** checked: the list's own XML signature (XAdES, enveloped, exclusive
//! canonicalisation). [`TrustedList::signature`] says so, for the page and the CLI to say
//! it; docs/SECURITY.md states the limit. The list must be loaded only as downloaded from
//! AgID's site.
//!
//! The reader refuses a DOCTYPE (so no entity is ever expanded: no XXE, no «billion
//! laughs»), more than [`MAX_TRUSTED_LIST_BYTES`] and more than [`MAX_XML_NODES`] nodes.

use base64::Engine;
use roxmltree::{Document, Node, ParsingOptions};

use super::qualified::{AnchorOrigin, TrustAnchor};
use super::rfc3339_instant;
use crate::text::{Bilingual, Message};

/// The largest list read: AgID's is a few MB (2 MB in 2019); room to grow, not to exhaust.
pub const MAX_TRUSTED_LIST_BYTES: usize = 32 * 1024 * 1024;

/// The most XML nodes read (the 2019 list has about 60,000).
pub const MAX_XML_NODES: u32 = 4_000_000;

/// The namespace of ETSI TS 119 612's elements.
const TSL_NS: &str = "http://uri.etsi.org/02231/v2#";
const XMLDSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
const CA_QC: &str = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC";
const GRANTED: &str = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted";
const FOR_E_SIGNATURES: &str = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures";
const FOR_PREFIX: &str = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/Fore";
const FOR_WEB_SITES: &str =
    "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForWebSiteAuthentication";

/// A trusted list as read: what the page and the CLI show, and the anchors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedList {
    /// `IT`: any other territory is refused.
    pub territory: String,
    /// `TSLSequenceNumber`: grows by one with each list published.
    pub sequence_number: u64,
    /// `ListIssueDateTime`, as written (RFC 3339, UTC).
    pub issued: String,
    /// `NextUpdate/dateTime`, as written: a newer list must exist by then.
    pub next_update: String,
    /// The scheme operator's name (its Italian one, else its English one, else the first).
    pub operator_name: String,
    /// The CA/QC services whose current status is granted, in the list's order.
    pub services: Vec<QualifiedCaService>,
    /// Whether the list's own signature was checked (it is not: see the module's doc).
    pub signature: ListSignature,
}

/// One CA/QC service, granted: the certification authority that issues qualified certificates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualifiedCaService {
    /// The trust service provider's name (`TSPName`), e.g. «Aruba PEC S.p.A.».
    pub provider_name: String,
    /// The service's name (`ServiceName`), e.g. «ArubaPEC S.p.A. NG CA 3».
    pub service_name: String,
    /// `StatusStartingTime` of the current status, as written.
    pub status_since: String,
    /// The URIs of the service's `AdditionalServiceInformation` (e.g. «ForeSignatures»).
    pub additional_info: Vec<String>,
    /// The service's certificates, each an anchor naming the service.
    pub anchors: Vec<TrustAnchor>,
}

impl QualifiedCaService {
    /// Whether the service issues qualified certificates for electronic signatures, by the
    /// list's own words (ETSI TS 119 612, clause 5.5.9.4, `AdditionalServiceInformation` of
    /// a CA/QC service): it says «ForeSignatures»; or it states no purpose at all (no
    /// «ForeSignatures», «ForeSeals» nor «ForWebSiteAuthentication»), as the entries written
    /// before eIDAS (Directive 1999/93/EC knew qualified certificates for signatures only)
    /// do. A CA only «ForeSeals» (seals of legal persons) or only
    /// «ForWebSiteAuthentication» (website certificates) issues none for signatures: its
    /// certificates are no anchor. A CA that says «ForeSignatures» among other purposes is
    /// kept whole: which of its certificates is a signature's is the signer's certificate's
    /// own statement (docs/SECURITY.md).
    pub fn issues_for_signatures(&self) -> bool {
        let states_a_purpose = |uri: &String| uri.starts_with(FOR_PREFIX) || uri == FOR_WEB_SITES;
        self.additional_info
            .iter()
            .any(|uri| uri == FOR_E_SIGNATURES)
            || !self.additional_info.iter().any(states_a_purpose)
    }
}

/// Whether the list's own XML signature was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListSignature {
    /// The list carries a signature (`ds:Signature`) this app does not check.
    NotChecked,
    /// The list carries no signature at all (AgID's always does).
    Absent,
}

impl ListSignature {
    /// What the page and the CLI say of it.
    pub fn message(self) -> Bilingual {
        match self {
            ListSignature::NotChecked => Bilingual::new(
                "la firma dell'elenco non è verificata da questa app: caricare solo l'elenco scaricato dal sito di AgID",
                "the list's own signature is not checked by this app: load only the list downloaded from AgID's site",
            ),
            ListSignature::Absent => Bilingual::new(
                "l'elenco non è firmato (quello pubblicato da AgID lo è): caricare solo l'elenco scaricato dal sito di AgID",
                "the list is not signed (the one AgID publishes is): load only the list downloaded from AgID's site",
            ),
        }
    }
}

impl TrustedList {
    /// The services a qualified electronic signature may lead to: of type CA/QC, current
    /// status granted (the only ones read) and issuing for signatures
    /// ([`QualifiedCaService::issues_for_signatures`]), in the list's order.
    pub fn signature_services(&self) -> impl Iterator<Item = &QualifiedCaService> {
        self.services.iter().filter(|s| s.issues_for_signatures())
    }

    /// The trust anchors of the list: the certificates of its
    /// [`signature_services`](Self::signature_services), in the list's order. The only way
    /// the page and the CLI take anchors from the list, so both count and trust the same.
    pub fn signature_anchors(&self) -> impl Iterator<Item = &TrustAnchor> {
        self.signature_services().flat_map(|s| s.anchors.iter())
    }

    /// Whether this list is older than `other` (a lower sequence number, which grows by
    /// one with each list AgID publishes): loaded over a newer one, it would bring back
    /// CAs withdrawn since, so the page keeps the newer one unless the capofila confirms.
    pub fn is_older_than(&self, other: &TrustedList) -> bool {
        self.sequence_number < other.sequence_number
    }

    /// Whether `now` (RFC 3339, the caller's clock: the core reads none) is past the next
    /// update: a newer list exists, and this one may miss a CA withdrawn since. A `now`
    /// that is not a moment counts as out of date.
    pub fn is_out_of_date(&self, now: &str) -> bool {
        match (rfc3339_instant(now), rfc3339_instant(&self.next_update)) {
            (Some(now), Some(next)) => now > next,
            _ => true,
        }
    }
}

/// Why a file is not read as the Italian trusted list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustedListError {
    /// More than [`MAX_TRUSTED_LIST_BYTES`] (its size).
    TooLarge(usize),
    /// Not well-formed XML (the parser's words), or too many nodes.
    NotXml(String),
    /// A DOCTYPE: never in a trusted list, and the way entities would get in.
    Doctype,
    /// XML, but not an ETSI TS 119 612 list (the root element found).
    NotATrustedList(String),
    /// A trusted list of another territory (the one it names).
    NotItaly(String),
    /// A field the list must have is missing or not what it should be (its name, the value).
    BadField(&'static str, String),
    /// No CA/QC service with status granted: nothing to trust.
    NoGrantedService,
    /// A service's certificate is not base64 DER (the service, the detail).
    MalformedCertificate(String, String),
}

impl TrustedListError {
    /// Plain words in both languages, with what was found as technical detail.
    pub fn message(&self) -> Message {
        let check = "Scaricare di nuovo l'elenco TSL-IT.xml dal sito di AgID.";
        let check_en = "Download TSL-IT.xml again from AgID's site.";
        match self {
            TrustedListError::TooLarge(size) => Message::new(
                format!("Il file è troppo grande per essere l'elenco di fiducia ({} MB, al massimo {} MB). {check}", size / 1_048_576, MAX_TRUSTED_LIST_BYTES / 1_048_576),
                format!("The file is too large to be the trusted list ({} MB, at most {} MB). {check_en}", size / 1_048_576, MAX_TRUSTED_LIST_BYTES / 1_048_576),
            ),
            TrustedListError::NotXml(detail) => Message::new(
                format!("Il file non è l'elenco di fiducia: non è un file XML leggibile. {check}"),
                format!("The file is not the trusted list: it is not readable XML. {check_en}"),
            )
            .with_detail(detail),
            TrustedListError::Doctype => Message::new(
                format!("Il file non è l'elenco di fiducia: contiene una dichiarazione DOCTYPE, che l'elenco pubblicato da AgID non ha e che non viene letta. {check}"),
                format!("The file is not the trusted list: it holds a DOCTYPE declaration, which AgID's list does not have and which is not read. {check_en}"),
            )
            .with_detail("<!DOCTYPE"),
            TrustedListError::NotATrustedList(root) => Message::new(
                format!("Il file è XML ma non è un elenco di fiducia (ETSI TS 119 612). {check}"),
                format!("The file is XML but not a trusted list (ETSI TS 119 612). {check_en}"),
            )
            .with_detail(format!("root element: {root}; expected {{{TSL_NS}}}TrustServiceStatusList")),
            TrustedListError::NotItaly(territory) => Message::new(
                format!("Il file è l'elenco di fiducia di un altro Stato («{territory}»), non quello italiano. {check}"),
                format!("The file is the trusted list of another State («{territory}»), not Italy's. {check_en}"),
            )
            .with_detail(format!("SchemeTerritory = {territory}")),
            TrustedListError::BadField(field, value) => Message::new(
                format!("L'elenco di fiducia è incompleto o danneggiato: manca o non è valido «{field}». {check}"),
                format!("The trusted list is incomplete or damaged: «{field}» is missing or not valid. {check_en}"),
            )
            .with_detail(format!("{field} = «{value}»")),
            TrustedListError::NoGrantedService => Message::new(
                format!("L'elenco di fiducia non contiene alcun certificatore qualificato attivo: nessuna firma potrebbe esservi verificata. {check}"),
                format!("The trusted list holds no active qualified certification authority: no signature could be verified against it. {check_en}"),
            )
            .with_detail(format!("no service of type {CA_QC} with status {GRANTED}")),
            TrustedListError::MalformedCertificate(service, detail) => Message::new(
                format!("L'elenco di fiducia è danneggiato: il certificato del servizio «{service}» non è leggibile. {check}"),
                format!("The trusted list is damaged: the certificate of the service «{service}» is not readable. {check_en}"),
            )
            .with_detail(detail),
        }
    }
}

impl std::fmt::Display for TrustedListError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message())
    }
}

/// Reads the Italian trusted list from its bytes: see the module's doc for what is read and
/// checked.
pub fn read_trusted_list(bytes: &[u8]) -> Result<TrustedList, TrustedListError> {
    if bytes.len() > MAX_TRUSTED_LIST_BYTES {
        return Err(TrustedListError::TooLarge(bytes.len()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| TrustedListError::NotXml(format!("not UTF-8: {e}")))?;
    // No DTD: any DOCTYPE is refused before an entity could be declared, let alone expanded.
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_XML_NODES,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::DtdDetected => TrustedListError::Doctype,
        e => TrustedListError::NotXml(e.to_string()),
    })?;
    let root = document.root_element();
    if !is_tsl(root, "TrustServiceStatusList") {
        return Err(TrustedListError::NotATrustedList(format!(
            "{{{}}}{}",
            root.tag_name().namespace().unwrap_or(""),
            root.tag_name().name()
        )));
    }
    let scheme = required_child(root, "SchemeInformation")?;
    let territory = required_text(scheme, "SchemeTerritory")?;
    if territory != "IT" {
        return Err(TrustedListError::NotItaly(territory));
    }
    let sequence = required_text(scheme, "TSLSequenceNumber")?;
    let sequence_number = sequence
        .parse()
        .map_err(|_| TrustedListError::BadField("TSLSequenceNumber", sequence))?;
    let issued = required_moment(scheme, "ListIssueDateTime")?;
    let next_update = required_moment(required_child(scheme, "NextUpdate")?, "dateTime").map_err(
        |e| match e {
            TrustedListError::BadField(_, value) => {
                TrustedListError::BadField("NextUpdate/dateTime", value)
            }
            e => e,
        },
    )?;
    let operator_name = preferred_name(required_child(scheme, "SchemeOperatorName")?).ok_or(
        TrustedListError::BadField("SchemeOperatorName", String::new()),
    )?;
    let services = granted_ca_services(root)?;
    if services.is_empty() {
        return Err(TrustedListError::NoGrantedService);
    }
    let signed = root.children().any(|n| {
        n.tag_name().namespace() == Some(XMLDSIG_NS) && n.tag_name().name() == "Signature"
    });
    Ok(TrustedList {
        territory,
        sequence_number,
        issued,
        next_update,
        operator_name,
        services,
        signature: if signed {
            ListSignature::NotChecked
        } else {
            ListSignature::Absent
        },
    })
}

/// The CA/QC services whose current entry says granted, in the list's order.
fn granted_ca_services(root: Node) -> Result<Vec<QualifiedCaService>, TrustedListError> {
    let mut services = Vec::new();
    let providers = tsl_children(root, "TrustServiceProviderList")
        .flat_map(|list| tsl_children(list, "TrustServiceProvider"));
    for provider in providers {
        let provider_name = tsl_children(provider, "TSPInformation")
            .flat_map(|info| tsl_children(info, "TSPName"))
            .find_map(preferred_name)
            .unwrap_or_default();
        let infos = tsl_children(provider, "TSPServices")
            .flat_map(|list| tsl_children(list, "TSPService"))
            .flat_map(|service| tsl_children(service, "ServiceInformation"));
        for info in infos {
            if child_text(info, "ServiceTypeIdentifier").as_deref() != Some(CA_QC)
                || child_text(info, "ServiceStatus").as_deref() != Some(GRANTED)
            {
                continue;
            }
            services.push(ca_service(info, provider_name.clone())?);
        }
    }
    Ok(services)
}

/// One granted CA/QC service's `ServiceInformation` read.
fn ca_service(info: Node, provider_name: String) -> Result<QualifiedCaService, TrustedListError> {
    let service_name = tsl_children(info, "ServiceName")
        .find_map(preferred_name)
        .unwrap_or_default();
    let status_since = child_text(info, "StatusStartingTime").unwrap_or_default();
    let additional_info = tsl_children(info, "ServiceInformationExtensions")
        .flat_map(|list| tsl_children(list, "Extension"))
        .flat_map(|extension| tsl_children(extension, "AdditionalServiceInformation"))
        .filter_map(|additional| child_text(additional, "URI"))
        .collect();
    let mut anchors = Vec::new();
    let certificates = tsl_children(info, "ServiceDigitalIdentity")
        .flat_map(|identity| tsl_children(identity, "DigitalId"))
        .flat_map(|id| tsl_children(id, "X509Certificate"));
    for certificate in certificates {
        let certificate_der =
            certificate_der(certificate.text().unwrap_or("")).map_err(|detail| {
                TrustedListError::MalformedCertificate(service_name.clone(), detail)
            })?;
        anchors.push(TrustAnchor {
            certificate_der,
            origin: AnchorOrigin::TrustedList {
                service_name: service_name.clone(),
            },
        });
    }
    if anchors.is_empty() {
        return Err(TrustedListError::MalformedCertificate(
            service_name,
            "no X509Certificate in ServiceDigitalIdentity".to_owned(),
        ));
    }
    Ok(QualifiedCaService {
        provider_name,
        service_name,
        status_since,
        additional_info,
        anchors,
    })
}

/// The DER of a base64 certificate (line breaks and spaces allowed), checked to be one DER
/// SEQUENCE exactly as long as its bytes; the certificate's content is read by the verifier
/// of the signatures that lead to it.
pub(super) fn certificate_der(base64_text: &str) -> Result<Vec<u8>, String> {
    let compact: String = base64_text
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .map_err(|e| format!("X509Certificate is not base64: {e}"))?;
    match der_sequence_length(&der) {
        Some(length) if length == der.len() => Ok(der),
        _ => Err(format!(
            "X509Certificate is not one DER SEQUENCE ({} bytes)",
            der.len()
        )),
    }
}

/// The whole length (header and content) of the DER SEQUENCE at the start of `der`.
fn der_sequence_length(der: &[u8]) -> Option<usize> {
    if der.first() != Some(&0x30) {
        return None;
    }
    let first = usize::from(*der.get(1)?);
    if first < 0x80 {
        return Some(2 + first);
    }
    let count = first - 0x80;
    if count == 0 || count > 4 {
        return None;
    }
    let length = der
        .get(2..2 + count)?
        .iter()
        .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
    // DER writes the shortest length: a long form under 128, or with a leading zero, is BER.
    if length < 0x80 || der[2] == 0 {
        return None;
    }
    // Checked: four length bytes overflow a 32-bit usize (wasm32) when added to.
    length.checked_add(2 + count)
}

fn is_tsl(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().namespace() == Some(TSL_NS)
        && node.tag_name().name() == name
}

fn tsl_children<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(move |n| is_tsl(*n, name))
}

fn required_child<'a, 'input>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> Result<Node<'a, 'input>, TrustedListError> {
    tsl_children(node, name)
        .next()
        .ok_or(TrustedListError::BadField(name, String::new()))
}

/// The trimmed text of the first child `name`, if it has any.
fn child_text(node: Node, name: &'static str) -> Option<String> {
    let text = tsl_children(node, name).next()?.text()?.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

fn required_text(node: Node, name: &'static str) -> Result<String, TrustedListError> {
    child_text(node, name).ok_or(TrustedListError::BadField(name, String::new()))
}

/// A date the list must have, as an RFC 3339 moment (the list writes UTC, `…Z`).
fn required_moment(node: Node, name: &'static str) -> Result<String, TrustedListError> {
    let text = required_text(node, name)?;
    match rfc3339_instant(&text) {
        Some(_) => Ok(text),
        None => Err(TrustedListError::BadField(name, text)),
    }
}

/// The Italian `Name` among a multilingual name's, else the English one, else the first.
fn preferred_name(node: Node) -> Option<String> {
    let names: Vec<(Option<&str>, String)> = tsl_children(node, "Name")
        .filter_map(|n| {
            let lang = n.attribute((roxmltree::NS_XML_URI, "lang"));
            Some((lang, n.text()?.trim().to_owned()))
        })
        .filter(|(_, name)| !name.is_empty())
        .collect();
    ["it", "en"]
        .iter()
        .find_map(|want| names.iter().find(|(lang, _)| *lang == Some(want)))
        .or(names.first())
        .map(|(_, name)| name.clone())
}
