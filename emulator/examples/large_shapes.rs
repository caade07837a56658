//! Installs the `large` scenario and prints what benchmarks find in it: the node counts of the
//! service map per group, how long GetServiceGraph takes for each, and the benchmark trace ids.
//!
//! `cargo run --release -p emulator --example large_shapes`

use std::time::Instant;

use emulator::{Clock, Emulator, EmulatorConfig, ScenarioName, scenario};
use serde_json::{Value, json};

const START: f64 = 1_767_225_600.0;

fn main() {
    let emulator = Emulator::new(&EmulatorConfig {
        clock: Clock::manual(START),
        ..EmulatorConfig::default()
    });
    let started = Instant::now();
    scenario::install(ScenarioName::Large, &emulator, 1);
    println!(
        "installed in {:.1} s: {:?}",
        started.elapsed().as_secs_f64(),
        emulator.xray.stored()
    );
    for group in [
        None,
        Some("large-100"),
        Some("large-1000"),
        Some("large-10000"),
    ] {
        let mut body = json!({"StartTime": START - 3600.0, "EndTime": START});
        if let Some(group) = group {
            body["GroupName"] = json!(group);
        }
        let started = Instant::now();
        let graph = call(&emulator, "/ServiceGraph", &body);
        let nodes = graph["Services"].as_array().map_or(0, Vec::len);
        println!(
            "GetServiceGraph group {group:?}: {nodes} nodes in {:.0} ms",
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    for bench in ["1k", "10k", "100k", "deep5k"] {
        let body = json!({"StartTime": START - 3600.0, "EndTime": START, "FilterExpression": format!("annotation.bench = \"{bench}\"")});
        let summaries = call(&emulator, "/TraceSummaries", &body);
        let id = summaries["TraceSummaries"][0]["Id"]
            .as_str()
            .unwrap_or("missing")
            .to_owned();
        let started = Instant::now();
        let traces = call(&emulator, "/Traces", &json!({"TraceIds": [id]}));
        let segments = traces["Traces"][0]["Segments"]
            .as_array()
            .map_or(0, Vec::len);
        println!(
            "bench {bench}: trace {id}, {segments} documents, BatchGetTraces {:.0} ms",
            started.elapsed().as_secs_f64() * 1e3
        );
    }
}

fn call(emulator: &Emulator, path: &str, body: &Value) -> Value {
    match emulator
        .xray
        .handle("us-east-1", path, body.to_string().as_bytes())
    {
        Ok(answer) => answer,
        Err(error) => panic!("{path}: {error}"),
    }
}
