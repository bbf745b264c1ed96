//! The Italian trusted list read into trust anchors: the real list AgID published
//! (tests/trusted-list/README.md says where it comes from) and hostile inputs.

use offerta_core::signing::qualified::AnchorOrigin;
use offerta_core::signing::trusted_list::{
    read_trusted_list, ListSignature, TrustedListError, MAX_TRUSTED_LIST_BYTES,
};

fn real_list() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/trusted-list/TSL-IT-2019-09-04-seq141.xml"
    );
    std::fs::read(path).expect("the real list is kept in tests/trusted-list")
}

/// A small list of `territory` with the given dates and services (each a `TSPService`).
fn small_list(territory: &str, issued: &str, next: &str, services: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" TSLTag="http://uri.etsi.org/19612/TSLTag">
  <SchemeInformation>
    <TSLVersionIdentifier>5</TSLVersionIdentifier>
    <TSLSequenceNumber>7</TSLSequenceNumber>
    <SchemeOperatorName><Name xml:lang="en">Agency</Name><Name xml:lang="it">Agenzia</Name></SchemeOperatorName>
    <SchemeTerritory>{territory}</SchemeTerritory>
    <ListIssueDateTime>{issued}</ListIssueDateTime>
    <NextUpdate><dateTime>{next}</dateTime></NextUpdate>
  </SchemeInformation>
  <TrustServiceProviderList><TrustServiceProvider>
    <TSPInformation><TSPName><Name xml:lang="it">Certificatore S.p.A.</Name></TSPName></TSPInformation>
    <TSPServices>{services}</TSPServices>
  </TrustServiceProviderList></TrustServiceProvider>
</TrustServiceStatusList>"#
    )
    .replace(
        "</TrustServiceStatusList></TrustServiceProvider>",
        "</TrustServiceProvider></TrustServiceStatusList>",
    )
    .replace(
        "</TrustServiceProviderList></TrustServiceProvider>",
        "</TrustServiceProvider></TrustServiceProviderList>",
    )
}

/// One `TSPService` of the given type and status, with `certificate` (base64) as its identity.
fn service(name: &str, kind: &str, status: &str, certificate: &str) -> String {
    format!(
        r#"<TSPService><ServiceInformation>
  <ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/{kind}</ServiceTypeIdentifier>
  <ServiceName><Name xml:lang="en">{name}</Name></ServiceName>
  <ServiceDigitalIdentity><DigitalId><X509Certificate>{certificate}</X509Certificate></DigitalId></ServiceDigitalIdentity>
  <ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/{status}</ServiceStatus>
  <StatusStartingTime>2019-01-01T00:00:00Z</StatusStartingTime>
</ServiceInformation></TSPService>"#
    )
}

/// A granted CA/QC service whose `AdditionalServiceInformation` names `purposes` (the last
/// part of each URI: «ForeSignatures», «ForeSeals», «ForWebSiteAuthentication»).
fn ca_for(name: &str, purposes: &[&str]) -> String {
    let extensions: String = purposes
        .iter()
        .map(|p| {
            format!(
                r#"<Extension Critical="false"><AdditionalServiceInformation><URI xml:lang="en">http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/{p}</URI></AdditionalServiceInformation></Extension>"#
            )
        })
        .collect();
    service(name, "CA/QC", "granted", TINY_DER).replace(
        "</StatusStartingTime>",
        &format!(
            "</StatusStartingTime><ServiceInformationExtensions>{extensions}</ServiceInformationExtensions>"
        ),
    )
}

/// The DER of a SEQUENCE holding INTEGER 0, base64: the shape of a certificate, enough here.
const TINY_DER: &str = "MAMCAQA=";

fn granted_ca() -> String {
    service("CA di prova", "CA/QC", "granted", TINY_DER)
}

fn refused(bytes: &[u8]) -> TrustedListError {
    read_trusted_list(bytes).expect_err("must be refused")
}

#[test]
fn the_real_italian_list_reads_with_its_dates_and_granted_ca_qc_services() {
    let list = read_trusted_list(&real_list()).expect("AgID's list reads");
    assert_eq!(list.territory, "IT");
    assert_eq!(list.sequence_number, 141);
    assert_eq!(list.issued, "2019-09-04T08:00:00Z");
    assert_eq!(list.next_update, "2020-02-27T00:00:00Z");
    assert_eq!(list.operator_name, "Agenzia per l'Italia Digitale");
    assert_eq!(list.signature, ListSignature::NotChecked);
    let anchors: usize = list.services.iter().map(|s| s.anchors.len()).sum();
    println!(
        "granted CA/QC services: {}, anchors: {anchors}",
        list.services.len()
    );
    // Counted apart with Python's xml.etree: the CA/QC services whose current status is
    // granted (history entries are not services), one certificate each.
    assert_eq!(list.services.len(), 133);
    assert_eq!(anchors, 133);
    for service in &list.services {
        assert!(!service.service_name.is_empty());
        assert!(!service.provider_name.is_empty());
        for anchor in &service.anchors {
            assert_eq!(anchor.certificate_der[0], 0x30, "{}", service.service_name);
            assert_eq!(
                anchor.origin,
                AnchorOrigin::TrustedList {
                    service_name: service.service_name.clone()
                }
            );
        }
    }
    let aruba = list
        .services
        .iter()
        .find(|s| {
            s.service_name
                .contains("ArubaPEC EU Qualified Certificates CA G1")
        })
        .expect("Aruba's qualified CA is granted");
    assert!(
        aruba.provider_name.contains("Aruba"),
        "{}",
        aruba.provider_name
    );
    assert!(aruba.issues_for_signatures());
    // The Italian names, as the list writes them («Infocert S.p.A.»).
    for provider in ["infocert", "namirial", "actalis"] {
        assert!(
            list.services
                .iter()
                .any(|s| s.provider_name.to_lowercase().contains(provider)),
            "{provider}"
        );
    }
}

#[test]
fn out_of_date_is_judged_by_the_clock_passed_in() {
    let list = read_trusted_list(&real_list()).unwrap();
    assert!(!list.is_out_of_date("2019-10-01T00:00:00Z"));
    assert!(
        !list.is_out_of_date("2020-02-27T00:00:00Z"),
        "the day itself"
    );
    assert!(list.is_out_of_date("2020-02-27T00:00:01Z"));
    assert!(list.is_out_of_date("2026-12-07T00:00:00Z"));
    assert!(list.is_out_of_date("not a time"));
}

#[test]
fn a_small_list_reads_only_granted_ca_qc_services() {
    let services = [
        granted_ca(),
        service("TSA", "TSA/QTST", "granted", TINY_DER),
        service("Vecchia CA", "CA/QC", "withdrawn", TINY_DER),
        service(
            "CA nazionale",
            "CA/QC",
            "recognisedatnationallevel",
            TINY_DER,
        ),
    ]
    .concat();
    let text = small_list(
        "IT",
        "2026-11-01T00:00:00Z",
        "2027-05-01T00:00:00Z",
        &services,
    );
    let list = read_trusted_list(text.as_bytes()).unwrap();
    assert_eq!(list.operator_name, "Agenzia", "Italian name first");
    assert_eq!(list.signature, ListSignature::Absent);
    let names: Vec<&str> = list
        .services
        .iter()
        .map(|s| s.service_name.as_str())
        .collect();
    assert_eq!(names, ["CA di prova"]);
    assert_eq!(
        list.services[0].anchors[0].certificate_der,
        [0x30, 3, 2, 1, 0]
    );
    assert_eq!(list.services[0].provider_name, "Certificatore S.p.A.");
}

#[test]
fn hostile_or_wrong_inputs_are_refused_with_their_reason() {
    let ok_dates = ("2026-11-01T00:00:00Z", "2027-05-01T00:00:00Z");
    let case = |territory: &str, issued: &str, next: &str, services: &str| {
        refused(small_list(territory, issued, next, services).as_bytes())
    };
    assert!(matches!(
        refused(b"%PDF-1.7 not xml"),
        TrustedListError::NotXml(_)
    ));
    assert!(matches!(
        refused(&[0xFF, 0xFE, 0x00]),
        TrustedListError::NotXml(_)
    ));
    assert!(matches!(
        refused(b"<a><b></a>"),
        TrustedListError::NotXml(_)
    ));
    assert!(matches!(
        refused(b"<html xmlns='http://www.w3.org/1999/xhtml'/>"),
        TrustedListError::NotATrustedList(_)
    ));
    let french = case("FR", ok_dates.0, ok_dates.1, &granted_ca());
    assert_eq!(french, TrustedListError::NotItaly("FR".into()));
    assert!(french.message().plain.it.contains("un altro Stato («FR»)"));
    assert_eq!(
        case("IT", "ieri", ok_dates.1, &granted_ca()),
        TrustedListError::BadField("ListIssueDateTime", "ieri".into())
    );
    assert_eq!(
        case("IT", ok_dates.0, "", &granted_ca()),
        TrustedListError::BadField("NextUpdate/dateTime", String::new())
    );
    let dated = small_list("IT", ok_dates.0, ok_dates.1, &granted_ca());
    let without = |element: &str| {
        let start = dated.find(&format!("<{element}>")).unwrap();
        let end = dated.find(&format!("</{element}>")).unwrap() + element.len() + 3;
        refused(format!("{}{}", &dated[..start], &dated[end..]).as_bytes())
    };
    assert_eq!(
        without("ListIssueDateTime"),
        TrustedListError::BadField("ListIssueDateTime", String::new())
    );
    assert_eq!(
        without("NextUpdate"),
        TrustedListError::BadField("NextUpdate", String::new())
    );
    assert_eq!(
        without("SchemeTerritory"),
        TrustedListError::BadField("SchemeTerritory", String::new())
    );
    let no_ca = service("TSA", "TSA/QTST", "granted", TINY_DER);
    assert_eq!(
        case("IT", ok_dates.0, ok_dates.1, &no_ca),
        TrustedListError::NoGrantedService
    );
    // Not base64; not a SEQUENCE; a length past the bytes; a length past any memory; none.
    for bad in ["not base64!", "AAAA", "MAQCAQA=", "MIT/////", ""] {
        let broken = service("CA rotta", "CA/QC", "granted", bad);
        let error = case("IT", ok_dates.0, ok_dates.1, &broken);
        assert!(
            matches!(&error, TrustedListError::MalformedCertificate(name, _) if name == "CA rotta"),
            "{bad}: {error:?}"
        );
    }
}

#[test]
fn a_doctype_is_refused_so_no_entity_is_ever_expanded() {
    let list = small_list(
        "IT",
        "2026-11-01T00:00:00Z",
        "2027-05-01T00:00:00Z",
        &granted_ca(),
    );
    let body = list.trim_start_matches(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let external = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE TrustServiceStatusList [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>{}",
        body.replace("Agenzia</Name>", "&xxe;</Name>")
    );
    let laughs = format!(
        "<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>{}",
        body.replace("Agenzia</Name>", "&c;</Name>")
    );
    let bare = format!("<!DOCTYPE TrustServiceStatusList>{body}");
    for hostile in [external, laughs, bare] {
        let error = refused(hostile.as_bytes());
        assert_eq!(error, TrustedListError::Doctype, "{hostile:.80}");
        assert!(error.message().plain.it.contains("DOCTYPE"));
    }
    // Without a DOCTYPE an entity reference is simply unknown: refused, never looked up.
    let undeclared = list.replace("Agenzia</Name>", "&xxe;</Name>");
    assert!(matches!(
        refused(undeclared.as_bytes()),
        TrustedListError::NotXml(_)
    ));
}

#[test]
fn a_file_over_the_bound_is_refused_before_it_is_parsed() {
    let huge = vec![b' '; MAX_TRUSTED_LIST_BYTES + 1];
    let error = refused(&huge);
    assert_eq!(
        error,
        TrustedListError::TooLarge(MAX_TRUSTED_LIST_BYTES + 1)
    );
    assert!(error.message().plain.it.contains("troppo grande"));
    // Many nodes under the byte bound: refused by the node bound, not by memory.
    let many = format!("<a>{}</a>", "<b/>".repeat(4_100_000));
    assert!(many.len() < MAX_TRUSTED_LIST_BYTES);
    assert!(matches!(
        refused(many.as_bytes()),
        TrustedListError::NotXml(_)
    ));
}

#[test]
fn every_refusal_has_plain_words_in_both_languages_and_a_detail() {
    let errors = [
        TrustedListError::TooLarge(40 << 20),
        TrustedListError::NotXml("x".into()),
        TrustedListError::Doctype,
        TrustedListError::NotATrustedList("{}html".into()),
        TrustedListError::NotItaly("FR".into()),
        TrustedListError::BadField("ListIssueDateTime", String::new()),
        TrustedListError::NoGrantedService,
        TrustedListError::MalformedCertificate("CA".into(), "x".into()),
    ];
    for error in errors {
        let message = error.message();
        assert!(message.plain.it.contains("AgID"), "{}", message.plain.it);
        assert!(message.plain.en.contains("AgID"), "{}", message.plain.en);
    }
}

/// The anchors page and CLI take: only the services that issue certificates for qualified
/// electronic signatures. In AgID's list of 2019: 133 granted CA/QC services, of which
/// InfoCert's four website CAs, Actalis's website root and Intesi Group's seal-only CA go.
#[test]
fn only_services_for_signatures_give_anchors_in_the_real_list() {
    let list = read_trusted_list(&real_list()).unwrap();
    let before: usize = list.services.iter().map(|s| s.anchors.len()).sum();
    let after = list.signature_anchors().count();
    println!("anchors before: {before}, after: {after}");
    assert_eq!((before, after), (133, 127));
    assert_eq!(list.signature_services().count(), 127);
    let excluded: Vec<(&str, &str)> = list
        .services
        .iter()
        .filter(|s| !s.issues_for_signatures())
        .map(|s| (s.provider_name.as_str(), s.service_name.as_str()))
        .collect();
    assert_eq!(excluded.len(), 6, "{excluded:#?}");
    let web = excluded
        .iter()
        .filter(|(_, name)| name.contains("Validation") || name.contains("Authentication Root"))
        .count();
    assert_eq!(web, 5, "website CAs: {excluded:#?}");
    let seal_only = list
        .services
        .iter()
        .find(|s| s.provider_name.contains("Intesi") && !s.issues_for_signatures())
        .expect("Intesi Group's seal-only CA");
    assert!(seal_only
        .additional_info
        .iter()
        .all(|u| u.ends_with("/ForeSeals")));
    let kept = |needle: &str| {
        list.signature_services()
            .any(|s| s.service_name.contains(needle))
    };
    assert!(kept("ArubaPEC EU Qualified Certificates CA G1"), "Aruba");
    assert!(kept("ArubaPEC S.p.A. NG CA 3"), "Aruba");
    assert!(kept("InfoCert Firma Qualificata 2"), "InfoCert");
    // A CA for signatures, seals and websites alike still issues for signatures.
    assert!(list
        .signature_services()
        .any(|s| s.additional_info.len() == 3));
    let anchored: Vec<&str> = list
        .signature_anchors()
        .map(|a| match &a.origin {
            AnchorOrigin::TrustedList { service_name } => service_name.as_str(),
            AnchorOrigin::Added { .. } => unreachable!(),
        })
        .collect();
    assert!(!anchored.iter().any(|n| n.contains("Domain Validation")));
}

#[test]
fn a_small_list_keeps_the_cas_for_signatures_and_leaves_seals_and_websites_out() {
    let services = [
        ca_for("Firme", &["ForeSignatures"]),
        ca_for("Sigilli", &["ForeSeals"]),
        ca_for("Siti", &["ForWebSiteAuthentication"]),
        ca_for("Sigilli e siti", &["ForeSeals", "ForWebSiteAuthentication"]),
        ca_for("Firme e sigilli", &["ForeSeals", "ForeSignatures"]),
        // Written before eIDAS: no purpose stated, qualified certificates for signatures.
        granted_ca(),
        service("Firme ritirate", "CA/QC", "withdrawn", TINY_DER),
    ]
    .concat();
    let text = small_list(
        "IT",
        "2026-11-01T00:00:00Z",
        "2027-05-01T00:00:00Z",
        &services,
    );
    let list = read_trusted_list(text.as_bytes()).unwrap();
    assert_eq!(list.services.len(), 6, "granted CA/QC read");
    let names: Vec<&str> = list
        .signature_services()
        .map(|s| s.service_name.as_str())
        .collect();
    assert_eq!(names, ["Firme", "Firme e sigilli", "CA di prova"]);
    assert_eq!(list.signature_anchors().count(), 3);
}

#[test]
fn an_older_list_is_told_from_a_newer_one_by_its_sequence_number() {
    let list = |n: &str| {
        let text = small_list(
            "IT",
            "2026-11-01T00:00:00Z",
            "2027-05-01T00:00:00Z",
            &granted_ca(),
        )
        .replace("<TSLSequenceNumber>7<", &format!("<TSLSequenceNumber>{n}<"));
        read_trusted_list(text.as_bytes()).unwrap()
    };
    let (older, newer) = (list("141"), list("142"));
    assert!(older.is_older_than(&newer));
    assert!(!newer.is_older_than(&older));
    assert!(!older.is_older_than(&older.clone()), "the same list again");
}
