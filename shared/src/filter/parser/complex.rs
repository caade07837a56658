//! The complex keywords: `service(…)`, `edge(…, …)`, `id(…)`, `group.name|arn = "…"`,
//! `rootcause.KIND.TARGET { … }` and `rootcause.json = #[…]`.

use super::Parser;
use crate::filter::ast::{Expr, ServiceId, ServiceSelector};
use crate::filter::error::ParseError;
use crate::filter::keywords::{GroupBy, RootCauseKind, RootCauseTarget};
use crate::filter::lexer::{Kind, Token};
use crate::filter::scope::Scope;

const UNKNOWN_KEYWORD: &str = "a keyword (ok, error, fault, throttle, responsetime, duration, \
    http.status, http.url, http.method, user, annotation.KEY, service(), edge(), group.name, \
    rootcause.…)";

impl<'s> Parser<'s> {
    /// `word` is the current token, lower-cased.
    pub(super) fn complex(&mut self, scope: Scope, word: &str) -> Result<Expr, ParseError> {
        let token = self.peek();
        let is_complex = matches!(word, "service" | "edge")
            || GroupBy::from_word(word).is_some()
            || word.starts_with("rootcause.");
        if !is_complex {
            if word == "id" {
                let expected =
                    "a filter term (id(…) only names a service inside service(…) or edge(…))";
                return Err(self.error(token, expected));
            }
            return Err(self.error(token, UNKNOWN_KEYWORD));
        }
        self.refuse(token, scope.refuses_complex(token.text))?;
        if let Some(by) = GroupBy::from_word(word) {
            return self.group(by);
        }
        match word {
            "service" => self.service(),
            "edge" => self.edge(),
            "rootcause.json" => self.root_cause_json(),
            _ => self.root_cause(),
        }
    }

    fn service(&mut self) -> Result<Expr, ParseError> {
        let first = self.bump();
        self.expect(Kind::OpenParen, "'(' after 'service'")?;
        let selector = match self.peek().kind {
            Kind::CloseParen => None,
            _ => Some(self.selector(first)?),
        };
        self.expect(Kind::CloseParen, "')' to close 'service('")?;
        let body = self.body(Scope::Service, first)?;
        Ok(Expr::Service { selector, body })
    }

    fn edge(&mut self) -> Result<Expr, ParseError> {
        let first = self.bump();
        self.expect(Kind::OpenParen, "'(' after 'edge'")?;
        let source = self.selector(first)?;
        self.expect(
            Kind::Comma,
            "',' and the destination service after the edge's source",
        )?;
        let destination = self.selector(first)?;
        self.expect(Kind::CloseParen, "')' to close 'edge('")?;
        let body = self.body(Scope::Edge, first)?;
        Ok(Expr::Edge {
            source,
            destination,
            body,
        })
    }

    /// `"name"` or `id(name: "…", type: "…", account.id: "…")`.
    fn selector(&mut self, first: Token<'s>) -> Result<ServiceSelector, ParseError> {
        let token = self.peek();
        if token.kind == Kind::String {
            return self.string(first).map(ServiceSelector::Name);
        }
        if !(token.kind == Kind::Word && token.text.eq_ignore_ascii_case("id")) {
            let expected = format!(
                "a double-quoted service name or id(…) after '{}'",
                self.text_since(first)
            );
            return Err(self.error(token, &expected));
        }
        self.bump();
        self.expect(Kind::OpenParen, "'(' after 'id'")?;
        let mut id = ServiceId::default();
        loop {
            self.id_argument(&mut id)?;
            if self.peek().kind != Kind::Comma {
                break;
            }
            self.bump();
        }
        self.expect(
            Kind::CloseParen,
            "',' and another argument, or ')' to close 'id('",
        )?;
        Ok(ServiceSelector::Id(id))
    }

    fn id_argument(&mut self, id: &mut ServiceId) -> Result<(), ParseError> {
        let name = self.peek();
        let slot = match name.text.to_ascii_lowercase().as_str() {
            "name" if name.kind == Kind::Word => &mut id.name,
            "type" if name.kind == Kind::Word => &mut id.kind,
            "account.id" if name.kind == Kind::Word => &mut id.account_id,
            _ => return Err(self.error(name, "name:, type: or account.id: inside 'id('")),
        };
        if slot.is_some() {
            let expected = "each of name:, type: and account.id: at most once inside 'id('";
            return Err(self.error(name, expected));
        }
        self.bump();
        self.expect(Kind::Colon, &format!("':' after '{}'", name.text))?;
        *slot = Some(self.string(name)?);
        Ok(())
    }

    fn group(&mut self, by: GroupBy) -> Result<Expr, ParseError> {
        let first = self.bump();
        let op = self.peek();
        if !(op.kind == Kind::Compare && op.text == "=") {
            return Err(self.error(op, &format!("'=' after '{}'", first.text)));
        }
        self.bump();
        let value = self.string(first)?;
        Ok(Expr::Group { by, value })
    }

    fn root_cause_json(&mut self) -> Result<Expr, ParseError> {
        self.bump();
        let op = self.peek();
        if !(op.kind == Kind::Compare && op.text == "=") {
            return Err(self.error(op, "'=' after 'rootcause.json'"));
        }
        self.bump();
        let json = self.expect(Kind::Json, "'#[' and a JSON array after 'rootcause.json ='");
        let json = json?.text.get(1..).unwrap_or_default().to_owned();
        Ok(Expr::RootCauseJson(json))
    }

    /// `rootcause.KIND.TARGET [{ filter }]`.
    fn root_cause(&mut self) -> Result<Expr, ParseError> {
        let first = self.peek();
        let lower = first.text.to_ascii_lowercase();
        let mut parts = lower.split('.').skip(1);
        let kind = parts.next().and_then(RootCauseKind::from_word);
        let target = parts.next().and_then(RootCauseTarget::from_word);
        let (Some(kind), Some(target), None) = (kind, target, parts.next()) else {
            let expected = "rootcause.{fault|error|responsetime}.{service|entity|exception|coverage} \
                or rootcause.json";
            return Err(self.error(first, expected));
        };
        if !kind.takes(target) {
            let expected = match target {
                RootCauseTarget::Coverage => "coverage only after rootcause.responsetime",
                _ => "exception only after rootcause.fault or rootcause.error",
            };
            return Err(self.error(first, expected));
        }
        self.bump();
        let body = self.body(Scope::RootCause(kind, target), first)?;
        Ok(Expr::RootCause { kind, target, body })
    }
}
