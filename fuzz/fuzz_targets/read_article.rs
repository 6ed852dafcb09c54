//! Article structure and HTML stripping: never a panic, and every range lies on
//! character boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sozdik_corpus::{looks_like_html, strip_html, Article};

fuzz_target!(|text: &str| {
    let a = Article::parse(text);
    for r in a.body.iter().chain(a.title.iter()).chain(a.author.iter()) {
        assert!(r.start <= r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    let _ = looks_like_html(text);
    let stripped = strip_html(text);
    assert!(stripped.len() <= text.len() + text.matches('<').count(), "stripping never grows text beyond line breaks");
    let _ = Article::parse(&stripped);
});
