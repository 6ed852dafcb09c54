//! The machine-learning options of `sozdik freq`: `--matrix`, `--keywords`, `--ngrams`.

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use sozdik_freq::{MlConfig, Terms};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TermsArg {
    /// Stems, as in stems.csv.
    Stems,
    /// Normalized lowercase words, as in words.csv.
    Words,
}

/// Longest n-gram `--ngrams` accepts.
const MAX_N: usize = 9;

#[derive(Debug, Args)]
#[command(next_help_heading = "Machine-learning outputs")]
pub(crate) struct MlArgs {
    /// Also write matrix.mtx (documents × terms, Matrix Market) and vocabulary.csv.
    #[arg(long)]
    matrix: bool,
    /// Terms of the matrix and the keywords.
    #[arg(long, value_enum, default_value = "stems", value_name = "TERMS")]
    matrix_terms: TermsArg,
    /// Leave terms found in fewer than N documents out of the matrix and the keywords.
    #[arg(long, default_value_t = 1, value_name = "N")]
    min_df: u64,
    /// Leave terms found in more than this fraction of the documents out of the matrix
    /// and the keywords.
    #[arg(long, default_value_t = 1.0, value_name = "FRACTION")]
    max_df: f64,
    /// Also write keywords.csv: the top K terms of each document by TF-IDF.
    #[arg(long, value_name = "K")]
    keywords: Option<usize>,
    /// Also write ngrams.csv with word n-grams of these lengths, e.g. `2,3`.
    #[arg(long, value_name = "N,...", value_delimiter = ',')]
    ngrams: Vec<usize>,
}

impl MlArgs {
    /// The checked configuration.
    pub(crate) fn config(&self) -> Result<MlConfig> {
        if !(self.max_df > 0.0 && self.max_df <= 1.0) {
            bail!("--max-df must be a fraction above 0 and at most 1, not {}", self.max_df);
        }
        if self.keywords == Some(0) {
            bail!("--keywords must be at least 1");
        }
        if let Some(&n) = self.ngrams.iter().find(|&&n| !(2..=MAX_N).contains(&n)) {
            bail!("--ngrams: {n} is not an n-gram length from 2 to {MAX_N}");
        }
        let mut ngrams = self.ngrams.clone();
        ngrams.sort_unstable();
        ngrams.dedup();
        Ok(MlConfig {
            matrix: self.matrix,
            keywords: self.keywords.unwrap_or(0),
            terms: match self.matrix_terms {
                TermsArg::Stems => Terms::Stems,
                TermsArg::Words => Terms::Words,
            },
            min_df: self.min_df,
            max_df: self.max_df,
            ngrams,
        })
    }
}
