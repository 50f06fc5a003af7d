//! Plain words: the proposal titles and every Spanish interface text stay easy to
//! read (INFLESZ, see `consulta::domain::readability`), so that a later change cannot
//! quietly make them harder; and the titles of one pillar do not read alike.

use consulta::domain::{
    Catalog,
    readability::{inflesz, inflesz_text, plain_text, words},
};
use std::collections::BTreeSet;
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// "Fairly easy" starts at 65 on the INFLESZ scale.
const TITLES_MIN: f64 = 65.0;
/// What a citizen reads from the bot is held to a higher mark than the titles,
/// which must name institutions and programmes.
const INTERFACE_MIN: f64 = 70.0;

/// The Spanish titles of the catalog's own proposals (not those promoted from ideas),
/// with their pillar.
fn titles(catalog: &Catalog) -> Vec<(&str, &str)> {
    catalog.proposals.iter().filter(|p| !p.from_idea).map(|p| (p.pillar.as_str(), p.title.as_str())).collect()
}

fn default_catalog() -> Catalog {
    Catalog::parse(consulta::DEFAULT_CATALOG).expect("the default catalog parses")
}

#[test]
fn proposal_titles_are_fairly_easy_to_read() {
    let catalog = default_catalog();
    let titles: Vec<&str> = titles(&catalog).into_iter().map(|(_, t)| t).collect();
    assert_eq!(titles.len(), 62);
    let figure = inflesz(&titles);
    println!("INFLESZ of the {} Spanish proposal titles: {figure:.1}", titles.len());
    let mut hardest: Vec<(f64, &str)> = titles.iter().map(|t| (inflesz(&[t]), *t)).collect();
    hardest.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(
        figure >= TITLES_MIN,
        "the titles read at INFLESZ {figure:.1}, below {TITLES_MIN}; hardest: {:?}",
        &hardest[..5]
    );
}

#[test]
fn the_titles_threshold_bites_on_bureaucratic_titles() {
    let catalog = default_catalog();
    let titles = titles(&catalog);
    let plain: Vec<&str> = titles.iter().map(|(_, t)| *t).collect();
    let figure = inflesz(&plain);
    let bureaucratic = [
        "Implementación de mecanismos institucionales de fortalecimiento de la gobernanza participativa",
        "Institucionalización de estrategias de visibilización de la información pública",
        "Fortalecimiento de la articulación interinstitucional para la gestión comunitaria",
        "Optimización de herramientas tecnológicas de seguimiento a la gestión institucional",
    ];
    // INFLESZ below 40: "very hard".
    assert!(bureaucratic.iter().all(|t| inflesz(&[t]) < 40.0), "each reads as very hard on its own");

    // One such title already costs the whole list a point or more…
    let mut one = plain.clone();
    one[0] = bureaucratic[0];
    let with_one = inflesz(&one);
    assert!(with_one < figure - 1.0, "{with_one:.1} vs {figure:.1}");

    // …and one title in ten written that way (6 of the 62, in every pillar) brings it
    // below the threshold.
    let mut harder = plain.clone();
    for (n, at) in (0..harder.len()).step_by(10).enumerate() {
        harder[at] = bureaucratic[n % bureaucratic.len()];
    }
    let pillars: BTreeSet<&str> = (0..titles.len()).step_by(10).map(|at| titles[at].0).collect();
    assert_eq!(pillars.len(), 4, "every pillar has one");
    let with_six = inflesz(&harder);
    println!(
        "INFLESZ of the titles {figure:.1}; with one bureaucratic title {with_one:.1}; with one in ten {with_six:.1}"
    );
    assert!(with_six < TITLES_MIN, "{with_six:.1}: the threshold would not notice");
}

/// Lowercase, without accents: "Alcaldía" and "alcaldia" are the same word.
fn fold(word: &str) -> String {
    word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

const STOP_WORDS: &[&str] = &[
    "de", "la", "el", "los", "las", "y", "a", "en", "con", "para", "por", "del", "al", "que", "su", "sus",
    "un", "una",
];

fn content_words(title: &str) -> BTreeSet<String> {
    words(title).into_iter().map(fold).filter(|w| !STOP_WORDS.contains(&w.as_str())).collect()
}

#[test]
fn titles_of_one_pillar_do_not_read_alike() {
    let catalog = default_catalog();
    let titles = titles(&catalog);
    let mut pairs = 0;
    for (i, (pillar, a)) in titles.iter().enumerate() {
        for (other_pillar, b) in &titles[i + 1..] {
            if pillar != other_pillar {
                continue;
            }
            let (wa, wb) = (content_words(a), content_words(b));
            let shared = wa.intersection(&wb).count() as f64 / wa.union(&wb).count() as f64;
            assert!(shared < 0.5, "{a:?} and {b:?} share {:.0} % of their words", shared * 100.0);
            pairs += 1;
        }
    }
    // 14, 11, 21 and 16 proposals: 91 + 55 + 210 + 120 pairs.
    assert_eq!(pairs, 476);
}

/// The messages of a Fluent file: each key with its whole value, lines after the
/// first included (indented lines, and every line of an open `{ … }` placeable).
fn messages(source: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let mut depth = 0i32;
    let mut open = false;
    for line in source.lines() {
        let starts = depth == 0
            && line.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && line.split_once('=').is_some_and(|(key, _)| {
                key.trim().chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            });
        let value = if starts {
            let (key, value) = line.split_once('=').expect("checked above");
            found.push((key.trim().to_string(), String::new()));
            open = true;
            value
        } else if open && (depth > 0 || line.is_empty() || line.starts_with(' ')) {
            line
        } else {
            open = false;
            continue;
        };
        let text = &mut found.last_mut().expect("a message is open").1;
        text.push_str(value.trim());
        text.push('\n');
        let mut in_string = false;
        for c in value.chars() {
            match c {
                '"' => in_string = !in_string,
                '{' if !in_string => depth += 1,
                '}' if !in_string => depth -= 1,
                _ => {}
            }
        }
    }
    found
}

/// Messages that are not prose shown to citizens: CLI output, spreadsheet column
/// names, date formats.
fn is_prose(key: &str) -> bool {
    !(key.starts_with("cli-") || key.starts_with("export-col") || key.starts_with("date-"))
}

#[test]
fn every_spanish_interface_text_is_easy_to_read() {
    let dir = format!("{}/locales/es", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("locale folder")
        .map(|e| e.expect("locale entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    let mut all = String::new();
    let mut each: Vec<(f64, String)> = Vec::new();
    for path in &files {
        let source = std::fs::read_to_string(path).expect("locale file");
        for (key, value) in messages(&source) {
            if !is_prose(&key) || words(&plain_text(&value)).len() < 3 {
                continue;
            }
            each.push((inflesz_text(&value), key));
            // A message ends a sentence: a line break splits sentences.
            all.push_str(&value);
            all.push('\n');
        }
    }
    assert!(each.len() > 300, "only {} messages read from {dir}", each.len());
    let figure = inflesz_text(&all);
    println!("INFLESZ of {} Spanish interface texts together: {figure:.1}", each.len());
    each.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(
        figure >= INTERFACE_MIN,
        "the interface reads at INFLESZ {figure:.1}, below {INTERFACE_MIN}; hardest: {:?}",
        &each[..10]
    );
}

#[test]
fn a_message_spanning_lines_and_selects_is_read_whole() {
    let source = "# comment\nplain = Una línea.\nlong =\n    Primera línea.\n\n    Segunda { $n ->\n        [one] uno\n       *[other] { $n } votos\n    }.\nplan = { $c ->\n    [one] 1 compromiso\n   *[other] { $c } compromisos\n} con hitos.\nnext = Fin.\n";
    let found = messages(source);
    let keys: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, vec!["plain", "long", "plan", "next"]);
    assert_eq!(words(&plain_text(&found[1].1)), vec!["Primera", "línea", "Segunda", "votos"]);
    assert_eq!(words(&plain_text(&found[2].1)), vec!["compromisos", "con", "hitos"]);
}

/// Words of five syllables or more ("institucionales", "fortalecimiento") in a title.
fn long_words(title: &str) -> usize {
    consulta::domain::readability::words(title)
        .into_iter()
        .filter(|w| consulta::domain::readability::syllables(w) >= LONG_WORD)
        .count()
}

/// A word this long is a long word.
const LONG_WORD: usize = 5;
/// Long words a title may have.
const LONG_WORDS_MAX: usize = 1;

#[test]
fn no_title_piles_up_long_words_and_one_bureaucratic_title_is_caught() {
    let catalog = default_catalog();
    let worst =
        titles(&catalog).into_iter().map(|(pillar, t)| (long_words(t), pillar, t)).max().expect("titles");
    println!("most long words in one title: {worst:?}");
    assert!(worst.0 <= LONG_WORDS_MAX, "{worst:?}");
    // The check the list's average cannot make: one title written the bureaucratic
    // way, anywhere, fails it.
    let bureaucratic =
        "Implementación de mecanismos institucionales de fortalecimiento de la gobernanza participativa";
    assert!(long_words(bureaucratic) > LONG_WORDS_MAX, "{}", long_words(bureaucratic));
}
