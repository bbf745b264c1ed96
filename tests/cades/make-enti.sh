#!/usr/bin/env bash
# Makes tests/cades/enti/ with OpenSSL 3: `.p7m` files of other entes of the ambito of Crema
# (2021), each with the ente's own submission, for the bulk confirmation of signers and for a
# signing time ahead of the capofila's clock. They have their own test CA (root, qualified
# intermediate) and their own test trusted list, so that they can be made again without making
# the files of tests/cades/ again (whose CA keys are not kept). The keys are made anew at each
# run; the tests read the committed files. make.sh runs it. Needs cargo (the submissions come
# from `offerta demo --files`) and a C compiler (the future-dated file: OpenSSL's clock is
# moved by a small preloaded `time()`).
# Run from anywhere: bash tests/cades/make-enti.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$here/enti"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cd "$work"

# shellcheck source=ca.sh
. "$here/ca.sh"

# The Crema 2021 demo submissions, each without its proof, as a «scheda da firmare».
cargo run -q --manifest-path "$repo/Cargo.toml" -p offerta-cli -- demo --files demo >/dev/null
scheda() { # ISTAT code -> scheda-CODE.json
  scheda_to_sign demo/*_"$1"_*.json > "scheda-$1.json"
}

write_extensions
root_ca root "/C=IT/O=Offerta Abitativa Test/CN=Offerta Test Root CA Enti" 11
rsa_key qca.key
openssl req -new -key qca.key -subj "/C=IT/O=Offerta Test Trust Service Enti/CN=Offerta Test Qualified CA Enti" -out qca.csr
openssl x509 -req -in qca.csr -CA root.pem -CAkey root.key -set_serial 12 -sha256 -days 3650 \
  -extfile ext.cnf -extensions ca -out qca.pem 2>/dev/null
ca_setup "$work/qca"

# signer NAME SUBJECT: a qualified certificate issued by the qualified CA, valid 2025-2035.
signer() {
  rsa_key "$1.key"
  issue "$1" "$1.key" "$2" qualified qca
}
signer neri "/C=IT/O=COMUNE DI CREMA/GN=ANNA/SN=NERI/CN=NERI ANNA/serialNumber=TINIT-NRENNA70A41D142X"
signer gialli "/C=IT/O=Comune di Romanengo (CR)/GN=PAOLO/SN=GIALLI/CN=GIALLI PAOLO/serialNumber=TINIT-GLLPLA66B12H508K"
signer blu "/C=IT/O=Studio Tecnico Blu/GN=SARA/SN=BLU/CN=BLU SARA/serialNumber=TINIT-BLUSRA80C45D142M"

# sign OUT SIGNER CODE: the ente CODE's scheda signed by SIGNER now.
sign() {
  scheda "$3"
  openssl cms -sign -cades -binary -nodetach -outform DER -in "scheda-$3.json" \
    -signer "$2.pem" -inkey "$2.key" -certfile qca.pem -out "$out/$1"
}
sign crema-neri.json.p7m neri 019035
sign romanengo-gialli.json.p7m gialli 019086
sign offanengo-blu.json.p7m blu 019062

# A signing time of 6 June 2030, 09:00 UTC (inside the certificate's validity, ahead of any test clock):
# OpenSSL takes the CMS signing-time from time(), moved here by a preloaded shim.
cat > fixed-time.c <<'C'
#include <stdlib.h>
#include <time.h>
time_t time(time_t *t) {
  time_t v = (time_t)atoll(getenv("FIXED_TIME"));
  if (t) *t = v;
  return v;
}
C
cc -shared -fPIC -o fixed-time.so fixed-time.c
scheda 019035
FIXED_TIME=1906966800 LD_PRELOAD="$work/fixed-time.so" openssl cms -sign -cades -binary -nodetach \
  -outform DER -in scheda-019035.json -signer neri.pem -inkey neri.key -certfile qca.pem \
  -out "$out/crema-neri-2030.json.p7m"

cp root.pem "$out/root-ca.pem"
# The test trusted list of this CA, by tests/cades/trusted-list.sh run beside it.
cp "$here/trusted-list.sh" "$work/list.sh"
cp root.pem "$work/root-ca.pem"
bash "$work/list.sh" >/dev/null
cp "$work/elenco-di-fiducia-di-prova.xml" "$out/elenco-di-fiducia-di-prova.xml"
echo "made in $out"
