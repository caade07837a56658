//! The trace as X-Ray's own `BatchGetTraces` answer, so a download opens in any X-Ray tool.

use serde_json::{Value, json};
use shared::api::TraceDetail;

/// `{"Traces": [{"Id", "Duration", "LimitExceeded", "Segments": [{"Id", "Document"}]}]}`, with
/// every document exactly as X-Ray returned it.
pub fn xray_json(detail: &TraceDetail) -> String {
    let segments: Vec<Value> = detail
        .trace
        .documents
        .iter()
        .map(|document| {
            // A document that does not parse keeps an empty id: its text is still worth having.
            let id = serde_json::from_str::<Value>(document)
                .ok()
                .and_then(|value| value.get("id").and_then(Value::as_str).map(str::to_owned))
                .unwrap_or_default();
            json!({ "Id": id, "Document": document })
        })
        .collect();
    let trace = json!({
        "Id": detail.id,
        "Duration": detail.duration,
        "LimitExceeded": detail.limit_exceeded,
        "Segments": segments,
    });
    serde_json::to_string_pretty(&json!({ "Traces": [trace] })).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::RawSegment;

    #[test]
    fn exports_every_document_as_x_ray_returned_it() {
        let good = r#"{"id":"aaaaaaaaaaaaaaaa","name":"web","trace_id":"1-5f000000-000000000000000000000000","start_time":1,"end_time":2}"#;
        let broken = "{not json";
        let segments =
            [("aaaaaaaaaaaaaaaa", good), ("bbbbbbbbbbbbbbbb", broken)].map(|(id, document)| {
                RawSegment {
                    id: id.into(),
                    document: document.into(),
                }
            });
        let detail = TraceDetail::assemble(
            "1-5f000000-000000000000000000000000".into(),
            Some(1.0),
            false,
            segments.to_vec(),
        );
        let exported: Value = serde_json::from_str(&xray_json(&detail)).expect("valid JSON");
        let trace = &exported["Traces"][0];
        assert_eq!(trace["Id"], "1-5f000000-000000000000000000000000");
        assert_eq!(trace["Duration"], 1.0);
        let documents: Vec<&str> = trace["Segments"]
            .as_array()
            .expect("segments")
            .iter()
            .filter_map(|s| s["Document"].as_str())
            .collect();
        assert!(documents.contains(&good), "{documents:?}");
        assert_eq!(trace["Segments"][0]["Id"], "aaaaaaaaaaaaaaaa");
    }
}
