//! `sozdik freq` on text files large enough to be read as a stream of pieces. The
//! threshold (the hidden `--stream-bytes`) is set small here, so that small files are
//! cut into many pieces, spread over several chunks of work and both threads.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::util::*;

/// Every report but `summary.json`, and the ML reports asked for by [`ML`].
const REPORTS: [&str; 9] = [
    "words.csv",
    "stems.csv",
    "documents.csv",
    "duplicates.csv",
    "skipped.csv",
    "matrix.mtx",
    "vocabulary.csv",
    "keywords.csv",
    "ngrams.csv",
];
const ML: [&str; 5] = ["--matrix", "--keywords", "3", "--ngrams", "2"];
/// A threshold that makes every corpus file below a stream of ~50-byte pieces.
const STREAM: [&str; 2] = ["--stream-bytes", "200"];

/// `summary.json` without its timing.
fn summary(dir: &Path) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(&read(&dir.join("summary.json"))).unwrap();
    v.as_object_mut().unwrap().remove("seconds");
    v
}

/// Asserts that two runs wrote the same reports.
fn same_reports(a: &Path, b: &Path, names: &[&str], what: &str) {
    for name in names {
        eqnice!(read(&a.join(name)), read(&b.join(name)), format!("{name} ({what})"));
    }
    assert_eq!(summary(a), summary(b), "summary.json ({what})");
}

/// About 60 KB of corpus text without the article shape: lines of words from the
/// sample article, some blank, with a boilerplate line (not counted either way).
fn corpus_text(lines: usize) -> String {
    corpus_text_from(lines, 0)
}

/// [`corpus_text`] with other words: from `shift` on in the sample.
fn corpus_text_from(lines: usize, shift: usize) -> String {
    let sample = read(&articles().join("000_2b0a0d0568318553.txt"));
    let words: Vec<&str> = sample.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).collect();
    let mut text = String::new();
    for i in 0..lines {
        for j in 0..3 + (i * 5) % 11 {
            text.push_str(words[(shift + i * 7 + j * 13) % words.len()]);
            text.push(' ');
        }
        text.push_str(".\n");
        if i % 9 == 0 {
            text.push('\n');
        }
        if i == lines / 2 {
            text.push_str("Жарнама\n");
        }
    }
    text
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// The promise: a file read in pieces, on one thread or two, gives the
/// reports of the same file read whole; a copy of it (other line endings) is still
/// found to be a duplicate, and the ML reports agree too.
#[test]
fn a_streamed_file_counts_like_one_read_whole() {
    let corpus = tempfile::tempdir().unwrap();
    let text = corpus_text(1500);
    assert!(text.len() > 40_000);
    fs::write(corpus.path().join("a.txt"), &text).unwrap();
    fs::write(corpus.path().join("b.txt"), text.replace('\n', "\r\n")).unwrap();
    fs::write(corpus.path().join("c.txt"), corpus_text_from(1000, 5)).unwrap();
    fs::write(corpus.path().join("d.txt"), "Кітап.").unwrap();
    let whole = tempfile::tempdir().unwrap();
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let mut extra: Vec<&str> = ML.to_vec();
    assert_eq!(freq(&[corpus.path()], whole.path(), &extra).status.code(), Some(0));
    extra.extend(STREAM);
    assert_eq!(freq(&[corpus.path()], one.path(), &[&extra[..], &["--threads", "1"]].concat()).status.code(), Some(0));
    assert_eq!(freq(&[corpus.path()], two.path(), &[&extra[..], &["--threads", "2"]].concat()).status.code(), Some(0));
    same_reports(whole.path(), one.path(), &REPORTS, "whole and streamed");
    same_reports(one.path(), two.path(), &REPORTS, "1 and 2 threads");
    let three = tempfile::tempdir().unwrap();
    assert_eq!(
        freq(&[corpus.path()], three.path(), &[&extra[..], &["--threads", "3"]].concat()).status.code(),
        Some(0)
    );
    same_reports(one.path(), three.path(), &REPORTS, "1 and 3 threads");
    eqnice!("path,duplicate_of\nb.txt,a.txt\n", read(&one.path().join("duplicates.csv")), "duplicates.csv");
    let docs = read(&one.path().join("documents.csv"));
    assert_eq!(docs.lines().count(), 4, "{docs}");
    assert!(!read(&one.path().join("words.csv")).contains("\nжарнама,"), "a boilerplate line is not counted");
}

/// Gzip'd text and standard input, whose size is not known, are streamed once they
/// pass the threshold, and read whole (article structure and all) when they do not.
#[test]
fn gzip_and_standard_input_are_streamed_when_large() {
    let corpus = tempfile::tempdir().unwrap();
    let text = corpus_text(1500);
    let plain = corpus.path().join("a.txt");
    let gz = corpus.path().join("a.txt.gz");
    fs::write(&plain, &text).unwrap();
    fs::write(&gz, gzip(text.as_bytes())).unwrap();
    let (p, z) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert_eq!(freq(&[&plain], p.path(), &STREAM).status.code(), Some(0));
    assert_eq!(freq(&[&gz], z.path(), &STREAM).status.code(), Some(0));
    for name in ["words.csv", "stems.csv", "skipped.csv"] {
        eqnice!(read(&p.path().join(name)), read(&z.path().join(name)), format!("{name} (gzip)"));
    }
    let rows = |d: &Path| read(&d.join("documents.csv")).lines().nth(1).unwrap().split_once(',').unwrap().1.to_string();
    assert_eq!(rows(p.path()), rows(z.path()));

    let s = tempfile::tempdir().unwrap();
    let out = s.path().display().to_string();
    let o = run_with_stdin(&["freq", "-", "-o", &out, "--quiet", "--stream-bytes", "200"], &text);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    for name in ["words.csv", "stems.csv"] {
        eqnice!(read(&p.path().join(name)), read(&s.path().join(name)), format!("{name} (stdin)"));
    }

    // A small article from a gzip file or standard input is read whole: its title and
    // views are found, as when it is not streamed at all.
    let article = read(&articles().join("000_2b0a0d0568318553.txt"));
    let small = corpus.path().join("article.txt.gz");
    fs::write(&small, gzip(article.as_bytes())).unwrap();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let limit = (article.len() + 1).to_string();
    assert_eq!(freq(&[&small], a.path(), &[]).status.code(), Some(0));
    assert_eq!(freq(&[&small], b.path(), &["--stream-bytes", &limit]).status.code(), Some(0));
    same_reports(a.path(), b.path(), &REPORTS[..5], "small gzip");
    let o = run_with_stdin(&["freq", "-", "-o", &out, "--quiet", "--stream-bytes", &limit], &article);
    assert_eq!(o.status.code(), Some(0));
    assert!(read(&s.path().join("documents.csv")).contains(",1493,Дәурен Ерболат,"));
}

/// A line over `--max-record-bytes`, or a bad byte, in the middle of a streamed file
/// skips the file with the reason it gets when read whole, and the run goes on.
#[test]
fn a_bad_line_in_a_streamed_file_skips_it() {
    let corpus = tempfile::tempdir().unwrap();
    let text = corpus_text(1500);
    let half = text.as_bytes()[..text.len() / 2].iter().rposition(|&b| b == b'\n').unwrap() + 1;
    let long = format!("{}{}\n{}", &text[..half], "сөз ".repeat(400), &text[half..]);
    fs::write(corpus.path().join("long.txt"), long).unwrap();
    let mut bad = text.as_bytes().to_vec();
    bad.insert(half, 0xFF);
    fs::write(corpus.path().join("bad.txt"), bad).unwrap();
    fs::write(corpus.path().join("good.txt"), "Қазақстан тәуелсіз мемлекет.").unwrap();
    let (whole, streamed) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let max = ["--max-record-bytes", "1000"];
    assert_eq!(freq(&[corpus.path()], whole.path(), &max).status.code(), Some(1));
    assert_eq!(freq(&[corpus.path()], streamed.path(), &[&max[..], &STREAM].concat()).status.code(), Some(1));
    same_reports(whole.path(), streamed.path(), &REPORTS[..5], "whole and streamed");
    let skipped = read(&streamed.path().join("skipped.csv"));
    let line = text[..half].lines().count() + 1;
    let want = format!(
        "path,reason\nbad.txt,invalid UTF-8 at byte {half}\nlong.txt,line {line}: longer than 1000 bytes (--max-record-bytes)\n"
    );
    eqnice!(want, skipped, "skipped.csv");
    assert_eq!(summary(streamed.path())["documents"], 1);
}
