//! CSV and TSV reading: any bytes give documents or problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sozdik_corpus::{read_reader, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let format = if first & 1 == 0 { Format::Csv } else { Format::Tsv };
    let opts = ReadOptions { max_record_bytes: 512, title_field: Some("title".into()), ..ReadOptions::default() };
    for r in read_reader(std::io::Cursor::new(rest.to_vec()), "f.csv", format, &opts) {
        if let Ok(doc) = r {
            assert!(!doc.text.trim().is_empty());
        }
    }
});
