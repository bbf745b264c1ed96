//! Where things are in the repository and its build output.

use std::path::PathBuf;

/// Root of the workspace (the parent of this crate).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"))
}

/// Trunk's output: the served app.
pub fn dist_dir() -> PathBuf {
    repo_root().join("dist")
}

/// Name of the self-contained offline build inside [`dist_dir`].
pub const SINGLE_FILE_NAME: &str = "offerta-abitativa.html";

pub fn single_file() -> PathBuf {
    dist_dir().join(SINGLE_FILE_NAME)
}

/// The wasm that cargo (driven by Trunk) builds for the web app, before wasm-bindgen.
pub fn release_wasm() -> PathBuf {
    target_dir()
        .join("wasm32-unknown-unknown")
        .join("release")
        .join("offerta-abitativa.wasm")
}

/// The pinned front-end packages (package.json, package-lock.json): Bootstrap Italia,
/// PurgeCSS, axe-core.
pub fn npm_dir() -> PathBuf {
    repo_root().join("tools").join("npm")
}

/// Bootstrap Italia cut to what the app uses, with its fonts; written by the build.
pub fn generated_stylesheet() -> PathBuf {
    repo_root()
        .join("styles")
        .join("generated")
        .join("bootstrap-italia.css")
}
