//! Writing the reports: every file to a temporary file in the output folder first,
//! then all renamed into place, so a crash never leaves a half report that looks whole.
//!
//! `documents.csv` and `duplicates.csv` grow with the corpus, so their rows are not
//! held: a [`ReportWriter`] is the run's [`Sink`] and appends them to their temporary
//! files as the run goes; [`ReportWriter::finish`] writes the other reports and renames
//! all of them. A writer dropped without `finish` (nothing could be read, or the run
//! failed) removes its temporary files.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tempfile::NamedTempFile;

use crate::count::{StemRows, WordRow};
use crate::csv_rows::RowWriter;
use crate::map::{prefetch, PREFETCH_AHEAD};
use crate::run::{DocumentRow, Duplicate, Outcome, Rows, Sink};

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
    temp_file(dir, "report")
}

/// The tables of a run, ready to write.
#[derive(Debug)]
pub struct Reports<'t> {
    /// `words.csv` rows.
    pub words: Vec<WordRow<'t>>,
    /// `stems.csv` rows.
    pub stems: StemRows<'t>,
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
    /// Exact duplicate documents not counted (listed in `duplicates.csv`).
    pub duplicates: usize,
    /// Bytes of text read from the counted documents.
    pub bytes: u64,
    /// Tokens other than white space.
    pub tokens: u64,
    /// Word tokens, stop words included.
    pub words: u64,
    /// Tokens longer than 1,000 bytes, counted in `tokens` but not as words.
    pub long_tokens: u64,
    /// Distinct words in `words.csv` (before `min_count`).
    pub types: usize,
    /// Distinct stems in `stems.csv` (before `min_count`).
    pub stems: usize,
    /// Wall-clock seconds of the counting.
    pub seconds: f64,
}

impl<'t> Reports<'t> {
    /// Builds the tables of a run.
    /// The two tables are sorted at once, in the current rayon pool.
    pub fn new(outcome: &'t Outcome, keep_stopwords: bool) -> Reports<'t> {
        let (words, stems) =
            rayon::join(|| outcome.table.word_rows(keep_stopwords), || outcome.table.stem_rows(keep_stopwords));
        let summary = Summary {
            inputs: outcome.inputs,
            documents: outcome.documents,
            skipped: outcome.skipped.len(),
            duplicates: outcome.duplicates,
            bytes: outcome.bytes,
            tokens: outcome.tokens,
            words: outcome.words,
            long_tokens: outcome.long_tokens,
            types: words.len(),
            stems: stems.len(),
            seconds: (outcome.seconds * 1000.0).round() / 1000.0,
        };
        Reports { words, stems, summary }
    }
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
    let hundredths = match (count.checked_mul(100_000_000), total) {
        (_, 0) => 0,
        // u64 division where it cannot overflow (any count below 1.8e11), u128 beyond.
        (Some(scaled), _) if scaled.checked_add(total / 2).is_some() => u128::from((scaled + total / 2) / total),
        _ => (count as u128 * 100_000_000 + total as u128 / 2) / total as u128,
    };
    let mut n = itoa::Buffer::new();
    out.push_str(n.format(hundredths / 100));
    out.push('.');
    let frac = (hundredths % 100) as u8;
    out.push((b'0' + frac / 10) as char);
    out.push((b'0' + frac % 10) as char);
    out
}

/// The `count` and `per_million` fields of a row, formatted again only when the count
/// differs from the previous row's.
struct CountFields {
    total: u64,
    count: Option<u64>,
    count_text: String,
    per_million: String,
}

impl CountFields {
    fn new(total: u64) -> CountFields {
        CountFields { total, count: None, count_text: String::new(), per_million: String::new() }
    }

    /// The count and per-million fields of `count`.
    fn format(&mut self, count: u64) -> (&str, &str) {
        if self.count != Some(count) {
            self.count = Some(count);
            self.count_text.clear();
            self.count_text.push_str(itoa::Buffer::new().format(count));
            per_million(count, self.total, &mut self.per_million);
        }
        (&self.count_text, &self.per_million)
    }
}

/// How many forms `top_forms` lists.
const TOP_FORMS: usize = 5;

/// Temporary report files are named `.sozdik-NAME.XXXXXX.tmp`. They are deleted when
/// writing fails; only a process killed while writing leaves one behind, and the next
/// run into the same folder removes it.
const TEMP_PREFIX: &str = ".sozdik-";
const TEMP_SUFFIX: &str = ".tmp";

fn temp_file(dir: &Path, name: &str) -> io::Result<NamedTempFile> {
    let prefix = format!("{TEMP_PREFIX}{name}.");
    let mut b = tempfile::Builder::new();
    b.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(dir)
}

/// Writes the report `name` with `write` into a new temporary file in `dir`, to be
/// renamed with the others at the end; an error names the report.
pub(crate) fn write_temp(
    dir: &Path,
    name: &'static str,
    write: impl FnOnce(&mut NamedTempFile) -> io::Result<()>,
) -> Result<(NamedTempFile, &'static str), Error> {
    let err = |source| Error { path: dir.join(name), source };
    let mut tmp = temp_file(dir, name).map_err(err)?;
    write(&mut tmp).map_err(err)?;
    Ok((tmp, name))
}

/// [`write_temp`] of a CSV report, whose rows, header included, `fill` writes.
pub(crate) fn write_csv_temp(
    dir: &Path,
    name: &'static str,
    fill: impl FnOnce(&mut csv::Writer<&mut NamedTempFile>) -> csv::Result<()>,
) -> Result<(NamedTempFile, &'static str), Error> {
    write_temp(dir, name, |tmp| {
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(tmp);
        fill(&mut w).and_then(|()| w.flush().map_err(csv::Error::from)).map_err(io::Error::other)
    })
}

/// Removes temporary report files left in `dir` by a run that was killed while writing.
pub fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Checks, before a long run, that reports can be written into `dir`: creates it if
/// missing and writes and removes a temporary file there.
pub fn check_output_dir(dir: &Path) -> Result<(), Error> {
    let err = |source| Error { path: dir.to_path_buf(), source };
    fs::create_dir_all(dir).map_err(err)?;
    remove_stale_temp_files(dir);
    temp_file(dir, "check").map_err(err)?;
    Ok(())
}

/// The header of `documents.csv`.
const DOCUMENTS_HEADER: [&str; 10] =
    ["path", "title", "views", "author", "script", "tokens", "words", "unique_words", "stopwords", "encoding"];

/// Writes the reports of a run into a folder; see the module docs.
pub struct ReportWriter {
    dir: PathBuf,
    /// The two reports written row by row as the run goes: one row a document, which for
    /// a corpus of short records is hundreds of thousands of rows (see `csv_rows.rs`).
    documents: RowWriter<NamedTempFile>,
    duplicates: RowWriter<NamedTempFile>,
    /// The first failure to append a row; reported by `finish`. Rows after it are
    /// dropped, since the reports cannot be whole anyway.
    error: Option<Error>,
}

impl std::fmt::Debug for ReportWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportWriter").field("dir", &self.dir).field("error", &self.error).finish_non_exhaustive()
    }
}

/// A row writer into a new temporary file for the report `name` in `dir`, header written.
fn rows_temp(dir: &Path, name: &str, header: &[&str]) -> Result<RowWriter<NamedTempFile>, Error> {
    let err = |source| Error { path: dir.join(name), source };
    RowWriter::with_header(temp_file(dir, name).map_err(err)?, header).map_err(err)
}

/// Flushes a row writer and hands back its temporary file.
fn rows_finish(dir: &Path, name: &str, w: RowWriter<NamedTempFile>) -> Result<NamedTempFile, Error> {
    w.into_inner().map_err(|source| Error { path: dir.join(name), source })
}

impl ReportWriter {
    /// Starts the reports in `dir` (created if missing): the temporary files of the
    /// reports that are written row by row during the run.
    pub fn create(dir: &Path) -> Result<ReportWriter, Error> {
        fs::create_dir_all(dir).map_err(|source| Error { path: dir.to_path_buf(), source })?;
        Ok(ReportWriter {
            dir: dir.to_path_buf(),
            documents: rows_temp(dir, "documents.csv", &DOCUMENTS_HEADER)?,
            duplicates: rows_temp(dir, "duplicates.csv", &["path", "duplicate_of"])?,
            error: None,
        })
    }

    fn failed(&mut self, name: &str, source: io::Error) {
        if self.error.is_none() {
            self.error = Some(Error { path: self.dir.join(name), source });
        }
    }

    /// Writes `words.csv`, `stems.csv`, `skipped.csv`, `summary.json` and the ML
    /// reports, then renames every report into place. Rows with a count below
    /// `min_count` are left out of the words and stems tables; `per_million` is
    /// relative to all counted word tokens. On failure no report is renamed and the
    /// temporary files are removed.
    pub fn finish(self, outcome: &Outcome, reports: &Reports, min_count: u64) -> Result<(), Error> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let dir = self.dir.as_path();
        let mut pending: Vec<(NamedTempFile, &'static str)> = vec![
            (rows_finish(dir, "documents.csv", self.documents)?, "documents.csv"),
            (rows_finish(dir, "duplicates.csv", self.duplicates)?, "duplicates.csv"),
        ];
        write_tables(dir, outcome, reports, min_count, &mut pending)?;
        // Everything is written; only now do the reports replace what was there.
        for (tmp, name) in pending {
            let path = dir.join(name);
            tmp.persist(&path).map_err(|e| Error { path, source: e.error })?;
        }
        Ok(())
    }
}

impl ReportWriter {
    /// Builds the tables of `outcome` ([`Reports::new`]) and [finishes](ReportWriter::finish)
    /// with them, sorting and writing on `threads` threads (0: one per core) like the
    /// run. Returns the summary.
    pub fn finish_run(
        self,
        outcome: &Outcome,
        keep_stopwords: bool,
        min_count: u64,
        threads: usize,
    ) -> Result<Summary, Error> {
        let work = move || {
            let reports = Reports::new(outcome, keep_stopwords);
            self.finish(outcome, &reports, min_count).map(|()| reports.summary)
        };
        match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(pool) => pool.install(work),
            // Without a pool of our own, fall back to the global one rather than fail.
            Err(_) => work(),
        }
    }
}

impl Sink for ReportWriter {
    fn document(&mut self, d: DocumentRow) {
        if self.error.is_some() {
            return;
        }
        let w = &mut self.documents;
        w.text(&d.path);
        w.text(d.title.as_deref().unwrap_or(""));
        match d.views {
            Some(v) => w.number(v),
            None => w.plain(""),
        }
        w.text(d.author.as_deref().unwrap_or(""));
        w.text(d.script);
        for n in [d.stats.tokens, d.stats.words, d.stats.unique_words, d.stats.stopwords] {
            w.number(n);
        }
        w.text(d.encoding.name());
        if let Err(e) = w.end_row() {
            self.failed("documents.csv", e);
        }
    }

    fn duplicate(&mut self, d: Duplicate) {
        if self.error.is_some() {
            return;
        }
        let w = &mut self.duplicates;
        w.text(&d.path);
        w.text(&d.duplicate_of);
        if let Err(e) = w.end_row() {
            self.failed("duplicates.csv", e);
        }
    }
}

/// Writes all the reports of a run whose rows were kept in memory ([`crate::run()`]) into
/// `dir` (created if missing): [`ReportWriter`] fed with `rows`, then finished.
pub fn write_reports(
    dir: &Path,
    outcome: &Outcome,
    rows: &Rows,
    reports: &Reports,
    min_count: u64,
) -> Result<(), Error> {
    let mut w = ReportWriter::create(dir)?;
    for d in &rows.documents {
        w.document(d.clone());
    }
    for d in &rows.duplicates {
        w.duplicate(d.clone());
    }
    w.finish(outcome, reports, min_count)
}

/// Writes the reports built at the end of a run into temporary files, added to `pending`.
fn write_tables(
    dir: &Path,
    outcome: &Outcome,
    reports: &Reports,
    min_count: u64,
    pending: &mut Vec<(NamedTempFile, &'static str)>,
) -> Result<(), Error> {
    let total: u64 = reports.words.iter().map(|r| r.count).sum();

    // The two large tables, written with a `RowWriter` (see its module for why).
    let table =
        |name: &'static str, header: &[&str], fill: &dyn Fn(&mut RowWriter<&mut NamedTempFile>) -> io::Result<()>| {
            write_temp(dir, name, |tmp| {
                let mut w = RowWriter::with_header(tmp, header)?;
                fill(&mut w).and_then(|()| w.flush())
            })
        };

    // The rows come sorted by count, in long runs of equal counts, so the count and
    // `per_million` are formatted once per run. The two tables are written at once, in
    // the current rayon pool.
    let words = || {
        table("words.csv", &["word", "count", "documents", "per_million"], &|w| {
            let mut counts = CountFields::new(total);
            let rows = &reports.words;
            for (i, r) in rows.iter().enumerate().filter(|(_, r)| r.count >= min_count) {
                // The words are spread over the table they were counted in, in no
                // order: each is a cache miss, asked for a few rows ahead.
                if let Some(ahead) = rows.get(i + PREFETCH_AHEAD) {
                    prefetch(ahead.word.as_bytes());
                }
                let (count, pm) = counts.format(r.count);
                w.text(r.word);
                w.plain(count);
                w.number(r.documents);
                w.plain(pm);
                w.end_row()?;
            }
            Ok(())
        })
    };
    let stems = || {
        table("stems.csv", &["stem", "count", "documents", "per_million", "forms", "top_forms"], &|w| {
            let mut counts = CountFields::new(total);
            let stems = &reports.stems;
            for (i, r) in stems.iter().enumerate().filter(|(_, r)| r.count >= min_count) {
                if let Some(ahead) = stems.get(i + PREFETCH_AHEAD) {
                    prefetch(ahead.stem.as_bytes());
                    stems.forms(ahead).iter().take(TOP_FORMS).for_each(|(f, _)| prefetch(f.as_bytes()));
                }
                let (count, pm) = counts.format(r.count);
                w.text(r.stem);
                w.plain(count);
                w.number(r.documents);
                w.plain(pm);
                w.number(r.forms.len() as u64);
                let forms = &stems.forms(r)[..r.forms.len().min(TOP_FORMS)];
                let top_field = |out: &mut Vec<u8>, n: &mut itoa::Buffer| {
                    for (i, (f, c)) in forms.iter().enumerate() {
                        if i > 0 {
                            out.push(b';');
                        }
                        out.extend_from_slice(f.as_bytes());
                        out.push(b':');
                        out.extend_from_slice(n.format(*c).as_bytes());
                    }
                };
                if forms.iter().any(|(f, _)| w.needs_quotes(f)) {
                    // A form with a comma or a quote: the whole field is quoted.
                    let mut top = Vec::new();
                    top_field(&mut top, &mut itoa::Buffer::new());
                    w.text(std::str::from_utf8(&top).expect("forms and numbers are text"));
                } else {
                    w.plain_with(top_field);
                }
                w.end_row()?;
            }
            Ok(())
        })
    };
    let (words, stems) = rayon::join(words, stems);
    pending.push(words?);
    pending.push(stems?);
    pending.push(write_csv_temp(dir, "skipped.csv", |w| {
        w.write_record(["path", "reason"])?;
        for s in &outcome.skipped {
            w.serialize(SkippedCsv { path: &s.path, reason: &s.reason })?;
        }
        Ok(())
    })?);
    pending.push(write_temp(dir, "summary.json", |tmp| {
        serde_json::to_writer_pretty(&mut *tmp, &reports.summary)
            .map_err(io::Error::other)
            .and_then(|()| tmp.write_all(b"\n"))
            .and_then(|()| tmp.flush())
    })?);

    // ML hook: matrix.mtx, vocabulary.csv, keywords.csv, ngrams.csv when asked for.
    if let Some(ml) = &outcome.ml {
        crate::ml_report::write_ml_reports(dir, ml, min_count, pending)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_rows_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = ReportWriter::create(dir.path()).unwrap();
        let stats = crate::count::DocStats { tokens: 9, words: 7, unique_words: 5, stopwords: 2, long: 0 };
        let row = |path: &str, title: Option<&str>, views: Option<u64>, author: Option<&str>| DocumentRow {
            path: path.into(),
            title: title.map(str::to_string),
            views,
            author: author.map(str::to_string),
            script: "cyrillic",
            stats,
            encoding: sozdik_corpus::Encoding::Utf8,
        };
        let rows = [
            row("a.txt", Some("Тақырып, \"тырнақша\" және\nжол"), Some(1493), Some("Дәурен Ерболат")),
            row("b c.txt", None, None, None),
            row("", Some(""), Some(0), Some(" ")),
        ];
        for r in &rows {
            w.document(r.clone());
        }
        w.duplicate(Duplicate { path: "x,y.txt".into(), duplicate_of: "a.txt".into() });
        w.finish(&Outcome::default(), &Reports::new(&Outcome::default(), false), 1).unwrap();
        let read = |name: &str| -> Vec<Vec<String>> {
            let mut r = csv::Reader::from_path(dir.path().join(name)).unwrap();
            r.records().map(|rec| rec.unwrap().iter().map(str::to_string).collect()).collect()
        };
        let docs = read("documents.csv");
        assert_eq!(docs.len(), rows.len());
        for (got, want) in docs.iter().zip(&rows) {
            let views = want.views.map(|v| v.to_string()).unwrap_or_default();
            let fields = [
                want.path.as_str(),
                want.title.as_deref().unwrap_or(""),
                views.as_str(),
                want.author.as_deref().unwrap_or(""),
                "cyrillic",
                "9",
                "7",
                "5",
                "2",
                "utf-8",
            ];
            assert_eq!(got, &fields);
        }
        assert_eq!(read("duplicates.csv"), [["x,y.txt", "a.txt"]]);
    }

    proptest::proptest! {
        #[test]
        fn per_million_fast_path_is_exact(
            count in proptest::prop_oneof![0u64..1_000_000_000_000, proptest::num::u64::ANY],
            total in proptest::prop_oneof![1u64..1_000_000_000_000, 1u64..u64::MAX],
        ) {
            let mut s = String::new();
            let h = (count as u128 * 100_000_000 + total as u128 / 2) / total as u128;
            let want = format!("{}.{:02}", h / 100, h % 100);
            proptest::prop_assert_eq!(per_million(count, total, &mut s), want.as_str());
        }
    }

    #[test]
    fn per_million_is_fixed_point() {
        let mut s = String::new();
        assert_eq!(per_million(1, 3, &mut s), "333333.33");
        assert_eq!(per_million(2, 3, &mut s), "666666.67");
        assert_eq!(per_million(1, 16_000_000, &mut s), "0.06");
        assert_eq!(per_million(5, 5, &mut s), "1000000.00");
        assert_eq!(per_million(0, 0, &mut s), "0.00");
        // Past the u64 fast path.
        assert_eq!(per_million(u64::MAX / 2, u64::MAX, &mut s), "500000.00");
    }
}
