//! Stemming speed in words per second, over about a million words of Kazakh news text
//! (the sample article's words, lowercased, repeated).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const SAMPLE: &str = include_str!("../../../data/articles/000_2b0a0d0568318553.txt");

fn stem(c: &mut Criterion) {
    let words: Vec<String> = SAMPLE
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).cycle().take(1_000_000).collect();
    // Parse the tables before measuring.
    let _ = sozdik_stem::stem("кітаптар");
    let mut g = c.benchmark_group("stem");
    g.throughput(Throughput::Elements(words.len() as u64));
    g.sample_size(10);
    g.bench_function("1M words", |b| {
        b.iter(|| {
            let changed = words.iter().filter(|w| sozdik_stem::stem(black_box(w)).len() < w.len()).count();
            assert!(changed > 300_000 && changed < 1_000_000, "{changed} words changed");
        });
    });
    g.finish();
}

criterion_group!(benches, stem);
criterion_main!(benches);
