//! What a person sees when an expression does not parse: where, what was expected, what was found.

use std::fmt;

/// A filter expression that could not be parsed, with enough position data to underline the
/// offending token in an input box.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected} at column {column}, found {found}")]
pub struct ParseError {
    /// Byte offset of the offending token in the input (the input's length at its end).
    pub offset: usize,
    /// Length in bytes of the offending token, at least 1 (also at the end of the input, so there
    /// is always something to underline).
    pub len: usize,
    /// 1-based position of the offending token, in characters from the start of the input.
    pub column: usize,
    /// What would have been valid there, e.g. `a number after 'responsetime >'`.
    pub expected: String,
    /// What was there instead, quoted (e.g. `"fast"`), or `end of input`.
    pub found: String,
}

/// Where a parse error points: a byte range of the input, or its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
}

impl ParseError {
    /// An error at `span` of `input`. `found` is derived from the span: the quoted text there, or
    /// `end of input` for an empty span.
    pub(crate) fn at(input: &str, span: Span, expected: impl Into<String>) -> Self {
        let found = match input.get(span.start..span.end) {
            Some(text) if !text.is_empty() => Quoted(text).to_string(),
            _ => "end of input".to_owned(),
        };
        Self::with_found(input, span, expected, found)
    }

    /// Like [`ParseError::at`] with an explicit description of what was found, for errors whose
    /// cause is more than the token's text (e.g. a keyword used where it does not apply).
    pub(crate) fn with_found(
        input: &str,
        span: Span,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> Self {
        let offset = span.start.min(input.len());
        Self {
            offset,
            len: span.end.saturating_sub(offset).max(1),
            column: column_at(input, offset),
            expected: expected.into(),
            found: found.into(),
        }
    }
}

/// The 1-based character column of byte `offset` in `input`.
pub(crate) fn column_at(input: &str, offset: usize) -> usize {
    input
        .get(..offset)
        .map_or(offset, |before| before.chars().count())
        + 1
}

/// Quotes a token for a message (a string token keeps its own quotes), shortening long ones so
/// the message stays readable.
pub(crate) struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const LIMIT: usize = 40;
        let mut chars = self.0.chars();
        let head: String = chars.by_ref().take(LIMIT).collect();
        let ellipsis = if chars.next().is_some() { "…" } else { "" };
        if head.starts_with('"') {
            write!(f, "{head}{ellipsis}")
        } else {
            write!(f, "\"{head}{ellipsis}\"")
        }
    }
}
