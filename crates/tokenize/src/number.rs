//! Roman numerals and phone numbers.

/// Whether text starting with `b` could be a Roman numeral, on its first character: I
/// V X L C D M, or Cyrillic І Х. The tokenizer's quick paths leave such words to the
/// general one.
#[inline]
pub(crate) fn may_be_roman_numeral(b: &[u8]) -> bool {
    matches!(b, [b'I' | b'V' | b'X' | b'L' | b'C' | b'D' | b'M', ..] | [0xD0, 0x86 | 0xA5, ..])
}

/// Whether `s` is a Roman numeral in capitals: `XXI`, `IV`, `MCMXC`, and the same typed with
/// the Cyrillic look-alikes Х and І (`ХХІ ғасыр`). A single letter counts only if it is
/// I, V or X; a numeral without I, V or X (`CD`, `MC`) needs three letters.
pub(crate) fn is_roman_numeral(s: &str) -> bool {
    if !may_be_roman_numeral(s.as_bytes()) {
        return false;
    }
    let mut v = [0u8; 16];
    let mut n = 0;
    let mut ivx = false;
    for c in s.chars() {
        if n == v.len() {
            return false;
        }
        let d = match c {
            'I' | 'І' => b'I',
            'V' => b'V',
            'X' | 'Х' => b'X',
            'L' => b'L',
            'C' => b'C',
            'D' => b'D',
            'M' => b'M',
            _ => return false,
        };
        ivx |= matches!(d, b'I' | b'V' | b'X');
        v[n] = d;
        n += 1;
    }
    if n == 0 || (!ivx && n < 3) {
        return false;
    }
    valid_roman(&v[..n])
}

/// Classical Roman numeral syntax: M{0,4} (CM|CD|D?C{0,3}) (XC|XL|L?X{0,3}) (IX|IV|V?I{0,3}).
fn valid_roman(s: &[u8]) -> bool {
    let mut i = 0;
    let ms = s.iter().take_while(|&&c| c == b'M').count();
    if ms > 4 {
        return false;
    }
    i += ms;
    for (one, five, ten) in [(b'C', b'D', b'M'), (b'X', b'L', b'C'), (b'I', b'V', b'X')] {
        let rest = &s[i..];
        if rest.len() >= 2 && rest[0] == one && (rest[1] == ten || rest[1] == five) {
            i += 2;
            continue;
        }
        if rest.first() == Some(&five) {
            i += 1;
        }
        let ones = s[i..].iter().take_while(|&&c| c == one).count();
        if ones > 3 {
            return false;
        }
        i += ones;
    }
    i == s.len()
}

/// The fewest digits of a phone number: 10 to 15 with "+", 11 without.
pub(crate) const PHONE_MIN_DIGITS: usize = 10;
/// The most digits of a phone number.
const PHONE_MAX_DIGITS: usize = 15;

/// The end of a phone number starting at `start`, if one starts there: `+7 701 123 45 67`,
/// `+7 (727) 250-50-50`, `8 (7172) 55-66-77`, `8-701-123-45-67`, `87011234567`.
/// Digits may be grouped with single spaces, hyphens and one pair of brackets.
pub(crate) fn phone_end(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let plus = b[start] == b'+';
    let mut i = start + usize::from(plus);
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let first = b[i];
    let (mut digits, mut last_digit_end, mut seps, mut open) = (0usize, i, 0usize, false);
    let mut group = 0usize;
    let mut groups = 0usize;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                group += 1;
                last_digit_end = i + 1;
            }
            b' ' | b'-' | b'(' | b')' => {
                let next = b.get(i + 1).copied();
                let ok = match c {
                    b'(' => !open && next.is_some_and(|d| d.is_ascii_digit()),
                    b')' => open,
                    _ => next.is_some_and(|d| d.is_ascii_digit() || d == b'('),
                };
                if !ok {
                    break;
                }
                if c == b'(' {
                    open = true;
                } else if c == b')' {
                    open = false;
                }
                if group > 0 {
                    groups += 1;
                    // A group longer than four digits is not how phone numbers are written.
                    if group > 4 && seps > 0 && !plus {
                        return None;
                    }
                }
                group = 0;
                seps += 1;
            }
            _ => break,
        }
        if digits > PHONE_MAX_DIGITS {
            return None;
        }
        i += 1;
    }
    if group > 0 {
        groups += 1;
    }
    if open {
        return None;
    }
    let end = last_digit_end;
    if matches!(text[end..].chars().next(), Some(c) if c.is_alphanumeric()) {
        return None;
    }
    if plus {
        return (PHONE_MIN_DIGITS..=PHONE_MAX_DIGITS).contains(&digits).then_some(end);
    }
    // Without "+": a Kazakh or Russian number 8 7xx ..., 11 digits, written in groups or whole.
    let body = &b[start..end];
    let second = body.iter().copied().filter(u8::is_ascii_digit).nth(1);
    if first == b'8' && digits == 11 && second == Some(b'7') && (seps >= 2 || seps == 0) && groups != 2 {
        return Some(end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        for s in ["I", "II", "IV", "VIII", "XIX", "XXI", "ХХІ", "ХІХ", "XІV", "MCMXC", "XL", "Х"] {
            assert!(is_roman_numeral(s), "{s} is a Roman numeral");
        }
        for s in ["", "IIII", "VX", "IC", "CD", "MC", "C", "M", "D", "L", "Хан", "ХХХХ", "xx", "МХ", "ІІІІ"]
        {
            assert!(!is_roman_numeral(s), "{s} is not a Roman numeral");
        }
    }

    #[test]
    fn phones() {
        for (s, p) in [
            ("+7 701 123 45 67 деп", "+7 701 123 45 67"),
            ("+7 (727) 250-50-50.", "+7 (727) 250-50-50"),
            ("8 (7172) 55-66-77,", "8 (7172) 55-66-77"),
            ("8-701-123-45-67", "8-701-123-45-67"),
            ("87011234567 нөмірі", "87011234567"),
            ("+77011234567", "+77011234567"),
        ] {
            assert_eq!(phone_end(s, 0).map(|e| &s[..e]), Some(p), "{s}");
        }
        for s in ["2019 2020", "8 701", "+7", "1 374 000", "2010-2014", "12345678901", "8 7 0 1 2 3 4 5 6 7 8a"] {
            assert_eq!(phone_end(s, 0), None, "{s} is not a phone number");
        }
    }
}
