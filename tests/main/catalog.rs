//! The shipped catalog, `catalog check`, `catalog import`, and the command line.

use crate::support::*;
use consulta::{
    db,
    domain::{
        Catalog,
        catalog::{MAX_TITLE_CHARS, ProblemKind},
    },
};
use std::{collections::HashSet, process::Command};

#[test]
fn the_shipped_catalog_has_the_62_proposals_of_2022_in_four_pillars() {
    let catalog = Catalog::parse(consulta::DEFAULT_CATALOG).expect("the shipped catalog is valid");
    assert_eq!(catalog.proposals.len(), 62);
    let keys: Vec<&str> = catalog.pillars.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys, ["transparencia", "rendicion_de_cuentas", "participacion", "colaboracion"]);
    let per_pillar: Vec<usize> = keys.iter().map(|k| catalog.active_in(k).len()).collect();
    assert_eq!(per_pillar, [14, 11, 21, 16]);
    let ids: HashSet<&str> = catalog.proposals.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), 62, "ids are unique");
    for p in &catalog.proposals {
        assert!(p.title.chars().count() <= MAX_TITLE_CHARS, "{} title too long", p.id);
        assert!(
            p.title_en.as_ref().is_some_and(|t| t.chars().count() <= MAX_TITLE_CHARS),
            "{} English title",
            p.id
        );
    }
    let per_source = |s: &str| catalog.proposals.iter().filter(|p| p.source == s).count();
    assert_eq!(per_source("Mesa Alcaldía"), 4);
    assert_eq!(per_source("Mesa Sociedad Civil"), 8);
    assert_eq!(per_source("Mesa Academia"), 4);
    assert_eq!(per_source("Mesa Grupos Poblacionales"), 15);
    assert_eq!(per_source("Mesa Comunales Localidades 1 a 3"), 27);
    assert_eq!(per_source("Actores políticos"), 4);
    assert_eq!(catalog.consultation.max_priorities, 3);
    assert!(catalog.consultation.opens_at.is_none() && catalog.consultation.closes_at.is_none());
    for p in &catalog.pillars {
        assert!(p.name_en.is_some() && p.summary_en.is_some(), "{} has English texts", p.key);
    }
}

const GOOD: &str = r#"
[consultation]
id = "x"
title = "Consulta"
city = "Ciudad"
max_priorities = 3

[territory]
name_es = "Zona"
name_en = "Zone"

[[territory.units]]
code = "z1"
es = "Zona 1"
en = "Zone 1"

[[sectors]]
code = "civic"
es = "Ciudadanía"
en = "Citizens"

[[age_ranges]]
code = "u18"
es = "Menos de 18"
en = "Under 18"
minor = true

[[age_ranges]]
code = "18+"
es = "18 o más"
en = "18 or older"

[[pillars]]
key = "transparencia"
name = "Transparencia"
summary = "Saber qué pasa."

[[proposals]]
id = "T01"
pillar = "transparencia"
title = "Una propuesta"
text = "Texto."
source = "Mesa"
"#;

fn problems(source: &str) -> Vec<(String, ProblemKind)> {
    Catalog::parse(source).expect_err("should fail").into_iter().map(|p| (p.place, p.kind)).collect()
}

#[test]
fn catalog_check_catches_each_kind_of_mistake_with_its_place() {
    assert!(Catalog::parse(GOOD).is_ok());
    let unknown = GOOD.replace("pillar = \"transparencia\"", "pillar = \"seguridad\"");
    assert_eq!(
        problems(&unknown),
        vec![
            ("proposals[1] (T01)".into(), ProblemKind::UnknownPillar("seguridad".into())),
            ("[[pillars]] transparencia".into(), ProblemKind::EmptyPillar("transparencia".into())),
        ]
    );

    let duplicate = format!(
        "{GOOD}\n[[proposals]]\nid = \"T01\"\npillar = \"transparencia\"\ntitle = \"Otra\"\ntext = \"t\"\nsource = \"m\"\n"
    );
    assert_eq!(
        problems(&duplicate),
        vec![("proposals[2] (T01)".into(), ProblemKind::DuplicateId("T01".into()))]
    );

    let long = GOOD.replace("title = \"Una propuesta\"", &format!("title = \"{}\"", "a".repeat(81)));
    assert_eq!(
        problems(&long),
        vec![("proposals[1] (T01)".into(), ProblemKind::TitleTooLong { field: "title", chars: 81 })]
    );

    let missing = GOOD.replace("source = \"Mesa\"\n", "");
    assert_eq!(problems(&missing), vec![("proposals[1] (T01)".into(), ProblemKind::MissingField("source"))]);

    let bad_id = GOOD.replace("id = \"T01\"", "id = \"T 01:x\"");
    assert_eq!(
        problems(&bad_id),
        vec![("proposals[1] (T 01:x)".into(), ProblemKind::BadId("T 01:x".into()))]
    );

    let dates = GOOD.replace("max_priorities = 3", "max_priorities = 0\nopens_at = \"mañana\"\n");
    assert_eq!(
        problems(&dates),
        vec![
            ("[consultation]".into(), ProblemKind::BadDate { field: "opens_at", value: "mañana".into() }),
            ("[consultation]".into(), ProblemKind::BadMaxPriorities(0)),
        ]
    );

    let reversed = GOOD.replace(
        "max_priorities = 3",
        "max_priorities = 3\nopens_at = \"2022-12-01T00:00:00-05:00\"\ncloses_at = \"2022-11-01T00:00:00-05:00\"",
    );
    assert_eq!(problems(&reversed), vec![("[consultation]".into(), ProblemKind::DatesReversed)]);

    let reserved = GOOD.replace("id = \"T01\"", "id = \"CV-001\"");
    assert_eq!(
        problems(&reserved),
        vec![("proposals[1] (CV-001)".into(), ProblemKind::BadId("CV-001".into()))]
    );

    let typo =
        GOOD.replace("max_priorities = 3", "max_priorities = 3\nclose_at = \"2022-11-30T23:59:59-05:00\"");
    let typo = Catalog::parse(&typo).expect_err("an unknown key is a mistake, not something to ignore");
    assert!(matches!(&typo[0].kind, ProblemKind::Syntax(m) if m.contains("close_at")), "{typo:?}");

    let long = GOOD.replace("text = \"Texto.\"", &format!("text = \"{}\"", "a".repeat(3001)));
    assert_eq!(
        problems(&long),
        vec![("proposals[1] (T01)".into(), ProblemKind::TextTooLong { field: "text", chars: 3001 })]
    );

    let several = GOOD.replace("source = \"Mesa\"\n", "").replace("city = \"Ciudad\"\n", "");
    assert_eq!(problems(&several).len(), 2, "every problem is reported, not just the first");

    let syntax = Catalog::parse("[consultation]\nid = \"x\"\ntitle = \n").expect_err("syntax");
    assert!(matches!(syntax[0].kind, ProblemKind::Syntax(_)));
    assert_eq!(syntax[0].line, Some(3));
}

#[tokio::test]
async fn catalog_import_upserts_by_id_and_never_deletes_a_voted_proposal() {
    let h = Harness::new().await;
    let mut bot = h.bot(press("c:y"));
    bot.dispatch().await;
    for data in ["v:colaboracion", "vp:colaboracion:C01:0", "vc:colaboracion"] {
        send(&mut bot, press(data)).await;
    }
    drop(bot);

    let changed = crate::voting::without_proposal(
        &crate::voting::without_proposal(consulta::DEFAULT_CATALOG, "C01"),
        "C02",
    )
    .replace(
        "title = \"Charlas abiertas entre la gente y la Alcaldía\"",
        "title = \"Diálogos ciudadanía-Alcaldía\"",
    );
    let report = db::catalog::import(&h.pool, &Catalog::parse(&changed).unwrap()).await.unwrap();
    assert_eq!((report.added, report.updated, report.withdrawn, report.removed), (0, 60, 1, 1));
    assert_eq!(h.count("SELECT COUNT(*) FROM proposals WHERE id = 'C02'").await, 0, "unvoted: deleted");
    assert_eq!(
        h.count("SELECT COUNT(*) FROM proposals WHERE id = 'C01' AND withdrawn_at IS NOT NULL").await,
        1
    );
    let title: String =
        sqlx::query_scalar("SELECT title FROM proposals WHERE id = 'R01'").fetch_one(&h.pool).await.unwrap();
    assert_eq!(title, "Diálogos ciudadanía-Alcaldía");
    assert_eq!(h.ballot("colaboracion").await, vec!["C01"], "the stored ballot is untouched");

    let catalog = db::catalog::load(&h.pool).await.unwrap();
    assert!(catalog.active_in("colaboracion").iter().all(|p| p.id != "C01"), "it leaves the ballot");

    // Importing the original again restores both.
    let report =
        db::catalog::import(&h.pool, &Catalog::parse(consulta::DEFAULT_CATALOG).unwrap()).await.unwrap();
    assert_eq!((report.added, report.updated), (1, 61));
    assert_eq!(h.count("SELECT COUNT(*) FROM proposals WHERE withdrawn_at IS NOT NULL").await, 0);
}

fn consulta_cli(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_consulta"))
        .args(args)
        .current_dir(dir)
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("DATABASE_URL")
        .env_remove("CONSULTA_LANGUAGE")
        .env_remove("CONSULTA_CATALOG")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run consulta")
}

#[test]
fn the_cli_checks_catalogs_and_reports_problems_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.toml");
    std::fs::write(&good, consulta::DEFAULT_CATALOG).unwrap();
    let out = consulta_cli(&["catalog", "check", good.to_str().unwrap()], dir.path());
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Catálogo correcto: 62 propuestas en 4 pilares (Transparencia 14, Rendición de cuentas 11, Participación 21, Colaboración 16)."
    );

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, GOOD.replace("pillar = \"transparencia\"", "pillar = \"seguridad\"")).unwrap();
    let out = consulta_cli(&["catalog", "check", bad.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml: proposals[1] (T01): el pilar «seguridad» no está definido en [[pillars]]"),
        "{err}"
    );
    assert!(err.contains("2 problemas en el catálogo."), "{err}");
}

#[test]
fn the_cli_imports_a_catalog_and_tallies() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.toml");
    std::fs::write(&file, GOOD).unwrap();
    let out = consulta_cli(&["--language", "en", "catalog", "import", file.to_str().unwrap()], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("Imported: 1 new, 0 updated, 0 withdrawn (they had votes), 0 removed.")
    );
    assert!(dir.path().join("consulta.db").exists(), "the database is created by itself");
    let out = consulta_cli(&["--language", "en", "tally"], dir.path());
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.starts_with("== Transparencia: 0 voters =="), "{table}");
    assert!(table.contains("T01"), "{table}");
}

#[test]
fn a_missing_or_malformed_token_is_one_clear_line_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = consulta_cli(&[], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("@BotFather"), "{err}");

    let out = Command::new(env!("CARGO_BIN_EXE_consulta"))
        .current_dir(dir.path())
        .env("TELOXIDE_TOKEN", "not-a-token")
        .env_remove("DATABASE_URL")
        .env_remove("CONSULTA_LANGUAGE")
        .env_remove("CONSULTA_CATALOG")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("TELOXIDE_TOKEN (en la variable de entorno) no parece un token de bot"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_database_folder_that_does_not_exist_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = consulta_cli(&["--database", "no/such/folder/c.db", "tally"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no/such/folder"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn help_lists_the_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    for (args, commands_heading, options_heading) in [
        (&["--help"][..], "Órdenes:", "Opciones:"),
        (&["--language", "en", "--help"][..], "Commands:", "Options:"),
        (&["help"][..], "Órdenes:", "Opciones:"),
    ] {
        let out = consulta_cli(args, dir.path());
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let help = String::from_utf8_lossy(&out.stdout);
        let commands: Vec<&str> = help
            .split(commands_heading)
            .nth(1)
            .and_then(|rest| rest.split(options_heading).next())
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert_eq!(
            commands,
            [
                "run",
                "catalog",
                "tally",
                "papeletas",
                "export",
                "consentimientos",
                "plan",
                "informe",
                "integridad",
                "backup",
                "restore",
                "doctor",
                "help"
            ],
            "{help}"
        );
    }
}

#[tokio::test]
async fn the_bot_sees_a_catalog_change_made_by_another_process_without_restarting() {
    let h = crate::support::Harness::new().await;
    let cache = consulta::db::catalog::CatalogCache::default();
    let before = cache.get(&h.pool).await.expect("catalog");
    assert!(std::sync::Arc::ptr_eq(&before, &cache.get(&h.pool).await.expect("cached")), "kept in memory");
    // Another process (its own pool on the same file) changes the dates.
    let other = consulta::db::open(&h.url).await.expect("second pool");
    let opens = chrono::DateTime::parse_from_rfc3339("2030-01-01T00:00:00-05:00").expect("date");
    consulta::db::phase::set_dates(&other, 1, "fechas", Some(opens), None).await.expect("set dates");
    let after = cache.get(&h.pool).await.expect("reloaded");
    assert_eq!(after.consultation.opens_at, Some(opens));
    assert_ne!(before.consultation.opens_at, after.consultation.opens_at);
}
