//! The structure of a scraped news article.

use std::ops::Range;
use std::sync::LazyLock;

const MARKERS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/boilerplate.txt"));

struct Markers {
    footer: MarkerList,
    line: MarkerList,
}

/// Marker lines, lowercase, with the byte lengths they come in: a line of another
/// length is not one, which is most lines, told without lowercasing them.
#[derive(Default)]
struct MarkerList {
    words: Vec<String>,
    /// `lengths[n]`: some marker is `n` bytes long.
    lengths: Vec<bool>,
}

impl MarkerList {
    fn push(&mut self, marker: &str) {
        let m = marker.to_lowercase();
        if self.lengths.len() <= m.len() {
            self.lengths.resize(m.len() + 1, false);
        }
        self.lengths[m.len()] = true;
        self.words.push(m);
    }
}

static BOILERPLATE: LazyLock<Markers> = LazyLock::new(|| {
    let mut m = Markers { footer: MarkerList::default(), line: MarkerList::default() };
    let mut section = "";
    for l in MARKERS.lines().map(str::trim) {
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some(s) = l.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            section = s;
            continue;
        }
        match section {
            "footer" => m.footer.push(l),
            "line" => m.line.push(l),
            other => panic!("boilerplate.txt: unknown section [{other}]"),
        }
    }
    m
});

/// How many non-empty lines from the end a footer may start.
const FOOTER_WINDOW: usize = 12;

/// The parts of an article, as byte ranges into its text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// The title line, when the text has the article shape.
    pub title: Option<Range<usize>>,
    /// The view count from the line after the title.
    pub views: Option<u64>,
    /// The author's name line before the footer.
    pub author: Option<Range<usize>>,
    /// The lines whose words are counted: the title once, the body, without the
    /// repeated title, the author line, boilerplate lines and the footer.
    pub body: Vec<Range<usize>>,
}

/// Non-empty lines with their byte ranges (trimmed).
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (start, line) in raw_lines(text) {
        let (lead, trimmed) = trim(line);
        if !trimmed.is_empty() {
            out.push(start + lead..start + lead + trimmed.len());
        }
    }
    out
}

/// `line.trim()`, and the number of bytes trimmed from its start. Most lines start
/// with a letter and end with a letter or punctuation, which is told from their first
/// and last bytes without the Unicode white-space table.
#[inline]
fn trim(line: &str) -> (usize, &str) {
    let b = line.as_bytes();
    // ASCII white space and control characters are all at most ' '.
    let plain = |x: u8| (b'!'..0x80).contains(&x);
    let plain_start = b.first().is_some_and(|&x| plain(x) || is_cyrillic_lead(x));
    let n = b.len();
    // A line that ends in ASCII other than white space, or in a two-byte Cyrillic letter.
    let plain_end = n >= 2 && is_cyrillic_lead(b[n - 2]) || b.last().is_some_and(|&x| plain(x));
    if plain_start && plain_end {
        return (0, line);
    }
    let trimmed = line.trim();
    (line.len() - line.trim_start().len(), trimmed)
}

/// The lead byte of a two-byte character of U+0400..U+04FF, none of which is white space.
#[inline]
fn is_cyrillic_lead(x: u8) -> bool {
    (0xD0..=0xD3).contains(&x)
}

/// The lines of `text` (without their `\n`) with their byte offsets, found with a
/// vectorized search: a corpus of short comments has a line every few dozen bytes.
pub(crate) fn raw_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut start = 0;
    ends.map(move |end| {
        let line = (start, &text[start..end]);
        start = end + 1;
        line
    })
}

/// The lines of a text that is not an article (a corpus read in pieces): trimmed,
/// without empty and [boilerplate](Article::is_boilerplate_line) lines.
pub fn corpus_lines(text: &str) -> impl Iterator<Item = &str> {
    raw_lines(text).map(|(_, l)| trim(l).1).filter(|l| !l.is_empty() && !Article::is_boilerplate_line(l))
}

fn parse_views(s: &str) -> Option<u64> {
    // Most lines start with a letter: no view count, and no need to look further.
    if !s.starts_with(|c: char| c.is_ascii_digit() || c.is_whitespace()) {
        return None;
    }
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn is_marker(list: &MarkerList, line: &str) -> bool {
    let mut n = line.len();
    while n > 0 && matches!(line.as_bytes()[n - 1], b'!' | b'.' | b':') {
        n -= 1;
    }
    let line = &line[..n];
    // Cheap length filter first: lowercasing every line of a large document costs more
    // than the rest of its reading. Lowercasing never shrinks Cyrillic or ASCII text.
    if !list.lengths.get(line.len()).copied().unwrap_or(false) {
        return false;
    }
    let l = line.to_lowercase();
    list.words.contains(&l)
}

/// A name line: two or three capitalized words of letters, nothing else.
fn looks_like_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && line.chars().count() <= 60
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(|c| c.is_alphabetic() || c == '-' || c == '.')
        })
}

impl Article {
    /// Recognizes the article shape in `text`; a text without it is all body.
    pub fn parse(text: &str) -> Article {
        let mut ls = lines(text);
        let mut article = Article::default();
        // footer: from the first footer marker among the last lines
        let window = ls.len().saturating_sub(FOOTER_WINDOW);
        if let Some(i) = (window..ls.len()).find(|&i| is_marker(&BOILERPLATE.footer, &text[ls[i].clone()])) {
            ls.truncate(i);
        }
        ls.retain(|r| !is_marker(&BOILERPLATE.line, &text[r.clone()]));
        let shaped = ls.len() >= 3 && parse_views(&text[ls[1].clone()]).is_some();
        if !shaped {
            article.body = ls;
            return article;
        }
        let title = ls[0].clone();
        article.views = parse_views(&text[ls[1].clone()]);
        let mut body = vec![title.clone()];
        let title_text = text[title.clone()].trim();
        let mut repeated = false;
        for r in &ls[2..] {
            if !repeated && text[r.clone()].trim() == title_text {
                repeated = true;
                continue;
            }
            body.push(r.clone());
        }
        if body.len() > 1 {
            let last = body.last().cloned().unwrap_or_default();
            if looks_like_name(&text[last.clone()]) {
                body.pop();
                article.author = Some(last);
            }
        }
        article.title = Some(title);
        article.body = body;
        article
    }

    /// Whether a (trimmed) line is a boilerplate line, such as an advertisement
    /// label, that is never body text; see `data/boilerplate.txt`. For texts read
    /// line by line, without [`Article::parse`].
    pub fn is_boilerplate_line(line: &str) -> bool {
        is_marker(&BOILERPLATE.line, line)
    }

    /// The title text.
    pub fn title<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.title.clone().map(|r| &text[r])
    }

    /// The author text.
    pub fn author<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.author.clone().map(|r| &text[r])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_all_body() {
        let text = "Бірінші жол.\nЕкінші жол.\n";
        let a = Article::parse(text);
        assert_eq!(a.title, None);
        assert_eq!(a.views, None);
        assert_eq!(a.body.len(), 2);
    }

    #[test]
    fn sample_article_shape() {
        let text = include_str!("../../../data/articles/000_2b0a0d0568318553.txt");
        let a = Article::parse(text);
        assert_eq!(a.title(text), Some("Қаңтар оқиғасы: Президент елге ҰҚШҰ бітімгерлерін кіргізгеніне өкінбейді"));
        assert_eq!(a.views, Some(1493));
        assert_eq!(a.author(text), Some("Дәурен Ерболат"));
        let body: String = a.body.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>().join("\n");
        assert_eq!(body.matches("өкінбейді").count(), 1, "the repeated title is counted once");
        assert!(!body.contains("Telegram") && !body.contains("Жазылу"), "the footer is not body");
        assert!(body.ends_with("–\u{a0}деді Президент."));
    }

    #[test]
    fn raw_lines_are_split_at_newlines() {
        for text in ["", "\n", "бір", "бір\nекі", "бір\n", "\n\nүш\r\n", "a\n\nb\n\n"] {
            let got: Vec<&str> = raw_lines(text).map(|(_, l)| l).collect();
            assert_eq!(got, text.split('\n').collect::<Vec<_>>(), "{text:?}");
            assert!(raw_lines(text).all(|(at, l)| &text[at..at + l.len()] == l));
        }
    }

    proptest::proptest! {
        #[test]
        fn trim_is_str_trim(line in "[ \t\u{b}\u{a0}\u{2003}\u{85}\u{3000}аә.a!]{0,8}") {
            let (lead, trimmed) = trim(&line);
            proptest::prop_assert_eq!(trimmed, line.trim());
            proptest::prop_assert_eq!(&line[lead..lead + trimmed.len()], trimmed);
        }
    }

    #[test]
    fn name_lines() {
        assert!(looks_like_name("Дәурен Ерболат"));
        assert!(!looks_like_name("Ол келді."));
        assert!(!looks_like_name("Жалпы"));
    }
}
