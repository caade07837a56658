//! One file of the bundle, held in memory with its headers and (once computed) its gzip and
//! brotli bodies.

use std::sync::OnceLock;

use axum::body::Bytes;
use sha2::{Digest, Sha256};

use crate::compress::{self, Effort};
use crate::http::negotiate::Encoding;

/// Trunk's hashed names (`frontend-<hash>_bg.wasm`) never change content: cache them for a year.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else is revalidated (cheaply, by ETag) on every use.
pub const REVALIDATE: &str = "no-cache";

/// Below this size compression saves less than its headers cost.
const MIN_COMPRESS_BYTES: usize = 1024;

pub struct Asset {
    pub body: Bytes,
    pub content_type: String,
    pub cache_control: &'static str,
    /// A strong validator of the uncompressed body, quoted.
    pub etag: String,
    compressed: OnceLock<Compressed>,
}

#[derive(Default)]
struct Compressed {
    gzip: Option<Bytes>,
    brotli: Option<Bytes>,
}

impl Asset {
    pub fn new(path: &str, body: Bytes) -> Self {
        let digest = Sha256::digest(&body);
        Self {
            content_type: content_type(path),
            cache_control: if is_hashed(path) {
                IMMUTABLE
            } else {
                REVALIDATE
            },
            etag: format!("\"{}\"", hex::encode(&digest[..12])),
            body,
            compressed: OnceLock::new(),
        }
    }

    /// Computes the compressed bodies (slow at these levels, so done once, off the request path).
    pub fn precompress(&self) {
        self.compressed.get_or_init(|| {
            if self.body.len() < MIN_COMPRESS_BYTES || !is_compressible(&self.content_type) {
                return Compressed::default();
            }
            let smaller = |compressed: Vec<u8>| {
                (compressed.len() < self.body.len()).then(|| Bytes::from(compressed))
            };
            Compressed {
                gzip: compress::gzip(&self.body, Effort::Best).and_then(smaller),
                brotli: compress::brotli(&self.body, Effort::Best).and_then(smaller),
            }
        });
    }

    /// The body for `wanted`, if it has been computed; falls back towards identity.
    pub fn body_for(&self, wanted: Encoding) -> (Encoding, Bytes) {
        let compressed = self.compressed.get();
        let brotli = compressed.and_then(|c| c.brotli.clone());
        let gzip = compressed.and_then(|c| c.gzip.clone());
        match (wanted, brotli, gzip) {
            (Encoding::Brotli, Some(body), _) => (Encoding::Brotli, body),
            (Encoding::Brotli | Encoding::Gzip, _, Some(body)) => (Encoding::Gzip, body),
            _ => (Encoding::Identity, self.body.clone()),
        }
    }
}

fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ if mime.subtype() == "javascript" => "text/javascript; charset=utf-8".to_owned(),
        _ => mime.to_string(),
    }
}

fn is_compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || [
            "application/wasm",
            "application/json",
            "image/svg+xml",
            "application/manifest+json",
        ]
        .iter()
        .any(|t| content_type.starts_with(t))
}

/// Whether the file name carries a content hash, as Trunk writes them:
/// `frontend-9f86d081884c7d65.js`, `frontend-9f86d081884c7d65_bg.wasm`, `style-9f86d081884c7d65.css`.
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    let Some((_, tail)) = stem.rsplit_once('-') else {
        return false;
    };
    let hash = tail.split('_').next().unwrap_or(tail);
    (12..=64).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        let check = |path: &str, expect: bool| assert_eq!(is_hashed(path), expect, "{path}");
        check("frontend-9f86d081884c7d65.js", true);
        check("frontend-9f86d081884c7d65_bg.wasm", true);
        check("style-9f86d081884c7d6.css", true);
        check("snippets/leptos-9f86d081884c7d65/inline0.js", false);
        check("index.html", false);
        check("favicon.ico", false);
        check("my-component.js", false);
    }

    #[test]
    fn content_types() {
        let check = |path: &str, expect: &str| assert_eq!(content_type(path), expect, "{path}");
        check("index.html", "text/html; charset=utf-8");
        check("app.js", "text/javascript; charset=utf-8");
        check("app_bg.wasm", "application/wasm");
        check("style.css", "text/css; charset=utf-8");
        check("blob", "application/octet-stream");
    }

    #[test]
    fn compressed_bodies_are_served_once_computed() {
        let asset = Asset::new("app.js", Bytes::from("let x = 1;\n".repeat(500)));
        assert_eq!(asset.body_for(Encoding::Brotli).0, Encoding::Identity);
        asset.precompress();
        let (encoding, body) = asset.body_for(Encoding::Brotli);
        assert_eq!(encoding, Encoding::Brotli);
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &body[..], &mut plain).expect("valid brotli");
        assert_eq!(plain, asset.body);
        assert_eq!(asset.body_for(Encoding::Gzip).0, Encoding::Gzip);
        assert_eq!(asset.body_for(Encoding::Identity).0, Encoding::Identity);
    }

    #[test]
    fn small_or_binary_files_stay_uncompressed() {
        let small = Asset::new("app.js", Bytes::from_static(b"x()"));
        small.precompress();
        assert_eq!(small.body_for(Encoding::Gzip).0, Encoding::Identity);
        let image = Asset::new("logo.png", Bytes::from(vec![0u8; 4096]));
        image.precompress();
        assert_eq!(image.body_for(Encoding::Brotli).0, Encoding::Identity);
    }
}
