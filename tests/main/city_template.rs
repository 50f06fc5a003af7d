//! Another city: the template catalog (`catalog/plantilla.toml`) runs every flow
//! with its own territorial units, sectors and age ranges, and nothing of
//! Cartagena's is left in the code. Databases made before the city's lists were
//! catalog data keep their answers and broadcasts.

use crate::{fake_api::FakeApi, support::*};
use consulta::{
    db,
    domain::{Audience, Ballot, Catalog, Lang, ProfileField, export::Cell},
    export,
    jobs::broadcasts::BroadcastWorker,
};

fn template() -> Catalog {
    Catalog::parse(consulta::TEMPLATE_CATALOG).expect("the template catalog is valid")
}

async fn template_harness() -> Harness {
    Harness::with_catalog(consulta::TEMPLATE_CATALOG).await
}

fn labels(
    bot: &teloxide_tests::MockBot<consulta::error::Error, teloxide_tests::mock_bot::DistributionKey>,
) -> Vec<String> {
    screen_buttons(bot).into_iter().map(|(label, _)| label).collect()
}

#[test]
fn the_template_is_a_small_example_with_its_own_lists() {
    let catalog = template();
    assert_eq!(catalog.pillars.len(), 2);
    assert_eq!(catalog.consultation.city, "Ciudad Ejemplo");
    assert_eq!(catalog.territory.name.es, "Comuna");
    assert_eq!(catalog.territory.name.en, "District");
    assert_eq!(catalog.options(ProfileField::Localidad), ["c1", "c2", "out", "na"]);
    assert_eq!(catalog.options(ProfileField::Sector), ["civic", "org", "public", "na"]);
    assert_eq!(catalog.options(ProfileField::AgeRange), ["u18", "18-39", "40+", "na"]);
    assert!(catalog.is_minor_age("u18") && !catalog.is_minor_age("18-39"));
    assert_eq!(catalog.voting_points.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(), ["vp1", "vp2"]);
    let cartagena = Catalog::parse(consulta::DEFAULT_CATALOG).unwrap();
    assert!(cartagena.is_minor_age("u18"), "Cartagena's under-18 range is marked as minors");
    assert_eq!(cartagena.options(ProfileField::Localidad), ["l1", "l2", "l3", "out", "na"]);
}

#[test]
fn the_cli_accepts_the_template() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_consulta"))
        .args(["catalog", "check", concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/plantilla.toml")])
        .env_remove("CONSULTA_LANGUAGE")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run consulta");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("5 propuestas en 2 pilares"));
}

#[tokio::test]
async fn a_citizen_consents_answers_the_template_profile_and_votes() {
    let h = template_harness().await;
    let mut bot = h.bot(text("/start"));
    bot.dispatch().await;
    assert!(plain(&screen_text(&bot)).contains("Ciudad Ejemplo (plantilla)"));

    send(&mut bot, press("c:y")).await;
    let question = plain(&screen_text(&bot));
    assert!(question.contains("¿En qué comuna vives?"), "{question}");
    assert_eq!(
        labels(&bot),
        [
            "Comuna 1 (ejemplo)",
            "Comuna 2 (ejemplo)",
            "Fuera de Ciudad Ejemplo",
            "Prefiero no decir",
            "Saltar ⏭",
            "🗳 Ir a votar"
        ]
    );
    // Cartagena's codes mean nothing here: a forged button stores nothing.
    send(&mut bot, press("pa:l:l1")).await;
    assert_eq!(
        callback_answer(&bot).as_deref(),
        Some("Este botón ya no está vigente. Te muestro el menú actualizado.")
    );
    let stored: Option<String> =
        sqlx::query_scalar("SELECT localidad FROM citizens").fetch_one(&h.pool).await.unwrap();
    assert_eq!(stored, None);

    send(&mut bot, press("pa:l:c2")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("Respuesta guardada."));
    assert_eq!(
        labels(&bot),
        [
            "Ciudadanía en general",
            "Organización social (ejemplo)",
            "Servidor(a) público(a)",
            "Prefiero no decir",
            "Saltar ⏭",
            "🗳 Ir a votar"
        ]
    );
    send(&mut bot, press("pa:s:org")).await;
    assert_eq!(
        labels(&bot),
        [
            "Menos de 18 años",
            "18 a 39 años",
            "40 años o más",
            "Prefiero no decir",
            "Saltar ⏭",
            "🗳 Ir a votar"
        ]
    );
    send(&mut bot, press("pa:a:u18")).await;
    // The template marks its under-18 range as minors': a guardian's authorisation is asked.
    assert!(plain(&screen_text(&bot)).contains("Tienes menos de 18 años"));
    send(&mut bot, press("g:u18:y")).await;
    let done = plain(&screen_text(&bot));
    assert!(done.contains("Comuna: Comuna 2 (ejemplo)"), "{done}");
    assert!(done.contains("Sector: Organización social (ejemplo)"), "{done}");
    assert!(done.contains("Edad: Menos de 18 años"), "{done}");
    let row: (Option<String>, Option<String>, Option<String>) =
        sqlx::query_as("SELECT localidad, sector, age_range FROM citizens").fetch_one(&h.pool).await.unwrap();
    assert_eq!(row, (Some("c2".into()), Some("org".into()), Some("u18".into())));

    send(&mut bot, press("v:participacion")).await;
    assert!(plain(&screen_text(&bot)).contains("Votar: Participación"));
    send(&mut bot, press("vp:participacion:P02:0")).await;
    send(&mut bot, press("vp:participacion:P01:0")).await;
    send(&mut bot, press("vc:participacion")).await;
    assert_eq!(callback_answer(&bot).as_deref(), Some("✅ Voto registrado."));
    assert_eq!(h.ballot("participacion").await, vec!["P02", "P01"]);

    send(&mut bot, text("/mis_datos")).await;
    let data = plain(&screen_text(&bot));
    assert!(data.contains("Comuna: Comuna 2 (ejemplo)"), "{data}");
}

#[tokio::test]
async fn english_users_read_the_template_in_english() {
    let h = template_harness().await;
    let english = |update: teloxide_tests::MockMessageText| update.from(english_user());
    let mut bot = h.bot(english(text("/start")));
    bot.dispatch().await;
    assert!(plain(&screen_text(&bot)).contains("Example City (template)"), "{}", screen_text(&bot));
    bot.update(press("c:y").from(english_user()));
    bot.dispatch().await;
    let question = plain(&screen_text(&bot));
    assert!(question.contains("Which district do you live in?"), "{question}");
    assert_eq!(
        labels(&bot),
        [
            "District 1 (example)",
            "District 2 (example)",
            "Outside Ciudad Ejemplo",
            "I prefer not to say",
            "Skip ⏭",
            "🗳 Go vote"
        ]
    );
}

#[tokio::test]
async fn a_broadcast_to_one_comuna_reaches_only_the_people_living_there() {
    let h = template_harness().await.with_moderators();
    h.consenting_citizens(5000, 3, Some("c1")).await;
    h.consenting_citizens(6000, 2, Some("c2")).await;
    h.consenting_citizens(7000, 1, None).await;
    let mut bot = h.bot(staff_text(MODERATOR, "/difundir Reunión en la Comuna 2 el sábado"));
    bot.dispatch().await;
    let buttons = screen_buttons(&bot);
    let audiences: Vec<&str> =
        buttons.iter().filter(|(_, d)| d.starts_with("ba:")).map(|(l, _)| l.as_str()).collect();
    assert!(audiences.contains(&"Quienes viven en Comuna 2 (ejemplo)"), "{audiences:?}");
    assert!(audiences.contains(&"Quienes viven en Fuera de Ciudad Ejemplo"), "{audiences:?}");
    assert!(!buttons.iter().any(|(_, d)| d.ends_with(":loc-l1")), "no Cartagena localidad: {buttons:?}");

    let c2 = buttons.iter().find(|(_, d)| d.ends_with(":loc-c2")).map(|(_, d)| d.clone()).expect("c2 button");
    send(&mut bot, staff_press(MODERATOR, &c2)).await;
    assert!(plain(&screen_text(&bot)).contains("2 personas"), "{}", screen_text(&bot));
    // A unit the catalog does not have changes nothing.
    let forged = c2.replace(":loc-c2", ":loc-l1");
    send(&mut bot, staff_press(MODERATOR, &forged)).await;
    assert!(plain(&screen_text(&bot)).contains("2 personas"), "{}", screen_text(&bot));
    let send_button = screen_buttons(&bot)
        .into_iter()
        .find(|(_, d)| d.starts_with("bs:"))
        .map(|(_, d)| d)
        .expect("send button");
    send(&mut bot, staff_press(MODERATOR, &send_button)).await;

    let fake = FakeApi::start();
    BroadcastWorker::new(fake.bot(), h.pool.clone(), 200).drain().await.expect("drain");
    for chat in [6000, 6001] {
        assert_eq!(fake.texts_to(chat), ["Reunión en la Comuna 2 el sábado"], "{chat}");
    }
    for chat in [5000, 5001, 5002, 7000] {
        assert!(fake.texts_to(chat).is_empty(), "{chat} is not in Comuna 2");
    }
    assert_eq!(db::broadcasts::count_audience(&h.pool, Audience::Territory("c1".into())).await.unwrap(), 3);
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Int(n) => n.to_string(),
    }
}

#[tokio::test]
async fn exports_of_the_template_are_labelled_from_it_in_each_language() {
    let h = template_harness().await;
    for (tg, comuna, sector, age) in
        [(5001, "c1", "org", "u18"), (5002, "c1", "civic", "40+"), (5003, "c2", "org", "40+")]
    {
        let c = db::citizens::record_consent(&h.pool, tg, Lang::Es, true, "v").await.unwrap();
        db::citizens::set_profile(&h.pool, c.id, ProfileField::Localidad, Some(comuna)).await.unwrap();
        db::citizens::set_profile(&h.pool, c.id, ProfileField::Sector, Some(sector)).await.unwrap();
        db::citizens::set_profile(&h.pool, c.id, ProfileField::AgeRange, Some(age)).await.unwrap();
        let ballot = Ballot { pillar: "transparencia".into(), choices: vec!["T02".into(), "T01".into()] };
        db::ballots::cast(&h.pool, c.id, tg, &ballot).await.unwrap();
    }
    let tables = export::tables(&h.pool, Lang::Es, h.settings.timezone, 1).await.unwrap();
    let rows = |name: &str| -> Vec<Vec<String>> {
        let table = tables.iter().find(|t| t.name == name).expect(name);
        table.rows.iter().map(|r| r.iter().map(cell).collect()).collect()
    };
    let by_comuna = rows("resultados_por_localidad");
    let c1: Vec<&Vec<String>> = by_comuna.iter().filter(|r| r[0] == "Comuna 1 (ejemplo)").collect();
    // Two voters in Comuna 1, both T02 first (2 points each with 2 priorities).
    assert_eq!(
        c1[0][1..],
        [
            "Transparencia",
            "T02",
            "Presupuesto explicado en lenguaje claro (ejemplo)",
            "Mesa de ejemplo",
            "4",
            "2",
            "2",
            "2",
            "1",
            // The same per channel: virtual, then presencial (no paper sheets here).
            "4",
            "2",
            "2",
            "2",
            "0",
            "0",
            "0",
            "0"
        ]
    );
    assert!(rows("resultados_por_sector").iter().any(|r| r[0] == "Organización social (ejemplo)"));
    assert!(rows("resultados_por_edad").iter().any(|r| r[0] == "Menos de 18 años"));
    let participation = rows("participacion");
    assert!(
        participation
            .iter()
            .any(|r| r[0] == "comuna" && r[1] == "Comuna 1 (ejemplo)" && r[2] == "2" && r[3] == "2"),
        "{participation:?}"
    );

    let english = export::tables(&h.pool, Lang::En, h.settings.timezone, 1).await.unwrap();
    let by_district = &english.iter().find(|t| t.name == "resultados_por_localidad").unwrap().rows;
    assert!(by_district.iter().any(|r| r[0] == Cell::from("District 1 (example)")));
    let participation = &english.iter().find(|t| t.name == "participacion").unwrap().rows;
    assert!(
        participation
            .iter()
            .any(|r| r[0] == Cell::from("district") && r[1] == Cell::from("Outside Ciudad Ejemplo"))
    );

    // The same files the command line writes.
    let files = export::files(&h.pool, Lang::Es, h.settings.timezone, 1).await.unwrap();
    assert!(files.iter().any(|f| f.name == export::WORKBOOK && !f.bytes.is_empty()));
}

#[test]
fn no_cartagena_localidad_name_is_left_in_the_code() {
    let names = ["Histórica", "Caribe Norte", "Virgen", "Turística", "Industrial", "Bahía"];
    for name in names {
        assert!(consulta::DEFAULT_CATALOG.contains(name), "{name} is in the Cartagena catalog");
    }
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    let mut found = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                found.extend(
                    names.iter().filter(|n| source.contains(*n)).map(|n| format!("{}: {n}", path.display())),
                );
            }
        }
    }
    assert!(found.is_empty(), "city data in the code: {found:?}");
    let locales = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
    for lang in ["es", "en"] {
        for file in std::fs::read_dir(format!("{locales}/{lang}")).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            assert!(names.iter().all(|n| !text.contains(n)), "a localidad in the {lang} locale files");
        }
    }
}

/// A database as the previous version left it: every migration before the city's
/// lists became catalog data, a Cartagena catalog, citizens' answers with the codes
/// that were in code then, and a broadcast to one localidad.
async fn database_from_before() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("migrations");
    std::fs::create_dir(&old).unwrap();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.as_str() < "20261203000001" {
            std::fs::copy(&path, old.join(&name)).unwrap();
        }
    }
    let url = dir.path().join("consulta.db").to_string_lossy().into_owned();
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&url).create_if_missing(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::migrate::Migrator::new(old.as_path()).await.unwrap().run(&pool).await.unwrap();
    let at = "2026-11-01T00:00:00.000Z";
    for sql in [
        "INSERT INTO consultation (singleton, id, title, city, max_priorities, data_controller, updated_at)
         VALUES (1, 'cartagena-ogp-2022', 'Consulta virtual de Gobierno Abierto – OGP Local Cartagena 2022',
                 'Cartagena de Indias', 3, 'Alcaldía', ?1)",
        "INSERT INTO pillars (key, position, name, summary) VALUES ('transparencia', 0, 'Transparencia', 'Saber.')",
        "INSERT INTO proposals (id, pillar, position, title, text, source, created_at, updated_at)
         VALUES ('T01', 'transparencia', 0, 'Uno', 'Uno.', 'Mesa', ?1, ?1),
                ('T02', 'transparencia', 1, 'Dos', 'Dos.', 'Mesa', ?1, ?1)",
        "INSERT INTO broadcasts (created_by, language, kind, body, audience, status, total, created_at,
                                 queued_at, finished_at)
         VALUES (777001, 'es', 'text', 'Hola Localidad 2', 'loc-l2', 'done', 1, ?1, ?1, ?1)",
    ] {
        sqlx::query(sql).bind(at).execute(&pool).await.unwrap();
    }
    for (tg, localidad, sector, age) in [
        (USER, Some("l2"), Some("jac"), Some("60+")),
        (5002, Some("out"), Some("na"), Some("u18")),
        (5003, Some("l1"), None, None),
    ] {
        sqlx::query(
            "INSERT INTO citizens (telegram_user_id, language, created_at, consent_accepted, consent_version,
                consent_at, localidad, sector, age_range) VALUES (?1, 'es', ?2, 1, ?3, ?2, ?4, ?5, ?6)",
        )
        .bind(tg)
        .bind(at)
        .bind(consulta::domain::NOTICE_VERSION)
        .bind(localidad)
        .bind(sector)
        .bind(age)
        .execute(&pool)
        .await
        .unwrap();
    }
    sqlx::query(
        "INSERT INTO ballots (citizen_id, pillar, cast_at) SELECT id, 'transparencia', ?1 FROM citizens",
    )
    .bind(at)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO ballot_choices (citizen_id, pillar, rank, proposal_id) SELECT id, 'transparencia', 1, 'T01' FROM citizens")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    (dir, url)
}

#[tokio::test]
async fn a_database_from_before_keeps_its_answers_and_broadcasts_after_the_upgrade() {
    let (dir, url) = database_from_before().await;
    let pool = db::open(&url).await.expect("the upgrade migrates it");
    let catalog = db::catalog::load(&pool).await.unwrap();
    assert_eq!(catalog.territory.name.es, "Localidad");
    assert_eq!(catalog.options(ProfileField::Localidad), ["l1", "l2", "l3", "out", "na"]);
    assert!(catalog.is_minor_age("u18"));
    assert_eq!(catalog.consultation.title_en, None, "the Spanish title until a catalog gives one");
    let label = |field, code| consulta::labels::answer_label(&catalog, Lang::Es, field, Some(code));
    assert_eq!(label(ProfileField::Localidad, "l2"), "Localidad 2 De la Virgen y Turística");
    assert_eq!(label(ProfileField::Localidad, "out"), "Fuera de Cartagena");
    assert_eq!(label(ProfileField::Sector, "jac"), "JAC u organización comunal");
    assert_eq!(label(ProfileField::AgeRange, "60+"), "60 años o más");

    let broadcast = db::broadcasts::get(&pool, 1).await.unwrap().expect("the broadcast");
    assert_eq!(broadcast.audience, Audience::Territory("l2".into()));
    assert_eq!(db::broadcasts::count_audience(&pool, broadcast.audience).await.unwrap(), 1);

    let h = Harness::from_parts(dir, url, pool).with_moderators();
    let mut bot = h.bot(text("/mis_datos"));
    bot.dispatch().await;
    let data = plain(&screen_text(&bot));
    assert!(data.contains("Localidad: Localidad 2 De la Virgen y Turística"), "{data}");
    assert!(data.contains("Sector: JAC u organización comunal"), "{data}");
    assert!(data.contains("Edad: 60 años o más"), "{data}");
    send(&mut bot, staff_text(MODERATOR, "/difusiones")).await;
    let list = plain(&screen_text(&bot));
    assert!(list.contains("Quienes viven en Localidad 2 De la Virgen y Turística"), "{list}");

    let tables = export::tables(&h.pool, Lang::Es, h.settings.timezone, 1).await.unwrap();
    let by_localidad = &tables.iter().find(|t| t.name == "resultados_por_localidad").unwrap().rows;
    for group in [
        "Localidad 1 Histórica y del Caribe Norte",
        "Localidad 2 De la Virgen y Turística",
        "Fuera de Cartagena",
    ] {
        assert!(
            by_localidad.iter().any(|r| r[0] == Cell::from(group) && r[8] == Cell::from(1_i64)),
            "{group}: {by_localidad:?}"
        );
    }

    // Importing the shipped Cartagena catalog keeps every code and label.
    db::catalog::import(&h.pool, &Catalog::parse(consulta::DEFAULT_CATALOG).unwrap()).await.unwrap();
    let reloaded = db::catalog::load(&h.pool).await.unwrap();
    assert_eq!(reloaded.territory, catalog.territory);
    assert_eq!(reloaded.sectors, catalog.sectors);
    assert_eq!(reloaded.age_ranges, catalog.age_ranges);
    assert!(reloaded.consultation.title_en.is_some());
}

#[test]
fn the_cli_names_each_mistake_in_the_city_lists_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let broken = consulta::TEMPLATE_CATALOG
        .replacen("code = \"c2\"", "code = \"c1\"", 1)
        .replacen("en = \"Citizen at large\"\n", "", 1)
        .replacen("code = \"vp2\"", "code = \"na\"", 1);
    let file = dir.path().join("ciudad.toml");
    std::fs::write(&file, broken).unwrap();
    let check = |lang: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_consulta"))
            .args(["catalog", "check", file.to_str().unwrap()])
            .env("CONSULTA_LANGUAGE", lang)
            .env("RUST_LOG", "warn")
            .output()
            .expect("run consulta")
    };
    let out = check("es");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for line in [
        "territory.units[2] (c1): el código «c1» está repetido en esta lista",
        "sectors[1] (civic): falta el campo «en»",
        "voting_points[2] (na): el código «na» está reservado",
    ] {
        assert!(err.contains(line), "{line:?} not in:\n{err}");
    }
    let err = String::from_utf8_lossy(&check("en").stderr).into_owned();
    assert!(err.contains("territory.units[2] (c1): the code \"c1\" is repeated in this list"), "{err}");
}
