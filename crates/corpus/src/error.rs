//! Errors reading inputs: each names the file, and the line when there is one.

use std::io;
use std::path::PathBuf;

use crate::encoding::DecodeError;

/// An error reading an input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The INPUT given on the command line does not exist.
    #[error("{path}: no such file or folder")]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// An I/O error (permission denied, a broken gzip stream, …).
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: io::Error,
    },
    /// The bytes are not text in any encoding we read.
    #[error("{path}: {error}")]
    Decode {
        /// The file.
        path: PathBuf,
        /// Why, with the byte offset.
        error: DecodeError,
    },
    /// One record (a JSONL line, a CSV record, a line of a text file) is bad; the
    /// message says why, e.g. `expected value at column 12`.
    #[error("{path}: line {line}: {message}")]
    Record {
        /// The file.
        path: PathBuf,
        /// The line the record starts on (1-based).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The CSV header lacks a column, or a whole file is unusable for another reason
    /// given in the message.
    #[error("{path}: {message}")]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The document has no text (after HTML stripping, when that is on).
    #[error("{path}: empty document")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A symbolic link leads back to a folder being walked.
    #[error("{path}: symbolic link loop")]
    Loop {
        /// The link.
        path: PathBuf,
    },
    /// A `--glob` pattern is invalid.
    #[error("invalid glob `{glob}`: {message}")]
    Glob {
        /// The pattern.
        glob: String,
        /// Why.
        message: String,
    },
}

impl Error {
    /// The reason alone, without the path: what `skipped.csv` records.
    pub fn reason(&self) -> String {
        match self {
            Error::NotFound { .. } => "no such file or folder".to_string(),
            Error::Io { source, .. } => io_reason(source),
            Error::Decode { error, .. } => error.to_string(),
            Error::Record { line, message, .. } => format!("line {line}: {message}"),
            Error::File { message, .. } => message.clone(),
            Error::Empty { .. } => "empty document".to_string(),
            Error::Loop { .. } => "symbolic link loop".to_string(),
            Error::Glob { .. } => self.to_string(),
        }
    }
}

pub(crate) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::IsADirectory => "is a folder".to_string(),
        _ => {
            // Drop the "(os error N)" noise and keep the message.
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s,
            }
        }
    }
}

/// An input that could not be read, or a record in it, with the document id of the
/// file it belongs to (its path relative to its INPUT).
#[derive(Debug)]
pub struct Problem {
    /// The file's document id.
    pub id: String,
    /// What went wrong.
    pub error: Error,
}

impl Problem {
    /// The reason for `skipped.csv`.
    pub fn reason(&self) -> String {
        self.error.reason()
    }
}
