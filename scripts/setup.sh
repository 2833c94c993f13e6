#!/usr/bin/env bash
# Quick start, step 1: system packages (Debian/Ubuntu), npm packages, and the
# bundled example built into out/base/ as HTML and PDF.
#   chromium-headless-shell  prints the PDFs (puppeteer-core drives it; nothing is downloaded)
#   fonts-noto-core          glyphs for Arabic, Bengali, Khmer, Thai, Devanagari, …
#   poppler-utils            pdftotext/pdfinfo/pdffonts, used by the tests to read PDFs
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium-headless-shell chromium fonts-noto-core poppler-utils)
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
