//! Discovering input files: INPUT arguments to a sorted list of sources.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Problem};
use crate::read::ReadOptions;

/// The format of a source, from its extension or `--input-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Format {
    /// Plain text: the whole file is one document.
    #[default]
    Text,
    /// JSON Lines: one JSON object a line, one document a line.
    Jsonl,
    /// Comma-separated values with a header row, one document a record.
    Csv,
    /// Tab-separated values with a header row (no quoting), one document a record.
    Tsv,
}

impl Format {
    /// The format an extension stands for (`.gz` looked through): `txt`, `jsonl`,
    /// `ndjson`, `csv`, `tsv`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "txt" => Format::Text,
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            _ => return None,
        })
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Format::Text,
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            _ => return Err(format!("unknown input format `{s}` (known: text, jsonl, csv, tsv)")),
        })
    }
}

/// One input: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    /// The document id: the path relative to the INPUT folder it was found in, the path
    /// as given for a file named on the command line, or `-` for standard input.
    pub id: String,
    /// The file to read, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// How to read it.
    pub format: Format,
    /// Its size in bytes on disk (0 for standard input): a hint for batching.
    pub size: u64,
}

impl Source {
    /// The path for error messages: the file, or `-`.
    pub fn display_path(&self) -> PathBuf {
        self.path.clone().unwrap_or_else(|| PathBuf::from("-"))
    }
}

/// The sources found, and the problems met on the way.
pub type Discovered = (Vec<Source>, Vec<Problem>);

/// Expands INPUT arguments into sources with the default options; see [`discover_with`].
pub fn discover(inputs: &[String]) -> Result<Discovered, Error> {
    discover_with(inputs, &ReadOptions::default())
}

/// Expands INPUT arguments into sources: a file is itself, whatever its name; a folder
/// is every file below it with a known extension (`.txt`, `.jsonl`, `.ndjson`, `.csv`,
/// `.tsv`, each optionally `.gz`), or matching `--glob` when globs are given, walked
/// recursively and sorted by relative path. Hidden entries (`.name`) are not walked;
/// symbolic links are followed, and a link back into a folder being walked is
/// reported as a loop. `-` is standard input. A missing INPUT is an error; problems
/// inside a folder are returned so the caller can report them and go on.
pub fn discover_with(inputs: &[String], opts: &ReadOptions) -> Result<Discovered, Error> {
    let globs = build_globs(&opts.globs)?;
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        let (s, p) = discover_input(input, opts, globs.as_ref())?;
        sources.extend(s);
        problems.extend(p);
    }
    Ok((sources, problems))
}

/// Checks that every INPUT exists and that the globs are valid, without walking
/// anything: what [`discover_with`] would fail on. Returns the compiled globs.
pub(crate) fn check_inputs(inputs: &[String], opts: &ReadOptions) -> Result<Option<globset::GlobSet>, Error> {
    let globs = build_globs(&opts.globs)?;
    for input in inputs.iter().filter(|i| *i != "-") {
        let path = Path::new(input);
        fs::metadata(path).map_err(|e| not_found(path, e))?;
    }
    Ok(globs)
}

fn not_found(path: &Path, e: io::Error) -> Error {
    match e.kind() {
        io::ErrorKind::NotFound => Error::NotFound { path: path.to_path_buf() },
        _ => Error::Io { path: path.to_path_buf(), source: e },
    }
}

/// The sources of one INPUT argument; see [`discover_with`].
pub(crate) fn discover_input(
    input: &str,
    opts: &ReadOptions,
    globs: Option<&globset::GlobSet>,
) -> Result<Discovered, Error> {
    if input == "-" {
        let format = opts.format.unwrap_or_default();
        return Ok((vec![Source { id: "-".to_string(), path: None, format, size: 0 }], Vec::new()));
    }
    let path = Path::new(input);
    let meta = fs::metadata(path).map_err(|e| not_found(path, e))?;
    if meta.is_dir() {
        let mut walker = Walker { root: path, opts, globs, found: Vec::new(), problems: Vec::new() };
        let mut ancestors = Vec::new();
        walker.walk(path, &meta, &mut ancestors);
        let Walker { mut found, mut problems, .. } = walker;
        found.sort();
        problems.sort_by(|a, b| a.id.cmp(&b.id));
        Ok((found, problems))
    } else {
        let format = opts.format.or_else(|| Format::from_path(path)).unwrap_or_default();
        Ok((
            vec![Source { id: input.to_string(), path: Some(path.to_path_buf()), format, size: meta.len() }],
            Vec::new(),
        ))
    }
}

fn build_globs(globs: &[String]) -> Result<Option<globset::GlobSet>, Error> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut set = globset::GlobSetBuilder::new();
    for g in globs {
        let glob = globset::GlobBuilder::new(g)
            .literal_separator(false)
            .build()
            .map_err(|e| Error::Glob { glob: g.clone(), message: e.kind().to_string() })?;
        set.add(glob);
    }
    set.build().map(Some).map_err(|e| Error::Glob { glob: globs.join(" "), message: e.to_string() })
}

struct Walker<'a> {
    root: &'a Path,
    opts: &'a ReadOptions,
    globs: Option<&'a globset::GlobSet>,
    found: Vec<Source>,
    problems: Vec<Problem>,
}

/// A folder's identity, to notice a symbolic link loop.
#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

impl Walker<'_> {
    fn id(&self, path: &Path) -> String {
        let rel = path.strip_prefix(self.root).unwrap_or(path);
        let id = rel.to_string_lossy().replace('\\', "/");
        if id.is_empty() {
            self.root.display().to_string()
        } else {
            id
        }
    }

    fn problem(&mut self, path: &Path, error: Error) {
        let id = self.id(path);
        self.problems.push(Problem { id, error });
    }

    fn walk(&mut self, dir: &Path, meta: &fs::Metadata, ancestors: &mut Vec<(u64, u64)>) {
        let me = identity(meta);
        if cfg!(unix) && ancestors.contains(&me) {
            self.problem(dir, Error::Loop { path: dir.to_path_buf() });
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return self.problem(dir, Error::Io { path: dir.to_path_buf(), source: e }),
        };
        ancestors.push(me);
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    self.problem(dir, Error::Io { path: dir.to_path_buf(), source: e });
                    continue;
                }
            };
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            let meta = if ft.is_symlink() {
                match fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        // Only a link we would have read is worth reporting.
                        if self.wanted(&path) {
                            self.problem(
                                &path,
                                Error::File { path: path.clone(), message: "broken symbolic link".into() },
                            );
                        }
                        continue;
                    }
                    Err(e) => {
                        if e.raw_os_error() == Some(40) {
                            // ELOOP: a link to itself or a cycle of links.
                            self.problem(&path, Error::Loop { path: path.clone() });
                        } else if self.wanted(&path) {
                            self.problem(&path, Error::Io { path: path.clone(), source: e });
                        }
                        continue;
                    }
                }
            } else if ft.is_dir() {
                match entry.metadata() {
                    Ok(m) => m,
                    Err(e) => {
                        self.problem(&path, Error::Io { path: path.clone(), source: e });
                        continue;
                    }
                }
            } else {
                if !ft.is_file() || !self.wanted(&path) {
                    continue;
                }
                let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                self.push(path, size);
                continue;
            };
            if meta.is_dir() {
                self.walk(&path, &meta, ancestors);
            } else if meta.is_file() && self.wanted(&path) {
                self.push(path, meta.len());
            }
        }
        ancestors.pop();
    }

    fn wanted(&self, path: &Path) -> bool {
        match self.globs {
            Some(g) => g.is_match(self.id(path)),
            None => Format::from_path(path).is_some(),
        }
    }

    fn push(&mut self, path: PathBuf, size: u64) {
        let format = self.opts.format.or_else(|| Format::from_path(&path)).unwrap_or_default();
        let id = self.id(&path);
        self.found.push(Source { id, path: Some(path), format, size });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(sources: &[Source]) -> Vec<&str> {
        sources.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn discovers_sorted_known_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("b/c")).unwrap();
        fs::create_dir_all(d.join(".git")).unwrap();
        for f in
            ["z.txt", "a.txt", "b/c/m.txt", "b/x.md", ".hidden.txt", "r.jsonl.gz", "q.NDJSON", "t.tsv", ".git/x.txt"]
        {
            fs::write(d.join(f), "мәтін").unwrap();
        }
        let (sources, problems) = discover(&[d.display().to_string()]).unwrap();
        assert_eq!(ids(&sources), ["a.txt", "b/c/m.txt", "q.NDJSON", "r.jsonl.gz", "t.tsv", "z.txt"]);
        let formats: Vec<Format> = sources.iter().map(|s| s.format).collect();
        use Format::*;
        assert_eq!(formats, [Text, Text, Jsonl, Jsonl, Tsv, Text]);
        assert!(problems.is_empty());
        assert!(matches!(discover(&["/no/such/path".into()]), Err(Error::NotFound { .. })));

        let opts = ReadOptions { globs: vec!["*.md".into(), "b/**/*.txt".into()], ..ReadOptions::default() };
        let (sources, _) = discover_with(&[d.display().to_string()], &opts).unwrap();
        assert_eq!(ids(&sources), ["b/c/m.txt", "b/x.md"]);
        let bad = ReadOptions { globs: vec!["a[".into()], ..ReadOptions::default() };
        assert!(matches!(discover_with(&[d.display().to_string()], &bad), Err(Error::Glob { .. })));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_once() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("a")).unwrap();
        fs::write(d.join("a/x.txt"), "мәтін").unwrap();
        std::os::unix::fs::symlink(d.join("a"), d.join("a/back")).unwrap();
        std::os::unix::fs::symlink(d.join("self.txt"), d.join("self.txt")).unwrap();
        std::os::unix::fs::symlink(d.join("gone"), d.join("gone.txt")).unwrap();
        std::os::unix::fs::symlink(d.join("a/x.txt"), d.join("y.txt")).unwrap();
        let (sources, problems) = discover(&[d.display().to_string()]).unwrap();
        assert_eq!(ids(&sources), ["a/x.txt", "y.txt"]);
        let p: Vec<(&str, String)> = problems.iter().map(|p| (p.id.as_str(), p.reason())).collect();
        assert_eq!(
            p,
            [
                ("a/back", "symbolic link loop".to_string()),
                ("gone.txt", "broken symbolic link".to_string()),
                ("self.txt", "symbolic link loop".to_string())
            ]
        );
    }
}
