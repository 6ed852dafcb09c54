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

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_e` (its `mimalloc.h`): how many
/// milliseconds freed memory is kept before it is handed back to the kernel; -1 never.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// See [`keep_freed_memory`].
const PURGE_DELAY_MS: std::ffi::c_long = 500;

/// Freed memory is kept for the next allocation for half a second before it is handed
/// back to the kernel (mimalloc's default is 10 ms).
///
/// A corpus run frees each chunk's text, and the old arrays of its growing tables, and
/// a moment later takes as much again. Handed back, that memory comes again as new
/// pages, which the kernel faults in and zeroes: on the benchmark folder, one thread,
/// `clear_page` fell from 15-19% of perf's samples to 2% when nothing was handed back.
/// What a run no longer uses at all (the arrays its tables outgrew, memory left to a
/// thread that has ended) is handed back after the delay: never handing it back, the
/// benchmark folder read ten times over peaked at 83 to 113 MB against 84 to 93 for one
/// copy; with the delay at 75 to 82 MB, and a run of under half a second is unchanged.
/// `MIMALLOC_PURGE_DELAY` in the environment still decides, when it is set.
fn keep_freed_memory() {
    // SAFETY: sets a plain option before any other thread runs.
    unsafe { libmimalloc_sys::mi_option_set_default(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
}

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
    keep_freed_memory();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The option number is mimalloc's purge delay: the environment variable of that
    /// name, set for a child run of this test, is what mimalloc reports for it.
    #[test]
    fn the_purge_delay_option_is_mimallocs() {
        const CHILD: &str = "SOZDIK_PURGE_DELAY_CHILD";
        // SAFETY: reads a plain option.
        let delay = || unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        if std::env::var_os(CHILD).is_some() {
            assert_eq!(delay(), 4321);
            return;
        }
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            keep_freed_memory();
            assert_eq!(delay(), PURGE_DELAY_MS);
        }
        let exe = std::env::current_exe().expect("test binary");
        let out = std::process::Command::new(exe)
            .args(["tests::the_purge_delay_option_is_mimallocs", "--exact", "--nocapture"])
            .env(CHILD, "1")
            .env("MIMALLOC_PURGE_DELAY", "4321")
            .output()
            .expect("run the test binary");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && text.contains("1 passed"), "{text}{}", String::from_utf8_lossy(&out.stderr));
    }
}
