//! The app's look is Bootstrap Italia (Designers Italia): its stylesheet, cut down by
//! PurgeCSS to the rules the components use, plus the Titillium Web faces as data: URIs, so
//! the served app and the single file carry the same self-contained CSS and fetch nothing.

use std::path::Path;
use std::process::Command;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;

use crate::paths;
use crate::tools::{run, Result};

/// The Titillium Web weights the design system uses for text (400), labels (600) and
/// headings (700); others fall back to the browser's synthesis.
const FACES: [(u16, &str); 3] = [
    (400, "titillium-web-v10-latin-ext_latin-regular.woff2"),
    (600, "titillium-web-v10-latin-ext_latin-600.woff2"),
    (700, "titillium-web-v10-latin-ext_latin-700.woff2"),
];

/// `@font-face` rules with each face embedded.
pub fn font_faces(read: &dyn Fn(&str) -> std::io::Result<Vec<u8>>) -> Result<String> {
    let mut css = String::new();
    for (weight, file) in FACES {
        let bytes = read(file).map_err(|e| format!("font {file}: {e}"))?;
        css.push_str(&format!(
            "@font-face{{font-family:\"Titillium Web\";font-style:normal;font-weight:{weight};\
             font-display:swap;src:url(data:font/woff2;base64,{}) format(\"woff2\")}}\n",
            BASE64.encode(bytes)
        ));
    }
    Ok(css)
}

/// Writes `styles/generated/bootstrap-italia.css` (index.html links it before app.css).
/// Returns (bytes of the full framework CSS, bytes written).
pub fn build_stylesheet() -> Result<(u64, u64)> {
    let npm = paths::npm_dir();
    let full = npm.join("node_modules/bootstrap-italia/dist/css/bootstrap-italia.min.css");
    let purged_dir = paths::target_dir().join("purgecss");
    run(Command::new("node")
        .arg("node_modules/purgecss/bin/purgecss.js")
        .args(["--config", "purgecss.config.cjs", "--output"])
        .arg(&purged_dir)
        .current_dir(&npm))?;
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let purged = String::from_utf8(read(&purged_dir.join("bootstrap-italia.min.css"))?)
        .map_err(|e| e.to_string())?;
    let fonts_dir = npm.join("node_modules/bootstrap-italia/dist/fonts/Titillium_Web");
    let fonts = font_faces(&|file| std::fs::read(fonts_dir.join(file)))?;
    // The BOM PurgeCSS keeps would land in the middle of the single file's <style>.
    let css = format!("{fonts}{}", purged.trim_start_matches('\u{feff}'));
    let out = paths::generated_stylesheet();
    std::fs::create_dir_all(out.parent().expect("inside styles/")).map_err(|e| e.to_string())?;
    std::fs::write(&out, &css).map_err(|e| format!("{}: {e}", out.display()))?;
    let full_len = std::fs::metadata(&full).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "Bootstrap Italia: {full_len} bytes of CSS, {} kept by PurgeCSS, {} with the fonts",
        purged.len(),
        css.len()
    );
    Ok((full_len, css.len() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_is_embedded_once_with_its_weight() {
        let css = font_faces(&|file| Ok(file.as_bytes().to_vec())).unwrap();
        for (weight, file) in FACES {
            let rule = css
                .lines()
                .find(|l| l.contains(&format!("font-weight:{weight};")))
                .unwrap();
            assert!(rule.contains(&BASE64.encode(file.as_bytes())));
        }
        assert_eq!(css.matches("@font-face").count(), FACES.len());
        assert!(
            !css.contains("url(\"/") && !css.contains("url(../"),
            "nothing to fetch"
        );
    }

    #[test]
    fn a_missing_font_is_an_error() {
        let missing = |_: &str| Err(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert!(font_faces(&missing).is_err());
    }
}
