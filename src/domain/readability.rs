//! How easy a Spanish text is to read: the INFLESZ scale (Barrio-Cantalejo et al.,
//! 2008), the Flesch–Szigriszt formula read on a scale where 55–65 is "normal", 65–80
//! "fairly easy" and above 80 "very easy":
//!
//! `206.835 − 62.3 × syllables / words − words / sentences`
//!
//! The syllable count follows Spanish spelling: a syllable is a vowel nucleus, where a
//! weak vowel (i, u, ü without a written accent, and a final y as in "hoy") next to
//! another vowel forms one nucleus with it (a diphthong or triphthong), and two strong
//! vowels (a, e, o) or an accented í/ú next to a strong vowel are two (a hiatus). The u
//! of que, qui, gue and gui is silent. Pure functions: no I/O.
//!
//! Used by the tests to keep the proposal titles and the interface texts plain: a later
//! change cannot quietly make them harder to read.

/// What a letter is worth when counting syllables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sound {
    /// a, e, o (accented or not).
    Strong,
    /// i, u, ü and a word-final y: joins a neighbouring vowel.
    Weak,
    /// í, ú: a nucleus of its own next to a strong vowel (país, Alcaldía).
    AccentedWeak,
    /// Consonants, and the silent u of que/qui/gue/gui.
    Other,
}

fn sound(letters: &[char], at: usize) -> Sound {
    let c = letters[at];
    match c {
        'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'à' | 'è' | 'ò' | 'â' | 'ê' | 'ô' | 'ä' | 'ë' | 'ö' => {
            Sound::Strong
        }
        'í' | 'ú' | 'ì' | 'ù' => Sound::AccentedWeak,
        'i' | 'ü' | 'ï' | 'î' | 'û' => Sound::Weak,
        'u' => {
            let after_q_or_g = at > 0 && matches!(letters[at - 1], 'q' | 'g');
            let before_e_or_i = letters.get(at + 1).is_some_and(|n| matches!(n, 'e' | 'i' | 'é' | 'í'));
            if after_q_or_g && before_e_or_i { Sound::Other } else { Sound::Weak }
        }
        // "y" is a vowel only at the end of a word: the conjunction, hoy, ley, muy.
        'y' if at + 1 == letters.len() => Sound::Weak,
        _ => Sound::Other,
    }
}

/// Whether two vowels side by side are pronounced in one syllable.
fn same_syllable(before: Sound, after: Sound) -> bool {
    // Two strong vowels, or an accented í/ú next to a strong or another accented vowel:
    // a hiatus. Anything else with a weak vowel is a diphthong.
    !matches!((before, after), (Sound::Strong | Sound::AccentedWeak, Sound::Strong | Sound::AccentedWeak))
}

/// The syllables of one Spanish word. Digits and symbols are ignored; a word with
/// letters but no vowel (an acronym such as "LGBT") counts as one.
pub fn syllables(word: &str) -> usize {
    let letters: Vec<char> =
        word.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
    if letters.is_empty() {
        return 0;
    }
    let mut count = 0;
    let mut previous = Sound::Other;
    for at in 0..letters.len() {
        let current = sound(&letters, at);
        if current != Sound::Other && (previous == Sound::Other || !same_syllable(previous, current)) {
            count += 1;
        }
        previous = current;
    }
    count.max(1)
}

/// The words of a text: its runs of letters. Numbers, punctuation and emoji are not words.
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect()
}

/// The INFLESZ figure of a text given as its sentences, one per item. Items without
/// words are not sentences; with no words at all the figure is 0 (nothing to read).
pub fn inflesz(sentences: &[&str]) -> f64 {
    let mut total_words = 0usize;
    let mut total_syllables = 0usize;
    let mut total_sentences = 0usize;
    for sentence in sentences {
        let found = words(sentence);
        if found.is_empty() {
            continue;
        }
        total_sentences += 1;
        total_words += found.len();
        total_syllables += found.iter().map(|w| syllables(w)).sum::<usize>();
    }
    if total_words == 0 {
        return 0.0;
    }
    let words = total_words as f64;
    206.835 - 62.3 * total_syllables as f64 / words - words / total_sentences as f64
}

/// The INFLESZ figure of an interface text: Fluent markup and HTML tags removed (see
/// [`plain_text`]), then split into sentences (see [`sentences`]).
pub fn inflesz_text(text: &str) -> f64 {
    let plain = plain_text(text);
    let found = sentences(&plain);
    inflesz(&found)
}

/// The sentences of a plain text: split at . ! ? … and line breaks, trimmed, without
/// the empty ones.
pub fn sentences(text: &str) -> Vec<&str> {
    text.split(['.', '!', '?', '…', '\n']).map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// What a reader sees of a Fluent message value, as far as reading ease goes: HTML
/// tags (`<b>`, `</b>`…) removed; placeables (`{ $name }`, message references,
/// functions) removed; string literals (`{" "}`, `{"\u000A"}`) kept as their text;
/// and of a select expression (`{ $n -> [one] … *[other] … }`) only the text of its
/// default variant.
pub fn plain_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    let mut out = String::new();
    pattern(&chars, &mut at, &mut out, false);
    strip_tags(&out)
}

/// Reads text up to the end, an unmatched `}` (left unread), or, inside a variant,
/// a line whose first character is the next variant's `[` or `*[`.
fn pattern(chars: &[char], at: &mut usize, out: &mut String, in_variant: bool) {
    while *at < chars.len() {
        let c = chars[*at];
        match c {
            '}' => return,
            '{' => {
                *at += 1;
                placeable(chars, at, out);
            }
            '\n' if in_variant && next_line_starts_variant(chars, *at + 1) => return,
            _ => {
                out.push(c);
                *at += 1;
            }
        }
    }
}

fn next_line_starts_variant(chars: &[char], from: usize) -> bool {
    let rest = chars[from..].iter().skip_while(|c| **c == ' ' || **c == '\t');
    let mut rest = rest.copied();
    match rest.next() {
        Some('[') => true,
        Some('*') => rest.next() == Some('['),
        _ => false,
    }
}

fn skip_blank(chars: &[char], at: &mut usize) {
    while *at < chars.len() && chars[*at].is_whitespace() {
        *at += 1;
    }
}

/// Reads a placeable after its `{`, up to and including its `}`.
fn placeable(chars: &[char], at: &mut usize, out: &mut String) {
    skip_blank(chars, at);
    if chars.get(*at) == Some(&'"') {
        *at += 1;
        string_literal(chars, at, out);
    }
    // The rest of the expression: a variable, a reference or a call, then maybe `->`.
    let mut depth = 0usize;
    while *at < chars.len() {
        match chars[*at] {
            '"' => {
                *at += 1;
                string_literal(chars, at, &mut String::new());
                continue;
            }
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '}' if depth == 0 => {
                *at += 1;
                return;
            }
            '-' if depth == 0 && chars.get(*at + 1) == Some(&'>') => {
                *at += 2;
                variants(chars, at, out);
                return;
            }
            _ => {}
        }
        *at += 1;
    }
}

/// Reads a string literal after its opening quote, up to and including the closing one.
fn string_literal(chars: &[char], at: &mut usize, out: &mut String) {
    while *at < chars.len() {
        let c = chars[*at];
        *at += 1;
        match c {
            '"' => return,
            '\\' => match chars.get(*at) {
                Some('u') => {
                    let hex: String = chars[*at + 1..].iter().take(4).collect();
                    if let Some(decoded) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        out.push(decoded);
                    }
                    *at = (*at + 5).min(chars.len());
                }
                Some(escaped) => {
                    out.push(*escaped);
                    *at += 1;
                }
                None => {}
            },
            _ => out.push(c),
        }
    }
}

/// Reads the variants of a select expression after its `->`, up to and including the
/// closing `}`; only the default (`*[…]`) variant's text is kept.
fn variants(chars: &[char], at: &mut usize, out: &mut String) {
    loop {
        skip_blank(chars, at);
        let default = match chars.get(*at) {
            None => return,
            Some('}') => {
                *at += 1;
                return;
            }
            Some('*') => {
                *at += 1;
                true
            }
            Some(_) => false,
        };
        if chars.get(*at) == Some(&'[') {
            while *at < chars.len() && chars[*at] != ']' {
                *at += 1;
            }
            *at += 1;
        }
        let mut text = String::new();
        pattern(chars, at, &mut text, true);
        if default {
            out.push(' ');
            out.push_str(text.trim());
            out.push(' ');
        }
    }
}

/// Removes `<tag>` and `</tag>`: a `<` followed by a letter or `/`, up to its `>`.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let is_tag = after.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '/');
        match after.find('>') {
            Some(close) if is_tag => {
                out.push_str(&rest[..open]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_spanish_words() {
        for (word, expected) in [
            ("información", 4),
            ("ciudadanía", 5),
            ("participación", 5),
            ("guerra", 2),
            ("aéreo", 4),
            ("país", 2),
            ("hoy", 1),
            ("ley", 1),
            ("muy", 1),
            ("y", 1),
            ("Alcaldía", 4),
            ("cuidado", 3),
            ("ciudad", 2),
            ("que", 1),
            ("quiero", 2),
            ("guitarra", 3),
            ("pingüino", 3),
            ("agua", 2),
            ("buey", 1),
            ("leer", 2),
            ("poeta", 3),
            ("reír", 2),
            ("huí", 1),
            ("ahora", 3),
            ("transparencia", 4),
            ("rendición", 3),
            ("cuentas", 2),
            ("Cartagena", 4),
            ("mayo", 2),
            ("LGBTI", 1),
            ("JAC", 1),
            ("plataforma", 4),
            ("institucionalidad", 7),
            ("gobierno", 3),
            ("veedurías", 5),
        ] {
            assert_eq!(syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn digits_and_symbols_are_not_syllables_nor_words() {
        assert_eq!(syllables("2022"), 0);
        assert_eq!(syllables("—"), 0);
        assert_eq!(words("Estratos 1, 2 y 3 — ¡ya! 🗳"), vec!["Estratos", "y", "ya"]);
    }

    #[test]
    fn inflesz_follows_the_formula() {
        // 2 sentences, 4 words, 1+2+1+3 = 7 syllables.
        let figure = inflesz(&["Hoy leo", "la consulta"]);
        let expected = 206.835 - 62.3 * 7.0 / 4.0 - 4.0 / 2.0;
        assert!((figure - expected).abs() < 1e-9, "{figure} vs {expected}");
        assert_eq!(inflesz(&[]), 0.0);
        assert_eq!(inflesz(&["", "123"]), 0.0);
    }

    #[test]
    fn plain_words_read_easier_than_bureaucratic_ones() {
        let plain = inflesz(&["La página web de la Alcaldía al día"]);
        let hard = inflesz(&["Fortalecimiento de mecanismos institucionales de actualización"]);
        assert!(plain > 65.0 && hard < 0.0, "{plain} {hard}");
    }

    #[test]
    fn interface_text_without_markup() {
        let text = "👋 ¡Hola! Te damos la <b>{ $title }</b>.\n\nBorramos { $n ->\n    [0] nada\n    [one] tu voto\n   *[other] tus { $n } votos\n}; listo.{\"\\u000A\"}Fin{\" \"}aquí";
        let plain = plain_text(text);
        assert!(!plain.contains('<') && !plain.contains('{') && !plain.contains('$'), "{plain}");
        assert!(plain.contains("tus") && plain.contains("votos") && !plain.contains("nada"), "{plain}");
        assert_eq!(
            sentences(&plain),
            vec!["👋 ¡Hola", "Te damos la", "Borramos  tus  votos ; listo", "Fin aquí"],
            "{plain}"
        );
        let figure = inflesz_text(text);
        assert!(figure.is_finite() && figure > 0.0, "{figure}");
    }

    #[test]
    fn a_select_closed_at_the_margin_keeps_the_text_after_it() {
        let text = "Plan: { $c ->\n    [one] 1 compromiso\n   *[other] { $c } compromisos\n} con { $h ->\n    [one] 1 hito\n   *[other] { $h } hitos\n}. Fin.";
        let plain = plain_text(text);
        assert_eq!(words(&plain), vec!["Plan", "compromisos", "con", "hitos", "Fin"], "{plain}");
    }
}
