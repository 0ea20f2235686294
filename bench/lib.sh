# bench/lib.sh — what bench/run.sh and bench/saves.sh share: waiting for idle cores, running a
# measurement again when other work disturbed it, the watchdog, and small helpers for the JSON
# lines the load tools print. Sourced, not run.
#
# The sourcing script defines `log` and `die`, and sets IDLE_BUDGET (seconds of waiting for
# idle cores allowed in all), MAX_OTHER (cores other processes may use during a run) and
# ATTEMPTS (runs of a disturbed measurement at most). This file sets IDLE_WAITED (seconds spent
# waiting so far), BUSY (see wait_idle), DISTURBED (measurements still disturbed after ATTEMPTS
# runs), RUN (see run_undisturbed) and WATCHDOG (see start_watchdog).
# shellcheck shell=bash

# Anything else running on the machine (a build, the test suite) steals from both the client and
# the server. Before the first run and before each run, wait for the cores to be idle (≤ 10 %
# busy for 5 seconds in a row: builds and test scripts pause for a second or two between steps),
# within a total budget of IDLE_BUDGET seconds; then go on anyway. Each run reports the CPU other
# processes used during it; a disturbed run is done again.
cpu_busy_pct() { # → % of the machine busy during the next second
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6; exit }' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6; exit }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
        busy = y[1] - x[1]; idle = y[2] - x[2];
        printf "%.0f", (busy + idle > 0) ? 100 * busy / (busy + idle) : 0 }'
}

IDLE_WAITED=0
BUSY=0
wait_idle() { # sets BUSY (the busiest second of the last quiet stretch, or the last one)
    local said=0 quiet=0 samples=0 b
    BUSY=0
    while ((quiet < 5)); do
        b=$(cpu_busy_pct)
        # The first 5 seconds are the check itself; the rest is waiting.
        if ((++samples > 5)); then IDLE_WAITED=$((IDLE_WAITED + 1)); fi
        if ((b <= 10)); then
            if ((quiet == 0 || b > BUSY)); then BUSY=$b; fi
            quiet=$((quiet + 1))
            continue
        fi
        quiet=0
        BUSY=$b
        if ((IDLE_WAITED >= IDLE_BUDGET)); then return 0; fi
        if ((said++ % 30 == 0)); then
            log "cores ${b} % busy with something else, waiting (${IDLE_WAITED}/${IDLE_BUDGET}s of waiting used)…"
        fi
    done
}

DISTURBED=0
RUN=
run_undisturbed() { # log command [args…] — the command's JSON line into RUN, after waiting for
    # idle cores; run again (ATTEMPTS times at most) while other processes used more than
    # MAX_OTHER cores during it. Its standard error goes to log.
    local log=$1 attempt r other
    shift
    for ((attempt = 1; attempt <= ATTEMPTS; attempt++)); do
        wait_idle
        r=$("$@" 2>>"$log") || die "$(basename "$1") ${2:-} failed: $(tail -n 3 "$log")"
        other=$(field "$r" other_cores)
        if awk -v o="${other:-0}" -v m="$MAX_OTHER" 'BEGIN { exit !(o <= m) }'; then
            break
        fi
        log "  disturbed: other processes used $other cores during the run (attempt $attempt/$ATTEMPTS)"
    done
    if ((attempt > ATTEMPTS)); then DISTURBED=$((DISTURBED + 1)); fi
    # shellcheck disable=SC2034 # read by the sourcing script
    RUN=$r
}

WATCHDOG=
start_watchdog() { # seconds — after them, the script is sent SIGTERM (its traps clean up)
    (
        trap 'kill "$sp" 2>/dev/null; wait "$sp" 2>/dev/null; exit 0' TERM
        sleep "$1" &
        sp=$!
        wait "$sp"
        log "watchdog: still running after ${1}s, giving up"
        kill -TERM $$ 2>/dev/null
    ) &
    # shellcheck disable=SC2034 # read by the sourcing script's clean-up
    WATCHDOG=$!
}

secs() { # 10s | 500ms | 2m | 2 → seconds
    awk -v d="$1" 'BEGIN {
        if (d ~ /ms$/) { sub(/ms$/, "", d); print d / 1000 }
        else if (d ~ /m$/) { sub(/m$/, "", d); print d * 60 }
        else { sub(/s$/, "", d); print d + 0 } }'
}

free_port() { # a loopback port nobody listens on
    local port i
    for ((i = 0; i < 200; i++)); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "no free loopback port found"
}

field() { # json key — a scalar from one JSON line (keys are unique in the tools' output)
    sed -n "s/.*\"$2\":\"\{0,1\}\([^,\"}]*\).*/\1/p" <<<"$1"
}

json_array() { # JSON lines on stdin → [a,b,…]
    awk 'NF { a = a (n++ ? "," : "") $0 } END { printf "[%s]", a }'
}

verdict() { # value op target → ok | **MISS**
    awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
        ok = (op == ">=") ? (v >= t) : (v <= t); print ok ? "ok" : "**MISS**" }'
}
