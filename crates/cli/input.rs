//! Reading the INPUT arguments of the text subcommands.

use anyhow::Result;
use sozdik_corpus::{discover, read_text, Source};

/// The sources named by `inputs` (standard input when there are none). Problems with
/// single files are printed and counted; a missing INPUT is an error.
pub(crate) fn sources(inputs: &[String]) -> Result<(Vec<Source>, usize)> {
    let inputs = if inputs.is_empty() { vec!["-".to_string()] } else { inputs.to_vec() };
    let (sources, problems) = discover(&inputs)?;
    for (_, e) in &problems {
        eprintln!("sozdik: {e}");
    }
    Ok((sources, problems.len()))
}

/// Calls `each` with the text of every readable source; returns how many could not be read.
pub(crate) fn for_each_text(sources: &[Source], mut each: impl FnMut(&Source, &str) -> Result<()>) -> Result<usize> {
    let mut failed = 0;
    for s in sources {
        match read_text(s) {
            Ok(text) => each(s, &text)?,
            Err(e) => {
                eprintln!("sozdik: {e}");
                failed += 1;
            }
        }
    }
    Ok(failed)
}
