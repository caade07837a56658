//! Any bytes → segment documents → assembled trace → rows and critical path: never a panic.
//!
//! The input is read two ways so that both parsing and linking get exercised: as raw JSON
//! documents (one per line), and as 4-byte records turned into well-formed documents whose ids,
//! parent ids and times come from the bytes (duplicates, orphans, loops and clock skew included).

#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use shared::trace::{RawSegment, assemble, critical_path, timeline_rows, visible_rows};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut segments: Vec<RawSegment> = text
        .split('\n')
        .map(|line| RawSegment {
            id: "raw".to_owned(),
            document: line.to_owned(),
        })
        .collect();
    segments.extend(data.chunks_exact(4).map(record_document));

    let trace = assemble(segments).trace;
    let rows = timeline_rows(&trace);
    assert_eq!(
        rows.len(),
        trace.spans.len(),
        "every span is reachable from a root"
    );
    assert!(
        rows.iter().all(|row| row.duration >= 0.0),
        "durations are never negative"
    );
    let collapsed: HashSet<usize> = (0..trace.spans.len()).step_by(3).collect();
    assert!(visible_rows(&trace, &collapsed).len() <= rows.len());
    for section in critical_path(&trace) {
        assert!(section.start < section.end, "no empty sections");
    }
});

/// `[id, parent, start, length]`: 16 possible ids so they collide, a parent byte of 0xF0 or more
/// means none, a length byte of 0 means in progress, and below 0x80 the span runs backwards.
fn record_document(record: &[u8]) -> RawSegment {
    let id = format!("{:016x}", record[0] % 16);
    let start = f64::from(record[2]);
    let mut fields = vec![format!(r#""id":"{id}","name":"n","start_time":{start}"#)];
    if record[3] != 0 {
        fields.push(format!(
            r#""end_time":{}"#,
            start + f64::from(record[3]) - 128.0
        ));
    }
    if record[1] < 0xF0 {
        fields.push(format!(
            r#""type":"subsegment","parent_id":"{:016x}""#,
            record[1] % 16
        ));
    }
    if record[0] & 0x80 != 0 {
        fields.push(format!(
            r#""subsegments":[{{"id":"{:016x}","name":"nested","namespace":"aws","start_time":{start},"end_time":{}}}]"#,
            record[2] % 16,
            start + 1.0
        ));
    }
    RawSegment {
        id,
        document: format!("{{{}}}", fields.join(",")),
    }
}
