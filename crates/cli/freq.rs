//! `sozdik freq`: the whole pipeline over a corpus, with reports.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;
use sozdik_corpus::{ReadOptions, Units};
use sozdik_freq::{check_output_dir, run_units, Config, ReportWriter};

use crate::input::InputArgs;
use crate::EXIT_SKIPPED;

#[derive(Debug, Args)]
pub(crate) struct FreqArgs {
    /// Files or folders (searched recursively for .txt, .jsonl, .ndjson, .csv, .tsv, each
    /// optionally .gz), or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Folder to write the reports into (created if missing).
    #[arg(short, long)]
    output: PathBuf,
    /// Worker threads (default: one per core). One more thread reads the input ahead of them.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Count stop words too.
    #[arg(long)]
    keep_stopwords: bool,
    /// Leave words and stems seen fewer times out of the tables.
    #[arg(long, default_value_t = 1)]
    min_count: u64,
    #[command(flatten)]
    stopwords: crate::input::StopwordArgs,
    /// No progress bar or messages on standard error.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    input: InputArgs,
    /// Read text files of at least this many bytes (and standard input or gzip text
    /// reaching it) in pieces, counted in parallel, without article structure. Hidden:
    /// for tests, which set it small.
    #[arg(long, hide = true, value_name = "BYTES", default_value_t = sozdik_corpus::DEFAULT_STREAM_BYTES)]
    stream_bytes: u64,
    // ML hook: --matrix, --keywords, --ngrams and their options (crates/cli/ml.rs).
    #[command(flatten)]
    ml: crate::ml::MlArgs,
}

pub(crate) fn freq(args: FreqArgs) -> Result<u8> {
    let config = Config {
        stopwords: args.stopwords.load()?,
        keep_stopwords: args.keep_stopwords,
        threads: args.threads,
        read: ReadOptions { stream_bytes: Some(args.stream_bytes), ..args.input.options() },
        dedup: args.input.dedup(true),
        ml: args.ml.config()?,
    };
    // INPUTs are checked now and walked during the run, each folder listed when the
    // walk reaches it: counting starts at once, and a large tree is never held listed.
    let units = Units::discover(&args.inputs, &config.read)?;
    // Fail now, not after a long run, when the reports cannot be written.
    let existed = args.output.exists();
    check_output_dir(&args.output)?;
    let remove_created = || {
        if !existed {
            // Only removes the folder if it is still empty.
            let _ = std::fs::remove_dir(&args.output);
        }
    };

    // documents.csv and duplicates.csv are written as the run goes, into temporary
    // files that are renamed with the other reports at the end.
    let mut writer = match ReportWriter::create(&args.output) {
        Ok(w) => w,
        Err(e) => {
            remove_created();
            return Err(e.into());
        }
    };
    let progress = crate::input::Progress::new(args.quiet);
    let outcome = run_units(units, &config, &|bytes| progress.add(bytes), &mut writer);
    progress.finish();

    if outcome.inputs == 0 && outcome.skipped.is_empty() {
        drop(writer);
        remove_created();
        bail!("{}: no input files found", args.inputs.join(", "));
    }
    if outcome.documents == 0 {
        for s in &outcome.skipped {
            eprintln!("sozdik: {}: {}", s.path, s.reason);
        }
        // Removes the writer's temporary files before the folder.
        drop(writer);
        remove_created();
        bail!("nothing could be read from {}", args.inputs.join(", "));
    }
    let written = writer.finish_run(&outcome, args.keep_stopwords, args.min_count, args.threads);
    let summary = match written {
        Ok(s) => s,
        Err(e) => {
            remove_created();
            return Err(e.into());
        }
    };

    if !args.quiet {
        for s in &outcome.skipped {
            eprintln!("sozdik: skipped {}: {}", s.path, s.reason);
        }
        let s = &summary;
        eprintln!(
            "sozdik: {} documents ({} duplicates, {} skipped), {} words, {} distinct, {} stems in {:.2}s; reports in {}",
            s.documents,
            s.duplicates,
            s.skipped,
            s.words,
            s.types,
            s.stems,
            s.seconds,
            args.output.display()
        );
    }
    let code = if outcome.skipped.is_empty() { 0 } else { EXIT_SKIPPED };
    // The process exits next: freeing the tables' hundred thousand small allocations
    // one by one would only cost time.
    std::mem::forget(outcome);
    Ok(code)
}
