#!/usr/bin/env bash
# Makes sure scanned PDF pages can be read: Debian's Tesseract with the Danish and English models.
# Installs them with apt when they are missing and we are root; otherwise explains how to get them.
# Without them klimaviden still runs: scanned pages are not indexed and the OCR tests skip.
set -u
PACKAGES="tesseract-ocr tesseract-ocr-dan tesseract-ocr-eng"
has_models() {
  command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx dan \
    && tesseract --list-langs 2>/dev/null | grep -qx eng
}
if ! has_models; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's tesseract-ocr with the Danish and English models for OCR of scanned PDFs ..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null) \
      || echo "Could not install $PACKAGES; scanned PDF pages will not be read and the OCR tests will be skipped."
  else
    echo "Tesseract with the Danish model is missing: install it with 'sudo apt-get install $PACKAGES';"
    echo "until then scanned PDF pages are not read (or turn OCR off: --no-ocr / KLIMAVIDEN_OCR=0) and the OCR tests are skipped."
  fi
fi
exit 0
