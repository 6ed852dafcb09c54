//! `clean`: a corpus as cleaned text for machine-learning tools, in input order.
//!
//! Three formats: plain text with one document (or sentence) a line of tokens
//! separated by single spaces, the input of word2vec, fastText and gensim's
//! `LineSentence`; JSON Lines with the tokens and their stems; and CoNLL-U, with
//! every token of every sentence, from which the original text can be rebuilt.
//!
//! Documents are read and rendered in parallel, a batch at a time, and each batch is
//! written in input order while the next one is rendered: memory stays bounded by the
//! batch, and the output is the same whatever the thread count. Each worker thread
//! keeps its own scratch buffers and its own cache from word to stem across batches,
//! so a distinct word is stemmed once per thread.

use std::io::{self, Write};
use std::sync::Mutex;
use std::time::Instant;

use hashbrown::HashMap;
use rayon::prelude::*;
use serde::Serialize;
use sozdik_corpus::{fingerprint, Article, Document, ReadOptions, Source, Unit, Units};
use sozdik_script::Normalizer;
use sozdik_stopwords::StopWords;
use sozdik_tokenize::{sentences, tokens, Token, TokenKind};

use crate::key::word_key;
use crate::readers::{Fast, Readers};
use crate::run::Skipped;

/// The output format of [`clean`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CleanFormat {
    /// One document (or sentence) a line, tokens separated by single spaces.
    #[default]
    Text,
    /// One JSON object a line: `id`, `title`, `tokens`, `stems`.
    Jsonl,
    /// CoNLL-U: every token of every sentence, FORM as written, LEMMA the stem.
    Conllu,
}

/// What one line (or JSON object) of the text and JSONL formats holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Per {
    /// One document.
    #[default]
    Document,
    /// One sentence.
    Sentence,
}

/// What [`clean`] writes and how.
#[derive(Debug, Clone)]
pub struct CleanConfig {
    /// The output format.
    pub format: CleanFormat,
    /// A line per document or per sentence (text and JSONL).
    pub per: Per,
    /// Keep punctuation, symbols and emoji.
    pub keep_punct: bool,
    /// Keep numbers.
    pub keep_numbers: bool,
    /// Keep URLs, emails and @mentions.
    pub keep_urls: bool,
    /// Keep stop words.
    pub keep_stopwords: bool,
    /// Write stems instead of words (text format).
    pub stem: bool,
    /// The stop words.
    pub stopwords: StopWords,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// How inputs are read (formats, encodings, fields, limits, HTML).
    pub read: ReadOptions,
    /// Leave out exact duplicate documents (the first in input order is kept).
    pub dedup: bool,
}

impl Default for CleanConfig {
    fn default() -> CleanConfig {
        CleanConfig {
            format: CleanFormat::Text,
            per: Per::Document,
            keep_punct: false,
            keep_numbers: false,
            keep_urls: false,
            keep_stopwords: false,
            stem: false,
            stopwords: StopWords::builtin(),
            threads: 0,
            read: ReadOptions::default(),
            dedup: false,
        }
    }
}

/// What a [`clean`] run did.
#[derive(Debug, Clone, Default)]
pub struct CleanOutcome {
    /// Sources tried.
    pub inputs: usize,
    /// Documents written.
    pub documents: usize,
    /// Lines (text, JSONL) or sentences (CoNLL-U) written.
    pub records: u64,
    /// Sources and records that could not be read, in input order.
    pub skipped: Vec<Skipped>,
    /// Exact duplicate documents left out (with `dedup`).
    pub duplicates: usize,
    /// Bytes of text read.
    pub bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// Units (files, batches of records) rendered in parallel before a batch is written.
const BATCH: usize = 256;
/// …or units holding this many bytes.
const BATCH_BYTES: u64 = 16 << 20;

enum Rendered {
    Doc { out: Vec<u8>, records: u64, bytes: u64, fingerprint: u128 },
    Skipped(Skipped),
}

struct Scratch {
    /// The normalizer of the document being rendered.
    norm: Normalizer,
    key: String,
    stems: HashMap<String, Box<str>>,
    toks: Vec<Token>,
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch {
            norm: Normalizer::new(crate::key::OPTIONS),
            key: String::new(),
            stems: HashMap::new(),
            toks: Vec::new(),
        }
    }
}

/// Cleans every source and writes the result to `out` in input order. `progress` is
/// called with the byte size of each source once it is rendered (from worker threads).
/// Only an error writing `out` stops the run; unreadable sources are skipped and listed.
pub fn clean<W: Write + Send>(
    sources: &[Source],
    config: &CleanConfig,
    out: &mut W,
    progress: &(dyn Fn(u64) + Sync),
) -> io::Result<CleanOutcome> {
    let started = Instant::now();
    let mut outcome = CleanOutcome { inputs: sources.len(), ..CleanOutcome::default() };
    let mut work = || -> io::Result<()> {
        let scratches: Vec<Mutex<Scratch>> = (0..rayon::current_num_threads()).map(|_| Mutex::default()).collect();
        let render_batch = |batch: Vec<Unit>| -> Vec<Rendered> {
            let rendered: Vec<Vec<Rendered>> = batch
                .into_par_iter()
                .map(|unit| {
                    let docs = unit.read(&config.read);
                    docs.into_iter()
                        .map(|doc| {
                            let r = match doc {
                                Ok(doc) => render(&doc, config, &scratches),
                                Err(p) => Rendered::Skipped(Skipped { reason: p.reason(), path: p.id }),
                            };
                            if let Rendered::Doc { bytes, .. } = &r {
                                progress(*bytes);
                            }
                            r
                        })
                        .collect()
                })
                .collect();
            rendered.into_iter().flatten().collect()
        };
        let mut units = Units::new(sources, &config.read);
        let mut readers = Readers::default();
        let mut next_batch = || {
            let mut batch = Vec::new();
            let mut bytes = 0;
            for unit in units.by_ref() {
                bytes += unit.size();
                batch.push(unit);
                if batch.len() >= BATCH || bytes >= BATCH_BYTES {
                    break;
                }
            }
            // Files from the page cache are read by the workers as they render them;
            // files from a disk by the reading threads first.
            readers.load(batch, &config.read, Fast::Leave)
        };
        let mut seen = std::collections::HashSet::new();
        let mut previous: Vec<Rendered> = Vec::new();
        let mut batch = next_batch();
        while !batch.is_empty() {
            // Write the previous batch and take the next one while this one is rendered.
            let done = std::mem::take(&mut previous);
            let ((written, next), rendered) = rayon::join(
                || (write_batch(out, done, &mut outcome, config.dedup.then_some(&mut seen)), next_batch()),
                || render_batch(batch),
            );
            written?;
            previous = rendered;
            batch = next;
        }
        write_batch(out, previous, &mut outcome, config.dedup.then_some(&mut seen))?;
        out.flush()
    };
    match rayon::ThreadPoolBuilder::new().num_threads(config.threads).build() {
        Ok(pool) => pool.install(work)?,
        // Without a pool of our own, fall back to the global one rather than fail.
        Err(_) => work()?,
    }
    outcome.seconds = started.elapsed().as_secs_f64();
    Ok(outcome)
}

fn write_batch(
    out: &mut impl Write,
    batch: Vec<Rendered>,
    outcome: &mut CleanOutcome,
    mut seen: Option<&mut std::collections::HashSet<u128>>,
) -> io::Result<()> {
    for r in batch {
        match r {
            Rendered::Doc { out: bytes, records, bytes: read, fingerprint } => {
                if let Some(seen) = seen.as_deref_mut() {
                    if !seen.insert(fingerprint) {
                        outcome.duplicates += 1;
                        continue;
                    }
                }
                out.write_all(&bytes)?;
                outcome.documents += 1;
                outcome.records += records;
                outcome.bytes += read;
            }
            Rendered::Skipped(s) => outcome.skipped.push(s),
        }
    }
    Ok(())
}

/// Documents larger than this are rendered in pieces on several threads (text format).
const SPLIT_BYTES: usize = 4 << 20;
/// The size of one piece of a split document.
const PIECE_BYTES: usize = 1 << 20;

/// Renders one document, with the calling thread's scratch from `scratches` (one per
/// thread of the pool).
fn render(doc: &Document, config: &CleanConfig, scratches: &[Mutex<Scratch>]) -> Rendered {
    let text = &doc.text;
    let fingerprint = if config.dedup { fingerprint(text) } else { 0 };
    let article = Article::parse(text);
    let parts: Vec<&str> = article.body.iter().map(|r| &text[r.clone()]).collect();
    let size: usize = parts.iter().map(|p| p.len()).sum();
    if config.format == CleanFormat::Text && size >= SPLIT_BYTES && rayon::current_num_threads() > 1 {
        let norm = Normalizer::for_document(crate::key::OPTIONS, text);
        let (out, records) = render_text_in_pieces(&parts, config, norm, PIECE_BYTES);
        return Rendered::Doc { out, records, bytes: text.len() as u64, fingerprint };
    }
    let mut out = Vec::with_capacity(text.len() / 2 + 64);
    let i = rayon::current_thread_index().unwrap_or(0) % scratches.len();
    // Each thread only ever locks its own scratch, and runs no parallel work while it
    // holds it: never contended, never a deadlock.
    let scratch = &mut *scratches[i].lock().unwrap_or_else(|e| e.into_inner());
    scratch.norm = Normalizer::for_document(crate::key::OPTIONS, text);
    let records = match config.format {
        CleanFormat::Text => render_text(&parts, config, scratch, &mut out),
        CleanFormat::Jsonl => {
            let title = doc.title.as_deref().or_else(|| article.title(text));
            render_jsonl(&parts, &doc.id, title, config, scratch, &mut out)
        }
        CleanFormat::Conllu => render_conllu(&parts, &doc.id, scratch, &mut out),
    };
    Rendered::Doc { out, records, bytes: text.len() as u64, fingerprint }
}

/// The text format of a large document: its parts cut into pieces of about
/// `piece_bytes` at part boundaries, rendered in parallel (each with a scratch of its
/// own) and joined in order, giving the same bytes as [`render_text`].
fn render_text_in_pieces(parts: &[&str], config: &CleanConfig, norm: Normalizer, piece_bytes: usize) -> (Vec<u8>, u64) {
    let pieces = crate::run::pieces(parts, piece_bytes);
    let rendered: Vec<(Vec<u8>, u64)> = pieces
        .par_iter()
        .map(|piece| {
            let mut out = Vec::new();
            let records = render_text(piece, config, &mut Scratch { norm, ..Scratch::default() }, &mut out);
            (out, records)
        })
        .collect();
    let mut out = Vec::with_capacity(rendered.iter().map(|r| r.0.len()).sum());
    match config.per {
        Per::Document => {
            // Each piece is one line: join the non-empty ones with a space.
            for (piece, _) in &rendered {
                let line = piece.strip_suffix(b"\n").unwrap_or(piece);
                if !line.is_empty() {
                    if !out.is_empty() {
                        out.push(b' ');
                    }
                    out.extend_from_slice(line);
                }
            }
            out.push(b'\n');
            (out, 1)
        }
        Per::Sentence => {
            let mut records = 0;
            for (piece, n) in rendered {
                out.extend_from_slice(&piece);
                records += n;
            }
            (out, records)
        }
    }
}

/// Calls `f(token, stem)` for every token of `toks` that the options keep: words
/// (normalized, lowercase) that are not stop words, and numbers, URLs and
/// punctuation when asked for. The stem is computed only when `need_stem`; otherwise
/// it is the token itself. Only words are stemmed.
fn each_kept(
    part: &str,
    toks: impl Iterator<Item = Token>,
    config: &CleanConfig,
    need_stem: bool,
    scratch: &mut Scratch,
    mut f: impl FnMut(&str, &str),
) {
    let Scratch { key, stems, norm, .. } = scratch;
    for t in toks {
        let s = &part[t.span];
        match t.kind {
            TokenKind::Space => {}
            TokenKind::Word => {
                let w = word_key(s, norm, key);
                if !config.keep_stopwords && config.stopwords.contains(w) {
                    continue;
                }
                if need_stem {
                    let stem = match stems.get(w) {
                        Some(stem) => stem,
                        None => stems.entry(w.to_string()).or_insert_with(|| sozdik_stem::stem(w).into()),
                    };
                    f(w, stem);
                } else {
                    f(w, w);
                }
            }
            TokenKind::Abbrev | TokenKind::Hashtag => {
                let w = word_key(s, norm, key);
                if config.keep_stopwords || !config.stopwords.contains(w) {
                    f(w, w);
                }
            }
            TokenKind::Number => {
                if config.keep_numbers {
                    let w = word_key(s, norm, key);
                    if w.contains(char::is_whitespace) {
                        // Thousands separated by (no-break) spaces: 1 000 000 → 1000000.
                        let digits: String = w.chars().filter(|c| !c.is_whitespace()).collect();
                        f(&digits, &digits);
                    } else {
                        f(w, w);
                    }
                }
            }
            TokenKind::Url | TokenKind::Email | TokenKind::Mention => {
                if config.keep_urls {
                    f(s, s);
                }
            }
            // Punctuation, symbols, emoji, and any kind the tokenizer adds later.
            _ => {
                if config.keep_punct {
                    f(s, s);
                }
            }
        }
    }
}

/// Appends `token` to a line of space-separated tokens; white space inside a token
/// (the tokenizer makes none today) becomes `_` so that the line still splits right.
fn push_token(line: &mut Vec<u8>, token: &str) {
    if !line.is_empty() {
        line.push(b' ');
    }
    if token.contains(char::is_whitespace) {
        let t: String = token.chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect();
        line.extend_from_slice(t.as_bytes());
    } else {
        line.extend_from_slice(token.as_bytes());
    }
}

/// Tokenizes `part` into `scratch.toks` and calls `f(scratch, range)` for each
/// sentence, `range` being the sentence's tokens in `scratch.toks`.
fn each_sentence(part: &str, scratch: &mut Scratch, mut f: impl FnMut(&mut Scratch, std::ops::Range<usize>)) {
    let mut toks = std::mem::take(&mut scratch.toks);
    toks.clear();
    toks.extend(tokens(part));
    let mut i = 0;
    for span in sentences(part) {
        while i < toks.len() && toks[i].span.start < span.start {
            i += 1;
        }
        let start = i;
        while i < toks.len() && toks[i].span.end <= span.end {
            i += 1;
        }
        scratch.toks = toks;
        f(scratch, start..i);
        toks = std::mem::take(&mut scratch.toks);
    }
    scratch.toks = toks;
}

fn render_text(parts: &[&str], config: &CleanConfig, scratch: &mut Scratch, out: &mut Vec<u8>) -> u64 {
    let need_stem = config.stem;
    match config.per {
        Per::Document => {
            // `out` holds only this document, so an empty `out` means "first token".
            for part in parts {
                each_kept(part, tokens(part), config, need_stem, scratch, |w, stem| {
                    push_token(out, if need_stem { stem } else { w });
                });
            }
            out.push(b'\n');
            1
        }
        Per::Sentence => {
            let mut lines = 0;
            let mut line = Vec::new();
            for part in parts {
                each_sentence(part, scratch, |scratch, range| {
                    let toks = std::mem::take(&mut scratch.toks);
                    line.clear();
                    each_kept(part, toks[range].iter().copied(), config, need_stem, scratch, |w, stem| {
                        push_token(&mut line, if need_stem { stem } else { w });
                    });
                    scratch.toks = toks;
                    if !line.is_empty() {
                        out.extend_from_slice(&line);
                        out.push(b'\n');
                        lines += 1;
                    }
                });
            }
            lines
        }
    }
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentence: Option<u64>,
    title: Option<&'a str>,
    tokens: &'a [String],
    stems: &'a [String],
}

fn render_jsonl(
    parts: &[&str],
    id: &str,
    title: Option<&str>,
    config: &CleanConfig,
    scratch: &mut Scratch,
    out: &mut Vec<u8>,
) -> u64 {
    let write = |out: &mut Vec<u8>, sentence, words: &[String], stems: &[String]| {
        let doc = JsonDoc { id, sentence, title, tokens: words, stems };
        // Serializing strings and numbers into memory cannot fail.
        serde_json::to_writer(&mut *out, &doc).expect("JSON of strings");
        out.push(b'\n');
    };
    match config.per {
        Per::Document => {
            let (mut words, mut stems) = (Vec::new(), Vec::new());
            for part in parts {
                each_kept(part, tokens(part), config, true, scratch, |w, s| {
                    words.push(w.to_string());
                    stems.push(s.to_string());
                });
            }
            write(out, None, &words, &stems);
            1
        }
        Per::Sentence => {
            let mut n = 0;
            let mut written = 0;
            for part in parts {
                each_sentence(part, scratch, |scratch, range| {
                    n += 1;
                    let toks = std::mem::take(&mut scratch.toks);
                    let (mut words, mut stems) = (Vec::new(), Vec::new());
                    each_kept(part, toks[range].iter().copied(), config, true, scratch, |w, s| {
                        words.push(w.to_string());
                        stems.push(s.to_string());
                    });
                    scratch.toks = toks;
                    if !words.is_empty() {
                        write(out, Some(n), &words, &stems);
                        written += 1;
                    }
                });
            }
            written
        }
    }
}

/// An id safe for a CoNLL-U comment: no white space (and, for `sent_id`, no `/`).
fn conllu_id(id: &str, slash: bool) -> String {
    id.chars().map(|c| if c.is_whitespace() || c.is_control() || (c == '/' && !slash) { '_' } else { c }).collect()
}

/// The MISC value for the white space `ws` after a token: `_` for one space,
/// `SpaceAfter=No` for none, else `SpacesAfter=` with `\s`, `\t`, `\r`, `\n`, `\p` (`|`),
/// `\\` and `\uXXXX` for any other white space (e.g. `\u00A0`, a no-break space).
fn space_after(ws: Option<&str>, misc: &mut String) {
    misc.clear();
    match ws {
        None => misc.push_str("SpaceAfter=No"),
        Some(" ") => misc.push('_'),
        Some(ws) => {
            misc.push_str("SpacesAfter=");
            for c in ws.chars() {
                match c {
                    ' ' => misc.push_str("\\s"),
                    '\t' => misc.push_str("\\t"),
                    '\r' => misc.push_str("\\r"),
                    '\n' => misc.push_str("\\n"),
                    '|' => misc.push_str("\\p"),
                    '\\' => misc.push_str("\\\\"),
                    c => misc.push_str(&format!("\\u{:04X}", c as u32)),
                }
            }
        }
    }
}

/// `s` in Unicode NFC, as CoNLL-U requires; borrowed when it already is.
fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.into();
    }
    let n: String = s.nfc().collect();
    if n == s {
        s.into()
    } else {
        n.into()
    }
}

/// A CoNLL-U cell: never empty, no tab or line break.
fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_empty() {
        "_".into()
    } else if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}

fn render_conllu(parts: &[&str], id: &str, scratch: &mut Scratch, out: &mut Vec<u8>) -> u64 {
    let doc_id = conllu_id(id, true);
    // Standard input (`-`) would give sent_ids like `--1`.
    let sent_prefix = if id == "-" { "stdin".to_string() } else { conllu_id(id, false) };
    let mut n = 0u64;
    let mut misc = String::new();
    for part in parts {
        let mut new_par = true;
        each_sentence(part, scratch, |scratch, range| {
            let Scratch { key, stems, toks, norm } = scratch;
            if !toks[range.clone()].iter().any(|t| t.kind != TokenKind::Space) {
                return;
            }
            n += 1;
            if n == 1 {
                let _ = writeln!(out, "# newdoc id = {doc_id}");
            }
            if std::mem::take(&mut new_par) {
                out.extend_from_slice(b"# newpar\n");
            }
            // The token lines are written after `# text`, which is built from their FORMs.
            let (mut text, mut lines) = (String::new(), Vec::new());
            let mut word = 0;
            for j in range.clone() {
                let t = toks[j];
                if t.kind == TokenKind::Space {
                    continue;
                }
                word += 1;
                let form = nfc(&part[t.span]);
                let form = &*form;
                let lemma: &str = match t.kind {
                    TokenKind::Word => {
                        let w = word_key(form, norm, key);
                        match stems.get(w) {
                            Some(s) => s,
                            None => stems.entry(w.to_string()).or_insert_with(|| sozdik_stem::stem(w).into()),
                        }
                    }
                    TokenKind::Number | TokenKind::Abbrev | TokenKind::Hashtag => word_key(form, norm, key),
                    _ => form,
                };
                // The white space after the token, up to the next token of the line.
                let ws = match toks.get(j + 1) {
                    Some(next) if next.kind == TokenKind::Space => Some(&part[next.span]),
                    Some(_) => None,
                    None => Some(" "),
                };
                space_after(ws, &mut misc);
                let _ = writeln!(lines, "{word}\t{}\t{}\t_\t_\t_\t_\t_\t_\t{misc}", cell(form), cell(lemma));
                text.push_str(form);
                if j + 1 < range.end {
                    text.push_str(ws.unwrap_or(""));
                }
            }
            let _ = writeln!(out, "# sent_id = {sent_prefix}-{n}");
            let _ = writeln!(out, "# text = {text}");
            out.extend_from_slice(&lines);
            out.push(b'\n');
        });
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(text: &str, config: &CleanConfig) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, text).unwrap();
        let sources = [Source { id: "a.txt".into(), path: Some(path), format: Default::default(), size: 0 }];
        let mut out = Vec::new();
        let o = clean(&sources, config, &mut out, &|_| {}).unwrap();
        assert_eq!(o.documents, 1);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_drops_stopwords_punctuation_and_numbers() {
        let text = "Қазақстан мен Ресей 2022 ж. «серіктес» болды: https://egov.kz!";
        let c = CleanConfig::default();
        assert_eq!(run_on(text, &c), "қазақстан ресей ж. серіктес\n");
        let c = CleanConfig { keep_numbers: true, keep_urls: true, keep_punct: true, ..CleanConfig::default() };
        assert_eq!(run_on(text, &c), "қазақстан ресей 2022 ж. « серіктес » : https://egov.kz !\n");
        let c = CleanConfig { keep_numbers: true, ..CleanConfig::default() };
        assert_eq!(run_on("Бағасы 1\u{a0}000\u{a0}000 теңге", &c), "бағасы 1000000 теңге\n");
        let c = CleanConfig { keep_stopwords: true, stem: true, ..CleanConfig::default() };
        assert_eq!(run_on("Кітаптар мен кітабым", &c), "кітап мен кітап\n");
    }

    #[test]
    fn one_sentence_a_line() {
        let c = CleanConfig { per: Per::Sentence, ..CleanConfig::default() };
        assert_eq!(run_on("Бірінші сөйлем. Екінші сөйлем!\nҮшінші", &c), "бірінші сөйлем\nекінші сөйлем\nүшінші\n");
    }

    #[test]
    fn misc_escapes() {
        let mut m = String::new();
        space_after(Some("\u{a0}"), &mut m);
        assert_eq!(m, "SpacesAfter=\\u00A0");
        space_after(Some("  \t"), &mut m);
        assert_eq!(m, "SpacesAfter=\\s\\s\\t");
        space_after(None, &mut m);
        assert_eq!(m, "SpaceAfter=No");
    }

    #[test]
    fn a_document_in_pieces_renders_like_a_whole_one() {
        let text = read_text_sample();
        let parts: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        for per in [Per::Document, Per::Sentence] {
            for stem in [false, true] {
                let c = CleanConfig { per, stem, ..CleanConfig::default() };
                let mut whole = Vec::new();
                let n = render_text(&parts, &c, &mut Scratch::default(), &mut whole);
                let (pieces, m) =
                    pool.install(|| render_text_in_pieces(&parts, &c, Normalizer::new(crate::key::OPTIONS), 200));
                assert_eq!(String::from_utf8(pieces).unwrap(), String::from_utf8(whole).unwrap());
                assert_eq!(n, m);
            }
        }
    }

    fn read_text_sample() -> String {
        include_str!("../../../data/articles/000_2b0a0d0568318553.txt").to_string()
    }
}
