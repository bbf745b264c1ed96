//! Any file a comune opens as its capofila's request: must never panic; a request accepted
//! is named by the hash of its bytes, has a deadline that is a date, and is refused as soon
//! as another key is expected.
#![no_main]

use libfuzzer_sys::fuzz_target;
use offerta_core::request::read_request;
use offerta_core::signing::file_hash;

fuzz_target!(|data: &[u8]| {
    if let Ok(read) = read_request(data, None) {
        assert_eq!(read.hash, file_hash(data));
        assert_eq!(read.request.days_left(&read.request.scadenza), Some(0));
        let other = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
        if read.public_key != other {
            assert!(
                read_request(data, Some(other)).is_err(),
                "another key is refused"
            );
        }
    }
});
