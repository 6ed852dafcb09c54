//! Outputs for machine-learning tools: `sozdik clean` and `sozdik freq --matrix
//! --keywords --ngrams`.

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::process::Output;

use crate::util::*;

fn sample() -> std::path::PathBuf {
    articles().join("000_2b0a0d0568318553.txt")
}

fn ok(o: &Output) {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&o.stderr));
}

fn args<'a>(first: &'a str, paths: &'a [String], extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec![first];
    v.extend(paths.iter().map(String::as_str));
    v.extend_from_slice(extra);
    v
}

/// `sozdik clean PATHS EXTRA --quiet`, checked to succeed; its standard output.
fn clean(paths: &[&Path], extra: &[&str]) -> String {
    let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut a = args("clean", &paths, extra);
    a.push("--quiet");
    let o = run(&a);
    ok(&o);
    stdout(&o)
}

/// `sozdik freq PATHS -o OUT EXTRA --quiet`, checked to succeed.
fn freq(paths: &[&Path], out: &Path, extra: &[&str]) {
    let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let out = out.display().to_string();
    let mut a = args("freq", &paths, extra);
    a.extend(["-o", out.as_str(), "--quiet"]);
    ok(&run(&a));
}

/// A corpus of `n` documents made of the sample article's paragraphs, in subfolders.
fn corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = read(&sample());
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    for i in 0..n {
        let sub = dir.path().join(format!("d{}", i % 3));
        fs::create_dir_all(&sub).unwrap();
        let doc: Vec<&str> = paragraphs.iter().skip(i % 7).step_by(1 + i % 4).copied().collect();
        fs::write(sub.join(format!("{i:04}.txt")), doc.join("\n\n")).unwrap();
    }
    dir
}

/// One CoNLL-U sentence: its comments and its token rows.
struct Sentence {
    comments: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Sentence {
    fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| c.strip_prefix(&format!("# {key} = ")))
    }
}

/// Parses CoNLL-U, checking its structure on the way: sentences end with a blank
/// line, every token line has 10 non-empty columns without spaces outside FORM and
/// LEMMA, ids count 1, 2, 3…, and every sentence has a unique `sent_id` and a `text`.
fn parse_conllu(s: &str) -> Vec<Sentence> {
    assert!(s.ends_with("\n\n"), "the last sentence ends with a blank line");
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    for block in s.split_terminator("\n\n") {
        let mut sent = Sentence { comments: Vec::new(), rows: Vec::new() };
        for line in block.lines() {
            assert!(!line.is_empty(), "no empty line inside a sentence");
            if line.starts_with('#') {
                assert!(sent.rows.is_empty(), "comments come before the tokens: {line}");
                sent.comments.push(line.to_string());
                continue;
            }
            let cols: Vec<String> = line.split('\t').map(str::to_string).collect();
            assert_eq!(cols.len(), 10, "10 columns: {line:?}");
            assert!(cols.iter().all(|c| !c.is_empty()), "no empty column: {line:?}");
            for (i, c) in cols.iter().enumerate() {
                assert!(i == 1 || i == 2 || !c.contains(char::is_whitespace), "white space in column {i}: {line:?}");
            }
            assert_eq!(cols[0], (sent.rows.len() + 1).to_string(), "consecutive ids: {line:?}");
            sent.rows.push(cols);
        }
        assert!(!sent.rows.is_empty(), "a sentence has tokens");
        let id = sent.comment("sent_id").expect("every sentence has # sent_id").to_string();
        assert!(!id.contains(char::is_whitespace) && !id.contains('/'), "{id}");
        assert!(ids.insert(id.clone()), "sent_id {id} is unique");
        assert!(sent.comment("text").is_some(), "sentence {id} has # text");
        out.push(sent);
    }
    out
}

/// The white space after a token, from its MISC column (None: none, the end of a
/// line or sentence aside).
fn space_after(misc: &str) -> String {
    for item in misc.split('|') {
        if item == "SpaceAfter=No" {
            return String::new();
        }
        if let Some(v) = item.strip_prefix("SpacesAfter=") {
            let mut out = String::new();
            let mut cs = v.chars();
            while let Some(c) = cs.next() {
                if c != '\\' {
                    out.push(c);
                    continue;
                }
                match cs.next() {
                    Some('s') => out.push(' '),
                    Some('t') => out.push('\t'),
                    Some('r') => out.push('\r'),
                    Some('n') => out.push('\n'),
                    Some('p') => out.push('|'),
                    Some('\\') => out.push('\\'),
                    Some('u') => {
                        let hex: String = cs.by_ref().take(4).collect();
                        out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                    }
                    other => panic!("bad escape {other:?} in {misc}"),
                }
            }
            return out;
        }
    }
    " ".to_string()
}

/// The text of `rows` rebuilt from FORM and MISC; the space after the last one is left out.
fn rebuild(rows: &[Vec<String>]) -> String {
    let mut s = String::new();
    for (i, r) in rows.iter().enumerate() {
        s.push_str(&r[1]);
        if i + 1 < rows.len() {
            s.push_str(&space_after(&r[9]));
        }
    }
    s
}

#[test]
fn conllu_round_trips_the_sample_article() {
    let out = clean(&[&articles()], &["--format", "conllu"]);
    let sentences = parse_conllu(&out);
    assert!(sentences.len() > 20, "{} sentences", sentences.len());
    assert_eq!(sentences[0].comment("newdoc id"), Some("000_2b0a0d0568318553.txt"));
    assert!(sentences.iter().skip(1).all(|s| s.comment("newdoc id").is_none()));
    for s in &sentences {
        let rebuilt = rebuild(&s.rows);
        eqnice!(s.comment("text").unwrap(), rebuilt.as_str(), "sentence rebuilt from FORM and SpaceAfter");
    }
    // The no-break space before "деді" survives as SpacesAfter=\u00A0.
    assert!(out.contains("\t–\t–\t_\t_\t_\t_\t_\t_\tSpacesAfter=\\u00A0\n"));

    // Whole paragraphs too: each is a line of the article, and together they are its body.
    let article = read(&sample());
    let lines: Vec<&str> = article.lines().map(str::trim).collect();
    let mut paragraphs: Vec<Vec<Vec<String>>> = Vec::new();
    for s in &sentences {
        if s.comments.iter().any(|c| c == "# newpar") {
            paragraphs.push(Vec::new());
        }
        paragraphs.last_mut().expect("the first sentence starts a paragraph").extend(s.rows.iter().cloned());
    }
    for p in &paragraphs {
        let text = rebuild(p);
        assert!(lines.contains(&text.as_str()), "paragraph is not a line of the article: {text}");
    }
    let rebuilt: Vec<String> = paragraphs.iter().map(|p| rebuild(p)).collect();
    assert_eq!(rebuilt[0], "Қаңтар оқиғасы: Президент елге ҰҚШҰ бітімгерлерін кіргізгеніне өкінбейді");
    assert_eq!(rebuilt.iter().filter(|p| p.starts_with("Қаңтар оқиғасы:")).count(), 1, "the title once");
    assert!(rebuilt.last().unwrap().ends_with("–\u{a0}деді Президент."), "the footer and author are left out");

    // LEMMA is the stem.
    let row = sentences.iter().flat_map(|s| &s.rows).find(|r| r[1] == "Ресейден").unwrap();
    assert_eq!(row[2], "ресей");
}

#[test]
fn conllu_spacing_and_nfc() {
    // Two spaces, a tab, a no-break space, no space, and a decomposed й (и + U+0306).
    let input = "Бұл  кітап\tжақсы,\u{a0}иә?Жоқ!\nҚала\u{0438}\u{0306}ша\n";
    let o = run_with_stdin(&["clean", "--format", "conllu", "--quiet"], input);
    ok(&o);
    let out = stdout(&o);
    let sentences = parse_conllu(&out);
    let texts: Vec<&str> = sentences.iter().map(|s| s.comment("text").unwrap()).collect();
    assert_eq!(texts, ["Бұл  кітап\tжақсы,\u{a0}иә?", "Жоқ!", "Қалайша"], "# text is the original, in NFC");
    for s in &sentences {
        let rebuilt = rebuild(&s.rows);
        eqnice!(s.comment("text").unwrap(), rebuilt.as_str(), "sentence rebuilt from FORM and SpaceAfter");
    }
    let misc: Vec<&str> = sentences[0].rows.iter().map(|r| r[9].as_str()).collect();
    assert_eq!(
        misc,
        [
            "SpacesAfter=\\s\\s",
            "SpacesAfter=\\t",
            "SpaceAfter=No",
            "SpacesAfter=\\u00A0",
            "SpaceAfter=No",
            "SpaceAfter=No"
        ]
    );
    assert_eq!(sentences[0].comment("sent_id"), Some("stdin-1"));
    assert_eq!(sentences[2].rows[0][1], "Қалайша");
}

/// The official UD validator, when installed (`pip install udtools`): the format
/// (level 1) is valid, and level 2 finds nothing but the missing syntax (HEAD `_`).
#[test]
fn conllu_passes_the_ud_validator() {
    let probe = std::process::Command::new("udvalidate").arg("--help").output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "note: udvalidate (pip install udtools) is not available; conllu_passes_the_ud_validator checks nothing"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sample.conllu");
    fs::write(&file, clean(&[&articles()], &["--format", "conllu"])).unwrap();
    let f = file.display().to_string();
    for level in [&["--level", "1"][..], &["--level", "2", "--exclude", "invalid-head", "unknown-head"]] {
        let o = std::process::Command::new("udvalidate").args(["--lang", "kk"]).args(level).arg(&f).output().unwrap();
        let report = String::from_utf8_lossy(&o.stderr).to_string() + &String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success() && report.contains("PASSED"), "udvalidate {level:?}:\n{report}");
    }
}

#[test]
fn clean_text_formats() {
    let text = clean(&[&articles()], &[]);
    assert_eq!(text.lines().count(), 1, "one document, one line");
    let line = text.lines().next().unwrap();
    assert!(line.starts_with("қаңтар оқиғасы президент елге ұқшұ"), "{line}");
    assert!(!line.contains("  ") && !line.starts_with(' ') && !line.ends_with(' '), "single spaces");
    for gone in [" және ", " .", " ,", "inbusiness.kz", "1493", "telegram", "ерболат"] {
        assert!(!line.contains(gone), "{gone:?} is left out");
    }
    assert_eq!(line.matches("өкінбейді").count(), 1, "the repeated title is written once");

    let kept = clean(&[&articles()], &["--keep-punct", "--keep-urls", "--keep-stopwords"]);
    for here in [" және ", " . ", " , ", "inbusiness.kz"] {
        assert!(kept.contains(here), "{here:?} is kept");
    }

    let per_sentence = clean(&[&articles()], &["--per", "sentence", "--stem"]);
    assert!(per_sentence.lines().count() > 20);
    assert!(per_sentence.lines().all(|l| !l.is_empty()));
    assert!(per_sentence.lines().any(|l| l.split(' ').any(|w| w == "ресей")));
    assert!(!per_sentence.contains("ресейден"), "stems, not words");

    let jsonl = clean(&[&articles()], &["--format", "jsonl"]);
    let docs: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d["id"], "000_2b0a0d0568318553.txt");
    assert_eq!(d["title"], "Қаңтар оқиғасы: Президент елге ҰҚШҰ бітімгерлерін кіргізгеніне өкінбейді");
    let tokens: Vec<&str> = d["tokens"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    let stems: Vec<&str> = d["stems"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    assert_eq!(tokens.join(" "), line, "the same tokens as the text format");
    assert_eq!(tokens.len(), stems.len());
    let i = tokens.iter().position(|t| *t == "ресейден").unwrap();
    assert_eq!(stems[i], "ресей");
}

#[test]
fn clean_stopword_options() {
    let input = "Бұл кітап емес, мемлекет еді.";
    let o = run_with_stdin(&["clean", "--quiet"], input);
    assert_eq!(stdout(&o), "кітап мемлекет\n");
    let o = run_with_stdin(&["clean", "--quiet", "--stopwords-exclude", "auxiliaries"], input);
    assert_eq!(stdout(&o), "кітап емес мемлекет еді\n", "auxiliaries kept");
    let sw = tempfile::NamedTempFile::new().unwrap();
    fs::write(sw.path(), "# mine\nмемлекет\n").unwrap();
    let o = run_with_stdin(&["clean", "--quiet", "--stopwords", &sw.path().display().to_string()], input);
    assert_eq!(stdout(&o), "бұл кітап емес еді\n", "the custom list replaces the built-in one");
    let o = run_with_stdin(&["clean", "--quiet", "--stopwords-exclude", "nonsense"], input);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn clean_output_does_not_depend_on_thread_count() {
    // More documents than one batch, so batches are written in order too.
    let dir = corpus(600);
    for extra in
        [&["--format", "text"][..], &["--per", "sentence", "--stem"], &["--format", "jsonl"], &["--format", "conllu"]]
    {
        let mut one = extra.to_vec();
        one.extend(["--threads", "1"]);
        let mut two = extra.to_vec();
        two.extend(["--threads", "2"]);
        let (a, b) = (clean(&[dir.path()], &one), clean(&[dir.path()], &two));
        assert!(a == b, "clean {extra:?} differs between 1 and 2 threads");
        if extra == ["--format", "text"] {
            assert_eq!(a.lines().count(), 600, "a line per document");
        }
    }
}

#[test]
fn clean_writes_a_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("clean.txt");
    let t = target.display().to_string();
    let s = sample().display().to_string();
    ok(&run(&["clean", &s, "-o", &t, "--quiet"]));
    assert_eq!(read(&target), clean(&[&sample()], &[]));
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file left behind: {names:?}");

    // Nothing readable: exit status 2, and the old file is untouched.
    let bad = dir.path().join("bad");
    fs::create_dir(&bad).unwrap();
    fs::write(bad.join("binary.txt"), b"\x00").unwrap();
    let o = run(&["clean", &bad.display().to_string(), "-o", &t, "--quiet"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(read(&target), clean(&[&sample()], &[]));

    // Some unreadable: exit status 1, the rest written.
    fs::write(bad.join("good.txt"), "Қазақстан тәуелсіз мемлекет.").unwrap();
    let o = run(&["clean", &bad.display().to_string(), "--quiet"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "қазақстан тәуелсіз мемлекет\n");

    let o = run_with_stdin(&["clean", "--quiet"], "Бұл кітап. Ол 2024 жылы шықты!");
    ok(&o);
    assert_eq!(stdout(&o), "кітап жылы шықты\n", "standard input when no INPUT is given");
}

/// The matrix market file: (rows, columns, entries).
fn parse_mtx(s: &str) -> (usize, usize, Vec<(usize, usize, u64)>) {
    let mut lines = s.lines();
    assert_eq!(lines.next(), Some("%%MatrixMarket matrix coordinate integer general"));
    let mut lines = lines.skip_while(|l| l.starts_with('%'));
    let dims: Vec<usize> = lines.next().unwrap().split(' ').map(|x| x.parse().unwrap()).collect();
    let entries: Vec<(usize, usize, u64)> = lines
        .map(|l| {
            let v: Vec<u64> = l.split(' ').map(|x| x.parse().unwrap()).collect();
            assert_eq!(v.len(), 3, "{l}");
            (v[0] as usize, v[1] as usize, v[2])
        })
        .collect();
    assert_eq!(dims[2], entries.len(), "entry count in the size line");
    (dims[0], dims[1], entries)
}

/// A CSV report as rows of fields (no field of ours has a comma inside, but titles may: skip those files).
fn csv_rows(p: &Path) -> Vec<Vec<String>> {
    read(p).lines().skip(1).map(|l| l.split(',').map(str::to_string).collect()).collect()
}

#[test]
fn matrix_matches_vocabulary_and_documents() {
    let dir = corpus(25);
    for terms in ["stems", "words"] {
        let out = tempfile::tempdir().unwrap();
        freq(&[dir.path()], out.path(), &["--matrix", "--matrix-terms", terms]);
        let (rows, cols, entries) = parse_mtx(&read(&out.path().join("matrix.mtx")));
        let documents = read(&out.path().join("documents.csv")).lines().count() - 1;
        let vocab = csv_rows(&out.path().join("vocabulary.csv"));
        assert_eq!(read(&out.path().join("vocabulary.csv")).lines().next(), Some("index,term,count,documents"));
        assert_eq!((rows, cols), (documents, vocab.len()), "documents × terms");
        assert_eq!(rows, 25);

        let mut sorted = entries.clone();
        sorted.sort();
        assert_eq!(entries, sorted, "entries by row, then column");
        assert!(entries.iter().all(|&(r, c, n)| (1..=rows).contains(&r) && (1..=cols).contains(&c) && n > 0));

        let total: u64 = entries.iter().map(|e| e.2).sum();
        let vocab_total: u64 = vocab.iter().map(|v| v[2].parse::<u64>().unwrap()).sum();
        assert_eq!(total, vocab_total, "entries sum to the word tokens of the vocabulary");
        let report = if terms == "stems" { "stems.csv" } else { "words.csv" };
        let counted: u64 = csv_rows(&out.path().join(report)).iter().map(|r| r[1].parse::<u64>().unwrap()).sum();
        assert_eq!(total, counted, "and to those of {report}");

        for (i, v) in vocab.iter().enumerate() {
            assert_eq!(v[0], i.to_string(), "index is the 0-based column");
            let column: Vec<&(usize, usize, u64)> = entries.iter().filter(|e| e.1 == i + 1).collect();
            assert_eq!(column.iter().map(|e| e.2).sum::<u64>().to_string(), v[2], "column sum of {}", v[1]);
            assert_eq!(column.len().to_string(), v[3], "documents of {}", v[1]);
        }
    }

    let out = tempfile::tempdir().unwrap();
    freq(&[dir.path()], out.path(), &["--matrix", "--min-df", "3", "--max-df", "0.5"]);
    for v in csv_rows(&out.path().join("vocabulary.csv")) {
        let df: u64 = v[3].parse().unwrap();
        assert!((3..=12).contains(&df), "{v:?} is pruned by --min-df 3 --max-df 0.5 of 25");
    }
}

#[test]
fn keywords_and_ngrams() {
    let out = tempfile::tempdir().unwrap();
    freq(&[&articles()], out.path(), &["--keywords", "5", "--ngrams", "2,3"]);
    let kw = read(&out.path().join("keywords.csv"));
    let mut lines = kw.lines();
    assert_eq!(lines.next(), Some("document,rank,term,tfidf"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 5);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r[0], "000_2b0a0d0568318553.txt");
        assert_eq!(r[1], (i + 1).to_string());
        assert_eq!(r[3].split('.').nth(1).map(str::len), Some(6), "six decimals: {}", r[3]);
    }
    assert_eq!(rows[0][2], "ресей", "the most frequent stem leads a one-document corpus");
    assert!(!out.path().join("matrix.mtx").exists(), "no matrix unless --matrix");

    let ngrams = read(&out.path().join("ngrams.csv"));
    assert!(ngrams.starts_with("n,ngram,count,documents\n"));
    assert!(ngrams.contains("\n3,ұжымдық қауіпсіздік шарты,2,1\n"), "{ngrams}");
    assert!(ngrams.contains("\n2,мемлекет басшысы,3,1\n"));
    let rows: Vec<(u64, usize, &str)> = ngrams
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[2].parse().unwrap(), f[0].parse().unwrap(), f[1])
        })
        .collect();
    let stop = read(&root().join("data/stopwords.txt"));
    let stop: HashSet<&str> = stop.lines().filter(|l| !l.starts_with(['#', '['])).map(str::trim).collect();
    for (i, &(count, n, g)) in rows.iter().enumerate() {
        let words: Vec<&str> = g.split(' ').collect();
        assert_eq!(words.len(), n, "{g}");
        assert!(!stop.contains(words[0]) && !stop.contains(words[n - 1]), "no stop word at an edge: {g}");
        if i > 0 {
            let (c0, n0, g0) = rows[i - 1];
            assert!((std::cmp::Reverse(c0), n0, g0) < (std::cmp::Reverse(count), n, g), "order at {g}");
        }
    }
    assert!(rows.iter().any(|r| r.2.split(' ').any(|w| w == "мен")), "stop words inside are allowed");

    let min = tempfile::tempdir().unwrap();
    freq(&[&articles()], min.path(), &["--ngrams", "2", "--min-count", "2"]);
    let ngrams = read(&min.path().join("ngrams.csv"));
    assert!(ngrams.lines().skip(1).all(|l| l.starts_with("2,") && !l.contains(",1,")), "{ngrams}");
}

#[test]
fn ml_reports_do_not_depend_on_thread_count() {
    let dir = corpus(60);
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let extra = ["--matrix", "--keywords", "4", "--ngrams", "2,3", "--min-df", "2"];
    freq(&[dir.path()], one.path(), &[&extra[..], &["--threads", "1"]].concat());
    freq(&[dir.path()], two.path(), &[&extra[..], &["--threads", "2"]].concat());
    for name in ["matrix.mtx", "vocabulary.csv", "keywords.csv", "ngrams.csv", "words.csv", "stems.csv"] {
        let (a, b) = (read(&one.path().join(name)), read(&two.path().join(name)));
        assert!(a == b, "{name} differs between 1 and 2 threads");
    }
}

#[test]
fn ml_option_errors() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().display().to_string();
    let a = articles().display().to_string();
    for bad in [&["--max-df", "0"][..], &["--max-df", "1.5"], &["--ngrams", "1"], &["--keywords", "0"]] {
        let r = run(&[&["freq", a.as_str(), "-o", o.as_str()][..], bad].concat());
        assert_eq!(r.status.code(), Some(2), "{bad:?}");
    }
    assert!(!out.path().join("words.csv").exists());
}

/// Loads matrix.mtx with `scipy.io.mmread` (skipped when scipy is not installed) and
/// checks its shape and a few cells against stems.csv and words.csv.
#[test]
fn scipy_reads_the_matrix() {
    let probe = std::process::Command::new("python3").args(["-c", "import scipy"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("note: python3 with scipy is not available; scipy_reads_the_matrix checks nothing");
        return;
    }
    let dir = corpus(12);
    for (terms, report) in [("stems", "stems.csv"), ("words", "words.csv")] {
        let out = tempfile::tempdir().unwrap();
        freq(&[dir.path()], out.path(), &["--matrix", "--matrix-terms", terms]);
        let script = r#"
import csv, sys
import scipy.io
d = sys.argv[1]
m = scipy.io.mmread(d + "/matrix.mtx").tocsc()
vocab = list(csv.DictReader(open(d + "/vocabulary.csv", encoding="utf-8")))
docs = list(csv.DictReader(open(d + "/documents.csv", encoding="utf-8")))
counts = {r[sys.argv[3]]: int(r["count"]) for r in csv.DictReader(open(d + "/" + sys.argv[2], encoding="utf-8"))}
assert m.shape == (len(docs), len(vocab)), (m.shape, len(docs), len(vocab))
for v in vocab[:5] + vocab[-3:]:
    col = m[:, int(v["index"])]
    assert col.sum() == counts[v["term"]] == int(v["count"]), v
    assert col.count_nonzero() == int(v["documents"]), v
assert m.sum() == sum(counts.values())
print("ok", m.shape)
"#;
        let key = if terms == "stems" { "stem" } else { "word" };
        let o = std::process::Command::new("python3")
            .args(["-c", script, &out.path().display().to_string(), report, key])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).starts_with("ok (12, "));
    }
}
