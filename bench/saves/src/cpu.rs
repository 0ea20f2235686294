//! CPU used during a measured window, in cores (1.0 = one core busy all along): by the server,
//! by this client, by everything else — the same accounting as `bench/loadgen`, since client and
//! server share the machine's cores and other work running meanwhile spoils a run.

use std::time::Instant;

/// Kernel clock ticks per second for /proc times (USER_HZ, 100 on Linux).
const USER_HZ: f64 = 100.0;

/// utime + stime of a process (all its threads), in ticks.
fn process_ticks(pid: &str) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

/// Idle ticks of the machine (idle + iowait, all cores) and its number of cores. Busy time is
/// what is not idle: the user/system columns are sampled at ticks and miss bursty work.
fn machine_idle_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().find(|l| l.starts_with("cpu "))?;
    let mut values = line.split_whitespace().skip(4);
    let idle: u64 = values.next()?.parse().ok()?;
    let iowait: u64 = values.next()?.parse().ok()?;
    let cores = stat
        .lines()
        .filter(|l| l.starts_with("cpu") && l.as_bytes().get(3).is_some_and(u8::is_ascii_digit))
        .count() as u64;
    Some((idle + iowait, cores.max(1)))
}

#[derive(Clone, Copy)]
pub struct Snapshot {
    at: Instant,
    idle: u64,
    cores: u64,
    client: u64,
    server: Option<u64>,
}

pub fn snapshot(server: Option<u32>) -> Option<Snapshot> {
    let (idle, cores) = machine_idle_ticks()?;
    Some(Snapshot {
        at: Instant::now(),
        idle,
        cores,
        client: process_ticks("self")?,
        server: server.and_then(|pid| process_ticks(&pid.to_string())),
    })
}

/// `{"client_cores":…,"server_cores":…,"other_cores":…,"machine_cores":…}` between two
/// snapshots.
pub fn json(a: Snapshot, b: Snapshot) -> String {
    let secs = (b.at - a.at).as_secs_f64().max(1e-3);
    let cores = |ticks: u64| ticks as f64 / USER_HZ / secs;
    let client = b.client.saturating_sub(a.client);
    let server = a.server.zip(b.server).map(|(x, y)| y.saturating_sub(x));
    let capacity = (secs * USER_HZ * a.cores as f64).round() as u64;
    let machine = capacity.saturating_sub(b.idle.saturating_sub(a.idle));
    let other = machine.saturating_sub(client + server.unwrap_or(0));
    let server = server.map_or(String::new(), |s| format!(",\"server_cores\":{:.2}", cores(s)));
    format!(
        "{{\"client_cores\":{:.2}{server},\"other_cores\":{:.2},\"machine_cores\":{:.2}}}",
        cores(client),
        cores(other),
        cores(machine)
    )
}
