//! Counted nouns as a person writes them: "1 segment", "2,763 traces".

/// `n` with thousands separators and `noun` in the singular or plural (`noun` + "s").
pub fn count(n: usize, noun: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {noun}{s}", grouped(n))
}

/// `2763` → `2,763`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_thousands_are_grouped() {
        let check = |n: usize, noun: &str, expect: &str| assert_eq!(count(n, noun), expect);
        check(0, "trace", "0 traces");
        check(1, "segment", "1 segment");
        check(2, "segment", "2 segments");
        check(999, "span", "999 spans");
        check(2_763, "trace", "2,763 traces");
        check(1_234_567, "span", "1,234,567 spans");
    }
}
