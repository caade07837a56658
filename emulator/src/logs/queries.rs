//! StartQuery, GetQueryResults and StopQuery, and the queries they share.

use std::collections::{HashMap, VecDeque};

use serde::Deserialize;
use serde_json::{Value, json};

use super::Logs;
use super::insights::{self, Scan};
use crate::protocol::{AwsError, AwsResult, page};
use crate::spans::LOG_GROUP;

/// AWS's quota of concurrent queries per account and region.
const MAX_RUNNING: usize = 100;
/// Queries remembered (running or not); the oldest are forgotten first.
const MAX_KEPT: usize = 200;
const MAX_QUERY_CHARS: usize = 10_000;
const MAX_LIMIT: usize = 10_000;
const MAX_PAGE: usize = 10_000;

struct QueryRun {
    region: String,
    started: f64,
    stopped: Option<f64>,
    limit: usize,
    scan: Scan,
}

#[derive(Default)]
pub(crate) struct Queries {
    by_id: HashMap<String, QueryRun>,
    order: VecDeque<String>,
}

/// Where a query is: its status and how many of its events have been scanned.
fn progress(run: &QueryRun, now: f64, duration: f64) -> (&'static str, usize) {
    let at = run.stopped.unwrap_or(now);
    let elapsed = at - run.started;
    let scheduled = duration * 0.1;
    let total = run.scan.events();
    let (status, scanned) = if elapsed >= duration {
        ("Complete", total)
    } else if elapsed < scheduled {
        ("Scheduled", 0)
    } else {
        let share = (elapsed - scheduled) / (duration - scheduled);
        ("Running", ((total as f64) * share).floor() as usize)
    };
    match run.stopped {
        Some(_) if status != "Complete" => ("Cancelled", scanned),
        _ => (status, scanned),
    }
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StartInput {
    log_group_name: Option<String>,
    log_group_names: Option<Vec<String>>,
    log_group_identifiers: Option<Vec<String>>,
    start_time: Option<f64>,
    end_time: Option<f64>,
    query_string: Option<String>,
    limit: Option<f64>,
    query_language: Option<String>,
}

fn invalid(message: impl Into<String>) -> AwsError {
    AwsError::new(400, "InvalidParameterException", message)
}

pub(crate) fn start(logs: &Logs, region: &str, input: StartInput) -> AwsResult<Value> {
    let groups = log_groups(&input)?;
    if let Some(language) = input.query_language.as_deref().filter(|l| *l != "CWLI") {
        return Err(invalid(format!(
            "queryLanguage {language} is not supported by the emulator: it runs Logs Insights QL (CWLI)"
        )));
    }
    let (Some(start), Some(end)) = (input.start_time, input.end_time) else {
        return Err(invalid(
            "startTime and endTime are required (epoch seconds)",
        ));
    };
    if !(start.is_finite() && end.is_finite()) || start < 0.0 || end < start {
        return Err(invalid(format!(
            "endTime ({end}) must not be before startTime ({start})"
        )));
    }
    let text = input.query_string.unwrap_or_default();
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(invalid(format!(
            "queryString is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    let limit = match input.limit {
        None => MAX_LIMIT,
        Some(n) if n >= 1.0 && n <= MAX_LIMIT as f64 && n.fract() == 0.0 => n as usize,
        Some(n) => {
            return Err(invalid(format!(
                "limit must be a whole number from 1 to {MAX_LIMIT}, got {n}"
            )));
        }
    };
    for group in &groups {
        if group != LOG_GROUP || !logs.xray().spans_log_group(region) {
            return Err(AwsError::not_found(format!(
                "The specified log group does not exist: {group}"
            )));
        }
    }
    let query = insights::parse(&text).map_err(|error| {
        let (start, end) = error.char_offsets(&text);
        AwsError::new(
            400,
            "MalformedQueryException",
            format!("Query is malformed: {}", error.message),
        )
        .with_members(json!({"queryCompileError": {
            "location": {"startCharOffset": start, "endCharOffset": end},
            "message": error.message,
        }}))
    })?;
    let now = logs.xray().now();
    let duration = logs.xray().with_settings(|s| s.async_seconds());
    let running = logs.with_queries(|q| {
        q.by_id
            .values()
            .filter(|run| {
                run.region == region
                    && matches!(progress(run, now, duration).0, "Scheduled" | "Running")
            })
            .count()
    });
    if running >= MAX_RUNNING {
        return Err(AwsError::new(
            400,
            "LimitExceededException",
            format!("{MAX_RUNNING} queries are running already; wait for one to end or stop one"),
        ));
    }
    let (from_ms, to_ms) = ((start * 1000.0) as i64, (end * 1000.0) as i64 + 999);
    let scan = Scan::start(
        query,
        &logs.xray().spans().read(),
        region,
        from_ms,
        to_ms,
        now,
    );
    let id = uuid::Uuid::new_v4().to_string();
    logs.with_queries(|q| {
        q.by_id.insert(
            id.clone(),
            QueryRun {
                region: region.to_owned(),
                started: now,
                stopped: None,
                limit,
                scan,
            },
        );
        q.order.push_back(id.clone());
        while q.order.len() > MAX_KEPT {
            if let Some(old) = q.order.pop_front() {
                q.by_id.remove(&old);
            }
        }
    });
    Ok(json!({ "queryId": id }))
}

/// The one log group the request names (in any of the three ways), by name.
fn log_groups(input: &StartInput) -> AwsResult<Vec<String>> {
    let given = [
        input.log_group_name.clone().map(|n| vec![n]),
        input.log_group_names.clone(),
        input.log_group_identifiers.clone(),
    ];
    let mut given = given.into_iter().flatten();
    let (Some(groups), None) = (given.next(), given.next()) else {
        return Err(invalid(
            "give exactly one of logGroupName, logGroupNames or logGroupIdentifiers (the emulator has no SOURCE command)",
        ));
    };
    if groups.is_empty() || groups.len() > 50 {
        return Err(invalid("name 1 to 50 log groups"));
    }
    Ok(groups
        .into_iter()
        .map(|g| match g.split_once(":log-group:") {
            Some((_, name)) => name.trim_end_matches(":*").to_owned(),
            None => g,
        })
        .collect())
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ResultsInput {
    query_id: Option<String>,
    next_token: Option<String>,
    max_items: Option<usize>,
}

pub(crate) fn results(logs: &Logs, region: &str, input: ResultsInput) -> AwsResult<Value> {
    let id = input
        .query_id
        .ok_or_else(|| invalid("queryId is required"))?;
    let now = logs.xray().now();
    let duration = logs.xray().with_settings(|s| s.async_seconds());
    logs.with_queries(|q| {
        let run = q
            .by_id
            .get(&id)
            .filter(|r| r.region == region)
            .ok_or_else(|| unknown(&id))?;
        let (status, scanned) = progress(run, now, duration);
        let output = run.scan.output(scanned, run.limit);
        let rows: Vec<Value> = output
            .rows
            .iter()
            .map(|row| {
                Value::Array(
                    row.iter()
                        .map(|(f, v)| json!({"field": f, "value": v}))
                        .collect(),
                )
            })
            .collect();
        let size = input
            .max_items
            .filter(|n| *n > 0)
            .unwrap_or(MAX_PAGE)
            .min(MAX_PAGE);
        let (rows, next) = page(&rows, input.next_token.as_deref(), size)?;
        Ok(json!({
            "queryLanguage": "CWLI",
            "status": status,
            "results": rows,
            "statistics": {
                "recordsMatched": output.records_matched as f64,
                "recordsScanned": output.records_scanned as f64,
                "estimatedRecordsSkipped": 0.0,
                "bytesScanned": output.bytes_scanned as f64,
                "estimatedBytesSkipped": 0.0,
                "logGroupsScanned": 1.0,
            },
            "nextToken": next,
        }))
    })
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StopInput {
    query_id: Option<String>,
}

pub(crate) fn stop(logs: &Logs, region: &str, input: StopInput) -> AwsResult<Value> {
    let id = input
        .query_id
        .ok_or_else(|| invalid("queryId is required"))?;
    let now = logs.xray().now();
    let duration = logs.xray().with_settings(|s| s.async_seconds());
    logs.with_queries(|q| {
        let run = q
            .by_id
            .get_mut(&id)
            .filter(|r| r.region == region)
            .ok_or_else(|| unknown(&id))?;
        match progress(run, now, duration).0 {
            "Scheduled" | "Running" => {
                run.stopped = Some(now);
                Ok(json!({"success": true}))
            }
            status => Err(invalid(format!(
                "query {id} is not running (it is {status})"
            ))),
        }
    })
}

fn unknown(id: &str) -> AwsError {
    AwsError::not_found(format!(
        "The query {id} does not exist (unknown, or its results expired)"
    ))
}
