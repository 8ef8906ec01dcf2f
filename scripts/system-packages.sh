#!/usr/bin/env bash
# Debian packages the tests need: a PostgreSQL server (the catalog is tested on it), pango
# (WeasyPrint renders the report PDF with it), chromium (the report opens offline in it) and
# poppler's pdftoppm (the PDF's pages are rasterised to check they can be read).
# Installs only what is missing, so a prepared machine pays nothing.
set -euo pipefail

have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }
have_pango() { compgen -G "/usr/lib/*/libpango-1.0.so.0" >/dev/null \
    && compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null; }
have_chromium() { test -x /usr/bin/chromium; }
have_poppler() { test -x /usr/bin/pdftoppm; }

missing=()
have_postgres || missing+=(postgresql)
have_pango || missing+=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
have_chromium || missing+=(chromium)
have_poppler || missing+=(poppler-utils)

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Debian packages missing; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
