//! Writing the reports: every file to a temporary file in the output folder first,
//! then all renamed into place, so a crash never leaves a half report that looks whole.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tempfile::NamedTempFile;

use crate::count::{StemRow, WordRow};
use crate::run::Outcome;

/// An error writing reports, naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct Error {
    /// The report file or folder.
    pub path: PathBuf,
    /// What went wrong.
    #[source]
    pub source: io::Error,
}

/// A temporary file in `dir` for a report, created with the mode of an ordinary new
/// file (0666 less the umask) rather than tempfile's private 0600, so the report keeps
/// it after the rename.
pub fn temp_file_in(dir: &Path) -> io::Result<NamedTempFile> {
    let mut b = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(dir)
}

/// The tables of a run, ready to write.
#[derive(Debug)]
pub struct Reports<'t> {
    /// `words.csv` rows.
    pub words: Vec<WordRow<'t>>,
    /// `stems.csv` rows.
    pub stems: Vec<StemRow<'t>>,
    /// `summary.json`.
    pub summary: Summary,
}

/// The contents of `summary.json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    /// Sources tried (files and standard input).
    pub inputs: usize,
    /// Documents counted.
    pub documents: usize,
    /// Sources or records skipped (listed in `skipped.csv`).
    pub skipped: usize,
    /// Bytes of text read from the counted documents.
    pub bytes: u64,
    /// Tokens other than white space.
    pub tokens: u64,
    /// Word tokens, stop words included.
    pub words: u64,
    /// Distinct words in `words.csv` (before `min_count`).
    pub types: usize,
    /// Distinct stems in `stems.csv` (before `min_count`).
    pub stems: usize,
    /// Wall-clock seconds of the counting.
    pub seconds: f64,
}

impl<'t> Reports<'t> {
    /// Builds the tables of a run.
    pub fn new(outcome: &'t Outcome, keep_stopwords: bool) -> Reports<'t> {
        let words = outcome.table.word_rows(keep_stopwords);
        let stems = outcome.table.stem_rows(keep_stopwords);
        let (tokens, word_tokens) =
            outcome.documents.iter().fold((0, 0), |(t, w), d| (t + d.stats.tokens, w + d.stats.words));
        let summary = Summary {
            inputs: outcome.inputs,
            documents: outcome.documents.len(),
            skipped: outcome.skipped.len(),
            bytes: outcome.bytes,
            tokens,
            words: word_tokens,
            types: words.len(),
            stems: stems.len(),
            seconds: (outcome.seconds * 1000.0).round() / 1000.0,
        };
        Reports { words, stems, summary }
    }
}

#[derive(Serialize)]
struct DocCsv<'a> {
    path: &'a str,
    title: &'a str,
    views: Option<u64>,
    author: &'a str,
    script: &'a str,
    tokens: u64,
    words: u64,
    unique_words: u64,
    stopwords: u64,
}

#[derive(Serialize)]
struct SkippedCsv<'a> {
    path: &'a str,
    reason: &'a str,
}

/// `count` per million of `total`, rounded half up to two decimals, written into `out`.
/// Integer arithmetic: the same digits on every machine.
fn per_million(count: u64, total: u64, out: &mut String) -> &str {
    out.clear();
    let hundredths = if total == 0 { 0 } else { (count as u128 * 100_000_000 + total as u128 / 2) / total as u128 };
    let mut n = itoa::Buffer::new();
    out.push_str(n.format(hundredths / 100));
    out.push('.');
    let frac = (hundredths % 100) as u8;
    out.push((b'0' + frac / 10) as char);
    out.push((b'0' + frac % 10) as char);
    out
}

/// How many forms `top_forms` lists.
const TOP_FORMS: usize = 5;

/// Writes `words.csv`, `stems.csv`, `documents.csv`, `skipped.csv` and `summary.json`
/// into `dir` (created if missing). Rows with a count below `min_count` are left out
/// of the words and stems tables; `per_million` is relative to all counted word tokens.
pub fn write_reports(dir: &Path, outcome: &Outcome, reports: &Reports, min_count: u64) -> Result<(), Error> {
    fs::create_dir_all(dir).map_err(|source| Error { path: dir.to_path_buf(), source })?;
    let total: u64 = reports.words.iter().map(|r| r.count).sum();
    let mut pending: Vec<(NamedTempFile, &str)> = Vec::new();

    let mut csv = |name: &'static str, fill: &dyn Fn(&mut csv::Writer<&mut NamedTempFile>) -> csv::Result<()>| {
        let path = dir.join(name);
        let mut tmp = temp_file_in(dir).map_err(|source| Error { path: path.clone(), source })?;
        {
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(&mut tmp);
            fill(&mut w)
                .and_then(|()| w.flush().map_err(csv::Error::from))
                .map_err(|e| Error { path: path.clone(), source: io::Error::other(e) })?;
        }
        pending.push((tmp, name));
        Ok::<(), Error>(())
    };

    // The two large tables are written field by field with reused buffers: at the
    // size of a real vocabulary, formatting through serde and `format!` costs more than
    // the counting of a small corpus.
    csv("words.csv", &|w| {
        w.write_record(["word", "count", "documents", "per_million"])?;
        let (mut count, mut docs, mut pm) = (itoa::Buffer::new(), itoa::Buffer::new(), String::new());
        for r in reports.words.iter().filter(|r| r.count >= min_count) {
            w.write_field(r.word)?;
            w.write_field(count.format(r.count))?;
            w.write_field(docs.format(r.documents))?;
            w.write_field(per_million(r.count, total, &mut pm))?;
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    })?;
    csv("stems.csv", &|w| {
        w.write_record(["stem", "count", "documents", "per_million", "forms", "top_forms"])?;
        let (mut count, mut docs, mut forms) = (itoa::Buffer::new(), itoa::Buffer::new(), itoa::Buffer::new());
        let (mut pm, mut top, mut n) = (String::new(), String::new(), itoa::Buffer::new());
        for r in reports.stems.iter().filter(|r| r.count >= min_count) {
            top.clear();
            for (i, (f, c)) in r.forms.iter().take(TOP_FORMS).enumerate() {
                if i > 0 {
                    top.push(';');
                }
                top.push_str(f);
                top.push(':');
                top.push_str(n.format(*c));
            }
            w.write_field(r.stem)?;
            w.write_field(count.format(r.count))?;
            w.write_field(docs.format(r.documents))?;
            w.write_field(per_million(r.count, total, &mut pm))?;
            w.write_field(forms.format(r.forms.len()))?;
            w.write_field(&top)?;
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    })?;
    csv("documents.csv", &|w| {
        w.write_record(["path", "title", "views", "author", "script", "tokens", "words", "unique_words", "stopwords"])?;
        for d in &outcome.documents {
            w.serialize(DocCsv {
                path: &d.path,
                title: d.title.as_deref().unwrap_or(""),
                views: d.views,
                author: d.author.as_deref().unwrap_or(""),
                script: d.script,
                tokens: d.stats.tokens,
                words: d.stats.words,
                unique_words: d.stats.unique_words,
                stopwords: d.stats.stopwords,
            })?;
        }
        Ok(())
    })?;
    csv("skipped.csv", &|w| {
        w.write_record(["path", "reason"])?;
        for s in &outcome.skipped {
            w.serialize(SkippedCsv { path: &s.path, reason: &s.reason })?;
        }
        Ok(())
    })?;

    let path = dir.join("summary.json");
    let mut tmp = temp_file_in(dir).map_err(|source| Error { path: path.clone(), source })?;
    serde_json::to_writer_pretty(&mut tmp, &reports.summary)
        .map_err(io::Error::other)
        .and_then(|()| tmp.write_all(b"\n"))
        .and_then(|()| tmp.flush())
        .map_err(|source| Error { path: path.clone(), source })?;
    pending.push((tmp, "summary.json"));

    // ML hook: matrix.mtx, vocabulary.csv, keywords.csv, ngrams.csv when asked for.
    if let Some(ml) = &outcome.ml {
        crate::ml_report::write_ml_reports(dir, ml, &outcome.documents, min_count, &mut pending)?;
    }

    // Everything is written; only now do the reports replace what was there.
    for (tmp, name) in pending {
        let path = dir.join(name);
        tmp.persist(&path).map_err(|e| Error { path, source: e.error })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_million_is_fixed_point() {
        let mut s = String::new();
        assert_eq!(per_million(1, 3, &mut s), "333333.33");
        assert_eq!(per_million(2, 3, &mut s), "666666.67");
        assert_eq!(per_million(1, 16_000_000, &mut s), "0.06");
        assert_eq!(per_million(5, 5, &mut s), "1000000.00");
        assert_eq!(per_million(0, 0, &mut s), "0.00");
    }
}
