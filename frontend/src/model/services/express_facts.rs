//! An ECS Express service's facts as rows of the page's description list: identity, URL, and
//! the configuration serving it (image, size, scaling, roles). One list of rows rendered by one
//! loop, rather than a view per fact, keeps the bundle small.

use shared::api::{ExpressConfiguration, ServiceDetail};

use super::express::{cpu_memory, scaling_text};

/// How a fact's value is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactValue {
    Text(String),
    /// ARNs, images: monospaced, broken anywhere.
    Code(String),
    /// A URL, opened in a new tab.
    Link(String),
}

/// `(label, value)` rows; a fact that is not known reads "—".
pub fn express_facts(
    detail: &ServiceDetail,
    time: impl Fn(f64) -> String,
) -> Vec<(&'static str, FactValue)> {
    let service = &detail.service;
    let express = service.express.as_ref();
    let config = detail
        .express
        .as_ref()
        .and_then(|e| e.configuration.as_ref());
    let text = |value: Option<String>| FactValue::Text(value.unwrap_or_else(dash));
    let code = |value: Option<String>| FactValue::Code(value.unwrap_or_else(dash));
    let of = |read: fn(&ExpressConfiguration) -> Option<String>| config.and_then(read);
    vec![
        ("ARN", FactValue::Code(service.arn.clone())),
        (
            "URL",
            express
                .and_then(|e| e.url.clone())
                .map_or_else(|| FactValue::Text(dash()), FactValue::Link),
        ),
        (
            "Region, cluster",
            text(express.map(|e| format!("{}, {}", service.region, e.cluster))),
        ),
        (
            "Status",
            text(express.map(|e| match &e.status_reason {
                Some(reason) => format!("{}: {reason}", e.status),
                None => e.status.to_string(),
            })),
        ),
        ("Created", FactValue::Text(time(service.created_at))),
        ("Updated", FactValue::Text(time(service.updated_at))),
        ("Image", code(of(|c| c.image.clone()))),
        (
            "CPU, memory",
            text(of(|c| cpu_memory(c.cpu.as_deref(), c.memory.as_deref()))),
        ),
        (
            "Port, health check",
            text(of(|c| {
                let port = c.container_port.map_or_else(dash, |p| p.to_string());
                let path = c.health_check_path.clone().unwrap_or_else(dash);
                Some(format!("{port}, {path}"))
            })),
        ),
        (
            "Scaling",
            text(of(|c| c.scaling.as_ref().map(scaling_text))),
        ),
        ("Task role", code(of(|c| c.task_role_arn.clone()))),
        ("Execution role", code(of(|c| c.execution_role_arn.clone()))),
        (
            "Infrastructure role",
            code(
                detail
                    .express
                    .as_ref()
                    .and_then(|e| e.infrastructure_role_arn.clone()),
            ),
        ),
        (
            "Task definition",
            code(of(|c| {
                let arn = c.task_definition_arn.clone()?;
                Some(if c.own_task_definition {
                    format!("{arn} (its own: its containers are not shown)")
                } else {
                    arn
                })
            })),
        ),
        (
            "Secrets",
            code(of(|c| {
                (!c.secret_names.is_empty()).then(|| c.secret_names.join(", "))
            })),
        ),
    ]
}

fn dash() -> String {
    "—".to_owned()
}

#[cfg(test)]
mod tests {
    use shared::api::{ExpressDetail, Scaling};

    use super::*;
    use crate::model::services::express::tests::express_service;

    #[test]
    fn the_configuration_reads_as_facts() {
        let configuration: ExpressConfiguration = serde_json::from_value(serde_json::json!({
            "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/search:latest",
            "container_port": 8080,
            "cpu": "512",
            "memory": "1024",
            "health_check_path": "/ping",
            "task_role_arn": "arn:aws:iam::123456789012:role/search-task",
            "secret_names": ["DB_PASSWORD"],
        }))
        .expect("a configuration");
        let detail = ServiceDetail {
            service: express_service("search", "ACTIVE", None, None, None),
            instance_role_arn: None,
            observability: None,
            operations: Vec::new(),
            express: Some(ExpressDetail {
                infrastructure_role_arn: None,
                configuration: Some(ExpressConfiguration {
                    scaling: Some(Scaling {
                        min_tasks: Some(1),
                        max_tasks: Some(4),
                        metric: None,
                        target_value: None,
                    }),
                    ..configuration
                }),
                active_configurations: 1,
                deployments: Vec::new(),
                plan: None,
                transaction_search: None,
            }),
        };
        let facts = express_facts(&detail, |at| format!("t{at}"));
        let fact = |label: &str| {
            facts
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, value)| value.clone())
        };
        let text = |s: &str| Some(FactValue::Text(s.to_owned()));
        let code = |s: &str| Some(FactValue::Code(s.to_owned()));
        assert_eq!(
            fact("URL"),
            Some(FactValue::Link(
                "https://search.ecs.us-east-1.on.aws".into()
            ))
        );
        assert_eq!(fact("Region, cluster"), text("us-east-1, default"));
        assert_eq!(fact("Status"), text("ACTIVE"));
        assert_eq!(fact("Created"), text("t0"));
        assert_eq!(fact("CPU, memory"), text("0.5 vCPU, 1 GB"));
        assert_eq!(fact("Port, health check"), text("8080, /ping"));
        assert_eq!(fact("Scaling"), text("1 to 4 tasks"));
        assert_eq!(
            fact("Task role"),
            code("arn:aws:iam::123456789012:role/search-task")
        );
        assert_eq!(fact("Execution role"), code("—"));
        assert_eq!(fact("Secrets"), code("DB_PASSWORD"));
    }
}
