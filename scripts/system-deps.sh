#!/usr/bin/env bash
# Install the Debian packages named as arguments when they are missing; as root only, else say what to do.
set -u
missing=()
for pkg in "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Cài gói hệ thống / installing system packages: ${missing[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "apt-get install failed for: ${missing[*]}" >&2; exit 1; }
else
  echo "Thiếu gói hệ thống / missing system packages: ${missing[*]}" >&2
  echo "Cài bằng / install with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
