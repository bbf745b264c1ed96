#!/usr/bin/env bash
# Writes elenco-di-fiducia-di-prova.xml: a small Italian-style trusted list (ETSI TS 119 612)
# whose one granted CA/QC service is the test root CA of root-ca.pem, for the page's e2e
# test (the capofila loads it, then a .p7m of this directory counts). Unsigned: the app does
# not check the list's signature (docs/SECURITY.md). make.sh runs it after making the CA.
# Run from anywhere: bash tests/cades/trusted-list.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cert="$(openssl x509 -in "$here/root-ca.pem" -outform DER | base64 -w 0)"
cat > "$here/elenco-di-fiducia-di-prova.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" TSLTag="http://uri.etsi.org/19612/TSLTag">
  <SchemeInformation>
    <TSLVersionIdentifier>5</TSLVersionIdentifier>
    <TSLSequenceNumber>1</TSLSequenceNumber>
    <SchemeOperatorName><Name xml:lang="it">Offerta Abitativa Test</Name></SchemeOperatorName>
    <SchemeTerritory>IT</SchemeTerritory>
    <ListIssueDateTime>2026-12-01T00:00:00Z</ListIssueDateTime>
    <NextUpdate><dateTime>2035-12-01T00:00:00Z</dateTime></NextUpdate>
  </SchemeInformation>
  <TrustServiceProviderList>
    <TrustServiceProvider>
      <TSPInformation><TSPName><Name xml:lang="it">Offerta Test Trust Service</Name></TSPName></TSPInformation>
      <TSPServices>
        <TSPService><ServiceInformation>
          <ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>
          <ServiceName><Name xml:lang="it">Offerta Test Root CA</Name></ServiceName>
          <ServiceDigitalIdentity><DigitalId><X509Certificate>$cert</X509Certificate></DigitalId></ServiceDigitalIdentity>
          <ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</ServiceStatus>
          <StatusStartingTime>2025-01-01T00:00:00Z</StatusStartingTime>
        </ServiceInformation></TSPService>
      </TSPServices>
    </TrustServiceProvider>
  </TrustServiceProviderList>
</TrustServiceStatusList>
XML
echo "made $here/elenco-di-fiducia-di-prova.xml"
