//! All-spans search agrees with X-Ray: with Transaction Search on and every trace indexed, the
//! Logs Insights query `shared::search` makes of a filter expression finds, over `aws/spans`,
//! exactly the traces GetTraceSummaries finds with the expression itself — over the `shop`
//! scenario's history, for every refiner and the shapes they combine into.

use std::collections::BTreeSet;

use emulator::{Clock, Emulator, EmulatorConfig, ScenarioName};
use serde_json::{Value, json};

const NOW: f64 = 1_767_225_600.0;
const REGION: &str = "us-east-1";

/// One installed `shop` for every test of this file (installing it takes a while).
static SHOP: std::sync::LazyLock<Emulator> = std::sync::LazyLock::new(|| {
    let emulator = Emulator::new(&EmulatorConfig {
        clock: Clock::manual(NOW),
        scenario: ScenarioName::Shop,
        transaction_search: Some(100.0),
        async_seconds: 0.0,
        ..EmulatorConfig::default()
    });
    emulator::scenario::install(ScenarioName::Shop, &emulator, 7);
    emulator
});

fn xray_ids(emulator: &Emulator, filter: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut token = Value::Null;
    loop {
        let body = json!({"StartTime": NOW - 3600.0, "EndTime": NOW, "FilterExpression": filter, "NextToken": token});
        let page = emulator
            .xray
            .handle(REGION, "/TraceSummaries", body.to_string().as_bytes())
            .expect("summaries");
        ids.extend(
            page["TraceSummaries"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t["Id"].as_str().map(str::to_owned)),
        );
        token = page["NextToken"].clone();
        if token.is_null() {
            return ids;
        }
    }
}

fn logs(emulator: &Emulator, op: &str, body: Value) -> Value {
    emulator
        .logs
        .handle(REGION, op, body.to_string().as_bytes())
        .unwrap_or_else(|e| panic!("{op}: {e}"))
}

fn rows(emulator: &Emulator, query: &str) -> Vec<Vec<(String, String)>> {
    let start = json!({"logGroupName": "aws/spans", "startTime": NOW as i64 - 3600, "endTime": NOW as i64, "queryString": query});
    let id = logs(emulator, "StartQuery", start)["queryId"].clone();
    let results = logs(emulator, "GetQueryResults", json!({"queryId": id}));
    assert_eq!(results["status"], "Complete");
    results["results"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| {
            row.as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| {
                    Some((
                        f["field"].as_str()?.to_owned(),
                        f["value"].as_str()?.to_owned(),
                    ))
                })
                .collect()
        })
        .collect()
}

fn spans_ids(emulator: &Emulator, filter: &str) -> BTreeSet<String> {
    let expr = shared::filter::parse(filter).expect("parses");
    let query = shared::search::translate(Some(&expr), shared::search::MAX_ROWS)
        .unwrap_or_else(|e| panic!("{filter}: {e}"));
    let found = rows(emulator, &query.query);
    assert!(
        found.len() < shared::search::MAX_ROWS as usize,
        "{filter}: the limit cut the answer"
    );
    shared::search::summaries(&found)
        .into_iter()
        .map(|t| t.id)
        .collect()
}

#[test]
fn every_refiner_finds_the_traces_x_ray_finds() {
    let emulator = &*SHOP;
    let filters = [
        "http.status = 500",
        "http.status >= 400 AND http.status < 500",
        "fault",
        "error",
        "throttle",
        "ok",
        "!fault",
        "http.method = \"POST\" OR http.method = \"PUT\"",
        "http.url CONTAINS \"/cart\"",
        "http.url ENDSWITH \"/checkout\"",
        "responsetime >= 0.2",
        "responsetime >= 0.05 AND responsetime <= 0.1",
        "name = \"frontend\"",
        "service(\"payments\")",
        "service(\"cart-sessions\")",
        "service(\"notifications\")",
        "service(id(name: \"orders\", type: \"AWS::AppRunner::Service\"))",
        "fault AND service(\"payments\")",
        "http.method = \"POST\" AND !service(\"payments\")",
        "annotation.tenant = \"us\"",
        "annotation.express_shipping = true",
        "annotation.product_id",
        "annotation.product_id = 42",
        "user = \"customer-7\"",
        "user BEGINSWITH \"customer-1\" AND fault = false",
    ];
    let mut nonempty = 0;
    for filter in filters {
        let (xray, spans) = (xray_ids(emulator, filter), spans_ids(emulator, filter));
        assert_eq!(
            spans,
            xray,
            "{filter}: all spans {} traces, X-Ray {}",
            spans.len(),
            xray.len()
        );
        nonempty += usize::from(!xray.is_empty());
    }
    assert!(
        nonempty >= filters.len() - 2,
        "the filters find something in shop: {nonempty}"
    );
}

#[test]
fn rows_carry_what_x_ray_summaries_show() {
    let emulator = &*SHOP;
    let query = shared::search::translate(None, 200).expect("translates");
    let summaries = shared::search::summaries(&rows(emulator, &query.query));
    assert_eq!(summaries.len(), 200);
    for summary in summaries.iter().take(20) {
        let body = json!({"StartTime": NOW - 3600.0, "EndTime": NOW, "FilterExpression": format!("http.url = \"{}\"", summary.http.as_ref().and_then(|h| h.url.clone()).unwrap_or_default())});
        let xray = emulator
            .xray
            .handle(REGION, "/TraceSummaries", body.to_string().as_bytes())
            .expect("summaries");
        let same = xray["TraceSummaries"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["Id"] == summary.id.as_str())
            .cloned()
            .expect("X-Ray has it");
        assert_eq!(
            same["Http"]["HttpStatus"].as_u64(),
            summary.http.as_ref().and_then(|h| h.status).map(u64::from)
        );
        assert_eq!(
            same["Http"]["HttpMethod"].as_str(),
            summary.http.as_ref().and_then(|h| h.method.as_deref())
        );
        assert_eq!(
            same["HasFault"].as_bool(),
            Some(summary.has_fault),
            "{}",
            summary.id
        );
        assert_eq!(
            same["HasError"].as_bool(),
            Some(summary.has_error),
            "{}",
            summary.id
        );
        assert_eq!(
            same["EntryPoint"]["Name"].as_str(),
            summary.entry_point.as_ref().and_then(|e| e.name.as_deref())
        );
        let response = same["ResponseTime"].as_f64().unwrap_or_default();
        assert!((response - summary.response_time.unwrap_or_default()).abs() < 1e-6);
        assert!((same["StartTime"].as_f64().unwrap_or_default() - summary.start_time).abs() < 1e-6);
    }
}
