//! The Region's scale, set up once for the tests that need it (scale, long tables, the
//! screen at a glance): signed files of many entes of Lombardy for plan 2027, their registry
//! and ambito written to a scratch folder, and the capofila's screen made ready for the drop.

use std::path::{Path, PathBuf};

use crate::browser::Browser;
use crate::site::{scratch_dir, write};

/// The plan year of the Lombardy fixtures.
pub const YEAR: u16 = 2027;

/// `offerta_core::fixtures::lombardy_signed_files` written to disk.
pub struct Lombardy {
    /// The signed files, one per ente.
    pub files: Vec<PathBuf>,
    /// The registry with every ente's key.
    pub registry: PathBuf,
    /// The ambito of all the entes, as a file the capofila imports.
    pub ambito: PathBuf,
}

impl Lombardy {
    /// `n` entes' signed files for plan [`YEAR`], with their registry and ambito, in the
    /// scratch folder `dir`.
    pub fn written(n: usize, dir: &str) -> Lombardy {
        let dir = scratch_dir(dir);
        let (files, registry, ambito) = offerta_core::fixtures::lombardy_signed_files(n, YEAR);
        Lombardy {
            files: files
                .iter()
                .map(|(name, text)| write(&dir, name, text.as_bytes()))
                .collect(),
            registry: write(&dir, "registro.json", registry.to_json().as_bytes()),
            ambito: write(
                &dir,
                "lombardia.json",
                serde_json::to_string(&ambito).unwrap().as_bytes(),
            ),
        }
    }

    /// Opens `url` as the capofila with this ambito imported, plan year [`YEAR`] and the
    /// registry imported: what a drop of the files needs.
    pub async fn set_up(&self, b: &Browser, url: &str) {
        b.client.goto(url).await.unwrap();
        b.click("#role-capofila").await;
        b.fill("#ambito-file", self.ambito.to_str().unwrap()).await;
        b.text_when("#capofila-message", |t| t.contains("importato"))
            .await;
        b.fill("#year-input", &format!("{YEAR}\n")).await;
        b.fill("#registry-import", self.registry.to_str().unwrap())
            .await;
        b.text_when("#capofila-message", |t| t.contains("Registro importato"))
            .await;
    }
}

/// `files` as the file input takes several: one path a line.
pub fn listed(files: &[impl AsRef<Path>]) -> String {
    let names: Vec<String> = files
        .iter()
        .map(|p| p.as_ref().display().to_string())
        .collect();
    names.join("\n")
}
