//! The stage subcommands: tokenize, normalize, stem, stopwords.

use crate::util::*;

#[test]
fn tokenize_default_format_keeps_lines() {
    let o = run_with_stdin(&["tokenize"], "Қасым-Жомарт Тоқаев «ҰҚШҰ-ның» т.б. 58,3 пайыз.\n\ninbusiness.kz тілшісі");
    assert_eq!(o.status.code(), Some(0));
    eqnice!("Қасым-Жомарт Тоқаев « ҰҚШҰ-ның » т.б. 58,3 пайыз .\n\ninbusiness.kz тілшісі\n", stdout(&o), "tokens");
}

#[test]
fn tokenize_tsv_spans_index_each_line() {
    let input = "Бір екі.\nҚазақстaн";
    let o = run_with_stdin(&["tokenize", "--format", "tsv"], input);
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("line\tstart\tend\tkind\ttext\tnormalized"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    let src: Vec<&str> = input.lines().collect();
    for r in &rows {
        let line: usize = r[0].parse().unwrap();
        let (s, e): (usize, usize) = (r[1].parse().unwrap(), r[2].parse().unwrap());
        assert_eq!(&src[line - 1][s..e], r[4], "span of {r:?}");
    }
    assert_eq!(rows.last().unwrap()[5], "қазақстан", "normalized column repairs and lowercases");
}

#[test]
fn tokenize_jsonl() {
    let o = run_with_stdin(&["tokenize", "--format", "jsonl"], "Сәлем!");
    let rows: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["kind"], "word");
    assert_eq!(rows[1]["text"], "!");
}

#[test]
fn normalize_repairs_and_lowercases() {
    let o = run_with_stdin(&["normalize"], "Қазақстaн\u{00A0}əдебиеті\nекінші жол");
    eqnice!("Қазақстан әдебиеті\nекінші жол\n", stdout(&o), "normalize");
    let o = run_with_stdin(&["normalize", "--lower"], "ҚАЗАҚСТАН");
    eqnice!("қазақстан\n", stdout(&o), "normalize --lower");
}

#[test]
fn stem_reads_arguments_and_standard_input() {
    let o = run(&["stem", "кітаптар", "балалардың"]);
    eqnice!("кітаптар\tкітап\nбалалардың\tбала\n", stdout(&o), "stem args");
    let o = run_with_stdin(&["stem"], "кітаптар\nбалалар\n");
    eqnice!("кітаптар\tкітап\nбалалар\tбала\n", stdout(&o), "stem stdin");
}

#[test]
fn stopwords_lists_the_builtin_list() {
    let o = run(&["stopwords"]);
    let out = stdout(&o);
    assert!(out.lines().any(|l| l == "және"));
    let n = out.lines().count();
    let unique: std::collections::HashSet<&str> = out.lines().collect();
    assert_eq!(n, unique.len(), "no duplicates");
}
