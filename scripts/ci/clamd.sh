#!/usr/bin/env bash
# Start (or stop) a throw-away ClamAV daemon for the upload tests, entirely offline.
#
#   scripts/ci/clamd.sh          install ClamAV if needed, start clamd, print its address
#   scripts/ci/clamd.sh stop     stop it
#
# Settings: CLAMD_DIR (default /tmp/ptce-clamd), CLAMD_PORT (default 3311).
# Debian's clamav-daemon and clamav (for sigtool) are installed when missing, with freshclam set
# to "manual" and no service started: nothing ever fetches signatures from the network. The
# only signature clamd loads is the MD5 of the EICAR test file, made here by
# `sigtool --md5 eicar.com > db/eicar.hdb`; clamd then answers `eicar.com.UNOFFICIAL FOUND` for
# that file and `OK` for anything else. The EICAR string is assembled from pieces at run time,
# so the repository never holds it (antivirus on developers' machines would flag it).
# As root (CI), clamd runs as the `clamav` user the package creates; otherwise as the caller.
# Progress goes to stderr; the last (and only) line on stdout is the address, so
# `addr=$(scripts/ci/clamd.sh | tail -n 1)` works. Idempotent: if clamd already answers on the
# port, the script only prints the address.
set -euo pipefail

CLAMD_DIR="${CLAMD_DIR:-/tmp/ptce-clamd}"
CLAMD_PORT="${CLAMD_PORT:-3311}"
ADDRESS="127.0.0.1:${CLAMD_PORT}"
CONF="$CLAMD_DIR/clamd.conf"
LOG="$CLAMD_DIR/clamd.log"
PIDFILE="$CLAMD_DIR/clamd.pid"

log() { printf 'clamd.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# The reply of clamd to a NUL-terminated command, or nothing if nobody answers within 2 s.
ask() {
  timeout 2 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "%s\0" "$2" >&3
    IFS= read -r -d "" reply <&3 || true
    printf "%s" "$reply"
  ' ask "$CLAMD_PORT" "$1" 2>/dev/null || true
}

answers() { [ "$(ask zPING)" = "PONG" ]; }

clamd_bin() { command -v clamd 2>/dev/null || { [ -x /usr/sbin/clamd ] && echo /usr/sbin/clamd; } || true; }
sigtool_bin() { command -v sigtool 2>/dev/null || { [ -x /usr/bin/sigtool ] && echo /usr/bin/sigtool; } || true; }

if [ "${1:-}" = "stop" ]; then
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    kill "$(cat "$PIDFILE")"
    log "stopped"
  else
    log "not running"
  fi
  exit 0
fi
[ $# -eq 0 ] || die "usage: $0 [stop]"

if answers; then
  log "clamd already answers on $ADDRESS"
  echo "$ADDRESS"
  exit 0
fi

install_clamav() {
  log "installing ClamAV from Debian (freshclam left manual: no network)"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the packages' own services (clamd, freshclam) from being started: we run our own.
  local policy=/usr/sbin/policy-rc.d added=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && added=1
  fi
  echo 'clamav-freshclam clamav-freshclam/autoupdate_freshclam select manual' | debconf-set-selections
  local rc=0
  {
    apt-get install -y -q --no-install-recommends clamav-daemon clamav \
      || { apt-get update -q && apt-get install -y -q --no-install-recommends clamav-daemon clamav; }
  } >&2 || rc=$?
  [ "$added" -eq 1 ] && rm -f "$policy"
  [ "$rc" -eq 0 ] || die "apt-get failed ($rc)"
}

if [ -z "$(clamd_bin)" ] || [ -z "$(sigtool_bin)" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "ClamAV is missing: run as root (or with sudo available) to install it"
    exec sudo --preserve-env=CLAMD_DIR,CLAMD_PORT "$0" "$@"
  fi
  install_clamav
fi
CLAMD=$(clamd_bin)
SIGTOOL=$(sigtool_bin)
[ -n "$CLAMD" ] && [ -n "$SIGTOOL" ] || die "clamd or sigtool still missing after installing"

# A clamd of ours that died, or is still loading: clear it before starting afresh.
if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  log "a clamd of ours is running but does not answer; restarting it"
  kill "$(cat "$PIDFILE")" || true
  sleep 1
fi

rm -rf "$CLAMD_DIR"
mkdir -p "$CLAMD_DIR/db"
# The EICAR test file, in pieces (see the header).
eicar_head='X5O!P%@AP[4\PZX54(P^)7CC)7}$'
eicar_mid='EICAR-STANDARD-ANTIVIRUS'
eicar_tail='-TEST-FILE!$H+H*'
printf '%s' "$eicar_head$eicar_mid$eicar_tail" >"$CLAMD_DIR/eicar.com"
(cd "$CLAMD_DIR" && "$SIGTOOL" --md5 eicar.com >db/eicar.hdb)
rm -f "$CLAMD_DIR/eicar.com"
grep -q ':68:eicar.com$' "$CLAMD_DIR/db/eicar.hdb" || die "sigtool did not write the EICAR signature"

cat >"$CONF" <<CONF
# Written by scripts/ci/clamd.sh: a test clamd on loopback with one local signature.
TCPSocket $CLAMD_PORT
TCPAddr 127.0.0.1
DatabaseDirectory $CLAMD_DIR/db
LogFile $LOG
LogTime yes
PidFile $PIDFILE
Foreground no
# Uploads are at most MAX_UPLOAD_MB (100 MB at most); clamd's default would refuse past 25 MB.
StreamMaxLength 128M
MaxThreads 4
Bytecode no
CONF

as_runner() {
  if [ "$(id -u)" -eq 0 ] && id clamav >/dev/null 2>&1; then
    chown -R clamav: "$CLAMD_DIR"
    runuser -u clamav -- "$@"
  else
    "$@"
  fi
}

log "starting clamd on $ADDRESS (signatures: $CLAMD_DIR/db)"
as_runner "$CLAMD" --config-file="$CONF" >&2 || { tail -n 30 "$LOG" >&2 || true; die "clamd did not start"; }

for _ in $(seq 1 120); do
  if answers; then ready=1; break; fi
  sleep 0.5
done
[ "${ready:-0}" -eq 1 ] || { tail -n 30 "$LOG" >&2 || true; die "clamd does not answer PING on $ADDRESS after 60 s"; }
log "$(ask zVERSION)"

echo "$ADDRESS"
