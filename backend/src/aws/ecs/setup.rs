//! Is an Express service's tracing set up? Read from its configuration the way the OpenTelemetry
//! SDK reads its environment (reference `ecs-express.md` §4, "Detecting set up"). A heuristic:
//! what sits in the image, in secrets or in an own task definition is out of sight, and only
//! X-Ray itself can say whether spans arrive (see [`super::arrival`]).

use shared::api::{Exporter, SetupState, Tracing, TracingSetup};

use super::plan::MARKER;

/// What the heuristic reads of one configuration.
#[derive(Debug, Clone, Default)]
pub struct ConfigView {
    /// The primary container's environment, in order; empty without a primary container.
    pub environment: Vec<(String, String)>,
    pub secret_names: Vec<String>,
    pub has_task_role: bool,
    pub own_task_definition: bool,
}

impl ConfigView {
    pub fn var(&self, name: &str) -> Option<&str> {
        self.environment
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
    }
}

pub fn setup(view: &ConfigView, region: &str) -> TracingSetup {
    let mut setup = TracingSetup {
        state: SetupState::NotConfigured,
        exporter: None,
        endpoint: None,
        set_by_runtrace: view.var(MARKER).is_some(),
        warnings: Vec::new(),
    };
    if view
        .secret_names
        .iter()
        .any(|name| name.starts_with("OTEL_"))
    {
        setup.state = SetupState::Unknown;
        setup
            .warnings
            .push("OpenTelemetry settings come from secrets, which runtrace does not read".into());
        return setup;
    }
    if view.own_task_definition && view.environment.is_empty() {
        setup.state = SetupState::Unknown;
        setup.warnings.push(
            "the service uses its own task definition (a collector sidecar may be in it), which \
             runtrace does not read"
                .into(),
        );
        return setup;
    }
    if view
        .var("OTEL_SDK_DISABLED")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        setup.warnings.push("OTEL_SDK_DISABLED=true".into());
        return setup;
    }
    if let Some(exporters) = view.var("OTEL_TRACES_EXPORTER")
        && !exporters.split(',').any(|e| e.trim() == "otlp")
    {
        setup
            .warnings
            .push(format!("OTEL_TRACES_EXPORTER={exporters}"));
        return setup;
    }
    let any_otel = view.environment.iter().any(|(n, _)| n.starts_with("OTEL_"));
    if !any_otel {
        return setup;
    }
    setup.state = SetupState::Configured;
    setup.endpoint = traces_endpoint(view);
    let exporter = match setup.endpoint.as_deref() {
        // The SDK's default endpoint is a collector on this host.
        None => Exporter::LocalCollector,
        Some(endpoint) => classify(endpoint, region),
    };
    setup.exporter = Some(exporter);
    setup.warnings = warnings(view, exporter);
    setup
}

/// `enabled` for the services list: set up to reach X-Ray (directly or through a collector that
/// is not the missing localhost one); `None` when the configuration cannot tell.
pub fn tracing(setup: &TracingSetup) -> Option<Tracing> {
    let enabled = match setup.state {
        SetupState::Unknown => return None,
        SetupState::NotConfigured => false,
        SetupState::Configured => setup.exporter != Some(Exporter::LocalCollector),
    };
    Some(Tracing {
        enabled,
        configuration_arn: None,
    })
}

/// The name the service's map node has: the service name the SDK reports (`OTEL_SERVICE_NAME`,
/// else `service.name` in `OTEL_RESOURCE_ATTRIBUTES`), else the Express service's own name.
pub fn node_name(view: &ConfigView, service_name: &str) -> String {
    if let Some(name) = view.var("OTEL_SERVICE_NAME").filter(|n| !n.is_empty()) {
        return name.to_owned();
    }
    view.var("OTEL_RESOURCE_ATTRIBUTES")
        .into_iter()
        .flat_map(|attributes| attributes.split(','))
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| key.trim() == "service.name")
        .map(|(_, value)| value.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| service_name.to_owned())
}

fn protocol(view: &ConfigView) -> Option<&str> {
    view.var("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
        .or_else(|| view.var("OTEL_EXPORTER_OTLP_PROTOCOL"))
}

/// The traces endpoint as the SDK derives it: the signal's own endpoint, else the base one with
/// `/v1/traces` appended (OTLP/HTTP; gRPC uses the base as it is).
fn traces_endpoint(view: &ConfigView) -> Option<String> {
    if let Some(traces) = view.var("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
        return Some(traces.to_owned());
    }
    let base = view.var("OTEL_EXPORTER_OTLP_ENDPOINT")?;
    Some(if protocol(view) == Some("grpc") {
        base.to_owned()
    } else {
        format!("{}/v1/traces", base.trim_end_matches('/'))
    })
}

fn classify(endpoint: &str, region: &str) -> Exporter {
    let rest = endpoint
        .split_once("://")
        .map_or(endpoint, |(_, rest)| rest);
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    if host == format!("xray.{region}.amazonaws.com") && path.trim_end_matches('/') == "v1/traces" {
        Exporter::XrayOtlp
    } else if matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0" | "[::1]") {
        Exporter::LocalCollector
    } else {
        Exporter::Other
    }
}

fn warnings(view: &ConfigView, exporter: Exporter) -> Vec<String> {
    let mut warnings = Vec::new();
    match exporter {
        Exporter::LocalCollector if !view.own_task_definition => warnings.push(
            "exports to a collector on localhost (App Runner's built-in one), which Express \
             Mode does not run: its spans are lost"
                .into(),
        ),
        Exporter::XrayOtlp if !view.has_task_role => warnings
            .push("no task role: the SDK cannot sign its requests to X-Ray's OTLP endpoint".into()),
        _ => {}
    }
    if exporter == Exporter::XrayOtlp && protocol(view) == Some("grpc") {
        warnings.push("X-Ray's OTLP endpoint takes OTLP/HTTP (http/protobuf), not gRPC".into());
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    const XRAY: &str = "https://xray.us-east-1.amazonaws.com/v1/traces";

    fn view(env: &[(&str, &str)]) -> ConfigView {
        ConfigView {
            environment: env
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            has_task_role: true,
            ..ConfigView::default()
        }
    }

    #[test]
    fn check_setups() {
        use Exporter::*;
        use SetupState::*;
        let check = |view: ConfigView, expect: (SetupState, Option<Exporter>, Option<bool>)| {
            let setup = setup(&view, "us-east-1");
            let enabled = tracing(&setup).map(|t| t.enabled);
            assert_eq!((setup.state, setup.exporter, enabled), expect, "{view:?}");
        };
        check(
            view(&[("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", XRAY)]),
            (Configured, Some(XrayOtlp), Some(true)),
        );
        check(
            view(&[(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "https://xray.us-east-1.amazonaws.com",
            )]),
            (Configured, Some(XrayOtlp), Some(true)),
        );
        check(
            view(&[
                ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317"),
                ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
            ]),
            (Configured, Some(LocalCollector), Some(false)),
        );
        check(
            view(&[("OTEL_RESOURCE_ATTRIBUTES", "service.name=x")]),
            (Configured, Some(LocalCollector), Some(false)),
        );
        check(
            view(&[(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "http://collector.internal:4318/v1/traces",
            )]),
            (Configured, Some(Other), Some(true)),
        );
        check(
            view(&[(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "https://xray.eu-west-1.amazonaws.com/v1/traces",
            )]),
            (Configured, Some(Other), Some(true)),
        );
        check(
            view(&[("PORT", "8080")]),
            (NotConfigured, None, Some(false)),
        );
        check(
            view(&[
                ("OTEL_TRACES_EXPORTER", "none"),
                ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", XRAY),
            ]),
            (NotConfigured, None, Some(false)),
        );
        check(
            view(&[
                ("OTEL_SDK_DISABLED", "true"),
                ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", XRAY),
            ]),
            (NotConfigured, None, Some(false)),
        );
        let mut secret = view(&[]);
        secret.secret_names = vec!["OTEL_EXPORTER_OTLP_HEADERS".into()];
        check(secret, (Unknown, None, None));
        let mut own = view(&[]);
        own.own_task_definition = true;
        check(own, (Unknown, None, None));
    }

    #[test]
    fn warnings_name_the_trap_and_a_missing_role() {
        let trapped = setup(
            &view(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317")]),
            "us-east-1",
        );
        assert!(
            trapped.warnings[0].contains("lost"),
            "{:?}",
            trapped.warnings
        );
        assert_eq!(
            trapped.endpoint.as_deref(),
            Some("http://localhost:4317/v1/traces")
        );
        let mut roleless = view(&[("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", XRAY)]);
        roleless.has_task_role = false;
        assert!(setup(&roleless, "us-east-1").warnings[0].contains("task role"));
        let marked = view(&[("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", XRAY), (MARKER, "{}")]);
        assert!(setup(&marked, "us-east-1").set_by_runtrace);
    }

    #[test]
    fn check_node_names() {
        let check = |env: &[(&str, &str)], expect: &str| {
            assert_eq!(node_name(&view(env), "search"), expect, "{env:?}");
        };
        check(&[], "search");
        check(
            &[(
                "OTEL_RESOURCE_ATTRIBUTES",
                "team=shop, service.name = finder",
            )],
            "finder",
        );
        check(
            &[
                ("OTEL_SERVICE_NAME", "svc"),
                ("OTEL_RESOURCE_ATTRIBUTES", "service.name=x"),
            ],
            "svc",
        );
        check(&[("OTEL_RESOURCE_ATTRIBUTES", "service.name=")], "search");
    }
}
