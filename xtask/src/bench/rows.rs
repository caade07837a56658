//! One row of the bench table: a reading (a number, or why there is none) held against its goal.

use serde_json::{Value, json};

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Pass,
    Fail,
    /// Reported only: DESIGN.md sets no target for this figure.
    Info,
    NotMeasured,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub what: String,
    pub measured: String,
    pub target: String,
    pub verdict: Verdict,
}

impl Row {
    pub fn to_json(&self) -> Value {
        let verdict = match self.verdict {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Info => "reported",
            Verdict::NotMeasured => "not measured",
        };
        json!({ "what": self.what, "measured": self.measured, "target": self.target, "result": verdict })
    }
}

/// A measured number (in the figure's unit), or why there is none.
pub type Reading = Result<f64, String>;

/// How a figure compares with its target.
#[derive(Clone, Copy)]
pub enum Goal {
    AtMost(f64),
    AtLeast(f64),
    None,
}

pub fn row(
    what: &str,
    reading: Reading,
    show: impl Fn(f64) -> String,
    target: &str,
    goal: Goal,
) -> Row {
    let (measured, verdict) = match reading {
        Err(reason) => (format!("not measured ({reason})"), Verdict::NotMeasured),
        Ok(value) => {
            let verdict = match goal {
                Goal::AtMost(limit) if value <= limit => Verdict::Pass,
                Goal::AtLeast(limit) if value >= limit => Verdict::Pass,
                Goal::AtMost(_) | Goal::AtLeast(_) => Verdict::Fail,
                Goal::None => Verdict::Info,
            };
            (show(value), verdict)
        }
    };
    Row {
        what: what.to_owned(),
        measured,
        target: target.to_owned(),
        verdict,
    }
}

pub fn ms(value: f64) -> String {
    if value >= 1000.0 {
        format!("{:.2} s", value / 1000.0)
    } else {
        format!("{value:.1} ms")
    }
}

pub fn kb(value: f64) -> String {
    format!("{:.1} KB", value / 1024.0)
}

pub fn mb(value: f64) -> String {
    format!("{:.1} MB", value / (1024.0 * 1024.0))
}

/// The median of a browser figure, or the reason it has none.
pub fn browser(figures: &Value, key: &str) -> Reading {
    let figure = &figures["figures"][key];
    if let Some(value) = figure["median"].as_f64() {
        return Ok(value);
    }
    Err(figure["not_measured"].as_str().map_or_else(
        || format!("the browser run produced no `{key}`"),
        str::to_owned,
    ))
}

pub fn backend(value: Option<f64>, what: &str) -> Reading {
    value.ok_or_else(|| format!("the backend benchmark printed no {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_follow_the_goal() {
        let check = |reading: Reading, goal: Goal, expect: Verdict| {
            assert_eq!(
                row("x", reading.clone(), ms, "t", goal).verdict,
                expect,
                "{reading:?}"
            );
        };
        check(Ok(150.0), Goal::AtMost(150.0), Verdict::Pass);
        check(Ok(151.0), Goal::AtMost(150.0), Verdict::Fail);
        check(Ok(4999.0), Goal::AtLeast(5000.0), Verdict::Fail);
        check(Ok(5000.0), Goal::AtLeast(5000.0), Verdict::Pass);
        check(Ok(1.0), Goal::None, Verdict::Info);
        check(
            Err("no view".into()),
            Goal::AtMost(1.0),
            Verdict::NotMeasured,
        );
    }

    #[test]
    fn browser_figures_give_a_median_or_the_reason() {
        let figures = json!({ "figures": {
            "a": { "median": 12.5, "unit": "ms", "samples": [12.5] },
            "b": { "not_measured": "no map view yet" },
        }});
        let check =
            |key: &str, expect: Reading| assert_eq!(browser(&figures, key), expect, "{key}");
        check("a", Ok(12.5));
        check("b", Err("no map view yet".into()));
        check("c", Err("the browser run produced no `c`".into()));
    }
}
