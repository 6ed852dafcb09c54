//! Reading sources into documents.
//!
//! A [`Units`] iterator walks the sources in order and cuts them into [`Unit`]s of
//! work: a whole text file (read later, by whoever calls [`Unit::read`]), or a batch
//! of JSONL or CSV records already split off the file by the iterator, which streams
//! the file and never holds more than one batch of it. Units are in input order and
//! [`Unit::read`] returns its documents in input order, so a caller can read units
//! in parallel and still report in input order.
//!
//! When a caller opts in ([`ReadOptions::stream_bytes`]), a large text source is not
//! read whole either: the iterator cuts it at line ends into [`Piece`]s of about half
//! a megabyte, handed out one at a time, so that memory stays bounded and the pieces of
//! one document can be decoded and counted in parallel.

use std::borrow::Cow;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::bufread::MultiGzDecoder;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use crate::encoding::{self, bom, detect, DecodeError, Encoding, Transcoder};
use crate::error::{Error, Problem};
use crate::html::{looks_like_html, strip_html, Html};
use crate::source::{Format, Source};

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// The format of every input; `None`: by extension, plain text when unknown.
    pub format: Option<Format>,
    /// The encoding of every input; `None`: detected per file.
    pub encoding: Option<Encoding>,
    /// The JSONL field or CSV column holding the text.
    pub text_field: String,
    /// The JSONL field or CSV column holding the document id (when present).
    pub id_field: String,
    /// The JSONL field or CSV column holding the title, if any.
    pub title_field: Option<String>,
    /// The longest line or record read; longer ones are skipped.
    pub max_record_bytes: usize,
    /// When to strip HTML.
    pub html: Html,
    /// Globs selecting the files of folders (relative paths); empty: known extensions.
    pub globs: Vec<String>,
    /// Text sources of at least this many bytes are read by [`Units`] as a stream of
    /// [`Piece`]s rather than whole; `None` (the default): always whole. Standard
    /// input and gzip files, whose text size is not known beforehand, are read up to
    /// this many bytes first and are one whole piece when they end within them.
    pub stream_bytes: Option<u64>,
}

/// The default of `--max-record-bytes`: 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 64 << 20;

/// A good [`ReadOptions::stream_bytes`] for counting: 8 MiB. Smaller texts are read
/// whole, in parallel with each other.
pub const DEFAULT_STREAM_BYTES: u64 = 8 << 20;

/// The size pieces are cut at (at the next line end): small enough that a chunk of
/// work holds many, for every thread to get some, and large enough that the work per
/// piece dwarfs its handling.
const PIECE_BYTES: u64 = 512 << 10;
/// The least a stream reads at a time.
const MIN_FILL: usize = 4 << 10;

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            format: None,
            encoding: None,
            text_field: "text".to_string(),
            id_field: "id".to_string(),
            title_field: None,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            html: Html::Auto,
            globs: Vec::new(),
            stream_bytes: None,
        }
    }
}

/// One document read from a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The document id: the file's id for a text file; the record's id field, or
    /// `path:line`, for a JSONL or CSV record.
    pub id: String,
    /// The text, decoded, HTML stripped when that applies.
    pub text: String,
    /// The title from the title field, if one was asked for and present.
    pub title: Option<String>,
    /// The encoding the text was decoded from.
    pub encoding: Encoding,
}

/// Reads a source as one text document with the default options (any format is read
/// as plain text). Kept for callers that want a whole file's text.
pub fn read_text(source: &Source) -> Result<String, Error> {
    let opts = ReadOptions::default();
    read_file(source, &opts).map(|d| d.text)
}

/// A unit of reading work; see the module docs.
#[derive(Debug)]
pub enum Unit {
    /// A whole text file, one document.
    File(Source),
    /// A whole text file whose bytes were read ahead ([`Unit::load`]), not decoded yet.
    Loaded(Loaded),
    /// Records of a JSONL or CSV file.
    Records(Records),
    /// A piece of a large text source ([`ReadOptions::stream_bytes`]).
    Piece(Piece),
    /// A source that could not be opened, or the rest of one that broke off.
    Failed(Problem),
}

/// A piece of a text source read as a stream (see [`ReadOptions::stream_bytes`]):
/// whole lines, in order. The pieces of one source come one after the other in
/// [`Units`], from the [first](Piece::is_first) to the [last](Piece::is_last), and
/// together they are one document: its text is the pieces' texts put end to end.
///
/// The encoding is detected once, from the start of the source. HTML is stripped
/// piece by piece: with [`Html::Auto`], from the pieces that look like HTML, and a
/// tag cut by a piece boundary is left in. If the source breaks off, or has a line longer than
/// [`ReadOptions::max_record_bytes`], the last piece carries the error, and the whole
/// document should be skipped, as it is when a text is read whole.
///
/// A source that turned out to be small (standard input, or a gzip file, that ends
/// within `stream_bytes`) is one piece, both first and last, that [`Piece::is_whole`]:
/// it is read as an ordinary document with [`Unit::read`].
#[derive(Debug)]
pub struct Piece {
    stream: Arc<StreamInfo>,
    data: Vec<u8>,
    /// The byte offset of `data` in the source, for error messages.
    offset: u64,
    first: bool,
    last: bool,
    whole: bool,
    error: Option<Error>,
}

/// What the pieces of one stream share.
#[derive(Debug)]
struct StreamInfo {
    source: Source,
    encoding: Encoding,
}

impl Piece {
    /// The document id: the source's.
    pub fn id(&self) -> &str {
        &self.stream.source.id
    }

    /// Whether this is the first piece of its source.
    pub fn is_first(&self) -> bool {
        self.first
    }

    /// Whether this is the last piece of its source.
    pub fn is_last(&self) -> bool {
        self.last
    }

    /// Whether this piece is a whole small source, to be read with [`Unit::read`].
    pub fn is_whole(&self) -> bool {
        self.whole
    }

    /// The encoding of the source (detected from its start).
    pub fn encoding(&self) -> Encoding {
        self.stream.encoding
    }

    /// Decodes the piece and strips HTML as `opts` asks. An error means the document
    /// cannot be read: skip it whole. A whole piece ([`Piece::is_whole`]) is decoded
    /// as a whole text.
    pub fn read(self, opts: &ReadOptions) -> Result<String, Problem> {
        self.document(opts).map(|d| d.text)
    }

    /// The piece as a document of its own (with the source's id).
    fn document(self, opts: &ReadOptions) -> Result<Document, Problem> {
        let problem = |error| Problem { id: self.stream.source.id.clone(), error };
        if let Some(e) = self.error {
            return Err(problem(e));
        }
        if self.whole {
            return text_document(&self.stream.source, self.data, opts).map_err(problem);
        }
        let encoding = self.stream.encoding;
        let text = encoding::decode_piece(self.data, self.stream.encoding, self.offset as usize)
            .map_err(|error| problem(Error::Decode { path: self.stream.source.display_path(), error }))?;
        let text = clean(text, opts);
        Ok(Document { id: self.stream.source.id.clone(), text, title: None, encoding })
    }
}

/// A batch of records cut from a JSONL or CSV file.
#[derive(Debug)]
pub struct Records {
    source: Arc<Source>,
    encoding: Encoding,
    data: Vec<u8>,
    items: Vec<Item>,
}

#[derive(Debug)]
enum Item {
    /// A JSONL line: its number, the byte offset of its start, its bytes in `data`.
    Json { line: u64, offset: u64, start: u32, end: u32 },
    /// A CSV record's fields in `data`.
    Csv { line: u64, text: (u32, u32), id: Option<(u32, u32)>, title: Option<(u32, u32)> },
    /// A record that could not even be split off.
    Bad(Problem),
}

/// A text file read ahead of its decoding; see [`Unit::load`].
#[derive(Debug)]
pub struct Loaded {
    source: Source,
    /// The file's bytes, or why they could not be read.
    bytes: Result<Vec<u8>, Error>,
}

impl Unit {
    /// Reads a whole text file's bytes now, and leaves decoding them to [`Unit::read`].
    ///
    /// A thread that cuts units ahead of the workers can so take on the file system's
    /// part of reading a folder of small files (opening, reading and closing each):
    /// 5 to 25 ms for 1,024 files of reviews, against about 40 ms to count them, and
    /// barely faster on two workers than on one. A file that cannot be read is reported by
    /// [`Unit::read`], with the same problem as without loading. Other units are
    /// returned as they are: they hold their bytes already, or read them as they are
    /// decoded (a file too large to read in one go, standard input).
    pub fn load(self, opts: &ReadOptions) -> Unit {
        match self {
            Unit::File(source) => match small_file(&source, opts) {
                Some(path) => {
                    let bytes = read_small_file(&source, path);
                    Unit::Loaded(Loaded { source, bytes })
                }
                None => Unit::File(source),
            },
            unit => unit,
        }
    }

    /// Bytes this unit holds or will read: a hint for batching.
    pub fn size(&self) -> u64 {
        match self {
            Unit::File(s) => s.size,
            Unit::Loaded(l) => l.bytes.as_ref().map_or(0, |b| b.len() as u64),
            Unit::Records(r) => r.data.len() as u64,
            Unit::Piece(p) => p.data.len() as u64,
            Unit::Failed(_) => 0,
        }
    }

    /// Reads the unit's documents, in input order, each a document or the problem
    /// that kept it from being one. A piece that is not a whole source is read as a
    /// document of its own; to read a streamed source as one document, put its pieces
    /// together with [`Piece::read`].
    pub fn read(self, opts: &ReadOptions) -> Vec<Result<Document, Problem>> {
        match self {
            Unit::File(source) => {
                vec![read_file(&source, opts).map_err(|error| Problem { id: source.id.clone(), error })]
            }
            Unit::Loaded(Loaded { source, bytes }) => {
                let doc = bytes.and_then(|bytes| file_document(&source, bytes, opts));
                vec![doc.map_err(|error| Problem { id: source.id, error })]
            }
            Unit::Piece(p) => vec![p.document(opts)],
            Unit::Failed(p) => vec![Err(p)],
            Unit::Records(r) => r.read(opts),
        }
    }
}

fn io_error(source: &Source, e: io::Error) -> Error {
    Error::Io { path: source.display_path(), source: e }
}

/// The buffer of a reader that takes its input a line or a record at a time.
const LINE_BUFFER: usize = 256 << 10;

/// The buffer of a reader that takes its input in large blocks (a text cut into
/// pieces): a read at least this large goes straight into the caller's memory,
/// past the buffer, and the reads of a block are mostly larger.
const BLOCK_BUFFER: usize = 16 << 10;

/// Opens a source for reading, looking through gzip compression (by its magic bytes).
fn open(source: &Source) -> Result<Box<dyn BufRead + Send>, Error> {
    open_with(source, LINE_BUFFER)
}

/// [`open`] with a buffer of `buffer` bytes.
fn open_with(source: &Source, buffer: usize) -> Result<Box<dyn BufRead + Send>, Error> {
    let raw: Box<dyn Read + Send> = match &source.path {
        Some(p) => Box::new(File::open(p).map_err(|e| io_error(source, e))?),
        None => Box::new(io::stdin()),
    };
    unzip(source, raw, buffer)
}

/// Looks through gzip compression, by its magic bytes; `buffer` is the size of the
/// buffer of what is read.
fn unzip(source: &Source, raw: Box<dyn Read + Send>, buffer: usize) -> Result<Box<dyn BufRead + Send>, Error> {
    let mut r = BufReader::with_capacity(buffer, raw);
    let head = r.fill_buf().map_err(|e| io_error(source, e))?;
    if head.starts_with(&[0x1F, 0x8B]) {
        // The compressed bytes are read in large blocks whatever the buffer asked for.
        let compressed = BufReader::with_capacity(LINE_BUFFER, r);
        Ok(Box::new(BufReader::with_capacity(buffer, MultiGzDecoder::new(compressed))))
    } else {
        Ok(Box::new(r))
    }
}

/// Reads all of `r`, refusing a line longer than `max` bytes.
fn read_bounded(mut r: impl Read, max: usize, path: &std::path::Path) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    let mut line_start = 0;
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = match r.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(source) => return Err(Error::Io { path: path.to_path_buf(), source }),
        };
        let before = buf.len();
        buf.extend_from_slice(&chunk[..n]);
        for i in memchr::memchr_iter(b'\n', &buf[before..]) {
            let end = before + i;
            if end - line_start > max {
                return Err(too_long(path, &buf[..line_start], max));
            }
            line_start = end + 1;
        }
        if buf.len() - line_start > max {
            return Err(too_long(path, &buf[..line_start], max));
        }
    }
    Ok(buf)
}

fn too_long(path: &std::path::Path, before: &[u8], max: usize) -> Error {
    too_long_after(path, 1, before, max)
}

/// The error for a line longer than `max` that starts after `before`, whose first line
/// is line `first`.
fn too_long_after(path: &std::path::Path, first: u64, before: &[u8], max: usize) -> Error {
    let line = first + newlines(before);
    Error::Record { path: path.to_path_buf(), line, message: format!("longer than {max} bytes (--max-record-bytes)") }
}

fn read_file(source: &Source, opts: &ReadOptions) -> Result<Document, Error> {
    match small_file(source, opts) {
        Some(path) => file_document(source, read_small_file(source, path)?, opts),
        None => {
            let bytes = read_bounded(open(source)?, opts.max_record_bytes, &source.display_path())?;
            text_document(source, bytes, opts)
        }
    }
}

/// The path of a file that the walk found no larger than the record limit, which is
/// read in one go; others (and standard input) are read line by line against the limit.
fn small_file<'s>(source: &'s Source, opts: &ReadOptions) -> Option<&'s std::path::Path> {
    source.path.as_deref().filter(|_| source.size <= opts.max_record_bytes as u64)
}

/// The bytes of a file no larger than the record limit, as the walk found it.
fn read_small_file(source: &Source, path: &std::path::Path) -> Result<Vec<u8>, Error> {
    // Read at the size the walk found (one byte more, to see the end at once).
    // Through `take`, because `File::read_to_end` asks the file for its size
    // again (a stat and a seek), which `fs::read` does too.
    let mut bytes = Vec::with_capacity(source.size as usize + 1);
    fs::File::open(path).and_then(|f| f.take(u64::MAX).read_to_end(&mut bytes)).map_err(|e| io_error(source, e))?;
    Ok(bytes)
}

/// The document of a whole file from its bytes ([`read_small_file`]): looked through
/// gzip compression (by its magic bytes), decoded, HTML stripped as asked.
fn file_document(source: &Source, bytes: Vec<u8>, opts: &ReadOptions) -> Result<Document, Error> {
    let bytes = if bytes.starts_with(&[0x1F, 0x8B]) {
        read_bounded(MultiGzDecoder::new(&bytes[..]), opts.max_record_bytes, &source.display_path())?
    } else {
        bytes
    };
    text_document(source, bytes, opts)
}

/// The whole text of `source`, from its bytes: decoded, HTML stripped as asked.
fn text_document(source: &Source, bytes: Vec<u8>, opts: &ReadOptions) -> Result<Document, Error> {
    let path = source.display_path();
    let (text, encoding) = encoding::decode(bytes, opts.encoding).map_err(|error| Error::Decode { path, error })?;
    let text = clean(text, opts);
    if text.trim().is_empty() {
        return Err(Error::Empty { path: source.display_path() });
    }
    Ok(Document { id: source.id.clone(), text, title: None, encoding })
}

/// Reads documents from any reader as if it were a source named `id` in `format`
/// (gzip is looked through): for input that is not a file, and for fuzzing. The
/// whole input is read; use [`Units`] to stream files.
pub fn read_reader(
    reader: impl Read + Send + 'static,
    id: &str,
    format: Format,
    opts: &ReadOptions,
) -> Vec<Result<Document, Problem>> {
    let source = Source { id: id.to_string(), path: Some(id.into()), format, size: 0 };
    let problem = |error| vec![Err(Problem { id: id.to_string(), error })];
    let r = match unzip(&source, Box::new(reader), LINE_BUFFER) {
        Ok(r) => r,
        Err(e) => return problem(e),
    };
    if format == Format::Text {
        let doc = read_bounded(r, opts.max_record_bytes, &source.display_path())
            .and_then(|bytes| text_document(&source, bytes, opts));
        return match doc {
            Ok(d) => vec![Ok(d)],
            Err(e) => problem(e),
        };
    }
    let mut stream = match Stream::from_reader(&source, r, opts) {
        Ok(s) => s,
        Err(e) => return problem(e),
    };
    let mut out = Vec::new();
    while let Some(unit) = stream.next_batch(opts) {
        out.extend(unit.read(opts));
    }
    out
}

/// HTML stripping as `opts` asks.
fn clean(text: String, opts: &ReadOptions) -> String {
    let strip = match opts.html {
        Html::Off => false,
        Html::On => true,
        Html::Auto => looks_like_html(&text),
    };
    if !strip {
        return text;
    }
    match strip_html(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(s) => s,
    }
}

fn clean_str(text: Cow<'_, str>, opts: &ReadOptions) -> String {
    let strip = match opts.html {
        Html::Off => false,
        Html::On => true,
        Html::Auto => looks_like_html(&text),
    };
    if strip {
        strip_html(&text).into_owned()
    } else {
        text.into_owned()
    }
}

/// How many bytes of records a batch holds before it is handed out.
const BATCH_BYTES: usize = 256 * 1024;
/// How much of a stream is looked at to detect its encoding.
const SNIFF_BYTES: usize = 64 * 1024;

/// Cuts sources into units of work, in input order; see the module docs.
pub struct Units<'a> {
    sources: Sources<'a>,
    opts: &'a ReadOptions,
    stream: Option<Stream>,
    text: Option<TextStream>,
    /// Sources taken so far.
    tried: usize,
}

/// Where [`Units`] takes its sources from.
enum Sources<'a> {
    /// A list discovered beforehand.
    List(std::slice::Iter<'a, Source>),
    /// INPUT arguments, each walked as its units are taken.
    Inputs {
        inputs: std::slice::Iter<'a, String>,
        globs: Option<globset::GlobSet>,
        /// The walk of the INPUT being read (boxed: it is large, and made once an INPUT).
        walk: Option<Box<crate::source::Walk<'a>>>,
    },
}

impl<'a> Units<'a> {
    /// Units of `sources`, read with `opts`.
    pub fn new(sources: &'a [Source], opts: &'a ReadOptions) -> Units<'a> {
        Units { sources: Sources::List(sources.iter()), opts, stream: None, text: None, tried: 0 }
    }

    /// Units of the sources of INPUT arguments, as [`crate::discover_with`] finds them,
    /// but walking each folder as its units are taken: the first units come at once,
    /// and only the folders on the way to the current file are held listed, which
    /// matters for large trees. The problems met walking an INPUT come in their places
    /// in path order, as [`Unit::Failed`]. Fails now, as `discover_with` does, when an
    /// INPUT does not exist or a glob is invalid.
    pub fn discover(inputs: &'a [String], opts: &'a ReadOptions) -> Result<Units<'a>, Error> {
        let globs = crate::source::check_inputs(inputs, opts)?;
        let sources = Sources::Inputs { inputs: inputs.iter(), globs, walk: None };
        Ok(Units { sources, opts, stream: None, text: None, tried: 0 })
    }

    /// The number of sources taken so far (all of them, once the iterator is done).
    pub fn sources_tried(&self) -> usize {
        self.tried
    }

    /// The next source, or a problem met finding it.
    fn next_source(&mut self) -> Option<Result<Source, Problem>> {
        match &mut self.sources {
            Sources::List(list) => list.next().cloned().map(Ok),
            Sources::Inputs { inputs, globs, walk } => loop {
                if let Some(next) = walk.as_mut().and_then(Iterator::next) {
                    return Some(next);
                }
                let input = inputs.next()?;
                match crate::source::walk_input(input, self.opts, globs.clone()) {
                    Ok(w) => *walk = Some(Box::new(w)),
                    // Gone since it was checked.
                    Err(error) => return Some(Err(Problem { id: input.clone(), error })),
                }
            },
        }
    }
}

/// Whether a text source may hold `limit` bytes of text: standard input, a file that
/// large, or a gzip file that could expand to it (text rarely compresses more than
/// sixteen-fold). Only these are opened by the iterator; the rest are read whole.
fn may_be_large(source: &Source, limit: u64) -> bool {
    let gz = source
        .path
        .as_ref()
        .is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz")) && source.size >= limit / 16);
    source.path.is_none() || source.size >= limit || gz
}

impl Iterator for Units<'_> {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        loop {
            if let Some(text) = &mut self.text {
                if let Some(unit) = text.next_piece() {
                    return Some(unit);
                }
                self.text = None;
            }
            if let Some(stream) = &mut self.stream {
                if let Some(unit) = stream.next_batch(self.opts) {
                    return Some(unit);
                }
                self.stream = None;
            }
            let source = match self.next_source()? {
                Ok(source) => source,
                Err(p) => return Some(Unit::Failed(p)),
            };
            self.tried += 1;
            let source = &source;
            match source.format {
                Format::Text => match self.opts.stream_bytes {
                    Some(limit) if may_be_large(source, limit) => match TextStream::open(source, self.opts, limit) {
                        Ok(Opened::Whole(piece)) => return Some(Unit::Piece(piece)),
                        Ok(Opened::Stream(text)) => self.text = Some(text),
                        Err(error) => return Some(Unit::Failed(Problem { id: source.id.clone(), error })),
                    },
                    _ => return Some(Unit::File(source.clone())),
                },
                Format::Jsonl | Format::Csv | Format::Tsv => match Stream::open(source, self.opts) {
                    Ok(s) => self.stream = Some(s),
                    Err(error) => return Some(Unit::Failed(Problem { id: source.id.clone(), error })),
                },
            }
        }
    }
}

/// Line ends in `bytes`.
fn newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// The start of the first line in `bytes` longer than `max` bytes (its `\n` not
/// counted), if any: the limit of [`read_bounded`].
fn long_line(bytes: &[u8], max: usize) -> Option<usize> {
    if bytes.len() <= max {
        return None;
    }
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        if end - start > max {
            return Some(start);
        }
        start = end + 1;
    }
    (bytes.len() - start > max).then_some(start)
}

/// A large text source being cut into [`Piece`]s.
struct TextStream {
    info: Arc<StreamInfo>,
    r: Box<dyn BufRead + Send>,
    /// Bytes read; those from `pos` on are not handed out yet and start at a line
    /// start. A piece is the buffer itself when little follows it (reads end just past
    /// the next piece), so the text is not copied on its way to the workers; otherwise
    /// it is copied out from `pos`, and the rest moved to the front only before more is
    /// read, so that a large start is not moved once per piece.
    buf: Vec<u8>,
    pos: usize,
    /// The offset in the source, and the line number, of `buf[pos]`.
    offset: u64,
    line: u64,
    eof: bool,
    first: bool,
    done: bool,
    piece_bytes: usize,
    max: usize,
    /// An error met while looking ahead, for the next piece.
    pending: Option<Error>,
}

/// What opening a text source for streaming found.
enum Opened {
    /// It ended within the limit: one whole piece.
    Whole(Piece),
    Stream(TextStream),
}

impl TextStream {
    /// Opens `source` and reads up to `limit` bytes of it: a text that ends within them
    /// is a whole piece; a longer one is a stream.
    fn open(source: &Source, opts: &ReadOptions, limit: u64) -> Result<Opened, Error> {
        let path = source.display_path();
        let max = opts.max_record_bytes;
        let piece_bytes = (limit / 4).clamp(1, PIECE_BYTES) as usize;
        // The pieces are read in blocks, straight into their buffers.
        let mut r = open_with(source, BLOCK_BUFFER)?;
        // A file known to be that large is not probed: its start is enough, for the
        // encoding, and the first piece goes out sooner.
        let known = source.path.is_some() && source.size >= limit;
        let mut head = Vec::new();
        let want = if known { piece_bytes as u64 } else { limit };
        (&mut r).take(want).read_to_end(&mut head).map_err(|e| io_error(source, e))?;
        let more = known || head.len() as u64 >= limit && !r.fill_buf().map_err(|e| io_error(source, e))?.is_empty();
        let whole = |data: Vec<u8>| Piece {
            stream: Arc::new(StreamInfo { source: source.clone(), encoding: Encoding::Utf8 }),
            data,
            offset: 0,
            first: true,
            last: true,
            whole: true,
            error: None,
        };
        if !more {
            if let Some(start) = long_line(&head, max) {
                return Err(too_long(&path, &head[..start], max));
            }
            return Ok(Opened::Whole(whole(head)));
        }
        let (encoding, skip) = match (bom(&head), opts.encoding) {
            (Some((e, n)), None) => (e, n),
            (Some((e, n)), Some(f)) if e == f => (e, n),
            (_, Some(f)) => (f, 0),
            (None, None) => {
                // The start, cut at a line end so that valid UTF-8 takes the fast path.
                let sample = &head[..head.len().min(piece_bytes)];
                (detect(memchr::memrchr(b'\n', sample).map_or(sample, |i| &sample[..=i])), 0)
            }
        };
        if matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
            // A 0x0A byte is not a line end in UTF-16, so it cannot be cut there: it is
            // read whole, as before streaming.
            let bytes = read_bounded(io::Cursor::new(head).chain(r), max, &path)?;
            return Ok(Opened::Whole(whole(bytes)));
        }
        Ok(Opened::Stream(TextStream {
            info: Arc::new(StreamInfo { source: source.clone(), encoding }),
            r,
            buf: head,
            pos: skip,
            offset: skip as u64,
            line: 1,
            eof: false,
            first: true,
            done: false,
            piece_bytes,
            max,
            pending: None,
        }))
    }

    /// Reads more of the source into `buf`.
    fn fill(&mut self) -> Result<(), Error> {
        self.buf.drain(..self.pos);
        self.pos = 0;
        // Up to a sixteenth of a piece past the next piece's size: its line end is
        // mostly among those bytes, and little is left over after it.
        let slack = (self.piece_bytes / 16).max(MIN_FILL);
        let want = (self.piece_bytes + slack).saturating_sub(self.buf.len()).max(slack);
        // Room first, so that the reads go straight into the buffer.
        self.buf.reserve(want);
        let n =
            (&mut self.r).take(want as u64).read_to_end(&mut self.buf).map_err(|e| io_error(&self.info.source, e))?;
        self.eof = n == 0;
        Ok(())
    }

    /// The bytes not handed out yet.
    fn rest(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    /// Fails if `rest()[..end]` has a line longer than the limit.
    fn check(&self, end: usize) -> Result<(), Error> {
        match long_line(&self.rest()[..end], self.max) {
            Some(start) => {
                Err(too_long_after(&self.info.source.display_path(), self.line, &self.rest()[..start], self.max))
            }
            None => Ok(()),
        }
    }

    /// The end of the next piece: just past the first line end at or after
    /// `piece_bytes`, or the end of the source. The cut depends only on the text, not
    /// on how reads return, so the pieces (and the normalizer made from the first) are
    /// the same on every run.
    fn cut(&mut self) -> Result<usize, Error> {
        let from = self.piece_bytes - 1;
        let mut searched = from;
        loop {
            let rest = self.rest();
            if searched < rest.len() {
                if let Some(i) = memchr::memchr(b'\n', &rest[searched..]) {
                    let end = searched + i + 1;
                    self.check(end)?;
                    return Ok(end);
                }
                searched = rest.len();
            }
            if self.eof {
                let end = rest.len();
                self.check(end)?;
                return Ok(end);
            }
            // The line running past `from` has no end yet: it may not grow past the limit.
            let start = memchr::memrchr(b'\n', &rest[..from.min(rest.len())]).map_or(0, |i| i + 1);
            if rest.len() - start > self.max {
                let path = self.info.source.display_path();
                return Err(too_long_after(&path, self.line, &rest[..start], self.max));
            }
            self.fill()?;
        }
    }

    fn piece(&self, data: Vec<u8>, offset: u64, first: bool, last: bool, error: Option<Error>) -> Unit {
        Unit::Piece(Piece { stream: self.info.clone(), data, offset, first, last, whole: false, error })
    }

    fn next_piece(&mut self) -> Option<Unit> {
        if self.done {
            return None;
        }
        let first = std::mem::replace(&mut self.first, false);
        if let Some(e) = self.pending.take() {
            self.done = true;
            return Some(self.piece(Vec::new(), self.offset, first, true, Some(e)));
        }
        let end = match self.cut() {
            Ok(end) => end,
            Err(e) => {
                self.done = true;
                return Some(self.piece(Vec::new(), self.offset, first, true, Some(e)));
            }
        };
        // The piece is the buffer itself when at most a quarter piece follows it, which
        // goes to a new buffer; a larger rest (after the opening read of a source that
        // was probed for its size, or of pieces smaller than a read) is copied from.
        let data = if self.pos == 0 && self.buf.len() - end <= self.piece_bytes / 4 {
            let mut next = Vec::with_capacity(self.piece_bytes + self.piece_bytes / 8);
            next.extend_from_slice(&self.buf[end..]);
            self.buf.truncate(end);
            std::mem::replace(&mut self.buf, next)
        } else {
            let data = self.rest()[..end].to_vec();
            self.pos += end;
            data
        };
        let offset = self.offset;
        self.offset += end as u64;
        self.line += newlines(&data);
        // Whether this piece is the last is known only once more was tried.
        if self.rest().is_empty() && !self.eof {
            if let Err(e) = self.fill() {
                // The source broke off: the error comes as the next, last, piece.
                self.pending = Some(e);
                return Some(self.piece(data, offset, first, false, None));
            }
        }
        let last = self.rest().is_empty() && self.eof;
        self.done = last;
        Some(self.piece(data, offset, first, last, None))
    }
}

/// A reader that fails once more than `max` bytes were read past the start of the
/// current CSV record, so that a runaway quoted field cannot exhaust memory.
struct Guard<R> {
    inner: R,
    read: u64,
    record_start: Arc<AtomicU64>,
    max: u64,
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // The CSV reader buffers ahead, so allow one buffer of slack.
        if self.read.saturating_sub(self.record_start.load(Ordering::Relaxed)) > self.max + (1 << 16) {
            return Err(io::Error::other(TOO_LONG));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

const TOO_LONG: &str = "record too long";

enum Kind {
    Jsonl {
        r: Box<dyn BufRead + Send>,
        line: u64,
        offset: u64,
    },
    Csv {
        r: Box<csv::Reader<Guard<Box<dyn Read + Send>>>>,
        record_start: Arc<AtomicU64>,
        record: csv::ByteRecord,
        text: usize,
        id: Option<usize>,
        title: Option<usize>,
    },
}

/// An open JSONL or CSV file.
struct Stream {
    source: Arc<Source>,
    encoding: Encoding,
    kind: Kind,
    records: u64,
    done: bool,
}

/// Reads up to `n` bytes (fewer only at the end of the stream).
fn read_prefix(r: &mut dyn Read, n: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(n);
    r.take(n as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

impl Stream {
    fn open(source: &Source, opts: &ReadOptions) -> Result<Stream, Error> {
        Stream::from_reader(source, open(source)?, opts)
    }

    fn from_reader(source: &Source, mut r: Box<dyn BufRead + Send>, opts: &ReadOptions) -> Result<Stream, Error> {
        let path = source.display_path();
        let head = read_prefix(&mut r, SNIFF_BYTES).map_err(|e| io_error(source, e))?;
        let (encoding, skip) = match (bom(&head), opts.encoding) {
            (Some((e, n)), None) => (e, n),
            (Some((e, n)), Some(f)) if e == f => (e, n),
            (_, Some(f)) => (f, 0),
            (None, None) => (detect(&head), 0),
        };
        if matches!(encoding, Encoding::Utf8 | Encoding::Windows1251 | Encoding::Kz1048) {
            if let Some(offset) = memchr::memchr(0, &head) {
                return Err(Error::Decode { path, error: DecodeError::NotText { offset } });
            }
        }
        let rest = io::Cursor::new(head).chain(r);
        let mut rest: Box<dyn Read + Send> = Box::new(rest);
        io::copy(&mut (&mut rest).take(skip as u64), &mut io::sink()).map_err(|e| io_error(source, e))?;
        let reader: Box<dyn Read + Send> =
            if encoding == Encoding::Utf8 { rest } else { Box::new(Transcoder::new(rest, encoding)) };
        let source = Arc::new(source.clone());
        let kind = match source.format {
            Format::Csv | Format::Tsv => {
                let record_start = Arc::new(AtomicU64::new(0));
                let guard = Guard {
                    inner: reader,
                    read: 0,
                    record_start: record_start.clone(),
                    max: opts.max_record_bytes as u64,
                };
                let tsv = source.format == Format::Tsv;
                let mut r = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(if tsv { b'\t' } else { b',' })
                    .quoting(!tsv)
                    .from_reader(guard);
                let mut header = csv::ByteRecord::new();
                let got = r.read_byte_record(&mut header).map_err(|e| csv_error(&path, 1, e))?;
                if !got {
                    return Err(Error::File { path, message: "empty file (no header)".into() });
                }
                let find = |name: &str| header.iter().position(|h| h.trim_ascii() == name.as_bytes());
                let Some(text) = find(&opts.text_field) else {
                    let names: Vec<String> = header.iter().map(|h| String::from_utf8_lossy(h).into_owned()).collect();
                    return Err(Error::File {
                        path,
                        message: format!("no column `{}` in the header ({})", opts.text_field, names.join(", ")),
                    });
                };
                let id = find(&opts.id_field);
                let title = opts.title_field.as_deref().and_then(find);
                record_start.store(r.position().byte(), Ordering::Relaxed);
                Kind::Csv { r: Box::new(r), record_start, record: csv::ByteRecord::new(), text, id, title }
            }
            _ => {
                Kind::Jsonl { r: Box::new(BufReader::with_capacity(LINE_BUFFER, reader)), line: 0, offset: skip as u64 }
            }
        };
        Ok(Stream { source, encoding, kind, records: 0, done: false })
    }

    fn problem(&self, error: Error) -> Item {
        Item::Bad(Problem { id: self.source.id.clone(), error })
    }

    fn next_batch(&mut self, opts: &ReadOptions) -> Option<Unit> {
        if self.done {
            return None;
        }
        let path = self.source.display_path();
        let max = opts.max_record_bytes;
        let mut data = Vec::with_capacity(BATCH_BYTES + 4096);
        let mut items = Vec::new();
        while data.len() < BATCH_BYTES && !self.done {
            let item = match &mut self.kind {
                Kind::Jsonl { r, line, offset } => {
                    *line += 1;
                    let start = data.len();
                    let at = *offset;
                    match read_line(r, &mut data, max, offset) {
                        Ok(LineRead::Eof) => {
                            self.done = true;
                            continue;
                        }
                        Ok(LineRead::Line) => {
                            let end = trim_end(&data, start);
                            if data[start..end].iter().all(u8::is_ascii_whitespace) {
                                data.truncate(start);
                                continue;
                            }
                            Item::Json { line: *line, offset: at, start: start as u32, end: end as u32 }
                        }
                        Ok(LineRead::TooLong) => {
                            data.truncate(start);
                            let message = format!("longer than {max} bytes (--max-record-bytes)");
                            Item::Bad(Problem {
                                id: self.source.id.clone(),
                                error: Error::Record { path: path.clone(), line: *line, message },
                            })
                        }
                        Err(e) => {
                            data.truncate(start);
                            self.done = true;
                            let message = format!("{}; the rest of the file is not read", crate::error::io_reason(&e));
                            Item::Bad(Problem {
                                id: self.source.id.clone(),
                                error: Error::Record { path: path.clone(), line: *line, message },
                            })
                        }
                    }
                }
                Kind::Csv { r, record_start, record, text, id, title } => match r.read_byte_record(record) {
                    Ok(false) => {
                        self.done = true;
                        continue;
                    }
                    Ok(true) => {
                        record_start.store(r.position().byte(), Ordering::Relaxed);
                        let line = record.position().map_or(0, |p| p.line());
                        let mut field = |i: usize| {
                            record.get(i).map(|f| {
                                let s = data.len() as u32;
                                data.extend_from_slice(f);
                                (s, data.len() as u32)
                            })
                        };
                        if record.len() == 1 && record.get(0).is_some_and(|f| f.trim_ascii().is_empty()) {
                            continue;
                        }
                        match field(*text) {
                            Some(t) => Item::Csv {
                                line,
                                text: t,
                                id: id.and_then(&mut field),
                                title: title.and_then(&mut field),
                            },
                            None => {
                                let message =
                                    format!("no column `{}` (the record has {} fields)", opts.text_field, record.len());
                                Item::Bad(Problem {
                                    id: self.source.id.clone(),
                                    error: Error::Record { path: path.clone(), line, message },
                                })
                            }
                        }
                    }
                    Err(e) => {
                        self.done = true;
                        let line = r.position().line();
                        let Error::Record { message, line, .. } = csv_error(&path, line, e) else { unreachable!() };
                        let message = format!("{message}; the rest of the file is not read");
                        Item::Bad(Problem {
                            id: self.source.id.clone(),
                            error: Error::Record { path: path.clone(), line, message },
                        })
                    }
                },
            };
            self.records += 1;
            items.push(item);
        }
        if self.done && self.records == 0 {
            items.push(self.problem(Error::File { path, message: "empty file (no records)".into() }));
        }
        if items.is_empty() {
            return None;
        }
        Some(Unit::Records(Records { source: self.source.clone(), encoding: self.encoding, data, items }))
    }
}

fn csv_error(path: &std::path::Path, line: u64, e: csv::Error) -> Error {
    let message = match e.into_kind() {
        csv::ErrorKind::Io(e) if e.to_string() == TOO_LONG => {
            "record longer than the limit (--max-record-bytes)".into()
        }
        csv::ErrorKind::Io(e) => crate::error::io_reason(&e),
        other => format!("{:?}", other),
    };
    Error::Record { path: path.to_path_buf(), line, message }
}

fn trim_end(data: &[u8], start: usize) -> usize {
    let mut end = data.len();
    while end > start && matches!(data[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    end
}

enum LineRead {
    Line,
    TooLong,
    Eof,
}

/// Appends the next line (with its `\n`) to `data`, or skips past it when it is longer
/// than `max` bytes, holding at most `max` bytes of it.
fn read_line(r: &mut dyn BufRead, data: &mut Vec<u8>, max: usize, offset: &mut u64) -> io::Result<LineRead> {
    let start = data.len();
    let mut too_long = false;
    let mut any = false;
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if !too_long {
            data.extend_from_slice(&buf[..take]);
            if data.len() - start > max.saturating_add(2) {
                too_long = true;
                data.truncate(start);
            }
        }
        r.consume(take);
        *offset += take as u64;
        if done {
            break;
        }
    }
    if !too_long && trim_end(data, start) - start > max {
        too_long = true;
        data.truncate(start);
    }
    Ok(match (any, too_long) {
        (false, _) => LineRead::Eof,
        (true, true) => LineRead::TooLong,
        (true, false) => LineRead::Line,
    })
}

impl Records {
    fn read(mut self, opts: &ReadOptions) -> Vec<Result<Document, Problem>> {
        let items = std::mem::take(&mut self.items);
        let mut out = Vec::with_capacity(items.len());
        let path = || self.source.display_path();
        let problem = |line: u64, message: String| Problem {
            id: self.source.id.clone(),
            error: Error::Record { path: path(), line, message },
        };
        let seed = Fields { text: &opts.text_field, id: &opts.id_field, title: opts.title_field.as_deref() };
        for item in items {
            let r = match item {
                Item::Bad(p) => Err(p),
                Item::Json { line, offset, start, end } => {
                    let bytes = &self.data[start as usize..end as usize];
                    match crate::encoding::to_str(bytes) {
                        Err(e) => {
                            Err(problem(line, format!("invalid UTF-8 at byte {}", offset + e.valid_up_to() as u64)))
                        }
                        Ok(s) => match parse_json(s, seed) {
                            Err(message) => Err(problem(line, message)),
                            Ok(rec) => self.document(rec, line, opts).map_err(|m| problem(line, m)),
                        },
                    }
                }
                Item::Csv { line, text, id, title } => {
                    let get = |r: (u32, u32), name: &str| {
                        crate::encoding::to_str(&self.data[r.0 as usize..r.1 as usize]).map_err(|e| {
                            format!("invalid UTF-8 in column `{name}` at byte {} of the field", e.valid_up_to())
                        })
                    };
                    let fields = (|| {
                        let t = get(text, &opts.text_field)?;
                        let i = id.map(|r| get(r, &opts.id_field)).transpose()?;
                        let h = match (title, opts.title_field.as_deref()) {
                            (Some(r), Some(name)) => Some(get(r, name)?),
                            _ => None,
                        };
                        Ok::<_, String>(Record {
                            text: Value::Str(Cow::Borrowed(t)),
                            id: i.filter(|s| !s.trim().is_empty()).map(|s| Value::Str(Cow::Borrowed(s))),
                            title: h.map(|s| Value::Str(Cow::Borrowed(s))),
                        })
                    })();
                    fields.and_then(|rec| self.document(rec, line, opts)).map_err(|m| problem(line, m))
                }
            };
            out.push(r);
        }
        out
    }

    fn document(&self, rec: Record<'_>, line: u64, opts: &ReadOptions) -> Result<Document, String> {
        let text = match rec.text {
            Value::Str(s) => s,
            Value::Missing => return Err(format!("no field `{}`", opts.text_field)),
            Value::Null => return Err(format!("field `{}` is null", opts.text_field)),
            Value::Number(_) | Value::Other => return Err(format!("field `{}` is not a string", opts.text_field)),
        };
        let text = clean_str(text, opts);
        if text.trim().is_empty() {
            return Err("empty document".to_string());
        }
        let id = match rec.id {
            Some(Value::Str(s)) if !s.is_empty() => s.into_owned(),
            Some(Value::Number(n)) => n,
            _ => format!("{}:{line}", self.source.id),
        };
        let title = match rec.title {
            Some(Value::Str(s)) => Some(clean_str(s, opts)).filter(|t| !t.trim().is_empty()),
            _ => None,
        };
        Ok(Document { id, text, title, encoding: self.encoding })
    }
}

/// A JSON value we care about.
#[derive(Debug)]
enum Value<'a> {
    Missing,
    Null,
    Str(Cow<'a, str>),
    Number(String),
    Other,
}

struct Record<'a> {
    text: Value<'a>,
    id: Option<Value<'a>>,
    title: Option<Value<'a>>,
}

/// The field names to pick out of a JSON object.
#[derive(Clone, Copy)]
struct Fields<'o> {
    text: &'o str,
    id: &'o str,
    title: Option<&'o str>,
}

/// Parses one JSONL line; the error is the message for `skipped.csv` (without the
/// line number), e.g. `expected value at column 12`.
fn parse_json<'a>(line: &'a str, fields: Fields<'_>) -> Result<Record<'a>, String> {
    let mut de = serde_json::Deserializer::from_str(line);
    let rec = fields.deserialize(&mut de).and_then(|r| de.end().map(|()| r)).map_err(|e| {
        let s = e.to_string();
        let msg = s.rfind(" at line ").map_or(s.as_str(), |i| &s[..i]);
        if e.column() > 0 {
            format!("{msg} at column {}", e.column())
        } else {
            msg.to_string()
        }
    })?;
    Ok(rec)
}

impl<'de> DeserializeSeed<'de> for Fields<'_> {
    type Value = Record<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Record<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Fields<'_> {
    type Value = Record<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<'de>, A::Error> {
        let mut rec = Record { text: Value::Missing, id: None, title: None };
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let key = key.0.as_ref();
            if key == self.text {
                rec.text = map.next_value::<Value<'de>>()?;
            } else if key == self.id {
                rec.id = Some(map.next_value::<Value<'de>>()?);
            } else if Some(key) == self.title {
                rec.title = Some(map.next_value::<Value<'de>>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(rec)
    }
}

/// A map key, borrowed from the input when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> de::Deserialize<'de> for Value<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Value<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Value<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value<'de>, E> {
                Ok(Value::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value<'de>, E> {
                Ok(Value::Str(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Value<'de>, E> {
                Ok(Value::Str(Cow::Owned(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value<'de>, E> {
                Ok(Value::Number(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value<'de>, E> {
                Ok(Value::Number(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value<'de>, E> {
                Ok(Value::Number(v.to_string()))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Value<'de>, E> {
                Ok(Value::Other)
            }
            fn visit_unit<E>(self) -> Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Value::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Value::Other)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(source: Source, opts: &ReadOptions) -> Vec<Result<(String, String), String>> {
        let sources = [source];
        Units::new(&sources, opts)
            .flat_map(|u| u.read(opts))
            .map(|r| r.map(|d| (d.id, d.text)).map_err(|p| format!("{}: {}", p.id, p.reason())))
            .collect()
    }

    fn file(dir: &std::path::Path, name: &str, bytes: &[u8]) -> Source {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        let format = Format::from_path(&path).unwrap_or_default();
        Source { id: name.to_string(), path: Some(path), format, size: bytes.len() as u64 }
    }

    #[test]
    fn a_loaded_file_reads_as_the_file_would() {
        let dir = tempfile::tempdir().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, "Қысылған мәтін.\n".as_bytes()).unwrap();
        let long = format!("{}\n", "а".repeat(40));
        let sources = [
            file(dir.path(), "plain.txt", "Сәлем, әлем!\nЕкінші жол.\n".as_bytes()),
            file(dir.path(), "legacy.txt", &[0xCA, 0xE8, 0xF2, 0xE0, 0xEF, b'\n']),
            file(dir.path(), "packed.txt.gz", &gz.finish().unwrap()),
            file(dir.path(), "blank.txt", b" \n\n"),
            file(dir.path(), "long.txt", long.as_bytes()),
            Source { path: Some(dir.path().join("gone.txt")), ..file(dir.path(), "gone.txt", b"") },
        ];
        fs::remove_file(dir.path().join("gone.txt")).unwrap();
        let opts = ReadOptions { max_record_bytes: 64, ..ReadOptions::default() };
        let show = |r: Result<Document, Problem>| r.map(|d| (d.id, d.text, d.encoding)).map_err(|p| (p.reason(), p.id));
        for source in sources {
            let unit = Unit::File(source.clone());
            let loaded = Unit::File(source.clone()).load(&opts);
            // Only a file within the record limit is read ahead.
            assert_eq!(matches!(loaded, Unit::Loaded(_)), source.size <= 64, "{}", source.id);
            let want: Vec<_> = unit.read(&opts).into_iter().map(show).collect();
            assert_eq!(loaded.read(&opts).into_iter().map(show).collect::<Vec<_>>(), want, "{}", source.id);
        }
    }

    #[test]
    fn jsonl_records_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let body = concat!(
            "{\"id\": \"a\", \"text\": \"Бірінші\"}\n",
            "\n",
            "{\"text\": \"Екінші \\\"сөз\\\"\", \"x\": [1, {\"y\": 2}]}\r\n",
            "{\"id\": 7, \"text\": \n",
            "{\"id\": \"b\", \"body\": \"жоқ\"}\n",
            "{\"id\": \"c\", \"text\": null}\n",
            "[1, 2]\n",
            "{\"id\": \"d\", \"text\": \"Соңғы\"}"
        );
        let got = read_all(file(dir.path(), "a.jsonl", body.as_bytes()), &ReadOptions::default());
        let want: Vec<Result<(String, String), String>> = vec![
            Ok(("a".into(), "Бірінші".into())),
            Ok(("a.jsonl:3".into(), "Екінші \"сөз\"".into())),
            Err("a.jsonl: line 4: EOF while parsing a value at column 18".into()),
            Err("a.jsonl: line 5: no field `text`".into()),
            Err("a.jsonl: line 6: field `text` is null".into()),
            Err("a.jsonl: line 7: invalid type: sequence, expected a JSON object".into()),
            Ok(("d".into(), "Соңғы".into())),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn long_records_are_skipped_and_reading_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let long = format!("{{\"text\": \"{}\"}}\n", "а".repeat(200));
        let body = format!("{{\"text\": \"бір\"}}\n{long}{{\"text\": \"екі\"}}\n");
        let opts = ReadOptions { max_record_bytes: 100, ..ReadOptions::default() };
        let got = read_all(file(dir.path(), "l.jsonl", body.as_bytes()), &opts);
        assert_eq!(got[1], Err("l.jsonl: line 2: longer than 100 bytes (--max-record-bytes)".into()));
        assert_eq!(got[2], Ok(("l.jsonl:3".into(), "екі".into())));
        let text = format!("бір\n{}\nекі", "а".repeat(300));
        let got = read_all(file(dir.path(), "l.txt", text.as_bytes()), &opts);
        assert_eq!(got, [Err("l.txt: line 2: longer than 100 bytes (--max-record-bytes)".to_string())]);
    }

    #[test]
    fn csv_and_tsv() {
        let dir = tempfile::tempdir().unwrap();
        let csv = "id,title,text\n1,Т,\"Бірінші, \"\"сөз\"\"\nжол\"\n,,Екінші\nshort\n";
        let opts = ReadOptions { title_field: Some("title".into()), ..ReadOptions::default() };
        let got = read_all(file(dir.path(), "a.csv", csv.as_bytes()), &opts);
        assert_eq!(
            got,
            [
                Ok(("1".into(), "Бірінші, \"сөз\"\nжол".into())),
                Ok(("a.csv:4".into(), "Екінші".into())),
                Err("a.csv: line 5: no column `text` (the record has 1 fields)".into())
            ]
        );
        let tsv = "text\tid\n\"Тырнақша\tx\n";
        assert_eq!(read_all(file(dir.path(), "b.tsv", tsv.as_bytes()), &opts), [Ok(("x".into(), "\"Тырнақша".into()))]);
        let got = read_all(file(dir.path(), "c.csv", b"body\nx\n"), &opts);
        assert_eq!(got, [Err("c.csv: no column `text` in the header (body)".to_string())]);
    }

    #[test]
    fn gzip_multi_member() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = Vec::new();
        for part in ["{\"text\": \"бір\"}\n", "{\"text\": \"екі\"}\n"] {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(part.as_bytes()).unwrap();
            bytes.extend(gz.finish().unwrap());
        }
        let got = read_all(file(dir.path(), "g.jsonl.gz", &bytes), &ReadOptions::default());
        assert_eq!(got, [Ok(("g.jsonl.gz:1".into(), "бір".into())), Ok(("g.jsonl.gz:2".into(), "екі".into()))]);
        let got = read_all(file(dir.path(), "g.txt.gz", &bytes), &ReadOptions::default());
        assert_eq!(got.len(), 1);
    }

    /// The units of one source read with `stream_bytes`.
    fn stream_units(source: Source, stream_bytes: u64, opts: &ReadOptions) -> Vec<Unit> {
        let opts = ReadOptions { stream_bytes: Some(stream_bytes), ..opts.clone() };
        let sources = [source];
        Units::new(&sources, &opts).collect()
    }

    fn pieces(units: Vec<Unit>) -> Vec<Piece> {
        units
            .into_iter()
            .map(|u| match u {
                Unit::Piece(p) => p,
                other => panic!("not a piece: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn large_texts_come_in_pieces_cut_at_line_ends() {
        let dir = tempfile::tempdir().unwrap();
        let text: String = (0..300).map(|i| format!("{i} жол{}\n", "ы".repeat(i % 17))).collect();
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(text.as_bytes());
        let opts = ReadOptions::default();
        let got = pieces(stream_units(file(dir.path(), "a.txt", &bytes), 1000, &opts));
        assert!(got.len() > 10, "{} pieces", got.len());
        let flags: Vec<(bool, bool, bool)> = got.iter().map(|p| (p.is_first(), p.is_last(), p.is_whole())).collect();
        assert_eq!(flags[0], (true, false, false));
        assert!(flags[1..flags.len() - 1].iter().all(|f| *f == (false, false, false)));
        assert_eq!(flags[flags.len() - 1], (false, true, false));
        let texts: Vec<String> = got.into_iter().map(|p| p.read(&opts).unwrap()).collect();
        assert!(texts.iter().all(|t| t.ends_with('\n')), "cut at line ends");
        assert!(texts[..texts.len() - 1].iter().all(|t| t.len() >= 250), "past 1000 / 4 bytes");
        assert_eq!(texts.concat(), text, "the pieces put together are the text, without the BOM");

        // windows-1251: detected from the start, every piece decoded with it.
        let cyrillic = "Привет мир, это текст.\n".repeat(100);
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode(&cyrillic);
        let got = pieces(stream_units(file(dir.path(), "b.txt", &cp), 500, &opts));
        assert!(got.len() > 1 && got.iter().all(|p| p.encoding() == Encoding::Windows1251));
        let texts: Vec<String> = got.into_iter().map(|p| p.read(&opts).unwrap()).collect();
        assert_eq!(texts.concat(), cyrillic);

        // Smaller than the threshold: an ordinary file unit; gzip that turns out small,
        // or UTF-16 (which cannot be cut at 0x0A): one whole piece.
        assert!(matches!(stream_units(file(dir.path(), "c.txt", b"small"), 1000, &opts)[..], [Unit::File(_)]));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"small, but compressed").unwrap();
        let unit = stream_units(file(dir.path(), "d.txt.gz", &gz.finish().unwrap()), 64, &opts);
        let [Unit::Piece(p)] = &unit[..] else { panic!("{unit:?}") };
        assert!(p.is_whole() && p.is_first() && p.is_last());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let unit = stream_units(file(dir.path(), "e.txt", &utf16), 1000, &opts);
        let [Unit::Piece(p)] = &unit[..] else { panic!("{unit:?}") };
        assert!(p.is_whole());
        let docs: Vec<_> = unit.into_iter().flat_map(|u| u.read(&opts)).collect();
        assert_eq!(docs[0].as_ref().unwrap().text, text);
        assert_eq!(docs[0].as_ref().unwrap().encoding, Encoding::Utf16Le);
    }

    #[test]
    fn pieces_are_cut_where_the_text_says_whatever_the_reads() {
        // Large enough for pieces that are handed out in the buffer they were read into,
        // with lines of many lengths; plain and through gzip, whose reads come in other
        // sizes.
        let dir = tempfile::tempdir().unwrap();
        let text: String = (0..12_000).map(|i| format!("{i} {}\n", "сөз ".repeat(i * 7 % 97))).collect();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, text.as_bytes()).unwrap();
        let (stream_bytes, piece_bytes) = (512 << 10, 128 << 10);
        // Each piece ends just past the first line end at or after `piece_bytes` bytes.
        let mut want = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let from = start + piece_bytes - 1;
            let end = if from >= text.len() {
                text.len()
            } else {
                memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i + 1)
            };
            want.push(&text[start..end]);
            start = end;
        }
        assert!(want.len() > 20);
        let opts = ReadOptions::default();
        for (name, bytes) in [("big.txt", text.as_bytes().to_vec()), ("big.txt.gz", gz.finish().unwrap())] {
            let got = pieces(stream_units(file(dir.path(), name, &bytes), stream_bytes, &opts));
            let texts: Vec<String> = got.into_iter().map(|p| p.read(&opts).unwrap()).collect();
            assert_eq!(texts, want, "{name}");
        }
    }

    #[test]
    fn a_long_line_in_a_stream_ends_it_with_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("{}{}\n{}", "бір екі\n".repeat(100), "ө".repeat(300), "үш\n".repeat(100));
        let opts = ReadOptions { max_record_bytes: 500, ..ReadOptions::default() };
        let whole = read_all(file(dir.path(), "a.txt", text.as_bytes()), &opts);
        let got = pieces(stream_units(file(dir.path(), "a.txt", text.as_bytes()), 400, &opts));
        let last = got.into_iter().last().unwrap();
        assert!(last.is_last());
        let err = last.read(&opts).map_err(|p| format!("{}: {}", p.id, p.reason()));
        assert_eq!(whole, [Err("a.txt: line 101: longer than 500 bytes (--max-record-bytes)".to_string())]);
        assert_eq!(err, Err("a.txt: line 101: longer than 500 bytes (--max-record-bytes)".to_string()));
    }
}
