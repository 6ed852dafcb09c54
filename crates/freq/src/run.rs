//! A whole corpus run: read every source in parallel, count, merge.

use std::time::Instant;

use rayon::prelude::*;
use sozdik_corpus::{read_text, Article, Source};
use sozdik_stopwords::StopWords;

use crate::count::{count_text, DocStats, Table};
use crate::ml::{MlConfig, MlReports, MlTable};

/// What a run counts and how.
#[derive(Debug, Clone)]
pub struct Config {
    /// Stop words, left out of the tables unless `keep_stopwords`.
    pub stopwords: StopWords,
    /// Count stop words in the tables too.
    pub keep_stopwords: bool,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Machine-learning outputs (matrix, keywords, n-grams); all off by default.
    pub ml: MlConfig,
}

impl Default for Config {
    fn default() -> Config {
        Config { stopwords: StopWords::builtin(), keep_stopwords: false, threads: 0, ml: MlConfig::default() }
    }
}

/// A row of `documents.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    /// The document id (its path relative to its INPUT).
    pub path: String,
    /// The article title, if it has the article shape.
    pub title: Option<String>,
    /// The view count.
    pub views: Option<u64>,
    /// The author's name.
    pub author: Option<String>,
    /// Counts.
    pub stats: DocStats,
}

/// An input that could not be counted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path or document id.
    pub path: String,
    /// What was wrong.
    pub reason: String,
}

/// The result of a run, before it is written.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Merged counts.
    pub table: Table,
    /// One row per counted document, in input order.
    pub documents: Vec<DocumentRow>,
    /// Inputs that were not counted, in input order.
    pub skipped: Vec<Skipped>,
    /// Number of sources tried.
    pub inputs: usize,
    /// Bytes of text read.
    pub bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Machine-learning reports, when `config.ml` asked for any.
    pub ml: Option<MlReports>,
}

enum DocResult {
    Counted(DocumentRow, u64),
    Skipped(Skipped),
}

/// Counts every source. `progress` is called with the byte size of each source
/// once it is done (from worker threads).
pub fn run(sources: &[Source], config: &Config, progress: &(dyn Fn(u64) + Sync)) -> Outcome {
    let started = Instant::now();
    // ML hook: a per-thread MlTable rides along only when config.ml asks for outputs.
    let new_ml = || config.ml.is_on().then(MlTable::default);
    let work = || {
        sources
            .par_iter()
            .enumerate()
            .fold(
                || (Table::default(), new_ml(), Vec::new()),
                |(mut table, mut ml, mut results), (i, source)| {
                    let r = count_source(&mut table, ml.as_mut(), config, i as u64, source);
                    if let DocResult::Counted(_, bytes) = &r {
                        progress(*bytes);
                    }
                    results.push((i, r));
                    (table, ml, results)
                },
            )
            .reduce(
                || (Table::default(), new_ml(), Vec::new()),
                |(mut ta, mut mla, mut ra), (tb, mlb, rb)| {
                    if let (Some(a), Some(b)) = (&mut mla, mlb) {
                        a.merge(b);
                    }
                    // Merge the smaller table into the larger: fewer re-insertions.
                    if ta.distinct_words() < tb.distinct_words() {
                        let mut tb = tb;
                        tb.merge(ta);
                        ta = tb;
                    } else {
                        ta.merge(tb);
                    }
                    ra.extend(rb);
                    (ta, mla, ra)
                },
            )
    };
    let (table, ml, mut results) = match rayon::ThreadPoolBuilder::new().num_threads(config.threads).build() {
        Ok(pool) => pool.install(work),
        // Without a pool of our own, fall back to the global one rather than fail.
        Err(_) => work(),
    };
    results.sort_unstable_by_key(|(i, _)| *i);
    let ml = ml.map(|t| t.finish(&config.ml));
    let mut outcome = Outcome { table, inputs: sources.len(), ml, ..Outcome::default() };
    for (_, r) in results {
        match r {
            DocResult::Counted(row, bytes) => {
                outcome.bytes += bytes;
                outcome.documents.push(row);
            }
            DocResult::Skipped(s) => outcome.skipped.push(s),
        }
    }
    outcome.seconds = started.elapsed().as_secs_f64();
    outcome
}

fn count_source(table: &mut Table, ml: Option<&mut MlTable>, config: &Config, doc: u64, source: &Source) -> DocResult {
    let text = match read_text(source) {
        Ok(t) => t,
        Err(e) => return DocResult::Skipped(Skipped { path: source.id.clone(), reason: e.reason() }),
    };
    let article = Article::parse(&text);
    let mut stats = DocStats::default();
    for part in &article.body {
        stats.add(count_text(table, config, doc, &text[part.clone()]));
    }
    // ML hook: one more pass over the document, only when asked for.
    if let Some(ml) = ml {
        ml.add_document(config, doc, &text, &article.body);
    }
    let row = DocumentRow {
        path: source.id.clone(),
        title: article.title(&text).map(str::to_string),
        views: article.views,
        author: article.author(&text).map(str::to_string),
        stats,
    };
    DocResult::Counted(row, text.len() as u64)
}
