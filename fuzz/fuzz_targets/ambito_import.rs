//! Any file a capofila chooses as its ambito (the page's import, the CLI's `--ambito`), as
//! JSON or as CSV: must never panic, and an ambito accepted must be one the app can write and
//! read back unchanged (what the CLI's `generate` and the page's storage do); its ALER are
//! Lombardy's, named as they name themselves, and its name shows no invisible character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use offerta_core::ambiti;

fuzz_target!(|data: &[u8]| {
    // The first byte chooses how the file is named, hence read: CSV or JSON.
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let name = if kind % 2 == 0 {
        "Ambito Prova.csv"
    } else {
        "ambito.json"
    };
    if let Ok(ambito) = ambiti::import_file(name, text) {
        let json = serde_json::to_string(&ambito).expect("an ambito serialises");
        let again = ambiti::import_file("ambito.json", &json).expect("a written ambito reads");
        assert_eq!(again, ambito);
        for code in &ambito.comuni {
            assert!(ambito.contains(*code), "the comuni stay sorted");
        }
        let _ = ambito.capofila_code();
        // Its ALER are Lombardy's, each known by its own name and no look-alike of it.
        for aler in ambito.alers() {
            let known = offerta_core::aler::known(aler).expect("an ALER of Lombardy");
            assert_eq!(known.nome, aler, "written as the ALER writes itself");
            assert_eq!(ambito.aler_named(aler), Some(aler));
        }
        assert!(offerta_core::text::first_deceptive(&ambito.nome, false).is_none());
    }
});
