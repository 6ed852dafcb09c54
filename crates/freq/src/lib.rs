//! Parallel word and stem frequency counting over a corpus, and its CSV reports.
//!
//! This is the one stage that runs in parallel and the one that assembles the
//! others: each document is read, its article structure recognized, its body
//! tokenized, every word normalized and lowercased, checked against the stop
//! words, and counted; each distinct word is stemmed once, the first time a
//! table meets it. Every worker thread fills its own [`Table`]; the tables of a run
//! share a vocabulary that grows between chunks of work, so a word one thread has
//! met is known to all, and the tables are merged at the end. Reports are sorted by
//! count (descending) and then key, so the thread count and the hasher never show in
//! the output: the same input gives byte-identical reports whatever `threads` is.
//!
//! ```
//! use sozdik_freq::{count_text, Config, Table};
//!
//! let config = Config::default();
//! let mut table = Table::default();
//! let norm = config.normalizer("");
//! let stats = count_text(&mut table, &config, &norm, 0, "Кітаптар мен кітабым. Кітап!");
//! assert_eq!(stats.words, 4);
//! assert_eq!(stats.stopwords, 1); // мен
//! let stems = table.stem_rows(false);
//! assert_eq!(stems[0].stem, "кітап");
//! assert_eq!(stems[0].count, 3);
//! assert_eq!(stems.forms(&stems[0]), [("кітабым", 1), ("кітап", 1), ("кітаптар", 1)]);
//! ```

mod clean;
mod count;
mod csv_rows;
mod key;
mod map;
mod ml;
mod ml_report;
mod readers;
mod report;
mod run;
mod stream;
mod vocab;

pub use clean::{clean, CleanConfig, CleanFormat, CleanOutcome, Per};
pub use count::{count_parts, count_text, DocStats, StemRow, StemRows, Table, WordRow};
pub use ml::{KeywordRow, MlConfig, MlReports, NgramRow, Terms, VocabRow};
pub use report::{check_output_dir, temp_file_in, write_reports, ReportWriter, Reports, Summary};
pub use run::{count_document, run, run_into, run_units, Config, DocumentRow, Duplicate, Outcome, Rows, Sink, Skipped};
