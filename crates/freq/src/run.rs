//! A whole corpus run: read the sources, count, merge.
//!
//! The sources are cut into units of work by [`Units`] (whole text files, batches of
//! JSONL or CSV records) and taken in chunks of a few megabytes, in input order. Each
//! chunk goes through three steps: its units are read and decoded, in parallel by the
//! workers or, with one or two of them, as far as it gets by the thread that cuts units
//! while the workers count the chunk before ([`DECODE_AHEAD_THREADS`]); the documents
//! are then checked for duplicates one after the other, in input order, so the first
//! of identical documents is the one kept whatever the thread count; and
//! the kept documents are counted in parallel, each worker thread into its own
//! table. Then, with more than one thread, what the tables learned goes into the
//! vocabulary they share (see `vocab.rs`). The tables are merged at the end. The
//! thread that cuts units also reads ahead: small text files whole ([`Unit::load`];
//! several at a time when they come slowly, from a disk rather than the page cache,
//! see [`Readers`]), large ones as a stream of pieces (see
//! [`ReadOptions::stream_bytes`]), whose pieces are decoded and counted in parallel
//! like documents, as parts of one document (see `stream.rs`). Whole documents are
//! counted in runs of [`GROUP_BYTES`], a job a run.
//!
//! Per-document results are not kept: as each chunk finishes, its `documents.csv`
//! rows and its duplicates are handed, in input order, to a [`Sink`] (the report
//! writer appends them to its files), and the [`Outcome`] keeps only totals. What
//! the run holds is bounded by the vocabulary and the chunk size, not by the number
//! of documents.

use std::collections::HashMap;
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rayon::prelude::*;
use sozdik_corpus::{fingerprint, Article, Document, Encoding, Problem, ReadOptions, Unit, Units};
use sozdik_script::Normalizer;
use sozdik_stopwords::StopWords;

use crate::count::{count_parts, DocStats, Table};
use crate::ml::{MlConfig, MlReports, MlTable};
use crate::readers::{Fast, Readers};
use crate::stream::{read_piece, PieceText, ReadPiece, Streamed, Taken};
use crate::vocab::{share, Vocab};

use sozdik_corpus::Source;

/// What a run counts and how.
#[derive(Debug, Clone)]
pub struct Config {
    /// Stop words, left out of the tables unless `keep_stopwords`.
    pub stopwords: StopWords,
    /// Count stop words in the tables too.
    pub keep_stopwords: bool,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// How inputs are read (formats, encodings, fields, limits, HTML). By default,
    /// text files of [`sozdik_corpus::DEFAULT_STREAM_BYTES`] or more are streamed in
    /// pieces ([`ReadOptions::stream_bytes`]): counted in parallel, without their
    /// article structure.
    pub read: ReadOptions,
    /// Count exact duplicate documents once (the first in input order) and list the rest.
    pub dedup: bool,
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
        Config {
            stopwords: StopWords::builtin(),
            keep_stopwords: false,
            threads: 0,
            read: ReadOptions { stream_bytes: Some(sozdik_corpus::DEFAULT_STREAM_BYTES), ..ReadOptions::default() },
            dedup: true,
            ml: MlConfig::default(),
        }
    }
}

/// A row of `documents.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    /// The document id (its path relative to its INPUT, or a record's id or `path:line`).
    pub path: String,
    /// The title: the title field of a record, else the article title, if it has the
    /// article shape.
    pub title: Option<String>,
    /// The view count.
    pub views: Option<u64>,
    /// The author's name.
    pub author: Option<String>,
    /// The detected script (`cyrillic`, `latin-kazakh`, `latin-other`, `mixed`…).
    pub script: &'static str,
    /// Counts.
    pub stats: DocStats,
    /// The encoding the document was decoded from.
    pub encoding: Encoding,
}

/// An input that could not be counted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path or document id.
    pub path: String,
    /// What was wrong.
    pub reason: String,
}

/// A document not counted because it is an exact duplicate of an earlier one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The duplicate's document id.
    pub path: String,
    /// The id of the first document with the same text, which was counted.
    pub duplicate_of: String,
}

/// Where a run hands its per-document results, each kind in input order, as each
/// chunk of work finishes. The run holds none of them itself.
pub trait Sink {
    /// A counted document.
    fn document(&mut self, row: DocumentRow);
    /// A document not counted because it is an exact duplicate of an earlier one.
    fn duplicate(&mut self, duplicate: Duplicate);
}

/// A [`Sink`] that keeps everything in memory: for library users and tests, whose
/// corpora are small enough. [`run`] returns one.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rows {
    /// One row per counted document, in input order.
    pub documents: Vec<DocumentRow>,
    /// Duplicate documents, in input order.
    pub duplicates: Vec<Duplicate>,
}

impl Sink for Rows {
    fn document(&mut self, row: DocumentRow) {
        self.documents.push(row);
    }

    fn duplicate(&mut self, duplicate: Duplicate) {
        self.duplicates.push(duplicate);
    }
}

/// The result of a run, before it is written: the merged counts and totals.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Merged counts.
    pub table: Table,
    /// Documents counted (rows handed to the sink).
    pub documents: usize,
    /// Duplicate documents not counted (handed to the sink).
    pub duplicates: usize,
    /// Inputs and records that were not counted, in input order.
    pub skipped: Vec<Skipped>,
    /// Number of sources tried.
    pub inputs: usize,
    /// Bytes of text read from the counted documents.
    pub bytes: u64,
    /// Tokens other than white space, in all counted documents.
    pub tokens: u64,
    /// Word tokens, stop words included.
    pub words: u64,
    /// Tokens longer than 1,000 bytes, counted in `tokens` but not as words.
    pub long_tokens: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Machine-learning reports, when `config.ml` asked for any.
    pub ml: Option<MlReports>,
}

/// A chunk is cut once its units hold this many bytes…
const CHUNK_BYTES: u64 = 8 << 20;
/// …or this many units.
const CHUNK_UNITS: usize = 1024;
/// The first chunk is 2^this times smaller, and each next one twice as large as the
/// one before, up to the sizes above: the workers wait for the first chunk, which the
/// cutting thread reads; and while the vocabulary grows fast, the threads, which share
/// it only between chunks, each meet the same new words, so it is shared often then.
const FIRST_CHUNK_SHIFT: u32 = 4;

/// Counts every source and returns the outcome with every document row and
/// duplicate kept in memory. `progress` is called with the byte size of each document
/// once it is counted (from worker threads). For a large corpus, use [`run_into`]
/// with a [`Sink`] that writes the rows out.
pub fn run(sources: &[Source], config: &Config, progress: &(dyn Fn(u64) + Sync)) -> (Outcome, Rows) {
    let mut rows = Rows::default();
    let outcome = run_into(sources, config, progress, &mut rows);
    (outcome, rows)
}

/// Counts every source, handing document rows and duplicates to `sink` in input
/// order as the run goes. `progress` is called with the byte size of each document
/// (or piece of one) once it is counted, from worker threads.
pub fn run_into(
    sources: &[Source],
    config: &Config,
    progress: &(dyn Fn(u64) + Sync),
    sink: &mut (dyn Sink + Send),
) -> Outcome {
    run_units(Units::new(sources, &config.read), config, progress, sink)
}

/// Counts the sources of `units` (made with `config.read`), as [`run_into`] does. With
/// [`Units::discover`], INPUT folders are walked as their files are taken, and
/// `inputs` in the outcome counts the sources found.
pub fn run_units(
    units: Units<'_>,
    config: &Config,
    progress: &(dyn Fn(u64) + Sync),
    sink: &mut (dyn Sink + Send),
) -> Outcome {
    let started = Instant::now();
    let work = move || run_here(units, config, progress, sink);
    let mut outcome = match rayon::ThreadPoolBuilder::new().num_threads(config.threads).build() {
        Ok(pool) => pool.install(work),
        // Without a pool of our own, fall back to the global one rather than fail.
        Err(_) => work(),
    };
    outcome.seconds = started.elapsed().as_secs_f64();
    outcome
}

/// What the serial steps of a run carry from chunk to chunk.
struct State<'s> {
    outcome: Outcome,
    sink: &'s mut (dyn Sink + Send),
    /// Fingerprint of each kept document -> its id, for `duplicate_of` (only with dedup).
    seen: HashMap<u128, String>,
    /// The paths of the counted documents, in order, only when `keywords.csv`, which
    /// names each keyword's document, is asked for.
    ml_paths: Option<Vec<String>>,
    /// The number of the next kept document (its row in `documents.csv`).
    next_doc: u64,
    /// A streamed document whose last piece has not come yet.
    open: Option<Streamed>,
    /// The vocabulary the tables share (see `vocab.rs`).
    vocab: Arc<Vocab>,
}

impl State<'_> {
    /// Hands a counted document's row to the sink and adds it to the totals.
    fn emit(&mut self, row: DocumentRow, bytes: u64) {
        let o = &mut self.outcome;
        o.documents += 1;
        o.bytes += bytes;
        o.tokens += row.stats.tokens;
        o.words += row.stats.words;
        o.long_tokens += row.stats.long;
        if let Some(paths) = &mut self.ml_paths {
            paths.push(row.path.clone());
        }
        self.sink.document(row);
    }

    /// The id of the earlier document with fingerprint `fp`, if any; otherwise `id` is
    /// remembered as the first with it.
    fn first_with(&mut self, fp: u128, id: &str) -> Option<String> {
        match self.seen.entry(fp) {
            std::collections::hash_map::Entry::Occupied(e) => Some(e.get().clone()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(id.to_string());
                None
            }
        }
    }

    fn duplicate(&mut self, path: String, duplicate_of: String) {
        self.outcome.duplicates += 1;
        self.sink.duplicate(Duplicate { path, duplicate_of });
    }

    fn skip(&mut self, p: Problem) {
        self.outcome.skipped.push(Skipped { reason: p.reason(), path: p.id });
    }

    /// Takes in the next piece of a streamed document, in input order, and returns
    /// the job of counting it, if any.
    fn take_piece(&mut self, mut piece: ReadPiece, streams: &mut Vec<Streamed>, config: &Config) -> Option<Job> {
        if piece.is_first() {
            streams.push(Streamed::new(&mut piece, config, self.next_doc, &self.vocab));
        }
        // Units hands out a source's pieces together, the first one first.
        let i = streams.len().checked_sub(1)?;
        let s = &mut streams[i];
        let job = match s.take(piece) {
            Taken::Count(text) => Some(Job::Piece(text, i)),
            Taken::Failed(p) => {
                self.skip(p);
                None
            }
            Taken::Nothing => None,
        };
        if s.complete && !s.dropped {
            if s.blank {
                s.dropped = true;
                let error = sozdik_corpus::Error::Empty { path: s.id.clone().into() };
                self.skip(Problem { id: s.id.clone(), error });
            } else if let Some(first) = config.dedup.then(|| self.first_with(s.fingerprint.value(), &s.id)).flatten() {
                s.dropped = true;
                self.duplicate(s.id.clone(), first);
            } else {
                self.next_doc += 1;
            }
        }
        job
    }
}

/// The counting of a document, or of a piece of a streamed one (an index into the
/// chunk's streamed documents).
enum Job {
    Doc(Parsed, u64),
    Piece(PieceText, usize),
}

/// A counted job.
enum Counted {
    Doc(DocumentRow, u64),
    Piece(usize, DocStats),
}

/// A unit after the reading step.
enum Read {
    /// Whole documents, each with its fingerprint (0 without dedup).
    Docs(Vec<(Result<Parsed, Problem>, u128)>),
    Piece(ReadPiece),
}

/// A whole document read and decoded, and perhaps with its article structure and the
/// normalizer of its script found already: what comes before counting it.
struct Parsed {
    doc: Document,
    found: Option<(Article, Normalizer)>,
}

impl Parsed {
    /// `doc`, with its structure and normalizer found now when `find`.
    fn new(doc: Document, config: &Config, find: bool) -> Parsed {
        let found = find.then(|| structure(&doc.text, config));
        Parsed { doc, found }
    }
}

/// A document's article structure and the normalizer of its script.
fn structure(text: &str, config: &Config) -> (Article, Normalizer) {
    (Article::parse(text), config.normalizer(text))
}

/// A unit read and decoded: its documents (with their structure found when `find`), or
/// its piece of a large document.
fn read_unit(unit: Unit, config: &Config, find: bool) -> Read {
    match unit {
        Unit::Piece(p) if !p.is_whole() => Read::Piece(read_piece(p, config, find)),
        unit => Read::Docs(
            unit.read(&config.read)
                .into_iter()
                .map(|r| {
                    let fp = match &r {
                        Ok(d) if config.dedup => fingerprint(&d.text),
                        _ => 0,
                    };
                    (r.map(|d| Parsed::new(d, config, find)), fp)
                })
                .collect(),
        ),
    }
}

/// With at most this many worker threads, the cutting thread also decodes each chunk
/// (validates or converts its text, parses JSONL and CSV records, takes fingerprints)
/// while the workers are busy with the chunk before, unit by unit, until one of them
/// waits for it: then it hands over the chunk as it is, and the workers decode the rest
/// in parallel. With more workers, they decode every chunk.
///
/// The cutting thread mostly waits for the workers to take the next chunk, and decoding
/// was serial work on theirs: on one worker it took 4% of the big file's time and 9% of
/// the JSONL file's. Alternating runs, 3 December (medians of 7 to 11): one worker, big
/// file 0.716 -> 0.686 s, folder 0.798 -> 0.782 s, JSONL 0.902 -> 0.822 s; two
/// workers, folder 0.669 -> 0.634 s, JSONL 0.570 -> 0.550 s, big file 0.452 and 0.462 s
/// (no change beyond noise). Handing over at once when a worker waits, rather than
/// after decoding the whole chunk, matters where reading is the slow part: on the folder
/// and the JSONL file given together with deduplication on (most documents duplicates,
/// whose counting is skipped), against decoding whole chunks always, one worker 1.109 ->
/// 0.600 s and two 0.892 -> 0.651 s (0.865 and 0.693 s before any of it). One thread
/// decodes at a few hundred MB/s (JSONL) to a few GB/s (UTF-8 text): for many workers it
/// would not keep up.
const DECODE_AHEAD_THREADS: usize = 2;

/// With at most this many workers, the cutting thread also finds each whole document's
/// article structure and script, and the lines of each piece of a large file (see
/// [`read_piece`]). Alternating runs, 3 December (medians of 7 to 9): one
/// worker, folder 0.809 -> 0.712 s, JSONL 0.812 -> 0.763 s; but two workers, folder 0.684
/// -> 0.742 s and JSONL 0.586 -> 0.611 s, for which the cutting thread, which also opens
/// and reads every file, then falls behind.
const STRUCTURE_AHEAD_THREADS: usize = 1;

/// A chunk as the cutting thread hands it over: what its first units read, when it
/// decoded them itself, and the rest of its units, in input order.
struct Cut {
    read: Vec<Read>,
    rest: std::vec::IntoIter<Unit>,
}

/// Hands `cut` over through `tx`, decoding its units here one by one (with their
/// structure when `find`) while the workers are busy with the chunk before. As soon as
/// one waits, it takes the chunk as it is and the workers decode the rest in parallel:
/// when reading is what holds the run back (a corpus of duplicates, a slow disk), the
/// cutting thread never keeps them waiting for its decoding. False when the workers
/// are gone.
fn hand_over_decoding(tx: &SyncSender<Cut>, mut cut: Cut, config: &Config, find: bool) -> bool {
    loop {
        match tx.try_send(cut) {
            Ok(()) => return true,
            Err(TrySendError::Disconnected(_)) => return false,
            Err(TrySendError::Full(c)) => cut = c,
        }
        match cut.rest.next() {
            Some(unit) => cut.read.push(read_unit(unit, config, find)),
            None => return tx.send(cut).is_ok(),
        }
    }
}

fn run_here(
    mut units: Units<'_>,
    config: &Config,
    progress: &(dyn Fn(u64) + Sync),
    sink: &mut (dyn Sink + Send),
) -> Outcome {
    let threads = rayon::current_num_threads();
    // One table per worker thread, and one for a caller outside the pool. The ML
    // table rides along only when config.ml asks for outputs.
    let vocab = Arc::default();
    let tables = new_tables(threads, config, &vocab);
    let mut state = State {
        vocab,
        outcome: Outcome::default(),
        sink,
        seen: HashMap::new(),
        ml_paths: (config.ml.keywords > 0).then(Vec::new),
        next_doc: 0,
        open: None,
    };
    std::thread::scope(|scope| {
        // Cutting units (reading and decompressing JSONL and CSV files, reading large
        // text files in pieces and small ones whole) goes on in a thread of its own, one
        // chunk ahead of the counting: the worker threads count, and decode unless the
        // cutting thread does (see DECODE_AHEAD_THREADS). A channel
        // with no room: the next chunk waits in the cutter's hands, and no third one is
        // read meanwhile (8 MB less held, and the cutter is faster than the counting).
        let (tx, rx) = std::sync::mpsc::sync_channel::<Cut>(0);
        let decode_here = threads <= DECODE_AHEAD_THREADS;
        let find_here = threads <= STRUCTURE_AHEAD_THREADS;
        let cutter = scope.spawn(move || {
            let mut shift = FIRST_CHUNK_SHIFT;
            let mut readers = Readers::default();
            loop {
                let mut chunk: Vec<Unit> = Vec::new();
                let mut bytes = 0;
                for unit in units.by_ref() {
                    bytes += unit.size();
                    chunk.push(unit);
                    // At least a unit a worker: the first chunk of a large file is
                    // one piece at the smallest size, which one worker would count
                    // while the others wait.
                    let full = bytes >= CHUNK_BYTES >> shift || chunk.len() >= CHUNK_UNITS >> shift;
                    if full && chunk.len() >= threads {
                        break;
                    }
                }
                let chunk = readers.load(chunk, &config.read, Fast::Load);
                shift = shift.saturating_sub(1);
                if chunk.is_empty() {
                    break;
                }
                let cut = Cut { read: Vec::new(), rest: chunk.into_iter() };
                let sent =
                    if decode_here { hand_over_decoding(&tx, cut, config, find_here) } else { tx.send(cut).is_ok() };
                if !sent {
                    break;
                }
            }
            units.sources_tried()
        });
        for chunk in rx {
            count_chunk(chunk, &tables, config, progress, &mut state);
        }
        // A panic in the cutting thread is a bug; it is passed on.
        state.outcome.inputs = cutter.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
    });
    let mut outcome = state.outcome;
    let (tables, ml): (Vec<Table>, Vec<Option<MlTable>>) = tables
        .into_iter()
        .map(|t| {
            let t = t.into_inner().unwrap_or_else(|e| e.into_inner());
            (t.count, t.ml)
        })
        .unzip();
    let paths = state.ml_paths.unwrap_or_default();
    outcome.ml = ml
        .into_iter()
        .flatten()
        .reduce(|mut a, b| {
            a.merge(b);
            a
        })
        .map(|t| t.finish(&config.ml, paths));
    // The tables share the vocabulary: merging adds up their statistics.
    outcome.table = tables
        .into_iter()
        .reduce(|mut a, b| {
            a.merge(b);
            a
        })
        .unwrap_or_default();
    outcome
}

/// One set of tables per worker thread of the current pool, and one for a caller
/// outside it, sharing `vocab`.
pub(crate) fn new_tables(threads: usize, config: &Config, vocab: &Arc<Vocab>) -> Vec<Mutex<Tables>> {
    let table = Table { vocab: Arc::clone(vocab), ..Table::default() };
    (0..=threads)
        .map(|_| Mutex::new(Tables { count: table.sibling(), ml: config.ml.is_on().then(MlTable::default) }))
        .collect()
}

/// Reads, deduplicates and counts one chunk of units; see the module docs.
fn count_chunk(
    chunk: Cut,
    tables: &[Mutex<Tables>],
    config: &Config,
    progress: &(dyn Fn(u64) + Sync),
    state: &mut State<'_>,
) {
    let Cut { mut read, rest } = chunk;
    let rest: Vec<Unit> = rest.collect();
    read.extend(rest.into_par_iter().map(|unit| read_unit(unit, config, false)).collect::<Vec<_>>());
    // The streamed documents of this chunk: the one still open from the last chunk,
    // if any, and those starting here.
    let mut streams: Vec<Streamed> = state.open.take().into_iter().collect();
    let mut jobs: Vec<Job> = Vec::new();
    for r in read {
        match r {
            Read::Piece(piece) => jobs.extend(state.take_piece(piece, &mut streams, config)),
            Read::Docs(docs) => {
                for (r, fp) in docs {
                    match r {
                        Err(p) => state.skip(p),
                        Ok(doc) => {
                            if config.dedup {
                                if let Some(first) = state.first_with(fp, &doc.doc.id) {
                                    state.duplicate(doc.doc.id, first);
                                    continue;
                                }
                            }
                            jobs.push(Job::Doc(doc, state.next_doc));
                            state.next_doc += 1;
                        }
                    }
                }
            }
        }
    }
    // The job after which each streamed document is complete, to emit its row there.
    let mut ends: Vec<Option<usize>> = vec![None; streams.len()];
    for (k, job) in jobs.iter().enumerate() {
        if let Job::Piece(_, i) = job {
            ends[*i] = streams[*i].complete.then_some(k);
        }
    }
    // A job is a piece of a large document, or a run of whole documents of at least
    // GROUP_BYTES: coarse enough that each is worth stealing alone, and a corpus of
    // short records (a review is 200 bytes) is not a job a record. Without
    // `with_max_len`, rayon hands out runs of jobs, and a thread left with a run of
    // pieces at the end of a chunk counts them while the others wait.
    let count = |job: Job| match job {
        Job::Doc(doc, n) => {
            let (row, bytes) = count_one(tables, config, n, doc);
            progress(bytes);
            Counted::Doc(row, bytes)
        }
        Job::Piece(piece, i) => {
            let s = &streams[i];
            // A document found blank, unreadable or a duplicate in this chunk
            // is dropped: no need to count the rest of it.
            let stats = if s.dropped { DocStats::default() } else { s.count(config, &piece) };
            progress(piece.text.len() as u64);
            Counted::Piece(i, stats)
        }
    };
    let counted: Vec<Vec<Counted>> =
        groups(jobs).into_par_iter().with_max_len(1).map(|group| group.into_iter().map(count).collect()).collect();
    let counted = counted.into_iter().flatten();
    let mut streams: Vec<Option<Streamed>> = streams.into_iter().map(Some).collect();
    for (k, c) in counted.enumerate() {
        match c {
            Counted::Doc(row, bytes) => state.emit(row, bytes),
            Counted::Piece(i, stats) => {
                let Some(s) = &mut streams[i] else { continue };
                s.add(stats);
                if ends[i] == Some(k) && !s.dropped {
                    let s = streams[i].take().expect("checked just above");
                    let bytes = s.bytes;
                    state.emit(s.finish(tables), bytes);
                }
            }
        }
    }
    // Only the last one can be incomplete: pieces of one source come together.
    state.open = streams.into_iter().flatten().find(|s| !s.complete);
    // What the tables learned in this chunk goes into the vocabulary they share. On
    // one thread there is nothing to share.
    if rayon::current_num_threads() > 1 {
        let mut locked: Vec<_> =
            tables.iter().chain(state.open.iter().flat_map(|s| s.side_tables())).map(lock).collect();
        let mut counts: Vec<&mut Table> = locked.iter_mut().map(|t| &mut t.count).collect();
        state.vocab = share(std::mem::take(&mut state.vocab), &mut counts);
    }
}

/// Whole documents are counted in runs of at least this many bytes of text.
const GROUP_BYTES: usize = 64 << 10;

/// `jobs` in order, cut into groups: each piece alone, and runs of whole documents of
/// [`GROUP_BYTES`] or more (the last may be smaller).
fn groups(jobs: Vec<Job>) -> Vec<Vec<Job>> {
    let mut groups: Vec<Vec<Job>> = Vec::new();
    let mut open: Vec<Job> = Vec::new();
    let mut bytes = 0;
    for job in jobs {
        match job {
            Job::Piece(..) => {
                if !open.is_empty() {
                    groups.push(std::mem::take(&mut open));
                    bytes = 0;
                }
                groups.push(vec![job]);
            }
            Job::Doc(ref d, _) => {
                bytes += d.doc.text.len();
                open.push(job);
                if bytes >= GROUP_BYTES {
                    groups.push(std::mem::take(&mut open));
                    bytes = 0;
                }
            }
        }
    }
    if !open.is_empty() {
        groups.push(open);
    }
    groups
}

/// The tables behind `m`, also after a panic elsewhere.
pub(crate) fn lock(m: &Mutex<Tables>) -> std::sync::MutexGuard<'_, Tables> {
    m.lock().unwrap_or_else(|e| e.into_inner())
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
        return count_parts(table, config, norm, doc, parts.iter().copied());
    }
    let pieces = pieces(parts, piece_bytes);
    let sibling = table.sibling();
    // fold, not map: a table per split of the work (a few per thread), not per piece, so
    // that merging costs a few vocabularies rather than one per megabyte.
    let (doc_table, mut stats) = pieces
        .par_iter()
        .fold(
            || (sibling.sibling(), DocStats::default()),
            |(mut t, mut stats), piece| {
                stats.add(count_parts(&mut t, config, norm, doc, piece.iter().copied()));
                (t, stats)
            },
        )
        .reduce(
            || (sibling.sibling(), DocStats::default()),
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

/// `parts` cut into consecutive pieces of about `piece_bytes` each, at part boundaries.
pub(crate) fn pieces<'p>(parts: &'p [&'p str], piece_bytes: usize) -> Vec<&'p [&'p str]> {
    let mut pieces = Vec::new();
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
    pieces
}

/// One worker thread's tables. Aligned to two cache lines, so that the tables of two
/// threads, which lie side by side in a `Vec<Mutex<Tables>>`, share no cache line that
/// one of them writes (its lock, its arrays' lengths): the counting loop reads the
/// table's fields on every batch.
#[repr(align(128))]
pub(crate) struct Tables {
    pub(crate) count: Table,
    pub(crate) ml: Option<MlTable>,
}

/// The index of the current thread's tables among `n` (one per worker, and the last
/// for a caller outside the pool).
pub(crate) fn slot(n: usize) -> usize {
    rayon::current_thread_index().unwrap_or(n - 1).min(n - 1)
}

/// Counts one document into the tables of the current thread.
fn count_one(tables: &[Mutex<Tables>], config: &Config, doc: u64, parsed: Parsed) -> (DocumentRow, u64) {
    let Parsed { doc: d, found } = parsed;
    let text = &d.text;
    let (article, norm) = found.unwrap_or_else(|| structure(text, config));
    let parts: Vec<&str> = article.body.iter().map(|r| &text[r.clone()]).collect();
    let slot = slot(tables.len());
    let lock = || lock(&tables[slot]);
    let size: usize = parts.iter().map(|p| p.len()).sum();
    let stats = if size >= SPLIT_BYTES {
        // Counted in parallel pieces: while this thread waits for them it may pick up
        // another document, which locks this thread's table, so the lock must not be
        // held here. Count into a table of its own and merge.
        let mut own = lock().count.sibling();
        let stats = count_document(&mut own, config, &norm, doc, &parts);
        let mut t = lock();
        t.count.merge(own);
        // ML hook: one more pass over the document, only when asked for.
        if let Some(ml) = &mut t.ml {
            ml.add_document(config, &norm, doc, &parts);
        }
        stats
    } else {
        let mut t = lock();
        let stats = count_document(&mut t.count, config, &norm, doc, &parts);
        if let Some(ml) = &mut t.ml {
            ml.add_document(config, &norm, doc, &parts);
        }
        stats
    };
    let row = DocumentRow {
        title: d.title.clone().or_else(|| article.title(text).map(str::to_string)),
        views: article.views,
        author: article.author(text).map(str::to_string),
        path: d.id,
        script: norm.profile().script.name(),
        stats,
        encoding: d.encoding,
    };
    (row, text.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::count_text;

    #[test]
    fn jobs_are_grouped_in_order() {
        let doc = |n: u64, len: usize| {
            let d = Document { id: n.to_string(), text: "а".repeat(len / 2), title: None, encoding: Encoding::Utf8 };
            Job::Doc(Parsed::new(d, &Config::default(), false), n)
        };
        let big = GROUP_BYTES / 2 + 1;
        let jobs = vec![
            doc(0, 10),
            Job::Piece(PieceText::new("бір".into()), 0),
            doc(1, big),
            doc(2, big),
            doc(3, 10),
            doc(4, 10),
        ];
        let shape: Vec<Vec<String>> = groups(jobs)
            .iter()
            .map(|g| {
                g.iter()
                    .map(|j| match j {
                        Job::Doc(_, n) => format!("doc {n}"),
                        Job::Piece(t, _) => format!("piece {}", t.text),
                    })
                    .collect()
            })
            .collect();
        // A piece stands alone and ends the run before it; a run ends once it holds
        // GROUP_BYTES.
        assert_eq!(shape, [vec!["doc 0"], vec!["piece бір"], vec!["doc 1", "doc 2"], vec!["doc 3", "doc 4"]]);
    }

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
