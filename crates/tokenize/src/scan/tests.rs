//! Tokenizer rules, one table per rule, with sentences written for these tests.

use super::*;
use proptest::prelude::*;

fn toks(text: &str) -> Vec<(&str, TokenKind)> {
    tokens(text).filter(|t| t.kind != TokenKind::Space).map(|t| (&text[t.span], t.kind)).collect()
}

fn texts(text: &str) -> Vec<&str> {
    toks(text).into_iter().map(|(s, _)| s).collect()
}

/// Each case: input, and the expected tokens joined by single spaces.
fn check(cases: &[(&str, &str)]) {
    for (input, want) in cases {
        let got = texts(input).join(" ");
        assert_eq!(&got, want, "\n  input: {input:?}\n  help: the tokens of the input, joined by spaces");
    }
}

fn check_kinds(cases: &[(&str, TokenKind)]) {
    for (input, kind) in cases {
        let got = toks(input);
        assert_eq!(got.len(), 1, "{input:?} should be one token, got {got:?}");
        assert_eq!(got[0].1, *kind, "{input:?}");
    }
}

#[test]
fn punctuation_splits_off() {
    check(&[
        ("«Ақорда» (ОДКБ) – деді...", "« Ақорда » ( ОДКБ ) – деді ..."),
        ("Не істемеді Шолпан?!", "Не істемеді Шолпан ? !"),
        ("Ол келді; біз кеттік: бәрі бітті…", "Ол келді ; біз кеттік : бәрі бітті …"),
        ("\"Өкінбеймін\", – деді.", "\" Өкінбеймін \" , – деді ."),
        ("[1] „ішкі“ «сыртқы»", "[ 1 ] „ ішкі “ « сыртқы »"),
        ("Ақын — халық үні", "Ақын — халық үні"),
    ]);
}

#[test]
fn hyphenated_words_stay_whole() {
    check(&[
        ("сондай-ақ Қасым-Жомарт бір-бірімен", "сондай-ақ Қасым-Жомарт бір-бірімен"),
        ("қарым-қатынас ата-анасы тап-таза өзін-өзі", "қарым-қатынас ата-анасы тап-таза өзін-өзі"),
        ("Сан-Паулуда әл-Фарабидің Нью-Йорктегі", "Сан-Паулуда әл-Фарабидің Нью-Йорктегі"),
        ("ертең-ақ келеді-ау", "ертең-ақ келеді-ау"),
        ("Су-27 ұшағы, COVID-19 індеті", "Су-27 ұшағы , COVID-19 індеті"),
        ("e-mail арқылы", "e-mail арқылы"),
    ]);
}

#[test]
fn dash_between_words_splits() {
    check(&[
        ("ел - жұрт", "ел - жұрт"),
        ("бір- екі", "бір - екі"),
        // an apposition written with a hyphen: a lowercase word, then a name
        ("ағасы-Эдуард ханзада", "ағасы - Эдуард ханзада"),
        ("Алматы–Астана жолы", "Алматы – Астана жолы"),
    ]);
}

#[test]
fn numbers_with_suffixes() {
    check(&[
        ("2019-ғы 55-ші 20-шы 35-те 1990-жылдардың", "2019-ғы 55-ші 20-шы 35-те 1990 - жылдардың"),
        ("ҰҚШҰ-ның АҚШ-пен ҚР-да ФИФА-ның БҰҰ-ға ҚазҰУ-да", "ҰҚШҰ-ның АҚШ-пен ҚР-да ФИФА-ның БҰҰ-ға ҚазҰУ-да"),
        ("90%-ға өсті, 36%-ы, 70%-ін", "90%-ға өсті , 36%-ы , 70%-ін"),
        // a word after the hyphen is a word of its own
        ("№ 17-үйде, 1-бап", "№ 17 - үйде , 1 - бап"),
        ("5-еу, 10-нан, 3-ке дейін", "5-еу , 10-нан , 3-ке дейін"),
        ("XX-ғасыр, XIX-ХХ ғасырлар, XXI-ші", "XX - ғасыр , XIX - ХХ ғасырлар , XXI-ші"),
        ("1990-1995 жылдары", "1990 - 1995 жылдары"),
    ]);
}

#[test]
fn numbers() {
    check(&[
        ("58,3 пайыз, 3.14 және 05.01.2014 сағат 14:30", "58,3 пайыз , 3.14 және 05.01.2014 сағат 14:30"),
        ("2022, 2023.", "2022 , 2023 ."),
        ("58,3% өсті, 67 % емес", "58,3% өсті , 67 % емес"),
        ("№1 мектеп, № 5", "№1 мектеп , № 5"),
        ("50°С-қа дейін", "50°С-қа дейін"),
        ("1\u{00A0}374 мың, 12\u{202F}500\u{202F}000 теңге", "1\u{00A0}374 мың , 12\u{202F}500\u{202F}000 теңге"),
        ("1\u{2009}374,5 тонна", "1\u{2009}374,5 тонна"),
        ("15\u{00A0}000\u{00A0}000-нан астам", "15\u{00A0}000\u{00A0}000-нан астам"),
        // a plain space separates numbers; a group of other than three digits is not grouping
        ("2014 120 адам, 72 466 тұрғын, 12\u{00A0}3456", "2014 120 адам , 72 466 тұрғын , 12 3456"),
        ("32,5°С ыстық, −5°C, 20 °C", "32,5°С ыстық , −5°C , 20 °C"),
        // a sign on a number, but not an operator between numbers
        ("Ауа райы +6, түнде −2,4 градус; 2+2", "Ауа райы +6 , түнде −2,4 градус ; 2 + 2"),
    ]);
    check_kinds(&[
        ("58,3", TokenKind::Number),
        ("2019-ғы", TokenKind::Number),
        ("XXI", TokenKind::Number),
        ("ХХІ", TokenKind::Number),
        ("II", TokenKind::Number),
        ("ХІХ-ғы", TokenKind::Number),
        ("1\u{00A0}374", TokenKind::Number),
    ]);
}

#[test]
fn roman_numerals_are_numbers_not_words() {
    assert_eq!(
        toks("II Елизавета ХХ ғасырда"),
        [
            ("II", TokenKind::Number),
            ("Елизавета", TokenKind::Word),
            ("ХХ", TokenKind::Number),
            ("ғасырда", TokenKind::Word)
        ]
    );
    assert_eq!(toks("Хан")[0].1, TokenKind::Word);
}

#[test]
fn abbreviations_keep_their_dot() {
    assert_eq!(
        toks("2014 ж. т.б. М. Әуезов"),
        [
            ("2014", TokenKind::Number),
            ("ж.", TokenKind::Abbrev),
            ("т.б.", TokenKind::Abbrev),
            ("М.", TokenKind::Abbrev),
            ("Әуезов", TokenKind::Word)
        ]
    );
    check(&[
        ("Ол үйде.", "Ол үйде ."),
        ("2010–2014 жж. б.з.б. V ғ. Б.з.б. 5 млн. теңге", "2010 – 2014 жж. б.з.б. V ғ. Б.з.б. 5 млн. теңге"),
        // a sentence-final abbreviation shares its dot with the sentence end
        ("Кітап, дәптер т.б.", "Кітап , дәптер т.б."),
        ("А.Байтұрсынұлы мен Ш.Уәлиханов", "А. Байтұрсынұлы мен Ш. Уәлиханов"),
        ("І. Есенберлин; І Петр мен Петр I.", "І. Есенберлин ; І Петр мен Петр I ."),
        ("т.с.с. нәрселер", "т.с.с. нәрселер"),
        // an unlisted abbreviation: a short stem before a dot, then a lowercase word
        ("өнд. бірлестігі", "өнд. бірлестігі"),
        ("т.ғ.д., профессор; 5 т. бидай", "т.ғ.д. , профессор ; 5 т. бидай"),
        ("биікт. 300 м, солт. бөлігі", "биікт. 300 м , солт. бөлігі"),
        // units take no dot: a dot after one ends the sentence, unless a lowercase word follows
        ("Биіктігі 300 м. Ені 5 км.", "Биіктігі 300 м . Ені 5 км ."),
        ("5 км. жерде", "5 км. жерде"),
        ("Ені 5 км. 2010 жылы салынды", "Ені 5 км . 2010 жылы салынды"),
        // a sentence-final word before a lowercase sentence start is not an abbreviation
        ("Ақша жоқ. бірақ үміт бар.", "Ақша жоқ . бірақ үміт бар ."),
        ("Ол келді.Біз кеттік", "Ол келді . Біз кеттік"),
        ("Біз келдік. Олар кетті.", "Біз келдік . Олар кетті ."),
    ]);
}

#[test]
fn sentence_final_abbreviation() {
    assert_eq!(texts("Кітап, дәптер т.б."), ["Кітап", ",", "дәптер", "т.б."]);
    assert_eq!(texts("Ол 1991 ж."), ["Ол", "1991", "ж."]);
}

#[test]
fn web_tokens() {
    assert_eq!(
        toks("inbusiness.kz https://egov.kz/a?b=1. info@mail.kz #Қазақстан @user 😀"),
        [
            ("inbusiness.kz", TokenKind::Url),
            ("https://egov.kz/a?b=1", TokenKind::Url),
            (".", TokenKind::Punct),
            ("info@mail.kz", TokenKind::Email),
            ("#Қазақстан", TokenKind::Hashtag),
            ("@user", TokenKind::Mention),
            ("😀", TokenKind::Emoji)
        ]
    );
    check(&[
        ("(www.gov.kz сайтында)", "( www.gov.kz сайтында )"),
        ("(https://kk.wikipedia.org/wiki/Абай_(ақын))", "( https://kk.wikipedia.org/wiki/Абай_(ақын) )"),
        ("ivan.petrov@mail.ru, tengrinews.kz-тің", "ivan.petrov@mail.ru , tengrinews.kz-тің"),
        ("президент.қаз сайты", "президент.қаз сайты"),
        ("😀😀 👍🏽 🇰🇿 👨‍👩‍👧", "😀 😀 👍🏽 🇰🇿 👨‍👩‍👧"),
        ("Тел.: +7 701 123 45 67, 8 (7172) 55-66-77.", "Тел. : +7 701 123 45 67 , 8 (7172) 55-66-77 ."),
        ("@user.name #2024жыл", "@user.name #2024жыл"),
    ]);
    check_kinds(&[
        ("+7 701 123 45 67", TokenKind::Phone),
        ("8 (7172) 55-66-77", TokenKind::Phone),
        ("http://x.kz", TokenKind::Url),
        ("tengrinews.kz", TokenKind::Url),
        ("a.b@c.kz", TokenKind::Email),
    ]);
}

#[test]
fn latin_words_and_apostrophes() {
    check(&[
        ("Qazaqstan Respyʼblikasy", "Qazaqstan Respyʼblikasy"),
        ("O'Brien мен О’Брайен", "O'Brien мен О’Брайен"),
        ("'Qazaqstan' degen", "' Qazaqstan ' degen"),
        ("ta'n' atty", "ta'n' atty"),
    ]);
}

#[test]
fn messy_characters_stay_inside_words() {
    check(&[
        ("сөз\u{00AD}дік бі\u{200B}лім а\u{0301}на", "сөз\u{00AD}дік бі\u{200B}лім а\u{0301}на"),
        ("Қазақстaн ҚAЗAҚ əдебиет", "Қазақстaн ҚAЗAҚ əдебиет"),
        ("ќазаќ тілі", "ќазаќ тілі"),
    ]);
}

pub(crate) fn kazakhish() -> impl Strategy<Value = String> {
    let chars = prop::sample::select(vec![
        'а', 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Қ', 'М', 'Х', 'І', 'a', 'w', 'h', 't', 'p', 's', 'I', 'X',
        'V', ':', '/', '@', '#', '+', '1', '2', '8', '7', '0', ',', '.', '-', '%', '°', ' ', ' ', ' ', '\n', '«', '»',
        '(', ')', '\'', '’', 'ʼ', '😀', '\u{200D}', '\u{FE0F}', '🇰', '\u{0301}', '\u{00A0}', '\u{202F}', '\u{00AD}',
        '\u{0482}', '\u{0483}', 'ќ', 'é', '№', '—', '!', '?', ';', '"', '\t', '\r', '–', '…', '“', '”', '\u{2010}',
        '\u{2009}', '\u{0B}',
    ]);
    prop::collection::vec(chars, 0..48).prop_map(|v| v.into_iter().collect())
}

fn check_tiling(s: &str) -> Result<(), TestCaseError> {
    let mut pos = 0;
    let mut joined = String::new();
    for t in tokens(s) {
        prop_assert_eq!(t.span.start, pos);
        prop_assert!(t.span.end > t.span.start);
        prop_assert!(s.is_char_boundary(t.span.end));
        joined.push_str(&s[t.span]);
        pos = t.span.end;
    }
    prop_assert_eq!(pos, s.len());
    prop_assert_eq!(joined, s);
    Ok(())
}

proptest! {
    #[test]
    fn spans_tile_the_input(s in kazakhish()) {
        check_tiling(&s)?;
    }

    #[test]
    fn fast_path_equals_general_path(s in kazakhish()) {
        let fast: Vec<Token> = tokens(&s).collect();
        prop_assert_eq!(fast, tokens_general(&s));
    }

    #[test]
    fn no_panic_on_any_string(s in any::<String>()) {
        check_tiling(&s)?;
        let fast: Vec<Token> = tokens(&s).collect();
        prop_assert_eq!(fast, tokens_general(&s));
    }
}

/// Words, abbreviations, initials and numbers joined by spaces, dots and line breaks:
/// text in which a dot after a word may end a sentence or an abbreviation.
fn sentences() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "болады",
        "ж",
        "млн",
        "т",
        "б",
        "км",
        "өнд",
        "геогр",
        "халықар",
        "жоқ",
        "бар",
        "Алматы",
        "М",
        "Қазақстанның",
        "ХХ",
        "І",
        "2024",
        "сөз1",
        "ҚР",
        "egov",
        "kz",
        "ата",
        "биікт",
        "мың",
        "ақпан",
        "http",
        "https",
        "www",
        "IV",
        "Mix",
        "ok",
        "Xbox",
        "ftp",
        "user",
        "tan'",
        "COVID",
        "a1b2",
        "Kазақ",
        "i",
        "8",
        "701",
        "58",
        "123456789",
        "87011234567",
        "❤",
        "☆",
    ]);
    let gaps = prop::sample::select(vec![
        " ",
        ". ",
        ".",
        ".\n",
        ".  ",
        ". 5",
        ", ",
        "\u{a0}",
        ".\u{a0}",
        "-",
        ":",
        "…",
        "...",
        ".,",
        ".)",
        ".«",
        "👍",
        "🇰🇿",
        "👍🏻 ",
        " \u{1F100} ",
        ".\t",
        " 👍",
        ". 👍",
        "👍\u{200D}👍",
        "😀😀😀",
        "❤\u{FE0F}",
        "1\u{FE0F}\u{20E3}",
        "🏴\u{E0067}\u{E0062}\u{E007F}",
        "👩\u{200D}💻\u{200D}",
        "\u{1F3FB}",
        "\u{1FAFF}\u{1FB00}",
        "\u{1F1E6}\u{1F3FB}",
        "@",
        "://",
        "_",
        "'",
        "%",
        "/",
        "+",
        ".kz ",
        "@mail.kz ",
        "?",
        ";",
        ")",
        " (",
        "(",
        ",5",
        ":30",
        " 7",
        "\"",
        "!",
        "❤",
        "⭐ ",
        "—",
        "\u{2011}",
        "\u{2009}",
    ]);
    prop::collection::vec((words, gaps), 0..16)
        .prop_map(|v| v.into_iter().flat_map(|(w, g)| [w, g]).collect::<String>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn fast_path_equals_general_path_on_sentences(s in sentences()) {
        let fast: Vec<Token> = tokens(&s).collect();
        prop_assert_eq!(fast, tokens_general(&s));
    }
}

#[test]
fn a_dot_before_a_capital_without_a_space() {
    // The quick path takes "word.Capital" as a sentence end; what it leaves to the
    // general path (abbreviations, initials, domains, words a dot or hyphen follows)
    // must come out the same both ways.
    for s in [
        "болды.Бірақ жоқ",
        "жоқ.Әуезов, бар",
        "нашар.Кл",
        "директоры.Бағасы.kz",
        "ж.Алматы",
        "т.б.Алматы",
        "М.Әуезов",
        "жоқ.Ақ-сары",
        "жоқ.Алматы.",
        "жоқ.Алматы'",
        "сөз.ҚР.",
        "жоқ.І ",
        "жоқ.ХХ ғасыр",
        "млн.Теңге",
        "тамаша.Рахмет👍",
        "президент.қаз",
        "сайт.Kz",
    ] {
        assert_eq!(tokens(s).collect::<Vec<_>>(), tokens_general(s), "{s}");
    }
    assert_eq!(texts("болды.Бірақ жоқ"), ["болды", ".", "Бірақ", "жоқ"]);
}
