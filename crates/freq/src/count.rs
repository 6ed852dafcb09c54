//! Counting words and stems in per-thread tables.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use arrayvec::ArrayVec;
use rayon::prelude::*;
use sozdik_script::Normalizer;
use sozdik_tokenize::{tokens, TokenKind};

use crate::key::{is_plain_normalizer, word_key};
use crate::map::{prefetch, prefetch_at, written, Candidate, StrMap, PREFETCH_AHEAD};
use crate::run::Config;
use crate::vocab::{Vocab, WordInfo};

/// Tokens longer than this many bytes are counted as `long`, not as words.
pub(crate) const MAX_TOKEN_BYTES: usize = 1000;

/// Sentinel stem index of a word that is not stemmed (a stop word, when stop words are not kept).
pub(crate) const NO_STEM: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
pub(crate) struct WordStat {
    pub(crate) count: u64,
    pub(crate) docs: u64,
    pub(crate) last_doc: u64,
    pub(crate) stop: bool,
    pub(crate) stem: u32,
}

impl WordStat {
    /// The statistics of a word not counted yet.
    pub(crate) fn unseen(info: WordInfo) -> WordStat {
        WordStat { count: 0, docs: 0, last_doc: 0, stop: info.stop, stem: info.stem }
    }
}

/// No key (the stem index holds it, see [`Table::stem_keys`]) and no count (a stem's
/// count is the sum of its forms' counts, taken when the table is read): sixteen bytes,
/// four to a cache line, for the loop that touches them.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct StemStat {
    docs: u64,
    last_doc: u64,
}

/// Word and stem counts. Keys are copied once, the first time a word is seen; every
/// later occurrence is a lookup by `&str`.
///
/// The maps give each word and each stem an index into `word_stats` and `stems`, in
/// the order they are first seen, so the statistics of the frequent words, which are
/// mostly seen first, sit together at the front of one array, and the maps list their
/// keys in the order of the indices.
///
/// In a corpus run the tables of the worker threads share a vocabulary (see
/// `vocab.rs`): its words and stems come first, with the vocabulary's indices, and the
/// table's own maps hold only what the vocabulary lacks, with the indices after.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub(crate) vocab: Arc<Vocab>,
    pub(crate) words: StrMap,
    /// Word tokens as they are written in documents with the default normalization
    /// (see [`word_key`]), mapped to their word's index: a word seen before costs one
    /// lookup, with no normalizing or lowercasing.
    pub(crate) surface: StrMap,
    /// By word index: the vocabulary's words, then the table's own. Empty in a table
    /// that has not counted yet (see [`Table::align`]).
    pub(crate) word_stats: Vec<WordStat>,
    pub(crate) stem_index: StrMap,
    /// By stem index, as `word_stats`.
    pub(crate) stems: Vec<StemStat>,
}

/// What one document contributed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocStats {
    /// Tokens other than white space.
    pub tokens: u64,
    /// Word tokens, stop words included.
    pub words: u64,
    /// Distinct words (normalized, lowercase), stop words included.
    pub unique_words: u64,
    /// Word tokens that are stop words.
    pub stopwords: u64,
    /// Tokens longer than 1,000 bytes, counted in `tokens` but not as words.
    pub long: u64,
}

impl DocStats {
    /// Adds another document's stats (for several body parts of one document).
    pub fn add(&mut self, o: DocStats) {
        self.tokens += o.tokens;
        self.words += o.words;
        self.unique_words += o.unique_words;
        self.stopwords += o.stopwords;
        self.long += o.long;
    }
}

/// A row of `words.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordRow<'t> {
    /// The normalized lowercase word.
    pub word: &'t str,
    /// Occurrences.
    pub count: u64,
    /// Documents it occurs in.
    pub documents: u64,
}

/// A row of `stems.csv`. Its forms are in the [`StemRows`] it came from
/// ([`StemRows::forms`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StemRow<'t> {
    /// The stem.
    pub stem: &'t str,
    /// Occurrences of all its forms.
    pub count: u64,
    /// Documents any of its forms occurs in.
    pub documents: u64,
    /// Where its forms are in [`StemRows::all_forms`]; `forms.len()` is the number of
    /// forms.
    pub forms: Range<usize>,
}

/// The rows of `stems.csv`, sorted by count (descending) and stem, with the forms of
/// every stem. It derefs to the slice of rows.
///
/// The forms of all the stems are in one array, row after row, rather than in a
/// `Vec` per row: a vocabulary has tens of thousands of stems, and as many small
/// allocations cost more to make and to free than the rest of the table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StemRows<'t> {
    rows: Vec<StemRow<'t>>,
    forms: Vec<(&'t str, u64)>,
}

impl<'t> StemRows<'t> {
    /// The forms of `row`, one of these rows, with their counts: most frequent first,
    /// then in the order of the words.
    pub fn forms(&self, row: &StemRow<'t>) -> &[(&'t str, u64)] {
        &self.forms[row.forms.clone()]
    }

    /// The forms of every row, in the order of the rows.
    pub fn all_forms(&self) -> &[(&'t str, u64)] {
        &self.forms
    }
}

impl<'t> std::ops::Deref for StemRows<'t> {
    type Target = [StemRow<'t>];
    fn deref(&self) -> &[StemRow<'t>] {
        &self.rows
    }
}

/// Counts the words of `text` (one document, or one part of one: call it again with
/// the same `doc` for the next part) into `table`. `doc` must be unique per document
/// within the table.
/// `norm` is the document's normalizer, with lowercasing on (see [`Config::normalizer`]).
pub fn count_text(table: &mut Table, config: &Config, norm: &Normalizer, doc: u64, text: &str) -> DocStats {
    count_parts(table, config, norm, doc, [text])
}

/// Counts the parts of one document (its lines or paragraphs) into `table`, as
/// [`count_text`] would one after the other, but with the word tokens of all the
/// parts in the same batches: a document cut into short lines loses nothing to them.
pub fn count_parts<'a>(
    table: &mut Table,
    config: &Config,
    norm: &Normalizer,
    doc: u64,
    parts: impl IntoIterator<Item = &'a str>,
) -> DocStats {
    let mut stats = DocStats::default();
    table.align();
    // Shared with the other tables of a run: a copy of the pointer, not a borrow of
    // the table, which the counting changes.
    let vocab = Arc::clone(&table.vocab);
    let mut counter = Counter {
        config,
        vocab: &vocab,
        norm,
        // Doc ids are stored +1 so that 0 means "never seen".
        doc: doc + 1,
        // A document with the default normalization can use the surface-form cache.
        plain: is_plain_normalizer(norm),
        buf: String::new(),
        stem_buf: String::new(),
    };
    let mut batch: ArrayVec<&str, BATCH> = ArrayVec::new();
    for text in parts {
        for t in tokens(text) {
            match t.kind {
                TokenKind::Space => continue,
                // Hostile or broken input (a base64 blob, a run of letters without
                // spaces) is not a word; counting it would only bloat the tables.
                _ if t.span.len() > MAX_TOKEN_BYTES => {
                    stats.tokens += 1;
                    stats.long += 1;
                    continue;
                }
                TokenKind::Word => {}
                _ => {
                    stats.tokens += 1;
                    continue;
                }
            }
            stats.tokens += 1;
            stats.words += 1;
            batch.push(&text[t.span]);
            if batch.is_full() {
                counter.count_batch(table, &batch, &mut stats);
                batch.clear();
            }
        }
    }
    counter.count_batch(table, &batch, &mut stats);
    stats
}

/// Word tokens are counted in batches of this many.
///
/// Counting a word touches three tables, the word's slot, its statistics and its
/// stem's statistics, and for the rarer words of a large vocabulary each touch is a
/// cache miss. One loop per table over a batch, rather than one loop over the tokens,
/// keeps each loop small enough for the processor to have the misses of several
/// tokens in flight at once.
const BATCH: usize = 64;

/// What counting one text needs besides the table.
struct Counter<'a> {
    config: &'a Config,
    vocab: &'a Vocab,
    norm: &'a Normalizer,
    doc: u64,
    plain: bool,
    buf: String,
    /// The stems of the words first seen in a batch, one after the other (see
    /// [`PendingStem`]).
    stem_buf: String,
}

/// A word first seen in a batch, whose stem is looked up only after the rest of the
/// batch's words. The stem's slot was asked for when the word was stemmed, and its
/// record is asked for with the other new words' ([`Counter::resolve_stems`]), so
/// both have the rest of the batch's lookups to come in rather than being waited for
/// at once. On the first 12.6 MB of the benchmark's big file (125,000 new spellings),
/// on one core: 0.231 -> 0.219 processor seconds (means of the middle half of 40
/// alternating runs); reports identical.
struct PendingStem {
    word: u32,
    stem: Range<usize>,
    hash: u64,
}

/// The spelling cache to look a batch up in: the shared vocabulary's, or the table's
/// own while the vocabulary has none (a table of its own, or the first chunk of a
/// run). All maps hash alike.
#[inline(always)]
fn spelling_cache<'t>(vocab: &'t Vocab, table: &'t Table) -> &'t StrMap {
    if vocab.surface.is_empty() {
        &table.surface
    } else {
        &vocab.surface
    }
}

impl Counter<'_> {
    fn count_batch(&mut self, table: &mut Table, raw: &[&str], stats: &mut DocStats) {
        let vocab = self.vocab;
        // Hash the batch and ask for the slots first; look the words up after.
        let mut hashes: ArrayVec<u64, BATCH> = ArrayVec::new();
        if self.plain {
            let cache = spelling_cache(vocab, table);
            for &word in raw {
                let hash = cache.hash(word);
                cache.prefetch(hash);
                hashes.push(hash);
            }
        }
        // Then each key's first slot with its tag, whose record is asked for in turn.
        let candidates: ArrayVec<Candidate, BATCH> =
            hashes.iter().map(|&h| spelling_cache(vocab, table).candidate(h)).collect();
        let mut words: ArrayVec<u32, BATCH> = ArrayVec::new();
        let mut pending: ArrayVec<PendingStem, BATCH> = ArrayVec::new();
        self.stem_buf.clear();
        for (k, &word) in raw.iter().enumerate() {
            let known = match (hashes.get(k), candidates.get(k)) {
                (Some(&hash), Some(&c)) => spelling_cache(vocab, table).resolve(word, hash, c),
                _ => None,
            };
            // A word the cache does not know; or one the table's own cache learned
            // earlier in this batch, after the candidates were found, or holds while
            // the shared one does not, which `word_index` looks up there.
            let w = known.unwrap_or_else(|| self.word_index(table, word, hashes.get(k).copied(), &mut pending));
            // Asked for now, used in the next loop: the statistics of rare words are
            // cache misses too.
            prefetch(&table.word_stats[w as usize]);
            words.push(w);
        }
        if !pending.is_empty() {
            self.resolve_stems(table, &pending);
        }
        // A stem's documents change only where one of its forms is new in the
        // document, so only those tokens touch the stems. Whether a word is new in the
        // document, or a stop word, follows no pattern a branch predictor could learn
        // (in a folder of reviews three word tokens in four are new in theirs, and one
        // in four is a stop word): both loops are written without branches on them.
        let keep = self.config.keep_stopwords;
        let mut stems = [0u32; BATCH];
        let mut n = 0;
        for &w in &words {
            let stat = &mut table.word_stats[w as usize];
            stat.count += 1;
            let first = stat.last_doc != self.doc;
            stat.last_doc = self.doc;
            stat.docs += u64::from(first);
            stats.unique_words += u64::from(first);
            stats.stopwords += u64::from(stat.stop);
            let touch = first & (keep | !stat.stop);
            // Every counted word was stemmed when it was added (here or in a merge).
            debug_assert!(!touch || stat.stem != NO_STEM);
            let stem = if touch { stat.stem } else { 0 };
            prefetch_at(&table.stems, stem as usize);
            stems[n] = stem;
            n += usize::from(touch);
        }
        for &s in &stems[..n] {
            let s = &mut table.stems[s as usize];
            let first = s.last_doc != self.doc;
            s.last_doc = self.doc;
            s.docs += u64::from(first);
        }
    }

    /// The index of the word written `raw`, whose surface hash is `hash` in a plain
    /// document. A new word is stemmed at once, unless it is a stop word that is not
    /// counted, and its stem is left in `pending`, to be looked up with the batch's
    /// other new stems ([`Counter::resolve_stems`]).
    #[inline]
    fn word_index(
        &mut self,
        table: &mut Table,
        raw: &str,
        hash: Option<u64>,
        pending: &mut ArrayVec<PendingStem, BATCH>,
    ) -> u32 {
        if let Some(hash) = hash {
            if let Some(i) = table.surface.get_hashed(raw, hash) {
                return i;
            }
        }
        let key = word_key(raw, self.norm, &mut self.buf);
        // Five new spellings in six are a new word, whose slots in the maps of words
        // and of stems, all over those large maps, are cache misses. So the slots are
        // asked for first, and the word is stemmed (its stem is a function of the key
        // alone) while they come. A new spelling of a known word wastes that stem, and
        // most spellings that normalizing changes (Бірақ, БІРАҚ) are such: those are
        // stemmed only once the word is found new.
        let (vocab, config) = (self.vocab, self.config);
        let hash_key = vocab.words.hash(key);
        vocab.words.prefetch(hash_key);
        table.words.prefetch(hash_key);
        let stop = config.stopwords.contains(key);
        let stemmed = config.keep_stopwords || !stop;
        let as_spelled = std::ptr::eq(key.as_ptr(), raw.as_ptr());
        let mut stem = (stemmed && as_spelled).then(|| stem_prefetched(vocab, &table.stem_index, key));
        let i = match vocab.words.get_hashed(key, hash_key) {
            Some(i) => i,
            None => {
                let Table { words, word_stats, stem_index: own_stems, .. } = &mut *table;
                let n = word_stats.len() as u32;
                let i = words.get_or_insert_hashed(key, hash_key, || n);
                if i == n {
                    if stemmed && stem.is_none() {
                        stem = Some(stem_prefetched(vocab, own_stems, key));
                    }
                    if let Some((text, hash)) = stem {
                        let at = self.stem_buf.len();
                        self.stem_buf.push_str(&text);
                        pending.push(PendingStem { word: n, stem: at..self.stem_buf.len(), hash });
                    }
                    word_stats.push(WordStat { count: 0, docs: 0, last_doc: 0, stop, stem: NO_STEM });
                }
                i
            }
        };
        if let Some(hash) = hash {
            // A spelling the cache cannot hold (see `StrMap::insert_new`) is only looked
            // up the long way.
            table.surface.insert_new(raw, hash, i);
        }
        i
    }

    /// Gives the words of `pending` their stems' indices: first each stem's record is
    /// asked for (its slot was, when the word was stemmed), then the stems are looked
    /// up, and added when new, in the order the words came.
    fn resolve_stems(&self, table: &mut Table, pending: &[PendingStem]) {
        let vocab = self.vocab;
        let Table { word_stats, stem_index, stems, .. } = table;
        for p in pending {
            vocab.stems.candidate(p.hash);
            stem_index.candidate(p.hash);
        }
        for p in pending {
            let stem = &self.stem_buf[p.stem.clone()];
            word_stats[p.word as usize].stem = stem_index_hashed(vocab, stem_index, stems, stem, p.hash);
        }
    }
}

/// The stem of `key` and its hash, whose slots in the vocabulary's and the table's own
/// maps of stems are asked for at once.
fn stem_prefetched<'k>(vocab: &Vocab, own: &StrMap, key: &'k str) -> (Cow<'k, str>, u64) {
    let stem = sozdik_stem::stem(key);
    let hash = vocab.stems.hash(&stem);
    vocab.stems.prefetch(hash);
    own.prefetch(hash);
    (stem, hash)
}

/// Rows with a count below this are sorted in a bucket per count.
const COUNT_BUCKETS: usize = 1 << 12;

/// The row indices `rows` sorted by `count` (descending) and then `text`.
///
/// Most words of a vocabulary are rare, so most rows share their count with many
/// others. The rows are first dealt into a bucket per count, in one pass as in a
/// counting sort, and each bucket is then sorted by text alone: that sorts smaller
/// keys with a cheaper comparison, in smaller sorts. The keys are `heads[row]`, the
/// first fourteen characters of the text packed into one integer ([`head`]), and the
/// row's index; whole strings are compared only when those are equal. The few rows
/// with larger counts share the first bucket and are sorted by count as well.
fn sort_rows<'t>(
    rows: impl Iterator<Item = u32> + Clone,
    count: impl Fn(u32) -> u64 + Sync,
    heads: &[u128],
    text: impl Fn(u32) -> &'t str + Sync,
) -> Vec<u32> {
    // Bucket 0 holds the largest counts, the last bucket count 0: report order.
    let bucket = |i: u32| COUNT_BUCKETS - 1 - count(i).min(COUNT_BUCKETS as u64 - 1) as usize;
    let mut starts = vec![0usize; COUNT_BUCKETS + 1];
    for i in rows.clone() {
        starts[bucket(i) + 1] += 1;
    }
    for b in 0..COUNT_BUCKETS {
        starts[b + 1] += starts[b];
    }
    let mut next = starts.clone();
    let mut keys: Vec<(u128, u32)> = vec![(0, 0); starts[COUNT_BUCKETS]];
    for i in rows {
        let at = &mut next[bucket(i)];
        keys[*at] = (heads[i as usize], i);
        *at += 1;
    }
    let by_text = |a: &(u128, u32), b: &(u128, u32)| a.0.cmp(&b.0).then_with(|| text(a.1).cmp(text(b.1)));
    keys[..starts[1]].par_sort_unstable_by(|a, b| count(b.1).cmp(&count(a.1)).then_with(|| by_text(a, b)));
    for b in starts[1..].windows(2) {
        if b[1] - b[0] > 1 {
            keys[b[0]..b[1]].par_sort_unstable_by(by_text);
        }
    }
    keys.into_iter().map(|k| k.1).collect()
}

/// The keys of a vocabulary's map and then of a table's, by index. The maps give out
/// their indices in the order their keys are added, which is the order a map lists
/// them in, one after the other in memory, and a table's indices follow the
/// vocabulary's.
fn keys_by_index<'m>(shared: &'m StrMap, own: &'m StrMap) -> Vec<&'m str> {
    let mut keys: Vec<&str> = Vec::with_capacity(shared.len() + own.len());
    keys.extend(shared.iter().chain(own.iter()).map(|(key, _)| key));
    debug_assert!(shared.iter().chain(own.iter()).enumerate().all(|(i, (_, v))| v as usize == i));
    keys
}

/// The keys of a vocabulary's map and then of a table's, with their indices, after the
/// first `shared` (none or all of the vocabulary's: the table's own keys alone, without
/// going through the vocabulary's).
fn entries_after<'m>(vocab: &'m StrMap, own: &'m StrMap, shared: usize) -> impl Iterator<Item = (&'m str, u32)> {
    debug_assert!(shared == 0 || shared == vocab.len());
    vocab.iter().take(if shared == 0 { usize::MAX } else { 0 }).chain(own.iter())
}

/// The [`head`] of each key.
fn heads(keys: &[&str]) -> Vec<u128> {
    keys.iter().map(|k| head(k)).collect()
}

/// The first fourteen characters of `s` packed into an integer, nine bits each, in an
/// order-preserving code: integers in the order of the strings, up to ties.
///
/// A byte prefix would hold only four Cyrillic letters, which many forms of a word
/// share; the code holds every Cyrillic character (U+0400..U+04FF) and ASCII one by
/// one, and lumps the rest into two codes (below and above the Cyrillic block), after
/// which it stops. That keeps the order of code points, and so of UTF-8 bytes, the
/// order of `str`. Zero pads a short string, so a prefix sorts before its extensions.
#[inline]
fn head(s: &str) -> u128 {
    // Read from the bytes, without the UTF-8 decoder (a third fewer instructions for the
    // sort keys of a vocabulary; the test module has the character-by-character version
    // it must agree with): a lead byte of 0xD0..=0xD3 starts a character of the Cyrillic
    // block, whose offset in it is the low two bits of the lead and the low six of the
    // next byte; 0xC2..=0xCF starts one below it, and the larger ones a character above.
    let mut key = 0u64;
    let mut high = 0u64;
    let mut n = 0;
    let mut bytes = s.as_bytes().iter();
    while let Some(&lead) = bytes.next() {
        let code = if lead < 0x80 {
            u64::from(lead) + 1
        } else if lead & 0xFC == 0xD0 {
            let next = bytes.next().copied().unwrap_or(0);
            (u64::from(lead & 3) << 6 | u64::from(next & 0x3F)) + 0x82
        } else if lead < 0xD0 {
            0x81
        } else {
            0x182
        };
        key = key << 9 | code;
        n += 1;
        if n == 7 {
            // The first seven codes fill 63 bits; the next seven go into a second word.
            high = key;
            key = 0;
        }
        // Past a lumped character the order of what follows means nothing.
        if n == 14 || code == 0x81 || code == 0x182 {
            break;
        }
    }
    let (high, low) = if n >= 7 { (high, key << (9 * (14 - n))) } else { (key << (9 * (7 - n)), 0) };
    u128::from(high) << 63 | u128::from(low)
}

/// The index of `stem`: the vocabulary's, or the table's own (`index` and `stems`),
/// added when new.
fn stem_index(vocab: &Vocab, index: &mut StrMap, stems: &mut Vec<StemStat>, stem: &str) -> u32 {
    stem_index_hashed(vocab, index, stems, stem, vocab.stems.hash(stem))
}

/// [`stem_index`] of `stem`, whose hash is `hash`.
#[inline]
fn stem_index_hashed(vocab: &Vocab, index: &mut StrMap, stems: &mut Vec<StemStat>, stem: &str, hash: u64) -> u32 {
    vocab.stems.get_hashed(stem, hash).unwrap_or_else(|| {
        index.get_or_insert_hashed(stem, hash, || {
            stems.push(StemStat::default());
            (stems.len() - 1) as u32
        })
    })
}

impl Table {
    /// An empty table that shares this one's vocabulary, so that merging it into this
    /// one adds up arrays for the words of the vocabulary.
    pub(crate) fn sibling(&self) -> Table {
        Table { vocab: Arc::clone(&self.vocab), ..Table::default() }
    }

    /// Makes room for the statistics of the vocabulary's words and stems in a table
    /// that has none yet, as uncounted words. A table that has counted holds them.
    fn align(&mut self) {
        let v = &*self.vocab;
        if self.word_stats.len() < v.words.len() {
            debug_assert!(self.word_stats.is_empty() && self.words.is_empty());
            self.word_stats.extend(v.info.iter().map(|&i| WordStat::unseen(i)));
        }
        if self.stems.len() < v.stems.len() {
            debug_assert!(self.stems.is_empty() && self.stem_index.is_empty());
            self.stems.resize(v.stems.len(), StemStat::default());
        }
    }

    /// Merges another table into this one. Documents must not be split between tables.
    pub fn merge(&mut self, other: Table) {
        self.merge_impl(other, false);
    }

    /// Merges a table that counted another part of the same single document (and
    /// nothing else) into this one, so that each word counts that document once.
    pub fn merge_part(&mut self, other: Table) {
        self.merge_impl(other, true);
    }

    fn merge_impl(&mut self, other: Table, same_document: bool) {
        if self.word_stats.is_empty() && self.stems.is_empty() {
            // A table that has counted nothing (see `align`) takes the other's place
            // rather than adding its words one by one: the run table that a large
            // streamed document is merged into, when nothing else was counted.
            debug_assert!(self.words.is_empty() && self.stem_index.is_empty());
            *self = other;
            return;
        }
        if other.word_stats.is_empty() && other.stems.is_empty() {
            // Nor does one add anything (the side table of a thread that took no piece).
            return;
        }
        let docs = |mine: u64, theirs: u64| if same_document { mine.max(theirs) } else { mine + theirs };
        self.align();
        // With a shared vocabulary, its words and stems have the same indices in both
        // tables: their statistics are added up in order.
        let (shared_words, shared_stems) = if Arc::ptr_eq(&self.vocab, &other.vocab) {
            let (w, s) = (self.vocab.words.len(), self.vocab.stems.len());
            for (mine, theirs) in self.word_stats[..w].iter_mut().zip(other.word_stats.get(..w).unwrap_or_default()) {
                mine.count += theirs.count;
                mine.docs = docs(mine.docs, theirs.docs);
            }
            for (mine, theirs) in self.stems[..s].iter_mut().zip(other.stems.get(..s).unwrap_or_default()) {
                mine.docs = docs(mine.docs, theirs.docs);
            }
            (w, s)
        } else {
            (0, 0)
        };
        // The other words are looked up by key, and their stems with them: each stem
        // the first time one of its forms comes. Only the other table's own words and
        // stems, after the shared ones, are gone through (the vocabulary's are many).
        let stem_keys: Vec<&str> =
            entries_after(&other.vocab.stems, &other.stem_index, shared_stems).map(|e| e.0).collect();
        let mut stem_here: Vec<u32> = vec![NO_STEM; stem_keys.len()];
        let Table { vocab, words, word_stats, stem_index: own_stems, stems, .. } = self;
        for (word, i) in entries_after(&other.vocab.words, &other.words, shared_words) {
            let Some(stat) = other.word_stats.get(i as usize).filter(|s| s.count > 0) else { continue };
            let stem = match stat.stem as usize {
                _ if stat.stem == NO_STEM => NO_STEM,
                s if s < shared_stems => stat.stem,
                s => {
                    let k = s - shared_stems;
                    if stem_here[k] == NO_STEM {
                        let here = stem_index(vocab, own_stems, stems, stem_keys[k]);
                        let mine = &mut stems[here as usize];
                        mine.docs = docs(mine.docs, other.stems[s].docs);
                        stem_here[k] = here;
                    }
                    stem_here[k]
                }
            };
            let mine = vocab.words.get(word).unwrap_or_else(|| {
                words.get_or_insert_with(word, || {
                    word_stats.push(WordStat { count: 0, docs: 0, last_doc: 0, stem: NO_STEM, ..*stat });
                    (word_stats.len() - 1) as u32
                })
            });
            let mine = &mut word_stats[mine as usize];
            mine.count += stat.count;
            mine.docs = docs(mine.docs, stat.docs);
            if mine.stem == NO_STEM {
                mine.stem = stem;
            }
        }
    }

    /// Each word's text, by word index.
    fn word_keys(&self) -> Vec<&str> {
        keys_by_index(&self.vocab.words, &self.words)
    }

    /// Each stem's text, by stem index.
    fn stem_keys(&self) -> Vec<&str> {
        keys_by_index(&self.vocab.stems, &self.stem_index)
    }

    /// Number of distinct words counted, stop words included.
    pub fn distinct_words(&self) -> usize {
        self.word_stats.iter().filter(|s| s.count > 0).count()
    }

    /// The words table, stop words left out unless `keep_stopwords`, sorted by count
    /// (descending) and word.
    pub fn word_rows(&self, keep_stopwords: bool) -> Vec<WordRow<'_>> {
        // The statistics are read in their order, or ahead of their use.
        let keys = self.word_keys();
        let stats = &self.word_stats;
        let order = sort_rows(
            (0..stats.len() as u32).filter(|&i| {
                let s = &stats[i as usize];
                // A word of a shared vocabulary that this table has not counted is no row.
                s.count > 0 && (keep_stopwords || !s.stop)
            }),
            |i| stats[i as usize].count,
            &heads(&keys),
            |i| keys[i as usize],
        );
        (0..order.len())
            .map(|k| {
                if let Some(&j) = order.get(k + PREFETCH_AHEAD) {
                    prefetch(&stats[j as usize]);
                    prefetch(&keys[j as usize]);
                }
                let i = order[k] as usize;
                WordRow { word: keys[i], count: stats[i].count, documents: stats[i].docs }
            })
            .collect()
    }

    /// The stems table with each stem's forms, sorted by count (descending) and stem.
    /// Stop words are left out of the forms (and stems made only of stop words out of
    /// the table) unless `keep_stopwords`.
    pub fn stem_rows(&self, keep_stopwords: bool) -> StemRows<'_> {
        let counted = |s: &WordStat| s.count > 0 && s.stem != NO_STEM && (keep_stopwords || !s.stop);
        // Each stem's count and number of forms, in one pass over the word statistics
        // in memory order (the forms counted here fill the forms array below to the
        // last slot).
        let mut sums: Vec<(u64, u32)> = written(self.stems.len(), (0, 0));
        for s in self.word_stats.iter().filter(|s| counted(s)) {
            let sum = &mut sums[s.stem as usize];
            sum.0 += s.count;
            sum.1 += 1;
        }
        let keys = self.stem_keys();
        let order = sort_rows(
            (0..sums.len() as u32).filter(|&i| sums[i as usize].1 > 0),
            |i| sums[i as usize].0,
            &heads(&keys),
            |i| keys[i as usize],
        );

        // The rows, each given its place in the forms array; `next` is where each
        // stem's next form goes.
        let mut next: Vec<u32> = vec![0; self.stems.len()];
        let mut start = 0;
        let rows: Vec<StemRow<'_>> = order
            .into_iter()
            .map(|i| {
                let (stat, (count, forms)) = (&self.stems[i as usize], sums[i as usize]);
                next[i as usize] = start as u32;
                let row = StemRow {
                    stem: keys[i as usize],
                    count,
                    documents: stat.docs,
                    forms: start..start + forms as usize,
                };
                start += forms as usize;
                row
            })
            .collect();
        let mut forms: Vec<(&str, u64)> = vec![("", 0); start];
        for (w, s) in self.word_keys().into_iter().zip(&self.word_stats) {
            if counted(s) {
                let at = &mut next[s.stem as usize];
                forms[*at as usize] = (w, s.count);
                *at += 1;
            }
        }
        for r in &rows {
            if r.forms.len() > 1 {
                forms[r.forms.clone()].sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            }
        }
        StemRows { rows, forms }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn head_keeps_str_order(a in "[аәбЀӿϿԀ\u{0}\u{7F}\u{80}a-cé€🙂]{0,18}", b in "[аәбЀӿϿԀ\u{0}\u{7F}\u{80}a-cé€🙂]{0,18}") {
            // Equal heads are ties, settled by the strings; unequal ones are in order.
            let h = head(&a).cmp(&head(&b));
            proptest::prop_assert!(h == std::cmp::Ordering::Equal || h == a.cmp(&b));
            let exact = |s: &str| s.chars().count() <= 14 && s.chars().all(|c| c.is_ascii() || ('\u{400}'..='\u{4FF}').contains(&c));
            if exact(&a) && exact(&b) {
                // Short ASCII and Cyrillic strings are told apart by their heads alone.
                proptest::prop_assert_eq!(h, a.cmp(&b));
            }
        }
    }

    /// `head` as its docs state it, character by character: what the byte-level one must
    /// give.
    fn head_by_chars(s: &str) -> u128 {
        let mut key = 0u128;
        let mut n = 0;
        for c in s.chars().take(14) {
            let c = c as u32;
            let (code, lumped) = match c {
                0..=0x7F => (c + 1, false),
                0x80..=0x3FF => (0x81, true),
                0x400..=0x4FF => (c - 0x400 + 0x82, false),
                _ => (0x182, true),
            };
            key = key << 9 | u128::from(code);
            n += 1;
            if lumped {
                break;
            }
        }
        key << (9 * (14 - n))
    }

    proptest::proptest! {
        #[test]
        fn head_reads_the_bytes_as_the_characters(s in "\\PC{0,20}", cyrillic in "[\u{0400}-\u{04FF}a-z]{0,20}") {
            proptest::prop_assert_eq!(head(&s), head_by_chars(&s));
            proptest::prop_assert_eq!(head(&cyrillic), head_by_chars(&cyrillic));
        }
    }

    proptest::proptest! {
        #[test]
        fn sort_rows_is_count_then_text_order(
            rows in proptest::collection::vec(
                ("[аб\u{0}a-c]{0,10}", proptest::prop_oneof![0u64..4, 4090u64..4100, proptest::num::u64::ANY]),
                0..300,
            ),
        ) {
            // Texts are unique in a table.
            let mut rows = rows;
            rows.sort_by(|a, b| a.0.cmp(&b.0));
            rows.dedup_by(|a, b| a.0 == b.0);
            let (count, text) = (|i: u32| rows[i as usize].1, |i: u32| rows[i as usize].0.as_str());
            let mut want: Vec<u32> = (0..rows.len() as u32).collect();
            want.sort_by(|&a, &b| count(b).cmp(&count(a)).then_with(|| text(a).cmp(text(b))));
            let heads: Vec<u128> = rows.iter().map(|r| head(&r.0)).collect();
            proptest::prop_assert_eq!(sort_rows(0..rows.len() as u32, count, &heads, text), want);
        }
    }

    #[test]
    fn stem_rows_list_forms_by_count_then_text() {
        let config = Config::default();
        let norm = config.normalizer("");
        let mut t = Table::default();
        count_text(&mut t, &config, &norm, 0, "Кітаптар мен кітабым. Кітап! Кітаптар, мектеп.");
        let stems = t.stem_rows(false);
        assert_eq!(stems.len(), 2);
        let (first, second) = (&stems[0], &stems[1]);
        assert_eq!((first.stem, first.count, first.documents, first.forms.len()), ("кітап", 4, 1, 3));
        assert_eq!(stems.forms(first), [("кітаптар", 2), ("кітабым", 1), ("кітап", 1)]);
        assert_eq!(stems.forms(second), [("мектеп", 1)]);
        assert_eq!(stems.all_forms().len(), 4);
    }

    #[test]
    fn counts_documents_and_unique_words() {
        let config = Config::default();
        let norm = config.normalizer("");
        let mut t = Table::default();
        let a = count_text(&mut t, &config, &norm, 0, "Қазақстан және Қазақстан. ҚАЗАҚСТАН!");
        let b = count_text(&mut t, &config, &norm, 1, "Қазақстaн (Latin a) 2022 ж.");
        assert_eq!(a, DocStats { tokens: 6, words: 4, unique_words: 2, stopwords: 1, long: 0 });
        assert_eq!(b.words, 3);
        let rows = t.word_rows(false);
        assert_eq!(rows[0], WordRow { word: "қазақстан", count: 4, documents: 2 });
        assert!(rows.iter().all(|r| r.word != "және"));
        assert!(t.word_rows(true).iter().any(|r| r.word == "және"));
    }

    #[test]
    fn parts_in_one_batch_count_like_each_part_alone() {
        let config = Config::default();
        let norm = config.normalizer("");
        // More word tokens than one batch, over many short parts.
        let line = "Кітаптар мен кітабым, ҚАЗАҚСТАН және Kazakhstan 2024 ж.";
        let parts: Vec<String> = (0..40).map(|i| format!("{line} сөз{i}")).collect();
        let (mut one, mut each) = (Table::default(), Table::default());
        let a = count_parts(&mut one, &config, &norm, 0, parts.iter().map(String::as_str));
        let mut b = DocStats::default();
        for p in &parts {
            b.add(count_text(&mut each, &config, &norm, 0, p));
        }
        assert!(a.words > BATCH as u64);
        assert_eq!(a, b);
        assert_eq!(one.word_rows(true), each.word_rows(true));
        assert_eq!(one.stem_rows(false), each.stem_rows(false));
    }

    #[test]
    fn a_table_that_counted_nothing_takes_the_merged_one() {
        let config = Config::default();
        let norm = config.normalizer("");
        let mut counted = Table::default();
        count_text(&mut counted, &config, &norm, 0, "Кітаптар мен кітабым.");
        count_text(&mut counted, &config, &norm, 1, "Кітап, кітаптар және балалар.");
        for part in [false, true] {
            let mut fresh = Table::default();
            if part {
                fresh.merge_part(counted.clone());
            } else {
                fresh.merge(counted.clone());
            }
            assert_eq!(fresh.word_rows(true), counted.word_rows(true));
            assert_eq!(fresh.stem_rows(false), counted.stem_rows(false));
            // And it counts on like the table it took.
            let mut other = counted.clone();
            count_text(&mut fresh, &config, &norm, 2, "Балалар кітабы");
            count_text(&mut other, &config, &norm, 2, "Балалар кітабы");
            assert_eq!(fresh.word_rows(true), other.word_rows(true));
        }
    }

    #[test]
    fn merge_equals_single_table() {
        let config = Config::default();
        let norm = config.normalizer("");
        let docs = ["Кітаптар мен кітабым.", "Кітап, кітаптар және балалар.", "Балалар кітабы"];
        let mut one = Table::default();
        for (i, d) in docs.iter().enumerate() {
            count_text(&mut one, &config, &norm, i as u64, d);
        }
        let mut a = Table::default();
        let mut b = Table::default();
        count_text(&mut a, &config, &norm, 0, docs[0]);
        count_text(&mut b, &config, &norm, 1, docs[1]);
        count_text(&mut a, &config, &norm, 2, docs[2]);
        // b interned its stems in another order than a: merging must remap them.
        count_text(&mut b, &config, &norm, 3, "Ол мектепте оқиды.");
        count_text(&mut one, &config, &norm, 3, "Ол мектепте оқиды.");
        let mut c = b.clone();
        let a2 = a.clone();
        b.merge(a);
        assert_eq!(one.word_rows(false), b.word_rows(false));
        assert_eq!(one.stem_rows(false), b.stem_rows(false));
        // The same into a table whose words went into a vocabulary of its own, which the
        // other table does not share: they are looked up by key there too.
        let vocab = Arc::clone(&c.vocab);
        crate::vocab::share(vocab, &mut [&mut c]);
        assert!(c.words.is_empty() && !c.vocab.words.is_empty());
        c.merge(a2);
        assert_eq!(one.word_rows(true), c.word_rows(true));
        assert_eq!(one.stem_rows(true), c.stem_rows(true));
    }
}
