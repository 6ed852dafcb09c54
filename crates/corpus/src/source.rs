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
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for r in walk_input(input, opts, globs.cloned())? {
        match r {
            Ok(s) => found.push(s),
            Err(p) => problems.push(p),
        }
    }
    Ok((found, problems))
}

/// The sources of one INPUT argument in order, with the problems met walking it in
/// their places: a folder is walked as the sources are taken, so that the first ones
/// come before the whole tree is listed.
pub(crate) fn walk_input<'a>(
    input: &str,
    opts: &'a ReadOptions,
    globs: Option<globset::GlobSet>,
) -> Result<Walk<'a>, Error> {
    let mut walk =
        Walk { root: PathBuf::from(input), opts, globs, stack: Vec::new(), ancestors: Vec::new(), single: None };
    if input == "-" {
        let format = opts.format.unwrap_or_default();
        walk.single = Some(Source { id: "-".to_string(), path: None, format, size: 0 });
        return Ok(walk);
    }
    let path = Path::new(input);
    let meta = fs::metadata(path).map_err(|e| not_found(path, e))?;
    if meta.is_dir() {
        walk.enter(path.to_path_buf(), &meta);
    } else {
        let format = opts.format.or_else(|| Format::from_path(path)).unwrap_or_default();
        walk.single = Some(Source { id: input.to_string(), path: Some(path.to_path_buf()), format, size: meta.len() });
    }
    Ok(walk)
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

/// A walk of one INPUT, yielding its sources sorted by relative path.
///
/// Each folder is listed when the walk reaches it, and its entries are sorted by name,
/// a folder's name followed by `/`: every path below folder `d` starts with `d/`, so
/// this order, depth first, is the order of the whole paths, as a sort of every path
/// found would give, without waiting for the whole tree.
pub(crate) struct Walk<'a> {
    root: PathBuf,
    opts: &'a ReadOptions,
    globs: Option<globset::GlobSet>,
    /// The folders being walked, innermost last, each with its entries still to take
    /// (in reverse order, so that the next one is popped).
    stack: Vec<Vec<Entry>>,
    /// The identities of the folders on the stack, to notice a symbolic link loop.
    ancestors: Vec<(u64, u64)>,
    /// The source of an INPUT that is a file or standard input.
    single: Option<Source>,
}

/// An entry of a folder, waiting its turn.
struct Entry {
    /// The name as sorted: lossy UTF-8, with `/` after a folder's name.
    key: String,
    path: PathBuf,
    kind: EntryKind,
}

enum EntryKind {
    /// A file, kept as its folder listed it: its size is asked for relative to the
    /// open folder when the walk gets to it.
    File(fs::DirEntry),
    /// A file reached through a symbolic link, whose size following the link gave.
    Linked(u64),
    Dir(fs::Metadata),
    /// A problem met listing it, reported in its place.
    Problem(Error),
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

impl Walk<'_> {
    fn id(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        let id = rel.to_string_lossy().replace('\\', "/");
        if id.is_empty() {
            self.root.display().to_string()
        } else {
            id
        }
    }

    fn wanted(&self, path: &Path) -> bool {
        match &self.globs {
            Some(g) => g.is_match(self.id(path)),
            None => Format::from_path(path).is_some(),
        }
    }

    fn source(&self, path: PathBuf, size: u64) -> Source {
        let format = self.opts.format.or_else(|| Format::from_path(&path)).unwrap_or_default();
        Source { id: self.id(&path), path: Some(path), format, size }
    }

    /// Lists folder `dir` and pushes its sorted entries; a loop or an unreadable folder
    /// is pushed as a problem in its place.
    fn enter(&mut self, dir: PathBuf, meta: &fs::Metadata) {
        let me = identity(meta);
        let mut entries = Vec::new();
        if cfg!(unix) && self.ancestors.contains(&me) {
            let error = Error::Loop { path: dir.clone() };
            entries.push(Entry { key: String::new(), path: dir, kind: EntryKind::Problem(error) });
            self.stack.push(entries);
            self.ancestors.push(me);
            return;
        }
        match fs::read_dir(&dir) {
            Err(e) => {
                let error = Error::Io { path: dir.clone(), source: e };
                entries.push(Entry { key: String::new(), path: dir, kind: EntryKind::Problem(error) });
            }
            Ok(list) => {
                for entry in list {
                    match entry {
                        Ok(e) => entries.extend(self.entry(e)),
                        Err(e) => {
                            let error = Error::Io { path: dir.clone(), source: e };
                            entries.push(Entry {
                                key: String::new(),
                                path: dir.clone(),
                                kind: EntryKind::Problem(error),
                            });
                        }
                    }
                }
            }
        }
        // Reversed, so that the first is popped first; ties (names that differ only in
        // bytes that are not UTF-8) by the raw name, so that the order never depends
        // on the order of listing.
        entries.sort_by(|a, b| (&b.key, &b.path).cmp(&(&a.key, &a.path)));
        self.stack.push(entries);
        self.ancestors.push(me);
    }

    /// What entry `e` of a folder is: a wanted file, a folder to walk, a problem, or
    /// nothing.
    fn entry(&self, e: fs::DirEntry) -> Option<Entry> {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            return None;
        }
        let path = e.path();
        let ft = e.file_type().ok()?;
        let entry = |key: String, kind| Some(Entry { key, path: path.clone(), kind });
        if ft.is_symlink() {
            return match fs::metadata(&path) {
                Ok(m) if m.is_dir() => entry(format!("{name}/"), EntryKind::Dir(m)),
                Ok(m) if m.is_file() && self.wanted(&path) => entry(name.into_owned(), EntryKind::Linked(m.len())),
                Ok(_) => None,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    // Only a link we would have read is worth reporting.
                    let error = Error::File { path: path.clone(), message: "broken symbolic link".into() };
                    self.wanted(&path).then(|| Entry { key: name.into_owned(), path, kind: EntryKind::Problem(error) })
                }
                // ELOOP: a link to itself or a cycle of links.
                Err(e) if e.raw_os_error() == Some(40) => {
                    entry(name.into_owned(), EntryKind::Problem(Error::Loop { path: path.clone() }))
                }
                Err(e) => {
                    let error = Error::Io { path: path.clone(), source: e };
                    self.wanted(&path).then(|| Entry { key: name.into_owned(), path, kind: EntryKind::Problem(error) })
                }
            };
        }
        if ft.is_dir() {
            return match e.metadata() {
                Ok(m) => entry(format!("{name}/"), EntryKind::Dir(m)),
                Err(e) => entry(format!("{name}/"), EntryKind::Problem(Error::Io { path: path.clone(), source: e })),
            };
        }
        (ft.is_file() && self.wanted(&path)).then(|| Entry { key: name.into_owned(), path, kind: EntryKind::File(e) })
    }
}

impl Iterator for Walk<'_> {
    type Item = Result<Source, Problem>;

    fn next(&mut self) -> Option<Result<Source, Problem>> {
        if let Some(s) = self.single.take() {
            return Some(Ok(s));
        }
        loop {
            let top = self.stack.last_mut()?;
            let Some(entry) = top.pop() else {
                self.stack.pop();
                self.ancestors.pop();
                continue;
            };
            match entry.kind {
                // The size is read now, as the walk gets to the file, not when its
                // folder is listed.
                EntryKind::File(e) => {
                    let size = e.metadata().map(|m| m.len()).unwrap_or(0);
                    return Some(Ok(self.source(entry.path, size)));
                }
                EntryKind::Linked(size) => return Some(Ok(self.source(entry.path, size))),
                EntryKind::Dir(meta) => self.enter(entry.path, &meta),
                EntryKind::Problem(error) => return Some(Err(Problem { id: self.id(&entry.path), error })),
            }
        }
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

    #[test]
    fn walk_order_is_the_order_of_whole_paths() {
        // Names with characters before and after `/`, in folders and as files: a
        // folder's files must come where their whole paths sort.
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let names = ["a", "a b", "a-c", "a.b", "a0", "aZ", "a~", "б", "а"];
        let mut want = Vec::new();
        for top in names {
            fs::write(d.join(format!("{top}.txt")), "x").unwrap();
            want.push(format!("{top}.txt"));
            for sub in names {
                fs::create_dir_all(d.join(top).join(sub)).unwrap();
                fs::write(d.join(top).join(format!("{sub}.txt")), "x").unwrap();
                fs::write(d.join(top).join(sub).join("x.txt"), "x").unwrap();
                want.push(format!("{top}/{sub}.txt"));
                want.push(format!("{top}/{sub}/x.txt"));
            }
        }
        want.sort();
        let (sources, problems) = discover(&[d.display().to_string()]).unwrap();
        assert!(problems.is_empty());
        assert_eq!(ids(&sources), want);
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
