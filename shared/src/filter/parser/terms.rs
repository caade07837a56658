//! Keyword tests: `ok`, `responsetime > 5`, `http.url CONTAINS "x"`, `annotation.k = 1`; and the
//! dispatch from a keyword to its parser.

use super::Parser;
use crate::filter::ast::{Expr, Test, Value};
use crate::filter::error::ParseError;
use crate::filter::keywords::{AnyOp, BoolKeyword, NumKeyword, NumOp, StrKeyword, StrOp};
use crate::filter::lexer::{Kind, Token};
use crate::filter::scope::Scope;

const ANNOTATION_PREFIX: &str = "annotation.";

impl<'s> Parser<'s> {
    /// A term that starts with a word: a keyword test or a complex keyword.
    pub(super) fn keyword(&mut self, scope: Scope) -> Result<Expr, ParseError> {
        let token = self.peek();
        let word = token.text.to_ascii_lowercase();
        if let Some(kw) = BoolKeyword::from_word(&word) {
            self.refuse(token, scope.refuses_bool(kw))?;
            return self.bool_test(kw).map(Expr::Test);
        }
        if let Some(kw) = NumKeyword::from_word(&word) {
            self.refuse(token, scope.refuses_num(kw))?;
            return self.num_test(kw).map(Expr::Test);
        }
        if let Some(kw) = StrKeyword::from_word(&word) {
            return self.str_test(kw).map(Expr::Test);
        }
        if word.starts_with(ANNOTATION_PREFIX) {
            self.refuse(token, scope.refuses_annotation())?;
            return self.annotation_test().map(Expr::Test);
        }
        self.complex(scope, &word)
    }

    /// Fails at `token` when the scope check gave a reason.
    pub(super) fn refuse(
        &self,
        token: Token<'s>,
        reason: Option<String>,
    ) -> Result<(), ParseError> {
        match reason {
            None => Ok(()),
            Some(reason) => Err(ParseError::with_found(
                self.input,
                token.span,
                "a keyword that applies here",
                format!("'{}': {reason}", token.text),
            )),
        }
    }

    /// Bare is true; `= true|false` and `!= true|false` compare.
    fn bool_test(&mut self, kw: BoolKeyword) -> Result<Test, ParseError> {
        let first = self.bump();
        let next = self.peek();
        let negated = match (next.kind, next.text) {
            (Kind::Compare, "=") => false,
            (Kind::Compare, "!=") => true,
            (Kind::Compare, _) => return Err(self.wrong_op(first, next, "= or !=")),
            (Kind::Word, word) if StrOp::from_word(word).is_some() => {
                return Err(self.wrong_op(first, next, "= or !="));
            }
            _ => return Ok(Test::Bool { kw, value: true }),
        };
        self.bump();
        let expected = format!("true or false after '{}'", self.text_since(first));
        let value = self.peek();
        let value = match value.text.to_ascii_lowercase().as_str() {
            "true" if value.kind == Kind::Word => true,
            "false" if value.kind == Kind::Word => false,
            _ => return Err(self.error(value, &expected)),
        };
        self.bump();
        Ok(Test::Bool {
            kw,
            value: value != negated,
        })
    }

    fn num_test(&mut self, kw: NumKeyword) -> Result<Test, ParseError> {
        let first = self.bump();
        let next = self.peek();
        let op = match next.kind {
            Kind::Compare => NumOp::from_word(next.text),
            _ => None,
        };
        let Some(op) = op else {
            return Err(self.wrong_op(first, next, "=, !=, <, <=, > or >="));
        };
        self.bump();
        let value = self.number(first)?;
        Ok(Test::Num { kw, op, value })
    }

    fn str_test(&mut self, kw: StrKeyword) -> Result<Test, ParseError> {
        let first = self.bump();
        let next = self.peek();
        let op = match next.kind {
            Kind::Compare | Kind::Word => StrOp::from_word(next.text),
            _ => None,
        };
        let Some(op) = op else {
            if next.kind == Kind::Compare {
                return Err(self.wrong_op(first, next, "=, !=, CONTAINS, BEGINSWITH or ENDSWITH"));
            }
            return Ok(Test::Str { kw, op: None });
        };
        self.bump();
        let value = self.string(first)?;
        Ok(Test::Str {
            kw,
            op: Some((op, value)),
        })
    }

    /// `annotation.KEY`, then optionally any operator and a value whose type fits it.
    fn annotation_test(&mut self) -> Result<Test, ParseError> {
        let first = self.bump();
        let key = first
            .text
            .get(ANNOTATION_PREFIX.len()..)
            .unwrap_or_default();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            let expected = "an annotation key of letters, digits and '_' after 'annotation.'";
            return Err(self.error(first, expected));
        }
        let next = self.peek();
        let op = match next.kind {
            Kind::Compare | Kind::Word => AnyOp::from_word(next.text),
            _ => None,
        };
        let Some(op) = op else {
            return Ok(Test::Annotation {
                key: key.to_owned(),
                cond: None,
            });
        };
        self.bump();
        let value = match (op.as_num_op(), op.as_str_op()) {
            (Some(_), None) => Value::Number(self.number(first)?),
            (None, Some(_)) => Value::String(self.string(first)?),
            _ => self.any_value(first)?,
        };
        Ok(Test::Annotation {
            key: key.to_owned(),
            cond: Some((op, value)),
        })
    }

    fn any_value(&mut self, first: Token<'s>) -> Result<Value, ParseError> {
        let token = self.peek();
        match token.kind {
            Kind::Number => self.number(first).map(Value::Number),
            Kind::String => self.string(first).map(Value::String),
            Kind::Word if token.text.eq_ignore_ascii_case("true") => {
                self.bump();
                Ok(Value::Bool(true))
            }
            Kind::Word if token.text.eq_ignore_ascii_case("false") => {
                self.bump();
                Ok(Value::Bool(false))
            }
            _ => {
                let after = self.text_since(first);
                let expected =
                    format!("a number, a double-quoted string, true or false after '{after}'");
                Err(self.error(token, &expected))
            }
        }
    }

    /// A number after the test that started at `first`; always finite.
    pub(super) fn number(&mut self, first: Token<'s>) -> Result<f64, ParseError> {
        let token = self.peek();
        let expected = format!("a number after '{}'", self.text_since(first));
        if token.kind != Kind::Number {
            return Err(self.error(token, &expected));
        }
        match token.text.parse::<f64>() {
            Ok(value) if value.is_finite() => {
                self.bump();
                Ok(value)
            }
            _ => Err(self.error(token, &format!("{expected} (a finite number)"))),
        }
    }

    /// The contents of a double-quoted string after the keyword that started at `first`.
    pub(super) fn string(&mut self, first: Token<'s>) -> Result<String, ParseError> {
        let token = self.peek();
        if token.kind != Kind::String {
            let expected = format!("a double-quoted string after '{}'", self.text_since(first));
            return Err(self.error(token, &expected));
        }
        self.bump();
        Ok(unquote(token.text).to_owned())
    }

    fn wrong_op(&self, keyword: Token<'s>, found: Token<'s>, takes: &str) -> ParseError {
        let expected = format!("{takes} after '{}'", keyword.text);
        self.error(found, &expected)
    }
}

pub(super) fn unquote(text: &str) -> &str {
    let text = text.strip_prefix('"').unwrap_or(text);
    text.strip_suffix('"').unwrap_or(text)
}
