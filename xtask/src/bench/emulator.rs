//! The emulator's OTLP ingest figures, from its own benchmark
//! (`cargo run --release -p emulator --example otlp_bench`), read from the lines it prints.

use std::path::Path;

use anyhow::Result;

use crate::sh::printed;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct EmulatorFigures {
    pub otlp_protobuf_spans_per_s: Option<f64>,
    pub otlp_json_spans_per_s: Option<f64>,
    /// The whole output, kept in results.json.
    pub output: String,
}

pub fn run(example: &Path) -> Result<EmulatorFigures> {
    Ok(parse(&printed(example, "the OTLP ingest benchmark")?))
}

/// Reads `OTLP ingest, <encoding>: … = <N> spans/s; …` lines.
pub fn parse(output: &str) -> EmulatorFigures {
    let rate = |encoding: &str| {
        output.lines().find_map(|line| {
            let rest = line.strip_prefix(&format!("OTLP ingest, {encoding}: "))?;
            let (_, after) = rest.split_once(" = ")?;
            after.split_whitespace().next()?.parse().ok()
        })
    };
    EmulatorFigures {
        otlp_protobuf_spans_per_s: rate("protobuf"),
        otlp_json_spans_per_s: rate("JSON"),
        output: output.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ingest_lines_are_read() {
        let output = "OTLP ingest, protobuf: 100016 spans in 196 requests (7.9 MB) in 1.25 s = 80013 spans/s; stored 100016 segments\n\
                      OTLP ingest, JSON: 100016 spans in 196 requests (40.1 MB) in 2.50 s = 40006 spans/s; stored 100016 segments\n";
        let figures = parse(output);
        assert_eq!(figures.otlp_protobuf_spans_per_s, Some(80013.0));
        assert_eq!(figures.otlp_json_spans_per_s, Some(40006.0));
        assert_eq!(parse("nothing").otlp_json_spans_per_s, None);
    }
}
