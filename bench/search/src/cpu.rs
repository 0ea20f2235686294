//! CPU used during a round of requests, in cores: by this process (router and, on SQLite, the
//! database), by the PostgreSQL backends serving it, by everything else — what other work on
//! the machine stole from the round. Same accounting as bench/loadgen/src/cpu.rs (busy time
//! derived from idle time), but the server is several processes here (one backend per pooled
//! connection).

use std::time::Instant;

/// Kernel clock ticks per second for /proc times (USER_HZ, 100 on Linux).
const USER_HZ: f64 = 100.0;

/// utime + stime of a process (all its threads), in ticks.
fn process_ticks(pid: &str) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11); // state is field 3, utime 14
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

/// Idle ticks of the whole machine (idle + iowait, all cores) and its number of cores.
fn machine_idle_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().find(|l| l.starts_with("cpu "))?;
    let mut values = line.split_whitespace().skip(4); // user nice system, then idle iowait
    let idle: u64 = values.next()?.parse().ok()?;
    let iowait: u64 = values.next()?.parse().ok()?;
    let cores = stat
        .lines()
        .filter(|l| l.starts_with("cpu") && l.as_bytes().get(3).is_some_and(u8::is_ascii_digit))
        .count() as u64;
    Some((idle + iowait, cores.max(1)))
}

/// The counters at one instant.
#[derive(Clone, Copy)]
pub struct Snapshot {
    at: Instant,
    idle: u64,
    cores: u64,
    own: u64,
    server: u64,
}

/// The counters now; `server`: the processes serving this one (PostgreSQL backends).
pub fn snapshot(server: &[u32]) -> Option<Snapshot> {
    let (idle, cores) = machine_idle_ticks()?;
    Some(Snapshot {
        at: Instant::now(),
        idle,
        cores,
        own: process_ticks("self")?,
        server: server.iter().filter_map(|pid| process_ticks(&pid.to_string())).sum(),
    })
}

/// Cores used between two snapshots.
#[derive(Clone, Copy, Debug, Default)]
pub struct Usage {
    pub own: f64,
    pub server: f64,
    pub other: f64,
    pub machine: f64,
}

pub fn usage(a: Snapshot, b: Snapshot) -> Usage {
    let secs = (b.at - a.at).as_secs_f64().max(1e-3);
    let cores = |ticks: u64| ticks as f64 / USER_HZ / secs;
    let own = b.own.saturating_sub(a.own);
    let server = b.server.saturating_sub(a.server);
    let capacity = (secs * USER_HZ * a.cores as f64).round() as u64;
    let machine = capacity.saturating_sub(b.idle.saturating_sub(a.idle));
    let other = machine.saturating_sub(own + server);
    Usage { own: cores(own), server: cores(server), other: cores(other), machine: cores(machine) }
}
