//! What the browser benchmark hands to `cargo xtask bench`: one figure per key, either a median
//! of several runs or the reason it could not be measured — never a made-up number.

use std::collections::BTreeMap;

use serde_json::{Value, json};

#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// The median of `samples`, in `unit`.
    Measured {
        samples: Vec<f64>,
        unit: &'static str,
    },
    NotMeasured(String),
}

impl Figure {
    pub fn millis(samples: Vec<f64>) -> Self {
        Figure::Measured {
            samples,
            unit: "ms",
        }
    }

    pub fn bytes(value: f64) -> Self {
        Figure::Measured {
            samples: vec![value],
            unit: "bytes",
        }
    }

    pub fn missing(reason: impl Into<String>) -> Self {
        Figure::NotMeasured(reason.into())
    }

    pub fn to_json(&self) -> Value {
        match self {
            Figure::Measured { samples, unit } => json!({
                "median": median(samples),
                "unit": unit,
                "samples": samples,
            }),
            Figure::NotMeasured(reason) => json!({ "not_measured": reason }),
        }
    }
}

/// Every figure of a run, by key (e.g. `trace.open.10k`), plus free-form facts about the run.
#[derive(Default)]
pub struct Figures {
    pub figures: BTreeMap<String, Figure>,
    pub facts: BTreeMap<String, String>,
}

impl Figures {
    pub fn put(&mut self, key: &str, figure: Figure) {
        eprintln!("bench: {key} = {}", figure.to_json());
        self.figures.insert(key.to_owned(), figure);
    }

    pub fn to_json(&self) -> Value {
        let figures: serde_json::Map<String, Value> = self
            .figures
            .iter()
            .map(|(key, figure)| (key.clone(), figure.to_json()))
            .collect();
        json!({ "figures": figures, "facts": self.facts })
    }
}

/// The middle value (the mean of the two middle ones for an even count); `None` when empty.
pub fn median(samples: &[f64]) -> Option<f64> {
    let mut sorted: Vec<f64> = samples.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[mid]),
        _ => Some((sorted[mid - 1] + sorted[mid]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_empty_sets() {
        let check = |samples: &[f64], expect: Option<f64>| {
            assert_eq!(median(samples), expect, "{samples:?}");
        };
        check(&[], None);
        check(&[7.0], Some(7.0));
        check(&[9.0, 1.0, 5.0], Some(5.0));
        check(&[4.0, 1.0, 3.0, 2.0], Some(2.5));
        check(&[f64::NAN, 2.0, 4.0], Some(3.0));
    }

    #[test]
    fn a_missing_figure_carries_its_reason_and_no_number() {
        let json = Figure::missing("no such view").to_json();
        assert_eq!(json, json!({ "not_measured": "no such view" }));
        let json = Figure::millis(vec![3.0, 1.0, 2.0]).to_json();
        assert_eq!(json["median"], json!(2.0));
        assert_eq!(json["unit"], json!("ms"));
    }
}
