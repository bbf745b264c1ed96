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

# The signed content: Castelleone's submission of tests/corpus/piani/scheda.json without its
# eddsa proof, as the «scheda da firmare» is.
python3 - "$repo/tests/corpus/piani/scheda.json" > scheda.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d.pop("proof", None)
print(json.dumps(d, ensure_ascii=False, indent=2, sort_keys=True))
PY

# QcStatements: QcCompliance (0.4.0.1862.1.1) and QcSSCD (0.4.0.1862.1.4), DER.
QC="DER:30:14:30:08:06:06:04:00:8e:46:01:01:30:08:06:06:04:00:8e:46:01:04"
cat > ext.cnf <<EOF2
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[qualified]
basicConstraints = critical,CA:FALSE
keyUsage = critical,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
1.3.6.1.5.5.7.1.3 = $QC
[not_qualified]
basicConstraints = critical,CA:FALSE
keyUsage = critical,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[wrong_usage]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
1.3.6.1.5.5.7.1.3 = $QC
EOF2

# A minimal `openssl ca` setup, for certificates with chosen validity dates.
ca_setup() { # dir
  mkdir -p "$1"; : > "$1/index.txt"; echo 1000 > "$1/serial"
  cat > "$1/ca.cnf" <<EOF3
[ca]
default_ca = this
[this]
dir = $1
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
default_md = sha256
policy = any
unique_subject = no
email_in_dn = no
preserve = yes
[any]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = optional
givenName = optional
surname = optional
serialNumber = optional
EOF3
}

rsa_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"$2" -out "$1"; }

# issue NAME KEY SUBJECT EXTENSIONS START END ISSUER
issue() {
  openssl req -new -key "$2" -subj "$3" -utf8 -out "$1.csr"
  openssl ca -batch -config "$7/ca.cnf" -cert "$7.pem" -keyfile "$7.key" -in "$1.csr" \
    -out "$1.pem" -extfile ext.cnf -extensions "$4" -startdate "$5" -enddate "$6" \
    -utf8 -notext 2>/dev/null
}

# The roots and the qualified intermediate.
for root in root other-root; do
  rsa_key $root.key
done
openssl req -x509 -new -key root.key -sha256 -days 7300 -out root.pem \
  -subj "/C=IT/O=Offerta Abitativa Test/CN=Offerta Test Root CA" -extensions ca -config ext.cnf \
  -set_serial 1
openssl req -x509 -new -key other-root.key -sha256 -days 7300 -out other-root.pem \
  -subj "/C=IT/O=Altra CA Test/CN=Altra CA Non Fidata" -extensions ca -config ext.cnf \
  -set_serial 2

rsa_key qca.key
openssl req -new -key qca.key -subj "/C=IT/O=Offerta Test Trust Service/CN=Offerta Test Qualified CA" -out qca.csr
openssl x509 -req -in qca.csr -CA root.pem -CAkey root.key -set_serial 3 -sha256 -days 3650 \
  -extfile ext.cnf -extensions ca -out qca.pem 2>/dev/null
ca_setup "$work/qca"
ca_setup "$work/other-root"

now_start=20250101000000Z
now_end=20351231235959Z
rossi="/C=IT/O=Comune di Castelleone/GN=MARIO/SN=ROSSI/CN=ROSSI MARIO/serialNumber=TINIT-RSSMRA80A01H501U"
rsa_key rossi.key
issue rossi rossi.key "$rossi" qualified $now_start $now_end qca
ec_key bianchi.key P-256
issue bianchi bianchi.key "/C=IT/GN=GIULIA/SN=BIANCHI/CN=BIANCHI GIULIA/serialNumber=IT:BNCGLI85C41D150X" \
  qualified $now_start $now_end qca
ec_key verdi.key P-384
issue verdi verdi.key "/C=IT/O=ALER di Brescia-Cremona-Mantova/CN=LUCA VERDI\\/VRDLCU70M12D150B" \
  qualified $now_start $now_end qca
rsa_key other.key
issue expired other.key "$rossi" qualified 20200101000000Z 20211231235959Z qca
issue not-yet-valid other.key "$rossi" qualified 20400101000000Z 20451231235959Z qca
issue not-qualified other.key "$rossi" not_qualified $now_start $now_end qca
issue wrong-usage other.key "$rossi" wrong_usage $now_start $now_end qca
issue untrusted other.key "$rossi" qualified $now_start $now_end other-root

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
