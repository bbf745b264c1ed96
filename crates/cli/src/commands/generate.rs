//! `offerta generate`: signed test submissions with their registry and ambito, for the
//! performance measures.

use std::path::PathBuf;

use crate::files::write_all_into;

pub fn run(count: usize, year: u16, out: PathBuf, overwrite: bool) -> Result<(), String> {
    let (mut files, registry, ambito) = offerta_core::fixtures::lombardy_signed_files(count, year);
    let ambito_json = serde_json::to_string_pretty(&ambito).map_err(|e| e.to_string())?;
    files.push(("registro.json".into(), registry.to_file_json()));
    files.push(("ambito.json".into(), ambito_json));
    write_all_into(&out, &files, overwrite)?;
    say!(
        "{count} schede firmate, registro.json e ambito.json in {}",
        out.display()
    );
    Ok(())
}
