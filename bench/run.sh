#!/usr/bin/env bash
# bench/run.sh — measure the ptce server against the targets of ENGINEERING.md §6.
#
# Builds (release) the ptce binary and the two bench crates (bench/hello, a bare
# hyper "hello" server, and bench/loadgen, the load generator), then, on the
# loopback interface only:
#   * cold start: spawn → first 200 on /healthz, polled every 2 ms, median of 5
#     starts on an existing database (the first start installs the call);
#   * RSS idle: VmRSS 2 s after start;
#   * throughput: closed loop, 64 connections, on hello (the ceiling) and on
#     each page (default "/" and "/appel"), interleaved, BENCH_REPEAT rounds;
#     the median run is reported, with the ratio page / hello;
#   * latency: open loop at 2 000 req/s on each page → p99, measured from each
#     request's scheduled send time;
#   * RSS under load: VmRSS sampled every 100 ms during the page runs, max kept.
# Writes bench/results/<UTC timestamp>.json and prints a Markdown table.
# Dossier saves against the fsync ceiling are measured apart: bash bench/saves.sh (and the kill -9
# crash test: target/release/crash); see docs/PERFORMANCE.md.
#
# Knobs (environment): BENCH_DURATION (10s) per run, BENCH_WARMUP (2s) before
# each run, BENCH_REPEAT (3) closed-loop rounds, BENCH_CONNECTIONS (64),
# BENCH_RATE (2000), BENCH_PAGES ("/ /appel"), BENCH_COLD_RUNS (5),
# BENCH_IDLE_WAIT (600): at most this many seconds, in all, spent waiting for
# idle cores; BENCH_MAX_OTHER (0.2): a run during which other processes used
# more than this many cores is disturbed and done again (3 attempts at most),
# BENCH_NO_BUILD=1 to reuse the binaries in target/release,
# BENCH_PTCE (target/release/ptce) to try the script on another server binary.
#
# Bounded: every build has a timeout, every load run stops by itself, and a
# watchdog ends the measurement phase. Everything started is stopped on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-2s}
REPEAT=${BENCH_REPEAT:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
RATE=${BENCH_RATE:-2000}
PAGES=${BENCH_PAGES:-/ /appel}
COLD_RUNS=${BENCH_COLD_RUNS:-5}
IDLE_BUDGET=${BENCH_IDLE_WAIT:-600}
MAX_OTHER=${BENCH_MAX_OTHER:-0.2}
ATTEMPTS=3
BUILD_TIMEOUT=${BENCH_BUILD_TIMEOUT:-2400}

# ENGINEERING.md §6.
TARGET_RPS=8000
TARGET_P99_MS=10
TARGET_RATIO_PCT=25
TARGET_RSS_IDLE_MIB=20
TARGET_RSS_LOAD_MIB=64
TARGET_COLD_MS=100

BIN=$ROOT/target/release
LOADGEN=$BIN/loadgen
HELLO=$BIN/hello
PTCE=${BENCH_PTCE:-$BIN/ptce} # override only to test this script

log() { printf '[bench] %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

[[ $REPEAT =~ ^[1-9][0-9]?$ ]] || die "BENCH_REPEAT must be between 1 and 99"

# ------------------------------------------------------------------ clean-up

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ptce-bench.XXXXXX")
PIDS=()

stop_pid() { # pid — SIGTERM, up to 5 s, then SIGKILL
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$? pid f
    trap - EXIT INT TERM
    if [[ -n $WATCHDOG ]]; then
        kill "$WATCHDOG" 2>/dev/null || true
        wait "$WATCHDOG" 2>/dev/null || true
    fi
    for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
    if ((rc != 0)); then
        for f in ptce loadgen hello; do
            [[ -s $TMP/$f.log ]] || continue
            log "last lines of $f.log:"
            tail -n 15 "$TMP/$f.log" >&2 || true
        done
    fi
    rm -rf "$TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# --------------------------------------------------------------------- build

if [[ ${BENCH_NO_BUILD:-0} != 1 ]]; then
    # Two invocations, not one: building the server alone keeps its feature set
    # (and its artifacts) identical to a plain `cargo build --release`.
    log "building ptce (release)…"
    timeout "$BUILD_TIMEOUT" cargo build --release --quiet -p ptce --bin ptce >&2 ||
        die "cargo build --release -p ptce failed"
    log "building hello and loadgen (release)…"
    timeout "$BUILD_TIMEOUT" cargo build --release --quiet -p hello -p loadgen >&2 ||
        die "cargo build --release -p hello -p loadgen failed"
fi
for b in "$PTCE" "$HELLO" "$LOADGEN"; do [[ -x $b ]] || die "missing $b"; done

# ----------------------------------------------------------- quiet machine

# Wait for idle cores (bench/lib.sh) before the first run and before each run.
wait_idle
BUSY_BEFORE=$BUSY
if ((BUSY_BEFORE > 10)); then
    log "warning: the cores are ${BUSY_BEFORE} % busy with something else: figures will be low and noisy"
fi
LOADAVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# ------------------------------------------------------------------ watchdog

RUN_S=$(awk -v a="$(secs "$DURATION")" -v b="$(secs "$WARMUP")" 'BEGIN { print a + b }')
NPAGES=$(wc -w <<<"$PAGES")
# Load runs (closed rounds on hello and pages, one open run per page, each up
# to ATTEMPTS times) with 25 s of slack each (5 s of idle check), the
# idle-waiting budget, cold starts, the first start (installation), pauses.
MAX_S=$(awk -v r="$RUN_S" -v n="$NPAGES" -v k="$REPEAT" -v c="$COLD_RUNS" -v a="$ATTEMPTS" \
    -v w="$IDLE_BUDGET" 'BEGIN { printf "%d", a * (k * (n + 1) + n) * (r + 25) + w + c * 25 + 180 }')
start_watchdog "$MAX_S"

# ----------------------------------------------------------------- utilities

median_run() { # JSON lines on stdin → the line with the median "rps" among the
    # undisturbed runs, or among all of them if every one was disturbed
    local all clean
    all=$(cat)
    clean=$(while IFS= read -r r; do
        [[ -n $r ]] || continue
        o=$(field "$r" other_cores)
        if awk -v o="${o:-0}" -v m="$MAX_OTHER" 'BEGIN { exit !(o <= m) }'; then echo "$r"; fi
    done <<<"$all")
    [[ -n $clean ]] || clean=$all
    sed -n 's/.*"rps":\([0-9.]*\).*/\1 &/p' <<<"$clean" | sort -n -k1,1 |
        awk '{ l[NR] = $0 } END { m = l[int((NR + 1) / 2)]; sub(/^[^ ]* /, "", m); print m }'
}

rps_range() { # JSON lines on stdin → "min–max" of "rps"
    sed -n 's/.*"rps":\([0-9.]*\).*/\1/p' | sort -n |
        awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.0f–%.0f", lo, hi }'
}

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

fmt_int() { # 12345.6 → 12 346
    awk -v n="$1" 'BEGIN {
        s = sprintf("%.0f", n); out = ""
        while (length(s) > 3) { out = " " substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
        print s out }'
}

wait_200() { # url timeout
    "$LOADGEN" wait --url "$1" --timeout "$2" --interval 2ms >/dev/null
}

load() { # mode url [extra args…] — one run into RUN, done again if other work disturbed it
    local mode=$1 url=$2
    shift 2
    run_undisturbed "$TMP/loadgen.log" "$LOADGEN" "$mode" --url "$url" \
        --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" "$@"
}

# ------------------------------------------------------------------- servers

HELLO_PORT=$(free_port)
"$HELLO" --bind "127.0.0.1:$HELLO_PORT" 2>"$TMP/hello.log" &
HELLO_PID=$!
PIDS+=("$HELLO_PID")
wait_200 "http://127.0.0.1:$HELLO_PORT/" 10s || die "hello did not answer"
HELLO_URL=http://127.0.0.1:$HELLO_PORT/

PORT=$(free_port)
mkdir -p "$TMP/mail"
export DATABASE_URL="sqlite://$TMP/bench.db"
export BIND="127.0.0.1:$PORT"
export BASE_URL="http://127.0.0.1:$PORT"
export MAIL_DIR="$TMP/mail"
BASE=$BASE_URL

start_ptce() {
    "$PTCE" serve >>"$TMP/ptce.log" 2>&1 &
    PTCE_PID=$!
    PIDS+=("$PTCE_PID")
}

log "first start (installs the call into a fresh database)…"
start_ptce
wait_200 "$BASE/healthz" 120s || die "ptce serve did not answer 200 on /healthz"
stop_pid "$PTCE_PID"

log "cold start: $COLD_RUNS starts on the existing database…"
wait_idle
COLD=$("$LOADGEN" coldstart --url "$BASE/healthz" --runs "$COLD_RUNS" --interval 2ms \
    --timeout 20s -- "$PTCE" serve 2>>"$TMP/ptce.log") || die "cold start measurement failed"

start_ptce
wait_200 "$BASE/healthz" 20s || die "ptce serve did not answer 200 on /healthz"
sleep 2
RSS_IDLE=$(rss_kib "$PTCE_PID")
log "RSS idle: $(mib "$RSS_IDLE") MiB"

for page in $PAGES; do
    wait_200 "$BASE$page" 5s || log "warning: $page does not answer 200 (measured anyway)"
done

# ---------------------------------------------------------------------- load

RSS_LOAD=0
note_rss() { # JSON line of a page run
    local k
    k=$(field "$1" rss_max_kib)
    if ((${k:-0} > RSS_LOAD)); then RSS_LOAD=$k; fi
}

declare -A CLOSED_RUNS OPEN
HELLO_RUNS=
for ((round = 1; round <= REPEAT; round++)); do
    log "round $round/$REPEAT: closed loop, $CONNECTIONS connections, $DURATION: hello…"
    load closed "$HELLO_URL" --watch-pid "$HELLO_PID"
    HELLO_RUNS+=$RUN$'\n'
    for page in $PAGES; do
        log "round $round/$REPEAT: closed loop, $CONNECTIONS connections, $DURATION: $page…"
        load closed "$BASE$page" --watch-pid "$PTCE_PID"
        CLOSED_RUNS[$page]+=$RUN$'\n'
        note_rss "$RUN"
    done
done
for page in $PAGES; do
    log "open loop, $RATE req/s, $DURATION: $page…"
    load open "$BASE$page" --rate "$RATE" --watch-pid "$PTCE_PID"
    OPEN[$page]=$RUN
    note_rss "${OPEN[$page]}"
done
kill -0 "$PTCE_PID" 2>/dev/null || die "ptce died during the runs"

HELLO_CLOSED=$(median_run <<<"$HELLO_RUNS")
HELLO_RPS=$(field "$HELLO_CLOSED" rps)
declare -A CLOSED
for page in $PAGES; do
    CLOSED[$page]=$(median_run <<<"${CLOSED_RUNS[$page]}")
done

# ------------------------------------------------------------------- results

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
NPROC=$(nproc)
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
LOADAVG_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo none)
COLD_MS=$(field "$COLD" median_ms)

mkdir -p "$ROOT/bench/results"
OUT=$ROOT/bench/results/$STAMP.json
{
    printf '{"timestamp":"%s","commit":"%s",' "$STAMP" "$COMMIT"
    printf '"machine":{"nproc":%s,"cpu":"%s","kernel":"%s",' "$NPROC" "$CPU" "$(uname -r)"
    printf '"cpu_busy_pct_before":%s,"loadavg_before":"%s","loadavg_after":"%s",' \
        "$BUSY_BEFORE" "$LOADAVG_BEFORE" "$LOADAVG_AFTER"
    printf '"idle_wait_s":%s,"disturbed_runs":%s},' "$IDLE_WAITED" "$DISTURBED"
    printf '"settings":{"duration":"%s","warmup":"%s","repeat":%s,"connections":%s,"rate":%s,"max_other_cores":%s},' \
        "$DURATION" "$WARMUP" "$REPEAT" "$CONNECTIONS" "$RATE" "$MAX_OTHER"
    printf '"coldstart":%s,"rss_idle_kib":%s,"rss_load_max_kib":%s,' "$COLD" "$RSS_IDLE" "$RSS_LOAD"
    printf '"hello":{"closed":%s,"closed_runs":%s},"pages":{' \
        "$HELLO_CLOSED" "$(json_array <<<"$HELLO_RUNS")"
    sep=
    for page in $PAGES; do
        ratio=$(awk -v a="$(field "${CLOSED[$page]}" rps)" -v b="$HELLO_RPS" \
            'BEGIN { printf "%.4f", (b > 0) ? a / b : 0 }')
        printf '%s"%s":{"closed":%s,"closed_runs":%s,"open":%s,"ratio_to_hello":%s}' \
            "$sep" "$page" "${CLOSED[$page]}" "$(json_array <<<"${CLOSED_RUNS[$page]}")" \
            "${OPEN[$page]}" "$ratio"
        sep=,
    done
    printf '},"targets":{"rps":%s,"p99_ms_at_rate":%s,"ratio_to_hello_pct":%s,' \
        "$TARGET_RPS" "$TARGET_P99_MS" "$TARGET_RATIO_PCT"
    printf '"rss_idle_mib":%s,"rss_load_mib":%s,"coldstart_ms":%s}}\n' \
        "$TARGET_RSS_IDLE_MIB" "$TARGET_RSS_LOAD_MIB" "$TARGET_COLD_MS"
} >"$OUT"

cores() { # JSON line → "server X + loadgen Y + other Z"
    printf 'server %s + loadgen %s + other %s' "$(field "$1" server_cores)" \
        "$(field "$1" loadgen_cores)" "$(field "$1" other_cores)"
}

# Markdown on stdout.
echo "## ptce benchmark — $STAMP"
echo
echo "Machine: $NPROC × $CPU, Linux $(uname -r); commit $COMMIT."
echo "Cores ${BUSY_BEFORE} % busy with other work just before the runs (should be ~0);"
echo "${IDLE_WAITED} s spent waiting for idle cores; $DISTURBED run(s) still disturbed by other work after $ATTEMPTS attempts."
echo "Runs: $DURATION each after $WARMUP of warm-up, $CONNECTIONS connections; closed loop:"
echo "median of $REPEAT interleaved rounds (range in brackets); open loop at $RATE req/s, once."
echo "The load generator and the servers share the same $NPROC cores: throughput figures are"
echo "what the server gets once the client has taken its share (CPU per run in the JSON)."
echo
echo "| measure | result | target (ENGINEERING.md §6) | |"
echo "|---|---|---|---|"
for page in $PAGES; do
    c=${CLOSED[$page]}
    o=${OPEN[$page]}
    rps=$(field "$c" rps)
    p99o=$(field "$o" p99_ms)
    pct=$(awk -v a="$rps" -v b="$HELLO_RPS" 'BEGIN { printf "%.1f", (b > 0) ? 100 * a / b : 0 }')
    echo "| \`$page\` closed loop, $CONNECTIONS conn. | $(fmt_int "$rps") req/s [$(rps_range <<<"${CLOSED_RUNS[$page]}")], p99 $(field "$c" p99_ms) ms | ≥ 8 000 req/s | $(verdict "$rps" ">=" "$TARGET_RPS") |"
    echo "| \`$page\` open loop, $RATE req/s | p99 $p99o ms (p50 $(field "$o" p50_ms), max $(field "$o" max_ms)) | p99 ≤ $TARGET_P99_MS ms | $(verdict "$p99o" "<=" "$TARGET_P99_MS") |"
    echo "| \`$page\` / hello | $pct % | ≥ $TARGET_RATIO_PCT % | $(verdict "$pct" ">=" "$TARGET_RATIO_PCT") |"
done
echo "| hello closed loop, $CONNECTIONS conn. (ceiling) | $(fmt_int "$HELLO_RPS") req/s [$(rps_range <<<"$HELLO_RUNS")], p99 $(field "$HELLO_CLOSED" p99_ms) ms | — | |"
echo "| RSS idle | $(mib "$RSS_IDLE") MiB | ≤ $TARGET_RSS_IDLE_MIB MiB | $(verdict "$(mib "$RSS_IDLE")" "<=" "$TARGET_RSS_IDLE_MIB") |"
echo "| RSS under load (max, sampled every 100 ms) | $(mib "$RSS_LOAD") MiB | ≤ $TARGET_RSS_LOAD_MIB MiB | $(verdict "$(mib "$RSS_LOAD")" "<=" "$TARGET_RSS_LOAD_MIB") |"
echo "| cold start, existing database (median of $COLD_RUNS) | $COLD_MS ms (runs: $(sed -n 's/.*"samples_ms":\[\([^]]*\)\].*/\1/p' <<<"$COLD" | sed 's/,/, /g')) | ≤ $TARGET_COLD_MS ms | $(verdict "$COLD_MS" "<=" "$TARGET_COLD_MS") |"
echo
echo "CPU during the median closed-loop runs, in cores: hello: $(cores "$HELLO_CLOSED")."
for page in $PAGES; do
    echo "\`$page\`: $(cores "${CLOSED[$page]}")."
done
echo
bad=0
for page in $PAGES; do
    while IFS= read -r r; do
        [[ -n $r ]] || continue
        e=$(field "$r" errors)
        n=$(field "$r" non_2xx)
        u=$(field "$r" unsent)
        if ((e + n + ${u:-0} > 0)); then
            echo "Warning: \`$page\`: $e errors, $n non-2xx answers, ${u:-0} requests never sent in a run (see the JSON)."
            bad=1
        fi
    done <<<"${CLOSED_RUNS[$page]}${OPEN[$page]}"
done
((bad)) || echo "No transport errors, no non-2xx answers."
echo
echo "The database is a fresh one holding the installed call, not the 100 000-dossier"
echo "database §6 assumes. Full figures: bench/results/$STAMP.json"
log "results written to bench/results/$STAMP.json"
