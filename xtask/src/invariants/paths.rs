//! The paths a Rust file refers to: every path of its `use` trees (groups expanded), every
//! `extern crate`, and every path written in the code (`tokio::spawn(…)`, `#[tokio::test]`).
//! Paths that start at a name the file defines itself (`mod emulator;`, `use super::emulator;`)
//! are the file's own, not a crate's, and are left out.

use std::collections::BTreeSet;

use super::lexer::{Spanned, Token, tokens};

/// A path and the line it is written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathRef {
    pub line: usize,
    pub path: String,
}

pub fn references(source: &str) -> Vec<PathRef> {
    let tokens = tokens(source);
    let mut found = Vec::new();
    let mut local = BTreeSet::new();
    let mut at = 0;
    while at < tokens.len() {
        match tokens[at].0 {
            Token::Ident("use") => {
                let mut tree = UseTree::new(&tokens, at + 1);
                let paths = tree.parse(&[]);
                for (path, bound, line) in paths {
                    // `use super::emulator;` makes `emulator::…` this file's own name.
                    if path.first() != Some(&bound) {
                        local.insert(bound.clone());
                    }
                    found.push(PathRef {
                        line,
                        path: path.join("::"),
                    });
                }
                at = tree.at;
            }
            Token::Ident("extern")
                if tokens.get(at + 1).map(|t| t.0) == Some(Token::Ident("crate")) =>
            {
                if let Some((Token::Ident(name), line)) = tokens.get(at + 2).copied() {
                    found.push(PathRef {
                        line,
                        path: name.to_owned(),
                    });
                }
                at += 3;
            }
            Token::Ident("mod") => {
                if let Some((Token::Ident(name), _)) = tokens.get(at + 1).copied() {
                    local.insert(name.to_owned());
                }
                at += 2;
            }
            Token::Ident(_) | Token::PathSep => {
                let (path, line, next) = code_path(&tokens, at);
                if path.len() > 1 {
                    found.push(PathRef {
                        line,
                        path: path.join("::"),
                    });
                }
                at = next;
            }
            _ => at += 1,
        }
    }
    found.retain(|r| {
        let first = r.path.split("::").next().unwrap_or_default();
        !matches!(first, "crate" | "self" | "super" | "Self") && !local.contains(first)
    });
    found
}

/// `a::b::c` starting at `at` (a leading `::` is allowed); returns the names, the line and
/// where the path ends.
fn code_path(tokens: &[Spanned<'_>], at: usize) -> (Vec<String>, usize, usize) {
    let line = tokens[at].1;
    let mut names = Vec::new();
    let mut i = at;
    if tokens[i].0 == Token::PathSep {
        i += 1;
    }
    while let Some((Token::Ident(name), _)) = tokens.get(i).copied() {
        names.push(name.to_owned());
        i += 1;
        match (tokens.get(i).map(|t| t.0), tokens.get(i + 1).map(|t| t.0)) {
            (Some(Token::PathSep), Some(Token::Ident(_))) => i += 1,
            _ => break,
        }
    }
    (names, line, i.max(at + 1))
}

/// A `use` tree from just after `use` to its `;`.
struct UseTree<'t, 'a> {
    tokens: &'t [Spanned<'a>],
    at: usize,
}

impl<'t, 'a> UseTree<'t, 'a> {
    fn new(tokens: &'t [Spanned<'a>], at: usize) -> Self {
        Self { tokens, at }
    }

    fn token(&self) -> Option<Token<'a>> {
        self.tokens.get(self.at).map(|t| t.0)
    }

    fn line(&self) -> usize {
        self.tokens
            .get(self.at)
            .or_else(|| self.tokens.last())
            .map_or(0, |t| t.1)
    }

    /// Every full path below `prefix`, with the name each binds and its line; stops after the
    /// tree (at `;`, or at the `,`/`}` that ends a branch of a group).
    fn parse(&mut self, prefix: &[String]) -> Vec<(Vec<String>, String, usize)> {
        let mut path = prefix.to_vec();
        if self.token() == Some(Token::PathSep) {
            self.at += 1;
        }
        loop {
            match self.token() {
                Some(Token::Ident(name)) => {
                    let line = self.line();
                    self.at += 1;
                    let bound = match name {
                        // `use a::b::{self}` binds `b`.
                        "self" => path.last().cloned().unwrap_or_default(),
                        _ => {
                            path.push(name.to_owned());
                            name.to_owned()
                        }
                    };
                    match self.token() {
                        Some(Token::PathSep) => self.at += 1,
                        Some(Token::Ident("as")) => {
                            self.at += 1;
                            let alias = match self.token() {
                                Some(Token::Ident(alias)) => alias.to_owned(),
                                _ => bound,
                            };
                            self.at += 1;
                            self.finish_branch();
                            return vec![(path, alias, line)];
                        }
                        _ => {
                            self.finish_branch();
                            return vec![(path, bound, line)];
                        }
                    }
                }
                Some(Token::OpenBrace) => {
                    self.at += 1;
                    let mut all = Vec::new();
                    while !matches!(self.token(), None | Some(Token::CloseBrace)) {
                        all.extend(self.parse(&path));
                        if self.token() == Some(Token::Comma) {
                            self.at += 1;
                        }
                    }
                    self.at += 1;
                    self.finish_branch();
                    return all;
                }
                Some(Token::Star) => {
                    let line = self.line();
                    self.at += 1;
                    self.finish_branch();
                    return vec![(path, String::new(), line)];
                }
                _ => {
                    self.finish_branch();
                    return Vec::new();
                }
            }
        }
    }

    /// Past the `;` that ends the statement; inside a group, up to its `,` or `}`.
    fn finish_branch(&mut self) {
        while let Some(token) = self.token() {
            match token {
                Token::Comma | Token::CloseBrace => return,
                Token::Semi => {
                    self.at += 1;
                    return;
                }
                _ => self.at += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(source: &str) -> Vec<(usize, String)> {
        references(source)
            .into_iter()
            .map(|r| (r.line, r.path))
            .collect()
    }

    #[test]
    fn use_trees_extern_crates_and_code_paths_are_found() {
        let check = |source: &str, expect: &[(usize, &str)]| {
            let expect: Vec<(usize, String)> =
                expect.iter().map(|(l, p)| (*l, (*p).to_owned())).collect();
            assert_eq!(paths(source), expect, "{source}");
        };
        check("use tokio::fs;", &[(1, "tokio::fs")]);
        check("pub(crate) use ::axum::Router;", &[(1, "axum::Router")]);
        check(
            "use std::{fs, io::{self, Write}, net::TcpStream as Tcp};",
            &[
                (1, "std::fs"),
                (1, "std::io"),
                (1, "std::io::Write"),
                (1, "std::net::TcpStream"),
            ],
        );
        check(
            "use a::{\n    b,\n    c::d,\n};",
            &[(2, "a::b"), (3, "a::c::d")],
        );
        check("use leptos::prelude::*;", &[(1, "leptos::prelude")]);
        check("extern crate web_sys;", &[(1, "web_sys")]);
        check(
            "fn f() { let x = ::tokio::spawn(g); std::fs::read(p)?; }",
            &[(1, "tokio::spawn"), (1, "std::fs::read")],
        );
        check("#[tokio::test]\nasync fn t() {}", &[(1, "tokio::test")]);
        check("let v = x.collect::<Vec<u8>>();", &[]);
        check(
            "impl axum::response::IntoResponse for E {}",
            &[(1, "axum::response::IntoResponse")],
        );
        check(
            "use crate::aws::Upstream; use super::x; self::y(); Self::z();",
            &[],
        );
    }

    #[test]
    fn names_the_file_defines_are_its_own() {
        let check = |source: &str, expect: &[&str]| {
            let got: Vec<String> = paths(source).into_iter().map(|(_, p)| p).collect();
            assert_eq!(got, expect, "{source}");
        };
        check("mod emulator;\nfn f() { emulator::run(); }", &[]);
        check("use super::emulator;\nfn f() { emulator::run(); }", &[]);
        check(
            "use super::emulator::Figures;\nfn f() { emulator::run(); }",
            &["emulator::run"],
        );
        check(
            "use emulator::Emulator;\nfn f() { emulator::start(); }",
            &["emulator::Emulator", "emulator::start"],
        );
        check(
            "use aws_sdk_xray as xray;\nfn f() { xray::Client::new(); }",
            &["aws_sdk_xray"],
        );
    }

    #[test]
    fn comments_and_strings_are_not_paths() {
        let source = r#"
//! Never imports `aws_sdk_*` (no `use aws_sdk_xray::Client;`).
/* use tokio::fs; */
fn f() -> &'static str {
    let t = "tokio::spawn";
    let c = ':';
    tracing::info!("use axum::Router;");
    t
}
"#;
        assert_eq!(paths(source), [(7, "tracing::info".to_owned())]);
    }
}
