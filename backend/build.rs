//! The release binary embeds the browser bundle (`dist/`, see `http::assets`), and cargo does not
//! know that: a bundle built after the binary (into a folder that was empty or missing) would
//! not be picked up. So the binary is rebuilt when `dist/index.html` changes (Trunk rewrites it
//! with the hashed names of every asset) and when `RUNTRACE_BUNDLE_STAMP` changes, which
//! `cargo xtask` sets to the bundle's fingerprint for the release builds that embed it.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUNTRACE_BUNDLE_STAMP");
    let index = std::path::Path::new("../dist/index.html");
    // Only when it exists: a missing path would make cargo rebuild on every build.
    if index.exists() {
        println!("cargo:rerun-if-changed=../dist/index.html");
    }
}
