//! The stage subcommands: tokenize, normalize, stem, stopwords.

use std::io::{self, BufRead, BufWriter, Write};

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;
use sozdik_script::{lowercase, normalize_text, normalize_word};
use sozdik_tokenize::{tokens, TokenKind};

use crate::input::{for_each_document, sources, InputArgs, Tally};
use crate::{EXIT_FATAL, EXIT_SKIPPED};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum TokenFormat {
    /// One line per input line, tokens separated by single spaces.
    Text,
    /// One token a line: line, start, end, kind, text, normalized.
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
    input: InputArgs,
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
    let tally = for_each_document(&srcs, problems, &opts, args.input.dedup(false), |doc| {
        for line in doc.text.lines() {
            line_no += 1;
            let mut first = true;
            for t in tokens(line).filter(|t| t.kind != TokenKind::Space) {
                let s = &line[t.span];
                match args.format {
                    TokenFormat::Text => {
                        if !first {
                            out.write_all(b" ")?;
                        }
                        out.write_all(s.as_bytes())?;
                    }
                    TokenFormat::Tsv | TokenFormat::Jsonl => {
                        let normalized = normalize_word(s);
                        let normalized = lowercase(&normalized);
                        let row = TokenRow {
                            line: line_no,
                            start: t.span.start,
                            end: t.span.end,
                            kind: t.kind.name(),
                            text: s,
                            normalized: &normalized,
                        };
                        if matches!(args.format, TokenFormat::Tsv) {
                            if line_no == 1 && first {
                                writeln!(out, "line\tstart\tend\tkind\ttext\tnormalized")?;
                            }
                            writeln!(
                                out,
                                "{}\t{}\t{}\t{}\t{}\t{}",
                                row.line, row.start, row.end, row.kind, s, row.normalized
                            )?;
                        } else {
                            serde_json::to_writer(&mut out, &row)?;
                            out.write_all(b"\n")?;
                        }
                    }
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

pub(crate) fn normalize(args: NormalizeArgs) -> Result<u8> {
    let opts = args.input.options();
    let (srcs, problems) = sources(&args.inputs, &opts)?;
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let tally = for_each_document(&srcs, problems, &opts, args.input.dedup(false), |doc| {
        for line in doc.text.lines() {
            out.write_all(normalize_text(line, args.lower).as_bytes())?;
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
