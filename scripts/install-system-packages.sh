#!/usr/bin/env bash
# The Debian packages the application needs beyond Python: WeasyPrint's text layout
# (Pango, HarfBuzz, fontconfig) for the printable loan forms, and fonts that cover
# Vietnamese (DejaVu for the forms, Noto as a fallback).
#
# With the argument "e2e", also Debian's Chromium for the end-to-end suite.
#
# Idempotent: when every package is installed it says so and changes nothing.
# Installing needs root (CI and the development machines run as root); without it, the
# script names the missing packages and the command to run, and exits non-zero.
set -euo pipefail

PACKAGES=(
  libpango-1.0-0
  libpangoft2-1.0-0
  libharfbuzz0b
  libharfbuzz-subset0
  libfontconfig1
  fontconfig
  fonts-dejavu-core
  fonts-noto-core
)
if [[ "${1:-}" == "e2e" ]]; then
  PACKAGES+=(chromium)
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-system-packages: not a Debian-based system; install by hand the equivalents of:" >&2
  echo "  ${PACKAGES[*]}" >&2
  exit 1
fi

missing=()
for package in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)"
  if [[ "$status" != "installed" ]]; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "install-system-packages: these packages are missing: ${missing[*]}" >&2
  echo "Run as root: sudo $0   (or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi

echo "install-system-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
# New fonts are found by fontconfig only after its cache is rebuilt.
fc-cache -f >/dev/null 2>&1 || true
