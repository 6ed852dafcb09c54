//! Writing the machine-learning reports of `freq`: `matrix.mtx`, `vocabulary.csv`,
//! `keywords.csv` and `ngrams.csv`. Each goes to a temporary file first and joins the
//! other reports' pending renames, so all appear together or none does.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde::Serialize;
use tempfile::NamedTempFile;

use crate::ml::MlReports;
use crate::report::{write_csv_temp, write_temp, Error};

#[derive(Serialize)]
struct VocabCsv<'a> {
    index: usize,
    term: &'a str,
    count: u64,
    documents: u64,
}

#[derive(Serialize)]
struct KeywordCsv<'a> {
    document: &'a str,
    rank: usize,
    term: &'a str,
    tfidf: String,
}

#[derive(Serialize)]
struct NgramCsv<'a> {
    n: usize,
    ngram: &'a str,
    count: u64,
    documents: u64,
}

/// Decimal places of `tfidf` in `keywords.csv`.
const TFIDF_DECIMALS: usize = 6;

/// Writes `matrix.mtx`: Matrix Market coordinate format, documents × terms, 1-based,
/// entries by row and then column.
fn write_matrix(out: &mut impl Write, ml: &MlReports) -> io::Result<()> {
    let nnz: usize = ml.rows.iter().map(Vec::len).sum();
    writeln!(out, "%%MatrixMarket matrix coordinate integer general")?;
    writeln!(out, "% sozdik freq: rows are documents in documents.csv order,")?;
    writeln!(out, "% columns are {} in vocabulary.csv order, values are counts", ml.config.terms.name())?;
    writeln!(out, "{} {} {}", ml.rows.len(), ml.vocabulary.len(), nnz)?;
    for (r, row) in ml.rows.iter().enumerate() {
        for &(c, n) in row {
            writeln!(out, "{} {} {}", r + 1, c + 1, n)?;
        }
    }
    out.flush()
}

/// Writes the machine-learning reports that `ml.config` asks for into `dir`, adding
/// them to `pending`. N-grams seen fewer than `min_count` times are left out.
pub(crate) fn write_ml_reports(
    dir: &Path,
    ml: &MlReports,
    min_count: u64,
    pending: &mut Vec<(NamedTempFile, &'static str)>,
) -> Result<(), Error> {
    if ml.config.matrix {
        pending.push(write_temp(dir, "matrix.mtx", |tmp| write_matrix(&mut BufWriter::new(tmp), ml))?);
        pending.push(write_csv_temp(dir, "vocabulary.csv", |w| {
            w.write_record(["index", "term", "count", "documents"])?;
            for v in &ml.vocabulary {
                w.serialize(VocabCsv { index: v.index, term: &v.term, count: v.count, documents: v.documents })?;
            }
            Ok(())
        })?);
    }
    if ml.config.keywords > 0 {
        pending.push(write_csv_temp(dir, "keywords.csv", |w| {
            w.write_record(["document", "rank", "term", "tfidf"])?;
            for k in &ml.keywords {
                let document = ml.documents.get(k.document).map_or("", String::as_str);
                w.serialize(KeywordCsv {
                    document,
                    rank: k.rank,
                    term: &k.term,
                    tfidf: format!("{:.*}", TFIDF_DECIMALS, k.tfidf),
                })?;
            }
            Ok(())
        })?);
    }
    if !ml.config.ngrams.is_empty() {
        pending.push(write_csv_temp(dir, "ngrams.csv", |w| {
            w.write_record(["n", "ngram", "count", "documents"])?;
            for g in ml.ngrams.iter().filter(|g| g.count >= min_count) {
                w.serialize(NgramCsv { n: g.n, ngram: &g.ngram, count: g.count, documents: g.documents })?;
            }
            Ok(())
        })?);
    }
    Ok(())
}
