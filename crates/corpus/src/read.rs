//! Inputs: discovering files and reading them as text.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// An error reading an input, naming the path and what is wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The INPUT given on the command line does not exist.
    #[error("{path}: no such file or folder")]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// An I/O error.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: io::Error,
    },
    /// The bytes are not valid UTF-8.
    #[error("{path}: invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The file holds binary data (a NUL byte).
    #[error("{path}: not a text file (NUL byte at {offset})")]
    NotText {
        /// The file.
        path: PathBuf,
        /// Offset of the first NUL byte.
        offset: usize,
    },
}

impl Error {
    /// The reason alone, without the path: what `skipped.csv` records.
    pub fn reason(&self) -> String {
        match self {
            Error::NotFound { .. } => "no such file or folder".to_string(),
            Error::Io { source, .. } => io_reason(source),
            Error::InvalidUtf8 { offset, .. } => format!("invalid UTF-8 at byte {offset}"),
            Error::NotText { offset, .. } => format!("not a text file (NUL byte at {offset})"),
        }
    }
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::NotFound => "no such file".to_string(),
        _ => e.to_string(),
    }
}

/// The sources found, and the problems met on the way as `(path, error)`.
pub type Discovered = (Vec<Source>, Vec<(String, Error)>);

/// One document source: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    /// The document id: the path relative to the INPUT folder it was found in, the path
    /// as given for a file named on the command line, or `-` for standard input.
    pub id: String,
    /// The file to read, or `None` for standard input.
    pub path: Option<PathBuf>,
}

/// Expands INPUT arguments into sources: a file is itself, a folder is every `*.txt`
/// below it (recursively, sorted by path, hidden entries skipped), `-` is standard
/// input. A missing INPUT is an error; problems inside a folder are returned as
/// `(path, error)` pairs so the caller can report them and go on.
pub fn discover(inputs: &[String]) -> Result<Discovered, Error> {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        if input == "-" {
            sources.push(Source { id: "-".to_string(), path: None });
            continue;
        }
        let path = Path::new(input);
        let meta = fs::metadata(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => Error::NotFound { path: path.to_path_buf() },
            _ => Error::Io { path: path.to_path_buf(), source: e },
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, path, &mut found, &mut problems);
            found.sort();
            sources.extend(found);
        } else {
            sources.push(Source { id: input.clone(), path: Some(path.to_path_buf()) });
        }
    }
    Ok((sources, problems))
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Source>, problems: &mut Vec<(String, Error)>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push((dir.display().to_string(), Error::Io { path: dir.to_path_buf(), source: e }));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push((dir.display().to_string(), Error::Io { path: dir.to_path_buf(), source: e }));
                continue;
            }
        };
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // file_type() does not follow symlinks, so a link loop is never entered.
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            walk(root, &path, out, problems);
        } else if path.extension().is_some_and(|e| e == "txt") && (ft.is_file() || path.is_file()) {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let id = rel.to_string_lossy().replace('\\', "/");
            out.push(Source { id, path: Some(path) });
        }
    }
}

/// Reads a source as text: UTF-8 with an optional BOM. A file with a NUL byte is not
/// text; invalid UTF-8 is an error naming the offset.
pub fn read_text(source: &Source) -> Result<String, Error> {
    let (bytes, path) = match &source.path {
        Some(p) => (fs::read(p).map_err(|e| Error::Io { path: p.clone(), source: e })?, p.clone()),
        None => {
            let mut buf = Vec::new();
            io::stdin().lock().read_to_end(&mut buf).map_err(|e| Error::Io { path: "-".into(), source: e })?;
            (buf, PathBuf::from("-"))
        }
    };
    decode(bytes, &path)
}

fn decode(mut bytes: Vec<u8>, path: &Path) -> Result<String, Error> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if let Some(offset) = memchr_nul(&bytes) {
        return Err(Error::NotText { path: path.to_path_buf(), offset });
    }
    String::from_utf8(bytes)
        .map_err(|e| Error::InvalidUtf8 { path: path.to_path_buf(), offset: e.utf8_error().valid_up_to() })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_reports() {
        assert_eq!(decode(b"\xEF\xBB\xBF\xD2\x9B".to_vec(), Path::new("a")).unwrap(), "қ");
        let e = decode(b"ab\xFFc".to_vec(), Path::new("a.txt")).unwrap_err();
        assert_eq!(e.to_string(), "a.txt: invalid UTF-8 at byte 2");
        assert_eq!(e.reason(), "invalid UTF-8 at byte 2");
        let e = decode(b"ab\0c".to_vec(), Path::new("b.txt")).unwrap_err();
        assert!(e.reason().starts_with("not a text file"));
    }

    #[test]
    fn discovers_sorted_txt_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("b/c")).unwrap();
        for f in ["z.txt", "a.txt", "b/c/m.txt", "b/x.md", ".hidden.txt"] {
            fs::write(d.join(f), "мәтін").unwrap();
        }
        let (sources, problems) = discover(&[d.display().to_string()]).unwrap();
        let ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a.txt", "b/c/m.txt", "z.txt"]);
        assert!(problems.is_empty());
        assert!(matches!(discover(&["/no/such/path".into()]), Err(Error::NotFound { .. })));
    }
}
