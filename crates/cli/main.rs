//! `sozdik`: the command line of the Kazakh text toolkit.
//!
//! Each subcommand exposes one stage of the pipeline (`tokenize`, `normalize`,
//! `stem`, `stopwords`) or the whole of it (`freq`, and `clean` for machine-learning tools). Exit status: 0 on success,
//! 1 when some inputs were skipped (the run still completes), 2 on a usage error
//! or when nothing could be read.

mod clean;
mod freq;
mod input;
mod ml;
mod text;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// See the workspace Cargo.toml for why.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Kazakh text toolkit: tokenize, normalize, filter stop words, stem, and count
/// word and stem frequencies over corpora.
#[derive(Debug, Parser)]
#[command(name = "sozdik", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Split text into tokens: one output line per input line, tokens separated by spaces.
    Tokenize(text::TokenizeArgs),
    /// Normalize text (NFC, invisible characters, look-alike and mixed-script letters), keeping lines.
    Normalize(text::NormalizeArgs),
    /// Stem words: prints `word<TAB>stem` for each word (arguments, or one a line on standard input).
    Stem(text::StemArgs),
    /// Print the built-in stop-word list, one word a line.
    Stopwords(text::StopwordsArgs),
    /// Count words and stems over a corpus and write CSV reports.
    Freq(freq::FreqArgs),
    /// Write a corpus as cleaned text for machine-learning tools (text, JSON Lines, CoNLL-U).
    Clean(clean::CleanArgs),
}

/// Exit statuses.
pub(crate) const EXIT_SKIPPED: u8 = 1;
pub(crate) const EXIT_FATAL: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Tokenize(a) => text::tokenize(a),
        Command::Normalize(a) => text::normalize(a),
        Command::Stem(a) => text::stem(a),
        Command::Stopwords(a) => text::stopwords(a),
        Command::Freq(a) => freq::freq(a),
        Command::Clean(a) => clean::clean(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // A closed pipe (`sozdik tokenize big.txt | head`) is not an error.
            if e.chain()
                .any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("sozdik: {e:#}");
            ExitCode::from(EXIT_FATAL)
        }
    }
}
