//! CPU used during a measured window, in cores (1.0 = one core busy all along): by the watched
//! server, by this client, by everything else — client and server share the machine's cores,
//! and other work running meanwhile spoils a run. Shared by `loadgen` and `bench/saves` (which
//! includes this file with `#[path]`, as it does `hist.rs`).

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

/// Idle ticks of the whole machine (idle + iowait, all cores) and its number of cores, from
/// /proc/stat. Busy time is derived from idle time, not read from the user/system columns:
/// those are sampled at timer ticks and miss most of a bursty load (an open loop at 2 000
/// req/s), while idle time is accounted exactly.
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
    client: u64,
    server: Option<u64>,
}

/// The counters now, with those of the `server` process when given.
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

/// `{"<client>_cores":…,"server_cores":…,"other_cores":…,"machine_cores":…}` between two
/// snapshots; `client` names this process in the output (`loadgen`, `client`), and
/// `server_cores` is there only when a server was watched.
pub fn json(a: Snapshot, b: Snapshot, client: &str) -> String {
    let secs = (b.at - a.at).as_secs_f64().max(1e-3);
    let cores = |ticks: u64| ticks as f64 / USER_HZ / secs;
    let own = b.client.saturating_sub(a.client);
    let server = a.server.zip(b.server).map(|(x, y)| y.saturating_sub(x));
    let capacity = (secs * USER_HZ * a.cores as f64).round() as u64;
    let machine = capacity.saturating_sub(b.idle.saturating_sub(a.idle));
    let other = machine.saturating_sub(own + server.unwrap_or(0));
    let server = server.map_or(String::new(), |s| format!(",\"server_cores\":{:.2}", cores(s)));
    format!(
        "{{\"{client}_cores\":{:.2}{server},\"other_cores\":{:.2},\"machine_cores\":{:.2}}}",
        cores(own),
        cores(other),
        cores(machine)
    )
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(start: Instant, secs: u64, idle: u64, client: u64, server: Option<u64>) -> Snapshot {
        Snapshot { at: start + Duration::from_secs(secs), idle, cores: 2, client, server }
    }

    #[test]
    fn the_cores_of_a_window_are_split_between_client_server_and_the_rest() {
        let start = Instant::now();
        // 10 s on 2 cores = 2 000 ticks; 1 000 idle, so 1 000 busy: 300 client, 600 server.
        let a = at(start, 0, 0, 0, Some(0));
        let b = at(start, 10, 1_000, 300, Some(600));
        assert_eq!(
            json(a, b, "loadgen"),
            r#"{"loadgen_cores":0.30,"server_cores":0.60,"other_cores":0.10,"machine_cores":1.00}"#
        );
        let (a, b) = (at(start, 0, 0, 0, None), at(start, 10, 1_000, 300, None));
        assert_eq!(
            json(a, b, "client"),
            r#"{"client_cores":0.30,"other_cores":0.70,"machine_cores":1.00}"#
        );
    }
}
