#!/usr/bin/env bash
# Test certificates for Supervisor's mutual TLS (supervisor.tls), made with openssl. FOR TESTS AND LABS ONLY:
# the keys are unencrypted on disk and every .pfx shares one password. Production steps: docs/deployment.md.
#
#   scripts/make-test-certs.sh OUTDIR
#
# Makes, in OUTDIR:
#   ca.crt / ca.key                 the private CA every node and the CLI trust (supervisor.tls.ca-certificate)
#   node1.pfx node2.pfx cli.pfx     signed by that CA; EKU serverAuth+clientAuth (a node is both server and client)
#   rogue.pfx                       self-signed: what an intruder without the CA's key can make
#   other-ca.crt untrusted.pfx      a cert signed by a DIFFERENT CA: a valid chain, just not ours
#   password.txt                    the .pfx password, for supervisor.tls.certificate-password-file
# Every .pfx also has its .crt (PEM) next to it. Idempotent: files that exist are kept (a missing CA remakes
# everything it signed), so tests can call it every time. The password is TEST_CERT_PASSWORD, default below.
set -euo pipefail

out=${1:?usage: $0 OUTDIR}
password=${TEST_CERT_PASSWORD:-supervisor-test-pw}
days=825   # well past the loader's 30-day "expires soon" warning
mkdir -p "$out"
cd "$out"

# Extensions for every leaf: a node dials out (clientAuth) and accepts connections (serverAuth) on the same cert.
# The SAN covers loopback; hostname checks are off in Supervisor (the CA is the identity), but other tools look.
leaf_ext() {
  cat <<'EOF'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
}

ca_ext() {
  cat <<'EOF'
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
EOF
}

made=()

# make_ca NAME CN: a self-signed CA certificate NAME.crt with key NAME.key.
make_ca() {
  local name=$1 cn=$2
  [ -s "$name.crt" ] && [ -s "$name.key" ] && return 1
  openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days "$days" \
    -keyout "$name.key" -out "$name.crt" -subj "/O=Supervisor Test/CN=$cn" \
    -extensions v3_ca -config <(printf '[req]\ndistinguished_name=dn\n[dn]\n[v3_ca]\n'; ca_ext) 2>/dev/null
  made+=("$name.crt")
}

# make_leaf NAME CN ISSUER: NAME.pfx (cert + key, password-protected) signed by ISSUER.crt/.key; ISSUER "self" = self-signed.
make_leaf() {
  local name=$1 cn=$2 issuer=$3
  [ -s "$name.pfx" ] && return 0
  openssl req -new -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/O=Supervisor Test/CN=$cn" 2>/dev/null
  if [ "$issuer" = self ]; then
    openssl x509 -req -in "$name.csr" -signkey "$name.key" -sha256 -days "$days" -out "$name.crt" \
      -extfile <(leaf_ext | sed '/authorityKeyIdentifier/d') 2>/dev/null
  else
    openssl x509 -req -in "$name.csr" -CA "$issuer.crt" -CAkey "$issuer.key" -CAcreateserial -sha256 -days "$days" \
      -out "$name.crt" -extfile <(leaf_ext) 2>/dev/null
  fi
  openssl pkcs12 -export -in "$name.crt" -inkey "$name.key" -name "$cn" -out "$name.pfx" -passout "pass:$password"
  rm -f "$name.csr"
  made+=("$name.pfx")
}

# A different password than last time: the existing .pfx files would not open with it, so remake them.
if [ -s password.txt ] && [ "$(head -n1 password.txt)" != "$password" ]; then rm -f ./*.pfx; fi

# A new CA invalidates everything it signed: drop those leaves so they are re-signed below.
if make_ca ca "Supervisor Test CA"; then rm -f node1.pfx node2.pfx cli.pfx; fi
if make_ca other-ca "Some Other CA"; then rm -f untrusted.pfx; fi
make_leaf node1 "supervisor-node1" ca
make_leaf node2 "supervisor-node2" ca
make_leaf cli "supervisor-cli" ca
make_leaf rogue "supervisor-rogue" self
make_leaf untrusted "supervisor-untrusted" other-ca
printf '%s\n' "$password" > password.txt
chmod 600 ./*.key password.txt

if [ ${#made[@]} -eq 0 ]; then
  echo "make-test-certs: everything already in $(pwd)"
else
  echo "make-test-certs: made ${made[*]} in $(pwd)"
fi
for f in ca other-ca node1 node2 cli rogue untrusted; do
  printf '  %-16s %s\n' "$f.crt" "$(openssl x509 -in "$f.crt" -noout -subject -issuer -enddate | tr '\n' ' ')"
done
echo "  .pfx password in password.txt"
