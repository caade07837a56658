//! The X-Ray filter-expression language: a typed AST, a parser, a canonical printer and a builder
//! for the console's refiners.
//!
//! ```
//! use shared::filter::{parse, Expr, Test, NumKeyword, NumOp};
//! let expr = parse("responseTime > 5").expect("valid");
//! assert_eq!(expr, Expr::Test(Test::Num { kw: NumKeyword::ResponseTime, op: NumOp::Gt, value: 5.0 }));
//! assert_eq!(expr.to_string(), "responsetime > 5");
//! ```
//!
//! The grammar is in `reference/aws-apis.md` §1d. Keywords and operators are case-insensitive;
//! values are compared as written. The printer ([`Expr`]'s `Display`) writes keywords in lower
//! case, operators in upper case and only the parentheses the structure needs, so
//! `parse(&expr.to_string()) == Ok(expr)` for every parsed `expr`.
//!
//! Why winnow for the character level: it works on `&str` without copying (tokens are slices of
//! the input and carry their byte spans through `LocatingSlice`), it is small, fast, maintained
//! and has no proc macros (this crate also compiles to WASM, where build time and size count).
//! The token-level grammar is a short recursive descent by hand, because every error message
//! names the keyword and operator it follows (`expected a number after 'responsetime >'`), which
//! is easier to say with the preceding tokens in hand than through combinator error context.
//!
//! Empty or blank input is an error ("expected a filter expression"): callers that treat an empty
//! box as "no filter" use [`parse_optional`].

mod ast;
mod error;
mod keywords;
mod lexer;
mod parser;
mod position;
mod printer;
mod refiners;
mod refiners_from;
mod scope;

pub use ast::{Expr, ServiceId, ServiceSelector, Test, Value};
pub use error::ParseError;
pub use keywords::{
    AnyOp, BoolKeyword, GroupBy, NumKeyword, NumOp, RootCauseKind, RootCauseTarget, StrKeyword,
    StrOp,
};
pub use position::position;
pub use refiners::{AnnotationRefiner, BuildError, Refiners, ServiceRefiner, StatusRefiner};

/// How many levels of `(`, `!` and `{ }` may nest. Real expressions use a handful; the limit keeps
/// the parser, the printer and `Drop` far from the stack's end whatever the input.
pub const MAX_DEPTH: usize = 64;

/// Parses a filter expression.
///
/// # Errors
/// A [`ParseError`] pointing at the first token that does not fit the grammar or a rule of the
/// documentation (an operator the keyword does not take, `annotation.*` inside `service()`, …),
/// including blank input and nesting deeper than [`MAX_DEPTH`].
pub fn parse(input: &str) -> Result<Expr, ParseError> {
    parser::parse(input)
}

/// Like [`parse`], but blank input is `Ok(None)`: no filter.
///
/// # Errors
/// As [`parse`], for input that is not blank.
pub fn parse_optional(input: &str) -> Result<Option<Expr>, ParseError> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    parse(input).map(Some)
}
