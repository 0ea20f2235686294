#!/usr/bin/env bash
# bench/exports.sh — measure the exports of the back office's list of dossiers against the
# targets of ENGINEERING.md §6: at 100 000 dossiers, CSV ≤ 5 s and XLSX ≤ 30 s, streamed in
# constant memory (ODS is measured too, without a target).
#
# Builds (release) ptce and bench/exports; generates a fresh SQLite database with
# `ptce generate --dossiers $BENCH_DOSSIERS` — 182 000 by default: 45 % of generated dossiers
# are drafts, which the list leaves out, so that the list holds about 100 000; then, for CSV,
# XLSX and ODS, downloads the whole list, and the withdrawn dossiers alone (`etat=withdrawn`,
# about a tenth as many rows), each case in a process of its own (bench/exports: one warm-up,
# then BENCH_REPEAT downloads through the real router and middleware as a steering-group
# account, timed to the last byte, the peak RSS reset before each). Memory is flat when the
# peak grows over the RSS before the download by as much for a tenth of the rows as for all of
# them. Writes bench/results/exports-<UTC timestamp>.json and prints a Markdown table.
#
# Knobs: BENCH_DOSSIERS (182000), BENCH_REPEAT (3), BENCH_DB (the URL of a database made by
# `ptce generate` to use instead of generating one), BENCH_IDLE_WAIT (600 s of waiting for idle
# cores in all), BENCH_NO_BUILD=1.
#
# Not part of CI: about 2 minutes of generation (a 2.2 GB database in $TMPDIR) and 2 of runs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

DOSSIERS=${BENCH_DOSSIERS:-182000}
REPEAT=${BENCH_REPEAT:-3}
IDLE_BUDGET=${BENCH_IDLE_WAIT:-600}
# Read by bench/lib.sh (run_undisturbed is not used here: each case is several runs).
MAX_OTHER=0.2
ATTEMPTS=1
BUILD_TIMEOUT=${BENCH_BUILD_TIMEOUT:-2400}

# ENGINEERING.md §6.
TARGET_CSV_S=5
TARGET_XLSX_S=30
# A peak growing by more than this from a tenth of the rows to all of them is not flat.
FLAT_MARGIN_MIB=16

BIN=$ROOT/target/release
PTCE=$BIN/ptce
EXPORTS=$BIN/exports

log() { printf '[exports] %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

[[ $REPEAT =~ ^[1-9][0-9]?$ ]] || die "BENCH_REPEAT must be between 1 and 99"
[[ $DOSSIERS =~ ^[0-9]+$ ]] || die "BENCH_DOSSIERS must be a number"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ptce-exports.XXXXXX")
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $WATCHDOG ]]; then
        kill "$WATCHDOG" 2>/dev/null || true
        wait "$WATCHDOG" 2>/dev/null || true
    fi
    if ((rc != 0)) && [[ -s $TMP/exports.log ]]; then
        log "last lines of exports.log:"
        tail -n 15 "$TMP/exports.log" >&2 || true
    fi
    rm -rf "$TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

if [[ ${BENCH_NO_BUILD:-0} != 1 ]]; then
    log "building ptce and bench/exports (release)…"
    timeout "$BUILD_TIMEOUT" cargo build --release --quiet -p ptce --bin ptce >&2 ||
        die "cargo build --release -p ptce failed"
    timeout "$BUILD_TIMEOUT" cargo build --release --quiet -p exports >&2 ||
        die "cargo build --release -p exports failed"
fi
for b in "$PTCE" "$EXPORTS"; do [[ -x $b ]] || die "missing $b"; done

# Generation (up to 10 min), then 6 cases × (repeat + warm-up) × at most 60 s, and the waiting.
start_watchdog $((600 + 6 * (REPEAT + 1) * 60 + IDLE_BUDGET + 120))

# ---------------------------------------------------------------- database

export RUST_LOG=warn
GEN_S=0
if [[ -n ${BENCH_DB:-} ]]; then
    DB=$BENCH_DB
    GENERATED="existing database $DB"
    log "using $DB"
else
    DB="sqlite://$TMP/bench.db"
    log "generating $DOSSIERS dossiers…"
    GEN_START=$(date +%s.%N)
    GENERATED=$(DATABASE_URL=$DB "$PTCE" generate --dossiers "$DOSSIERS" 2>>"$TMP/exports.log" |
        sed -n 1p) || die "ptce generate failed"
    GEN_S=$(awk -v a="$GEN_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    log "$GENERATED"
fi
DB_MIB=0
[[ $DB == sqlite://* ]] && DB_MIB=$(du -m "${DB#sqlite://}" | cut -f1)

# ---------------------------------------------------------------------- runs

RESULTS=
declare -A RUN_OF
for format in csv xlsx ods; do
    for query in "" "etat=withdrawn"; do
        wait_idle
        log "$format${query:+ ($query)}: $REPEAT downloads after a warm-up…"
        line=$("$EXPORTS" --db "$DB" --format "$format" --query "$query" --repeat "$REPEAT" \
            2>>"$TMP/exports.log") || die "bench/exports --format $format failed"
        RUN_OF[$format/$query]=$line
        RESULTS+=$line$'\n'
    done
done

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo none)
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mkdir -p "$ROOT/bench/results"
OUT=$ROOT/bench/results/exports-$STAMP.json
{
    printf '{"timestamp":"%s","commit":"%s","machine":{"nproc":%s,"cpu":"%s","kernel":"%s","idle_wait_s":%s},' \
        "$STAMP" "$COMMIT" "$(nproc)" "$CPU" "$(uname -r)" "$IDLE_WAITED"
    printf '"settings":{"dossiers":%s,"repeat":%s},' "$DOSSIERS" "$REPEAT"
    printf '"generate":{"seconds":%s,"database_mib":%s,"summary":"%s"},' "$GEN_S" "$DB_MIB" \
        "${GENERATED//\"/\\\"}"
    printf '"runs":%s,"targets":{"csv_s":%s,"xlsx_s":%s,"flat_margin_mib":%s}}\n' \
        "$(json_array <<<"$RESULTS")" "$TARGET_CSV_S" "$TARGET_XLSX_S" "$FLAT_MARGIN_MIB"
} >"$OUT"

echo "## ptce export benchmark — $STAMP"
echo
echo "Machine: $(nproc) × $CPU, Linux $(uname -r); commit $COMMIT."
if [[ -n ${BENCH_DB:-} ]]; then
    echo "Database: $GENERATED."
else
    echo "Database: \`ptce generate --dossiers $DOSSIERS\` in ${GEN_S} s, ${DB_MIB} MiB; SQLite WAL, synchronous=FULL."
fi
echo "Each case: a process of its own, one warm-up download, then the median of $REPEAT; time to the last byte through the router; peak RSS (VmHWM) reset before each download."
echo
echo "| export | rows | size | time (median) | rows/s | RSS before → peak | target (ENGINEERING.md §6) | |"
echo "|---|---|---|---|---|---|---|---|"
for format in csv xlsx ods; do
    for query in "" "etat=withdrawn"; do
        r=${RUN_OF[$format/$query]}
        target="—"
        ok=""
        if [[ -z $query && $format == csv ]]; then
            target="≤ $TARGET_CSV_S s"
            ok=$(verdict "$(field "$r" median_s)" "<=" "$TARGET_CSV_S")
        elif [[ -z $query && $format == xlsx ]]; then
            target="≤ $TARGET_XLSX_S s"
            ok=$(verdict "$(field "$r" median_s)" "<=" "$TARGET_XLSX_S")
        fi
        printf '| %s%s | %s | %s MiB | %s s [%s] | %s | %s → %s MiB | %s | %s |\n' \
            "${format^^}" "${query:+ ($query)}" "$(field "$r" rows)" \
            "$(mib $(($(field "$r" bytes) / 1024)))" "$(field "$r" median_s)" \
            "$(sed -n 's/.*"runs_s":\[\([^]]*\)\].*/\1/p' <<<"$r" | sed 's/,/, /g')" \
            "$(field "$r" rows_per_s)" "$(mib "$(field "$r" rss_before_kib)")" \
            "$(mib "$(field "$r" peak_kib)")" "$target" "$ok"
    done
done
echo
for format in csv xlsx ods; do
    all=${RUN_OF[$format/]}
    tenth=${RUN_OF[$format/etat=withdrawn]}
    flat=$(awk -v a="$(field "$all" first_growth_kib)" -v t="$(field "$tenth" first_growth_kib)" \
        -v b="$(field "$all" growth_kib)" -v u="$(field "$tenth" growth_kib)" -v m="$FLAT_MARGIN_MIB" \
        'BEGIN { print (a - t <= m * 1024 && b - u <= m * 1024) ? "flat" : "**NOT FLAT**" }')
    printf '%s: the peak grows over the RSS before the download by %s MiB for all %s rows and %s MiB for the %s withdrawn ones on the first download of a process; by %s and %s MiB on the next ones: %s.\n' \
        "${format^^}" "$(mib "$(field "$all" first_growth_kib)")" "$(field "$all" rows)" \
        "$(mib "$(field "$tenth" first_growth_kib)")" "$(field "$tenth" rows)" \
        "$(mib "$(field "$all" growth_kib)")" "$(mib "$(field "$tenth" growth_kib)")" "$flat"
done
echo
echo "Full figures: bench/results/exports-$STAMP.json"
log "results written to bench/results/exports-$STAMP.json"
