//! Paper ballots from in-person voting points: stored one row per sheet, counted
//! beside virtual ballots (per channel and in total), entered in the chat by
//! facilitators and imported from a spreadsheet.

use crate::support::*;
use consulta::{
    db,
    domain::{Ballot, Catalog, ChannelResults, Lang, PaperSheet, PillarResult},
};

/// The tally catalog (pillars a and x, four proposals each, 3 priorities) with
/// two voting points.
pub fn catalog_source() -> String {
    format!(
        "{}\n[[voting_points]]\ncode = \"vp1\"\nes = \"Biblioteca\"\nen = \"Library\"\n\n\
         [[voting_points]]\ncode = \"vp2\"\nes = \"Casa comunal\"\nen = \"Community hall\"\n",
        crate::tally::CATALOG
    )
}

fn sheet(point: &str, number: u32, pillar: &str, choices: &[&str]) -> PaperSheet {
    PaperSheet {
        point: point.into(),
        sheet: number,
        ballot: Ballot { pillar: pillar.into(), choices: choices.iter().map(|s| s.to_string()).collect() },
        localidad: None,
        sector: None,
        age_range: None,
    }
}

/// (id, points, first choices, times chosen) in ranked order.
fn rows(result: &PillarResult) -> Vec<(String, u64, u64, u64)> {
    result
        .proposals
        .iter()
        .map(|p| (p.proposal_id.clone(), p.points, p.first_choices, p.times_chosen))
        .collect()
}

/// Three virtual ballots and three paper sheets in pillar a:
/// virtual  A1 A2 A3 · A2 A1 · A3         → A1 5, A2 5, A3 4, A4 0 (3 voters)
/// paper    A4 A3 · A4 · A3 A4 A1         → A4 8, A3 5, A1 1, A2 0 (3 voters)
/// total                                  → A3 9, A4 8, A1 6, A2 5 (6 voters)
pub async fn mixed() -> Harness {
    let h = Harness::with_catalog(&catalog_source()).await.with_moderators();
    let virtual_: [(i64, &[&str]); 3] = [(5001, &["A1", "A2", "A3"]), (5002, &["A2", "A1"]), (5003, &["A3"])];
    for (tg, choices) in virtual_ {
        let c = db::citizens::record_consent(&h.pool, tg, Lang::Es, true, "v").await.unwrap();
        let ballot = Ballot { pillar: "a".into(), choices: choices.iter().map(|s| s.to_string()).collect() };
        db::ballots::cast(&h.pool, c.id, tg, &ballot).await.unwrap();
    }
    let sheets = [
        sheet("vp1", 1, "a", &["A4", "A3"]),
        sheet("vp1", 2, "a", &["A4"]),
        sheet("vp2", 1, "a", &["A3", "A4", "A1"]),
    ];
    for s in &sheets {
        let entered = db::paper::enter(&h.pool, s, MODERATOR, MODERATOR, "\"Idle\"").await.unwrap();
        assert!(matches!(entered, db::paper::Entered::Saved { .. }), "{entered:?}");
    }
    h
}

#[tokio::test]
async fn mixed_virtual_and_paper_ballots_give_the_hand_computed_borda_tally_per_channel_and_in_total() {
    let h = mixed().await;
    let catalog = Catalog::parse(&catalog_source()).unwrap();
    let counts = db::ballots::channel_counts(&h.pool).await.unwrap();
    let results = ChannelResults::new(&catalog, &counts);
    let a = |r: &[PillarResult]| r.iter().find(|p| p.pillar == "a").cloned().unwrap();
    let virtual_ = a(&results.virtual_);
    assert_eq!(virtual_.voters, 3);
    assert_eq!(
        rows(&virtual_),
        vec![("A1".into(), 5, 1, 2), ("A2".into(), 5, 1, 2), ("A3".into(), 4, 1, 2), ("A4".into(), 0, 0, 0)]
    );
    let paper = a(&results.presencial);
    assert_eq!(paper.voters, 3);
    assert_eq!(
        rows(&paper),
        vec![("A4".into(), 8, 2, 3), ("A3".into(), 5, 1, 2), ("A1".into(), 1, 0, 1), ("A2".into(), 0, 0, 0)]
    );
    let total = a(&results.total);
    assert_eq!(total.voters, 6);
    assert_eq!(
        rows(&total),
        vec![("A3".into(), 9, 2, 4), ("A4".into(), 8, 2, 3), ("A1".into(), 6, 1, 3), ("A2".into(), 5, 1, 2)]
    );
    // The same ballots counted in memory give the same total.
    let all: Vec<Ballot> =
        [&["A1", "A2", "A3"][..], &["A2", "A1"], &["A3"], &["A4", "A3"], &["A4"], &["A3", "A4", "A1"]]
            .iter()
            .map(|c| Ballot { pillar: "a".into(), choices: c.iter().map(|s| s.to_string()).collect() })
            .collect();
    let (ranks, voters) = consulta::domain::tally::count_ballots(&all);
    assert_eq!(results.total, consulta::domain::tally(&catalog, &ranks, &voters));

    // `consulta tally`: the total first, then each channel.
    let text = consulta::app::tally_text(&h.pool, Lang::Es).await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "== A: 6 votantes ==");
    assert_eq!(lines[2].split_whitespace().collect::<Vec<_>>(), ["1", "A3", "9", "2", "4", "A3"], "{text}");
    let virtual_at = lines.iter().position(|l| *l == "-- A · virtual: 3 votantes --").expect(&text);
    assert_eq!(
        lines[virtual_at + 2].split_whitespace().collect::<Vec<_>>(),
        ["1", "A1", "5", "1", "2", "A1"]
    );
    let paper_at = lines.iter().position(|l| *l == "-- A · presencial: 3 votantes --").expect(&text);
    assert_eq!(lines[paper_at + 2].split_whitespace().collect::<Vec<_>>(), ["1", "A4", "8", "2", "3", "A4"]);
}

/// The paper catalog with a closing date `hours_ago` hours in the past.
fn closed_hours_ago(hours_ago: i64) -> String {
    let closes = (chrono::Utc::now() - chrono::Duration::hours(hours_ago)).to_rfc3339();
    catalog_source().replacen(
        "max_priorities = 3\n",
        &format!("max_priorities = 3\ncloses_at = \"{closes}\"\n"),
        1,
    )
}

type Bot = teloxide_tests::MockBot<consulta::error::Error, teloxide_tests::mock_bot::DistributionKey>;

/// The screen the last dispatch left, as plain text.
fn shown(bot: &Bot) -> String {
    plain(&screen_text(bot))
}

/// Presses a staff button and checks it was answered exactly once.
async fn tap(bot: &mut Bot, who: i64, data: &str) -> Option<String> {
    send(bot, staff_press(who, data)).await;
    callback_answer(bot)
}

/// The facilitator at voting point vp1, waiting for a sheet number.
async fn at_vp1(h: &Harness) -> Bot {
    let mut bot = h.bot(staff_text(MODERATOR, "/papeleta"));
    bot.dispatch().await;
    if screen_buttons(&bot).iter().any(|(_, data)| data == "qc") {
        // At the point used last: change it.
        tap(&mut bot, MODERATOR, "qc").await;
    }
    let on_screen = shown(&bot);
    assert!(on_screen.contains("¿En qué punto de votación estás?"), "{on_screen}");
    let points = screen_buttons(&bot);
    assert_eq!(points, [("Biblioteca".into(), "qp:vp1".into()), ("Casa comunal".into(), "qp:vp2".into())]);
    tap(&mut bot, MODERATOR, "qp:vp1").await;
    assert!(
        shown(&bot).contains("🗳 Biblioteca: ") && shown(&bot).contains("en este punto."),
        "{}",
        shown(&bot)
    );
    bot
}

async fn stored_sheets(
    h: &Harness,
) -> Vec<(String, i64, String, String, Option<String>, Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT b.voting_point, b.sheet, b.pillar,
                (SELECT group_concat(proposal_id, ' ') FROM
                    (SELECT proposal_id FROM paper_choices WHERE ballot_id = b.id ORDER BY rank)),
                b.localidad, b.sector, b.age_range
         FROM paper_ballots b ORDER BY b.id",
    )
    .fetch_all(&h.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_facilitator_enters_a_three_choice_sheet_with_its_profile_in_fewer_than_ten_taps() {
    let h = Harness::with_catalog(&catalog_source()).await.with_moderators();
    let mut bot = at_vp1(&h).await;
    let mut actions = 0;
    // The sheet number, typed.
    send(&mut bot, staff_text(MODERATOR, "17")).await;
    actions += 1;
    assert!(shown(&bot).contains("¿De qué pilar es la hoja?"), "{}", shown(&bot));
    for data in ["ql:a", "qk:A4", "qk:A3", "qk:A1", "qa:l:l1", "qa:s:jac", "qa:a:18-28"] {
        tap(&mut bot, MODERATOR, data).await;
        actions += 1;
    }
    let before_save = shown(&bot);
    assert!(before_save.contains("¿Está todo como en la hoja?"), "{before_save}");
    assert!(before_save.contains("1. A4 — A4\n2. A3 — A3\n3. A1 — A1"), "{before_save}");
    let answer = tap(&mut bot, MODERATOR, "qs").await;
    actions += 1;
    assert!(actions < 10, "{actions} actions for one sheet");
    assert_eq!(answer.as_deref(), Some("Hoja 17 guardada."));
    assert_eq!(
        stored_sheets(&h).await,
        [(
            "vp1".into(),
            17,
            "a".into(),
            "A4 A3 A1".into(),
            Some("l1".into()),
            Some("jac".into()),
            Some("18-28".into())
        )]
    );
    let after = shown(&bot);
    assert!(after.contains("✅ Hoja 17 guardada (A)."), "{after}");
    assert!(after.contains("Biblioteca: 1 hoja ingresada en este punto."), "{after}");
    assert!(screen_buttons(&bot).contains(&("↩️ Deshacer la hoja 17".into(), "qz:1".into())));
    // The entry is audited with who entered it; the ballot row holds no one.
    let log: (String, i64, String) =
        sqlx::query_as("SELECT action, staff_id, detail FROM paper_log").fetch_one(&h.pool).await.unwrap();
    assert_eq!(log, ("enter".into(), MODERATOR, "A4 A3 A1".into()));

    // A sheet with fewer choices: "Listo" after the first, and no profile.
    send(&mut bot, staff_text(MODERATOR, "18")).await;
    for data in ["ql:x", "qk:X2", "qd", "qs"] {
        tap(&mut bot, MODERATOR, data).await;
    }
    assert_eq!(stored_sheets(&h).await[1], ("vp1".into(), 18, "x".into(), "X2".into(), None, None, None));
    assert!(shown(&bot).contains("Biblioteca: 2 hojas ingresadas"), "{}", shown(&bot));

    // The point is kept: /papeleta later goes straight to it.
    send(&mut bot, staff_text(MODERATOR, "/papeleta")).await;
    assert!(shown(&bot).contains("Biblioteca: 2 hojas ingresadas"), "{}", shown(&bot));
}

#[tokio::test]
async fn a_sheet_number_already_entered_at_the_point_is_refused_with_what_was_entered() {
    let h = mixed().await;
    let mut bot = at_vp1(&h).await;
    send(&mut bot, staff_text(MODERATOR, "2")).await;
    let refused = shown(&bot);
    assert!(refused.contains("Esa hoja ya está ingresada: no se cuenta dos veces."), "{refused}");
    assert!(refused.contains("Hoja 2 de Biblioteca, ingresada el"), "{refused}");
    assert!(refused.contains("1. A4 — A4"), "{refused}");
    assert_eq!(h.count("SELECT COUNT(*) FROM paper_ballots").await, 3);
    // Still waiting for a number: a new one is accepted.
    send(&mut bot, staff_text(MODERATOR, "3")).await;
    assert!(shown(&bot).contains("¿De qué pilar es la hoja?"));
    // The same number at another point is another sheet.
    let stored =
        db::paper::enter(&h.pool, &sheet("vp2", 2, "x", &["X1"]), MODERATOR, 1, "\"Idle\"").await.unwrap();
    assert!(matches!(stored, db::paper::Entered::Saved { count: 2, .. }), "{stored:?}");
    // And a sheet saved meanwhile (another facilitator) is refused at saving.
    db::paper::enter(&h.pool, &sheet("vp1", 3, "x", &["X4"]), SECOND_MODERATOR, 1, "\"Idle\"").await.unwrap();
    for data in ["ql:a", "qk:A1", "qd"] {
        tap(&mut bot, MODERATOR, data).await;
    }
    let answer = tap(&mut bot, MODERATOR, "qs").await;
    assert_eq!(answer.as_deref(), Some("Esa hoja ya estaba ingresada."));
    assert!(shown(&bot).contains("Hoja 3 de Biblioteca"), "{}", shown(&bot));
    assert_eq!(h.count("SELECT COUNT(*) FROM paper_ballots WHERE voting_point = 'vp1'").await, 3);
}

#[tokio::test]
async fn undo_removes_exactly_the_last_sheet_and_only_once() {
    let h = mixed().await;
    let mut bot = at_vp1(&h).await;
    // vp1 holds sheets 1 and 2 (ids 1, 2); vp2 sheet 1 (id 3).
    assert!(screen_buttons(&bot).contains(&("↩️ Deshacer la hoja 2".into(), "qz:2".into())));
    let answer = tap(&mut bot, MODERATOR, "qz:2").await;
    assert_eq!(answer.as_deref(), Some("Hoja 2 deshecha."));
    let left: Vec<(String, i64)> = stored_sheets(&h).await.into_iter().map(|s| (s.0, s.1)).collect();
    assert_eq!(left, [("vp1".into(), 1), ("vp2".into(), 1)]);
    let on_screen = shown(&bot);
    assert!(
        on_screen.contains("Hoja deshecha: ya no cuenta.") && on_screen.contains("1 hoja ingresada"),
        "{on_screen}"
    );
    // A second tap on the same button removes nothing more.
    let again = tap(&mut bot, MODERATOR, "qz:2").await;
    assert_eq!(again.as_deref(), Some("Esa hoja ya no es la última que ingresaste: no se deshizo nada."));
    assert_eq!(h.count("SELECT COUNT(*) FROM paper_ballots").await, 2);
    // Another staff member cannot undo someone else's sheet.
    tap(&mut bot, SECOND_MODERATOR, "qz:1").await;
    assert_eq!(h.count("SELECT COUNT(*) FROM paper_ballots").await, 2);
    let undo: (String, i64, i64, i64) =
        sqlx::query_as("SELECT action, staff_id, sheet, ballot_id FROM paper_log WHERE action = 'undo'")
            .fetch_one(&h.pool)
            .await
            .unwrap();
    assert_eq!(undo, ("undo".into(), MODERATOR, 2, 2));
    // The tally no longer counts it: A4 A3 and A3 A4 A1 are left, so A3 = 2 + 3 = 5 and
    // A4 = 3 + 2 = 5 tie on points and first choices (the id decides), A1 = 1.
    let counts = db::ballots::channel_counts(&h.pool).await.unwrap();
    let catalog = Catalog::parse(&catalog_source()).unwrap();
    let paper = ChannelResults::new(&catalog, &counts).presencial;
    assert_eq!(
        rows(&paper[0])[..3],
        [("A3".into(), 5, 1, 2), ("A4".into(), 5, 1, 2), ("A1".into(), 1, 0, 1)]
    );
}

#[tokio::test]
async fn entry_is_allowed_for_the_grace_period_after_closing_and_refused_after_it() {
    let h = Harness::with_catalog(&closed_hours_ago(2)).await.with_moderators();
    let mut bot = h.bot(staff_text(MODERATOR, "/papeleta"));
    bot.dispatch().await;
    assert!(shown(&bot).contains("¿En qué punto de votación estás?"), "{}", shown(&bot));
    tap(&mut bot, MODERATOR, "qp:vp1").await;
    assert!(shown(&bot).contains("Se reciben hojas hasta el"), "{}", shown(&bot));
    // One mock bot at a time.
    drop(bot);

    let late = Harness::with_catalog(&closed_hours_ago(73)).await.with_moderators();
    let mut bot = late.bot(staff_text(MODERATOR, "/papeleta"));
    bot.dispatch().await;
    assert!(shown(&bot).contains("El plazo para ingresar papeletas terminó el"), "{}", shown(&bot));
    tap(&mut bot, MODERATOR, "qp:vp1").await;
    assert_eq!(late.count("SELECT COUNT(*) FROM dialogues").await, 0);
}

#[tokio::test]
async fn papeleta_is_an_unknown_command_to_citizens() {
    let h = Harness::with_catalog(&catalog_source()).await.with_moderators();
    let mut bot = h.bot(text("/papeleta"));
    bot.dispatch().await;
    assert!(shown(&bot).starts_with("🤔 No entendí"), "{}", shown(&bot));
    assert_eq!(h.count("SELECT COUNT(*) FROM dialogues").await, 0);
}

/// The binary on the harness's database, with a clean environment.
fn consulta(h: &Harness, args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_consulta"));
    command.env("RUST_LOG", "warn").env("USER", "operadora").arg("--database").arg(&h.url);
    for var in ["DATABASE_URL", "CONSULTA_LANGUAGE", "CONSULTA_PAPER_GRACE_HOURS", "CONSULTA_PAPER_BALLOTS"] {
        command.env_remove(var);
    }
    command.args(args).output().expect("run consulta")
}

fn err(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn out(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Everything the paper tables hold, as one value.
async fn paper_tables(h: &Harness) -> String {
    sqlx::query_scalar(
        "SELECT json_array(
            (SELECT json_group_array(json_array(id, voting_point, sheet, pillar, localidad, sector, age_range,
                source, entered_at)) FROM paper_ballots),
            (SELECT json_group_array(json_array(ballot_id, rank, proposal_id)) FROM paper_choices),
            (SELECT json_group_array(json_array(id, action, operator, detail)) FROM paper_log))",
    )
    .fetch_one(&h.pool)
    .await
    .unwrap()
}

const HEADER: &str = "punto,hoja,pilar,opcion_1,opcion_2,opcion_3,localidad,sector,edad";

#[tokio::test]
async fn the_template_has_the_spanish_headers_and_is_never_overwritten() {
    let h = Harness::with_catalog(&catalog_source()).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("papeletas.csv");
    let done = consulta(&h, &["papeletas", "plantilla", file.to_str().unwrap()]);
    assert!(done.status.success(), "{}", err(&done));
    assert!(out(&done).contains("vp1 (Biblioteca), vp2 (Casa comunal)"), "{}", out(&done));
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(bytes, format!("\u{feff}{HEADER}\r\n").into_bytes());
    let again = consulta(&h, &["papeletas", "plantilla", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(err(&again).contains("ya existe y no se sobrescribe"), "{}", err(&again));
}

#[tokio::test]
async fn an_import_with_one_bad_row_imports_nothing_then_the_fixed_file_imports_once() {
    let h = Harness::with_catalog(&catalog_source()).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mesa.csv");
    let good_rows = "vp1,1,a,A4,A3,,l1,,\nvp1,2,A,a4,,,,,\nCasa comunal,1,a,A3,A4,A1,,jac,18 a 28 años\n";
    // Line 5: X1 is not on pillar a's ballot.
    std::fs::write(&file, format!("{HEADER}\n{good_rows}vp1,3,a,X1,,,,,\n")).unwrap();
    let refused = consulta(&h, &["papeletas", "import", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        err(&refused).lines().collect::<Vec<_>>(),
        [
            "línea 5: la propuesta X1 no está en la boleta del pilar A",
            "1 problema: no se importó nada. Corrige el archivo y vuelve a importarlo."
        ]
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM paper_ballots").await, 0);
    assert_eq!(h.count("SELECT COUNT(*) FROM paper_log").await, 0);

    // Every problem is reported with its line, a header is checked too.
    std::fs::write(
        &file,
        format!("{HEADER}\nvp9,0,zz,,,,,,\nvp1,4,a,A1,,A2,l9,,\nvp1,5,a,A1,A1,,,,\nvp1,1,a,A4,A3,,l1,,\nvp1,1,a,A4,A3,,l1,,\n"),
    )
    .unwrap();
    let many = consulta(&h, &["papeletas", "import", file.to_str().unwrap()]);
    let lines = err(&many);
    for expected in [
        "línea 2: «vp9» no es un punto de votación del catálogo",
        "línea 2: «0» no es un número de hoja",
        "línea 2: «zz» no es un pilar del catálogo",
        "línea 2: la hoja no tiene ninguna opción",
        "línea 3: opcion_2 está vacía pero hay opciones después",
        "línea 3: «l9» no es una respuesta de Localidad",
        "línea 4: la propuesta A1 aparece dos veces en la hoja",
        "línea 6: la misma hoja de ese punto ya está en la línea 5",
        "8 problemas: no se importó nada.",
    ] {
        assert!(lines.contains(expected), "{expected:?} missing in:\n{lines}");
    }
    assert_eq!(h.count("SELECT COUNT(*) FROM paper_ballots").await, 0);

    // The fixed file (semicolons, as Excel in Spanish saves it) imports once.
    let fixed = format!("{HEADER}\n{good_rows}vp1,3,x,X1,,,,,\n").replace(',', ";");
    std::fs::write(&file, format!("\u{feff}{fixed}")).unwrap();
    let imported = consulta(&h, &["papeletas", "import", file.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", err(&imported));
    assert_eq!(
        out(&imported).trim(),
        "Importadas 4 hojas nuevas; 0 ya estaban ingresadas igual y no cambiaron."
    );
    let sheets = stored_sheets(&h).await;
    assert_eq!(
        sheets,
        [
            ("vp1".into(), 1, "a".into(), "A4 A3".into(), Some("l1".into()), None, None),
            ("vp1".into(), 2, "a".into(), "A4".into(), None, None, None),
            ("vp2".into(), 1, "a".into(), "A3 A4 A1".into(), None, Some("jac".into()), Some("18-28".into())),
            ("vp1".into(), 3, "x".into(), "X1".into(), None, None, None),
        ]
    );
    let log: (String, Option<i64>, String, String) =
        sqlx::query_as("SELECT action, staff_id, operator, detail FROM paper_log")
            .fetch_one(&h.pool)
            .await
            .unwrap();
    assert_eq!(log, ("import".into(), None, "cli:operadora".into(), "mesa.csv: 4 added, 0 unchanged".into()));

    // Importing it again changes nothing at all.
    let before = paper_tables(&h).await;
    let again = consulta(&h, &["papeletas", "import", file.to_str().unwrap()]);
    assert!(again.status.success(), "{}", err(&again));
    assert_eq!(
        out(&again).trim(),
        "Importadas 0 hojas nuevas; 4 ya estaban ingresadas igual y no cambiaron."
    );
    assert_eq!(paper_tables(&h).await, before);

    // A stored sheet with other content on a row is refused, and so is the whole file.
    std::fs::write(&file, format!("{HEADER}\nvp1,9,a,A2,,,,,\nvp1,2,a,A1,,,,,\n")).unwrap();
    let conflict = consulta(&h, &["papeletas", "import", file.to_str().unwrap()]);
    assert_eq!(conflict.status.code(), Some(1));
    assert!(
        err(&conflict).starts_with("línea 3: esa hoja de ese punto ya está ingresada con otro contenido"),
        "{}",
        err(&conflict)
    );
    assert_eq!(paper_tables(&h).await, before);

    // The imported sheets count: pillar a's paper ranking is A4 8, A3 5, A1 1.
    let catalog = Catalog::parse(&catalog_source()).unwrap();
    let counts = db::ballots::channel_counts(&h.pool).await.unwrap();
    assert_eq!(
        rows(&ChannelResults::new(&catalog, &counts).presencial[0])[..3],
        [("A4".into(), 8, 2, 3), ("A3".into(), 5, 1, 2), ("A1".into(), 1, 0, 1)]
    );
}

#[tokio::test]
async fn an_import_after_the_grace_period_is_refused() {
    let h = Harness::with_catalog(&closed_hours_ago(100)).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tarde.csv");
    std::fs::write(&file, format!("{HEADER}\nvp1,1,a,A1,,,,,\n")).unwrap();
    let refused = consulta(&h, &["papeletas", "import", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(err(&refused).contains("El plazo para ingresar papeletas terminó el"), "{}", err(&refused));
    assert_eq!(h.count("SELECT COUNT(*) FROM paper_ballots").await, 0);
    let late = consulta(&h, &["--paper-grace-hours", "200", "papeletas", "import", file.to_str().unwrap()]);
    assert!(late.status.success(), "{}", err(&late));
}

fn cells(tables: &[consulta::domain::export::Table], name: &str) -> Vec<Vec<String>> {
    use consulta::domain::export::Cell;
    let table = tables.iter().find(|t| t.name == name).expect(name);
    table
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Cell::Text(t) => t.clone(),
                    Cell::Int(n) => n.to_string(),
                })
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn exports_show_the_hand_computed_results_per_channel_and_every_paper_ballot_with_its_channel() {
    let h = mixed().await;
    let tables = consulta::export::tables(&h.pool, Lang::Es, h.settings.timezone, 1).await.unwrap();
    let header = &tables[0].header;
    assert_eq!(
        header[9..],
        [
            "puntos (virtual)",
            "primeras opciones (virtual)",
            "veces elegida (virtual)",
            "votantes del pilar (virtual)",
            "puntos (presencial)",
            "primeras opciones (presencial)",
            "veces elegida (presencial)",
            "votantes del pilar (presencial)"
        ]
    );
    let results = cells(&tables, "resultados");
    // Total A3 9, A4 8, A1 6, A2 5 (6 voters); then virtual and presencial figures.
    assert_eq!(
        results[0],
        ["A", "A3", "A3", "m", "9", "2", "4", "6", "1", "4", "1", "2", "3", "5", "1", "2", "3"]
    );
    assert_eq!(
        results[1],
        ["A", "A4", "A4", "m", "8", "2", "3", "6", "2", "0", "0", "0", "3", "8", "2", "3", "3"]
    );
    assert_eq!(
        results[2],
        ["A", "A1", "A1", "m", "6", "1", "3", "6", "3", "5", "1", "2", "3", "1", "0", "1", "3"]
    );
    assert_eq!(
        results[3],
        ["A", "A2", "A2", "m", "5", "1", "2", "6", "4", "5", "1", "2", "3", "0", "0", "0", "3"]
    );
    let paper = cells(&tables, "resultados_presencial");
    assert_eq!(paper[0], ["A", "A4", "A4", "m", "8", "2", "3", "3", "1"]);
    assert_eq!(paper[1], ["A", "A3", "A3", "m", "5", "1", "2", "3", "2"]);
    let virtual_ = cells(&tables, "resultados_virtual");
    assert_eq!(virtual_[0], ["A", "A1", "A1", "m", "5", "1", "2", "3", "1"]);
    let sheets = cells(&tables, "papeletas");
    assert_eq!(sheets.len(), 3);
    assert_eq!(sheets[0][..7], ["presencial", "Biblioteca", "1", "A", "A4", "A3", ""]);
    assert_eq!(sheets[2][..7], ["presencial", "Casa comunal", "1", "A", "A3", "A4", "A1"]);
    assert_eq!(sheets[0][10], "chat (/papeleta)");
    // Paper ballots count in the groups (here: no data) and in participation.
    let no_data: Vec<Vec<String>> = cells(&tables, "resultados_por_localidad")
        .into_iter()
        .filter(|r| r[0] == "sin dato" && r[1] == "A")
        .collect();
    assert_eq!(no_data[0][2..10], ["A3", "A3", "m", "9", "2", "4", "6", "1"]);
    // …and per channel, in the same columns as `resultados`.
    let by_localidad = tables.iter().find(|t| t.name == "resultados_por_localidad").unwrap();
    assert_eq!(by_localidad.header[10..], header[9..]);
    assert_eq!(no_data[0][10..], ["4", "1", "2", "3", "5", "1", "2", "3"]);
    assert_eq!(
        no_data[1][2..],
        ["A4", "A4", "m", "8", "2", "3", "6", "2", "0", "0", "0", "3", "8", "2", "3", "3"]
    );
    let participation = cells(&tables, "participacion");
    let channel =
        |name: &str| participation.iter().find(|r| r[0] == "canal" && r[1] == name).cloned().unwrap();
    assert_eq!(channel("virtual")[3], "3");
    assert_eq!(channel("presencial")[3], "3");

    // The files: papeletas.csv, the channel sheets in the workbook only, no staff ids.
    let files = consulta::export::files(&h.pool, Lang::Es, h.settings.timezone, 1).await.unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert!(names.contains(&"papeletas.csv") && !names.contains(&"resultados_presencial.csv"), "{names:?}");
    for file in &files {
        let content = String::from_utf8_lossy(&file.bytes);
        for id in [MODERATOR.to_string(), "5001".into()] {
            assert!(!content.contains(&id), "{} contains a Telegram id", file.name);
        }
    }
    let book = files.iter().find(|f| f.name == "consulta.xlsx").unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book.bytes.clone())).unwrap();
    let mut workbook = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut workbook).unwrap();
    for sheet in ["resultados_virtual", "resultados_presencial", "papeletas"] {
        assert!(workbook.contains(&format!("name=\"{sheet}\"")), "{sheet} missing");
    }
}

#[tokio::test]
async fn a_groups_channel_columns_stay_empty_when_one_channel_of_it_is_below_the_smallest_group_shown() {
    let h = mixed().await;
    let no_data = |min: u64| {
        let h = &h;
        async move {
            let tables = consulta::export::tables(&h.pool, Lang::Es, h.settings.timezone, min).await.unwrap();
            cells(&tables, "resultados_por_localidad").into_iter().find(|r| r[0] == "sin dato" && r[1] == "A")
        }
    };
    // 3 virtual and 3 paper voters: with groups of 3 shown, both channels are.
    let row = no_data(3).await.unwrap();
    assert_eq!(row[8..], ["6", "1", "4", "1", "2", "3", "5", "1", "2", "3"]);
    // With groups of 4, the total (6) is shown but neither channel (3 each): one
    // would give the other away.
    let row = no_data(4).await.unwrap();
    assert_eq!(row[8..], ["6", "1", "", "", "", "", "", "", "", ""]);
    // With groups of 7, the group is not shown at all.
    assert_eq!(no_data(7).await, None);
}

#[tokio::test]
async fn group_counts_per_channel_add_up_to_the_total_and_match_the_reference_query() {
    use consulta::{db::export::GroupedCounts, domain::ProfileField};
    let h = Harness::with_catalog(&catalog_source()).await.with_moderators();
    // Virtual voters and paper sheets in two localidades, one with both channels.
    let codes: Vec<String> = {
        let catalog = Catalog::parse(&catalog_source()).unwrap();
        catalog.options(consulta::domain::ProfileField::Localidad).iter().map(|c| c.to_string()).collect()
    };
    for (i, tg) in (7001..7005).enumerate() {
        let c = db::citizens::record_consent(&h.pool, tg, Lang::Es, true, "v").await.unwrap();
        db::citizens::set_profile(
            &h.pool,
            c.id,
            consulta::domain::ProfileField::Localidad,
            Some(&codes[i % 2]),
        )
        .await
        .unwrap();
        let ballot = Ballot { pillar: "a".into(), choices: vec!["A1".into(), format!("A{}", 2 + i % 3)] };
        db::ballots::cast(&h.pool, c.id, tg, &ballot).await.unwrap();
    }
    for n in 1..4 {
        let mut s = sheet("vp1", n, "a", &["A4", "A2"]);
        s.localidad = Some(codes[0].clone());
        s.sector = (n == 2).then(|| "otro".to_string());
        db::paper::enter(&h.pool, &s, MODERATOR, MODERATOR, "\"Idle\"").await.unwrap();
    }
    let counts = db::export::profile_counts(&h.pool).await.unwrap();
    // Counts as sets: (group, proposal, rank, count) and (group, pillar, voters).
    type Flat = (Vec<(Option<String>, String, u32, u64)>, Vec<(Option<String>, String, u64)>);
    let flat = |grouped: &[&GroupedCounts]| -> Flat {
        let mut ranks = std::collections::BTreeMap::new();
        let mut voters = std::collections::BTreeMap::new();
        for g in grouped {
            for (group, (counts, per_pillar)) in g.iter() {
                for c in counts {
                    *ranks.entry((group.clone(), c.proposal_id.clone(), c.rank)).or_insert(0) += c.count;
                }
                for (pillar, n) in per_pillar {
                    *voters.entry((group.clone(), pillar.clone())).or_insert(0) += n;
                }
            }
        }
        (
            ranks.into_iter().map(|((g, p, r), n)| (g, p, r, n)).collect(),
            voters.into_iter().map(|((g, p), n)| (g, p, n)).collect(),
        )
    };
    for by in [ProfileField::Localidad, ProfileField::Sector, ProfileField::AgeRange] {
        let reference = db::export::grouped_counts(&h.pool, by).await.unwrap();
        let total = flat(&[counts.total.get(by)]);
        assert_eq!(total, flat(&[&reference]), "{by:?}");
        assert_eq!(total, flat(&[counts.virtual_.get(by), counts.presencial.get(by)]), "{by:?}");
        assert!(!total.0.is_empty());
    }
    let first = Some(codes[0].clone());
    assert_eq!(counts.virtual_.localidad[&first].1["a"], 2);
    assert_eq!(counts.presencial.localidad[&first].1["a"], 3);
    assert_eq!(counts.total.localidad[&first].1["a"], 5);
}

/// The export reads the citizens in blocks of 4,096 ids and each ballot's choices as
/// its triggers keep them: citizens far apart (three blocks, a gap between them), a
/// ballot cast again with other choices, and one taken back, count as the choice rows say.
#[tokio::test]
async fn group_counts_read_in_blocks_equal_the_choice_rows_after_recasts_and_gaps() {
    use consulta::domain::ProfileField;
    let h = Harness::with_catalog(&catalog_source()).await;
    let codes: Vec<String> = {
        let catalog = Catalog::parse(&catalog_source()).unwrap();
        catalog.options(ProfileField::Localidad).iter().map(|c| c.to_string()).collect()
    };
    for (n, id) in [5_i64, 4_100, 4_101, 9_000, 13_000].into_iter().enumerate() {
        sqlx::query(
            "INSERT INTO citizens (id, telegram_user_id, language, created_at, consent_accepted, consent_version,
             consent_at, localidad) VALUES (?, ?, 'es', '2026-12-01T10:00:00.000Z', 1, 'v', '2026-12-01T10:00:00.000Z', ?)",
        )
        .bind(id)
        .bind(80_000 + id)
        .bind((n != 2).then(|| codes[n % 2].clone()))
        .execute(&h.pool)
        .await
        .unwrap();
        let ballot = |choices: &[&str]| Ballot {
            pillar: "a".into(),
            choices: choices.iter().map(|c| c.to_string()).collect(),
        };
        db::ballots::cast(&h.pool, id, 80_000 + id, &ballot(&["A1", "A2", "A3"])).await.unwrap();
        if n % 2 == 1 {
            // Cast again, in another order and with fewer choices.
            db::ballots::cast(&h.pool, id, 80_000 + id, &ballot(&["A3", "A1"])).await.unwrap();
        }
    }
    // A ballot whose choices are gone (as after an erasure of the ballot rows).
    sqlx::query("DELETE FROM ballot_choices WHERE citizen_id = 9000").execute(&h.pool).await.unwrap();
    let counts = db::export::profile_counts(&h.pool).await.unwrap();
    for by in [ProfileField::Localidad, ProfileField::Sector, ProfileField::AgeRange] {
        let reference = db::export::grouped_counts(&h.pool, by).await.unwrap();
        let sorted = |g: &db::export::GroupedCounts| {
            let mut flat: Vec<(Option<String>, String, u32, u64)> = g
                .iter()
                .flat_map(|(group, (ranks, _))| {
                    ranks.iter().map(move |c| (group.clone(), c.proposal_id.clone(), c.rank, c.count))
                })
                .collect();
            flat.sort();
            let mut voters: Vec<(Option<String>, String, u64)> = g
                .iter()
                .flat_map(|(group, (_, per))| per.iter().map(move |(p, n)| (group.clone(), p.clone(), *n)))
                .collect();
            voters.sort();
            (flat, voters)
        };
        assert_eq!(sorted(counts.total.get(by)), sorted(&reference), "{by:?}");
    }
    // By hand: localidad 0 has citizens 5 and 13000 (A1 A2 A3 each); localidad 1 has
    // 4100 (cast again: A3, A1) and 9000 (its choices gone); 4101 answered nothing.
    let of = |code: &str, id: &str, rank: u32| {
        counts.total.localidad[&Some(code.to_string())]
            .0
            .iter()
            .find(|c| c.proposal_id == id && c.rank == rank)
            .map_or(0, |c| c.count)
    };
    assert_eq!(counts.total.localidad[&Some(codes[0].clone())].1["a"], 2);
    assert_eq!((of(&codes[0], "A1", 1), of(&codes[0], "A2", 2), of(&codes[0], "A3", 3)), (2, 2, 2));
    assert_eq!(counts.total.localidad[&Some(codes[1].clone())].1["a"], 2, "one of them without choices");
    let second =
        (of(&codes[1], "A3", 1), of(&codes[1], "A1", 2), of(&codes[1], "A1", 1), of(&codes[1], "A2", 2));
    assert_eq!(second, (1, 1, 0, 0));
    assert_eq!(counts.total.localidad[&None].1["a"], 1);
}

/// The plain captions of the photos (charts) the last dispatch sent.
fn captions(bot: &Bot) -> Vec<String> {
    bot.get_responses()
        .sent_messages_photo
        .iter()
        .map(|p| plain(&p.bot_request.caption.clone().unwrap_or_default()))
        .collect()
}

#[tokio::test]
async fn published_rankings_and_charts_count_paper_ballots_with_include_and_only_virtual_ones_with_separate()
{
    let mut h = mixed().await;
    h.settings.results = consulta::domain::ResultsVisibility::Live;
    {
        let mut bot = h.bot(text("/resultados"));
        bot.dispatch().await;
        let sent = captions(&bot);
        assert_eq!(sent.len(), 2, "one chart per pillar");
        // Total: A3 9, A4 8, A1 6, A2 5; 6 voters, 3 of them on paper.
        assert!(sent[0].contains("6 personas votaron en este pilar.\nDe ellas, 3 en papel"), "{}", sent[0]);
        assert!(sent[0].contains("🥇 A3 A3 — 9 puntos, 2 personas la eligieron de primera"), "{}", sent[0]);
        assert!(sent[0].contains("🥈 A4 A4 — 8 puntos"), "{}", sent[0]);
        assert!(sent[0].contains("🥉 A1 A1 — 6 puntos"), "{}", sent[0]);
        assert!(sent[0].contains("4. A2 A2 — 5 puntos"), "{}", sent[0]);
        // /avance: the paper ballots per pillar and per point, and the ranking as published.
        send(&mut bot, staff_text(SECOND_MODERATOR, "/avance")).await;
        let progress = plain(&screen_text(&bot));
        assert!(
            progress.contains("🗳 Papeletas presenciales: 3 en total. Por pilar:\n• A: 3\n• X: 0"),
            "{progress}"
        );
        assert!(progress.contains("Por punto de votación: Biblioteca 2 · Casa comunal 1"), "{progress}");
        assert!(
            progress
                .contains("(cuenta los votos virtuales y las papeletas presenciales)\nA\n1. A3 — 9 puntos"),
            "{progress}"
        );
    }
    h.settings.paper_ballots = consulta::domain::PaperBallots::Separate;
    let mut bot = h.bot(text("/resultados"));
    bot.dispatch().await;
    let sent = captions(&bot);
    // Virtual only: A1 5, A2 5 (tie: id), A3 4.
    assert!(
        sent[0].contains("3 personas votaron en este pilar.\nSolo votos virtuales: 3 papeletas presenciales"),
        "{}",
        sent[0]
    );
    assert!(sent[0].contains("🥇 A1 A1 — 5 puntos"), "{}", sent[0]);
    assert!(sent[0].contains("🥉 A3 A3 — 4 puntos"), "{}", sent[0]);
    send(&mut bot, staff_text(SECOND_MODERATOR, "/avance")).await;
    let progress = plain(&screen_text(&bot));
    assert!(
        progress.contains(
            "(solo votos virtuales: las papeletas presenciales se reportan aparte)\nA\n1. A1 — 5 puntos"
        ),
        "{progress}"
    );
    // Exports always show both channels and the total.
    let tables = consulta::export::tables(&h.pool, Lang::Es, h.settings.timezone, 1).await.unwrap();
    assert_eq!(cells(&tables, "resultados")[0][..5], ["A", "A3", "A3", "m", "9"]);
}
