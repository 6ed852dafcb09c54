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
    assert_eq!(lines.next(), Some("line\tstart\tend\tkind\ttext\tnormalized\tsentence"));
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

#[test]
fn tokenize_tsv_numbers_sentences() {
    let o = run_with_stdin(&["tokenize", "--format", "tsv"], "Ол 2014 ж. келді. М. Әуезов т.б. жазды!\nЕкінші жол");
    let out = stdout(&o);
    let rows: Vec<Vec<&str>> = out.lines().skip(1).map(|l| l.split('\t').collect()).collect();
    let sentence = |text: &str| rows.iter().find(|r| r[4] == text).map(|r| r[6]).unwrap();
    assert_eq!(sentence("Ол"), "1");
    assert_eq!(sentence("келді"), "1", "ж. does not end a sentence");
    assert_eq!(sentence("Әуезов"), "2");
    assert_eq!(sentence("жазды"), "2", "an initial and т.б. do not end a sentence");
    assert_eq!(sentence("Екінші"), "3");
}

#[test]
fn normalize_detects_each_document() {
    let o = run_with_stdin(&["normalize", "--lower"], "Qazaqstan Respublikasy jäne onyñ halqy üşın bul mañyzdy.");
    eqnice!("қазақстан республикасы және оның халқы үшін бул маңызды.\n", stdout(&o), "Latin Kazakh (2021)");
    let o = run_with_stdin(&["normalize", "--lower", "--no-latin"], "Qazaqstan jäne onyñ halqy üşın bul IS.");
    eqnice!("qazaqstan jäne onyñ halqy üşın bul ıs.\n", stdout(&o), "Turkic lowercase without transliteration");
    let o = run_with_stdin(&["normalize"], "Ќазаќстан Республикасыныѕ тілі");
    eqnice!("Қазақстан Республикасының тілі\n", stdout(&o), "KZ-1048 read as Windows-1251");
    let o = run_with_stdin(&["normalize", "--no-kz1048", "--no-punctuation"], "Ќазаќстан «тілі»");
    eqnice!("Ќазаќстан «тілі»\n", stdout(&o), "steps turned off");
    let o = run_with_stdin(&["normalize"], "The Republic of Kazakhstan is a country.");
    eqnice!("The Republic of Kazakhstan is a country.\n", stdout(&o), "English is not touched");
}
