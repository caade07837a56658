//! The large scenario's benchmark traces, written straight as JSON (a call tree of 100,000
//! services would be wasteful): a wide fan-out of N segments, and a chain of subsegments 5,000
//! deep sent as separate documents.

use rand::rngs::SmallRng;
use serde_json::{Value, json};

use super::large::service_name;
use super::render::{segment_id, trace_id};

/// Children per segment in a fan-out: 100,000 segments are five levels deep.
const FAN_OUT: usize = 10;
const ORIGIN: &str = "AWS::AppRunner::Service";

/// A trace of `segments` segments, each calling up to ten others through `remote` subsegments.
/// The last segment faults, so the trace has a root cause. Returns the trace id and documents.
pub(crate) fn fan_out(
    segments: usize,
    bench: &str,
    start: f64,
    rng: &mut SmallRng,
) -> (String, Vec<String>) {
    let trace_id = trace_id(start, rng);
    let ids: Vec<String> = (0..segments).map(|_| segment_id(rng)).collect();
    // The id of the subsegment in the parent that calls segment k.
    let caller_ids: Vec<String> = (0..segments).map(|_| segment_id(rng)).collect();
    let mut starts = vec![start; segments];
    let mut durations = vec![20.0; segments];
    for k in 1..segments {
        let parent = (k - 1) / FAN_OUT;
        let slot = durations[parent] / FAN_OUT as f64;
        starts[k] = starts[parent] + ((k - 1) % FAN_OUT) as f64 * slot + slot * 0.05;
        durations[k] = slot * 0.8;
    }
    let documents = (0..segments)
        .map(|k| {
            let children = (k * FAN_OUT + 1..=k * FAN_OUT + FAN_OUT).filter(|&c| c < segments);
            let subsegments: Vec<Value> = children
                .map(|c| {
                    json!({
                        "id": caller_ids[c], "name": service_name(c), "namespace": "remote",
                        "start_time": starts[c] - 0.0005, "end_time": starts[c] + durations[c] + 0.0005,
                        "http": {"request": {"method": "GET", "url": format!("https://{}.internal/bench/{c}", service_name(c)), "traced": true}, "response": {"status": 200}},
                    })
                })
                .collect();
            let faulted = k == segments - 1;
            let mut segment = json!({
                "id": ids[k], "name": service_name(k), "trace_id": trace_id, "origin": ORIGIN,
                "start_time": starts[k], "end_time": starts[k] + durations[k],
                "http": {"request": {"method": "GET", "url": format!("https://{}.internal/bench/{k}", service_name(k))}, "response": {"status": if faulted { 500 } else { 200 }}},
                "subsegments": subsegments,
            });
            if k == 0 {
                segment["annotations"] = json!({"bench": bench});
            } else {
                segment["parent_id"] = json!(caller_ids[k]);
            }
            if faulted {
                segment["fault"] = json!(true);
                segment["cause"] = json!({"exceptions": [{"id": segment_id(rng), "type": "BenchmarkFault", "message": "the last segment of the benchmark trace faults on purpose"}]});
            }
            segment.to_string()
        })
        .collect();
    (trace_id, documents)
}

/// A root segment and `depth` subsegments, each sent as its own document whose parent is the
/// previous one: the deepest nesting a timeline has to draw.
pub(crate) fn deep_chain(depth: usize, start: f64, rng: &mut SmallRng) -> (String, Vec<String>) {
    let trace_id = trace_id(start, rng);
    let step = 0.001;
    let end = start + 2.0 * step * depth as f64 + 2.0;
    let root_id = segment_id(rng);
    let mut documents = vec![json!({
        "id": root_id, "name": service_name(0), "trace_id": trace_id, "origin": ORIGIN,
        "start_time": start, "end_time": end, "annotations": {"bench": "deep5k"},
        "http": {"request": {"method": "GET", "url": "https://svc-0000.internal/bench/deep"}, "response": {"status": 200}},
    })
    .to_string()];
    let mut parent = root_id;
    for level in 1..=depth {
        let id = segment_id(rng);
        let offset = step * level as f64;
        documents.push(
            json!({
                "id": id, "name": format!("step-{level}"), "trace_id": trace_id, "parent_id": parent,
                "type": "subsegment", "start_time": start + offset, "end_time": end - offset,
            })
            .to_string(),
        );
        parent = id;
    }
    (trace_id, documents)
}
