//! gzip and brotli, for bodies compressed once and served many times (the bundle's files and
//! cached API answers). Pure functions of bytes.

use std::io::Write;

/// How hard to try: `Best` for the bundle (compressed once at startup), `Fast` for API answers
/// (compressed on first use, while a browser waits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    Best,
    Fast,
}

impl Effort {
    /// An unoptimised (debug) build compresses ~20× slower — half a minute of CPU for the bundle
    /// during tests — so it settles for quick levels.
    fn levels(self) -> (u32, i32) {
        match (self, cfg!(debug_assertions)) {
            (Self::Best, false) => (9, 11),
            (Self::Best, true) | (Self::Fast, _) => (6, 5),
        }
    }
}

pub fn gzip(body: &[u8], effort: Effort) -> Option<Vec<u8>> {
    let level = flate2::Compression::new(effort.levels().0);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), level);
    encoder.write_all(body).ok()?;
    encoder.finish().ok()
}

pub fn brotli(body: &[u8], effort: Effort) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: effort.levels().1,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn both_round_trip() {
        let body = "{\"nodes\": []}\n".repeat(100);
        for effort in [Effort::Best, Effort::Fast] {
            let gz = gzip(body.as_bytes(), effort).expect("gzip");
            let mut plain = String::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_string(&mut plain)
                .expect("gunzip");
            assert_eq!(plain, body);
            let br = brotli(body.as_bytes(), effort).expect("brotli");
            let mut plain = Vec::new();
            brotli::BrotliDecompress(&mut &br[..], &mut plain).expect("unbrotli");
            assert_eq!(plain, body.as_bytes());
            assert!(br.len() < body.len() && gz.len() < body.len());
        }
    }
}
