//! CloudWatch Logs Insights, the part of its query language runtrace generates and a person
//! typically writes: `fields`, `display`, `filter` (comparisons, `and`/`or`/`not`, `like` with a
//! string or a `/regex/`, `in [...]`, arithmetic, `ispresent`, `coalesce`, `strlen`, `concat`,
//! `tolower`/`toupper`, `isempty`/`isblank`, `abs`/`floor`/`ceil`), `parse field /(?<name>…)/`,
//! one `stats` (`count(*)`, `count(x)`, `count_distinct`, `min`, `max`, `sum`, `avg`, `by` any
//! expressions), `sort` and `limit`. Anything else is refused with the position Logs Insights'
//! `MalformedQueryException` gives, never run as something else.

mod ast;
mod eval;
mod expr;
mod parser;
mod run;
mod scan;
mod stats;

pub(crate) use parser::parse;
pub(crate) use run::Scan;

/// Why a query does not compile: byte offsets of the offending part, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CompileError {
    pub start: usize,
    pub end: usize,
    pub message: String,
}

impl CompileError {
    pub(crate) fn at(text: &str, start: usize, end: usize, message: impl Into<String>) -> Self {
        let end = end.clamp(start, text.len().max(start));
        Self {
            start,
            end,
            message: message.into(),
        }
    }

    /// The offsets in characters, as `QueryCompileErrorLocation` gives them.
    pub fn char_offsets(&self, text: &str) -> (usize, usize) {
        let chars = |byte: usize| {
            text.get(..byte.min(text.len()))
                .map_or(byte, |s| s.chars().count())
        };
        (chars(self.start), chars(self.end))
    }
}

#[cfg(test)]
mod tests;
