//! Recursive descent over the lexer's tokens: `or → and → unary → primary`, with keyword tests in
//! `terms.rs` and the complex keywords (`service`, `edge`, `group`, `rootcause`) in `complex.rs`.

mod complex;
mod terms;

use super::MAX_DEPTH;
use super::ast::Expr;
use super::error::{ParseError, Quoted, Span, column_at};
use super::lexer::{self, Kind, Token};
use super::scope::Scope;

pub(crate) fn parse(input: &str) -> Result<Expr, ParseError> {
    let mut parser = Parser {
        input,
        tokens: lexer::tokenize(input),
        pos: 0,
        depth: 0,
    };
    if parser.peek().kind == Kind::End {
        return Err(parser.error(parser.peek(), "a filter expression"));
    }
    let expr = parser.or_expr(Scope::Trace)?;
    let next = parser.peek();
    match next.kind {
        Kind::End => Ok(expr),
        Kind::CloseParen => Err(parser.error(next, "end of input (this ')' closes no '(')")),
        Kind::CloseBrace => Err(parser.error(next, "end of input (this '}' closes no '{')")),
        _ => Err(parser.error(next, "AND, OR or end of input")),
    }
}

pub(super) struct Parser<'s> {
    input: &'s str,
    tokens: Vec<Token<'s>>,
    pos: usize,
    /// Open `(`, `!` and `{` levels, capped at [`MAX_DEPTH`].
    depth: usize,
}

impl<'s> Parser<'s> {
    fn peek(&self) -> Token<'s> {
        // `tokenize` always ends with `End`, and `bump` never moves past it.
        self.tokens
            .get(self.pos)
            .or(self.tokens.last())
            .copied()
            .unwrap_or(Token {
                kind: Kind::End,
                text: "",
                span: Span {
                    start: self.input.len(),
                    end: self.input.len(),
                },
            })
    }

    fn bump(&mut self) -> Token<'s> {
        let token = self.peek();
        if token.kind != Kind::End {
            self.pos += 1;
        }
        token
    }

    fn peek_word(&self, word: &str) -> bool {
        let token = self.peek();
        token.kind == Kind::Word && token.text.eq_ignore_ascii_case(word)
    }

    /// Consumes a token of `kind`, or fails saying `expected`.
    fn expect(&mut self, kind: Kind, expected: &str) -> Result<Token<'s>, ParseError> {
        let token = self.peek();
        if token.kind == kind {
            return Ok(self.bump());
        }
        Err(self.error(token, expected))
    }

    /// The source text from `first` to the last consumed token, for "after '…'" in messages.
    fn text_since(&self, first: Token<'s>) -> &'s str {
        let end = self
            .pos
            .checked_sub(1)
            .and_then(|last| self.tokens.get(last));
        let end = end.map_or(first.span.end, |token| token.span.end.max(first.span.end));
        self.input.get(first.span.start..end).unwrap_or(first.text)
    }

    /// An error at `token`. Tokens that are broken in themselves (an unclosed string, bad JSON, a
    /// stray character) say so instead of what was expected, since that is what needs fixing.
    fn error(&self, token: Token<'s>, expected: &str) -> ParseError {
        let input = self.input;
        match token.kind {
            Kind::Unterminated => ParseError::with_found(
                input,
                token.span,
                "a closing '\"' for the string that starts here (strings cannot contain '\"')",
                "end of input",
            ),
            Kind::BadJson => {
                let json = token.text.get(1..).unwrap_or_default();
                let why = if json.starts_with('[') {
                    let error = serde_json::from_str::<serde::de::IgnoredAny>(json).err();
                    error.map_or("invalid JSON".to_owned(), |error| {
                        format!("invalid JSON ({error})")
                    })
                } else {
                    "'#' without '[' right after it".to_owned()
                };
                ParseError::with_found(input, token.span, "'#' followed by a JSON array", why)
            }
            Kind::Unknown => ParseError::with_found(
                input,
                token.span,
                expected,
                format!("the character {}", Quoted(token.text)),
            ),
            _ => ParseError::at(input, token.span, expected),
        }
    }

    /// Opens one nesting level at `token`, refusing to go deeper than [`MAX_DEPTH`].
    fn enter(&mut self, token: Token<'s>) -> Result<(), ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(ParseError::with_found(
                self.input,
                token.span,
                format!("at most {MAX_DEPTH} nested levels of '(', '!' and '{{'"),
                format!("{} opening level {}", Quoted(token.text), MAX_DEPTH + 1),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn or_expr(&mut self, scope: Scope) -> Result<Expr, ParseError> {
        let first = self.and_expr(scope)?;
        let mut rest = Vec::new();
        while self.peek_word("or") {
            let or = self.bump();
            self.require_term(or)?;
            rest.push(self.and_expr(scope)?);
        }
        Ok(Expr::any(first, rest))
    }

    /// Adjacent terms are joined by AND, written or not (`ok !partial duration < 3`).
    fn and_expr(&mut self, scope: Scope) -> Result<Expr, ParseError> {
        let first = self.unary(scope)?;
        let mut rest = Vec::new();
        loop {
            if self.peek_word("and") {
                let and = self.bump();
                self.require_term(and)?;
            } else if !self.starts_term() {
                break;
            }
            rest.push(self.unary(scope)?);
        }
        Ok(Expr::all(first, rest))
    }

    /// Anything but a closer, OR or the end starts another term: a token that cannot begin one is
    /// then reported by `primary`, which knows what a term looks like.
    fn starts_term(&self) -> bool {
        !matches!(
            self.peek().kind,
            Kind::End | Kind::CloseParen | Kind::CloseBrace
        ) && !self.peek_word("or")
    }

    fn require_term(&self, operator: Token<'s>) -> Result<(), ParseError> {
        if self.starts_term() && !self.peek_word("and") {
            return Ok(());
        }
        let expected = format!("a filter term after '{}'", operator.text);
        Err(self.error(self.peek(), &expected))
    }

    fn unary(&mut self, scope: Scope) -> Result<Expr, ParseError> {
        if self.peek().kind != Kind::Bang {
            return self.primary(scope);
        }
        let bang = self.bump();
        self.enter(bang)?;
        let inner = self.unary(scope)?;
        self.leave();
        Ok(inner.negate())
    }

    fn primary(&mut self, scope: Scope) -> Result<Expr, ParseError> {
        let token = self.peek();
        match token.kind {
            Kind::OpenParen => {
                let open = self.bump();
                self.enter(open)?;
                let inner = self.or_expr(scope)?;
                let expected = format!(
                    "')' closing the '(' from column {}",
                    column_at(self.input, token.span.start)
                );
                self.expect(Kind::CloseParen, &expected)?;
                self.leave();
                Ok(inner)
            }
            Kind::Word => self.keyword(scope),
            _ => Err(self.error(token, "a filter term (a keyword such as ok, responsetime, http.url, annotation.KEY or service(), '!' or '(')")),
        }
    }

    /// A `{ filter }` body evaluated in `scope`, if one follows the keyword starting at `owner`.
    fn body(&mut self, scope: Scope, owner: Token<'s>) -> Result<Option<Box<Expr>>, ParseError> {
        if self.peek().kind != Kind::OpenBrace {
            return Ok(None);
        }
        let head = self.text_since(owner);
        let open = self.bump();
        self.enter(open)?;
        if self.peek().kind == Kind::CloseBrace {
            let expected = format!("a filter expression inside the {{ }} of '{head}'");
            return Err(self.error(self.peek(), &expected));
        }
        let inner = self.or_expr(scope)?;
        self.expect(
            Kind::CloseBrace,
            &format!("'}}' to close the '{{' of '{head}'"),
        )?;
        self.leave();
        Ok(Some(Box::new(inner)))
    }
}
