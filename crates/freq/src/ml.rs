//! Inputs for machine-learning tools, collected during a `freq` run: per-document
//! term vectors (for the document-term matrix and TF-IDF keywords) and word n-grams.
//!
//! Nothing here runs unless [`MlConfig::is_on`]: the default `freq` path never
//! touches this module. When it is on, every counted document gets one more pass in
//! [`MlTable::add_document`], on the same worker thread as its counting. Each thread
//! of the pool has its own [`MlTable`] for the whole run (beside its count table): a cache from
//! word to word id and term id (so each distinct word is checked against the stop
//! words and stemmed once per thread), per-document vectors of `(term id, count)`, and
//! an n-gram table keyed by word ids. At the end the tables are merged, ids remapped
//! on the way, and [`MlTable::finish`] turns the merged table into sorted,
//! deterministic rows: the thread count never shows in the output.

use hashbrown::HashMap;
use sozdik_script::Normalizer;
use sozdik_tokenize::{tokens, TokenKind};

use crate::key::word_key;
use crate::run::Config;

/// What the terms of the matrix and of the keywords are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Terms {
    /// Stems, as in `stems.csv`.
    #[default]
    Stems,
    /// Normalized lowercase words, as in `words.csv`.
    Words,
}

impl Terms {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Terms::Stems => "stems",
            Terms::Words => "words",
        }
    }
}

/// Which machine-learning outputs a `freq` run also writes.
#[derive(Debug, Clone, PartialEq)]
pub struct MlConfig {
    /// Write `matrix.mtx` and `vocabulary.csv`.
    pub matrix: bool,
    /// Write `keywords.csv` with this many top TF-IDF terms per document (0: off).
    pub keywords: usize,
    /// Terms of the matrix and the keywords.
    pub terms: Terms,
    /// Leave terms found in fewer documents out of the matrix and the keywords.
    pub min_df: u64,
    /// Leave terms found in more than this fraction of the documents out of the
    /// matrix and the keywords (1.0: keep all).
    pub max_df: f64,
    /// Write `ngrams.csv` with n-grams of these lengths (empty: off).
    pub ngrams: Vec<usize>,
}

impl Default for MlConfig {
    fn default() -> MlConfig {
        MlConfig { matrix: false, keywords: 0, terms: Terms::Stems, min_df: 1, max_df: 1.0, ngrams: Vec::new() }
    }
}

impl MlConfig {
    /// Whether any machine-learning output is asked for.
    pub fn is_on(&self) -> bool {
        self.vectors() || !self.ngrams.is_empty()
    }

    /// Whether per-document term vectors are needed.
    fn vectors(&self) -> bool {
        self.matrix || self.keywords > 0
    }
}

/// Sentinel term id of a word that is no term (a stop word, or no vectors asked for).
const NO_TERM: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct WordInfo {
    /// Index into `MlTable::word_names`.
    id: u32,
    term: u32,
    stop: bool,
}

#[derive(Debug, Clone, Copy, Default)]
struct NgramStat {
    count: u64,
    docs: u64,
    last_doc: u64,
}

/// One worker thread's term vectors and n-gram counts.
#[derive(Debug, Default)]
pub(crate) struct MlTable {
    /// Word key → its id, its term, and whether it is a stop word.
    words: HashMap<String, WordInfo>,
    /// Word keys by id.
    word_names: Vec<Box<str>>,
    term_index: HashMap<String, u32>,
    terms: Vec<Box<str>>,
    /// `(document, [(term id, count)])` in the order the documents were added.
    docs: Vec<(u64, Vec<(u32, u32)>)>,
    /// N-gram as word ids → counts.
    ngrams: HashMap<Box<[u32]>, NgramStat>,
    // Scratch, reused between documents.
    dense: Vec<u32>,
    touched: Vec<u32>,
    run_ids: Vec<u32>,
    run_stops: Vec<bool>,
    key: String,
}

impl MlTable {
    /// Adds one document given as parts, its body lines (as counted by
    /// [`crate::count_document`]). `doc` must be unique within the table.
    pub(crate) fn add_document(&mut self, config: &Config, norm: &Normalizer, doc: u64, parts: &[&str]) {
        let ml = &config.ml;
        let vectors = ml.vectors();
        let ngrams = !ml.ngrams.is_empty();
        let mut key = std::mem::take(&mut self.key);
        for part in parts {
            for t in tokens(part) {
                match t.kind {
                    TokenKind::Space => continue,
                    TokenKind::Word => {}
                    _ => {
                        // Any other token (punctuation, a number, a URL…) breaks an n-gram.
                        if ngrams {
                            self.flush_run(config, doc);
                        }
                        continue;
                    }
                }
                let word = word_key(&part[t.span], norm, &mut key);
                let info = match self.words.get(word) {
                    Some(&info) => info,
                    None => {
                        let stop = config.stopwords.contains(word);
                        let term = if !vectors || (stop && !config.keep_stopwords) {
                            NO_TERM
                        } else {
                            match ml.terms {
                                Terms::Stems => self.intern(&sozdik_stem::stem(word)),
                                Terms::Words => self.intern(word),
                            }
                        };
                        let id = self.add_word(word, term, stop);
                        WordInfo { id, term, stop }
                    }
                };
                if info.term != NO_TERM {
                    let i = info.term as usize;
                    if i >= self.dense.len() {
                        self.dense.resize(self.terms.len(), 0);
                    }
                    if self.dense[i] == 0 {
                        self.touched.push(info.term);
                    }
                    self.dense[i] += 1;
                }
                if ngrams {
                    self.run_ids.push(info.id);
                    self.run_stops.push(info.stop);
                }
            }
            if ngrams {
                self.flush_run(config, doc);
            }
        }
        self.key = key;
        if vectors {
            let v: Vec<(u32, u32)> =
                self.touched.drain(..).map(|t| (t, std::mem::take(&mut self.dense[t as usize]))).collect();
            self.docs.push((doc, v));
        }
    }

    fn intern(&mut self, term: &str) -> u32 {
        let terms = &mut self.terms;
        *self.term_index.entry_ref(term).or_insert_with(|| {
            terms.push(term.into());
            (terms.len() - 1) as u32
        })
    }

    /// Adds a word not yet in the table; returns its id.
    fn add_word(&mut self, word: &str, term: u32, stop: bool) -> u32 {
        let id = self.word_names.len() as u32;
        self.word_names.push(word.into());
        self.words.insert(word.to_string(), WordInfo { id, term, stop });
        id
    }

    /// Counts the n-grams of the current run of words, and starts a new run.
    fn flush_run(&mut self, config: &Config, doc: u64) {
        let m = self.run_ids.len();
        // Doc ids are stored +1 so that 0 means "never seen".
        let doc = doc + 1;
        for &n in &config.ml.ngrams {
            if n == 0 || n > m {
                continue;
            }
            for i in 0..=m - n {
                if !config.keep_stopwords && (self.run_stops[i] || self.run_stops[i + n - 1]) {
                    continue;
                }
                let g = &self.run_ids[i..i + n];
                let stat = match self.ngrams.get_mut(g) {
                    Some(stat) => stat,
                    None => self.ngrams.entry(g.into()).or_default(),
                };
                stat.count += 1;
                if stat.last_doc != doc {
                    stat.last_doc = doc;
                    stat.docs += 1;
                }
            }
        }
        self.run_ids.clear();
        self.run_stops.clear();
    }

    /// Merges another table into this one. Documents must not be split between tables
    /// (see [`MlTable::merge_part`]).
    pub(crate) fn merge(&mut self, other: MlTable) {
        self.merge_impl(other, false);
    }

    /// Merges a table that counted other parts of the same single document (and
    /// nothing else) into this one, so that each n-gram counts that document once. The
    /// document's term vectors are summed in [`MlTable::finish`].
    pub(crate) fn merge_part(&mut self, other: MlTable) {
        self.merge_impl(other, true);
    }

    fn merge_impl(&mut self, other: MlTable, same_document: bool) {
        let terms: Vec<u32> = other.terms.iter().map(|t| self.intern(t)).collect();
        let mut words = vec![0u32; other.word_names.len()];
        for (w, info) in other.words {
            words[info.id as usize] = match self.words.get(w.as_str()) {
                Some(mine) => mine.id,
                None => {
                    let term = if info.term == NO_TERM { NO_TERM } else { terms[info.term as usize] };
                    self.add_word(&w, term, info.stop)
                }
            };
        }
        self.docs.extend(other.docs.into_iter().map(|(doc, mut v)| {
            for e in &mut v {
                e.0 = terms[e.0 as usize];
            }
            (doc, v)
        }));
        for (g, s) in other.ngrams {
            let g: Box<[u32]> = g.iter().map(|&w| words[w as usize]).collect();
            let mine = self.ngrams.entry(g).or_default();
            mine.count += s.count;
            mine.docs = if same_document { mine.docs.max(s.docs) } else { mine.docs + s.docs };
        }
    }

    /// Sorts and prunes everything into report rows. Documents come out in the order
    /// of their ids; `documents` are their paths in that order (for `keywords.csv`).
    pub(crate) fn finish(mut self, ml: &MlConfig, documents: Vec<String>) -> MlReports {
        self.docs.sort_unstable_by_key(|d| d.0);
        // A document added in parts (the pieces of a streamed one) has one vector per
        // part: sum them into one.
        let mut docs: Vec<(u64, Vec<(u32, u32)>)> = Vec::with_capacity(self.docs.len());
        for (id, v) in std::mem::take(&mut self.docs) {
            match docs.last_mut() {
                Some((last, mine)) if *last == id => {
                    mine.extend(v);
                    mine.sort_unstable_by_key(|e| e.0);
                    mine.dedup_by(|e, kept| {
                        let same = e.0 == kept.0;
                        if same {
                            kept.1 += e.1;
                        }
                        same
                    });
                }
                _ => docs.push((id, v)),
            }
        }
        self.docs = docs;
        let n_docs = self.docs.len();
        let n_terms = self.terms.len();
        let (mut count, mut df) = (vec![0u64; n_terms], vec![0u64; n_terms]);
        for (_, v) in &self.docs {
            for &(t, c) in v {
                count[t as usize] += c as u64;
                df[t as usize] += 1;
            }
        }
        let max_docs = ml.max_df * n_docs as f64;
        let mut vocab: Vec<u32> = (0..n_terms as u32)
            .filter(|&t| {
                let d = df[t as usize];
                d > 0 && d >= ml.min_df && d as f64 <= max_docs
            })
            .collect();
        let terms = &self.terms;
        vocab.sort_unstable_by(|&a, &b| {
            count[b as usize].cmp(&count[a as usize]).then_with(|| terms[a as usize].cmp(&terms[b as usize]))
        });
        let mut column = vec![NO_TERM; n_terms];
        for (i, &t) in vocab.iter().enumerate() {
            column[t as usize] = i as u32;
        }
        let vocabulary: Vec<VocabRow> = vocab
            .iter()
            .enumerate()
            .map(|(i, &t)| VocabRow {
                index: i,
                term: self.terms[t as usize].to_string(),
                count: count[t as usize],
                documents: df[t as usize],
            })
            .collect();

        let idf = |d: u64| ((1.0 + n_docs as f64) / (1.0 + d as f64)).ln() + 1.0;
        let mut rows = Vec::with_capacity(n_docs);
        let mut keywords = Vec::new();
        for (doc, (_, v)) in self.docs.iter().enumerate() {
            let mut row: Vec<(u32, u32)> = v
                .iter()
                .filter(|&&(t, _)| column[t as usize] != NO_TERM)
                .map(|&(t, c)| (column[t as usize], c))
                .collect();
            row.sort_unstable();
            if ml.keywords > 0 {
                let length: u64 = v.iter().map(|&(_, c)| c as u64).sum();
                let mut scored: Vec<(f64, &str)> = row
                    .iter()
                    .map(|&(col, c)| {
                        let r = &vocabulary[col as usize];
                        (c as f64 / length as f64 * idf(r.documents), r.term.as_str())
                    })
                    .collect();
                scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
                keywords.extend(scored.into_iter().take(ml.keywords).enumerate().map(|(rank, (tfidf, term))| {
                    KeywordRow { document: doc, rank: rank + 1, term: term.to_string(), tfidf }
                }));
            }
            rows.push(row);
        }

        let names = &self.word_names;
        let mut ngrams: Vec<NgramRow> = self
            .ngrams
            .iter()
            .map(|(g, s)| {
                let words: Vec<&str> = g.iter().map(|&w| &*names[w as usize]).collect();
                NgramRow { n: g.len(), ngram: words.join(" "), count: s.count, documents: s.docs }
            })
            .collect();
        ngrams.sort_unstable_by(|a, b| {
            b.count.cmp(&a.count).then_with(|| a.n.cmp(&b.n)).then_with(|| a.ngram.cmp(&b.ngram))
        });

        MlReports { config: ml.clone(), documents, vocabulary, rows, keywords, ngrams }
    }
}

/// A row of `vocabulary.csv`: a column of the matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabRow {
    /// The column, from 0 (`matrix.mtx` itself counts from 1).
    pub index: usize,
    /// The stem or word.
    pub term: String,
    /// Occurrences in all documents: the sum of the column.
    pub count: u64,
    /// Documents it occurs in: the non-zero entries of the column.
    pub documents: u64,
}

/// A row of `keywords.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeywordRow {
    /// The document, as an index into the run's documents ([`MlReports::documents`]).
    pub document: usize,
    /// 1 for the best keyword of the document.
    pub rank: usize,
    /// The stem or word.
    pub term: String,
    /// Its TF-IDF weight in the document.
    pub tfidf: f64,
}

/// A row of `ngrams.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NgramRow {
    /// Number of words.
    pub n: usize,
    /// The words, normalized and lowercase, joined by single spaces.
    pub ngram: String,
    /// Occurrences.
    pub count: u64,
    /// Documents it occurs in.
    pub documents: u64,
}

/// The machine-learning reports of a run, ready to write.
#[derive(Debug, Clone, Default)]
pub struct MlReports {
    /// What was asked for.
    pub config: MlConfig,
    /// The paths of the documents, one per matrix row, in run order; kept only when
    /// keywords are asked for (empty otherwise).
    pub documents: Vec<String>,
    /// The matrix's columns, in order.
    pub vocabulary: Vec<VocabRow>,
    /// The matrix's rows, one per document in run order: `(column, count)` by column.
    pub rows: Vec<Vec<(u32, u32)>>,
    /// Top terms per document by TF-IDF, by document and rank.
    pub keywords: Vec<KeywordRow>,
    /// N-grams by count (descending), n and n-gram.
    pub ngrams: Vec<NgramRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(ml: MlConfig) -> Config {
        Config { ml, ..Config::default() }
    }

    fn table(config: &Config, docs: &[&str]) -> MlTable {
        let mut t = MlTable::default();
        for (i, d) in docs.iter().enumerate() {
            t.add_document(config, &config.normalizer(""), i as u64, &[d]);
        }
        t
    }

    #[test]
    fn vectors_and_vocabulary() {
        let c = config(MlConfig { matrix: true, ..MlConfig::default() });
        let r = table(&c, &["Кітаптар мен кітабым. Бала", "Кітап және балалар, бала."]).finish(&c.ml, Vec::new());
        let vocab: Vec<(&str, u64, u64)> =
            r.vocabulary.iter().map(|v| (v.term.as_str(), v.count, v.documents)).collect();
        assert_eq!(vocab, [("бала", 3, 2), ("кітап", 3, 2)]);
        assert_eq!(r.rows, [vec![(0, 1), (1, 2)], vec![(0, 2), (1, 1)]]);
    }

    #[test]
    fn ngrams_keep_stopwords_inside_only() {
        let c = config(MlConfig { ngrams: vec![2, 3], ..MlConfig::default() });
        let r = table(&c, &["Қазақстан мен Ресей серіктес. Ресей серіктес", "мен Ресей"]).finish(&c.ml, Vec::new());
        let got: Vec<(usize, &str, u64, u64)> =
            r.ngrams.iter().map(|g| (g.n, g.ngram.as_str(), g.count, g.documents)).collect();
        assert_eq!(got, [(2, "ресей серіктес", 2, 1), (3, "қазақстан мен ресей", 1, 1)]);
        let kept = Config { keep_stopwords: true, ..c };
        let r = table(&kept, &["мен Ресей"]).finish(&kept.ml, Vec::new());
        assert_eq!(r.ngrams[0].ngram, "мен ресей");
    }

    #[test]
    fn keywords_by_tfidf_with_term_tie_break() {
        let c = config(MlConfig { keywords: 2, terms: Terms::Words, ..MlConfig::default() });
        let r = table(&c, &["алма алма жүзім өрік", "алма банан"]).finish(&c.ml, Vec::new());
        let got: Vec<(usize, usize, &str)> = r.keywords.iter().map(|k| (k.document, k.rank, k.term.as_str())).collect();
        // Doc 0: алма 2/4 × idf 1; жүзім and өрік tie at 1/4 × (ln 3/2 + 1), broken by term.
        assert_eq!(got, [(0, 1, "алма"), (0, 2, "жүзім"), (1, 1, "банан"), (1, 2, "алма")]);
        let idf = |df: f64| (3.0 / (1.0 + df)).ln() + 1.0;
        assert!((r.keywords[0].tfidf - 0.5).abs() < 1e-12);
        assert!((r.keywords[1].tfidf - 0.25 * idf(1.0)).abs() < 1e-12);
    }

    #[test]
    fn merge_equals_single_table_and_df_prunes() {
        let ml = MlConfig { matrix: true, keywords: 3, ngrams: vec![2], min_df: 2, ..MlConfig::default() };
        let c = config(ml);
        let docs = ["Кітаптар мен кітабым. Бала", "Кітап және балалар, бала.", "Мектеп кітабы", "Мектеп"];
        let one = table(&c, &docs).finish(&c.ml, Vec::new());
        let mut a = MlTable::default();
        let mut b = MlTable::default();
        for (i, d) in docs.iter().enumerate() {
            let t = if i % 2 == 0 { &mut b } else { &mut a };
            t.add_document(&c, &c.normalizer(""), i as u64, &[d]);
        }
        a.merge(b);
        let two = a.finish(&c.ml, Vec::new());
        assert_eq!(one.vocabulary, two.vocabulary);
        assert_eq!(one.rows, two.rows);
        assert_eq!(one.keywords, two.keywords);
        assert_eq!(one.ngrams, two.ngrams);
        assert!(one.vocabulary.iter().all(|v| v.documents >= 2));
        assert_eq!(one.rows.len(), 4);

        let c = config(MlConfig { matrix: true, max_df: 0.5, ..MlConfig::default() });
        let r = table(&c, &docs).finish(&c.ml, Vec::new());
        assert!(r.vocabulary.iter().all(|v| v.term != "кітап"), "кітап is in 3 of 4 documents");
    }
}
