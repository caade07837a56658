//! Decoders for the backend's largest answers. The browser bundle is optimized for size
//! (`opt-level = "z"`), which makes serde's generated parsers about 2.5× slower; this crate is
//! optimized for speed instead (`[profile.wasm-release.package.decode]`), and because its
//! functions are not generic, the parsers are compiled here, in this crate's profile, rather
//! than in the app that calls them. Opening a 100,000-span trace spends most of its time here.

use shared::api::TraceDetail;

/// A [`TraceDetail`] from the backend's JSON bytes.
pub fn trace_detail(json: &[u8]) -> Result<TraceDetail, serde_json::Error> {
    serde_json::from_slice(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_trace_and_refuses_what_is_not_one() {
        let json = br#"{"id":"1-5f000000-000000000000000000000000","trace":{"start":1.5,"end":2.0,
            "spans":[{"id":"aaaaaaaaaaaaaaaa","name":"web","kind":"segment","document":0,
            "start_time":1.5,"end_time":2.0}],"roots":[0]}}"#;
        let detail = trace_detail(json).expect("a trace");
        assert_eq!(detail.trace.spans[0].name, "web");
        assert_eq!(detail.trace.duration(), 0.5);
        assert!(trace_detail(b"{\"id\": 3}").is_err());
        assert!(trace_detail(b"not json").is_err());
    }
}
