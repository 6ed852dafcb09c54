//! Reading real corpora: every format and encoding, every bad case, exit statuses,
//! and runs killed midway.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::util::*;

/// Windows-1251 bytes of Russian text (the letters used here only).
fn cp1251(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            'Ё' => 0xA8,
            'ё' => 0xB8,
            'І' => 0xB2,
            'і' => 0xB3,
            '–' => 0x96,
            c if c.is_ascii() => c as u8,
            c => panic!("{c} is not in this test's windows-1251"),
        })
        .collect()
}

/// KZ-1048 bytes of Kazakh text: windows-1251 plus the Kazakh letters (kazakh.md §1.5).
fn kz1048(s: &str) -> Vec<u8> {
    const KAZAKH: [(char, u8); 18] = [
        ('Ә', 0xA3),
        ('ә', 0xBC),
        ('Ғ', 0xAA),
        ('ғ', 0xBA),
        ('Қ', 0x8D),
        ('қ', 0x9D),
        ('Ң', 0xBD),
        ('ң', 0xBE),
        ('Ө', 0xA5),
        ('ө', 0xB4),
        ('Ұ', 0xA1),
        ('ұ', 0xA2),
        ('Ү', 0xAF),
        ('ү', 0xBF),
        ('Һ', 0x8E),
        ('һ', 0x9E),
        ('І', 0xB2),
        ('і', 0xB3),
    ];
    let mut out = Vec::new();
    for c in s.chars() {
        match KAZAKH.iter().find(|(k, _)| *k == c) {
            Some((_, b)) => out.push(*b),
            None => out.extend(cp1251(&c.to_string())),
        }
    }
    out
}

fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for u in s.encode_utf16() {
        out.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

fn gzip(parts: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(p.as_bytes()).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

/// `path,encoding` of every row of documents.csv.
fn documents(dir: &Path) -> String {
    let text = read(&dir.join("documents.csv"));
    let mut rows = text.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    assert_eq!(header.last(), Some(&"encoding"), "encoding is the last column");
    let mut out = String::new();
    for r in rows {
        let cols: Vec<&str> = r.split(',').collect();
        out.push_str(&format!("{},{}\n", cols[0], cols[cols.len() - 1]));
    }
    out
}

const PLAIN: &str = "Қазақстан – тәуелсіз мемлекет. Астана қаласы әдемі.\n";

/// A corpus with every format, encoding and bad case of issue 6.
fn messy_corpus(d: &Path) -> bool {
    write(d, "a/plain.txt", PLAIN);
    write(d, "a/bom.txt", "\u{FEFF}Алматы қаласы үлкен. Тау көрінеді.\n");
    write(d, "a/utf16le.txt", utf16("Жаңа кітап шықты. Оқырмандар қуанды.\n", false));
    write(d, "a/utf16be.txt", utf16("Мектеп оқушылары жарысқа қатысты.\n", true));
    write(d, "a/cp1251.txt", cp1251("Республика Казахстан расположена в Центральной Азии. Это большая страна.\n"));
    write(
        d,
        "a/kz1048.txt",
        kz1048("Қазақ тілі – мемлекеттік тіл. Ұлттық құндылықтар маңызды. Өнер мен ғылым дамиды.\n"),
    );
    let mut jsonl = Vec::new();
    jsonl.extend_from_slice("{\"id\": \"r1\", \"text\": \"Бірінші пікір: кітап өте жақсы.\"}\n".as_bytes());
    jsonl.extend_from_slice("{\"id\": \"r2\", \"text\": \"Екінші пікір &laquo;керемет&raquo;\"}\n".as_bytes());
    jsonl.extend_from_slice("{\"id\": \"r3\", \"text\": \"Үшінші пікір\n".as_bytes());
    jsonl.extend_from_slice(b"{\"id\": \"r4\", \"text\": \"\xD2\x9B\xFF\"}\n");
    jsonl.extend_from_slice("{\"id\": \"r5\", \"body\": \"жоқ\"}\n\n".as_bytes());
    jsonl.extend_from_slice(format!("{{\"text\": \"{}\"}}\n", PLAIN.trim()).as_bytes());
    jsonl.extend_from_slice(format!("{{\"id\": 8, \"text\": \"{}\"}}\n", "сөз ".repeat(1000)).as_bytes());
    jsonl.extend_from_slice("{\"id\": \"r9\", \"text\": \"Соңғы пікір.\"}".as_bytes());
    write(d, "b/records.jsonl", &jsonl);
    write(
        d,
        "b/records.ndjson.gz",
        gzip(&["{\"text\": \"Газет жаңалықтары шықты.\"}\n", "{\"text\": \"Радио хабары таратылды.\"}\n"]),
    );
    write(
        d,
        "c/table.csv",
        "id,title,text\nc1,Тақырып бір,\"Бірінші жол, екінші \"\"сөз\"\"\nжаңа жол\"\nc2,,Кітапхана жұмыс істейді.\nc3\n",
    );
    write(d, "c/table.tsv", "text\tid\nТілші \"хабарлайды\".\tt1\n");
    write(d, "d/empty.txt", "");
    write(d, "d/blank.txt", "  \n\n");
    write(d, "d/binary.txt", b"\x00\x01\x02garbage");
    write(d, "d/broken.txt", b"\xD2\x9A\xD0\xB0\xD0\xB7\xD0\xB0\xD2\x9B\xFF\xD1\x81\xD1\x82\xD0\xB0\xD0\xBD");
    write(d, "d/page.txt", "<html><body><p>Жаңалықтар&nbsp;бөлімі</p><p>Ауа райы жылы.</p></body></html>");
    write(d, "d/long.txt", format!("Бір\n{}\n", "а".repeat(3000)));
    write(d, "d/longtoken.txt", format!("Сөз {} соңы.", "ы".repeat(600)));
    write(d, "d/notes.md", "Бұл оқылмайды.");
    write(d, ".hidden/x.txt", "Бұл да оқылмайды.");
    #[cfg(unix)]
    std::os::unix::fs::symlink(d, d.join("a/loop")).unwrap();
    // Root reads anything, so permission denied is checked only where it applies.
    write(d, "d/unreadable.txt", "Оқылмайды.");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(d.join("d/unreadable.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    }
    fs::read(d.join("d/unreadable.txt")).is_err()
}

#[test]
fn every_format_and_bad_case() {
    let corpus = tempfile::tempdir().unwrap();
    let unreadable = messy_corpus(corpus.path());
    let out = tempfile::tempdir().unwrap();
    let o = freq(&[corpus.path()], out.path(), &["--max-record-bytes", "4096", "--title-column", "title"]);
    assert_eq!(o.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&o.stderr));

    let mut skipped = String::from("path,reason\n");
    if cfg!(unix) {
        skipped.push_str("a/loop,symbolic link loop\n");
    }
    skipped.push_str(concat!(
        "b/records.jsonl,line 3: EOF while parsing a string at column 45\n",
        "b/records.jsonl,line 4: invalid UTF-8 at byte 228\n",
        "b/records.jsonl,line 5: no field `text`\n",
        "b/records.jsonl,line 8: longer than 4096 bytes (--max-record-bytes)\n",
        "c/table.csv,line 5: no column `text` (the record has 1 fields)\n",
        "d/binary.txt,not a text file (NUL byte at 0)\n",
        "d/blank.txt,empty document\n",
        "d/broken.txt,invalid UTF-8 at byte 10\n",
        "d/empty.txt,empty document\n",
        "d/long.txt,line 2: longer than 4096 bytes (--max-record-bytes)\n",
    ));
    if unreadable {
        skipped.push_str("d/unreadable.txt,permission denied\n");
    }
    eqnice!(skipped, read(&out.path().join("skipped.csv")), "skipped.csv");

    let mut docs = String::from(concat!(
        "a/bom.txt,utf-8\n",
        "a/cp1251.txt,windows-1251\n",
        "a/kz1048.txt,kz-1048\n",
        "a/plain.txt,utf-8\n",
        "a/utf16be.txt,utf-16be\n",
        "a/utf16le.txt,utf-16le\n",
        "r1,utf-8\n",
        "r2,utf-8\n",
        "r9,utf-8\n",
        "b/records.ndjson.gz:1,utf-8\n",
        "b/records.ndjson.gz:2,utf-8\n",
        "c1,utf-8\n",
        "c2,utf-8\n",
        "t1,utf-8\n",
        "d/longtoken.txt,utf-8\n",
        "d/page.txt,utf-8\n",
    ));
    if !unreadable {
        docs.push_str("d/unreadable.txt,utf-8\n");
    }
    eqnice!(docs, documents(out.path()), "documents.csv");
    eqnice!(
        "path,duplicate_of\nb/records.jsonl:7,a/plain.txt\n",
        read(&out.path().join("duplicates.csv")),
        "duplicates.csv"
    );

    let words = read(&out.path().join("words.csv"));
    let has = |w: &str| words.lines().any(|l| l.starts_with(&format!("{w},")));
    // Each encoding decoded right: a word from every file.
    for w in ["алматы", "оқырмандар", "оқушылары", "республика", "ұлттық", "құндылықтар", "керемет", "тілші"]
    {
        assert!(has(w), "{w} missing from words.csv");
    }
    assert!(words.contains("\nқазақстан,1,1,"), "the duplicate is counted once");
    // HTML: tags and entities are gone, the text between them is counted.
    assert!(has("жаңалықтар") && has("бөлімі") && !has("p") && !has("nbsp") && !has("laquo"));
    // A title column becomes the title, a CSV field keeps its quotes and line break.
    let docs_csv = read(&out.path().join("documents.csv"));
    assert!(docs_csv.contains("\nc1,Тақырып бір,"), "{docs_csv}");

    let summary: serde_json::Value = serde_json::from_str(&read(&out.path().join("summary.json"))).unwrap();
    assert_eq!(summary["documents"], if unreadable { 16 } else { 17 });
    assert_eq!(summary["duplicates"], 1);
    assert_eq!(summary["long_tokens"], 1);
    assert_eq!(summary["skipped"].as_u64().unwrap() as usize, skipped.lines().count() - 1);

    // The same reports with one thread and with two, and without deduplication one more document.
    let two = tempfile::tempdir().unwrap();
    freq(&[corpus.path()], two.path(), &["--max-record-bytes", "4096", "--title-column", "title", "--threads", "1"]);
    for name in ["words.csv", "stems.csv", "documents.csv", "duplicates.csv", "skipped.csv"] {
        eqnice!(read(&out.path().join(name)), read(&two.path().join(name)), name);
    }
    let all = tempfile::tempdir().unwrap();
    freq(&[corpus.path()], all.path(), &["--max-record-bytes", "4096", "--no-dedup"]);
    eqnice!("path,duplicate_of\n", read(&all.path().join("duplicates.csv")), "duplicates.csv with --no-dedup");
    assert!(read(&all.path().join("words.csv")).contains("\nқазақстан,2,2,"));
}

#[test]
fn options_select_fields_formats_and_encodings() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "x/a.data", "{\"key\": \"k1\", \"body\": \"Бірінші мәтін\", \"head\": \"Тақырып\"}\n");
    write(d.path(), "x/b.txt", "Екінші мәтін");
    write(d.path(), "x/c.txt", kz1048("Үшінші мәтін, қазақша жазылған ғой"));
    let out = tempfile::tempdir().unwrap();
    let file = d.path().join("x/a.data");
    let o = freq(
        &[&file],
        out.path(),
        &["--input-format", "jsonl", "--text-field", "body", "--id-field", "key", "--title-field", "head"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(read(&out.path().join("documents.csv")).contains("\nk1,Тақырып,"));

    // --glob picks files in folders; a forced encoding is used as given.
    let o = freq(&[&d.path().join("x")], out.path(), &["--glob", "c.*", "--encoding", "windows-1251"]);
    assert_eq!(o.status.code(), Some(0));
    eqnice!("c.txt,windows-1251\n", documents(out.path()), "forced encoding");
    // Read as windows-1251 the text shows ќ for қ; the normalizer detects that damage and repairs it.
    assert!(read(&out.path().join("words.csv")).contains("\nқазақша,"), "KZ-1048 damage repaired");

    // --html off keeps tags as text.
    write(d.path(), "y/h.txt", "<p>Сәлем</p>");
    let o = freq(&[&d.path().join("y")], out.path(), &["--html", "off"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(read(&out.path().join("words.csv")).lines().any(|l| l.starts_with("p,")));
}

#[test]
fn standard_input_in_any_format() {
    let out = tempfile::tempdir().unwrap();
    let o = run_with_stdin(
        &["freq", "-", "-o", &out.path().display().to_string(), "--quiet", "--input-format", "jsonl"],
        "{\"text\": \"Бір\"}\n{\"text\": \"Екі\"}\n",
    );
    assert_eq!(o.status.code(), Some(0));
    eqnice!("-:1,utf-8\n-:2,utf-8\n", documents(out.path()), "documents from standard input");

    let o = run_with_stdin(&["tokenize", "--input-format", "csv"], "id,text\n1,\"Бір, екі.\"\n2,Үш\n");
    assert_eq!(o.status.code(), Some(0));
    eqnice!("Бір , екі .\nҮш\n", stdout(&o), "tokenize from CSV on standard input");

    let o = run_with_stdin(&["normalize", "--input-format", "jsonl"], "{\"text\": \"a\"}\n{\"text\": 1}\n");
    assert_eq!(o.status.code(), Some(1), "a bad record gives exit status 1");
    assert!(String::from_utf8_lossy(&o.stderr).contains("-: line 2: field `text` is not a string"));
}

#[test]
fn fatal_errors_exit_2_and_leave_nothing() {
    let corpus = tempfile::tempdir().unwrap();
    write(corpus.path(), "a.txt", PLAIN);
    let tmp = tempfile::tempdir().unwrap();

    // An output folder that cannot be created: a file is in the way.
    write(tmp.path(), "file", "x");
    let target = tmp.path().join("file/reports");
    let o = freq(&[corpus.path()], &target, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&target.display().to_string()) && err.lines().count() == 1, "{err}");

    // Nothing readable: no folder is created.
    write(corpus.path(), "bad/x.txt", b"\x00");
    let target = tmp.path().join("reports");
    let o = freq(&[&corpus.path().join("bad")], &target, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!target.exists(), "no report folder is left behind");

    // A missing INPUT among good ones.
    let o = freq(&[corpus.path(), Path::new("/no/such/input")], &target, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/no/such/input"));
    assert!(!target.exists());

    let o = run(&["freq", "x", "-o", "y", "--glob", "a["]);
    assert_eq!(o.status.code(), Some(2), "an invalid glob is a usage error");
}

/// A corpus big enough that a debug build counts it for a few seconds.
fn big_corpus(d: &Path) {
    let sample = read(&articles().join("000_2b0a0d0568318553.txt"));
    let words: Vec<&str> = sample.split_whitespace().collect();
    let mut line = String::new();
    let mut jsonl = String::new();
    for i in 0..6000 {
        line.clear();
        for j in 0..200 {
            line.push_str(words[(i * 7 + j * 13) % words.len()]);
            line.push(' ');
        }
        if i % 2 == 0 {
            write(d, &format!("t/{:03}/{i:05}.txt", i / 500), &line);
        } else {
            jsonl.push_str(&serde_json::json!({ "text": line }).to_string());
            jsonl.push('\n');
        }
    }
    write(d, "big.jsonl", jsonl);
}

#[cfg(unix)]
#[test]
fn a_killed_run_leaves_previous_reports_or_none() {
    let corpus = tempfile::tempdir().unwrap();
    big_corpus(corpus.path());
    let small = tempfile::tempdir().unwrap();
    write(small.path(), "a.txt", PLAIN);
    let out = tempfile::tempdir().unwrap();
    let reports = out.path().join("reports");
    assert_eq!(freq(&[small.path()], &reports, &[]).status.code(), Some(0));
    let names = ["words.csv", "stems.csv", "documents.csv", "duplicates.csv", "skipped.csv", "summary.json"];
    // summary.json without its timing, which differs from run to run.
    let content = |dir: &Path, name: &str| {
        let text = read(&dir.join(name));
        if name != "summary.json" {
            return text;
        }
        let mut v: serde_json::Value = serde_json::from_str(&text).expect("summary.json is whole JSON");
        v.as_object_mut().unwrap().remove("seconds");
        v.to_string()
    };
    let before: Vec<String> = names.iter().map(|n| content(&reports, n)).collect();

    // Time a whole run, then kill runs at several points within it.
    let started = Instant::now();
    let full = out.path().join("full");
    assert_eq!(freq(&[corpus.path()], &full, &[]).status.code(), Some(0));
    let whole = started.elapsed();
    let after: Vec<String> = names.iter().map(|n| content(&full, n)).collect();
    for (signal, fraction) in [("-KILL", 0.3), ("-INT", 0.6), ("-TERM", 0.9), ("-KILL", 0.97)] {
        let child = sozdik()
            .args(["freq", &corpus.path().display().to_string(), "-o", &reports.display().to_string(), "--quiet"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole.mul_f64(fraction));
        std::process::Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
        let mut child = child;
        child.wait().unwrap();
        // Every report is whole: the previous run's or the new one's, never a part.
        for (i, n) in names.iter().enumerate() {
            let now = content(&reports, n);
            assert!(now == before[i] || now == after[i], "{n} is neither the old nor the new report ({signal})");
        }
        for e in fs::read_dir(&reports).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(names.contains(&name.as_str()) || name.ends_with(".tmp"), "stray file {name}");
        }
    }
    // The next run clears temporary files a killed run left.
    assert_eq!(freq(&[small.path()], &reports, &[]).status.code(), Some(0));
    for e in fs::read_dir(&reports).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(names.contains(&name.as_str()), "stray file {name}");
    }
    assert!(Duration::from_secs(0) < whole);
}

/// The shared development corpus, when present, is read without a problem.
#[test]
fn shared_corpus_reads_cleanly() {
    let path = root().join("../shared/corpus/kazsandra_reviews.jsonl");
    if !path.exists() {
        eprintln!("note: {} not found; skipped", path.display());
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let o = freq(&[&path], out.path(), &["--no-dedup"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: serde_json::Value = serde_json::from_str(&read(&out.path().join("summary.json"))).unwrap();
    assert_eq!(summary["documents"], 109_055);
}
