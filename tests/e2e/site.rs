//! The two builds under test: dist/ served on 127.0.0.1, and the single file on file://.

pub fn served_dist() -> xtask::serve::Server {
    let dist = xtask::paths::dist_dir();
    assert!(
        dist.join("index.html").is_file(),
        "{} is missing: run `cargo xtask test`, which builds it",
        dist.display()
    );
    xtask::serve::start(dist, 0).expect("serve dist/")
}

pub fn single_file_url() -> String {
    let file = xtask::paths::single_file();
    assert!(
        file.is_file(),
        "{} is missing: run `cargo xtask test`, which builds it",
        file.display()
    );
    format!("file://{}", file.display())
}

/// A fresh, empty folder for one test's files (named after the test and this process).
pub fn scratch_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("offerta-e2e-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Writes `bytes` as `dir/name`, where the browser can pick it, and returns its path.
pub fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write a test file");
    path
}
