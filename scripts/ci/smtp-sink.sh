#!/usr/bin/env bash
# The local SMTP sink the email tests send to: Debian's python3-aiosmtpd.
#
#   scripts/ci/smtp-sink.sh install    install python3-aiosmtpd from Debian unless already there
#
# The tests (tests/it/mail.rs) start the sink themselves, on a free port, with Debian's own
# interpreter: `/usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR`
# (a pyenv `python3` earlier on PATH would not see the Debian package).
# Idempotent; runs as root or re-runs itself through sudo when it has something to install.
set -euo pipefail

log() { printf 'smtp-sink.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

present() { /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; }

case "${1:-}" in
  install)
    if present; then
      log "python3-aiosmtpd is installed"
      exit 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null 2>&1 || die "must run as root (or with sudo available) to install python3-aiosmtpd"
      exec sudo "$0" "$@"
    fi
    log "installing python3-aiosmtpd from Debian"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q --no-install-recommends python3-aiosmtpd >&2; then
      apt-get update -q >&2
      apt-get install -y -q --no-install-recommends python3-aiosmtpd >&2
    fi
    present || die "python3-aiosmtpd is installed but /usr/bin/python3 cannot import aiosmtpd"
    ;;
  *)
    die "usage: $0 install"
    ;;
esac
