//! The bench's output: one table on stdout, and target/bench/results.json with when, which
//! commit and which machine, so two runs can be compared.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::{Value, json};

use super::rows::{Row, Verdict};
use crate::sh::{cmd, output};

pub fn table(rows: &[Row]) -> String {
    let headers = ["what", "measured", "target", "result"];
    let cells: Vec<[String; 4]> = rows
        .iter()
        .map(|row| {
            let result = match row.verdict {
                Verdict::Pass => "pass",
                Verdict::Fail => "FAIL",
                Verdict::Info => "reported",
                Verdict::NotMeasured => "—",
            };
            [
                row.what.clone(),
                row.measured.clone(),
                row.target.clone(),
                result.to_owned(),
            ]
        })
        .collect();
    let mut widths = headers.map(|h| h.chars().count());
    for line in &cells {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let format = |line: [&str; 4]| {
        let padded: Vec<String> = line
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - cell.chars().count())))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let mut text = format(headers);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    text.push_str(&format!("|-{}-|\n", rule.join("-|-")));
    for line in &cells {
        text.push_str(&format(line.each_ref().map(String::as_str)));
    }
    text
}

/// Writes results.json: the rows, the raw figures, and the run's circumstances.
pub fn write(path: &Path, rows: &[Row], raw: Value) -> Result<()> {
    let results = json!({
        "timestamp": output(cmd("date").args(["-u", "+%Y-%m-%dT%H:%M:%SZ"])),
        "git": {
            "commit": output(cmd("git").args(["rev-parse", "HEAD"])),
            "uncommitted_changes": output(cmd("git").args(["status", "--porcelain"])).map(|s| !s.is_empty()),
        },
        "machine": machine(),
        "rows": rows.iter().map(Row::to_json).collect::<Vec<_>>(),
        "raw": raw,
    });
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(path, serde_json::to_string_pretty(&results)?)
        .with_context(|| format!("writing {}", path.display()))
}

fn machine() -> Value {
    let proc_field = |file: &str, key: &str| {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        text.lines()
            .find(|line| line.starts_with(key))
            .and_then(|line| line.split_once(':'))
            .map(|(_, value)| value.trim().to_owned())
    };
    json!({
        "cpus": std::thread::available_parallelism().map(|n| n.get()).ok(),
        "cpu_model": proc_field("/proc/cpuinfo", "model name"),
        "memory": proc_field("/proc/meminfo", "MemTotal"),
        "load_average": std::fs::read_to_string("/proc/loadavg").ok().map(|s| s.trim().to_owned()),
        "kernel": output(cmd("uname").args(["-sr"])),
        "rustc": output(cmd("rustc").arg("--version")),
        "chromium": output(cmd(crate::tools::CHROMIUM).arg("--version")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lines_up() {
        let rows = vec![
            Row {
                what: "a".into(),
                measured: "1.0 ms".into(),
                target: "≤ 2 ms".into(),
                verdict: Verdict::Pass,
            },
            Row {
                what: "longer name".into(),
                measured: "not measured (x)".into(),
                target: "—".into(),
                verdict: Verdict::NotMeasured,
            },
        ];
        let expect = "\
| what        | measured         | target | result |
|-------------|------------------|--------|--------|
| a           | 1.0 ms           | ≤ 2 ms | pass   |
| longer name | not measured (x) | —      | —      |
";
        assert_eq!(table(&rows), expect);
    }
}
