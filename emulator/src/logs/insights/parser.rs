//! Commands and expressions, by recursive descent. What the emulator does not run — a command,
//! function or form it does not know — is refused with its position, as Logs Insights refuses
//! a query it cannot compile, rather than run as something else.

use regex::Regex;

use super::CompileError;
use super::ast::{Agg, AggKind, Command, Expr, Query};
use super::scan::{Scanner, Tok, Token};

/// Logs Insights commands the emulator knows of but does not run.
const UNSUPPORTED_COMMANDS: &[&str] = &[
    "dedup",
    "pattern",
    "diff",
    "unmask",
    "anomaly",
    "source",
    "filterindex",
    "unnest",
    "lookup",
];

pub(crate) fn parse(text: &str) -> Result<Query, CompileError> {
    let mut parser = Parser {
        scan: Scanner::new(text),
        depth: 0,
    };
    let mut commands = Vec::new();
    loop {
        commands.push(parser.command(&commands)?);
        let token = parser.scan.next()?;
        match token.tok {
            Tok::End => return Ok(Query { commands }),
            Tok::Op("|") => {}
            _ => return Err(parser.unexpected(&token, "`|` or the end of the query")),
        }
    }
}

pub(super) struct Parser<'a> {
    pub(super) scan: Scanner<'a>,
    pub(super) depth: usize,
}

impl Parser<'_> {
    pub(super) fn error(
        &self,
        start: usize,
        end: usize,
        message: impl Into<String>,
    ) -> CompileError {
        CompileError::at(self.scan.text(), start, end, message)
    }

    pub(super) fn unexpected(&self, token: &Token, wanted: &str) -> CompileError {
        let found = match &token.tok {
            Tok::End => "the end of the query".to_owned(),
            _ => format!("{:?}", &self.scan.text()[token.start..token.end]),
        };
        self.error(
            token.start,
            token.end.max(token.start + 1),
            format!("expected {wanted}, found {found}"),
        )
    }

    pub(super) fn keyword(&mut self, word: &str) -> Result<bool, CompileError> {
        let token = self.scan.peek()?;
        let found = matches!(&token.tok, Tok::Word(w) if w.eq_ignore_ascii_case(word));
        if found {
            self.scan.next()?;
        }
        Ok(found)
    }

    pub(super) fn op(&mut self, op: &'static str) -> Result<bool, CompileError> {
        let found = self.scan.peek()?.tok == Tok::Op(op);
        if found {
            self.scan.next()?;
        }
        Ok(found)
    }

    pub(super) fn expect_op(&mut self, op: &'static str) -> Result<(), CompileError> {
        let token = self.scan.next()?;
        match token.tok {
            Tok::Op(found) if found == op => Ok(()),
            _ => Err(self.unexpected(&token, &format!("`{op}`"))),
        }
    }

    pub(super) fn name(&mut self) -> Result<String, CompileError> {
        let token = self.scan.next()?;
        match token.tok {
            Tok::Word(name) | Tok::Quoted(name) => Ok(name),
            _ => Err(self.unexpected(&token, "a field name")),
        }
    }

    fn command(&mut self, before: &[Command]) -> Result<Command, CompileError> {
        let token = self.scan.next()?;
        let Tok::Word(word) = &token.tok else {
            return Err(self.unexpected(
                &token,
                "a command (fields, filter, stats, sort, limit, parse, display)",
            ));
        };
        let lower = word.to_ascii_lowercase();
        match lower.as_str() {
            "fields" => Ok(Command::Fields(self.named_list()?)),
            "display" => {
                let mut names = vec![self.name()?];
                while self.op(",")? {
                    names.push(self.name()?);
                }
                Ok(Command::Display(names))
            }
            "filter" => Ok(Command::Filter(self.expr()?)),
            "parse" => self.parse_command(),
            "stats" if before.iter().any(|c| matches!(c, Command::Stats { .. })) => Err(self.error(
                token.start,
                token.end,
                "the emulator runs one stats command per query",
            )),
            "stats" => self.stats(),
            "sort" => {
                let mut keys = Vec::new();
                loop {
                    let name = self.name()?;
                    let descending = if self.keyword("desc")? {
                        true
                    } else {
                        self.keyword("asc")?;
                        false
                    };
                    keys.push((name, descending));
                    if !self.op(",")? {
                        return Ok(Command::Sort(keys));
                    }
                }
            }
            "limit" => {
                let token = self.scan.next()?;
                match token.tok {
                    Tok::Int(n) if (1..=10_000).contains(&n) => Ok(Command::Limit(n as usize)),
                    _ => Err(self.unexpected(&token, "a whole number of rows from 1 to 10000")),
                }
            }
            other if UNSUPPORTED_COMMANDS.contains(&other) => Err(self.error(
                token.start,
                token.end,
                format!("the emulator does not run the {other} command (it runs fields, display, filter, parse, stats, sort and limit)"),
            )),
            _ => Err(self.error(token.start, token.end, format!("unknown command {word:?}"))),
        }
    }

    /// `expr [as name], …`; an expression without a name is named by its text.
    fn named_list(&mut self) -> Result<Vec<(Expr, String)>, CompileError> {
        let mut items = Vec::new();
        loop {
            let start = self.scan.peek()?.start;
            let expr = self.expr()?;
            let end = self.scan.peek()?.start;
            let name = match self.keyword("as")? {
                true => self.name()?,
                false => match &expr {
                    Expr::Field(name) => name.clone(),
                    _ => self.scan.text()[start..end].trim().to_owned(),
                },
            };
            items.push((expr, name));
            if !self.op(",")? {
                return Ok(items);
            }
        }
    }

    fn parse_command(&mut self) -> Result<Command, CompileError> {
        let field = self.primary()?;
        let Some((source, start, end)) = self.scan.regex()? else {
            let token = self.scan.peek()?;
            return Err(self.error(
                token.start,
                token.end.max(token.start + 1),
                "the emulator runs parse with a regular expression (/…(?<name>…)…/) only",
            ));
        };
        let regex = Regex::new(&source).map_err(|e| {
            self.error(
                start,
                end,
                format!("the regular expression does not compile: {e}"),
            )
        })?;
        if regex.capture_names().flatten().next().is_none() {
            return Err(self.error(
                start,
                end,
                "the regular expression names no field: use (?<name>…)",
            ));
        }
        Ok(Command::Parse { field, regex })
    }

    fn stats(&mut self) -> Result<Command, CompileError> {
        let mut aggs = Vec::new();
        loop {
            let token = self.scan.next()?;
            let Tok::Word(word) = &token.tok else {
                return Err(self.unexpected(
                    &token,
                    "an aggregate function (count, min, max, sum, avg, count_distinct)",
                ));
            };
            let Some(mut kind) = AggKind::named(word) else {
                return Err(self.error(token.start, token.end, format!("the emulator does not run the aggregate {word:?} (it runs count, count_distinct, min, max, sum and avg)")));
            };
            self.expect_op("(")?;
            let arg = if kind == AggKind::Count
                && (self.op("*")? || self.scan.peek()?.tok == Tok::Op(")"))
            {
                kind = AggKind::CountAll;
                None
            } else {
                Some(self.expr()?)
            };
            self.expect_op(")")?;
            let text_end = self.scan.peek()?.start;
            let name = match self.keyword("as")? {
                true => self.name()?,
                false => self.scan.text()[token.start..text_end].trim().to_owned(),
            };
            aggs.push(Agg { kind, arg, name });
            if !self.op(",")? {
                break;
            }
        }
        let by = match self.keyword("by")? {
            true => self.named_list()?,
            false => Vec::new(),
        };
        Ok(Command::Stats { aggs, by })
    }
}
