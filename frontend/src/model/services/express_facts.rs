//! An ECS Express service's facts as rows of the page's description lists: identity, URL, the
//! configuration serving it (image, size, scaling, roles), and its tracing setup (the endpoint,
//! what stands in its way, the `OTEL_*` variables). Rows rendered by one loop, rather than a view
//! per fact, keep the bundle small.

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
    /// What keeps spans from arriving.
    Warning(String),
}

/// A fact: its label and value.
pub type Fact = (String, FactValue);

/// The service and its configuration; a fact that is not known reads "—".
pub fn express_facts(detail: &ServiceDetail, time: &dyn Fn(f64) -> String) -> Vec<Fact> {
    let service = &detail.service;
    let express = service.express.as_ref();
    let config = detail
        .express
        .as_ref()
        .and_then(|e| e.configuration.as_ref());
    let text = |value: Option<String>| FactValue::Text(value.unwrap_or_else(dash));
    let code = |value: Option<String>| FactValue::Code(value.unwrap_or_else(dash));
    let of = |read: fn(&ExpressConfiguration) -> Option<String>| config.and_then(read);
    let facts = vec![
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
    ];
    facts
        .into_iter()
        .map(|(label, value)| (label.to_owned(), value))
        .collect()
}

/// The tracing setup read from the configuration: the traces endpoint (and whether runtrace set
/// it), what stands in the way (the localhost trap, a missing role), every `OTEL_*` variable.
pub fn tracing_setup_facts(detail: &ServiceDetail, _time: &dyn Fn(f64) -> String) -> Vec<Fact> {
    let setup = detail
        .service
        .express
        .as_ref()
        .and_then(|e| e.setup.as_ref());
    let endpoint = setup
        .and_then(|s| s.endpoint.clone())
        .unwrap_or_else(|| "none in the environment".to_owned());
    let by = if setup.is_some_and(|s| s.set_by_runtrace) {
        " (set by runtrace)"
    } else {
        ""
    };
    let mut facts = vec![(
        "Traces endpoint".to_owned(),
        FactValue::Code(format!("{endpoint}{by}")),
    )];
    for warning in setup.map(|s| s.warnings.as_slice()).unwrap_or_default() {
        facts.push(("In the way".to_owned(), FactValue::Warning(warning.clone())));
    }
    let variables = detail
        .express
        .as_ref()
        .and_then(|e| e.configuration.as_ref())
        .map(|c| c.otel_environment.as_slice())
        .unwrap_or_default();
    if variables.is_empty() {
        let none = "none in the configuration".to_owned();
        facts.push(("OTEL_* variables".to_owned(), FactValue::Text(none)));
    }
    for variable in variables {
        facts.push((
            variable.name.clone(),
            FactValue::Code(variable.value.clone()),
        ));
    }
    facts
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
        let facts = express_facts(&detail, &|at| format!("t{at}"));
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

    #[test]
    fn the_tracing_setup_names_the_trap_and_every_variable() {
        let mut detail = ServiceDetail {
            service: express_service("search", "ACTIVE", None, None, None),
            instance_role_arn: None,
            observability: None,
            operations: Vec::new(),
            express: None,
        };
        let labels = |facts: Vec<Fact>| -> Vec<String> {
            facts
                .into_iter()
                .map(|(label, value)| format!("{label}: {value:?}"))
                .collect()
        };
        assert_eq!(
            labels(tracing_setup_facts(&detail, &|_| String::new())),
            [
                "Traces endpoint: Code(\"none in the environment\")",
                "OTEL_* variables: Text(\"none in the configuration\")",
            ]
        );
        if let Some(express) = detail.service.express.as_mut() {
            express.setup = Some(shared::api::TracingSetup {
                state: shared::api::SetupState::Configured,
                exporter: None,
                endpoint: Some("http://localhost:4317".into()),
                set_by_runtrace: false,
                warnings: vec!["exports to a collector on localhost".into()],
            });
        }
        let configuration: ExpressConfiguration = serde_json::from_value(serde_json::json!({
            "otel_environment": [{"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": "http://localhost:4317"}],
        }))
        .expect("a configuration");
        detail.express = Some(ExpressDetail {
            infrastructure_role_arn: None,
            configuration: Some(configuration),
            active_configurations: 1,
            deployments: Vec::new(),
            plan: None,
            transaction_search: None,
        });
        assert_eq!(
            labels(tracing_setup_facts(&detail, &|_| String::new())),
            [
                "Traces endpoint: Code(\"http://localhost:4317\")",
                "In the way: Warning(\"exports to a collector on localhost\")",
                "OTEL_EXPORTER_OTLP_ENDPOINT: Code(\"http://localhost:4317\")",
            ]
        );
    }
}
