//! Turns Trunk's output into ONE self-contained HTML file that works from file:// (a USB
//! stick), where Chromium refuses ES modules and fetch(): JS glue built by wasm-bindgen with
//! `--target no-modules`, the wasm as base64 instantiated from bytes, CSS and icons inlined,
//! and a Content-Security-Policy that forbids every network connection.

use std::cell::RefCell;
use std::error::Error;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use sha2::{Digest, Sha256};

pub type BundleError = Box<dyn Error + Send + Sync>;

pub struct Inputs<'a> {
    /// Trunk's index.html.
    pub html: &'a str,
    /// wasm-bindgen `--target no-modules` glue, which defines the global `wasm_bindgen`.
    pub glue_js: &'a str,
    /// The wasm that goes with `glue_js`.
    pub wasm: &'a [u8],
    /// Reads an asset referenced by the HTML (href relative to the dist folder).
    pub read_asset: &'a dyn Fn(&str) -> std::io::Result<Vec<u8>>,
}

/// The CSP of the single file: inline code only by hash, wasm compiled from bytes, images and
/// fonts only as data: URIs, and no connection of any kind.
pub fn content_security_policy(script_hashes: &[String], style_hashes: &[String]) -> String {
    let quoted = |hashes: &[String]| {
        hashes
            .iter()
            .map(|h| format!("'{h}'"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; img-src data:; \
         font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'",
        quoted(script_hashes),
        quoted(style_hashes)
    )
}

/// `sha256-<base64>` source expression of an inline script or style, as CSP computes it.
pub fn csp_hash(content: &str) -> String {
    format!(
        "sha256-{}",
        BASE64.encode(Sha256::digest(content.as_bytes()))
    )
}

/// The CSP of the served app (Trunk's output): like the single file's, but the JS, wasm, CSS
/// and icon come from the same server (`'self'`), and Trunk's inline module loader runs by hash.
pub fn served_content_security_policy(script_hashes: &[String]) -> String {
    let hashes: String = script_hashes.iter().map(|h| format!(" '{h}'")).collect();
    format!(
        "default-src 'none'; script-src 'self'{hashes} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; \
         form-action 'none'"
    )
}

/// Trunk's index.html with a Content-Security-Policy listing the hash of each inline script.
pub fn with_served_csp(html: &str) -> Result<String, BundleError> {
    let scripts = RefCell::new(vec![String::new()]);
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("script:not([src])", |el| {
                    scripts.borrow_mut().push(String::new());
                    let _ = el;
                    Ok(())
                }),
                lol_html::text!("script:not([src])", |t| {
                    if let Some(last) = scripts.borrow_mut().last_mut() {
                        last.push_str(t.as_str());
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )?;
    let hashes: Vec<String> = scripts
        .into_inner()
        .iter()
        .skip(1)
        .map(|s| csp_hash(s))
        .collect();
    let csp = served_content_security_policy(&hashes);
    let out = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("meta[http-equiv=Content-Security-Policy]", |el| {
                    el.remove();
                    Ok(())
                }),
                element!("head", |el| {
                    el.prepend(
                        &format!(r#"<meta http-equiv="Content-Security-Policy" content="{csp}">"#),
                        ContentType::Html,
                    );
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )?;
    Ok(out)
}

/// The wasm gzipped: a third of its size, and the browser inflates it natively
/// (`DecompressionStream`) in a few milliseconds - the single file must stay small to copy
/// and to open on an old office PC.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    encoder.write_all(bytes).expect("gzip into memory");
    encoder.finish().expect("gzip into memory")
}

/// The script that starts the app: decode the embedded gzipped wasm, inflate it and hand the
/// bytes to the glue. A browser too old to inflate gets a message saying what to do.
fn loader_js(wasm_gz: &[u8]) -> String {
    format!(
        r#"(function () {{
  function fail(err) {{
    console.error(err);
    var p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.textContent = "Impossibile avviare Offerta Abitativa in questo browser (" + err +
      "). Aggiornare il browser (Chrome, Edge o Firefox recenti) e riaprire il file.";
    document.body.appendChild(p);
  }}
  if (typeof DecompressionStream === "undefined") {{
    fail("DecompressionStream non disponibile");
    return;
  }}
  var raw = atob("{}");
  var bytes = new Uint8Array(raw.length);
  for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  var inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  new Response(inflated).arrayBuffer().then(function (wasm) {{
    return wasm_bindgen({{ module_or_path: wasm }});
  }}).catch(fail);
}})();"#,
        BASE64.encode(wasm_gz)
    )
}

fn mime_of(href: &str) -> &'static str {
    match href.rsplit('.').next().unwrap_or("") {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

fn asset_path(href: &str) -> &str {
    href.trim_start_matches('/')
}

fn check_inlinable(what: &str, content: &str, closing: &str) -> Result<(), BundleError> {
    if content.to_ascii_lowercase().contains(closing) {
        return Err(format!("{what} contains {closing} and cannot be inlined").into());
    }
    Ok(())
}

pub fn single_file(inputs: &Inputs) -> Result<String, BundleError> {
    // First pass: the stylesheets, whose hashes the CSP at the top of <head> must list.
    let stylesheets = RefCell::new(Vec::new());
    rewrite_str(
        inputs.html,
        RewriteStrSettings {
            element_content_handlers: vec![element!("link[rel=stylesheet][href]", |el| {
                let href = el.get_attribute("href").unwrap_or_default();
                stylesheets.borrow_mut().push(href);
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )?;
    let mut styles = Vec::new();
    for href in stylesheets.into_inner() {
        let css = String::from_utf8((inputs.read_asset)(asset_path(&href))?)?;
        check_inlinable(&href, &css, "</style")?;
        styles.push(css);
    }
    let loader = loader_js(&gzip(inputs.wasm));
    check_inlinable("the wasm-bindgen glue", inputs.glue_js, "</script")?;
    let csp = content_security_policy(
        &[csp_hash(inputs.glue_js), csp_hash(&loader)],
        &styles.iter().map(|s| csp_hash(s)).collect::<Vec<_>>(),
    );

    let next_style = RefCell::new(styles.into_iter());
    let html = rewrite_str(
        inputs.html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("head", |el| {
                    el.prepend(
                        &format!(r#"<meta http-equiv="Content-Security-Policy" content="{csp}">"#),
                        ContentType::Html,
                    );
                    Ok(())
                }),
                element!("link[rel=stylesheet][href]", |el| {
                    let css = next_style.borrow_mut().next().unwrap_or_default();
                    el.replace(&format!("<style>{css}</style>"), ContentType::Html);
                    Ok(())
                }),
                element!("link[rel=icon][href]", |el| {
                    let href = el.get_attribute("href").unwrap_or_default();
                    let bytes = (inputs.read_asset)(asset_path(&href))?;
                    let uri = format!("data:{};base64,{}", mime_of(&href), BASE64.encode(bytes));
                    el.set_attribute("href", &uri)?;
                    el.remove_attribute("integrity");
                    Ok(())
                }),
                element!("meta[http-equiv=Content-Security-Policy]", |el| {
                    el.remove();
                    Ok(())
                }),
                // Trunk's ES-module loader and its preloads cannot work on file://.
                element!("link[rel=modulepreload], link[rel=preload], script", |el| {
                    el.remove();
                    Ok(())
                }),
                element!("body", |el| {
                    el.append(
                        &format!(
                            "<script>{}</script><script>{loader}</script>",
                            inputs.glue_js
                        ),
                        ContentType::Html,
                    );
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )?;
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_HTML: &str = r#"<!doctype html><html lang="it"><head><meta charset="utf-8">
<title>T</title>
<link rel="modulepreload" href="/app-1.js" crossorigin="anonymous" integrity="sha384-x">
<link rel="preload" href="/app-1_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm">
<link rel="stylesheet" href="/app-2.css" integrity="sha384-y">
<link rel="icon" href="/icon-3.svg" integrity="sha384-z">
<script type="module">import init from '/app-1.js'; init('/app-1_bg.wasm');</script>
</head><body><noscript>JS</noscript></body></html>"#;

    fn read(href: &str) -> std::io::Result<Vec<u8>> {
        match href {
            "app-2.css" => Ok(b"body{color:red}".to_vec()),
            "icon-3.svg" => Ok(b"<svg/>".to_vec()),
            other => Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                other.to_owned(),
            )),
        }
    }

    fn bundle() -> String {
        single_file(&Inputs {
            html: TRUNK_HTML,
            glue_js: "let wasm_bindgen = function () {};",
            wasm: b"\0asm\x01\0\0\0",
            read_asset: &read,
        })
        .unwrap()
    }

    #[test]
    fn everything_is_inlined_and_nothing_is_fetched() {
        let html = bundle();
        assert!(!html.contains("app-1"), "module loader left behind: {html}");
        assert!(!html.contains("/app-2.css"));
        assert!(html.contains("<style>body{color:red}</style>"));
        assert!(html.contains(&format!(
            "data:image/svg+xml;base64,{}",
            BASE64.encode(b"<svg/>")
        )));
        assert!(html.contains(&BASE64.encode(gzip(b"\0asm\x01\0\0\0"))));
        assert!(!html.contains("type=\"module\""));
        assert!(!html.contains("integrity"));
    }

    #[test]
    fn csp_comes_first_and_lists_the_hash_of_every_inline_script_and_style() {
        let html = bundle();
        let head = html.find("<head>").unwrap();
        let csp_at = html.find("Content-Security-Policy").unwrap();
        assert!(csp_at > head && csp_at < html.find("<meta charset").unwrap());
        assert!(html.contains("connect-src 'none'"));
        for (open, close) in [("<script>", "</script>"), ("<style>", "</style>")] {
            let mut rest = html.as_str();
            let mut seen = 0;
            while let Some(start) = rest.find(open) {
                let body = &rest[start + open.len()..];
                let end = body.find(close).unwrap();
                assert!(html.contains(&csp_hash(&body[..end])), "{open} not hashed");
                rest = &body[end..];
                seen += 1;
            }
            assert!(seen > 0, "no {open} found");
        }
    }

    #[test]
    fn a_missing_asset_is_an_error_not_a_broken_file() {
        let html = TRUNK_HTML.replace("/app-2.css", "/missing.css");
        let result = single_file(&Inputs {
            html: &html,
            glue_js: "",
            wasm: b"",
            read_asset: &read,
        });
        assert!(result.is_err());
    }

    #[test]
    fn the_served_page_gets_a_csp_with_the_hash_of_its_inline_loader() {
        let html = with_served_csp(TRUNK_HTML).unwrap();
        let loader = "import init from '/app-1.js'; init('/app-1_bg.wasm');";
        assert!(html.contains(&csp_hash(loader)), "{html}");
        assert!(html.contains("connect-src 'self'"));
        assert_eq!(html.matches("Content-Security-Policy").count(), 1);
        let again = with_served_csp(&html).unwrap();
        assert_eq!(
            again.matches("Content-Security-Policy").count(),
            1,
            "idempotent"
        );
        let single = single_file(&Inputs {
            html: &html,
            glue_js: "",
            wasm: b"",
            read_asset: &read,
        })
        .unwrap();
        assert_eq!(
            single.matches("Content-Security-Policy").count(),
            1,
            "the single file has only its own"
        );
    }

    #[test]
    fn the_embedded_wasm_inflates_back_to_the_same_bytes() {
        use std::io::Read;
        let wasm: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let packed = gzip(&wasm);
        assert!(
            packed.len() < wasm.len() / 10,
            "repetitive input compresses"
        );
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, wasm);
    }

    #[test]
    fn hash_matches_the_csp_spec_example() {
        // Known SHA-256 of the empty string, base64-encoded.
        assert_eq!(
            csp_hash(""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }
}
