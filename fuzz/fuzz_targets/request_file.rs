//! Any file a comune opens as its capofila's request: must never panic; a request accepted
//! is named by the hash of its bytes, has a deadline that is a date, and is refused as soon
//! as another key is expected; what it says is plausible (issue #25: a plan year with rules,
//! no hidden character in its texts) and its notes are said without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use offerta_core::request::{first_hidden, read_request, KeyStanding};
use offerta_core::signing::file_hash;

fuzz_target!(|data: &[u8]| {
    if let Ok(read) = read_request(data, None) {
        assert_eq!(read.hash, file_hash(data));
        assert_eq!(read.request.days_left(&read.request.scadenza), Some(0));
        let r = &read.request;
        assert!(offerta_core::rules::rule_set_for(r.anno_piano).is_some());
        for text in [&r.capofila.nome, &r.capofila.referente, &r.capofila.contatto] {
            assert_eq!(first_hidden(text, false), None);
        }
        assert_eq!(first_hidden(&r.messaggio, true), None);
        for standing in [KeyStanding::Known, KeyStanding::First, KeyStanding::MemoryUnreadable] {
            assert!(read.key_note(standing).it.contains(&read.fingerprint));
        }
        let _ = read.owners_line();
        let other = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
        if read.public_key != other {
            assert!(
                read_request(data, Some(other)).is_err(),
                "another key is refused"
            );
        }
    }
});
