//! CloudWatch Logs Insights over the log group `aws/spans`: StartQuery, GetQueryResults (every
//! page) and StopQuery, with their answers as plain values.
//!
//! botocore defines no paginator for GetQueryResults, so its pages are followed by hand, with a
//! bound.

use aws_sdk_cloudwatchlogs::types::QueryStatus as AwsQueryStatus;
use shared::api::QueryStatus;

use crate::aws::UpstreamResult;
use crate::aws::error::{ErrorKind, UpstreamError};
use crate::aws::limiter::Limiter;
use crate::aws::requests::TimeRange;

pub const LOG_GROUP: &str = "aws/spans";
/// A query returns at most 10,000 rows a page and 100,000 in all: 10 pages.
const MAX_PAGES: usize = 10;

/// A query's answer so far: its status, rows (every value a string) and statistics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryAnswer {
    pub status: Option<QueryStatus>,
    pub rows: Vec<Vec<(String, String)>>,
    pub records_scanned: f64,
    pub records_matched: f64,
    pub bytes_scanned: f64,
}

pub async fn start_query(
    client: &aws_sdk_cloudwatchlogs::Client,
    region: &str,
    range: TimeRange,
    query: &str,
    limit: u32,
    limiter: &Limiter,
) -> UpstreamResult<String> {
    let action = "logs:StartQuery";
    let answer = limiter
        .run(
            client
                .start_query()
                .log_group_name(LOG_GROUP)
                .start_time(range.start)
                .end_time(range.end)
                .query_string(query)
                .limit(i32::try_from(limit).unwrap_or(i32::MAX))
                .send(),
        )
        .await
        .map_err(|e| classified(UpstreamError::from_sdk(action, region, e)))?;
    answer.query_id().map(str::to_owned).ok_or_else(|| {
        UpstreamError::new(
            ErrorKind::Fault,
            action,
            region,
            "StartQuery answered no queryId",
        )
    })
}

pub async fn results(
    client: &aws_sdk_cloudwatchlogs::Client,
    region: &str,
    query_id: &str,
    limiter: &Limiter,
) -> UpstreamResult<QueryAnswer> {
    let mut answer = QueryAnswer::default();
    let mut next_token = None;
    for _ in 0..MAX_PAGES {
        let page = limiter
            .run(
                client
                    .get_query_results()
                    .query_id(query_id)
                    .set_next_token(next_token.take())
                    .send(),
            )
            .await
            .map_err(|e| classified(UpstreamError::from_sdk("logs:GetQueryResults", region, e)))?;
        answer.status = page.status().map(status);
        if let Some(statistics) = page.statistics() {
            answer.records_scanned = statistics.records_scanned();
            answer.records_matched = statistics.records_matched();
            answer.bytes_scanned = statistics.bytes_scanned();
        }
        answer.rows.extend(page.results().iter().map(|row| {
            row.iter()
                .filter_map(|f| Some((f.field()?.to_owned(), f.value()?.to_owned())))
                .collect()
        }));
        next_token = page.next_token().map(str::to_owned);
        if next_token.is_none() {
            break;
        }
    }
    Ok(answer)
}

/// Stops a running query; `false` when it had ended already (Logs refuses to stop it then).
pub async fn stop_query(
    client: &aws_sdk_cloudwatchlogs::Client,
    region: &str,
    query_id: &str,
    limiter: &Limiter,
) -> UpstreamResult<bool> {
    match limiter
        .run(client.stop_query().query_id(query_id).send())
        .await
    {
        Ok(answer) => Ok(answer.success()),
        Err(error) => {
            let error = classified(UpstreamError::from_sdk("logs:StopQuery", region, error));
            match error.kind {
                ErrorKind::InvalidRequest => Ok(false),
                _ => Err(error),
            }
        }
    }
}

fn status(status: &AwsQueryStatus) -> QueryStatus {
    QueryStatus::from(status.as_str())
}

/// CloudWatch Logs' own error codes, in the kinds runtrace tells apart.
fn classified(mut error: UpstreamError) -> UpstreamError {
    match error.aws_code.as_deref() {
        Some("MalformedQueryException") => error.kind = ErrorKind::InvalidRequest,
        Some("LimitExceededException") => error.kind = ErrorKind::Throttled,
        Some("ResourceNotFoundException") if error.action == "logs:StartQuery" => {
            error.kind = ErrorKind::NotFound {
                what: format!(
                    "the log group {LOG_GROUP} in {} (Transaction Search is off there)",
                    error.region
                ),
            };
        }
        _ => {}
    }
    error
}
