//! Splits standard input into sentences and prints one sentence a line (line breaks inside
//! a sentence become spaces).
//!
//! ```text
//! cargo run -p sozdik-tokenize --example sents < text.txt
//! ```

use std::io::{self, Read, Write};

use sozdik_tokenize::sentences;

fn main() -> io::Result<()> {
    let mut text = String::new();
    io::stdin().read_to_string(&mut text)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    for s in sentences(&text) {
        let s: Vec<&str> = text[s].split_whitespace().collect();
        writeln!(out, "{}", s.join(" "))?;
    }
    out.flush()
}
