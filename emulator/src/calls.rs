//! How many calls each AWS operation received: what a load test reads to tell how many AWS
//! calls runtrace's replicas made (`GET /_emulator/calls`; `DELETE` starts the count again).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::server::Target;

/// Counts per operation, named `service:Operation` (`apprunner:ListServices`, `ecs:ListClusters`)
/// or, for X-Ray's
/// REST paths, `xray:<path>` (`xray:ServiceGraph`); cheap to clone.
#[derive(Clone, Default)]
pub struct Calls {
    counts: Arc<Mutex<BTreeMap<String, u64>>>,
}

impl Calls {
    pub fn count(&self, target: &Target) {
        let name = match target {
            Target::AppRunner(op) => format!("apprunner:{op}"),
            Target::Ecs(op) => format!("ecs:{op}"),
            Target::XRay(path) => format!("xray:{}", path.trim_start_matches('/')),
            Target::Logs(op) => format!("logs:{op}"),
        };
        *self.lock().entry(name).or_default() += 1;
    }

    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.lock().clone()
    }

    pub fn reset(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, u64>> {
        self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_counted_by_name_until_reset() {
        let calls = Calls::default();
        calls.count(&Target::AppRunner("ListServices".into()));
        calls.count(&Target::AppRunner("ListServices".into()));
        calls.count(&Target::XRay("/ServiceGraph".into()));
        calls.count(&Target::Ecs("ListClusters".into()));
        let expect: BTreeMap<String, u64> = [
            ("apprunner:ListServices".to_owned(), 2),
            ("ecs:ListClusters".to_owned(), 1),
            ("xray:ServiceGraph".to_owned(), 1),
        ]
        .into();
        assert_eq!(calls.snapshot(), expect);
        calls.reset();
        assert!(calls.snapshot().is_empty());
    }
}
