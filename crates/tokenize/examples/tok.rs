//! Tokenizes standard input: one output line per input line, the tokens other than
//! white space separated by single spaces (the default format of `sozdik tokenize`). A
//! token with white space inside (`1 374`, a phone number) is printed without it, so that
//! every space in the output separates tokens.
//!
//! ```text
//! cargo run -p sozdik-tokenize --example tok < text.txt
//! ```

use std::io::{self, BufRead, BufWriter, Write};

use sozdik_tokenize::{tokens, TokenKind};

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let mut first = true;
        for t in tokens(&line).filter(|t| t.kind != TokenKind::Space) {
            if !first {
                out.write_all(b" ")?;
            }
            let tok = &line.as_str()[t.span];
            if tok.contains(char::is_whitespace) {
                out.write_all(tok.replace(char::is_whitespace, "").as_bytes())?;
            } else {
                out.write_all(tok.as_bytes())?;
            }
            first = false;
        }
        out.write_all(b"\n")?;
    }
    out.flush()
}
