#!/usr/bin/env bash
# Quick start, step 1: system packages (Debian/Ubuntu), npm packages, and the
# bundled example built into out/base/ as HTML and PDF.
#   chromium-headless-shell  prints the PDFs (puppeteer-core drives it; nothing is downloaded)
#   fonts-noto-core          glyphs for Arabic, Bengali, Khmer, Thai, Devanagari, …
#   poppler-utils            pdftotext/pdfinfo/pdffonts, used by the tests to read PDFs
#   gettext, translate-toolkit  msgfmt --check, po2xliff/xliff2po: real translators' tools read our catalogues in the tests
#   libxml2-utils            xmllint --schema validates SCORM manifests in the tests
#   libreoffice-impress/-writer  open and convert our .pptx/.docx in the tests
#   imagemagick              contact sheets of PDF pages (../shared/tools/look)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium-headless-shell chromium fonts-noto-core poppler-utils gettext translate-toolkit libxml2-utils libreoffice-impress libreoffice-writer imagemagick)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Please install a Chromium (or pass --browser) and Noto fonts; missing: ${missing[*]}" >&2
  else
    SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

npm ci --no-audit --no-fund
npm run example
