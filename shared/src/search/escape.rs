//! Writing user text into a query so it can only ever be data: field names in backticks, strings
//! between double quotes, regular expressions between slashes. Control characters (which no
//! filter expression a person types holds, and whose escapes Logs Insights does not document)
//! are refused rather than guessed at.

/// A field name in backticks. Names here come from this module's own list or from an
/// annotation key, which the filter parser allows only letters, digits and `_` in.
pub(crate) fn field(name: &str) -> String {
    format!("`{}`", name.replace('`', ""))
}

/// A double-quoted string literal; `None` when `text` holds a control character.
pub(crate) fn string(text: &str) -> Option<String> {
    if text.chars().any(char::is_control) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    Some(out)
}

/// `text` as a regular expression that matches it literally, for use between slashes (the
/// slash itself escaped); `None` when it holds a control character.
pub(crate) fn regex_literal(text: &str) -> Option<String> {
    if text.chars().any(char::is_control) {
        return None;
    }
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if "\\.+*?()|[]{}^$/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_stays_data() {
        let check = |text: &str, string_form: Option<&str>, regex_form: Option<&str>| {
            assert_eq!(string(text).as_deref(), string_form, "{text:?} as a string");
            assert_eq!(
                regex_literal(text).as_deref(),
                regex_form,
                "{text:?} as a regex"
            );
        };
        check("GET", Some(r#""GET""#), Some("GET"));
        check(r#"a"b"#, Some(r#""a\"b""#), Some(r#"a"b"#));
        check(r"C:\tmp", Some(r#""C:\\tmp""#), Some(r"C:\\tmp"));
        check(
            "/a.b?c=(1)",
            Some(r#""/a.b?c=(1)""#),
            Some(r"\/a\.b\?c=\(1\)"),
        );
        check(
            r#"" | stats count(*) #"#,
            Some(r#""\" | stats count(*) #""#),
            Some(r#"" \| stats count\(\*\) #"#),
        );
        check("line\nbreak", None, None);
        check("ünïcödé", Some("\"ünïcödé\""), Some("ünïcödé"));
        assert_eq!(field("attributes.http.method"), "`attributes.http.method`");
        assert_eq!(field("a`b"), "`ab`");
    }
}
