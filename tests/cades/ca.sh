# What the scripts of tests/cades/ share to make test certificate chains with OpenSSL 3,
# sourced by them (make.sh, make-enti.sh, revocation.sh, sign-now.sh); not run on its own.
# Each script runs in its own scratch directory: these write there.

# QcStatements: QcCompliance (0.4.0.1862.1.1) and QcSSCD (0.4.0.1862.1.4), DER.
QC="DER:30:14:30:08:06:06:04:00:8e:46:01:01:30:08:06:06:04:00:8e:46:01:04"

# ext.cnf: the extensions of a CA, a qualified signer, and the flawed signers of the cases.
write_extensions() {
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
}

# ca_setup DIR: a minimal `openssl ca` for the CA named DIR (DIR.pem, DIR.key): chosen
# validity dates, and a database that -revoke and -gencrl read.
ca_setup() {
  mkdir -p "$1"; : > "$1/index.txt"; echo 1000 > "$1/serial"; echo 01 > "$1/crlnumber"
  cat > "$1/ca.cnf" <<EOF3
[ca]
default_ca = this
[this]
dir = $1
database = \$dir/index.txt
serial = \$dir/serial
crlnumber = \$dir/crlnumber
new_certs_dir = \$dir
default_md = sha256
default_crl_days = 30
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
[crl]
authorityKeyIdentifier = keyid
[delta]
authorityKeyIdentifier = keyid
2.5.29.27 = critical,DER:02:01:01
EOF3
}

rsa_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"$2" -out "$1"; }

# root_ca NAME SUBJECT SERIAL [DAYS]: a self-signed root CA (NAME.key, NAME.pem), valid from
# now for DAYS (20 years unless said).
root_ca() {
  rsa_key "$1.key"
  openssl req -x509 -new -key "$1.key" -sha256 -days "${4:-7300}" -out "$1.pem" \
    -subj "$2" -extensions ca -config ext.cnf -set_serial "$3"
}

# issue NAME KEY SUBJECT EXTENSIONS ISSUER [START END]: NAME.pem for KEY, issued by the CA
# set up with ca_setup ISSUER, valid 2025-2035 whatever the day it is made unless said.
issue() {
  openssl req -new -key "$2" -subj "$3" -utf8 -out "$1.csr"
  openssl ca -batch -config "$5/ca.cnf" -cert "$5.pem" -keyfile "$5.key" -in "$1.csr" \
    -out "$1.pem" -extfile ext.cnf -extensions "$4" -startdate "${6:-20250101000000Z}" \
    -enddate "${7:-20351231235959Z}" -utf8 -notext 2>/dev/null
}

# scheda_to_sign IN > OUT: a submission without its eddsa proof, as the «scheda da firmare» is.
scheda_to_sign() {
  python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d.pop("proof", None)
print(json.dumps(d, ensure_ascii=False, indent=2, sort_keys=True))
PY
}
