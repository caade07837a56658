//! Drives a scenario: registers its services with App Runner, draws request arrivals and sends
//! each request's documents to X-Ray, skipping services whose tracing is off right now.

use std::collections::HashMap;

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use super::call::Call;
use super::render::{Context, render};
use super::{ScenarioName, large, movies, shop};
use crate::Emulator;
use crate::apprunner::ServiceSeed;

/// A service a scenario runs.
pub(crate) struct ServiceSpec {
    pub region: &'static str,
    pub name: String,
    pub tracing_enabled: bool,
}

/// What makes one scenario different from another.
pub(crate) trait Traffic: Send {
    fn services(&self) -> Vec<ServiceSpec>;
    /// Seconds of history `install` seeds, and its traces per second.
    fn history(&self) -> (f64, f64);
    /// One request arriving at `at` (epoch seconds): its region and call tree.
    fn request(&mut self, at: f64, rng: &mut SmallRng) -> (&'static str, Call);
    /// One-off data stored after the history (benchmark traces, groups).
    fn install_extras(&self, _emulator: &Emulator, _now: f64, _rng: &mut SmallRng) {}
}

pub(crate) struct Driver {
    traffic: Box<dyn Traffic>,
    rng: SmallRng,
    /// (region, service name) → ARN.
    arns: HashMap<(String, String), String>,
}

impl Driver {
    /// Registers the scenario's services (idempotent: existing ones are kept as they are) and
    /// returns its driver; `None` for the empty scenario.
    pub fn new(name: ScenarioName, emulator: &Emulator, seed: u64) -> Option<Self> {
        let traffic: Box<dyn Traffic> = match name {
            ScenarioName::Empty => return None,
            ScenarioName::Movies => Box::new(movies::Movies),
            ScenarioName::Shop | ScenarioName::TransactionSearch => Box::new(shop::Shop),
            ScenarioName::Large => Box::new(large::Large::default()),
        };
        let arns = traffic
            .services()
            .into_iter()
            .map(|spec| {
                let arn = emulator.apprunner.add_service(ServiceSeed {
                    region: spec.region.to_owned(),
                    name: spec.name.clone(),
                    tracing_enabled: spec.tracing_enabled,
                    status: None,
                    instance_role_arn: Some(format!(
                        "arn:aws:iam::{}:role/{}-instance",
                        crate::DEFAULT_ACCOUNT_ID,
                        spec.name
                    )),
                });
                ((spec.region.to_owned(), spec.name), arn)
            })
            .collect();
        Some(Self {
            traffic,
            rng: SmallRng::seed_from_u64(seed),
            arns,
        })
    }

    pub fn history(&self) -> (f64, f64) {
        self.traffic.history()
    }

    pub fn install_extras(&mut self, emulator: &Emulator, now: f64) {
        self.traffic.install_extras(emulator, now, &mut self.rng);
    }

    /// Requests arriving in `[from, to)` at `rate` per second (exponential gaps, like
    /// independent users).
    pub fn emit_between(&mut self, emulator: &Emulator, from: f64, to: f64, rate: f64) {
        if rate <= 0.0 {
            return;
        }
        let mut at = from;
        loop {
            let uniform: f64 = self.rng.random_range(f64::EPSILON..1.0);
            at += -uniform.ln() / rate;
            if at >= to {
                break;
            }
            self.emit(emulator, at);
        }
    }

    fn emit(&mut self, emulator: &Emulator, at: f64) {
        let (region, call) = self.traffic.request(at, &mut self.rng);
        let emitting = |service: &str| {
            let arn = self.arns.get(&(region.to_owned(), service.to_owned()))?;
            emulator
                .apprunner
                .tracing_enabled(region, service)
                .then(|| arn.clone())
        };
        let ctx = Context {
            region,
            account_id: crate::DEFAULT_ACCOUNT_ID,
            emitting: &emitting,
        };
        // The request ends at `at`: segments are sent when they complete.
        let documents = render(&call, at - call.duration, &ctx, &mut self.rng);
        if documents.is_empty() {
            return;
        }
        for (id, problem) in emulator.xray.put_documents(region, documents) {
            tracing::warn!(%id, %problem, "a scenario document was refused");
        }
    }
}
