//! Expressions, by precedence: `or`, `and`, `not`, comparisons (`=`, `!=`, `<`…, `like`, `=~`,
//! `in`), `+ -`, `* / %`, unary minus, then values, fields, calls and parentheses.

use regex::Regex;

use super::CompileError;
use super::ast::{ArithOp, CmpOp, Expr, Func, Pattern};
use super::parser::Parser;
use super::scan::{Tok, Token};

/// Expressions nest at most this deep (parentheses, `not`, operators): the parser recurses.
const MAX_DEPTH: usize = 64;

impl Parser<'_> {
    fn nested<T>(
        &mut self,
        start: usize,
        f: impl FnOnce(&mut Self) -> Result<T, CompileError>,
    ) -> Result<T, CompileError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(
                start,
                start + 1,
                format!("expressions nest more than {MAX_DEPTH} levels deep"),
            ));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    pub(super) fn expr(&mut self) -> Result<Expr, CompileError> {
        let start = self.scan.peek()?.start;
        self.nested(start, |p| {
            let mut left = p.and_expr()?;
            while p.keyword("or")? {
                left = Expr::Or(Box::new(left), Box::new(p.and_expr()?));
            }
            Ok(left)
        })
    }

    fn and_expr(&mut self) -> Result<Expr, CompileError> {
        let mut left = self.not_expr()?;
        while self.keyword("and")? {
            left = Expr::And(Box::new(left), Box::new(self.not_expr()?));
        }
        Ok(left)
    }

    fn not_expr(&mut self) -> Result<Expr, CompileError> {
        let start = self.scan.peek()?.start;
        if self.keyword("not")? {
            return self.nested(start, |p| Ok(Expr::Not(Box::new(p.not_expr()?))));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, CompileError> {
        let left = self.additive()?;
        let token = self.scan.peek()?;
        let cmp = match token.tok {
            Tok::Op("=") => Some(CmpOp::Eq),
            Tok::Op("!=") => Some(CmpOp::Ne),
            Tok::Op("<") => Some(CmpOp::Lt),
            Tok::Op("<=") => Some(CmpOp::Le),
            Tok::Op(">") => Some(CmpOp::Gt),
            Tok::Op(">=") => Some(CmpOp::Ge),
            _ => None,
        };
        if let Some(cmp) = cmp {
            self.scan.next()?;
            return Ok(Expr::Cmp(cmp, Box::new(left), Box::new(self.additive()?)));
        }
        if self.op("=~")? {
            return self.like(left, false);
        }
        let negated = self.keyword("not")?;
        if self.keyword("like")? {
            return self.like(left, negated);
        }
        if self.keyword("in")? {
            self.expect_op("[")?;
            let mut list = vec![self.additive()?];
            while self.op(",")? {
                list.push(self.additive()?);
            }
            self.expect_op("]")?;
            return Ok(Expr::In {
                value: Box::new(left),
                list,
                negated,
            });
        }
        if negated {
            let token = self.scan.peek()?;
            return Err(self.unexpected(&token, "`like` or `in` after `not`"));
        }
        Ok(left)
    }

    fn like(&mut self, value: Expr, negated: bool) -> Result<Expr, CompileError> {
        let pattern = match self.scan.regex()? {
            Some((source, start, end)) => Pattern::Regex(Regex::new(&source).map_err(|e| {
                self.error(
                    start,
                    end,
                    format!("the regular expression does not compile: {e}"),
                )
            })?),
            None => {
                let token = self.scan.next()?;
                match token.tok {
                    Tok::Str(text) => Pattern::Text(text),
                    _ => return Err(self.unexpected(&token, "a string or a /regular expression/")),
                }
            }
        };
        Ok(Expr::Like {
            value: Box::new(value),
            pattern,
            negated,
        })
    }

    fn additive(&mut self) -> Result<Expr, CompileError> {
        let mut left = self.multiplicative()?;
        loop {
            let op = match self.scan.peek()?.tok {
                Tok::Op("+") => ArithOp::Add,
                Tok::Op("-") => ArithOp::Sub,
                _ => return Ok(left),
            };
            self.scan.next()?;
            left = Expr::Arith(op, Box::new(left), Box::new(self.multiplicative()?));
        }
    }

    fn multiplicative(&mut self) -> Result<Expr, CompileError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.scan.peek()?.tok {
                Tok::Op("*") => ArithOp::Mul,
                Tok::Op("/") => ArithOp::Div,
                Tok::Op("%") => ArithOp::Rem,
                _ => return Ok(left),
            };
            self.scan.next()?;
            left = Expr::Arith(op, Box::new(left), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Expr, CompileError> {
        let start = self.scan.peek()?.start;
        if self.op("-")? {
            return self.nested(start, |p| Ok(Expr::Neg(Box::new(p.unary()?))));
        }
        self.primary()
    }

    pub(super) fn primary(&mut self) -> Result<Expr, CompileError> {
        let token = self.scan.next()?;
        match token.tok.clone() {
            Tok::Int(n) => Ok(Expr::Int(n)),
            Tok::Num(n) => Ok(Expr::Num(n)),
            Tok::Str(text) => Ok(Expr::Str(text)),
            Tok::Quoted(name) => Ok(Expr::Field(name)),
            Tok::Op("(") => {
                let inner = self.expr()?;
                self.expect_op(")")?;
                Ok(inner)
            }
            Tok::Word(word) if self.scan.peek()?.tok == Tok::Op("(") => {
                let func = Func::named(&word).ok_or_else(|| {
                    self.error(
                        token.start,
                        token.end,
                        format!("the emulator does not know the function {word:?}"),
                    )
                })?;
                self.scan.next()?;
                let mut args = Vec::new();
                if !self.op(")")? {
                    args.push(self.expr()?);
                    while self.op(",")? {
                        args.push(self.expr()?);
                    }
                    self.expect_op(")")?;
                }
                self.check_arity(func, args.len(), &token)?;
                Ok(Expr::Call(func, args))
            }
            Tok::Word(word) => Ok(Expr::Field(word)),
            _ => Err(self.unexpected(&token, "a field, a value or `(`")),
        }
    }

    fn check_arity(&self, func: Func, count: usize, token: &Token) -> Result<(), CompileError> {
        let fits = match func {
            Func::Coalesce | Func::Concat => count >= 1,
            _ => count == 1,
        };
        match fits {
            true => Ok(()),
            false => Err(self.error(
                token.start,
                token.end,
                format!("{func:?} does not take {count} arguments"),
            )),
        }
    }
}
