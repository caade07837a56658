//! Where an Express service's app sends its spans, read from its configuration the way the
//! OpenTelemetry SDK (ADOT) reads its environment. Express Mode has no tracing switch: spans reach
//! X-Ray only when the exporter points at X-Ray's OTLP endpoint and the task role can sign for it.
//! App Runner's habit of exporting to a collector on `localhost:4317` loses everything here, as
//! there is no collector next to the app.

use super::settings::Settings;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// To `https://xray.<region>.amazonaws.com/v1/traces`, signed with the task role.
    XRay,
    /// To X-Ray's endpoint, but without a task role to sign with: X-Ray refuses every request.
    Unsigned,
    /// To a collector on localhost (the SDK's default too): nothing listens there.
    LocalCollector,
    /// To some other collector, which the emulator does not run.
    Elsewhere,
    /// Tracing is disabled, or the service uses its own task definition (not emulated).
    Off,
}

impl Export {
    pub fn reaches_xray(self) -> bool {
        self == Export::XRay
    }
}

pub fn export(settings: &Settings, region: &str) -> Export {
    if settings.task_definition_arn.is_some() {
        return Export::Off;
    }
    let var = |name| settings.variable(name).map(str::trim);
    if var("OTEL_SDK_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return Export::Off;
    }
    if let Some(exporters) = var("OTEL_TRACES_EXPORTER")
        && !exporters.split(',').any(|e| e.trim() == "otlp")
    {
        return Export::Off;
    }
    let endpoint = match (
        var("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
        var("OTEL_EXPORTER_OTLP_ENDPOINT"),
    ) {
        (Some(traces), _) => traces.to_owned(),
        (None, Some(base)) => format!("{}/v1/traces", base.trim_end_matches('/')),
        // The SDK's default: a collector on this host.
        (None, None) => return Export::LocalCollector,
    };
    let Ok(url) = url::Url::parse(&endpoint) else {
        return Export::Elsewhere;
    };
    let host = url.host_str().unwrap_or_default();
    if host == format!("xray.{region}.amazonaws.com") && url.path() == "/v1/traces" {
        if settings.task_role_arn.is_some() {
            Export::XRay
        } else {
            Export::Unsigned
        }
    } else if matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0" | "[::1]") {
        Export::LocalCollector
    } else {
        Export::Elsewhere
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ecs::settings::{Container, Variable};

    fn settings(env: &[(&str, &str)], task_role: bool) -> Settings {
        Settings {
            task_role_arn: task_role.then(|| "arn:aws:iam::123456789012:role/app".into()),
            primary_container: Some(Container {
                image: Some("app:1".into()),
                environment: Some(
                    env.iter()
                        .map(|(name, value)| Variable {
                            name: Some((*name).into()),
                            value: Some((*value).into()),
                        })
                        .collect(),
                ),
                ..Container::default()
            }),
            ..Settings::default()
        }
    }

    #[test]
    fn check_exports() {
        let xray = "https://xray.us-east-1.amazonaws.com/v1/traces";
        let check = |env: &[(&str, &str)], task_role: bool, expect: Export| {
            assert_eq!(
                export(&settings(env, task_role), "us-east-1"),
                expect,
                "{env:?}"
            );
        };
        check(
            &[("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", xray)],
            true,
            Export::XRay,
        );
        check(
            &[
                ("OTEL_TRACES_EXPORTER", "otlp"),
                (
                    "OTEL_EXPORTER_OTLP_ENDPOINT",
                    "https://xray.us-east-1.amazonaws.com/",
                ),
            ],
            true,
            Export::XRay,
        );
        check(
            &[("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", xray)],
            false,
            Export::Unsigned,
        );
        check(
            &[(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "https://xray.eu-west-1.amazonaws.com/v1/traces",
            )],
            true,
            Export::Elsewhere,
        );
        check(
            &[("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317")],
            true,
            Export::LocalCollector,
        );
        check(
            &[(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "http://127.0.0.1:4318/v1/traces",
            )],
            true,
            Export::LocalCollector,
        );
        check(&[], true, Export::LocalCollector);
        check(
            &[(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://collector.internal:4318",
            )],
            true,
            Export::Elsewhere,
        );
        check(
            &[
                ("OTEL_TRACES_EXPORTER", "none"),
                ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", xray),
            ],
            true,
            Export::Off,
        );
        check(
            &[
                ("OTEL_SDK_DISABLED", "true"),
                ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", xray),
            ],
            true,
            Export::Off,
        );
        let mut own = settings(&[("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", xray)], true);
        own.task_definition_arn =
            Some("arn:aws:ecs:us-east-1:123456789012:task-definition/app:3".into());
        assert_eq!(export(&own, "us-east-1"), Export::Off);
    }
}
