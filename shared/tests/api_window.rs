//! `window=` values: `15m`, `1h`, `90s`.

use shared::api::window::{MAX_WINDOW_SECONDS, WindowError, format_window, parse_window};

#[test]
fn parses_windows() {
    let cases = [
        ("90s", Ok(90)),
        ("15m", Ok(900)),
        ("1h", Ok(3600)),
        ("6h", Ok(MAX_WINDOW_SECONDS)),
        (" 5m ", Ok(300)),
        ("360m", Ok(21_600)),
        ("", Err(WindowError::Empty)),
        ("   ", Err(WindowError::Empty)),
        ("0m", Err(WindowError::Zero)),
        ("7h", Err(WindowError::TooLong("7h".into()))),
        ("1d", Err(WindowError::TooLong("1d".into()))),
        (
            "99999999999999999999999h",
            Err(WindowError::TooLong("99999999999999999999999h".into())),
        ),
        ("15", Err(WindowError::Malformed("15".into()))),
        ("m", Err(WindowError::Malformed("m".into()))),
        ("1.5h", Err(WindowError::Malformed("1.5h".into()))),
        ("-5m", Err(WindowError::Malformed("-5m".into()))),
        ("15M", Err(WindowError::Malformed("15M".into()))),
        ("1 h", Err(WindowError::Malformed("1 h".into()))),
        ("5é", Err(WindowError::Malformed("5é".into()))),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_window(text), expected, "{text:?}");
    }
}

#[test]
fn formats_windows_in_the_largest_exact_unit() {
    let cases = [
        (90, "90s"),
        (900, "15m"),
        (3600, "1h"),
        (5400, "90m"),
        (86_400, "1d"),
        (1, "1s"),
    ];
    for (seconds, expected) in cases {
        assert_eq!(format_window(seconds), expected, "{seconds}");
    }
}

#[test]
fn format_then_parse_is_the_identity_up_to_the_maximum() {
    for seconds in 1..=MAX_WINDOW_SECONDS {
        assert_eq!(parse_window(&format_window(seconds)), Ok(seconds));
    }
}

#[test]
fn errors_say_how_to_write_a_window() {
    let message = parse_window("abc").expect_err("not a window").to_string();
    assert!(message.contains("15m"), "{message}");
}
