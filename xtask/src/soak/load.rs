//! Concurrent clients over the API's read routes, each on its own keep-alive connection, as the
//! dashboard's pages call them: lists, the map and its time series, one service, one trace and
//! what its page loads. Names and trace ids come from the answers themselves.

use std::net::SocketAddr;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::http::Client;
use super::report::Tally;

/// What the answers so far named: services (region, name), map nodes, trace ids.
#[derive(Default)]
pub struct Known {
    services: Vec<(String, String)>,
    nodes: Vec<String>,
    traces: Vec<String>,
}

/// The routes in the order a client walks them (each client starts at its own place).
pub const ROUTES: &[&str] = &[
    "health",
    "config",
    "services",
    "service",
    "map",
    "map 1h",
    "timeseries",
    "traces",
    "traces filtered",
    "trace",
    "trace document",
    "trace export",
    "trace map",
    "groups",
    "transaction-search",
];

/// The request path of `route`, or `None` until the answers have named what it needs.
fn path(route: &str, known: &Known, turn: usize) -> Option<String> {
    let pick = |items: &[String]| items.get(turn % items.len().max(1)).cloned();
    let trace = || pick(&known.traces);
    Some(match route {
        "health" => "/api/v1/health".into(),
        "config" => "/api/v1/config".into(),
        "services" => "/api/v1/services".into(),
        "service" => {
            let (region, name) = known.services.get(turn % known.services.len().max(1))?;
            format!("/api/v1/services/{region}/{name}")
        }
        "map" => "/api/v1/map?window=15m".into(),
        "map 1h" => "/api/v1/map?region=us-east-1&window=1h".into(),
        "timeseries" => format!(
            "/api/v1/map/timeseries?node={}&window=1h",
            pick(&known.nodes)?
        ),
        "traces" => "/api/v1/traces?window=15m".into(),
        "traces filtered" => "/api/v1/traces?window=1h&filter=responsetime%20%3E%200.1".into(),
        "trace" => format!("/api/v1/traces/{}", trace()?),
        "trace document" => format!("/api/v1/traces/{}/documents/0", trace()?),
        "trace export" => format!("/api/v1/traces/{}/export", trace()?),
        "trace map" => format!("/api/v1/traces/{}/map", trace()?),
        "groups" => "/api/v1/groups".into(),
        "transaction-search" => "/api/v1/transaction-search".into(),
        _ => return None,
    })
}

/// Remembers what a list's answer names (the newest traces replace the older ones).
fn learn(route: &str, body: &[u8], known: &RwLock<Known>) {
    let Ok(json) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    let texts = |list: &Value, key: &str| -> Vec<String> {
        let items = list.as_array().map(Vec::as_slice).unwrap_or_default();
        items
            .iter()
            .filter_map(|item| Some(item.get(key)?.as_str()?.to_owned()))
            .take(50)
            .collect()
    };
    let Ok(mut known) = known.write() else { return };
    match route {
        "services" => {
            let regions = texts(&json["services"], "region");
            let names = texts(&json["services"], "name");
            if !names.is_empty() {
                known.services = regions.into_iter().zip(names).collect();
            }
        }
        "map" => {
            let nodes = texts(&json["nodes"], "name");
            if !nodes.is_empty() {
                known.nodes = nodes;
            }
        }
        "traces" => {
            let traces = texts(&json["traces"], "id");
            if !traces.is_empty() {
                known.traces = traces;
            }
        }
        _ => {}
    }
}

/// One client until `deadline`: every answer goes into the tally.
pub fn client(addr: SocketAddr, first: usize, deadline: Instant, known: &RwLock<Known>) -> Tally {
    let mut tally = Tally::default();
    let mut connection = Client::new(addr);
    let mut turn = first;
    while Instant::now() < deadline {
        let route = ROUTES[turn % ROUTES.len()];
        turn += 1;
        let Some(path) = known
            .read()
            .ok()
            .and_then(|k| path(route, &k, turn / ROUTES.len()))
        else {
            continue;
        };
        let started = Instant::now();
        let answer = connection.get(&path, &[("Accept", "application/json")]);
        let took = started.elapsed();
        match &answer {
            Ok(response) if response.status == 200 => learn(route, &response.body, known),
            Ok(_) => {}
            // A refused or reset connection: not a hot loop while the server recovers.
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
        tally.record(
            route,
            &path,
            answer.as_ref().map_err(|e| format!("{e:#}")),
            took,
        );
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_wait_for_the_names_they_need() {
        let known = RwLock::new(Known::default());
        let ready = |route| path(route, &known.read().expect("readable"), 0).is_some();
        assert!(ready("health") && ready("map") && ready("traces"));
        assert!(!ready("service") && !ready("trace") && !ready("timeseries"));
        learn(
            "services",
            br#"{"services":[{"region":"us-east-1","name":"checkout"}]}"#,
            &known,
        );
        learn("map", br#"{"nodes":[{"name":"cart"}],"edges":[]}"#, &known);
        learn(
            "traces",
            br#"{"traces":[{"id":"1-abc-def"},{"id":"1-abc-012"}]}"#,
            &known,
        );
        learn("traces", b"not json", &known);
        learn("traces", br#"{"traces":[]}"#, &known);
        let known = known.read().expect("readable");
        assert_eq!(
            path("service", &known, 3).as_deref(),
            Some("/api/v1/services/us-east-1/checkout")
        );
        assert_eq!(
            path("trace export", &known, 1).as_deref(),
            Some("/api/v1/traces/1-abc-012/export")
        );
        assert_eq!(
            path("timeseries", &known, 0).as_deref(),
            Some("/api/v1/map/timeseries?node=cart&window=1h")
        );
        assert!(
            ROUTES.iter().all(|route| path(route, &known, 0).is_some()),
            "every route has a path"
        );
    }
}
