use std::time::Instant;
fn main() {
    for path in ["/tmp/t10k.json", "/tmp/t100k.json"] {
        let text = std::fs::read_to_string(path).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v["trace"]["documents"] = serde_json::json!([]);
        let slim = v.to_string();
        for (name, t) in [("full", &text), ("no docs", &slim)] {
            let started = Instant::now();
            let d: shared::api::TraceDetail = serde_json::from_str(t).unwrap();
            let decode = started.elapsed();
            let started = Instant::now();
            let rows = shared::trace::timeline_rows(&d.trace);
            let cp = shared::trace::critical_path(&d.trace);
            println!(
                "{path} {name}: {} bytes decode {decode:?} rows+cp {:?} ({} rows {})",
                t.len(),
                started.elapsed(),
                rows.len(),
                cp.len()
            );
        }
    }
}
