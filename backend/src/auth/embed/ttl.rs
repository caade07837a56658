//! Lifetimes of embed links as people write them: `45m`, `12h`, `30d`, `2w`.

/// A link that never needs renewing is a link that cannot be revoked short of rotating the key.
pub const MAX_TTL_SECONDS: i64 = 366 * 86_400;

pub fn parse_ttl(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit_seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => {
            return Err(format!(
                "`{text}` is not a duration; write e.g. 45m, 12h, 30d or 2w"
            ));
        }
    };
    let seconds = number
        .parse::<i64>()
        .ok()
        .and_then(|n| n.checked_mul(unit_seconds))
        .filter(|s| *s > 0)
        .ok_or_else(|| format!("`{text}` is not a duration; write e.g. 45m, 12h, 30d or 2w"))?;
    if seconds > MAX_TTL_SECONDS {
        return Err(format!(
            "`{text}` is longer than the maximum of 366d; mint a new link when it expires"
        ));
    }
    Ok(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        let check = |text: &str, expect: Result<i64, &str>| match (parse_ttl(text), expect) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{text}"),
            (Err(got), Err(needle)) => assert!(got.contains(needle), "{needle} not in {got}"),
            (got, want) => panic!("{text}: {got:?} vs {want:?}"),
        };
        check("45s", Ok(45));
        check("90m", Ok(5_400));
        check("12h", Ok(43_200));
        check("30d", Ok(2_592_000));
        check("2w", Ok(1_209_600));
        check("366d", Ok(MAX_TTL_SECONDS));
        check("367d", Err("maximum of 366d"));
        check("0h", Err("not a duration"));
        check("30", Err("not a duration"));
        check("d", Err("not a duration"));
        check("1y", Err("not a duration"));
        check("-5m", Err("not a duration"));
        check("99999999999999999999d", Err("not a duration"));
    }
}
