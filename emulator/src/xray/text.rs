//! A document's text as sent, held compressed: BatchGetTraces must return it byte for byte, but
//! nothing else reads it. Each document is deflated on its own (a re-sent segment replaces one
//! document, not a block), against a preset dictionary of what X-Ray documents from ADOT and the
//! X-Ray SDKs have in common — keys, the `aws` and `http` blocks, the usual values — which halves
//! what plain deflate leaves of a small document (measured on `shop`: 1,423 B of text, 717 B
//! deflated, 378 B with the dictionary).

use std::cell::RefCell;

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

/// Deflate's window is 32 kB, so only the dictionary's end would count beyond that; this one is
/// a few hundred bytes. The most common fragments come last (they are then the nearest).
const DICTIONARY: &str = concat!(
    r#"{"cause":{"working_directory":"/app","paths":[],"exceptions":[{"id":"","message":"","type":"","remote":true,"#,
    r#""stack":[{"path":"","line":1,"label":""}]}]},"sql":{"url":"","sanitized_query":"SELECT ","database_type":"PostgreSQL","#,
    r#""database_version":"","driver_version":"","user":"","preparation":"statement"},"annotations":{},"#,
    r#""ecs":{"container":"","container_id":"","availability_zone":"","cluster_arn":"arn:aws:ecs:","task_arn":"","#,
    r#""task_family":"","launch_type":"fargate"},"ec2":{"instance_id":"i-","availability_zone":""},"#,
    r#""metadata":{"default":{"otel.resource.cloud.provider":"aws","otel.resource.cloud.platform":"aws_ecs","#,
    r#""otel.resource.service.name":""}},"precursor_ids":[],"type":"subsegment","in_progress":true,"#,
    r#""error":true,"fault":true,"throttle":true,"user":"","origin":"AWS::ECS::Fargate","#,
    r#""resource_arn":"arn:aws:apprunner:us-east-1:123456789012:service/","service":{"version":""},"#,
    r#""subsegments":[{"aws":{"operation":"","region":"us-east-1","request_id":"","queue_url":"https://sqs.","#,
    r#""table_name":""},"end_time":1,"http":{"request":{"method":"GET","url":"https://","traced":true},"#,
    r#""response":{"content_length":512,"status":200}},"id":"","name":"DynamoDB","namespace":"aws","start_time":1}],"#,
    r#"{"aws":{"account_id":"123456789012","xray":{"auto_instrumentation":false,"sdk":"opentelemetry for java","#,
    r#""sdk_version":""}},"end_time":1,"http":{"request":{"client_ip":"","method":"POST","url":"https://","#,
    r#""user_agent":"Mozilla/5.0 ","x_forwarded_for":true},"response":{"content_length":1,"status":200}},"#,
    r#""id":"","metadata":{"default":{"otel.resource.cloud.platform":"aws_app_runner","otel.resource.service.name":""}},"#,
    r#""name":"","origin":"AWS::AppRunner::Service","parent_id":"","start_time":1,"trace_id":"1-"}"#,
);

/// zlib's default: levels above it gain nothing on documents this small (measured: the same
/// 712 B at 6 and 9), and a document is compressed once, as it arrives.
const LEVEL: u32 = 6;

/// A document's text, deflated (or, should deflate ever fail, as it is: never lost).
pub(crate) enum DocumentText {
    Deflated(Box<[u8]>),
    Plain(Box<str>),
}

impl DocumentText {
    pub fn new(text: &str) -> Self {
        match deflate(text.as_bytes()) {
            Some(deflated) => Self::Deflated(deflated),
            None => Self::Plain(text.into()),
        }
    }

    /// Bytes held (the allocation).
    pub fn bytes(&self) -> usize {
        match self {
            Self::Deflated(bytes) => bytes.len(),
            Self::Plain(text) => text.len(),
        }
    }

    /// The text exactly as it was given.
    pub fn text(&self) -> String {
        match self {
            // What this module deflated inflates; the empty text is a bug's only trace.
            Self::Deflated(bytes) => inflate(bytes).unwrap_or_default(),
            Self::Plain(text) => text.to_string(),
        }
    }
}

thread_local! {
    /// One compressor and one output buffer per thread, reset between documents: a fresh
    /// compressor allocates ~300 kB of state, and allocating and freeing that for every document
    /// fragmented the heap so badly that the process held four times what the store did
    /// (measured: 1.7 kB per segment allocated, 7.5 kB resident).
    static DEFLATE: RefCell<(Compress, Vec<u8>)> =
        RefCell::new((Compress::new(Compression::new(LEVEL), false), Vec::new()));
    static INFLATE: RefCell<Decompress> = RefCell::new(Decompress::new(false));
}

fn deflate(input: &[u8]) -> Option<Box<[u8]>> {
    DEFLATE.with_borrow_mut(|(z, out)| {
        z.reset();
        z.set_dictionary(DICTIONARY.as_bytes()).ok()?;
        out.clear();
        // Deflate grows incompressible input by a few bytes per block: one call finishes it.
        out.reserve(input.len() + input.len() / 1_000 + 64);
        let status = z.compress_vec(input, out, FlushCompress::Finish).ok()?;
        let done = matches!(status, Status::StreamEnd);
        // Copied out at its exact size; the buffer stays for the next document (unless a rare
        // large one left it oversized).
        let deflated = done.then(|| Box::from(out.as_slice()));
        if out.capacity() > 1 << 20 {
            *out = Vec::new();
        }
        deflated
    })
}

fn inflate(input: &[u8]) -> Option<String> {
    INFLATE.with_borrow_mut(|z| {
        z.reset(false);
        z.set_dictionary(DICTIONARY.as_bytes()).ok()?;
        let mut out = Vec::with_capacity(input.len() * 4 + 64);
        loop {
            let consumed = usize::try_from(z.total_in()).ok()?;
            match z
                .decompress_vec(&input[consumed..], &mut out, FlushDecompress::Finish)
                .ok()?
            {
                Status::StreamEnd => break,
                Status::Ok | Status::BufError if out.len() == out.capacity() => {
                    out.reserve(out.capacity());
                }
                Status::Ok | Status::BufError => return None,
            }
        }
        String::from_utf8(out).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_comes_back_byte_for_byte() {
        let check = |text: &str| {
            let stored = DocumentText::new(text);
            assert_eq!(stored.text(), text);
            stored.bytes()
        };
        check("");
        check("{}");
        check("not json at all — ünïcödé ✓");
        let document = r#"{"name":"checkout","id":"0123456789abcdef","trace_id":"1-6553f100-0123456789abcdef01234567","start_time":1700000000.5,"end_time":1700000001,"origin":"AWS::AppRunner::Service","http":{"request":{"method":"POST","url":"https://shop.example/cart"},"response":{"status":200}}}"#;
        let small = check(document);
        assert!(small < document.len() / 2, "{small} of {}", document.len());
        // Larger than any first guess of the output's size: the buffer grows.
        let random: String = (0..200_000u32)
            .map(|i| char::from(b'!' + (i.wrapping_mul(2_654_435_761) >> 27) as u8))
            .collect();
        check(&random);
    }
}
