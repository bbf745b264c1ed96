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
