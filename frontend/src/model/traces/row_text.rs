//! What a row of the results table says, kept to one line: the URL's path (the host is the same
//! service's on every row), whether "Response" and "Duration" need a column each, and the
//! services as a count with the names for the hover.

use shared::api::TraceSummary;

/// The path and query of `url` (everything from the first `/` after `scheme://host`); `url`
/// itself when it has no host.
pub fn url_path(url: &str) -> &str {
    let Some((_, rest)) = url.split_once("://") else {
        return url;
    };
    rest.find('/').map_or("/", |at| &rest[at..])
}

/// X-Ray gives a response time and a duration; they differ only when a trace goes on after its
/// root answered (asynchronous work). One column says it all when no trace differs by a
/// microsecond or more.
pub fn timings_differ(traces: &[TraceSummary]) -> bool {
    traces.iter().any(|t| match (t.response_time, t.duration) {
        (Some(response), Some(duration)) => (duration - response).abs() >= 1e-6,
        (None, None) => false,
        _ => true,
    })
}

/// The names of the services a trace touched, for the count's hover text.
pub fn service_names(trace: &TraceSummary) -> String {
    let names: Vec<&str> = trace
        .services
        .iter()
        .filter_map(|s| s.name.as_deref())
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::ServiceId;

    #[test]
    fn the_path_is_kept_and_the_host_dropped() {
        let check = |url: &str, expect: &str| assert_eq!(url_path(url), expect, "{url}");
        check(
            "https://frontend.us-east-1.awsapprunner.com/product/1199?ref=home",
            "/product/1199?ref=home",
        );
        check("http://localhost:8080/", "/");
        check("https://example.com", "/");
        check("/checkout", "/checkout");
        check("", "");
    }

    #[test]
    fn one_timing_column_when_response_and_duration_agree() {
        let trace = |response: Option<f64>, duration: Option<f64>| TraceSummary {
            response_time: response,
            duration,
            ..TraceSummary::default()
        };
        let check = |traces: &[TraceSummary], expect: bool| {
            assert_eq!(timings_differ(traces), expect, "{traces:?}");
        };
        check(&[], false);
        check(&[trace(Some(0.5), Some(0.5)), trace(None, None)], false);
        check(&[trace(Some(0.5), Some(0.500_000_1))], false);
        check(
            &[trace(Some(0.5), Some(0.5)), trace(Some(0.2), Some(0.9))],
            true,
        );
        check(&[trace(None, Some(0.9))], true);
    }

    #[test]
    fn services_are_named_for_the_hover() {
        let service = |name: Option<&str>| ServiceId {
            name: name.map(str::to_owned),
            ..ServiceId::default()
        };
        let trace = TraceSummary {
            services: vec![
                service(Some("frontend")),
                service(None),
                service(Some("cart")),
            ],
            ..TraceSummary::default()
        };
        assert_eq!(service_names(&trace), "frontend, cart");
    }
}
