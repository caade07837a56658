//! Decoders for the backend's largest answers. The browser bundle is optimized for size
//! (`opt-level = "z"`), which makes generated parsers about 2.5× slower; this crate is optimized
//! for speed instead (`[profile.wasm-release.package.decode]`), and because its functions are not
//! generic, the parsers are compiled here, in this crate's profile, rather than in the app that
//! calls them. Opening a 100,000-span trace spends much of its time here.

use shared::api::TraceDetail;
use shared::api::compact_trace::{
    CompactError, CompactHeader, CompactSpan, MIN_SPAN_BYTES, assemble, span_from,
};

/// A [`TraceDetail`] from its compact form (`shared::api::compact_trace`), the bytes the backend
/// answers for its media type. Each span is converted as it is read, into a list allocated once
/// (growing a list of 100,000 spans copies it again and again); bytes after the last span mean
/// it is not a trace.
pub fn trace_detail(bytes: &[u8]) -> Result<TraceDetail, CompactError> {
    let failed = |error: postcard::Error| CompactError::Encoding(error.to_string());
    let (header, mut rest) = postcard::take_from_bytes::<CompactHeader>(bytes).map_err(failed)?;
    // A count the bytes cannot hold is not believed (nor allocated for).
    let mut spans = Vec::with_capacity(header.span_count.min(rest.len() / MIN_SPAN_BYTES));
    for _ in 0..header.span_count {
        let (span, after) = postcard::take_from_bytes::<CompactSpan>(rest).map_err(failed)?;
        spans.push(span_from(span, header.start)?);
        rest = after;
    }
    if !rest.is_empty() {
        return Err(CompactError::Encoding(format!(
            "{} bytes follow the last span",
            rest.len()
        )));
    }
    Ok(assemble(header, spans))
}
#[cfg(test)]
mod tests {
    use shared::api::RawSegment;
    use shared::api::compact_trace::encode;
    use shared::trace::Span;

    use super::*;

    const ID: &str = "1-5f000000-000000000000000000000000";

    /// Documents that use every field a span can carry, an unreadable one, and an orphan.
    fn documents() -> Vec<RawSegment> {
        let documents = [
            r#"{"id":"aaaaaaaaaaaaaaaa","name":"web","trace_id":"1-5f000000-000000000000000000000000",
                "start_time":1.5,"end_time":2.25,"origin":"AWS::AppRunner::Service","user":"ana",
                "service":{"version":"1.2"},"fault":true,"error":true,"throttle":true,
                "http":{"request":{"method":"GET","url":"https://web/é","user_agent":"curl",
                    "client_ip":"10.0.0.1","x_forwarded_for":true},
                    "response":{"status":503,"content_length":12}},
                "annotations":{"tier":"gold","retries":3,"cached":false},
                "metadata":{"default":{"nested":[1,{"a":null}]}},
                "cause":{"working_directory":"/app","paths":["/app/x.py"],
                    "exceptions":[{"id":"e1","message":"boom","type":"Oops","remote":true,
                        "stack":[{"path":"x.py","line":3,"label":"f"}]}]},
                "aws":{"account_id":"123456789012","ecs":{"container":"c1"}},
                "links":[{"trace_id":"1-5f000000-111111111111111111111111","id":"cccccccccccccccc"}],
                "subsegments":[{"id":"bbbbbbbbbbbbbbbb","name":"DynamoDB","namespace":"aws",
                    "start_time":1.6,"end_time":1.7,"in_progress":false,
                    "aws":{"operation":"GetItem","table_name":"t","region":"eu-west-1","request_id":"r"},
                    "sql":{"url":"db","sanitized_query":"select 1","preparation":"statement"},
                    "cause":"e1","http":{"response":{"status":429}}},
                    {"id":"dddddddddddddddd","name":"remote","namespace":"remote","start_time":1.8,
                    "in_progress":true,"http":{"request":{"traced":true}}}]}"#,
            r#"{"id":"eeeeeeeeeeeeeeee","name":"late","trace_id":"1-5f000000-000000000000000000000000",
                "parent_id":"ffffffffffffffff","start_time":3.0,"end_time":3.5}"#,
            "{not json",
        ];
        documents
            .iter()
            .enumerate()
            .map(|(i, document)| RawSegment {
                id: format!("segment-{i}"),
                document: (*document).to_owned(),
            })
            .collect()
    }

    #[test]
    fn a_trace_reads_back_as_it_was_written() {
        let mut detail = TraceDetail::assemble(ID.into(), Some(2.0), true, documents());
        detail.retrieved = true;
        let bytes = encode(&detail).expect("encodes");
        let back = trace_detail(&bytes).expect("decodes");
        // The documents never cross the wire; everything else does, exactly.
        detail.trace.documents.clear();
        assert_eq!(back, detail);
        // The fixture reaches every kind of field, so the comparison above is not vacuous.
        let spans = &back.trace.spans;
        assert_eq!(spans.len(), 4);
        assert!(back.partial && back.limit_exceeded && !back.problems.is_empty());
        assert!(spans.iter().any(|s| s.orphan) && spans.iter().any(|s| s.in_progress));
        let present: [fn(&Span) -> bool; 8] = [
            |s| s.sql.is_some(),
            |s| s.cause.is_some(),
            |s| s.metadata.is_some(),
            |s| s.aws.as_ref().is_some_and(|aws| !aws.other.is_empty()),
            |s| s.annotations.len() == 3,
            |s| s.http_status() == Some(503),
            |s| s.downstream.is_some(),
            |s| s.service_version.is_some(),
        ];
        for (i, has) in present.iter().enumerate() {
            assert!(spans.iter().any(has), "no span has field {i}");
        }
    }

    #[test]
    fn bytes_that_are_not_a_compact_trace_are_refused() {
        let detail = TraceDetail::assemble(ID.into(), None, false, documents());
        let bytes = encode(&detail).expect("encodes");
        let check = |bytes: &[u8]| assert!(trace_detail(bytes).is_err(), "{bytes:?}");
        check(b"");
        check(br#"{"id":"1-5f000000-000000000000000000000000"}"#);
        check(&bytes[..bytes.len() / 2]);
        check(&[bytes.as_slice(), b"\0"].concat());
        // A span count far beyond what the bytes hold is refused, not allocated for.
        let mut huge = postcard::to_allocvec(&CompactHeader {
            span_count: usize::MAX / 2,
            ..postcard::from_bytes(&bytes).expect("a header")
        })
        .expect("encodes");
        huge.extend_from_slice(&bytes[bytes.len() - MIN_SPAN_BYTES..]);
        check(&huge);
    }
}
