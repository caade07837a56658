//! Logs Insights rows (every value a string) → the trace summaries the trace list shows.

use super::columns;
use super::xray_id;
use crate::api::{HttpSummary, ServiceId, TraceSummary};

/// One summary per row that names a trace; values that do not read are left out. Rows of the
/// [`super::Shape::Traces`] shape give only the id and start; fill in the rest with the rows of
/// [`super::entry_spans`] through [`with_entry`].
pub fn summaries(rows: &[Vec<(String, String)>]) -> Vec<TraceSummary> {
    rows.iter().filter_map(|row| summary(row)).collect()
}

/// `trace` with what its entry span's row (`entry`) tells, keeping the trace's own start.
pub fn with_entry(trace: TraceSummary, entry: &TraceSummary) -> TraceSummary {
    TraceSummary {
        id: trace.id,
        start_time: trace.start_time,
        ..entry.clone()
    }
}

fn summary(row: &[(String, String)]) -> Option<TraceSummary> {
    let get = |name: &str| {
        row.iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
            .filter(|value| !value.is_empty())
    };
    let seconds = |name: &str| {
        get(name)
            .and_then(|v| v.parse::<f64>().ok())
            .map(|ns| ns / 1e9)
    };
    let id = xray_id(get(columns::TRACE_ID)?)?;
    let status = get(columns::STATUS)
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.fract() == 0.0 && (0.0..=999.0).contains(s))
        .map(|s| s as u16);
    let span_failed = get(columns::SPAN_STATUS) == Some("ERROR");
    let http = HttpSummary {
        method: get(columns::METHOD).map(str::to_owned),
        url: get(columns::URL).map(str::to_owned),
        status,
        user_agent: get(columns::USER_AGENT).map(str::to_owned),
        client_ip: get(columns::CLIENT_IP).map(str::to_owned),
    };
    let entry_point = get(columns::SERVICE).map(|name| ServiceId {
        name: Some(name.to_owned()),
        names: vec![name.to_owned()],
        service_type: get(columns::PLATFORM).and_then(origin).map(str::to_owned),
        account_id: None,
    });
    Some(TraceSummary {
        id,
        start_time: seconds(columns::START).unwrap_or_default(),
        response_time: seconds(columns::DURATION),
        has_fault: status.map_or(span_failed, |s| (500..600).contains(&s)),
        has_error: status.is_some_and(|s| (400..500).contains(&s)),
        has_throttle: status == Some(429),
        http: (http != HttpSummary::default()).then_some(http),
        services: entry_point.iter().cloned().collect(),
        entry_point,
        ..TraceSummary::default()
    })
}

/// X-Ray's node type of a platform (the exporter's `origin` rules).
fn origin(platform: &str) -> Option<&'static str> {
    Some(match platform {
        "aws_app_runner" => "AWS::AppRunner::Service",
        "aws_ec2" => "AWS::EC2::Instance",
        "aws_eks" => "AWS::EKS::Container",
        "aws_elastic_beanstalk" => "AWS::ElasticBeanstalk::Environment",
        "aws_ecs" => "AWS::ECS::Container",
        "aws_lambda" => "AWS::Lambda::Function",
        _ => return None,
    })
}
