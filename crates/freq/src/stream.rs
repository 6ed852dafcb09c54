//! Documents read as a stream of pieces: a large text file cut at line ends
//! ([`sozdik_corpus::Piece`]), counted in parallel as parts of one document.
//!
//! The pieces of one document may be spread over several chunks of work and over
//! every worker thread. They are counted into tables of their own, one per thread
//! (the *side* tables), not into the run's tables: only when the last piece is
//! counted are the side tables merged as parts of one document ([`Table::merge_part`],
//! so the document counts once in each word's document frequency) and then into a
//! run table. Until then nothing of the document is in the run's counts, so a
//! document that turns out to be a duplicate (its fingerprint is put together piece
//! by piece, in order), blank, or unreadable halfway (a bad byte, a line over the
//! limit) is dropped whole by dropping its side tables, as if it had been read whole.
//!
//! The normalizer (script and legacy-encoding damage) is made from the first piece and
//! used for all. The article structure (title, views, author, repeated title, footer)
//! is not looked for: that is for news articles, and a file this large is a corpus.
//! Every non-empty line is counted, except boilerplate lines
//! ([`sozdik_corpus::Article::is_boilerplate_line`]), as in the body of a text read whole.

use std::ops::Range;
use std::sync::{Arc, Mutex};

use sozdik_corpus::{corpus_lines, Encoding, Fingerprint, Piece, Problem};
use sozdik_script::Normalizer;

use crate::count::{count_parts, DocStats, Table};
use crate::ml::MlTable;
use crate::run::{lock, new_tables, slot, Config, DocumentRow, Tables};
use crate::vocab::Vocab;

/// A piece after the parallel reading step.
pub(crate) struct ReadPiece {
    id: String,
    encoding: Encoding,
    first: bool,
    last: bool,
    text: Result<String, Problem>,
    /// Of the text, when dedup is on.
    fingerprint: Fingerprint,
    /// The text is only white space.
    blank: bool,
    /// Made from the first piece.
    norm: Option<Normalizer>,
    /// Its lines, when they were found with the rest ([`read_piece`]).
    lines: Option<Vec<Range<u32>>>,
}

/// A piece's text to count, with its lines when they were found ahead.
pub(crate) struct PieceText {
    pub(crate) text: String,
    lines: Option<Vec<Range<u32>>>,
}

impl PieceText {
    #[cfg(test)]
    pub(crate) fn new(text: String) -> PieceText {
        PieceText { text, lines: None }
    }
}

/// Reads (decodes) a piece and does the work on it that can be done in parallel; and,
/// when `find`, finds its lines too ([`corpus_lines`]), so that counting need not.
pub(crate) fn read_piece(piece: Piece, config: &Config, find: bool) -> ReadPiece {
    let (id, encoding, first, last) = (piece.id().to_string(), piece.encoding(), piece.is_first(), piece.is_last());
    let text = piece.read(&config.read);
    let (fingerprint, blank, norm, lines) = match &text {
        Ok(t) => (
            if config.dedup { Fingerprint::of(t) } else { Fingerprint::default() },
            t.trim().is_empty(),
            first.then(|| config.normalizer(t)),
            (find && u32::try_from(t.len()).is_ok()).then(|| line_ranges(t)),
        ),
        Err(_) => (Fingerprint::default(), true, None, None),
    };
    ReadPiece { id, encoding, first, last, text, fingerprint, blank, norm, lines }
}

/// The byte ranges of [`corpus_lines`] of `text`, a piece shorter than 4 GB.
fn line_ranges(text: &str) -> Vec<Range<u32>> {
    let base = text.as_ptr() as usize;
    corpus_lines(text)
        .map(|line| {
            // Each line is a slice of `text`: its offset is where it starts in memory.
            let start = line.as_ptr() as usize - base;
            start as u32..(start + line.len()) as u32
        })
        .collect()
}

/// A streamed document while its pieces come in.
pub(crate) struct Streamed {
    pub(crate) id: String,
    encoding: Encoding,
    norm: Normalizer,
    /// Its document number (its row, when it is kept).
    doc: u64,
    pub(crate) fingerprint: Fingerprint,
    pub(crate) blank: bool,
    /// One set of side tables per worker thread.
    side: Vec<Mutex<Tables>>,
    stats: DocStats,
    /// Bytes of text of the pieces counted.
    pub(crate) bytes: u64,
    /// Skipped or a duplicate: its pieces are not counted, its side tables dropped.
    pub(crate) dropped: bool,
    /// The last piece has come.
    pub(crate) complete: bool,
}

/// What the serial step does with a piece: the text to count, if any.
pub(crate) enum Taken {
    /// Count this text.
    Count(PieceText),
    /// The document cannot be read: skip it with this problem.
    Failed(Problem),
    /// Nothing to do (the document was already dropped).
    Nothing,
}

impl Streamed {
    /// A document whose first piece is `first`, numbered `doc`, counted into tables
    /// that share `vocab`.
    pub(crate) fn new(first: &mut ReadPiece, config: &Config, doc: u64, vocab: &Arc<Vocab>) -> Streamed {
        Streamed {
            id: first.id.clone(),
            encoding: first.encoding,
            norm: first.norm.take().unwrap_or_else(|| config.normalizer("")),
            doc,
            fingerprint: Fingerprint::default(),
            blank: true,
            side: new_tables(rayon::current_num_threads(), config, vocab),
            stats: DocStats::default(),
            bytes: 0,
            dropped: false,
            complete: false,
        }
    }

    /// Takes in the next piece, in input order.
    pub(crate) fn take(&mut self, piece: ReadPiece) -> Taken {
        self.complete = piece.last;
        if self.dropped {
            return Taken::Nothing;
        }
        match piece.text {
            Err(p) => {
                self.dropped = true;
                Taken::Failed(p)
            }
            Ok(text) => {
                self.fingerprint = self.fingerprint.then(piece.fingerprint);
                self.blank &= piece.blank;
                self.bytes += text.len() as u64;
                Taken::Count(PieceText { text, lines: piece.lines })
            }
        }
    }

    /// Counts a piece's text into the current thread's side tables.
    pub(crate) fn count(&self, config: &Config, piece: &PieceText) -> DocStats {
        let text = piece.text.as_str();
        match &piece.lines {
            Some(lines) => self.count_lines(config, || lines.iter().map(|r| &text[r.start as usize..r.end as usize])),
            None => self.count_lines(config, || corpus_lines(text)),
        }
    }

    /// Counts the lines that `lines` gives (each time it is called, the same).
    fn count_lines<'t, I: Iterator<Item = &'t str>>(&self, config: &Config, lines: impl Fn() -> I) -> DocStats {
        let mut side = lock(&self.side[slot(self.side.len())]);
        let stats = count_parts(&mut side.count, config, &self.norm, self.doc, lines());
        // ML hook: one more pass over the piece, only when asked for.
        if let Some(ml) = &mut side.ml {
            let parts: Vec<&str> = lines().collect();
            ml.add_document(config, &self.norm, self.doc, &parts);
        }
        stats
    }

    /// Adds the stats of a counted piece.
    pub(crate) fn add(&mut self, stats: DocStats) {
        self.stats.add(stats);
    }

    /// Merges the side tables of a complete, kept document into one of the run's
    /// `tables`, and returns its row.
    pub(crate) fn finish(self, tables: &[Mutex<Tables>]) -> DocumentRow {
        let (counts, mls): (Vec<Table>, Vec<Option<MlTable>>) = self
            .side
            .into_iter()
            .map(|t| {
                let t = t.into_inner().unwrap_or_else(|e| e.into_inner());
                (t.count, t.ml)
            })
            .unzip();
        // The side tables share the run's vocabulary: merging adds up their statistics.
        let count = counts
            .into_iter()
            .reduce(|mut a, b| {
                a.merge_part(b);
                a
            })
            .unwrap_or_default();
        let ml = mls.into_iter().flatten().reduce(|mut a, b| {
            a.merge_part(b);
            a
        });
        let mut stats = self.stats;
        stats.unique_words = count.distinct_words() as u64;
        // No count_text runs now: any run table will do. The document was counted
        // with its own number, larger than those of the documents before it and
        // smaller than those after, so a run table can even take the side table's
        // place (merging the smaller into the larger).
        let mut t = lock(&tables[0]);
        t.count.merge(count);
        if let (Some(mine), Some(ml)) = (&mut t.ml, ml) {
            mine.merge(ml);
        }
        DocumentRow {
            path: self.id,
            title: None,
            views: None,
            author: None,
            script: self.norm.profile().script.name(),
            stats,
            encoding: self.encoding,
        }
    }
}

impl Streamed {
    /// The side tables, while the document is open.
    pub(crate) fn side_tables(&self) -> impl Iterator<Item = &Mutex<Tables>> {
        self.side.iter()
    }
}

impl ReadPiece {
    /// Whether this is the first piece of its document.
    pub(crate) fn is_first(&self) -> bool {
        self.first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ranges_are_the_corpus_lines() {
        let text = "  Бірінші жол  \r\n\n\nЕкінші\tжол\n   \nжарнама\nсоңғы жол без перевода";
        let ranges = line_ranges(text);
        let lines: Vec<&str> = ranges.iter().map(|r| &text[r.start as usize..r.end as usize]).collect();
        assert_eq!(lines, corpus_lines(text).collect::<Vec<_>>());
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines[0], "Бірінші жол");
    }
}
