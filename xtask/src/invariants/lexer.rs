//! Just enough of Rust's lexical grammar to find paths: identifiers and the punctuation of
//! paths and `use` trees, with comments, strings and character literals dropped, so a path
//! written in a doc comment or a message is never taken for one in the code.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    Ident(&'a str),
    /// `::`
    PathSep,
    OpenBrace,
    CloseBrace,
    Comma,
    Semi,
    Star,
    /// Any other punctuation, or a literal: it ends a path.
    Other,
}

/// A token and the 1-based line it starts on.
pub type Spanned<'a> = (Token<'a>, usize);

pub fn tokens(source: &str) -> Vec<Spanned<'_>> {
    let mut lexer = Lexer {
        text: source,
        bytes: source.as_bytes(),
        at: 0,
        line: 1,
        out: Vec::new(),
    };
    lexer.run();
    lexer.out
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    line: usize,
    out: Vec<Spanned<'a>>,
}

impl<'a> Lexer<'a> {
    fn peek(&self, ahead: usize) -> u8 {
        self.bytes.get(self.at + ahead).copied().unwrap_or(0)
    }

    /// Moves past `n` bytes, counting newlines.
    fn skip(&mut self, n: usize) {
        let end = (self.at + n).min(self.bytes.len());
        self.line += self.bytes[self.at..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.at = end;
    }

    fn push(&mut self, token: Token<'a>, line: usize) {
        self.out.push((token, line));
    }

    fn run(&mut self) {
        while self.at < self.bytes.len() {
            let line = self.line;
            match (self.peek(0), self.peek(1)) {
                (b'/', b'/') => self.line_comment(),
                (b'/', b'*') => self.block_comment(),
                (b':', b':') => {
                    self.skip(2);
                    self.push(Token::PathSep, line);
                }
                (b'"', _) => self.string(0),
                (b'\'', _) => self.quote(),
                (b'b' | b'c', b'"') => self.string(1),
                (b'b', b'\'') => {
                    self.skip(1);
                    self.quote();
                }
                (b'r', b'"' | b'#') if self.raw_string_at(1) => self.raw_string(1),
                (b'b' | b'c', b'r') if self.raw_string_at(2) => self.raw_string(2),
                (b'r', b'#') if is_ident_start(self.peek(2)) => {
                    // A raw identifier, `r#type`: the name without its prefix.
                    self.skip(2);
                    self.ident(line);
                }
                (byte, _) if is_ident_start(byte) => self.ident(line),
                (byte, _) if byte.is_ascii_whitespace() => self.skip(1),
                (byte, _) => {
                    let token = match byte {
                        b'{' => Token::OpenBrace,
                        b'}' => Token::CloseBrace,
                        b',' => Token::Comma,
                        b';' => Token::Semi,
                        b'*' => Token::Star,
                        _ => Token::Other,
                    };
                    // One whole character, so a multi-byte one is never split.
                    let width = self.text[self.at..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                    self.skip(width);
                    self.push(token, line);
                }
            }
        }
    }

    fn ident(&mut self, line: usize) {
        let start = self.at;
        while is_ident_continue(self.peek(0)) {
            self.at += 1;
        }
        self.push(Token::Ident(&self.text[start..self.at]), line);
    }

    fn line_comment(&mut self) {
        while self.at < self.bytes.len() && self.peek(0) != b'\n' {
            self.at += 1;
        }
    }

    /// Block comments nest in Rust.
    fn block_comment(&mut self) {
        let mut depth = 0usize;
        while self.at < self.bytes.len() {
            match (self.peek(0), self.peek(1)) {
                (b'/', b'*') => {
                    depth += 1;
                    self.skip(2);
                }
                (b'*', b'/') => {
                    self.skip(2);
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => self.skip(1),
            }
        }
    }

    /// A `"…"` string after a `prefix`-byte prefix (`b`, `c`), with `\` escapes.
    fn string(&mut self, prefix: usize) {
        let line = self.line;
        self.skip(prefix + 1);
        while self.at < self.bytes.len() {
            match self.peek(0) {
                b'\\' => self.skip(2),
                b'"' => {
                    self.skip(1);
                    break;
                }
                _ => self.skip(1),
            }
        }
        self.push(Token::Other, line);
    }

    /// Whether `r`, `#`s and `"` start at `offset` (a raw string, not a raw identifier).
    fn raw_string_at(&self, offset: usize) -> bool {
        let mut at = offset;
        while self.peek(at) == b'#' {
            at += 1;
        }
        self.peek(at) == b'"' && (offset == 1 || self.peek(offset - 1) == b'r')
    }

    /// `r#"…"#`: ends at a quote followed by as many `#` as it opened with.
    fn raw_string(&mut self, prefix: usize) {
        let line = self.line;
        self.skip(prefix);
        let mut hashes = 0;
        while self.peek(0) == b'#' {
            hashes += 1;
            self.skip(1);
        }
        self.skip(1);
        while self.at < self.bytes.len() {
            if self.peek(0) == b'"' && (1..=hashes).all(|i| self.peek(i) == b'#') {
                self.skip(1 + hashes);
                break;
            }
            self.skip(1);
        }
        self.push(Token::Other, line);
    }

    /// A character literal (`'a'`, `'\n'`, `'é'`) or a lifetime (`'a`), which is only skipped.
    fn quote(&mut self) {
        let line = self.line;
        let rest = &self.text[self.at + 1..];
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some('\\'), _) => {
                // The quote, the backslash and the escaped character, then to the closing quote.
                self.skip(3);
                while self.at < self.bytes.len() && self.peek(0) != b'\'' {
                    self.skip(1);
                }
                self.skip(1);
            }
            (Some(c), Some('\'')) => self.skip(1 + c.len_utf8() + 1),
            _ => {
                // A lifetime or label: the name that follows is not a path.
                self.skip(1);
                while is_ident_continue(self.peek(0)) {
                    self.at += 1;
                }
            }
        }
        self.push(Token::Other, line);
    }
}

fn is_ident_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_'
}

fn is_ident_continue(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idents(source: &str) -> Vec<&str> {
        tokens(source)
            .into_iter()
            .filter_map(|(token, _)| match token {
                Token::Ident(name) => Some(name),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn comments_strings_and_characters_hide_what_they_hold() {
        let check = |source: &str, expect: &[&str]| {
            assert_eq!(idents(source), expect, "{source}");
        };
        check("a // tokio::spawn\nb", &["a", "b"]);
        check("a /* x /* nested tokio */ y */ b", &["a", "b"]);
        check("/// use tokio::fs;\nfn f() {}", &["fn", "f"]);
        check(r#"f("tokio::spawn \" still tokio")"#, &["f"]);
        check(r##"f(r#"tokio::x "quoted" "#, g)"##, &["f", "g"]);
        check(r#"f(b"tokio", br"axum", c"hyper")"#, &["f"]);
        check("let c = '\"'; tokio", &["let", "c", "tokio"]);
        check("let c = '\\''; axum", &["let", "c", "axum"]);
        check(
            "fn f<'a>(x: &'a str) -> 'é' { y }",
            &["fn", "f", "x", "str", "y"],
        );
        check("let r#type = 1;", &["let", "type"]);
        check("b'x' r", &["r"]);
    }

    #[test]
    fn lines_are_counted_through_comments_and_strings() {
        let source = "a\n/* one\ntwo */\n\"three\nfour\"\nb";
        let lines: Vec<(Token<'_>, usize)> = tokens(source)
            .into_iter()
            .filter(|(t, _)| matches!(t, Token::Ident(_)))
            .collect();
        assert_eq!(lines, [(Token::Ident("a"), 1), (Token::Ident("b"), 6)]);
    }
}
