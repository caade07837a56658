//! What the refiner inputs hold as text, read into refiner values and written back: `500` or
//! `5xx` for a status, seconds as typed for times.

use shared::filter::StatusRefiner;

/// `500` → exact, `5xx` → class; blank → none.
///
/// # Errors
/// A message for the input's hint when the text is neither.
pub fn parse_status(text: &str) -> Result<Option<StatusRefiner>, String> {
    let text = text.trim().to_ascii_lowercase();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(class) = text.strip_suffix("xx")
        && let Ok(digit) = class.parse::<u8>()
        && (1..=5).contains(&digit)
    {
        return Ok(Some(StatusRefiner::Class(digit)));
    }
    match text.parse::<u16>() {
        Ok(code) if (100..=599).contains(&code) => Ok(Some(StatusRefiner::Exact(code))),
        _ => Err(format!(
            "{text:?} is not a status: write 500 for one code or 5xx for a class"
        )),
    }
}

pub fn format_status(status: Option<StatusRefiner>) -> String {
    match status {
        None => String::new(),
        Some(StatusRefiner::Exact(code)) => code.to_string(),
        Some(StatusRefiner::Class(class)) => format!("{class}xx"),
    }
}

/// Seconds as typed; blank → none.
///
/// # Errors
/// A message when the text is not a number of seconds, 0 or more.
pub fn parse_seconds(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 => Ok(Some(value)),
        _ => Err(format!("{text:?} is not a number of seconds (e.g. 0.5)")),
    }
}

/// Blank text is no value; anything else is kept as typed (trimmed).
pub fn non_blank(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_and_write_back() {
        let check = |text: &str, expect: Result<Option<StatusRefiner>, ()>| {
            let got = parse_status(text).map_err(|_| ());
            assert_eq!(got, expect, "{text:?}");
            if let Ok(status) = got {
                assert_eq!(
                    parse_status(&format_status(status)).ok(),
                    Some(status),
                    "round trip {text:?}"
                );
            }
        };
        check("", Ok(None));
        check(" 500 ", Ok(Some(StatusRefiner::Exact(500))));
        check("4XX", Ok(Some(StatusRefiner::Class(4))));
        check("6xx", Err(()));
        check("99", Err(()));
        check("ok", Err(()));
    }

    #[test]
    fn seconds_must_be_finite_and_not_negative() {
        let check = |text: &str, expect: Result<Option<f64>, ()>| {
            assert_eq!(parse_seconds(text).map_err(|_| ()), expect, "{text:?}")
        };
        check("", Ok(None));
        check("0.25", Ok(Some(0.25)));
        check("-1", Err(()));
        check("inf", Err(()));
        check("fast", Err(()));
        assert_eq!(non_blank("  "), None);
        assert_eq!(non_blank(" a "), Some("a".to_owned()));
    }
}
