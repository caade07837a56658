//! DESIGN.md's performance targets, one table row each: the measured value, the target, and
//! pass/fail — or, for a figure that was not measured, why.

use serde_json::Value;

use super::backend::BackendFigures;
use super::emulator::EmulatorFigures;
use super::replicas::ReplicaFigures;
use super::rows::{Goal, Reading, Row, Verdict, backend, browser, kb, mb, ms, row};
use crate::bundle::{ROUTE_TARGET_BYTES, SHELL_TARGET_BYTES, Sizes};
use crate::bundle_sizes::ENTRY_ROUTES;

pub fn all(
    sizes: &Sizes,
    server: &BackendFigures,
    ingest: &EmulatorFigures,
    replicas: Option<&ReplicaFigures>,
    figures: &Value,
) -> Vec<Row> {
    let get = |key: &str| browser(figures, key);
    let frame = "≤ 16.7 ms (60 fps)";
    let mut rows = first_loads(sizes);
    rows.extend([
        row(
            "services list, 200 services (20 ms AWS)",
            backend(server.services_ratio, "services-route ratio"),
            |r| format!("{r:.2} × DescribeService"),
            "≤ 2 × one DescribeService",
            Goal::AtMost(2.0),
        ),
        row(
            "services list cold, first answer (20 ms AWS)",
            backend(server.services_first_ratio, "services first-answer ratio"),
            |r| format!("{r:.2} × ListServices"),
            "≤ 1.3 × ListServices",
            Goal::AtMost(1.3),
        ),
        row(
            "backend added latency p50",
            backend(server.added_p50_ms, "added p50"),
            |v| format!("{v:.3} ms"),
            "—",
            Goal::None,
        ),
        row(
            "backend added latency p99",
            backend(server.added_p99_ms, "added p99"),
            |v| format!("{v:.3} ms"),
            "≤ 1 ms",
            Goal::AtMost(1.0),
        ),
        row(
            "cached reads (worst route)",
            backend(server.cached_reads_per_s, "req/s"),
            |v| format!("{v:.0} req/s"),
            "≥ 5,000 req/s",
            Goal::AtLeast(5000.0),
        ),
        row(
            "OTLP ingest in the emulator, protobuf",
            ingest
                .otlp_protobuf_spans_per_s
                .ok_or_else(|| "the OTLP benchmark printed no protobuf rate".to_owned()),
            |v| format!("{v:.0} spans/s"),
            "reported",
            Goal::None,
        ),
        row(
            "OTLP ingest in the emulator, JSON",
            ingest
                .otlp_json_spans_per_s
                .ok_or_else(|| "the OTLP benchmark printed no JSON rate".to_owned()),
            |v| format!("{v:.0} spans/s"),
            "reported",
            Goal::None,
        ),
        row(
            "map layout + first draw, 100 nodes",
            get("map.layout_draw.100"),
            ms,
            "—",
            Goal::None,
        ),
        row(
            "map layout + first draw, 1,000 nodes",
            get("map.layout_draw.1000"),
            ms,
            "≤ 200 ms",
            Goal::AtMost(200.0),
        ),
        row(
            "map layout + first draw, 10,000 nodes",
            get("map.layout_draw.10000"),
            ms,
            "≤ 3 s",
            Goal::AtMost(3000.0),
        ),
        row(
            "map pan frame time, 1,000 nodes",
            get("map.pan_frame.1000"),
            ms,
            frame,
            Goal::AtMost(1000.0 / 60.0),
        ),
        row(
            "trace open (click → interactive), 1,000 segments",
            get("trace.open.1k"),
            ms,
            "—",
            Goal::None,
        ),
        row(
            "trace open (click → interactive), 10,000 segments",
            get("trace.open.10k"),
            ms,
            "≤ 150 ms",
            Goal::AtMost(150.0),
        ),
        row(
            "trace open (click → interactive), 100,000 segments",
            get("trace.open.100k"),
            ms,
            "≤ 1 s",
            Goal::AtMost(1000.0),
        ),
        row(
            "trace open (click → interactive), 5,000 deep",
            get("trace.open.deep5k"),
            ms,
            "—",
            Goal::None,
        ),
        row(
            "trace deep link (page load + open), 10,000 segments",
            get("trace.deep_link.10k"),
            ms,
            "—",
            Goal::None,
        ),
        row(
            "trace deep link (page load + open), 100,000 segments",
            get("trace.deep_link.100k"),
            ms,
            "—",
            Goal::None,
        ),
        row(
            "trace scroll frame time, 100,000 segments",
            get("trace.scroll_frame.100k"),
            ms,
            frame,
            Goal::AtMost(1000.0 / 60.0),
        ),
    ]);
    rows.extend(["10k", "100k"].map(|bench| open_steps(bench, figures)));
    rows.extend(replica_rows(replicas));
    let run = figures["facts"]["kiosk.run"]
        .as_str()
        .unwrap_or("100 rotations");
    for (key, what) in [
        ("memory.js_heap", "JS heap"),
        ("memory.wasm", "WASM memory"),
    ] {
        rows.push(growth(
            &format!("{what}, kiosk on `large`, {run}"),
            get(&format!("{key}.baseline")),
            get(&format!("{key}.end")),
        ));
    }
    for bench in ["10k", "100k"] {
        rows.push(peer(
            bench,
            get(&format!("runtrace.load.{bench}")),
            get(&format!("peer.load.{bench}")),
            figures,
        ));
    }
    rows
}

/// The shell and each entry route's first load, gzip (the target) and brotli (what Chromium is
/// actually sent).
fn first_loads(sizes: &Sizes) -> Vec<Row> {
    let shell = sizes.shell();
    let mut rows = vec![row(
        "first load: the shell, gzip",
        Ok(shell.gzip as f64),
        kb,
        &format!("≤ {} KB", SHELL_TARGET_BYTES / 1024),
        Goal::AtMost(SHELL_TARGET_BYTES as f64),
    )];
    for entry in ENTRY_ROUTES {
        let (route, load) = (entry.route, sizes.route(entry.point));
        rows.push(row(
            &format!("first load: {route}, gzip"),
            Ok(load.gzip as f64),
            kb,
            &format!("≤ {} KB", ROUTE_TARGET_BYTES / 1024),
            Goal::AtMost(ROUTE_TARGET_BYTES as f64),
        ));
        rows.push(row(
            &format!("first load: {route}, brotli"),
            Ok(load.brotli as f64),
            kb,
            "—",
            Goal::None,
        ));
    }
    rows
}

/// Many replicas behind a load balancer: the AWS calls per operation with and without the
/// shared cache, against one replica's; and a replica killed halfway costs only its requests.
fn replica_rows(figures: Option<&ReplicaFigures>) -> Vec<Row> {
    let read = |value: Option<f64>, what: &str| match figures {
        None => Err("not asked for (`--only replicas`, or no `--only`)".to_owned()),
        Some(_) => value.ok_or_else(|| format!("the load test printed no {what}")),
    };
    let ratio = |r: f64| format!("{r:.2} × one replica's");
    let failed = figures.and_then(|f| f.failed_after_kill).map(|n| n as f64);
    let in_flight = figures.and_then(|f| f.killed_in_flight).unwrap_or(0) as f64;
    vec![
        row(
            "3 replicas, shared cache: AWS calls per operation",
            read(
                figures.and_then(|f| f.shared_cache_ratio),
                "shared-cache ratio",
            ),
            ratio,
            "≤ 1.2 × one replica's",
            Goal::AtMost(1.2),
        ),
        row(
            "3 replicas, own caches: AWS calls per operation",
            read(figures.and_then(|f| f.own_caches_ratio), "own-caches ratio"),
            ratio,
            "— (what sharing saves)",
            Goal::None,
        ),
        row(
            "a replica killed under load: failed requests",
            read(failed, "kill line"),
            |n| format!("{n:.0} (in flight on it: {in_flight:.0})"),
            "≤ those in flight on it",
            Goal::AtMost(in_flight),
        ),
    ]
}

/// Memory "does not grow beyond noise": within 10 % of the baseline's (taken once every view has
/// been built twice, so the first high-water marks are not counted as growth).
/// Where a trace's open goes: each step's median. The request starts with the click, so
/// `route` and `fetch` overlap; `rows` is part of `render`.
fn open_steps(bench: &str, figures: &Value) -> Row {
    let mut out = row(
        &format!("trace open {bench}, step by step (ms, medians)"),
        browser(figures, &format!("trace.open.{bench}")),
        |_| String::new(),
        "— (route and fetch overlap)",
        Goal::None,
    );
    if out.verdict == Verdict::Info {
        let steps: Vec<String> = ["route", "fetch", "decode", "rows", "render"]
            .into_iter()
            .map(
                |step| match browser(figures, &format!("trace.step.{step}.{bench}")) {
                    Ok(value) => format!("{step} {value:.0}"),
                    Err(_) => format!("{step} —"),
                },
            )
            .collect();
        out.measured = steps.join(" · ");
    }
    out
}

fn growth(what: &str, first: Reading, last: Reading) -> Row {
    let reading = first.and_then(|first| last.map(|last| (first, last)));
    let mut out = row(
        what,
        reading.clone().map(|(first, last)| last / first - 1.0),
        |_| String::new(),
        "no growth beyond noise (≤ +10 %)",
        Goal::AtMost(0.10),
    );
    if let Ok((first, last)) = reading {
        out.measured = format!(
            "{} (baseline {}, {:+.1} %)",
            mb(last),
            mb(first),
            (last / first - 1.0) * 100.0
        );
    }
    out
}

fn peer(bench: &str, ours: Reading, theirs: Reading, figures: &Value) -> Row {
    let name = figures["facts"]["peer"].as_str().unwrap_or("the peer");
    let what = format!("trace {bench} load-to-drawn, runtrace / {name}");
    let pair = ours.and_then(|ours| theirs.map(|theirs| (ours, theirs)));
    let mut out = row(
        &what,
        pair.clone().map(|(ours, theirs)| ours / theirs),
        |_| String::new(),
        "— (comparison)",
        Goal::None,
    );
    if let Ok((ours, theirs)) = pair {
        out.measured = format!("{} / {} = {:.2}", ms(ours), ms(theirs), ours / theirs);
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::bench::rows::Verdict;

    #[test]
    fn an_unmeasured_figure_shows_no_number() {
        let asset = |name: &str, kb: u64| crate::bundle_sizes::Asset {
            name: name.to_owned(),
            raw: kb * 3072,
            gzip: kb * 1024,
            brotli: kb * 900,
        };
        let sizes = Sizes {
            assets: vec![
                asset("frontend-1_bg.wasm", 100),
                asset("split_services-2.wasm", 250),
            ],
            chunks_of: [(
                "services".to_owned(),
                vec!["split_services-2.wasm".to_owned()],
            )]
            .into(),
        };
        let rows = all(
            &sizes,
            &BackendFigures::default(),
            &EmulatorFigures::default(),
            None,
            &json!({}),
        );
        let verdicts: Vec<(&str, &Verdict)> = rows[..3]
            .iter()
            .map(|r| (r.measured.as_str(), &r.verdict))
            .collect();
        assert_eq!(
            verdicts,
            [
                ("100.0 KB", &Verdict::Pass),
                ("350.0 KB", &Verdict::Fail),
                ("307.6 KB", &Verdict::Info),
            ]
        );
        let first_loads = 1 + 2 * ENTRY_ROUTES.len();
        for row in &rows[first_loads..] {
            assert_eq!(row.verdict, Verdict::NotMeasured, "{}", row.what);
            assert!(
                row.measured.starts_with("not measured ("),
                "{}",
                row.measured
            );
        }
    }

    #[test]
    fn the_replica_rows_judge_sharing_and_the_kill() {
        let check = |figures: ReplicaFigures, expect: [(&str, Verdict); 3]| {
            let rows = replica_rows(Some(&figures));
            let got: Vec<(&str, Verdict)> = rows
                .iter()
                .map(|r| (r.measured.as_str(), r.verdict.clone()))
                .collect();
            assert_eq!(got, expect);
        };
        let measured = |shared, failed| ReplicaFigures {
            own_caches_ratio: Some(3.0),
            shared_cache_ratio: Some(shared),
            killed_in_flight: Some(2),
            failed_after_kill: Some(failed),
            output: String::new(),
        };
        check(
            measured(1.1, 2),
            [
                ("1.10 × one replica's", Verdict::Pass),
                ("3.00 × one replica's", Verdict::Info),
                ("2 (in flight on it: 2)", Verdict::Pass),
            ],
        );
        check(
            measured(1.5, 3),
            [
                ("1.50 × one replica's", Verdict::Fail),
                ("3.00 × one replica's", Verdict::Info),
                ("3 (in flight on it: 2)", Verdict::Fail),
            ],
        );
    }

    #[test]
    fn memory_growth_and_the_peer_ratio_are_shown() {
        let grown = growth("heap", Ok(10.0 * 1048576.0), Ok(12.0 * 1048576.0));
        assert_eq!(grown.measured, "12.0 MB (baseline 10.0 MB, +20.0 %)");
        assert_eq!(grown.verdict, Verdict::Fail);
        let figures = json!({ "facts": { "peer": "speedscope 1.25.0" } });
        let compared = peer("10k", Ok(100.0), Ok(400.0), &figures);
        assert_eq!(compared.measured, "100.0 ms / 400.0 ms = 0.25");
        assert_eq!(
            compared.what,
            "trace 10k load-to-drawn, runtrace / speedscope 1.25.0"
        );
    }
}
