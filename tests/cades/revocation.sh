#!/usr/bin/env bash
# Makes the revocation fixtures of tests/cades/revoca/ with OpenSSL 3: a chain of its own
# (root, qualified CA, MARIO ROSSI), a .p7m he signed, a trusted list naming the root, and
# certificate revocation lists (CRLs) for each case the app must tell apart. Its own chain, so
# that making these files does not change the other fixtures of tests/cades/. The keys are
# made anew at each run; the tests read the committed files. make.sh runs it.
# Run from anywhere: bash tests/cades/revocation.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/revoca"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# shellcheck source=ca.sh
. "$here/ca.sh"
write_extensions
# crl ISSUER OUT LAST NEXT [extensions]: the CRL of ISSUER's database, DER.
crl() {
  openssl ca -batch -config "$1/ca.cnf" -cert "$1.pem" -keyfile "$1.key" -gencrl \
    -crl_lastupdate "$3" -crl_nextupdate "$4" -crlexts "${5:-crl}" \
    -out "$1.crl.pem" 2>/dev/null
  openssl crl -in "$1.crl.pem" -outform DER -out "$2"
}

root_ca root "/C=IT/O=Offerta Test Revoca/CN=Offerta Test Revoca Root CA" 1
ca_setup "$work/root"
rsa_key qca.key
issue qca qca.key "/C=IT/O=Offerta Test Revoca Trust Service/CN=Offerta Test Revoca Qualified CA" ca root
ca_setup "$work/qca"
rsa_key rossi.key
issue rossi rossi.key "/C=IT/O=Comune di Castelleone/GN=MARIO/SN=ROSSI/CN=ROSSI MARIO/serialNumber=TINIT-RSSMRA80A01H501U" qualified qca
rsa_key other.key
issue other other.key "/C=IT/GN=ANNA/SN=NERI/CN=NERI ANNA/serialNumber=TINIT-NRENNA80A41H501X" qualified qca

openssl cms -sign -cades -binary -nodetach -outform DER -in "$here/scheda.json" \
  -signer rossi.pem -inkey rossi.key -certfile qca.pem -out "$out/firmata.json.p7m"
cp root.pem "$out/root-ca.pem"

current_last=20261201000000Z
current_next=20351231235959Z
# Another certificate revoked: a current list that does not name ROSSI.
openssl ca -batch -config qca/ca.cnf -cert qca.pem -keyfile qca.key -revoke other.pem 2>/dev/null
crl qca "$out/non-revocato.crl" $current_last $current_next
crl qca "$out/scaduta.crl" 20250101000000Z 20250201000000Z
crl qca "$out/delta.crl" $current_last $current_next delta
# ROSSI revoked, keyCompromise: the current list names him (DER, and PEM as some CAs publish).
openssl ca -batch -config qca/ca.cnf -cert qca.pem -keyfile qca.key -revoke rossi.pem \
  -crl_reason keyCompromise 2>/dev/null
crl qca "$out/revocato.crl" $current_last $current_next
openssl crl -inform DER -in "$out/revocato.crl" -out "$out/revocato.pem.crl"
# The same list with its next update moved to 2045: its signature no longer holds.
python3 - "$out/revocato.crl" "$out/alterata.crl" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
at = data.find(b"351231235959Z")
assert at > 0
data[at:at + 2] = b"45"
open(sys.argv[2], "wb").write(bytes(data))
PY
# An impostor: a CA of the same name but another key, whose list names ROSSI.
rsa_key impostor.key
openssl req -x509 -new -key impostor.key -sha256 -days 7300 -out impostor.pem -set_serial 9 \
  -subj "/C=IT/O=Offerta Test Revoca Trust Service/CN=Offerta Test Revoca Qualified CA" \
  -extensions ca -config ext.cnf
ca_setup "$work/impostor"
cp qca/index.txt impostor/index.txt
crl impostor "$out/altra-chiave.crl" $current_last $current_next
# Another CA altogether (the root's list, naming no one): for another issuer than ROSSI's.
crl root "$out/altro-certificatore.crl" $current_last $current_next
# The root revokes the qualified CA: ROSSI's chain is revoked above him.
openssl ca -batch -config root/ca.cnf -cert root.pem -keyfile root.key -revoke qca.pem \
  -crl_reason cACompromise 2>/dev/null
crl root "$out/ca-revocata.crl" $current_last $current_next

cert="$(openssl x509 -in root.pem -outform DER | base64 -w 0)"
sed -e "s|<X509Certificate>.*</X509Certificate>|<X509Certificate>$cert</X509Certificate>|" \
  -e "s|Offerta Test Root CA|Offerta Test Revoca Root CA|" \
  "$here/elenco-di-fiducia-di-prova.xml" > "$out/elenco-di-fiducia.xml"
printf 'questo non è una lista di revoca\n' > "$out/non-crl.crl"
echo "made in $out"
