//! Annotation values: X-Ray indexes strings, numbers and booleans.

use serde::{Deserialize, Deserializer, Serialize};

/// A string, number or boolean annotation, written in JSON as the plain value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AnnotationValue {
    Bool(bool),
    Number(f64),
    String(String),
}

impl<'de> Deserialize<'de> for AnnotationValue {
    /// Lenient on purpose: X-Ray only indexes the three scalar kinds, but a document that breaks
    /// the rule should still show, so any other JSON value is kept as its JSON text.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Bool(flag) => Self::Bool(flag),
            serde_json::Value::Number(number) => match number.as_f64() {
                Some(value) => Self::Number(value),
                None => Self::String(number.to_string()),
            },
            serde_json::Value::String(text) => Self::String(text),
            other => Self::String(other.to_string()),
        })
    }
}

impl std::fmt::Display for AnnotationValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bool(flag) => write!(f, "{flag}"),
            Self::Number(value) => write!(f, "{value}"),
            Self::String(text) => f.write_str(text),
        }
    }
}
