//! Throughput of each pipeline stage on Kazakh news text, in MB/s.
//!
//! The input is the sample article's body repeated to about 1 MB. Each benchmark
//! asserts the token or word count it saw, so it cannot silently measure nothing.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sozdik_corpus::{Article, Fingerprint};
use sozdik_freq::{count_text, Config, Table};
use sozdik_script::{lowercase, normalize_word};
use sozdik_stopwords::StopWords;
use sozdik_tokenize::{tokens, TokenKind};

const SAMPLE: &str = include_str!("../../../data/articles/000_2b0a0d0568318553.txt");

fn corpus() -> String {
    let article = Article::parse(SAMPLE);
    let body: Vec<&str> = article.body.iter().map(|r| &SAMPLE[r.clone()]).collect();
    let body = body.join("\n");
    body.repeat(1_000_000 / body.len() + 1)
}

fn words(text: &str) -> Vec<&str> {
    tokens(text).filter(|t| t.kind == TokenKind::Word).map(|t| &text[t.span]).collect()
}

fn stages(c: &mut Criterion) {
    let text = corpus();
    let word_list = words(&text);
    let lower: Vec<String> = word_list.iter().map(|w| lowercase(&normalize_word(w)).into_owned()).collect();
    let n_tokens = tokens(&text).filter(|t| t.kind != TokenKind::Space).count();
    let word_bytes: usize = word_list.iter().map(|w| w.len()).sum();
    let stopwords = StopWords::builtin();
    // Warm the lazily parsed tables so they are not measured.
    let _ = sozdik_stem::stem("кітаптар");
    let config = Config::default();
    let norm = config.normalizer(&text);

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("split_whitespace (baseline)", |b| {
        b.iter(|| black_box(&text).split_whitespace().count());
    });
    // Duplicates are looked for by default: every byte read is fingerprinted once.
    let print = Fingerprint::of(&text);
    g.bench_function("fingerprint", |b| {
        b.iter(|| assert_eq!(Fingerprint::of(black_box(&text)), print));
    });
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            let n = tokens(black_box(&text)).filter(|t| t.kind != TokenKind::Space).count();
            assert_eq!(n, n_tokens);
        });
    });
    g.bench_function("count (whole pipeline)", |b| {
        b.iter(|| {
            let mut table = Table::default();
            let stats = count_text(&mut table, &config, &norm, 0, black_box(&text));
            assert_eq!(stats.words as usize, word_list.len());
        });
    });
    // The steady state of a long run: every word already in the table, so each token
    // is a lookup and an update (no first-sight normalizing and stemming).
    let mut warm = Table::default();
    count_text(&mut warm, &config, &norm, 0, &text);
    g.bench_function("count (warm table)", |b| {
        b.iter(|| {
            let stats = count_text(&mut warm, &config, &norm, 1, black_box(&text));
            assert_eq!(stats.words as usize, word_list.len());
        });
    });
    g.throughput(Throughput::Bytes(word_bytes as u64));
    g.bench_function("normalize+lowercase words", |b| {
        b.iter(|| {
            let changed = word_list
                .iter()
                .filter(|w| matches!(lowercase(&normalize_word(w)), std::borrow::Cow::Owned(_)))
                .count();
            assert!(changed > 0 && changed < word_list.len());
        });
    });
    g.bench_function("stop words", |b| {
        b.iter(|| {
            let n = lower.iter().filter(|w| stopwords.contains(w)).count();
            assert!(n > 0);
        });
    });
    g.bench_function("stem", |b| {
        b.iter(|| {
            let n: usize = lower.iter().map(|w| sozdik_stem::stem(w).len()).sum();
            assert!(n > 0);
        });
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
