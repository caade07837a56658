//! The soak's table: one row per route and a total (requests, statuses, p50/p99), the status
//! counts, each attack's rounds, runtrace's RSS and what its log showed.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::report::{AttackTally, Facts, Tally, quantile_ms};

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "-".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
}

/// The table: one row per route and a total, then the attacks, then the facts.
pub fn table(load: &mut Tally, attacks: &AttackTally, facts: &Facts) -> String {
    let mut out = String::new();
    let seconds = facts.duration.as_secs_f64();
    let _ = writeln!(
        out,
        "soak: {:.0} s, {} clients, faults: throttling, 500s, latency, truncated and corrupt documents",
        seconds, facts.clients
    );
    let _ = writeln!(
        out,
        "{:<20} {:>8} {:>8} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9} {:>9}",
        "route", "requests", "2xx", "4xx", "502", "503", "5xx*", "none", "p50 ms", "p99 ms"
    );
    let mut all_latencies = Vec::new();
    let mut totals = [0usize; 7];
    for (route, tally) in &mut load.routes {
        let count = |pick: &dyn Fn(u16) -> bool| -> usize {
            tally
                .statuses
                .iter()
                .filter(|(s, _)| pick(**s))
                .map(|(_, n)| n)
                .sum()
        };
        let row = [
            tally.latencies.len(),
            count(&|s| (200..300).contains(&s)),
            count(&|s| (400..500).contains(&s)),
            count(&|s| s == 502),
            count(&|s| s == 503),
            count(&|s| s >= 500 && s != 502 && s != 503),
            count(&|s| s == 0),
        ];
        totals.iter_mut().zip(row).for_each(|(t, n)| *t += n);
        all_latencies.extend_from_slice(&tally.latencies);
        let (p50, p99) = (
            quantile_ms(&mut tally.latencies, 0.5),
            quantile_ms(&mut tally.latencies, 0.99),
        );
        let _ = writeln!(
            out,
            "{route:<20} {:>8} {:>8} {:>6} {:>6} {:>6} {:>6} {:>6} {p50:>9.1} {p99:>9.1}",
            row[0], row[1], row[2], row[3], row[4], row[5], row[6]
        );
    }
    let (p50, p99) = (
        quantile_ms(&mut all_latencies, 0.5),
        quantile_ms(&mut all_latencies, 0.99),
    );
    let t = totals;
    let _ = writeln!(
        out,
        "{:<20} {:>8} {:>8} {:>6} {:>6} {:>6} {:>6} {:>6} {p50:>9.1} {p99:>9.1}",
        "total", t[0], t[1], t[2], t[3], t[4], t[5], t[6]
    );
    let _ = writeln!(
        out,
        "({:.0} requests/s; 5xx* = a 5xx other than a mapped 502/503; none = no answer)",
        t[0] as f64 / seconds.max(1.0)
    );
    let statuses: BTreeMap<u16, usize> = load.routes.values().flat_map(|r| r.statuses.iter()).fold(
        BTreeMap::new(),
        |mut all, (s, n)| {
            *all.entry(*s).or_default() += n;
            all
        },
    );
    let listed: Vec<String> = statuses.iter().map(|(s, n)| format!("{s}: {n}")).collect();
    let _ = writeln!(out, "statuses: {}", listed.join(", "));
    let _ = writeln!(
        out,
        "\n{:<34} {:>7} {:>7}  first failure",
        "attack", "passed", "failed"
    );
    for (name, (passed, failed, first)) in &attacks.results {
        let _ = writeln!(
            out,
            "{name:<34} {passed:>7} {failed:>7}  {}",
            first.as_deref().unwrap_or("")
        );
    }
    let _ = writeln!(
        out,
        "\nRSS of runtrace: before {}, after {}, peak {}",
        mib(facts.rss_before_kib),
        mib(facts.rss_after_kib),
        mib(facts.rss_peak_kib)
    );
    let _ = writeln!(
        out,
        "log: {} lines, {} forged, {} panics",
        facts.log_lines, facts.forged_lines, facts.panics
    );
    for example in &load.examples {
        let _ = writeln!(out, "unexpected: {example}");
    }
    out
}
