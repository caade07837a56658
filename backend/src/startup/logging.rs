//! Logs go to stderr (stdout carries only the dashboard's URL, which scripts read). The level
//! comes from RUST_LOG; the AWS SDK's own chatter is kept to warnings unless asked for.
//!
//! Every field is written escaped, whatever its kind: a control character in a value (a
//! `window=%0a…` parameter in an error message, an AWS message echoing a filter) comes out as
//! `\n`, never as a line break, so nobody can write a log line of their own. It is done once,
//! in how fields are written, rather than at each place a value is logged.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::field::MakeExt;
use tracing_subscriber::fmt::format::{self, Writer};

const DEFAULT_FILTER: &str = "info,aws_config=warn,aws_smithy_runtime=warn,aws_runtime=warn";

pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    // A second init (tests, examples) is harmless: the first subscriber stays.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .fmt_fields(escaped_fields())
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

/// `name=value` pairs separated by spaces (the message bare), control characters escaped.
pub fn escaped_fields() -> impl for<'w> tracing_subscriber::fmt::FormatFields<'w> {
    format::debug_fn(
        |writer: &mut Writer<'_>, field: &tracing::field::Field, value| {
            let text = escape_controls(&format!("{value:?}"));
            match field.name() {
                "message" => writer.write_str(&text),
                name => write!(writer, "{name}={text}"),
            }
        },
    )
    .delimited(" ")
}

/// `text` with every control character written as its Rust escape (`\n`, `\u{1b}`).
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        let check = |text: &str, expect: &str| assert_eq!(escape_controls(text), expect);
        check("15m", "15m");
        check("15m\nINFO fake line", "15m\\nINFO fake line");
        check("a\r\nb\u{1b}[31m", "a\\r\\nb\\u{1b}[31m");
        check("ünïcode stays", "ünïcode stays");
    }

    /// What the subscriber writes, as one string.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if let Ok(mut out) = self.0.lock() {
                out.extend_from_slice(bytes);
            }
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn no_field_of_any_kind_can_start_a_line() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .fmt_fields(escaped_fields())
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let hostile = "15m\n2026-12-05T00:00:00Z  INFO audit: mutation who=admin";
        tracing::subscriber::with_default(subscriber, || {
            let span = tracing::info_span!("request", path = %hostile);
            let _inside = span.enter();
            tracing::info!(window = hostile, shown = %hostile, debug = ?hostile, "refused {hostile}");
        });
        let text = String::from_utf8(captured.0.lock().map(|o| o.clone()).unwrap_or_default())
            .unwrap_or_default();
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(text.contains("window=\"15m\\n2026"), "{text}");
        assert!(text.contains("shown=15m\\n2026"), "{text}");
        assert!(text.contains("refused 15m\\n2026"), "{text}");
    }
}
