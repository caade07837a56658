//! The character level of the query language: names (dotted, `@system`, or in backticks),
//! strings in single or double quotes with backslash escapes, numbers, regular expressions
//! between slashes (only where the grammar expects one: the parser asks), operators, and `#`
//! comments to the end of the line.

use super::CompileError;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    /// A bare word: a command, keyword, function or field name (`attributes.http.method`).
    Word(String),
    /// A field name written in backticks.
    Quoted(String),
    Str(String),
    /// A number written without a fraction or exponent: kept exact (nanosecond times).
    Int(i64),
    Num(f64),
    /// `|`, `,`, `(`, `)`, `[`, `]`, `*`, `+`, `-`, `/`, `%`, `=`, `!=`, `<`, `<=`, `>`, `>=`, `=~`.
    Op(&'static str),
    End,
}

/// A token and where it is: byte offsets into the query.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
}

pub(crate) struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

const OPERATORS: &[&str] = &[
    "!=", "<=", ">=", "=~", "|", ",", "(", ")", "[", "]", "*", "+", "-", "/", "%", "=", "<", ">",
];

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_blanks(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            self.at += rest.len() - trimmed.len();
            if trimmed.starts_with('#') {
                self.at += trimmed.find('\n').unwrap_or(trimmed.len());
            } else {
                return;
            }
        }
    }

    /// The next token, without consuming it.
    pub fn peek(&mut self) -> Result<Token, CompileError> {
        let saved = self.at;
        let token = self.next();
        self.at = saved;
        token
    }

    pub fn next(&mut self) -> Result<Token, CompileError> {
        self.skip_blanks();
        let start = self.at;
        let rest = self.rest();
        let Some(first) = rest.chars().next() else {
            return Ok(Token {
                tok: Tok::End,
                start,
                end: start,
            });
        };
        let tok = if first.is_ascii_digit()
            || (first == '.' && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
        {
            self.number()?
        } else if first.is_alphabetic() || first == '_' || first == '@' || first == '$' {
            let len = rest
                .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '@' | '$')))
                .unwrap_or(rest.len());
            // Names with other punctuation (`-`, `:`) are written in backticks.
            let word = trim_word(&rest[..len]);
            self.at += word.len();
            Tok::Word(word.to_owned())
        } else if first == '`' {
            let Some(close) = rest[1..].find('`') else {
                return Err(CompileError::at(
                    self.text,
                    start,
                    self.text.len(),
                    "a backtick-quoted name is not closed",
                ));
            };
            self.at += close + 2;
            Tok::Quoted(rest[1..=close].to_owned())
        } else if first == '"' || first == '\'' {
            Tok::Str(self.string(first)?)
        } else if let Some(op) = OPERATORS.iter().find(|op| rest.starts_with(**op)) {
            self.at += op.len();
            Tok::Op(op)
        } else {
            let end = start + first.len_utf8();
            return Err(CompileError::at(
                self.text,
                start,
                end,
                format!("unexpected character {first:?}"),
            ));
        };
        Ok(Token {
            tok,
            start,
            end: self.at,
        })
    }

    fn number(&mut self) -> Result<Tok, CompileError> {
        let rest = self.rest();
        let mut len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if rest[len..].starts_with(['e', 'E']) {
            let exp = &rest[len + 1..];
            let sign = usize::from(exp.starts_with(['+', '-']));
            let digits = exp[sign..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(exp.len() - sign);
            if digits > 0 {
                len += 1 + sign + digits;
            }
        }
        let text = &rest[..len];
        let start = self.at;
        self.at += len;
        if let Ok(int) = text.parse::<i64>() {
            return Ok(Tok::Int(int));
        }
        text.parse::<f64>().map(Tok::Num).map_err(|_| {
            CompileError::at(
                self.text,
                start,
                self.at,
                format!("{text:?} is not a number"),
            )
        })
    }

    fn string(&mut self, quote: char) -> Result<String, CompileError> {
        let start = self.at;
        let mut out = String::new();
        let mut chars = self.rest().char_indices().skip(1);
        while let Some((i, c)) = chars.next() {
            match c {
                c if c == quote => {
                    self.at += i + 1;
                    return Ok(out);
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, 'r')) => out.push('\r'),
                    Some((_, other)) => out.push(other),
                    None => break,
                },
                c => out.push(c),
            }
        }
        Err(CompileError::at(
            self.text,
            start,
            self.text.len(),
            "a string is not closed",
        ))
    }

    /// A regular expression `/…/` (with `\/` for a slash inside), where the grammar wants one.
    pub fn regex(&mut self) -> Result<Option<(String, usize, usize)>, CompileError> {
        self.skip_blanks();
        let start = self.at;
        if !self.rest().starts_with('/') {
            return Ok(None);
        }
        let mut out = String::new();
        let mut chars = self.rest().char_indices().skip(1);
        while let Some((i, c)) = chars.next() {
            match c {
                '/' => {
                    self.at += i + 1;
                    return Ok(Some((out, start, self.at)));
                }
                '\\' => match chars.next() {
                    Some((_, '/')) => out.push('/'),
                    Some((_, other)) => {
                        out.push('\\');
                        out.push(other);
                    }
                    None => break,
                },
                c => out.push(c),
            }
        }
        Err(CompileError::at(
            self.text,
            start,
            self.text.len(),
            "a regular expression is not closed",
        ))
    }
}

fn trim_word(word: &str) -> &str {
    let mut end = word.len();
    while end > 1 && word[..end].ends_with('.') {
        end -= 1;
    }
    &word[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<Tok> {
        let mut scanner = Scanner::new(text);
        let mut out = Vec::new();
        loop {
            let token = scanner.next().expect("scans");
            if token.tok == Tok::End {
                return out;
            }
            out.push(token.tok);
        }
    }

    #[test]
    fn check_tokens() {
        let word = |w: &str| Tok::Word(w.into());
        assert_eq!(
            tokens(
                "filter attributes.http.response.status_code >= 500 # fives\n| stats count(*) as n by `resource.attributes.service.name`"
            ),
            vec![
                word("filter"),
                word("attributes.http.response.status_code"),
                Tok::Op(">="),
                Tok::Int(500),
                Tok::Op("|"),
                word("stats"),
                word("count"),
                Tok::Op("("),
                Tok::Op("*"),
                Tok::Op(")"),
                word("as"),
                word("n"),
                word("by"),
                Tok::Quoted("resource.attributes.service.name".into()),
            ]
        );
        assert_eq!(
            tokens(r#"x = "a\"b" or y != 'c'"#),
            vec![
                word("x"),
                Tok::Op("="),
                Tok::Str("a\"b".into()),
                word("or"),
                word("y"),
                Tok::Op("!="),
                Tok::Str("c".into())
            ]
        );
        assert_eq!(
            tokens("@timestamp-1e9"),
            vec![word("@timestamp"), Tok::Op("-"), Tok::Num(1e9)]
        );
        assert_eq!(
            tokens("durationNano/1000000"),
            vec![word("durationNano"), Tok::Op("/"), Tok::Int(1_000_000)]
        );
    }

    #[test]
    fn regexes_only_where_asked_and_errors_point_at_their_place() {
        let mut scanner = Scanner::new(r" /a\/b\.c/ rest");
        assert_eq!(
            scanner.regex().expect("ok"),
            Some((r"a/b\.c".to_owned(), 1, 10))
        );
        assert_eq!(scanner.next().map(|t| t.tok), Ok(Tok::Word("rest".into())));
        let error = Scanner::new("x = \"open")
            .next()
            .and_then(|_| Scanner::new("x = \"open").next());
        assert!(error.is_ok());
        let mut scanner = Scanner::new("x = \"open");
        let _ = scanner.next();
        let _ = scanner.next();
        let error = scanner.next().expect_err("unclosed");
        assert_eq!((error.start, error.end), (4, 9));
        let error = Scanner::new("a ; b").next().and_then(|_| {
            let mut s = Scanner::new("a ; b");
            s.next()?;
            s.next()
        });
        assert_eq!(error.map_err(|e| (e.start, e.end)), Err((2, 3)));
    }
}
