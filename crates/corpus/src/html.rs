//! HTML left in scraped text: tags stripped, entities decoded.
//!
//! This is not an HTML parser. It removes what scrapers leave behind: tags (`<p>`,
//! `<a href=…>`, `</div>`), comments, the contents of `<script>` and `<style>`, and
//! character references (`&nbsp;`, `&laquo;`, `&#1179;`, `&#x49B;`). Block tags become
//! line breaks, so paragraphs stay paragraphs for the article structure. A `<` that
//! does not start a tag (`a < b`) and an unknown `&name;` are kept as they are.

use std::borrow::Cow;

/// When to strip HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Html {
    /// When the document looks like HTML: it has a known tag or entity.
    #[default]
    Auto,
    /// Always.
    On,
    /// Never.
    Off,
}

/// Tags that start a new line.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Inline tags: removed without a break.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "body", "cite", "code", "em", "font", "head", "html", "i", "img", "link", "meta", "small",
    "span", "strong", "sub", "sup", "time", "u",
];

/// Tags whose content is not text.
const SKIP_CONTENT: &[&str] = &["script", "style", "noscript", "iframe", "svg"];

/// Named character references that appear in scraped Kazakh and Russian news.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("minus", '−'),
    ("hellip", '…'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("times", '×'),
    ("divide", '÷'),
    ("middot", '·'),
    ("bull", '•'),
    ("shy", '\u{AD}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("thinsp", '\u{2009}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("sect", '§'),
    ("para", '¶'),
    ("euro", '€'),
    ("plusmn", '±'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("prime", '′'),
    ("Prime", '″'),
    ("numero", '№'),
];

/// A tag at the start of `s` (which begins with `<`): its lowercase name, whether it
/// closes, and its length up to and including `>`.
fn tag(s: &str) -> Option<(String, bool, usize)> {
    let b = s.as_bytes();
    let (closing, start) = if b.get(1) == Some(&b'/') { (true, 2) } else { (false, 1) };
    let name_len = b[start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 || !b[start].is_ascii_alphabetic() {
        return None;
    }
    match b.get(start + name_len) {
        Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r') => {}
        _ => return None,
    }
    let end = memchr::memchr(b'>', &b[start + name_len..])? + start + name_len + 1;
    let name = s[start..start + name_len].to_ascii_lowercase();
    Some((name, closing, end))
}

fn known(name: &str) -> bool {
    BLOCK.contains(&name) || INLINE.contains(&name) || SKIP_CONTENT.contains(&name)
}

/// A character reference at the start of `s` (which begins with `&`): the character
/// and the reference's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(n).filter(|&c| c != '\0')?
    } else {
        ENTITIES.iter().find(|(n, _)| *n == body)?.1
    };
    Some((c, semi + 1))
}

/// Whether `text` looks like HTML: it has a known tag, a comment or a character reference.
pub fn looks_like_html(text: &str) -> bool {
    for i in memchr::memchr2_iter(b'<', b'&', text.as_bytes()) {
        let rest = &text[i..];
        if rest.starts_with("<!--") || rest.starts_with('&') && entity(rest).is_some() {
            return true;
        }
        if rest.starts_with('<') && tag(rest).is_some_and(|(name, _, _)| known(&name)) {
            return true;
        }
    }
    false
}

/// The offset of `</name` (any case) in `hay`.
fn find_close(hay: &[u8], name: &str) -> Option<usize> {
    memchr::memmem::find_iter(hay, b"</")
        .find(|&i| hay.get(i + 2..i + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes())))
}

/// Strips tags and decodes character references, as the module docs say.
pub fn strip_html(text: &str) -> Cow<'_, str> {
    if memchr::memchr2(b'<', b'&', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while let Some(j) = memchr::memchr2(b'<', b'&', &text.as_bytes()[i..]) {
        let at = i + j;
        let rest = &text[at..];
        if rest.starts_with('&') {
            if let Some((c, len)) = entity(rest) {
                out.push_str(&text[copied..at]);
                out.push(c);
                i = at + len;
                copied = i;
                continue;
            }
        } else if rest.starts_with("<!--") {
            out.push_str(&text[copied..at]);
            i = rest.find("-->").map_or(text.len(), |e| at + e + 3);
            copied = i;
            continue;
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            if let Some(e) = memchr::memchr(b'>', rest.as_bytes()) {
                out.push_str(&text[copied..at]);
                i = at + e + 1;
                copied = i;
                continue;
            }
        } else if let Some((name, closing, len)) = tag(rest) {
            out.push_str(&text[copied..at]);
            i = at + len;
            if !closing && SKIP_CONTENT.contains(&name.as_str()) {
                i = match find_close(&text.as_bytes()[i..], &name) {
                    Some(e) => memchr::memchr(b'>', &text.as_bytes()[i + e..]).map_or(text.len(), |g| i + e + g + 1),
                    None => text.len(),
                };
            } else if BLOCK.contains(&name.as_str()) {
                out.push('\n');
            }
            copied = i;
            continue;
        }
        i = at + 1;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_entities() {
        let html = "<html><head><title>Тақырып</title><style>p{x:1}</style></head><body>\
                    <p>Бірінші&nbsp;абзац &laquo;сөз&raquo;.</p><p>Екінші <b>абзац</b> &#1179; &#x49B;.<br/>Жол</p>\
                    <!-- comment --><script>var a = '<p>';</script></body></html>";
        assert!(looks_like_html(html));
        let got = strip_html(html);
        let lines: Vec<&str> = got.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines, ["Тақырып", "Бірінші\u{a0}абзац «сөз».", "Екінші абзац қ қ.", "Жол"]);
    }

    #[test]
    fn plain_text_is_left_alone() {
        for text in ["a < b and c > d", "AT&T; R&D", "x<y", "Қазақстан", "<3 сүйемін", "& ; &#0;"] {
            assert!(!looks_like_html(text), "{text}");
        }
        assert_eq!(strip_html("a < b & c"), "a < b & c");
        assert_eq!(strip_html("<unknown attr>x"), "x", "any tag-shaped thing goes when stripping is on");
    }
}
