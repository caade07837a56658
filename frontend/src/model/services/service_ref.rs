//! Which service a page, a link or a tracing change is about. A name is unique only per region
//! and kind: mid-migration one name can be on App Runner and on ECS Express, and an Express name
//! in several clusters. App Runner services keep their plain `?region=` links; an Express
//! service's add `kind=ecs_express&cluster=…`, the parameters the service routes read too.

use shared::api::{ServiceKind, ServiceSummary};

use crate::model::url_state::UrlState;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ServiceRef {
    pub region: String,
    pub name: String,
    pub kind: ServiceKind,
    /// An Express service's cluster, when known.
    pub cluster: Option<String>,
}

impl ServiceRef {
    pub fn of(service: &ServiceSummary) -> Self {
        ServiceRef {
            region: service.region.clone(),
            name: service.name.clone(),
            kind: service.kind,
            cluster: service.express.as_ref().map(|e| e.cluster.clone()),
        }
    }

    pub fn app_runner(region: &str, name: &str) -> Self {
        ServiceRef {
            region: region.to_owned(),
            name: name.to_owned(),
            kind: ServiceKind::AppRunner,
            cluster: None,
        }
    }

    /// The pairs beside `region` that pick this service on the page and the routes.
    pub fn which(&self) -> Vec<(String, String)> {
        ServiceWhich {
            kind: Some(self.kind),
            cluster: self.cluster.clone(),
        }
        .pairs()
    }

    /// Who deploys it, in sentences: "App Runner", "ECS".
    pub fn platform(&self) -> &'static str {
        match self.kind {
            ServiceKind::AppRunner => "App Runner",
            ServiceKind::EcsExpress => "ECS",
        }
    }
}

/// The service page's `kind=` and `cluster=` (the list's kind filter reads the same `kind=`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceWhich {
    /// `None`: the backend looks the name up (App Runner first).
    pub kind: Option<ServiceKind>,
    pub cluster: Option<String>,
}

impl ServiceWhich {
    /// The service at `region`/`name` this query names.
    pub fn service(&self, region: &str, name: &str) -> ServiceRef {
        let kind = match (self.kind, &self.cluster) {
            (Some(kind), _) => kind,
            (None, Some(_)) => ServiceKind::EcsExpress,
            (None, None) => ServiceKind::AppRunner,
        };
        ServiceRef {
            region: region.to_owned(),
            name: name.to_owned(),
            kind,
            cluster: self.cluster.clone(),
        }
    }
}

impl UrlState for ServiceWhich {
    const KEYS: &'static [&'static str] = &["kind", "cluster"];

    fn parse<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        let mut which = ServiceWhich::default();
        for (key, value) in pairs {
            let value = value.as_ref().trim();
            match key.as_ref() {
                "kind" => which.kind = ServiceKind::parse(value),
                "cluster" if !value.is_empty() => which.cluster = Some(value.to_owned()),
                _ => {}
            }
        }
        which
    }

    /// App Runner is the default and is left out, so its links stay as they were.
    fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if let Some(kind) = self.kind.filter(|kind| *kind != ServiceKind::AppRunner) {
            pairs.push(("kind".to_owned(), kind.as_str().to_owned()));
        }
        if let Some(cluster) = &self.cluster {
            pairs.push(("cluster".to_owned(), cluster.clone()));
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::url_state::owned_pairs;

    #[test]
    fn reads_and_writes_the_kind_and_cluster() {
        let check = |query: &[(&str, &str)], kind: ServiceKind, cluster: Option<&str>, written| {
            let which = ServiceWhich::parse(query.iter().copied());
            let service = which.service("us-east-1", "search");
            assert_eq!(
                (service.kind, service.cluster.as_deref()),
                (kind, cluster),
                "{query:?}"
            );
            assert_eq!(service.which(), owned_pairs(written), "{query:?}");
        };
        check(&[], ServiceKind::AppRunner, None, &[]);
        check(&[("kind", "app_runner")], ServiceKind::AppRunner, None, &[]);
        check(&[("kind", "boat")], ServiceKind::AppRunner, None, &[]);
        check(
            &[("kind", "ecs_express"), ("cluster", "default")],
            ServiceKind::EcsExpress,
            Some("default"),
            &[("kind", "ecs_express"), ("cluster", "default")],
        );
        check(
            &[("cluster", "shop"), ("window", "1h")],
            ServiceKind::EcsExpress,
            Some("shop"),
            &[("kind", "ecs_express"), ("cluster", "shop")],
        );
        check(
            &[("kind", "ecs_express"), ("cluster", " ")],
            ServiceKind::EcsExpress,
            None,
            &[("kind", "ecs_express")],
        );
    }
}
