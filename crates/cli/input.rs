//! Reading INPUT: the options every subcommand that reads INPUT shares, and a
//! sequential document reader for the stage subcommands.

use std::collections::HashSet;

use anyhow::Result;
use clap::{Args, ValueEnum};
use sozdik_corpus::{
    discover_with, fingerprint, Document, Encoding, Format, Html, Problem, ReadOptions, Source, Units,
    DEFAULT_MAX_RECORD_BYTES,
};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum InputFormat {
    /// By extension: .txt, .jsonl/.ndjson, .csv, .tsv (each optionally .gz); other files are text.
    Auto,
    /// Plain text, one document a file.
    Text,
    /// JSON Lines, one document a line.
    Jsonl,
    /// CSV with a header row, one document a record.
    Csv,
    /// Tab-separated values with a header row, no quoting.
    Tsv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum EncodingArg {
    /// Detect: a BOM, else UTF-8, else windows-1251 or KZ-1048 by plausibility.
    Auto,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "utf-16le")]
    Utf16le,
    #[value(name = "utf-16be")]
    Utf16be,
    #[value(name = "windows-1251", alias = "cp1251")]
    Windows1251,
    #[value(name = "kz-1048", alias = "kz1048")]
    Kz1048,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum HtmlArg {
    /// Strip when a document has HTML tags or entities.
    Auto,
    /// Always strip.
    On,
    /// Never strip.
    Off,
}

/// How INPUT is read; shared by every subcommand that reads INPUT.
#[derive(Debug, Args)]
#[command(next_help_heading = "Input")]
pub(crate) struct InputArgs {
    /// The format of every input (default: by extension).
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormat,
    /// The encoding of every input (default: detected per file).
    #[arg(long, value_enum, default_value = "auto")]
    encoding: EncodingArg,
    /// JSONL field or CSV column with the text.
    #[arg(long, alias = "text-column", value_name = "NAME", default_value = "text")]
    text_field: String,
    /// JSONL field or CSV column with the document id (else `path:line`).
    #[arg(long, alias = "id-column", value_name = "NAME", default_value = "id")]
    id_field: String,
    /// JSONL field or CSV column with the title.
    #[arg(long, alias = "title-column", value_name = "NAME")]
    title_field: Option<String>,
    /// Read only the files of folders matching this glob (relative path; repeatable), e.g. '*.jsonl.gz'.
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// Skip a line or record longer than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_RECORD_BYTES)]
    max_record_bytes: usize,
    /// Strip HTML tags and decode entities.
    #[arg(long, value_enum, default_value = "auto")]
    html: HtmlArg,
    /// Count exact duplicate documents once (default for freq) and list the others.
    #[arg(long, overrides_with = "no_dedup")]
    dedup: bool,
    /// Keep exact duplicate documents.
    #[arg(long, overrides_with = "dedup")]
    no_dedup: bool,
}

impl InputArgs {
    /// The reading options.
    pub(crate) fn options(&self) -> ReadOptions {
        ReadOptions {
            format: match self.input_format {
                InputFormat::Auto => None,
                InputFormat::Text => Some(Format::Text),
                InputFormat::Jsonl => Some(Format::Jsonl),
                InputFormat::Csv => Some(Format::Csv),
                InputFormat::Tsv => Some(Format::Tsv),
            },
            encoding: match self.encoding {
                EncodingArg::Auto => None,
                EncodingArg::Utf8 => Some(Encoding::Utf8),
                EncodingArg::Utf16le => Some(Encoding::Utf16Le),
                EncodingArg::Utf16be => Some(Encoding::Utf16Be),
                EncodingArg::Windows1251 => Some(Encoding::Windows1251),
                EncodingArg::Kz1048 => Some(Encoding::Kz1048),
            },
            text_field: self.text_field.clone(),
            id_field: self.id_field.clone(),
            title_field: self.title_field.clone(),
            max_record_bytes: self.max_record_bytes,
            html: match self.html {
                HtmlArg::Auto => Html::Auto,
                HtmlArg::On => Html::On,
                HtmlArg::Off => Html::Off,
            },
            globs: self.glob.clone(),
            // Only freq reads large text files in pieces; it sets this.
            stream_bytes: None,
        }
    }

    /// Whether to drop duplicates, given the subcommand's default.
    pub(crate) fn dedup(&self, default: bool) -> bool {
        if self.dedup {
            true
        } else if self.no_dedup {
            false
        } else {
            default
        }
    }
}

/// The sources named by `inputs` (standard input when there are none), and the
/// problems found while walking folders. A missing INPUT is an error.
pub(crate) fn sources(inputs: &[String], opts: &ReadOptions) -> Result<(Vec<Source>, Vec<Problem>)> {
    let inputs = if inputs.is_empty() { vec!["-".to_string()] } else { inputs.to_vec() };
    Ok(discover_with(&inputs, opts)?)
}

/// What a sequential read went through.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// Documents handed to the caller.
    pub(crate) documents: usize,
    /// Files or records that could not be read (printed to standard error).
    pub(crate) failed: usize,
    /// Duplicates left out.
    pub(crate) duplicates: usize,
}

/// Calls `each` with every readable document, in input order. Problems are printed to
/// standard error and counted; with `dedup`, exact duplicates are left out.
pub(crate) fn for_each_document(
    sources: &[Source],
    problems: Vec<Problem>,
    opts: &ReadOptions,
    dedup: bool,
    mut each: impl FnMut(&Document) -> Result<()>,
) -> Result<Tally> {
    let mut tally = Tally::default();
    let report = |p: Problem, tally: &mut Tally| {
        eprintln!("sozdik: skipped {}: {}", p.id, p.reason());
        tally.failed += 1;
    };
    for p in problems {
        report(p, &mut tally);
    }
    let mut seen = HashSet::new();
    for unit in Units::new(sources, opts) {
        for r in unit.read(opts) {
            match r {
                Ok(doc) => {
                    if dedup && !seen.insert(fingerprint(&doc.text)) {
                        tally.duplicates += 1;
                        continue;
                    }
                    tally.documents += 1;
                    each(&doc)?;
                }
                Err(p) => report(p, &mut tally),
            }
        }
    }
    Ok(tally)
}

/// The progress display of a corpus run: bytes read and the rate, on standard error,
/// drawn only when standard error is a terminal (indicatif hides it otherwise) and not
/// `quiet`. Never on standard output, which may carry the results.
pub(crate) struct Progress {
    /// None when nothing is drawn.
    bar: Option<indicatif::ProgressBar>,
    /// Bytes not told to the bar yet.
    pending: std::sync::atomic::AtomicU64,
}

/// The bar is told of the bytes read this many at a time: the workers report each
/// document, hundreds of thousands of them in a corpus of short records, and the bar
/// reads the clock each time it is told.
const PROGRESS_STEP: u64 = 1 << 18;

impl Progress {
    pub(crate) fn new(quiet: bool) -> Progress {
        use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
        let pending = std::sync::atomic::AtomicU64::new(0);
        let target = ProgressDrawTarget::stderr();
        if quiet || target.is_hidden() {
            return Progress { bar: None, pending };
        }
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {decimal_bytes} read, {decimal_bytes_per_sec} [{elapsed}]")
                .expect("valid template"),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(250));
        Progress { bar: Some(bar), pending }
    }

    /// Adds `bytes` read (from any thread).
    pub(crate) fn add(&self, bytes: u64) {
        use std::sync::atomic::Ordering::Relaxed;
        let Some(bar) = &self.bar else { return };
        if self.pending.fetch_add(bytes, Relaxed) + bytes >= PROGRESS_STEP {
            bar.inc(self.pending.swap(0, Relaxed));
        }
    }

    /// Takes the display off the terminal.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The stop-word options of `freq` and `clean`.
#[derive(Debug, clap::Args)]
pub(crate) struct StopwordArgs {
    /// Use this stop-word file (one word a line, `#` comments) instead of the built-in list.
    #[arg(long, value_name = "FILE")]
    stopwords: Option<std::path::PathBuf>,
    /// Keep the built-in stop words of this category (repeatable), e.g. `auxiliaries`.
    #[arg(long, value_name = "CATEGORY")]
    stopwords_exclude: Vec<String>,
    /// Also leave out an optional category of the built-in list (repeatable): `numerals`.
    #[arg(long, value_name = "CATEGORY")]
    stopwords_include: Vec<String>,
}

impl StopwordArgs {
    /// The stop words these options choose.
    pub(crate) fn load(&self) -> Result<sozdik_stopwords::StopWords> {
        use anyhow::Context;
        if let Some(path) = &self.stopwords {
            let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
            return Ok(sozdik_stopwords::StopWords::from_text(&text));
        }
        let exclude: Vec<&str> = self.stopwords_exclude.iter().map(String::as_str).collect();
        let include: Vec<&str> = self.stopwords_include.iter().map(String::as_str).collect();
        Ok(sozdik_stopwords::StopWords::builtin_with(&exclude, &include)?)
    }
}
