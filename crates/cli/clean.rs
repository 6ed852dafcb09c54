//! `sozdik clean`: cleaned text for machine-learning tools (text, JSON Lines, CoNLL-U).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use sozdik_freq::{clean as clean_sources, temp_file_in, CleanConfig, CleanFormat, CleanOutcome, Per, Skipped};

use crate::EXIT_SKIPPED;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// One document (or sentence) a line, tokens separated by single spaces.
    Text,
    /// One JSON object a line: id, title, tokens, stems.
    Jsonl,
    /// CoNLL-U: every token, FORM as written, LEMMA the stem, SpaceAfter=No.
    Conllu,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PerArg {
    /// A line (or JSON object) per document.
    Document,
    /// A line (or JSON object) per sentence.
    Sentence,
}

#[derive(Debug, Args)]
pub(crate) struct CleanArgs {
    /// Files or folders (searched recursively for .txt, .jsonl, .ndjson, .csv, .tsv, each optionally
    /// .gz), or `-` (or nothing) for standard input.
    inputs: Vec<String>,
    /// Write to this file (atomically: all or nothing), or `-` for standard output (the default).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,
    /// One line per document or per sentence (text and jsonl).
    #[arg(long, value_enum, default_value = "document")]
    per: PerArg,
    /// Keep punctuation, symbols and emoji (text and jsonl).
    #[arg(long)]
    keep_punct: bool,
    /// Keep numbers (text and jsonl).
    #[arg(long)]
    keep_numbers: bool,
    /// Keep URLs, emails and @mentions (text and jsonl).
    #[arg(long)]
    keep_urls: bool,
    /// Keep stop words (text and jsonl).
    #[arg(long)]
    keep_stopwords: bool,
    /// Write stems instead of words (text).
    #[arg(long)]
    stem: bool,
    #[command(flatten)]
    stopwords: crate::input::StopwordArgs,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// No progress bar or messages on standard error.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    input: crate::input::InputArgs,
}

pub(crate) fn clean(args: CleanArgs) -> Result<u8> {
    let config = CleanConfig {
        format: match args.format {
            FormatArg::Text => CleanFormat::Text,
            FormatArg::Jsonl => CleanFormat::Jsonl,
            FormatArg::Conllu => CleanFormat::Conllu,
        },
        per: match args.per {
            PerArg::Document => Per::Document,
            PerArg::Sentence => Per::Sentence,
        },
        keep_punct: args.keep_punct,
        keep_numbers: args.keep_numbers,
        keep_urls: args.keep_urls,
        keep_stopwords: args.keep_stopwords,
        stem: args.stem,
        stopwords: args.stopwords.load()?,
        threads: args.threads,
        read: args.input.options(),
        dedup: args.input.dedup(false),
    };
    let inputs = if args.inputs.is_empty() { vec!["-".to_string()] } else { args.inputs.clone() };
    let (sources, problems) = crate::input::sources(&inputs, &config.read)?;
    if sources.is_empty() && problems.is_empty() {
        bail!("{}: no input files found", inputs.join(", "));
    }

    let bar = crate::input::Progress::new(args.quiet);
    let progress = |bytes| bar.add(bytes);

    let file = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let mut outcome = match file {
        None => {
            let mut out = BufWriter::with_capacity(1 << 16, io::stdout());
            clean_sources(&sources, &config, &mut out, &progress).context("writing to standard output")?
        }
        Some(path) => {
            // Written next to its destination, renamed into place only when complete.
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            let mut tmp = temp_file_in(dir).with_context(|| format!("{}", path.display()))?;
            let outcome = {
                let mut out = BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
                clean_sources(&sources, &config, &mut out, &progress).with_context(|| format!("{}", path.display()))?
            };
            if outcome.documents > 0 {
                tmp.persist(path).with_context(|| format!("{}", path.display()))?;
            }
            outcome
        }
    };
    bar.finish();
    finish(&mut outcome, problems, &inputs, args.quiet, file)
}

fn finish(
    outcome: &mut CleanOutcome,
    problems: Vec<sozdik_corpus::Problem>,
    inputs: &[String],
    quiet: bool,
    file: Option<&Path>,
) -> Result<u8> {
    let mut skipped: Vec<Skipped> = problems.into_iter().map(|p| Skipped { reason: p.reason(), path: p.id }).collect();
    skipped.append(&mut outcome.skipped);
    if outcome.documents == 0 {
        for s in &skipped {
            eprintln!("sozdik: {}: {}", s.path, s.reason);
        }
        bail!("nothing could be read from {}", inputs.join(", "));
    }
    if !quiet {
        for s in &skipped {
            eprintln!("sozdik: skipped {}: {}", s.path, s.reason);
        }
        let to = file.map_or("standard output".to_string(), |p| p.display().to_string());
        eprintln!(
            "sozdik: {} documents, {} records in {:.2}s to {to}",
            outcome.documents, outcome.records, outcome.seconds
        );
    }
    let _ = io::stderr().flush();
    Ok(if skipped.is_empty() { 0 } else { EXIT_SKIPPED })
}
