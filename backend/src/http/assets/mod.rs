//! The browser bundle (Trunk's `dist/`): loaded once at startup from the binary or a folder,
//! served with cache headers fitting each file and precompressed bodies.

mod asset;
mod csp;
mod serve;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;

pub use asset::Asset;
pub use csp::content_security_policy;
pub use serve::serve;

/// `dist/` at the workspace root, built by Trunk. A release build embeds it; a debug build reads
/// it from disk when loaded, so the bundle can be rebuilt without recompiling the server.
#[derive(rust_embed::RustEmbed)]
#[folder = "../dist"]
#[allow_missing = true]
#[exclude = ".stage/*"]
struct Dist;

/// Where the bundle comes from.
#[derive(Debug, Clone)]
pub enum BundleSource {
    /// The `dist/` built into the binary.
    Embedded,
    /// A folder given with `--dist`.
    Dir(PathBuf),
}

pub struct Assets {
    files: HashMap<String, Arc<Asset>>,
    /// The policy for index.html, allowing its inline scripts by hash.
    index_policy: String,
}

impl Assets {
    pub fn load(source: &BundleSource) -> std::io::Result<Self> {
        let files = match source {
            BundleSource::Embedded => Dist::iter()
                .filter_map(|path| {
                    let file = Dist::get(&path)?;
                    Some((path.into_owned(), Bytes::from(file.data.into_owned())))
                })
                .collect(),
            BundleSource::Dir(dir) => read_dir_files(dir)?,
        };
        Ok(Self::from_files(files))
    }

    /// An empty bundle: `/` explains how to build one.
    pub fn empty() -> Self {
        Self::from_files(Vec::new())
    }

    pub fn from_files(files: Vec<(String, Bytes)>) -> Self {
        let index_policy = files
            .iter()
            .find(|(path, _)| path == "index.html")
            .map(|(_, body)| csp::inline_script_hashes(&String::from_utf8_lossy(body)))
            .map_or_else(
                || content_security_policy(&[]),
                |h| content_security_policy(&h),
            );
        let files = files
            .into_iter()
            .map(|(path, body)| {
                let asset = Arc::new(Asset::new(&path, body));
                (path, asset)
            })
            .collect();
        Self {
            files,
            index_policy,
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.files.contains_key("index.html")
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn get(&self, path: &str) -> Option<&Arc<Asset>> {
        self.files.get(path)
    }

    pub fn index_policy(&self) -> &str {
        &self.index_policy
    }

    /// Compresses every file once; runs on a blocking thread after startup, and until it is done
    /// the files go out as they are (or compressed on the fly by the compression layer).
    pub fn precompress_all(&self) {
        for asset in self.files.values() {
            asset.precompress();
        }
    }
}

/// Every file under `dir`, keyed by its `/`-separated relative path; Trunk's `.stage` and other
/// hidden folders are skipped.
fn read_dir_files(dir: &Path) -> std::io::Result<Vec<(String, Bytes)>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                let key = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.push((key, Bytes::from(std::fs::read(&path)?)));
            }
        }
    }
    Ok(files)
}
