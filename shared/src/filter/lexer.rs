//! Splits an expression into tokens with winnow. Lexing never fails: characters that start no
//! token become [`Kind::Unknown`] and an unclosed string [`Kind::Unterminated`], so the parser
//! reports them with the same context as every other error.

use winnow::ascii::{digit1, multispace0};
use winnow::combinator::{alt, dispatch, opt, peek};
use winnow::prelude::*;
use winnow::stream::{LocatingSlice, Stream};
use winnow::token::{any, take_till, take_while};

use super::error::Span;

type Input<'s> = LocatingSlice<&'s str>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Keywords, `AND`/`OR`, operators spelled as words and `true`/`false`; may contain dots.
    Word,
    Number,
    /// A complete `"…"`, quotes included.
    String,
    /// A `"` with no closing quote: the rest of the input.
    Unterminated,
    /// `#[…]` whose bracketed part is a JSON array.
    Json,
    /// `#` not followed by a valid JSON array: the rest of the input.
    BadJson,
    /// `=`, `!=`, `<`, `<=`, `>`, `>=`.
    Compare,
    Bang,
    OpenParen,
    CloseParen,
    OpenBrace,
    CloseBrace,
    Comma,
    Colon,
    Unknown,
    End,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'s> {
    pub kind: Kind,
    pub text: &'s str,
    pub span: Span,
}

/// All tokens of `input`, ending with one [`Kind::End`] token.
pub(crate) fn tokenize(input: &str) -> Vec<Token<'_>> {
    let mut stream = LocatingSlice::new(input);
    let mut tokens = Vec::new();
    loop {
        // Neither parser can fail: whitespace may be empty and `token` ends in a catch-all.
        let _ = multispace0::<_, winnow::error::ContextError>.parse_next(&mut stream);
        if stream.is_empty() {
            break;
        }
        let start = input.len() - stream.eof_offset();
        match token.with_span().with_taken().parse_next(&mut stream) {
            Ok(((kind, range), text)) if !text.is_empty() => {
                let span = Span {
                    start: range.start,
                    end: range.end,
                };
                tokens.push(Token { kind, text, span });
            }
            // Unreachable with the catch-all above; if it ever happens, the rest of the input
            // becomes one unknown token, so it is reported rather than silently dropped.
            _ => {
                let rest = input.get(start..).unwrap_or_default();
                let span = Span {
                    start,
                    end: input.len(),
                };
                tokens.push(Token {
                    kind: Kind::Unknown,
                    text: rest,
                    span,
                });
                break;
            }
        }
    }
    let end = Span {
        start: input.len(),
        end: input.len(),
    };
    tokens.push(Token {
        kind: Kind::End,
        text: "",
        span: end,
    });
    tokens
}

fn token(input: &mut Input<'_>) -> winnow::Result<Kind> {
    dispatch! {peek(any);
        '"' => string,
        '#' => json,
        'a'..='z' | 'A'..='Z' | '_' => word,
        '0'..='9' | '-' => alt((number, any.value(Kind::Unknown))),
        '!' => alt(("!=".value(Kind::Compare), '!'.value(Kind::Bang))),
        '<' | '>' => (any, opt('=')).value(Kind::Compare),
        '=' => '='.value(Kind::Compare),
        '(' => '('.value(Kind::OpenParen),
        ')' => ')'.value(Kind::CloseParen),
        '{' => '{'.value(Kind::OpenBrace),
        '}' => '}'.value(Kind::CloseBrace),
        ',' => ','.value(Kind::Comma),
        ':' => ':'.value(Kind::Colon),
        _ => any.value(Kind::Unknown),
    }
    .parse_next(input)
}

fn word(input: &mut Input<'_>) -> winnow::Result<Kind> {
    take_while(1.., |c: char| {
        c.is_ascii_alphanumeric() || c == '_' || c == '.'
    })
    .value(Kind::Word)
    .parse_next(input)
}

/// `-?digits(.digits)?`: the grammar has no exponents, so every number prints back as written.
fn number(input: &mut Input<'_>) -> winnow::Result<Kind> {
    (opt('-'), digit1, opt(('.', digit1)))
        .value(Kind::Number)
        .parse_next(input)
}

/// No escape sequences: X-Ray documents none, so the first `"` after the opening one closes it.
fn string(input: &mut Input<'_>) -> winnow::Result<Kind> {
    let (_, _, closed) = ('"', take_till(0.., '"'), opt('"')).parse_next(input)?;
    Ok(if closed.is_some() {
        Kind::String
    } else {
        Kind::Unterminated
    })
}

/// `#` and a JSON array. serde_json finds where the array ends (and caps its nesting), so
/// brackets inside JSON strings cannot confuse us.
fn json(input: &mut Input<'_>) -> winnow::Result<Kind> {
    let rest: &str = input;
    let array = rest.get(1..).unwrap_or_default();
    let len = if array.starts_with('[') {
        json_value_len(array)
    } else {
        None
    };
    Ok(match len {
        Some(len) => {
            input.next_slice(1 + len);
            Kind::Json
        }
        None => {
            input.finish();
            Kind::BadJson
        }
    })
}

/// Byte length of the JSON value at the start of `text`, if it is valid JSON.
pub(crate) fn json_value_len(text: &str) -> Option<usize> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<serde::de::IgnoredAny>();
    match values.next() {
        Some(Ok(_)) => Some(values.byte_offset()),
        _ => None,
    }
}
