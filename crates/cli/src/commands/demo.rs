//! `offerta demo`: the demonstration plan (ambito of Crema, 2021) as JSON, or its
//! submissions as draft files in a folder.

use std::path::PathBuf;

use offerta_core::{ambiti, demo};

use crate::files::write_all_into;

pub fn run(files: Option<PathBuf>, overwrite: bool) -> Result<(), String> {
    let submissions = demo::crema_2021();
    match files {
        None => {
            let plan =
                offerta_core::aggregate(&submissions, ambiti::preset(demo::DEMO_AMBITO).as_ref());
            say!(
                "{}",
                serde_json::to_string_pretty(&plan).map_err(|e| e.to_string())?
            );
        }
        Some(dir) => {
            let named = submissions
                .iter()
                .map(|s| serde_json::to_string_pretty(s).map(|text| (s.file_name(false), text)))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?;
            write_all_into(&dir, &named, overwrite)?;
            say!("{} schede scritte in {}", submissions.len(), dir.display());
        }
    }
    Ok(())
}
