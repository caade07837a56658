//! Drives a scenario: registers its services with App Runner and ECS Express, draws request
//! arrivals and sends each request's documents to X-Ray, skipping services whose spans do not
//! reach X-Ray right now.

use std::collections::HashMap;

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use super::call::Call;
use super::render::{Context, Emitter, render};
use super::{ScenarioName, large, movies, shop};
use crate::Emulator;
use crate::apprunner::ServiceSeed;
use crate::ecs::ExpressSeed;

/// A service a scenario runs.
pub(crate) struct ServiceSpec {
    pub region: &'static str,
    pub name: String,
    pub tracing_enabled: bool,
}

/// A service a scenario runs on ECS Express Mode: whether its spans reach X-Ray follows the
/// OpenTelemetry environment of its configuration, as on AWS.
pub(crate) struct ExpressSpec {
    pub region: &'static str,
    pub name: &'static str,
    pub environment: Vec<(String, String)>,
}

/// What makes one scenario different from another.
pub(crate) trait Traffic: Send {
    fn services(&self) -> Vec<ServiceSpec>;
    /// The services that run on ECS Express Mode instead of App Runner.
    fn express_services(&self) -> Vec<ExpressSpec> {
        Vec::new()
    }
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
    /// (region, service name) → ARN, for App Runner services.
    arns: HashMap<(String, String), String>,
    /// (region, service name) → endpoint host, for Express services.
    express: HashMap<(String, String), String>,
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
        let express = traffic
            .express_services()
            .into_iter()
            .map(|spec| {
                emulator.ecs.add_express_service(ExpressSeed {
                    region: spec.region.to_owned(),
                    name: spec.name.to_owned(),
                    image: format!(
                        "{}.dkr.ecr.{}.amazonaws.com/{}:latest",
                        crate::DEFAULT_ACCOUNT_ID,
                        spec.region,
                        spec.name
                    ),
                    environment: spec.environment,
                    task_role_arn: Some(format!(
                        "arn:aws:iam::{}:role/{}-task",
                        crate::DEFAULT_ACCOUNT_ID,
                        spec.name
                    )),
                });
                let host = emulator
                    .ecs
                    .endpoint(spec.region, spec.name)
                    .unwrap_or_default();
                ((spec.region.to_owned(), spec.name.to_owned()), host)
            })
            .collect();
        Some(Self {
            traffic,
            rng: SmallRng::seed_from_u64(seed),
            arns,
            express,
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
        let key = |service: &str| (region.to_owned(), service.to_owned());
        let emitting = |service: &str| {
            if self.express.contains_key(&key(service)) {
                return emulator.ecs.traced(region, service).map(Emitter::Ecs);
            }
            let arn = self.arns.get(&key(service))?;
            emulator
                .apprunner
                .tracing_enabled(region, service)
                .then(|| Emitter::AppRunner(arn.clone()))
        };
        let host = |service: &str| match self.express.get(&key(service)) {
            Some(endpoint) => endpoint.clone(),
            None => format!("{service}.{region}.awsapprunner.com"),
        };
        let ctx = Context {
            region,
            account_id: crate::DEFAULT_ACCOUNT_ID,
            emitting: &emitting,
            host: &host,
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
