//! The stage subcommands: tokenize, normalize, stem, stopwords.

use std::io::{self, BufRead, BufWriter, Write};

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;
use sozdik_script::{normalize_word, NormalizeOptions, Normalizer};
use sozdik_tokenize::{sentences, tokens, TokenKind};

use crate::input::{for_each_document, sources, InputArgs, Tally};
use crate::{EXIT_FATAL, EXIT_SKIPPED};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum TokenFormat {
    /// One line per input line, tokens separated by single spaces (white space inside a
    /// token, as in `1 374`, is dropped).
    Text,
    /// One token a line: line, start, end, kind, text, normalized, sentence.
    Tsv,
    /// One JSON object per token, with the TSV columns as fields.
    Jsonl,
}

#[derive(Debug, Args)]
pub(crate) struct TokenizeArgs {
    /// Files or folders to read (`-` or nothing: standard input).
    inputs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TokenFormat,
    /// Keep case in the `normalized` column (it is lowercased by default).
    #[arg(long)]
    keep_case: bool,
    #[command(flatten)]
    steps: StepFlags,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Debug, Args)]
pub(crate) struct NormalizeArgs {
    /// Files or folders to read (`-` or nothing: standard input).
    inputs: Vec<String>,
    /// Also lowercase.
    #[arg(long)]
    lower: bool,
    #[command(flatten)]
    steps: StepFlags,
    #[command(flatten)]
    input: InputArgs,
}

/// Switches for the normalization steps (all on by default). The script of each document
/// and KZ-1048 damage are detected per document.
#[derive(Debug, Clone, Copy, Args)]
pub(crate) struct StepFlags {
    /// Do not apply Unicode NFC.
    #[arg(long)]
    no_nfc: bool,
    /// Keep invisible and format characters, stress marks and odd spaces.
    #[arg(long)]
    no_invisible: bool,
    /// Keep letters of other Cyrillic alphabets typed for Kazakh ones (ӊ ҡ ӏ).
    #[arg(long)]
    no_lookalikes: bool,
    /// Do not repair words that mix Latin and Cyrillic letters.
    #[arg(long)]
    no_mixed_script: bool,
    /// Do not repair KZ-1048 text read as Windows-1251 (ќ for қ, ѕ for ң).
    #[arg(long)]
    no_kz1048: bool,
    /// Do not transliterate Latin-script Kazakh (2017, 2018, 2021 alphabets) to Cyrillic.
    #[arg(long)]
    no_latin: bool,
    /// Keep quote, apostrophe and dash variants as they are.
    #[arg(long)]
    no_punctuation: bool,
}

impl StepFlags {
    fn options(self, lowercase: bool) -> NormalizeOptions {
        NormalizeOptions {
            nfc: !self.no_nfc,
            invisible: !self.no_invisible,
            lookalikes: !self.no_lookalikes,
            mixed_script: !self.no_mixed_script,
            kz1048: !self.no_kz1048,
            latin_kazakh: !self.no_latin,
            punctuation: !self.no_punctuation,
            lowercase,
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct StemArgs {
    /// Words to stem (none: one word a line from standard input).
    words: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct StopwordsArgs {}

#[derive(Serialize)]
struct TokenRow<'a> {
    line: usize,
    start: usize,
    end: usize,
    kind: &'static str,
    text: &'a str,
    normalized: &'a str,
    sentence: usize,
}

fn status(tally: &Tally) -> u8 {
    match (tally.failed, tally.documents) {
        (0, _) => 0,
        (_, 0) => EXIT_FATAL,
        _ => EXIT_SKIPPED,
    }
}

pub(crate) fn tokenize(args: TokenizeArgs) -> Result<u8> {
    let opts = args.input.options();
    let (srcs, problems) = sources(&args.inputs, &opts)?;
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let mut line_no = 0;
    let mut sentence_no = 0;
    let options = args.steps.options(!args.keep_case);
    if matches!(args.format, TokenFormat::Tsv) {
        writeln!(out, "line\tstart\tend\tkind\ttext\tnormalized\tsentence")?;
    }
    let tally = for_each_document(&srcs, problems, &opts, args.input.dedup(false), |doc| {
        let normalizer = match args.format {
            TokenFormat::Text => None,
            _ => Some(Normalizer::for_document(options, &doc.text)),
        };
        for line in doc.text.lines() {
            line_no += 1;
            let mut first = true;
            // Sentence spans of the line, in order; tokens walk through them.
            let mut sents = sentences(line).peekable();
            let mut in_sentence: Option<usize> = None;
            for t in tokens(line).filter(|t| t.kind != TokenKind::Space) {
                let s = &line[t.span];
                let Some(normalizer) = &normalizer else {
                    if !first {
                        out.write_all(b" ")?;
                    }
                    // Every space in this format separates tokens: one with white space
                    // inside (1 374, a phone number) is printed without it.
                    if s.contains(char::is_whitespace) {
                        out.write_all(s.replace(char::is_whitespace, "").as_bytes())?;
                    } else {
                        out.write_all(s.as_bytes())?;
                    }
                    first = false;
                    continue;
                };
                while sents.peek().is_some_and(|sp| sp.end <= t.span.start) {
                    sents.next();
                    in_sentence = None;
                }
                if in_sentence.is_none() {
                    sentence_no += 1;
                    in_sentence = Some(sentence_no);
                }
                let normalized = normalizer.normalize(s);
                let row = TokenRow {
                    line: line_no,
                    start: t.span.start,
                    end: t.span.end,
                    kind: t.kind.name(),
                    text: s,
                    normalized: &normalized,
                    sentence: sentence_no,
                };
                if matches!(args.format, TokenFormat::Tsv) {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        row.line,
                        row.start,
                        row.end,
                        row.kind,
                        tsv_field(s),
                        tsv_field(&normalized),
                        row.sentence
                    )?;
                } else {
                    serde_json::to_writer(&mut out, &row)?;
                    out.write_all(b"\n")?;
                }
                first = false;
            }
            if matches!(args.format, TokenFormat::Text) {
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(status(&tally))
}

/// A token for a TSV field: tabs inside it (rare, but possible in a word) become spaces.
fn tsv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\t') {
        std::borrow::Cow::Owned(s.replace('\t', " "))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

pub(crate) fn normalize(args: NormalizeArgs) -> Result<u8> {
    let opts = args.input.options();
    let (srcs, problems) = sources(&args.inputs, &opts)?;
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let options = args.steps.options(args.lower);
    let tally = for_each_document(&srcs, problems, &opts, args.input.dedup(false), |doc| {
        let normalizer = Normalizer::for_document(options, &doc.text);
        for line in doc.text.lines() {
            out.write_all(normalizer.normalize_text(line).as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(status(&tally))
}

pub(crate) fn stem(args: StemArgs) -> Result<u8> {
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let mut one = |word: &str| -> io::Result<()> {
        let w = word.trim();
        let normalized = normalize_word(w);
        let stem = sozdik_stem::stem(&normalized);
        writeln!(out, "{w}\t{stem}")
    };
    if args.words.is_empty() {
        for line in io::stdin().lock().lines() {
            one(&line?)?;
        }
    } else {
        for w in &args.words {
            one(w)?;
        }
    }
    out.flush()?;
    Ok(0)
}

pub(crate) fn stopwords(_: StopwordsArgs) -> Result<u8> {
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let mut seen = std::collections::HashSet::new();
    for e in sozdik_stopwords::builtin_entries().filter(|e| !e.optional) {
        if seen.insert(e.word) {
            writeln!(out, "{}", e.word)?;
        }
    }
    out.flush()?;
    Ok(0)
}
