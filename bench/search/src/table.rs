//! `search --table FILE`: the Markdown tables of bench/search.sh from the JSON lines of its
//! runs (the steering group's first, then the referent's if any), with the verdicts against the
//! targets — written here rather than in shell, which does not read nested JSON.

use serde_json::Value;

type Error = Box<dyn std::error::Error + Send + Sync>;

fn ms(value: &Value) -> String {
    match value.as_f64() {
        Some(v) if v >= 100.0 => format!("{v:.0}"),
        Some(v) if v >= 10.0 => format!("{v:.1}"),
        Some(v) => format!("{v:.2}"),
        None => "—".to_owned(),
    }
}

/// "100 225": thousands apart, as docs/PERFORMANCE.md writes them.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The list's parameters in a path besides the search (`region2011=82&tri=titre`).
fn filters_of(path: &str) -> String {
    let query = path.split_once('?').map_or("", |(_, query)| query);
    query.split('&').filter(|p| !p.is_empty() && !p.starts_with("q=")).collect::<Vec<_>>().join("&")
}

fn verdict(value: f64, target: f64) -> &'static str {
    if value <= target { "ok" } else { "**MISS**" }
}

/// The tables for runs (one JSON line each) against p99 ≤ `target_p99` ms over all searches and
/// ≤ `target_worst` ms for the worst term.
pub fn render(text: &str, target_p99: f64, target_worst: f64) -> Result<String, Error> {
    let runs: Vec<Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let steering = runs.first().ok_or("no run")?;
    let referent = runs.get(1);
    let mut out = String::new();
    let who = |run: &Value| match run["network"].as_str() {
        Some(network) => format!("referent ({network})"),
        None => "steering group".to_owned(),
    };
    out.push_str(&format!(
        "| search | filters | kind | results | p50 | p95 | p99 | max | DB: page + count{} |\n",
        referent.map_or(String::new(), |r| format!(" | {}: results | p99", who(r)))
    ));
    out.push_str(&format!(
        "|---|---|---|---|---|---|---|---|---|{}\n",
        if referent.is_some() { "---|---|" } else { "" }
    ));
    let empty = Vec::new();
    let cases = steering["cases"].as_array().unwrap_or(&empty);
    for (i, case) in cases.iter().enumerate() {
        let q = case["q"].as_str().unwrap_or_default();
        let path = case["path"].as_str().unwrap_or_default();
        let filters = filters_of(path);
        let profile = &case["profile"];
        let mut line = format!(
            "| {} | {} | {} | {} | {} | {} | **{}** | {} | {} + {} |",
            if q.is_empty() { "—".to_owned() } else { format!("`{q}`") },
            if filters.is_empty() { "—".to_owned() } else { format!("`{filters}`") },
            case["kind"].as_str().unwrap_or_default(),
            thousands(case["count"].as_u64().unwrap_or(0)),
            ms(&case["p50_ms"]),
            ms(&case["p95_ms"]),
            ms(&case["p99_ms"]),
            ms(&case["max_ms"]),
            ms(&profile["list_ms"]),
            ms(&profile["count_ms"]),
        );
        if let Some(referent) = referent {
            let theirs = &referent["cases"][i];
            line.push_str(&format!(
                " {} | {} |",
                thousands(theirs["count"].as_u64().unwrap_or(0)),
                ms(&theirs["p99_ms"])
            ));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("\nTimes in ms, to the last byte of the page through the router; \"DB\": the list's two statements (the page of 50 and the count) during one more request, from sqlx's log.\n\n");
    out.push_str("| target (issue 5) | ");
    out.push_str(&runs.iter().map(who).collect::<Vec<_>>().join(" | "));
    out.push_str(" |\n|---|");
    out.push_str(&"---|".repeat(runs.len()));
    out.push('\n');
    let p99s: Vec<String> = runs
        .iter()
        .map(|run| {
            let p99 = run["overall"]["p99_ms"].as_f64().unwrap_or(f64::MAX);
            format!(
                "{} ms over {} requests (p50 {}, max {}): {}",
                ms(&run["overall"]["p99_ms"]),
                run["overall"]["samples"],
                ms(&run["overall"]["p50_ms"]),
                ms(&run["overall"]["max_ms"]),
                verdict(p99, target_p99)
            )
        })
        .collect();
    out.push_str(&format!("| p99 over all searches ≤ {target_p99} ms | {} |\n", p99s.join(" | ")));
    let worst: Vec<String> = runs
        .iter()
        .map(|run| {
            let w = &run["worst"];
            let p99 = w["p99_ms"].as_f64().unwrap_or(f64::MAX);
            let filters = filters_of(w["path"].as_str().unwrap_or_default());
            let q = w["q"].as_str().unwrap_or_default();
            let label = if filters.is_empty() { q.to_owned() } else { format!("{q}, {filters}") };
            format!("{} ms (`{label}`): {}", ms(&w["p99_ms"]), verdict(p99, target_worst))
        })
        .collect();
    out.push_str(&format!("| worst term's p99 ≤ {target_worst} ms | {} |\n", worst.join(" | ")));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_written_with_thousands_apart() {
        assert_eq!(thousands(100_225), "100 225");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1 000");
    }

    #[test]
    fn a_run_under_the_targets_is_ok_and_one_over_is_a_miss() {
        let run = r#"{"network":null,"overall":{"samples":40,"p50_ms":2.0,"p99_ms":19.5,"max_ms":30.0},
            "worst":{"q":"co","path":"/gestion/dossiers?q=co&tri=titre","p99_ms":60.0},
            "cases":[{"q":"co","path":"/gestion/dossiers?q=co&tri=titre","kind":"prefix","count":1234,
            "p50_ms":2.0,"p95_ms":5.0,"p99_ms":60.0,"max_ms":61.0,
            "profile":{"list_ms":40.0,"count_ms":12.3}}]}"#
            .replace('\n', " ");
        let table = render(&run, 20.0, 50.0).expect("renders");
        assert!(table.contains("| `co` | `tri=titre` | prefix | 1 234 | 2.00 | 5.00 | **60.0** | 61.0 | 40.0 + 12.3 |"), "{table}");
        assert!(table.contains("| p99 over all searches ≤ 20 ms | 19.5 ms over 40 requests (p50 2.00, max 30.0): ok |"), "{table}");
        assert!(
            table.contains("| worst term's p99 ≤ 50 ms | 60.0 ms (`co, tri=titre`): **MISS** |"),
            "{table}"
        );
    }
}
