//! `sozdik freq`: reports, golden files, determinism, exit statuses.

use std::fs;
use std::path::Path;

use crate::util::*;

const REPORTS: [&str; 5] = ["words.csv", "stems.csv", "documents.csv", "duplicates.csv", "skipped.csv"];

/// The sample article's reports match the golden files byte for byte.
/// `SOZDIK_BLESS=1 cargo test` rewrites them after an intended change.
#[test]
fn sample_article_golden_reports() {
    let dir = tempfile::tempdir().unwrap();
    let o = freq(&[&articles()], dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let golden = root().join("tests/golden/sample");
    for name in REPORTS {
        let got = read(&dir.path().join(name));
        let path = golden.join(name);
        if std::env::var_os("SOZDIK_BLESS").is_some() {
            fs::create_dir_all(&golden).unwrap();
            fs::write(&path, &got).unwrap();
            continue;
        }
        eqnice!(read(&path), got, name);
    }
}

/// What the issue asks of the sample: the footer is not counted, the repeated title is counted once.
#[test]
fn sample_article_content() {
    let dir = tempfile::tempdir().unwrap();
    let o = freq(&[&articles()], dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0));
    let words = read(&dir.path().join("words.csv"));
    assert!(words.starts_with("word,count,documents,per_million\n"));
    for banned in ["telegram", "телеграм", "жазылу"] {
        assert!(!words.lines().any(|l| l.starts_with(&format!("{banned},"))), "{banned} counted");
    }
    assert!(words.lines().any(|l| l.starts_with("өкінбейді,1,1,")), "өкінбейді must count 1");
    assert!(!words.lines().any(|l| l.starts_with("және,")), "stop words are left out");
    let docs = read(&dir.path().join("documents.csv"));
    let row = docs.lines().nth(1).unwrap();
    assert!(row.starts_with("000_2b0a0d0568318553.txt,Қаңтар оқиғасы: Президент елге ҰҚШҰ бітімгерлерін кіргізгеніне өкінбейді,1493,Дәурен Ерболат,"), "{row}");
    let summary: serde_json::Value = serde_json::from_str(&read(&dir.path().join("summary.json"))).unwrap();
    for key in ["inputs", "documents", "skipped", "bytes", "tokens", "words", "types", "stems", "seconds"] {
        assert!(summary.get(key).is_some(), "summary.json lacks {key}");
    }
    assert_eq!(summary["documents"], 1);
    assert_eq!(read(&dir.path().join("skipped.csv")), "path,reason\n");

    let kept = tempfile::tempdir().unwrap();
    freq(&[&articles()], kept.path(), &["--keep-stopwords"]);
    assert!(read(&kept.path().join("words.csv")).lines().any(|l| l.starts_with("және,")));
}

/// A corpus of several documents gives byte-identical reports with 1, 2 and 3 threads
/// (with 3, the workers decode what the reading thread decodes with fewer).
#[test]
fn reports_do_not_depend_on_thread_count() {
    let corpus = tempfile::tempdir().unwrap();
    let sample = read(&articles().join("000_2b0a0d0568318553.txt"));
    let paragraphs: Vec<&str> = sample.split("\n\n").collect();
    for i in 0..40 {
        let sub = corpus.path().join(format!("d{}", i % 3));
        fs::create_dir_all(&sub).unwrap();
        let text: Vec<&str> = paragraphs.iter().skip(i % 7).step_by(1 + i % 3).copied().collect();
        fs::write(sub.join(format!("{i:03}.txt")), text.join("\n\n")).unwrap();
    }
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    assert_eq!(freq(&[corpus.path()], one.path(), &["--threads", "1"]).status.code(), Some(0));
    assert_eq!(freq(&[corpus.path()], two.path(), &["--threads", "2"]).status.code(), Some(0));
    let three = tempfile::tempdir().unwrap();
    assert_eq!(freq(&[corpus.path()], three.path(), &["--threads", "3"]).status.code(), Some(0));
    for name in REPORTS {
        eqnice!(read(&one.path().join(name)), read(&two.path().join(name)), name);
        eqnice!(read(&one.path().join(name)), read(&three.path().join(name)), name);
    }
    let strip = |p: &Path| {
        let mut v: serde_json::Value = serde_json::from_str(&read(p)).unwrap();
        v.as_object_mut().unwrap().remove("seconds");
        v
    };
    assert_eq!(strip(&one.path().join("summary.json")), strip(&two.path().join("summary.json")));
    // Some of the 40 documents are the same text: counted once, the rest listed as duplicates.
    let summary = strip(&one.path().join("summary.json"));
    assert_eq!(summary["documents"].as_u64().unwrap() + summary["duplicates"].as_u64().unwrap(), 40);
    assert!(summary["duplicates"].as_u64().unwrap() > 0);
}

#[test]
fn min_count_and_custom_stopwords() {
    let dir = tempfile::tempdir().unwrap();
    let sw = tempfile::NamedTempFile::new().unwrap();
    fs::write(sw.path(), "# mine\nмемлекет\n").unwrap();
    let o = freq(&[&articles()], dir.path(), &["--min-count", "3", "--stopwords", &sw.path().display().to_string()]);
    assert_eq!(o.status.code(), Some(0));
    let words = read(&dir.path().join("words.csv"));
    for line in words.lines().skip(1) {
        let count: u64 = line.split(',').nth(1).unwrap().parse().unwrap();
        assert!(count >= 3, "{line}");
    }
    assert!(!words.contains("\nмемлекет,"));
    assert!(words.contains("\nбұл,"), "the custom list replaces the built-in one");
}

#[test]
fn bad_files_are_skipped_and_reported() {
    let corpus = tempfile::tempdir().unwrap();
    fs::write(corpus.path().join("good.txt"), "Қазақстан тәуелсіз мемлекет.").unwrap();
    fs::write(corpus.path().join("bad.txt"), b"abc \xFF\xFE def").unwrap();
    fs::write(corpus.path().join("binary.txt"), b"\x00\x01\x02").unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = freq(&[corpus.path()], out.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "skipped inputs give exit status 1");
    eqnice!(
        "path,reason\nbad.txt,invalid UTF-8 at byte 4\nbinary.txt,not a text file (NUL byte at 0)\n",
        read(&out.path().join("skipped.csv")),
        "skipped.csv"
    );
    assert!(read(&out.path().join("words.csv")).contains("\nқазақстан,1,1,"));
}

#[test]
fn fatal_errors_exit_2_and_leave_no_reports() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("reports");
    let o = freq(&[Path::new("/no/such/folder")], &target, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/no/such/folder"));
    assert!(!target.exists());

    let empty = tempfile::tempdir().unwrap();
    fs::write(empty.path().join("binary.txt"), b"\x00").unwrap();
    let o = freq(&[empty.path()], &target, &[]);
    assert_eq!(o.status.code(), Some(2), "nothing readable");
    assert!(!target.join("words.csv").exists());

    let o = run(&["freq"]);
    assert_eq!(o.status.code(), Some(2), "usage error");
}

#[test]
fn reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_with_stdin(&["freq", "-", "-o", &dir.path().display().to_string(), "--quiet"], "Кітап кітаптар");
    assert_eq!(o.status.code(), Some(0));
    assert!(read(&dir.path().join("documents.csv")).contains("\n-,"));
}

/// Latin-script Kazakh is transliterated before counting, so both scripts count as one word;
/// the detected script is reported per document.
#[test]
fn latin_and_cyrillic_documents_merge() {
    let corpus = tempfile::tempdir().unwrap();
    fs::write(corpus.path().join("a.txt"), "Qazaqstan jäne onyñ halqy üşın bul mañyzdy. Qazaqstan damidy.").unwrap();
    fs::write(corpus.path().join("b.txt"), "Қазақстан және оның халқы үшін бұл маңызды.").unwrap();
    let out = tempfile::tempdir().unwrap();
    assert_eq!(freq(&[corpus.path()], out.path(), &[]).status.code(), Some(0));
    assert!(read(&out.path().join("words.csv")).contains("\nқазақстан,3,2,"), "both scripts merge");
    let docs = read(&out.path().join("documents.csv"));
    assert!(docs.contains("a.txt,,,,latin-kazakh,"), "{docs}");
    assert!(docs.contains("b.txt,,,,cyrillic,"), "{docs}");
}

#[test]
fn optional_numerals_category() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_with_stdin(&["freq", "-", "-o", &dir.path().display().to_string(), "--quiet"], "бір кітап екі кітап");
    assert_eq!(o.status.code(), Some(0));
    assert!(read(&dir.path().join("words.csv")).contains("\nбір,"), "numerals are counted by default");
    let o = run_with_stdin(
        &["freq", "-", "-o", &dir.path().display().to_string(), "--quiet", "--stopwords-include", "numerals"],
        "бір кітап екі кітап",
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(!read(&dir.path().join("words.csv")).contains("\nбір,"), "--stopwords-include numerals");
}
