//! Helpers for running the binary in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Asserts two strings are equal, printing both in full blocks when they are not.
macro_rules! eqnice {
    ($expected:expr, $got:expr, $what:expr) => {{
        let (expected, got) = (&$expected, &$got);
        if expected != got {
            panic!("\n{} differs\n\nexpected:\n{}\n\ngot:\n{}\n", $what, expected, got);
        }
    }};
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample article folder.
pub fn articles() -> PathBuf {
    root().join("data/articles")
}

/// A `sozdik` command.
pub fn sozdik() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sozdik"))
}

/// Runs `sozdik ARGS` with `stdin` as standard input.
pub fn run_with_stdin(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = sozdik()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sozdik");
    // A run that fails on its arguments exits before reading its input: a closed pipe
    // is then expected, and the exit status tells the test what happened.
    if let Err(e) = child.stdin.take().expect("stdin").write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("wait for sozdik")
}

/// Runs `sozdik ARGS`.
pub fn run(args: &[&str]) -> Output {
    sozdik().args(args).stdin(Stdio::null()).output().expect("run sozdik")
}

/// Standard output as a string.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// Reads a file to a string.
pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Runs `sozdik freq INPUTS -o OUT --quiet EXTRA...`.
pub fn freq(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<String> = vec!["freq".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["-o".into(), out.display().to_string(), "--quiet".into()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args)
}
