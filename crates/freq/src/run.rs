//! A whole corpus run: read every source in parallel, count, merge.

use std::time::Instant;

use rayon::prelude::*;
use sozdik_corpus::{read_text, Article, Source};
use sozdik_script::Normalizer;
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

impl Config {
    /// The normalizer of a document whose text (or its start) is `sample`: its script
    /// and legacy-encoding damage are detected, and words are lowercased.
    pub fn normalizer(&self, sample: &str) -> Normalizer {
        Normalizer::for_document(crate::key::OPTIONS, sample)
    }
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
    /// The detected script (`cyrillic`, `latin-kazakh`, `latin-other`, `mixed`…).
    pub script: &'static str,
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

/// Documents larger than this are counted in pieces on several threads.
const SPLIT_BYTES: usize = 4 << 20;
/// The size of one piece of a split document.
const PIECE_BYTES: usize = 1 << 20;

/// Counts one document given as parts (its body lines or paragraphs). A large
/// document is cut into pieces at part boundaries, the pieces are counted in
/// parallel into tables of their own, and those are merged as parts of one document.
/// `norm` is the document's normalizer ([`Config::normalizer`]).
pub fn count_document(table: &mut Table, config: &Config, norm: &Normalizer, doc: u64, parts: &[&str]) -> DocStats {
    count_document_in(table, config, norm, doc, parts, SPLIT_BYTES, PIECE_BYTES)
}

fn count_document_in(
    table: &mut Table,
    config: &Config,
    norm: &Normalizer,
    doc: u64,
    parts: &[&str],
    split_bytes: usize,
    piece_bytes: usize,
) -> DocStats {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    if total < split_bytes || rayon::current_num_threads() < 2 {
        let mut stats = DocStats::default();
        for part in parts {
            stats.add(count_text(table, config, norm, doc, part));
        }
        return stats;
    }
    let mut pieces: Vec<&[&str]> = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, p) in parts.iter().enumerate() {
        size += p.len();
        if size >= piece_bytes {
            pieces.push(&parts[start..=i]);
            (start, size) = (i + 1, 0);
        }
    }
    if start < parts.len() {
        pieces.push(&parts[start..]);
    }
    let (doc_table, mut stats) = pieces
        .par_iter()
        .map(|piece| {
            let mut t = Table::default();
            let mut stats = DocStats::default();
            for part in piece.iter() {
                stats.add(count_text(&mut t, config, norm, doc, part));
            }
            (t, stats)
        })
        .reduce(
            || (Table::default(), DocStats::default()),
            |(mut ta, mut sa), (tb, sb)| {
                ta.merge_part(tb);
                sa.add(sb);
                (ta, sa)
            },
        );
    stats.unique_words = doc_table.distinct_words() as u64;
    table.merge(doc_table);
    stats
}

fn count_source(table: &mut Table, ml: Option<&mut MlTable>, config: &Config, doc: u64, source: &Source) -> DocResult {
    let text = match read_text(source) {
        Ok(t) => t,
        Err(e) => return DocResult::Skipped(Skipped { path: source.id.clone(), reason: e.reason() }),
    };
    let article = Article::parse(&text);
    let parts: Vec<&str> = article.body.iter().map(|r| &text[r.clone()]).collect();
    let norm = config.normalizer(&text);
    let stats = count_document(table, config, &norm, doc, &parts);
    // ML hook: one more pass over the document, only when asked for.
    if let Some(ml) = ml {
        ml.add_document(config, &norm, doc, &parts);
    }
    let row = DocumentRow {
        path: source.id.clone(),
        title: article.title(&text).map(str::to_string),
        views: article.views,
        author: article.author(&text).map(str::to_string),
        script: norm.profile().script.name(),
        stats,
    };
    DocResult::Counted(row, text.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_document_counts_like_a_whole_one() {
        let config = Config::default();
        let norm = config.normalizer("");
        let parts = [
            "Кітаптар мен кітабым.",
            "Кітап, кітаптар және балалар.",
            "Балалар кітабы",
            "Мектептер мен мектебі.",
            "Ол кітап оқыды.",
        ];
        let mut whole = Table::default();
        let mut whole_stats = DocStats::default();
        for p in parts {
            whole_stats.add(count_text(&mut whole, &config, &norm, 0, p));
        }
        count_text(&mut whole, &config, &norm, 1, "Кітаптар тағы бар.");
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let (split, split_stats) = pool.install(|| {
            let mut t = Table::default();
            count_text(&mut t, &config, &norm, 1, "Кітаптар тағы бар.");
            let stats = count_document_in(&mut t, &config, &norm, 0, &parts, 1, 1);
            (t, stats)
        });
        assert_eq!(whole_stats, split_stats);
        assert_eq!(whole.word_rows(false), split.word_rows(false));
        assert_eq!(whole.stem_rows(false), split.stem_rows(false));
    }
}
