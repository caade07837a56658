//! Benchmark scale: 2,000 App Runner services (`svc-0000` … `svc-1999`), each calling four
//! DynamoDB tables of its own and its partner service (`i XOR 1`), so the full service map has
//! 2,000 × 5 + 1 ≈ 10,000 nodes. Every trace carries the annotation `root_index` (its entry
//! service's number); the groups `large-100`, `large-1000` and `large-10000` select the traces
//! rooted in the first 20, 200 and 2,000 services: GetServiceGraph with `GroupName` then gives
//! maps of about 100, 1,000 and 10,000 nodes.
//!
//! Big traces (see [`super::large_traces`]) carry the annotation `bench` = `1k`, `10k`, `100k`
//! or `deep5k`: find them with the filter `annotation.bench = "10k"`.

use rand::rngs::SmallRng;
use serde_json::json;

use super::call::{Annotation, Call};
use super::driver::{ServiceSpec, Traffic};
use super::large_traces::{deep_chain, fan_out};
use super::shop_calls::{dynamo, service, settle};
use crate::Emulator;

pub(crate) const REGION: &str = "us-east-1";
pub(crate) const SERVICES: usize = 2_000;
const TABLES_PER_SERVICE: usize = 4;
/// (group name, traces rooted below this service index).
const GROUPS: &[(&str, usize)] = &[
    ("large-100", 20),
    ("large-1000", 200),
    ("large-10000", SERVICES),
];

pub(crate) fn service_name(index: usize) -> String {
    format!("svc-{:04}", index % SERVICES)
}

#[derive(Default)]
pub(crate) struct Large {
    /// Entry services are taken in turn, so the history covers every one of them.
    next_root: usize,
}

impl Traffic for Large {
    fn services(&self) -> Vec<ServiceSpec> {
        (0..SERVICES)
            .map(|i| ServiceSpec {
                region: REGION,
                name: service_name(i),
                tracing_enabled: i < SERVICES - 2,
            })
            .collect()
    }

    fn history(&self) -> (f64, f64) {
        (15.0 * 60.0, 4.0)
    }

    fn request(&mut self, _at: f64, rng: &mut SmallRng) -> (&'static str, Call) {
        let root = self.next_root;
        self.next_root = (root + 1) % SERVICES;
        let mut call = with_tables(root, rng);
        call.then(service(settle(with_tables(root ^ 1, rng), rng)), 0.001);
        let mut call = settle(call, rng);
        call.annotations
            .push(("root_index", Annotation::Number(root as f64)));
        (REGION, call)
    }

    fn install_extras(&self, emulator: &Emulator, now: f64, rng: &mut SmallRng) {
        for (name, below) in GROUPS {
            let body = json!({"GroupName": name, "FilterExpression": format!("annotation.root_index < {below}")});
            if let Err(error) =
                emulator
                    .xray
                    .handle(REGION, "/CreateGroup", body.to_string().as_bytes())
            {
                tracing::debug!(%error, group = name, "benchmark group not created (it exists already?)");
            }
        }
        let shapes = [
            (1_000, "1k", 300.0),
            (10_000, "10k", 240.0),
            (100_000, "100k", 180.0),
        ];
        for (segments, bench, age) in shapes {
            let (trace_id, documents) = fan_out(segments, bench, now - age, rng);
            put(emulator, documents);
            tracing::info!(%trace_id, bench, segments, "large scenario: benchmark trace stored");
        }
        let (trace_id, documents) = deep_chain(5_000, now - 120.0, rng);
        put(emulator, documents);
        tracing::info!(%trace_id, bench = "deep5k", "large scenario: benchmark trace stored");
    }
}

fn with_tables(index: usize, rng: &mut SmallRng) -> Call {
    let mut call = Call::new(service_name(index), "GET", format!("/work/{index}"));
    for table in 0..TABLES_PER_SERVICE {
        call.then(
            dynamo(
                "GetItem",
                &format!("t{index:04}-{table}"),
                rng,
                false,
                false,
            ),
            0.001,
        );
    }
    call
}

fn put(emulator: &Emulator, documents: Vec<String>) {
    for chunk in documents.chunks(5_000) {
        for (id, problem) in emulator.xray.put_documents(REGION, chunk.to_vec()) {
            tracing::warn!(%id, %problem, "a benchmark document was refused");
        }
    }
}
