#!/usr/bin/env bash
# Signs a file in CAdES now, as an office's signing tool does, with a qualified certificate
# of a test CA made here (the fixtures' keys are not kept): for the tests that need a
# signature made at the clock's time (a request, last year's plan, a comune's own scheda).
# Writes DIR/ca.pem (the CA, to trust with --ca) and DIR/IN.p7m; the signer by default ANNA
# NERI of the Comune di Crema.
# Usage: bash tests/cades/sign-now.sh DIR IN [SUBJECT]   (IN: a path, or a name in DIR)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=ca.sh
. "$here/ca.sh"
cd "$1"
subject="${3:-/C=IT/O=Comune di Crema/GN=ANNA/SN=NERI/CN=NERI ANNA/serialNumber=TINIT-NRENNA70A41D142X}"
write_extensions
root_ca ca "/C=IT/O=Certificatore di Prova/CN=Certificatore di Prova CA" 1 3650
rsa_key signer.key
openssl req -new -key signer.key -subj "$subject" -utf8 -out signer.csr
openssl x509 -req -in signer.csr -CA ca.pem -CAkey ca.key -set_serial 9 -days 365 \
  -extfile ext.cnf -extensions qualified -out signer.pem 2>/dev/null
openssl cms -sign -cades -binary -nodetach -outform DER -in "$2" -signer signer.pem \
  -inkey signer.key -certfile ca.pem -out "$2.p7m"
