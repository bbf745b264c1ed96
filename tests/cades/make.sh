#!/usr/bin/env bash
# Makes the CAdES (.p7m) fixtures of tests/cades/ with OpenSSL 3: a test root CA, a qualified
# intermediate CA, signers for each case and the signed files. The keys are made anew at each
# run, so the committed files change when it is run again; the tests read the committed ones.
# Run from anywhere: bash tests/cades/make.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# shellcheck source=ca.sh
. "$here/ca.sh"

# The signed content: Castelleone's submission of tests/corpus/piani/scheda.json without its
# eddsa proof, as the «scheda da firmare» is.
scheda_to_sign "$repo/tests/corpus/piani/scheda.json" > scheda.json
write_extensions

# The roots and the qualified intermediate.
root_ca root "/C=IT/O=Offerta Abitativa Test/CN=Offerta Test Root CA" 1
root_ca other-root "/C=IT/O=Altra CA Test/CN=Altra CA Non Fidata" 2

rsa_key qca.key
openssl req -new -key qca.key -subj "/C=IT/O=Offerta Test Trust Service/CN=Offerta Test Qualified CA" -out qca.csr
openssl x509 -req -in qca.csr -CA root.pem -CAkey root.key -set_serial 3 -sha256 -days 3650 \
  -extfile ext.cnf -extensions ca -out qca.pem 2>/dev/null
ca_setup "$work/qca"
ca_setup "$work/other-root"

rossi="/C=IT/O=Comune di Castelleone/GN=MARIO/SN=ROSSI/CN=ROSSI MARIO/serialNumber=TINIT-RSSMRA80A01H501U"
rsa_key rossi.key
issue rossi rossi.key "$rossi" qualified qca
ec_key bianchi.key P-256
issue bianchi bianchi.key "/C=IT/GN=GIULIA/SN=BIANCHI/CN=BIANCHI GIULIA/serialNumber=IT:BNCGLI85C41D150X" \
  qualified qca
ec_key verdi.key P-384
issue verdi verdi.key "/C=IT/O=ALER di Brescia-Cremona-Mantova/CN=LUCA VERDI\\/VRDLCU70M12D150B" \
  qualified qca
rsa_key other.key
issue expired other.key "$rossi" qualified qca 20200101000000Z 20211231235959Z
issue not-yet-valid other.key "$rossi" qualified qca 20400101000000Z 20451231235959Z
issue not-qualified other.key "$rossi" not_qualified qca
issue wrong-usage other.key "$rossi" wrong_usage qca
issue untrusted other.key "$rossi" qualified other-root

# sign OUT CERT KEY [extra cms options...]
sign() {
  local out=$1 cert=$2 key=$3; shift 3
  openssl cms -sign -cades -binary -nodetach -outform DER -in scheda.json \
    -signer "$cert.pem" -inkey "$key.key" -certfile qca.pem "$@" -out "$here/$out"
}
sign buona-rsa.json.p7m rossi rossi
sign buona-ecdsa-p256.json.p7m bianchi bianchi
sign buona-ecdsa-p384.json.p7m verdi verdi -md sha384
sign scaduta.json.p7m expired other
sign non-ancora-valida.json.p7m not-yet-valid other
sign non-qualificata.json.p7m not-qualified other
sign senza-non-ripudio.json.p7m wrong-usage other
openssl cms -sign -cades -binary -nodetach -outform DER -in scheda.json \
  -signer untrusted.pem -inkey other.key -out "$here/ca-non-fidata.json.p7m"
sign sha1.json.p7m rossi rossi -md sha1
sign rsa-pss.json.p7m rossi rossi -keyopt rsa_padding_mode:pss
openssl cms -sign -cades -binary -outform DER -in scheda.json \
  -signer rossi.pem -inkey rossi.key -certfile qca.pem -out "$here/staccata.json.p7m"
openssl cms -sign -cades -binary -nodetach -outform DER -in scheda.json \
  -signer rossi.pem -inkey rossi.key -signer bianchi.pem -inkey bianchi.key -certfile qca.pem \
  -out "$here/due-firmatari.json.p7m"
openssl cms -sign -cades -binary -nodetach -outform PEM -in scheda.json \
  -signer rossi.pem -inkey rossi.key -certfile qca.pem -out "$here/pem.json.p7m"
base64 -w 76 "$here/buona-rsa.json.p7m" > "$here/base64.json.p7m"
# Altered content: one figure of the signed JSON changed inside the envelope.
python3 - "$here/buona-rsa.json.p7m" "$here/alterata.json.p7m" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
at = data.find(b'"Castelleone"')
assert at > 0
data[at + 1:at + 2] = b"K"
open(sys.argv[2], "wb").write(bytes(data))
PY

cp root.pem "$here/root-ca.pem"
openssl x509 -in other-root.pem -outform DER -out "$here/altra-ca.der"
cp scheda.json "$here/scheda.json"
bash "$here/trusted-list.sh"
# The files of other entes, with their own CA (tests/cades/enti/).
bash "$here/make-enti.sh"
# The revocation lists, with their own chain (tests/cades/revoca/).
bash "$here/revocation.sh"
echo "made in $here"
