//! Throughput of the tokenizer and the normalizer on Kazakh news text, in MB/s, against a
//! `split_whitespace` baseline in the same group.
//!
//! The input is the sample article in `data/articles/` repeated to about 2 MB. Each
//! benchmark asserts the token count it saw, so it cannot silently measure nothing.

use std::borrow::Cow;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sozdik_script::{NormalizeOptions, Normalizer};
use sozdik_tokenize::{sentences, tokens, TokenKind};

const SAMPLE: &str = include_str!("../../../data/articles/000_2b0a0d0568318553.txt");

fn bench(c: &mut Criterion) {
    let text = SAMPLE.repeat(2_000_000 / SAMPLE.len() + 1);
    let n_tokens = tokens(&text).filter(|t| t.kind != TokenKind::Space).count();
    let n_words = text.split_whitespace().count();
    let options = NormalizeOptions { lowercase: true, ..NormalizeOptions::default() };
    // Warm the lazily parsed tables so they are not measured.
    let normalizer = Normalizer::for_document(options, &text);
    let _ = normalizer.normalize("Қазақстaн");
    let _ = tokens("т.б. 2019-ғы").count();

    let mut g = c.benchmark_group("tokenize");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("split_whitespace (baseline)", |b| {
        b.iter(|| assert_eq!(black_box(&text).split_whitespace().count(), n_words));
    });
    g.bench_function("tokens", |b| {
        b.iter(|| {
            let n = tokens(black_box(&text)).filter(|t| t.kind != TokenKind::Space).count();
            assert_eq!(n, n_tokens);
        });
    });
    g.bench_function("tokens+normalize+lowercase", |b| {
        b.iter(|| {
            let text: &str = black_box(&text);
            let n = Normalizer::for_document(options, text);
            let (mut count, mut owned) = (0, 0);
            for t in tokens(text) {
                if t.kind == TokenKind::Space {
                    continue;
                }
                count += 1;
                if let Cow::Owned(s) = n.normalize(&text[t.span]) {
                    owned += s.len();
                }
            }
            assert_eq!(count, n_tokens);
            assert!(owned > 0);
        });
    });
    g.bench_function("sentences", |b| {
        b.iter(|| assert!(sentences(black_box(&text)).count() > 1000));
    });
    g.bench_function("normalize_text", |b| {
        b.iter(|| assert!(normalizer.normalize_text(black_box(&text)).len() >= text.len() / 2));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
