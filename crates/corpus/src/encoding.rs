//! Text encodings: detecting them and decoding bytes to UTF-8.
//!
//! The order is: a byte-order mark (UTF-8, UTF-16 LE or BE), then strict UTF-8, then,
//! only when the bytes are not UTF-8 and do not look like UTF-8 with a few broken
//! bytes, the two Cyrillic Windows code pages that Kazakh text was written in:
//! windows-1251 and the Kazakh KZ-1048. Both decode almost any byte, so the choice is
//! made by plausibility: KZ-1048 bytes read as windows-1251 give letters that Kazakh
//! and Russian do not use (ќ ў ї ј ѕ є ґ ћ), and a decoding that is not mostly
//! Cyrillic letters, or that holds control characters, is not text at all.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

const KZ1048_TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/kz1048.tsv"));

/// Bytes 0x80..=0xFF of KZ-1048, from `data/kz1048.tsv`; `None` where undefined.
static KZ1048: LazyLock<[Option<char>; 128]> = LazyLock::new(|| {
    let mut table = [None; 128];
    let mut seen = 0;
    for line in KZ1048_TSV.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let mut cols = line.split('\t');
        let byte = cols.next().and_then(|b| u8::from_str_radix(b, 16).ok());
        // The table is ours and checked by a unit test; a bad line is a build defect.
        let byte = byte.filter(|b| *b >= 0x80).expect("data/kz1048.tsv: bad byte column");
        let cp = cols.next().expect("data/kz1048.tsv: no code point column");
        table[(byte - 0x80) as usize] =
            if cp == "-" { None } else { u32::from_str_radix(cp, 16).ok().and_then(char::from_u32) };
        seen += 1;
    }
    assert_eq!(seen, 128, "data/kz1048.tsv must have 128 rows");
    table
});

/// A text encoding sozdik reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte-order mark.
    Utf16Be,
    /// The Cyrillic Windows code page.
    Windows1251,
    /// The Kazakh Windows code page (STRK1048-2002).
    Kz1048,
}

impl Encoding {
    /// The name used in reports and accepted by `--encoding`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1251 => "windows-1251",
            Encoding::Kz1048 => "kz-1048",
        }
    }

    /// Every encoding, for help texts and tests.
    pub const ALL: [Encoding; 5] =
        [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be, Encoding::Windows1251, Encoding::Kz1048];
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Encoding, String> {
        let s = s.to_ascii_lowercase().replace('_', "-");
        Ok(match s.as_str() {
            "utf-8" | "utf8" => Encoding::Utf8,
            "utf-16le" | "utf16le" => Encoding::Utf16Le,
            "utf-16be" | "utf16be" => Encoding::Utf16Be,
            "windows-1251" | "cp1251" | "1251" => Encoding::Windows1251,
            "kz-1048" | "kz1048" | "strk1048" | "rk1048" => Encoding::Kz1048,
            _ => {
                return Err(format!("unknown encoding `{s}` (known: {})", Encoding::ALL.map(Encoding::name).join(", ")))
            }
        })
    }
}

/// Why bytes could not be decoded. Offsets are byte offsets into the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not valid UTF-8, and not plausible text in a legacy code page either.
    InvalidUtf8 {
        /// The first invalid byte.
        offset: usize,
    },
    /// A malformed UTF-16 code unit sequence.
    InvalidUtf16 {
        /// The first bad code unit.
        offset: usize,
    },
    /// A NUL byte (or character): binary data.
    NotText {
        /// Where.
        offset: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InvalidUtf8 { offset } => write!(f, "invalid UTF-8 at byte {offset}"),
            DecodeError::InvalidUtf16 { offset } => write!(f, "invalid UTF-16 at byte {offset}"),
            DecodeError::NotText { offset } => write!(f, "not a text file (NUL byte at {offset})"),
        }
    }
}

/// The byte-order mark at the start of `bytes`, if any, and its length.
pub fn bom(bytes: &[u8]) -> Option<(Encoding, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some((Encoding::Utf8, 3))
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some((Encoding::Utf16Le, 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((Encoding::Utf16Be, 2))
    } else {
        None
    }
}

/// Decodes a whole document. With `forced`, that encoding is used (a BOM is still
/// stripped); otherwise it is detected. Returns the text and the encoding used.
pub fn decode(bytes: Vec<u8>, forced: Option<Encoding>) -> Result<(String, Encoding), DecodeError> {
    let found = bom(&bytes);
    let (encoding, skip) = match (found, forced) {
        (Some((e, n)), None) => (e, n),
        (Some((e, n)), Some(f)) if e == f => (e, n),
        (_, Some(f)) => (f, 0),
        // Valid UTF-8, the common case: validated once, here, and not again below.
        (None, None) if simdutf8::basic::from_utf8(&bytes).is_ok() => {
            if let Some(offset) = memchr::memchr(0, &bytes) {
                return Err(DecodeError::NotText { offset });
            }
            // SAFETY: simdutf8 has just validated `bytes` as UTF-8.
            return Ok((unsafe { String::from_utf8_unchecked(bytes) }, Encoding::Utf8));
        }
        (None, None) => (detect_invalid(&bytes), 0),
    };
    let text = match encoding {
        Encoding::Utf8 => {
            let mut bytes = bytes;
            if let Some(offset) = memchr::memchr(0, &bytes) {
                return Err(DecodeError::NotText { offset });
            }
            bytes.drain(..skip);
            utf8_string(bytes).map_err(|offset| DecodeError::InvalidUtf8 { offset: skip + offset })?
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            decode_utf16(&bytes[skip..], encoding == Encoding::Utf16Be).map_err(|e| match e {
                DecodeError::InvalidUtf16 { offset } => DecodeError::InvalidUtf16 { offset: offset + skip },
                DecodeError::NotText { offset } => DecodeError::NotText { offset: offset + skip },
                other => other,
            })?
        }
        Encoding::Windows1251 | Encoding::Kz1048 => {
            if let Some(offset) = memchr::memchr(0, &bytes) {
                return Err(DecodeError::NotText { offset });
            }
            decode_single_byte(&bytes[skip..], encoding)
        }
    };
    Ok((text, encoding))
}

/// Decodes one piece of a text read as a stream, in the stream's `encoding`, which is
/// not UTF-16 (UTF-16 cannot be cut at a 0x0A byte, so it is never streamed). The
/// piece is cut at a line end and has no byte-order mark; `offset` is its byte offset
/// in the source, so that errors give the same offsets as decoding the whole text.
pub(crate) fn decode_piece(bytes: Vec<u8>, encoding: Encoding, offset: usize) -> Result<String, DecodeError> {
    if let Some(i) = memchr::memchr(0, &bytes) {
        return Err(DecodeError::NotText { offset: offset + i });
    }
    match encoding {
        Encoding::Windows1251 | Encoding::Kz1048 => Ok(decode_single_byte(&bytes, encoding)),
        _ => utf8_string(bytes).map_err(|i| DecodeError::InvalidUtf8 { offset: offset + i }),
    }
}

/// `bytes` as a `&str`: [`std::str::from_utf8`] with a SIMD fast path for valid input.
pub(crate) fn to_str(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(_) => std::str::from_utf8(bytes),
    }
}

/// `bytes` as a `String`, or the offset of the first invalid byte. Validation is SIMD
/// (simdutf8): on Cyrillic text std's validator is the slowest step of reading.
fn utf8_string(bytes: Vec<u8>) -> Result<String, usize> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just validated `bytes` as UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| e.utf8_error().valid_up_to())
}

/// Which encoding bytes without a BOM are in: UTF-8 when they are valid UTF-8, or
/// when they fail but mostly look like UTF-8 (a few broken bytes), or when no legacy
/// code page gives plausible text; otherwise the more plausible of windows-1251 and
/// KZ-1048. `bytes` may be a prefix of a stream cut in the middle of a character.
pub fn detect(bytes: &[u8]) -> Encoding {
    // The fast check first; std's error, which says where and how, only on failure.
    if simdutf8::basic::from_utf8(bytes).is_ok() {
        return Encoding::Utf8;
    }
    detect_invalid(bytes)
}

/// [`detect`] for bytes that simdutf8 has found not to be valid UTF-8.
fn detect_invalid(bytes: &[u8]) -> Encoding {
    match std::str::from_utf8(bytes) {
        Ok(_) => return Encoding::Utf8,
        // Cut inside the last character: the rest is valid.
        Err(e) if e.error_len().is_none() => return Encoding::Utf8,
        Err(_) => {}
    }
    if utf8_share(bytes) >= 0.5 {
        return Encoding::Utf8;
    }
    legacy(bytes).unwrap_or(Encoding::Utf8)
}

/// The share of bytes >= 0x80 that belong to well-formed UTF-8 sequences: near 1 in
/// UTF-8 text with a few broken bytes, low in single-byte Cyrillic text.
fn utf8_share(bytes: &[u8]) -> f64 {
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    if high == 0 {
        return 1.0;
    }
    let mut good = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.len() - s.chars().filter(char::is_ascii).count();
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                // valid_up_to is a char boundary, so this cannot fail.
                let s = std::str::from_utf8(valid).unwrap_or("");
                good += s.len() - s.chars().filter(char::is_ascii).count();
                let bad = e.error_len().unwrap_or(after.len());
                rest = &after[bad..];
            }
        }
    }
    good as f64 / high as f64
}

/// How plausible a single-byte decoding is as Kazakh or Russian text.
#[derive(Debug, Default, Clone, Copy)]
struct Plausibility {
    /// Letters of the Kazakh and Russian alphabets.
    common: usize,
    /// Other Cyrillic letters (Serbian, Macedonian, Ukrainian, Belarusian).
    rare: usize,
    /// Letters of other scripts.
    other_letters: usize,
    /// Control characters and undefined bytes.
    control: usize,
}

fn is_kazakh_or_russian(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё' | 'І' | 'і') || "ӘәҒғҚқҢңӨөҰұҮүҺһ".contains(c)
}

fn plausibility(bytes: &[u8], encoding: Encoding) -> Plausibility {
    let mut p = Plausibility::default();
    for &b in bytes {
        if b < 0x80 {
            if b.is_ascii_alphabetic() {
                p.other_letters += 1;
            } else if b.is_ascii_control() && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C) {
                p.control += 1;
            }
            continue;
        }
        match single_byte_char(b, encoding) {
            Some(c) if is_kazakh_or_russian(c) => p.common += 1,
            Some(c) if ('\u{400}'..='\u{4FF}').contains(&c) => p.rare += 1,
            Some(c) if c.is_alphabetic() => p.other_letters += 1,
            Some(c) if c.is_control() => p.control += 1,
            Some(_) => {}
            None => p.control += 1,
        }
    }
    p
}

/// The legacy code page `bytes` are plausibly in, if any.
fn legacy(bytes: &[u8]) -> Option<Encoding> {
    if memchr::memchr(0, bytes).is_some() {
        return None;
    }
    let cp1251 = plausibility(bytes, Encoding::Windows1251);
    let kz = plausibility(bytes, Encoding::Kz1048);
    // The two differ only in the bytes of the Kazakh letters, which windows-1251 reads
    // as rare letters. Ties go to windows-1251, the more common code page.
    let (encoding, p) = if kz.rare < cp1251.rare { (Encoding::Kz1048, kz) } else { (Encoding::Windows1251, cp1251) };
    let cyrillic = p.common + p.rare;
    let plausible = p.control == 0 && cyrillic >= 8 && cyrillic >= p.other_letters && p.rare * 20 <= cyrillic;
    plausible.then_some(encoding)
}

fn single_byte_char(b: u8, encoding: Encoding) -> Option<char> {
    if b < 0x80 {
        return Some(b as char);
    }
    match encoding {
        Encoding::Kz1048 => KZ1048[(b - 0x80) as usize],
        _ => {
            let mut out = [0u16; 1];
            let (_, _, _, had_errors) =
                encoding_rs::WINDOWS_1251.new_decoder_without_bom_handling().decode_to_utf16(&[b], &mut out, true);
            // WHATWG maps 0x98 to U+0098; like Python's cp1251 we treat it as undefined.
            (!had_errors && out[0] != 0x98).then(|| char::from_u32(out[0] as u32)).flatten()
        }
    }
}

/// Decodes single-byte text; an undefined byte becomes U+FFFD.
pub(crate) fn decode_single_byte(bytes: &[u8], encoding: Encoding) -> String {
    match encoding {
        Encoding::Kz1048 => {
            let table = &*KZ1048;
            let mut s = String::with_capacity(bytes.len() * 2);
            for &b in bytes {
                s.push(if b < 0x80 { b as char } else { table[(b - 0x80) as usize].unwrap_or('\u{FFFD}') });
            }
            s
        }
        _ => encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

fn decode_utf16(bytes: &[u8], big_endian: bool) -> Result<String, DecodeError> {
    let units = bytes.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let mut s = String::with_capacity(bytes.len());
    // Byte offset of the next code unit.
    let mut offset = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok('\0') => return Err(DecodeError::NotText { offset }),
            Ok(c) => {
                s.push(c);
                offset += 2 * c.len_utf16();
            }
            Err(_) => return Err(DecodeError::InvalidUtf16 { offset }),
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(DecodeError::InvalidUtf16 { offset: bytes.len() - 1 });
    }
    Ok(s)
}

/// A streaming transcoder from a legacy or UTF-16 encoding to UTF-8, for reading
/// large JSONL and CSV files record by record. Malformed input becomes U+FFFD.
pub(crate) struct Transcoder<R> {
    inner: R,
    encoding: Encoding,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    eof: bool,
}

impl<R: std::io::Read> Transcoder<R> {
    pub(crate) fn new(inner: R, encoding: Encoding) -> Transcoder<R> {
        let decoder = match encoding {
            Encoding::Utf16Le => encoding_rs::UTF_16LE.new_decoder_without_bom_handling(),
            Encoding::Utf16Be => encoding_rs::UTF_16BE.new_decoder_without_bom_handling(),
            Encoding::Windows1251 => encoding_rs::WINDOWS_1251.new_decoder_without_bom_handling(),
            _ => encoding_rs::UTF_8.new_decoder_without_bom_handling(),
        };
        Transcoder { inner, encoding, decoder, raw: vec![0; 64 * 1024], out: Vec::new(), pos: 0, eof: false }
    }
}

impl<R: std::io::Read> std::io::Read for Transcoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.out.len() {
            if self.eof {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.raw)?;
            self.eof = n == 0;
            self.out.clear();
            self.pos = 0;
            let input = &self.raw[..n];
            if self.encoding == Encoding::Kz1048 {
                self.out.extend_from_slice(decode_single_byte(input, Encoding::Kz1048).as_bytes());
                continue;
            }
            let cap = self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 4 + 16);
            let mut s = String::with_capacity(cap);
            let (_, read, _) = self.decoder.decode_to_string(input, &mut s, self.eof);
            debug_assert_eq!(read, n, "capacity suffices for the whole input");
            self.out.extend_from_slice(s.as_bytes());
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kz1048(s: &str) -> Vec<u8> {
        let table = &*KZ1048;
        s.chars()
            .map(|c| {
                if c.is_ascii() {
                    c as u8
                } else {
                    0x80 + table.iter().position(|&t| t == Some(c)).unwrap_or_else(|| panic!("{c} not in KZ-1048"))
                        as u8
                }
            })
            .collect()
    }

    const KAZAKH: &str = "Қазақстан Республикасы – тәуелсіз мемлекет. Ұлттық өнер, ғылым және білім үшін һәм.";
    const RUSSIAN: &str = "Республика Казахстан — независимое государство. Это ещё один пример текста.";

    #[test]
    fn table_has_the_kazakh_letters() {
        // The bytes given in kazakh.md §1.5.
        let bytes = [
            0xA3, 0xBC, 0xAA, 0xBA, 0x8D, 0x9D, 0xBD, 0xBE, 0xA5, 0xB4, 0xA1, 0xA2, 0xAF, 0xBF, 0x8E, 0x9E, 0xB2, 0xB3,
        ];
        let got: String = bytes.iter().map(|&b| KZ1048[(b - 0x80) as usize].unwrap()).collect();
        assert_eq!(got, "ӘәҒғҚқҢңӨөҰұҮүҺһІі");
        assert_eq!(KZ1048[0x98 - 0x80], None);
        assert_eq!(KZ1048.iter().filter(|c| c.is_some()).count(), 127);
    }

    #[test]
    fn detects_boms_utf8_and_code_pages() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\xD2\x9B".to_vec(), None).unwrap(), ("aқ".into(), Encoding::Utf8));
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("қа".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(le, None).unwrap(), ("қа".into(), Encoding::Utf16Le));
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("қа".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(be, None).unwrap(), ("қа".into(), Encoding::Utf16Be));

        assert_eq!(decode(kz1048(KAZAKH), None).unwrap(), (KAZAKH.into(), Encoding::Kz1048));
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode(RUSSIAN);
        assert_eq!(decode(cp.into_owned(), None).unwrap(), (RUSSIAN.into(), Encoding::Windows1251));
        // Kazakh without the special letters, in windows-1251.
        let plain = "Казакстан Республикасы тауелсiз мемлекет болып табылады";
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode(plain);
        assert_eq!(decode(cp.into_owned(), None).unwrap().1, Encoding::Windows1251);
    }

    #[test]
    fn broken_utf8_and_binary_are_reported() {
        assert_eq!(decode(b"abc \xFF\xFE def".to_vec(), None), Err(DecodeError::InvalidUtf8 { offset: 4 }));
        let mut bytes = "Қазақстан тәуелсіз мемлекет".as_bytes().to_vec();
        bytes.insert(10, 0xFF);
        assert_eq!(decode(bytes, None), Err(DecodeError::InvalidUtf8 { offset: 10 }));
        assert_eq!(decode(b"ab\0c".to_vec(), None), Err(DecodeError::NotText { offset: 2 }));
        assert!(decode((0..=255u8).cycle().take(4096).filter(|&b| b != 0).collect(), None).is_err());
        assert_eq!(
            decode(vec![0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], None),
            Err(DecodeError::InvalidUtf16 { offset: 2 })
        );
        assert_eq!(decode(vec![0xFF, 0xFE, 0x41, 0x00, 0x00, 0x00], None), Err(DecodeError::NotText { offset: 4 }));
        assert_eq!(decode(vec![0xFF, 0xFE, 0x41], None), Err(DecodeError::InvalidUtf16 { offset: 2 }));
    }

    /// [`decode`] as it was before valid UTF-8 got its own path: [`detect`], then decode
    /// in what it found.
    fn decode_detected(bytes: Vec<u8>) -> Result<(String, Encoding), DecodeError> {
        if bom(&bytes).is_some() {
            return decode(bytes, None);
        }
        let encoding = detect(&bytes);
        decode(bytes, Some(encoding))
    }

    proptest::proptest! {
        #[test]
        fn decode_equals_detect_then_decode(
            text in "[a-zа-яқә \0\n<&😀]{0,200}",
            cut in 0usize..400,
            noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..8),
        ) {
            let mut bytes = text.into_bytes();
            let at = cut.min(bytes.len());
            bytes.splice(at..at, noise.iter().copied());
            proptest::prop_assert_eq!(decode(bytes.clone(), None), decode_detected(bytes));
        }

        #[test]
        fn decode_equals_detect_then_decode_on_any_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            proptest::prop_assert_eq!(decode(bytes.clone(), None), decode_detected(bytes));
        }
    }

    #[test]
    fn decode_equals_detect_then_decode_on_code_pages() {
        for text in [KAZAKH, RUSSIAN] {
            let (cp, _, _) = encoding_rs::WINDOWS_1251.encode(text);
            for bytes in [kz1048(text), cp.into_owned(), text.as_bytes().to_vec()] {
                assert_eq!(decode(bytes.clone(), None), decode_detected(bytes));
            }
        }
    }

    #[test]
    fn forced_encoding_wins() {
        let bytes = kz1048(KAZAKH);
        assert_eq!(
            decode(bytes.clone(), Some(Encoding::Windows1251)).unwrap().0.chars().filter(|&c| c == 'ќ').count(),
            2
        );
        assert_eq!(decode(bytes, Some(Encoding::Utf8)), Err(DecodeError::InvalidUtf8 { offset: 0 }));
        assert_eq!("KZ1048".parse::<Encoding>(), Ok(Encoding::Kz1048));
        assert!("latin-9".parse::<Encoding>().is_err());
    }

    #[test]
    fn transcoder_streams() {
        use std::io::Read;
        let bytes = kz1048(&KAZAKH.repeat(5000));
        let mut out = String::new();
        Transcoder::new(&bytes[..], Encoding::Kz1048).read_to_string(&mut out).unwrap();
        assert_eq!(out, KAZAKH.repeat(5000));
        let le: Vec<u8> = KAZAKH.repeat(3000).encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut out = String::new();
        Transcoder::new(&le[..], Encoding::Utf16Le).read_to_string(&mut out).unwrap();
        assert_eq!(out, KAZAKH.repeat(3000));
    }
}
