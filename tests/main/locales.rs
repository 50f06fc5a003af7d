//! Every language says everything, and every command parses.

use consulta::{
    bot::{Command, commands},
    domain::{Lang, ProfileField},
    i18n::{arg, t, tr},
};
use std::collections::BTreeSet;
use teloxide::utils::command::BotCommands;

/// The message keys of every `.ftl` file of one language.
fn keys(lang: &str) -> BTreeSet<String> {
    let dir = format!("{}/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("locale folder") {
        let path = entry.expect("locale entry").path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("locale file");
        for line in source.lines().filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase())) {
            if let Some((key, _)) = line.split_once(" =") {
                assert!(keys.insert(key.trim().to_string()), "{key} defined twice in {lang}");
            }
        }
    }
    keys
}

#[test]
fn every_locale_has_the_same_keys_as_the_default_one() {
    let es = keys("es");
    let en = keys("en");
    assert!(es.len() > 100, "parsed {} keys", es.len());
    assert_eq!(es.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new(), "missing in en");
    assert_eq!(en.difference(&es).collect::<Vec<_>>(), Vec::<&String>::new(), "missing in es");
}

/// Every string literal in the sources that looks like a locale key exists.
#[test]
fn every_key_the_code_uses_exists_in_every_locale() {
    let es = keys("es");
    let prefixes = [
        "btn-",
        "notice-",
        "cmd-",
        "role-",
        "catalog-",
        "cli-",
        "vote-",
        "my-",
        "menu-",
        "privacy-",
        "profile-",
        "phase-",
        "consent-",
        "erase-",
        "tally-",
        "language-",
        "proposal-",
        "error-",
        "pillar-",
        "page-",
        "results-",
        "broadcast-",
        "mute-",
        "chart-",
    ];
    let mut used = BTreeSet::new();
    let src = format!("{}/src", env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![std::path::PathBuf::from(src)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for literal in source.split('"').skip(1).step_by(2) {
                if prefixes.iter().any(|p| literal.starts_with(p))
                    && literal.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !literal.ends_with('-')
                {
                    used.insert(literal.to_string());
                }
            }
        }
    }
    assert!(used.len() > 80, "found only {} keys in the code", used.len());
    let missing: Vec<&String> = used.iter().filter(|k| !es.contains(*k)).collect();
    assert!(missing.is_empty(), "keys used but not defined: {missing:?}");
    for key in ["welcome", "rank", "help", "cancelled"] {
        assert!(es.contains(key));
    }
}

#[test]
fn keys_built_at_run_time_resolve_in_both_languages() {
    for lang in Lang::ALL {
        for field in ProfileField::ALL {
            let key = format!("profile-q-{}", field.code());
            assert_ne!(tr(lang, &key, &[arg("territory", "comuna")]), key);
        }
        // The territory's name comes from the catalog; the other two from the locales.
        for field in [ProfileField::Sector, ProfileField::AgeRange] {
            let key = format!("profile-field-{}", field.code());
            assert_ne!(t(lang, &key), key);
        }
        for l in Lang::ALL {
            let key = format!("language-{}", l.code());
            assert_ne!(t(lang, &key), key);
        }
    }
}

#[test]
fn every_slash_command_parses_and_the_menu_fits_telegram() {
    for lang in Lang::ALL {
        let menu = commands::menu(lang);
        assert_eq!(menu.len(), commands::MENU.len());
        for c in &menu {
            let parsed = Command::parse(&format!("/{}", c.command), "consulta_bot");
            assert!(parsed.is_ok(), "/{} does not parse", c.command);
            assert!(c.command.len() <= 32 && c.command.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert!((3..=256).contains(&c.description.chars().count()), "{}", c.description);
        }
    }
    for alias in [
        "/help",
        "/menu",
        "/my_votes",
        "/profile",
        "/privacy",
        "/my_data",
        "/delete_my_data",
        "/language",
        "/cancel",
    ] {
        assert!(Command::parse(alias, "consulta_bot").is_ok(), "{alias}");
    }
    assert_eq!(Command::parse("/start abc", "consulta_bot").ok(), Some(Command::Start("abc".into())));
    assert_eq!(Command::parse("/mis_votos@consulta_bot", "consulta_bot").ok(), Some(Command::MisVotos));
}

#[tokio::test]
async fn the_command_menus_are_registered_in_both_languages_and_per_staff_role() {
    use crate::support::{Harness, MODERATOR, SECOND_MODERATOR};
    use consulta::{config::Settings, error::Error};
    use sqlx::SqlitePool;
    use teloxide::{dispatching::UpdateHandler, prelude::*, types::BotCommandScope};
    // A tree whose only job is to call the production registration on the fake API.
    fn register() -> UpdateHandler<Error> {
        dptree::endpoint(|bot: Bot, settings: Settings, pool: SqlitePool| async move {
            consulta::bot::register_commands(&bot, &settings, &pool).await
        })
    }
    let h = Harness::new().await.with_moderators();
    let mut bot = teloxide_tests::MockBot::new(teloxide_tests::MockMessageText::new(), register());
    bot.dependencies(dptree::deps![h.settings.clone(), h.pool.clone()]);
    bot.dispatch().await;
    let registered = bot.get_responses().set_my_commands;
    let summary: Vec<(Option<i64>, Option<String>, String)> = registered
        .iter()
        .map(|r| {
            let chat = match &r.scope {
                Some(BotCommandScope::Chat { chat_id: teloxide::types::Recipient::Id(id) }) => Some(id.0),
                _ => None,
            };
            (chat, r.language_code.clone(), r.commands[0].command.clone())
        })
        .collect();
    let admin = Some(SECOND_MODERATOR);
    let facilitator = Some(MODERATOR);
    assert_eq!(
        summary,
        vec![
            (admin, Some("es".into()), "moderar".into()),
            (admin, Some("en".into()), "moderate".into()),
            (admin, None, "moderar".into()),
            (facilitator, Some("es".into()), "moderar".into()),
            (facilitator, Some("en".into()), "moderate".into()),
            (facilitator, None, "moderar".into()),
            (None, None, "start".into()),
            (None, Some("es".into()), "start".into()),
            (None, Some("en".into()), "start".into()),
        ]
    );
    let admin_menu: Vec<&str> = registered[0].commands.iter().map(|c| c.command.as_str()).collect();
    assert!(admin_menu.contains(&"exportar") && admin_menu.contains(&"dar_facilitador"));
    let facilitator_menu: Vec<&str> = registered[3].commands.iter().map(|c| c.command.as_str()).collect();
    assert!(!facilitator_menu.contains(&"exportar"), "{facilitator_menu:?}");
    assert_eq!(registered[8].commands[0].description, "Start: what this consultation is");
}

/// `--help` of every command, in both languages, reads from the locales: no
/// key is missing and no English of clap's is left in the Spanish help.
#[test]
fn the_help_of_every_command_is_in_each_language() {
    use clap::CommandFactory;
    fn walk(command: &mut clap::Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((path.to_string(), command.render_help().to_string()));
        for sub in command.get_subcommands_mut() {
            let below = format!("{path} {}", sub.get_name());
            walk(sub, &below, out);
        }
    }
    for lang in [Lang::Es, Lang::En] {
        let mut command = consulta::cli::help::localize(consulta::config::Cli::command(), lang);
        command.build();
        let mut helps = Vec::new();
        walk(&mut command, "consulta", &mut helps);
        assert!(helps.len() >= 12, "every command: {}", helps.len());
        for (path, help) in &helps {
            assert!(!help.contains("cli-"), "{path} ({lang:?}): a key without text\n{help}");
            assert!(help.contains(&t(lang, "cli-help-help")), "{path} ({lang:?})\n{help}");
            if lang == Lang::Es {
                for english in
                    ["Usage:", "Options:", "Commands:", "Arguments:", "[default:", "[env:", "Print help"]
                {
                    assert!(!help.contains(english), "{path}: «{english}» in the Spanish help\n{help}");
                }
            }
        }
    }
}
