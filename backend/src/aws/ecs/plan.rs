//! What turning tracing on or off changes in an Express service's environment (reference
//! `ecs-express.md` §4 A: the ADOT SDK exports straight to X-Ray's OTLP endpoint). Pure: an
//! environment in, the new environment and the list of changes out.
//!
//! Turning tracing off must undo exactly what turning it on did, across restarts and replicas,
//! so the change records itself in the environment: [`MARKER`] holds, for every variable it set
//! or removed, the value before and the value it set. Turning off restores each variable that
//! still has runtrace's value and leaves alone one that was changed since.

use std::collections::BTreeMap;

use shared::api::EnvChange;

/// The variable that records runtrace's change.
pub const MARKER: &str = "RUNTRACE_TRACING";

/// A new environment and what differs from the old one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub environment: Vec<(String, String)>,
    pub changes: Vec<EnvChange>,
}

/// `{"v":1,"vars":{"NAME":[before, set]}}`; `null` for absent.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Record {
    v: u32,
    vars: BTreeMap<String, (Option<String>, Option<String>)>,
}

/// The variables that make the ADOT SDK (Java agent, Python distro, Node, .NET) export traces
/// over OTLP/HTTP to X-Ray, SigV4-signed with the task role.
pub fn wanted(
    region: &str,
    service: &str,
    resource_attributes: Option<&str>,
) -> Vec<(String, String)> {
    let pairs = [
        ("OTEL_TRACES_EXPORTER", "otlp".to_owned()),
        (
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
            "http/protobuf".to_owned(),
        ),
        (
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            format!("https://xray.{region}.amazonaws.com/v1/traces"),
        ),
        ("OTEL_PROPAGATORS", "tracecontext,baggage,xray".to_owned()),
        ("OTEL_SERVICE_NAME", service.to_owned()),
        (
            "OTEL_RESOURCE_ATTRIBUTES",
            with_service_name(resource_attributes, service),
        ),
        ("OTEL_METRICS_EXPORTER", "none".to_owned()),
        ("OTEL_LOGS_EXPORTER", "none".to_owned()),
        ("OTEL_AWS_APPLICATION_SIGNALS_ENABLED", "false".to_owned()),
        ("OTEL_PYTHON_DISTRO", "aws_distro".to_owned()),
        ("OTEL_PYTHON_CONFIGURATOR", "aws_configurator".to_owned()),
    ];
    pairs
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

/// The resource attributes with `service.name` set, the others kept in order.
fn with_service_name(attributes: Option<&str>, service: &str) -> String {
    let mut pairs: Vec<String> = attributes
        .into_iter()
        .flat_map(|a| a.split(','))
        .map(str::trim)
        .filter(|pair| !pair.is_empty())
        .filter(|pair| pair.split('=').next().map(str::trim) != Some("service.name"))
        .map(str::to_owned)
        .collect();
    pairs.insert(0, format!("service.name={service}"));
    pairs.join(",")
}

pub fn turn_on(
    environment: &[(String, String)],
    secret_names: &[String],
    region: &str,
    service: &str,
) -> Result<Change, String> {
    if value(environment, MARKER).is_some() {
        return Err(format!(
            "runtrace's tracing settings are already in {service}'s environment"
        ));
    }
    let resource = value(environment, "OTEL_RESOURCE_ATTRIBUTES");
    let mut wanted: Vec<(String, Option<String>)> = wanted(region, service, resource)
        .into_iter()
        .map(|(name, value)| (name, Some(value)))
        .collect();
    if value(environment, "OTEL_SDK_DISABLED").is_some() {
        wanted.push(("OTEL_SDK_DISABLED".to_owned(), None));
    }
    if let Some((name, _)) = wanted.iter().find(|(name, _)| secret_names.contains(name)) {
        return Err(format!(
            "{service} reads {name} from a secret: change its OpenTelemetry settings there"
        ));
    }
    let mut record = Record {
        v: 1,
        ..Record::default()
    };
    let mut next = environment.to_vec();
    let mut changes = Vec::new();
    for (name, to) in wanted {
        let from = value(environment, &name).map(str::to_owned);
        if from == to {
            continue;
        }
        set(&mut next, &name, to.clone());
        record.vars.insert(name.clone(), (from.clone(), to.clone()));
        changes.push(EnvChange { name, from, to });
    }
    let marker = serde_json::to_string(&record).map_err(|e| e.to_string())?;
    set(&mut next, MARKER, Some(marker.clone()));
    changes.push(EnvChange {
        name: MARKER.to_owned(),
        from: None,
        to: Some(marker),
    });
    Ok(Change {
        environment: next,
        changes,
    })
}

pub fn turn_off(environment: &[(String, String)], service: &str) -> Result<Change, String> {
    let Some(marker) = value(environment, MARKER) else {
        return Err(format!(
            "{service}'s tracing was not set up by runtrace, which only undoes its own change: \
             change its OpenTelemetry settings where they were made"
        ));
    };
    let record: Record = serde_json::from_str(marker).map_err(|e| {
        format!("{MARKER} in {service}'s environment is not runtrace's record ({e})")
    })?;
    let mut next = environment.to_vec();
    let mut changes = Vec::new();
    for (name, (before, set_to)) in record.vars {
        let now = value(environment, &name).map(str::to_owned);
        // Changed since runtrace set it: someone else's value now, left alone.
        if now != set_to || now == before {
            continue;
        }
        set(&mut next, &name, before.clone());
        changes.push(EnvChange {
            name,
            from: now,
            to: before,
        });
    }
    set(&mut next, MARKER, None);
    changes.push(EnvChange {
        name: MARKER.to_owned(),
        from: Some(marker.to_owned()),
        to: None,
    });
    Ok(Change {
        environment: next,
        changes,
    })
}

fn value<'a>(environment: &'a [(String, String)], name: &str) -> Option<&'a str> {
    environment
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Sets (in place, or appended) or removes a variable.
fn set(environment: &mut Vec<(String, String)>, name: &str, to: Option<String>) {
    match (environment.iter().position(|(n, _)| n == name), to) {
        (Some(at), Some(value)) => environment[at].1 = value,
        (Some(at), None) => {
            environment.remove(at);
        }
        (None, Some(value)) => environment.push((name.to_owned(), value)),
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    const TRAPPED: &[(&str, &str)] = &[
        ("PORT", "8080"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317"),
        ("OTEL_PROPAGATORS", "xray"),
        ("OTEL_RESOURCE_ATTRIBUTES", "team=shop,service.name=search"),
    ];

    #[test]
    fn turning_on_sets_the_adot_environment_and_keeps_the_rest() {
        let on = turn_on(&env(TRAPPED), &[], "us-east-1", "search").expect("planned");
        let get = |name: &str| value(&on.environment, name);
        assert_eq!(get("PORT"), Some("8080"));
        assert_eq!(
            get("OTEL_EXPORTER_OTLP_ENDPOINT"),
            Some("http://localhost:4317")
        );
        assert_eq!(
            get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
            Some("https://xray.us-east-1.amazonaws.com/v1/traces")
        );
        assert_eq!(
            get("OTEL_RESOURCE_ATTRIBUTES"),
            Some("service.name=search,team=shop")
        );
        assert_eq!(get("OTEL_PROPAGATORS"), Some("tracecontext,baggage,xray"));
        assert_eq!(
            on.environment[0].0, "PORT",
            "existing variables keep their place"
        );
        let propagators = on.changes.iter().find(|c| c.name == "OTEL_PROPAGATORS");
        assert_eq!(propagators.and_then(|c| c.from.as_deref()), Some("xray"));
        assert_eq!(on.changes.last().map(|c| c.name.as_str()), Some(MARKER));
    }

    #[test]
    fn turning_off_undoes_exactly_what_turning_on_did() {
        for start in [
            env(TRAPPED),
            env(&[]),
            env(&[("OTEL_SDK_DISABLED", "true")]),
        ] {
            let on = turn_on(&start, &[], "eu-west-1", "api").expect("on");
            let off = turn_off(&on.environment, "api").expect("off");
            let sorted = |mut e: Vec<(String, String)>| {
                e.sort();
                e
            };
            assert_eq!(sorted(off.environment), sorted(start.clone()), "{start:?}");
        }
    }

    #[test]
    fn a_variable_changed_since_is_left_alone() {
        let on = turn_on(&env(TRAPPED), &[], "us-east-1", "search").expect("on");
        let mut edited = on.environment.clone();
        set(&mut edited, "OTEL_LOGS_EXPORTER", Some("otlp".into()));
        let off = turn_off(&edited, "search").expect("off");
        assert_eq!(value(&off.environment, "OTEL_LOGS_EXPORTER"), Some("otlp"));
        assert_eq!(value(&off.environment, "OTEL_TRACES_EXPORTER"), None);
        assert!(off.changes.iter().all(|c| c.name != "OTEL_LOGS_EXPORTER"));
    }

    #[test]
    fn check_refusals() {
        let check = |result: Result<Change, String>, says: &str| {
            let error = result.expect_err("refused");
            assert!(error.contains(says), "{error:?} should say {says:?}");
        };
        let on = turn_on(&env(&[]), &[], "us-east-1", "api").expect("on");
        check(turn_on(&on.environment, &[], "us-east-1", "api"), "already");
        check(turn_off(&env(TRAPPED), "search"), "not set up by runtrace");
        check(
            turn_off(&env(&[(MARKER, "yes")]), "api"),
            "not runtrace's record",
        );
        let secret = ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT".to_owned()];
        check(
            turn_on(&env(&[]), &secret, "us-east-1", "api"),
            "from a secret",
        );
    }
}
