//! What to send: the best precompressed body the client accepts (`Accept-Encoding`), and, where
//! a route has a second form than JSON, whether the client asked for it (`Accept`).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    pub fn header_value(self) -> Option<&'static str> {
        match self {
            Self::Brotli => Some("br"),
            Self::Gzip => Some("gzip"),
            Self::Identity => None,
        }
    }
}

/// Brotli if accepted, else gzip, else none. `q=0` means "not acceptable".
pub fn preferred(accept_encoding: &str) -> Encoding {
    let accepted = |name: &str| {
        accept_encoding.split(',').any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next().unwrap_or_default();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (coding.eq_ignore_ascii_case(name) || coding == "*") && !refused
        })
    };
    if accepted("br") {
        Encoding::Brotli
    } else if accepted("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// Whether `accept` (an `Accept` header) asks for `media` rather than JSON: it names `media`
/// with a quality above 0 and at least the quality it gives JSON (by its most specific range:
/// `application/json`, then `application/*`, then `*/*`). A header that names neither, or does
/// not parse, gets JSON, the public form.
pub fn prefers_media(accept: &str, media: &str) -> bool {
    let mut wanted = None;
    // (specificity, quality) of the most specific range that covers JSON.
    let mut json: Option<(u8, f32)> = None;
    for item in accept.split(',') {
        let mut parts = item.split(';').map(str::trim);
        let range = parts.next().unwrap_or_default();
        let quality = parts
            .filter_map(|p| p.strip_prefix("q="))
            .next_back()
            .map_or(Some(1.0), |q| {
                q.parse::<f32>().ok().filter(|q| (0.0..=1.0).contains(q))
            });
        let Some(quality) = quality else { continue };
        if range.eq_ignore_ascii_case(media) {
            wanted = Some(quality);
        }
        let specificity = match range.to_ascii_lowercase().as_str() {
            "application/json" => 3,
            "application/*" => 2,
            "*/*" => 1,
            _ => continue,
        };
        if json.is_none_or(|(known, _)| specificity > known) {
            json = Some((specificity, quality));
        }
    }
    let json = json.map_or(0.0, |(_, quality)| quality);
    wanted.is_some_and(|quality| quality > 0.0 && quality >= json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_form_only_when_asked_for_over_json() {
        const MEDIA: &str = "application/vnd.example+postcard";
        let check = |header: &str, expect: bool| {
            assert_eq!(prefers_media(header, MEDIA), expect, "{header}");
        };
        check(MEDIA, true);
        check("Application/VND.Example+Postcard", true);
        check(&format!("{MEDIA}, application/json;q=0.5"), true);
        check(&format!("application/json;q=0.9, {MEDIA}"), true);
        check(&format!("{MEDIA};q=0.5, */*;q=0.1"), true);
        check(&format!("{MEDIA};q=0.5, application/json"), false);
        check(&format!("{MEDIA};q=0.5, application/*;q=0.2, */*"), true);
        check(&format!("{MEDIA};q=0"), false);
        check(&format!("{MEDIA};q=banana"), false);
        check(&format!("{MEDIA};q=2"), false);
        check("application/json", false);
        check("*/*", false);
        check("", false);
        check("\u{0}garbage;;;,", false);
        check("application/vnd.example+postcard2", false);
    }

    #[test]
    fn preferences() {
        let check =
            |header: &str, expect: Encoding| assert_eq!(preferred(header), expect, "{header}");
        check("gzip, deflate, br, zstd", Encoding::Brotli);
        check("gzip", Encoding::Gzip);
        check("br;q=0, gzip;q=0.5", Encoding::Gzip);
        check("identity", Encoding::Identity);
        check("", Encoding::Identity);
        check("*", Encoding::Brotli);
    }
}
