//! `--frame-ancestors`: which pages may show runtrace in a frame, written into the CSP that the
//! rest of the server builds (its `frame-ancestors 'self'` is the default).

/// Checks the value: space-separated sources, nothing that could end the directive.
pub fn check_frame_ancestors(sources: &str) -> Result<String, String> {
    let sources = sources.split_whitespace().collect::<Vec<_>>().join(" ");
    let allowed = |c: char| c.is_ascii_graphic() && !matches!(c, ';' | ',' | '"');
    if sources.is_empty() || !sources.chars().all(|c| c == ' ' || allowed(c)) {
        return Err(format!(
            "--frame-ancestors `{sources}` must be space-separated CSP sources, e.g. \
             \"'self' https://portal.example.com\" or \"'none'\""
        ));
    }
    Ok(sources)
}

/// `policy` with its `frame-ancestors` directive set to `sources` (added when missing).
pub fn with_frame_ancestors(policy: &str, sources: &str) -> String {
    let mut directives: Vec<String> = policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.starts_with("frame-ancestors"))
        .map(str::to_owned)
        .collect();
    directives.push(format!("frame-ancestors {sources}"));
    directives.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directive_is_replaced_or_added() {
        let check = |policy: &str, expect: &str| {
            assert_eq!(
                with_frame_ancestors(policy, "'self' https://portal"),
                expect,
                "{policy}"
            );
        };
        check(
            "default-src 'self'; frame-ancestors 'self'",
            "default-src 'self'; frame-ancestors 'self' https://portal",
        );
        check(
            "frame-ancestors 'none'; img-src data:",
            "img-src data:; frame-ancestors 'self' https://portal",
        );
        check(
            "default-src 'self'",
            "default-src 'self'; frame-ancestors 'self' https://portal",
        );
    }

    #[test]
    fn values_that_could_inject_directives_are_refused() {
        let check = |value: &str, expect: Option<&str>| {
            assert_eq!(
                check_frame_ancestors(value).ok().as_deref(),
                expect,
                "{value}"
            );
        };
        check("'self'", Some("'self'"));
        check(
            "  'self'   http://127.0.0.1:9000 ",
            Some("'self' http://127.0.0.1:9000"),
        );
        check("'none'", Some("'none'"));
        check("'self'; script-src *", None);
        check("a,b", None);
        check("", None);
        check("'self' https://pörtal.example", None);
    }
}
