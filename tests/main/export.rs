//! Exports checked cell by cell against hand-computed ballots.

use crate::support::*;
use consulta::{
    db,
    domain::{Ballot, IdeaContent, IdeaDraft, Lang, ProfileField, export::Cell},
    export,
};
use std::io::Read;

/// Three voters with known profiles and ballots, and two ideas, on the small
/// tally catalog (pillars a and x, max 3 priorities).
async fn seeded() -> Harness {
    let h = Harness::with_catalog(crate::tally::CATALOG).await;
    let voters: [(i64, Option<&str>, &[&str]); 3] =
        [(5001, Some("l1"), &["A1", "A2", "A3"]), (5002, Some("l1"), &["A2", "A1"]), (5003, None, &["A3"])];
    for (tg, localidad, choices) in voters {
        let c = db::citizens::record_consent(&h.pool, tg, Lang::Es, true, "v").await.unwrap();
        if let Some(l) = localidad {
            db::citizens::set_profile(&h.pool, c.id, ProfileField::Localidad, Some(l)).await.unwrap();
        }
        let ballot = Ballot { pillar: "a".into(), choices: choices.iter().map(|s| s.to_string()).collect() };
        db::ballots::cast(&h.pool, c.id, tg, &ballot).await.unwrap();
    }
    let author = db::citizens::find(&h.pool, 5001).await.unwrap().unwrap();
    let draft = |body: &str| IdeaDraft {
        pillar: "x".into(),
        content: IdeaContent::Text { body: body.into() },
        problem: Some("@problema, con \"comillas\"".into()),
    };
    db::ideas::submit(
        &h.pool,
        author.id,
        author.telegram_user_id,
        &draft("=HYPERLINK(\"http://x\") idea peligrosa"),
        5,
        None,
    )
    .await
    .unwrap()
    .unwrap();
    let voice = IdeaDraft {
        pillar: "a".into(),
        content: IdeaContent::Voice { file_id: "f".into(), duration_secs: 9 },
        problem: None,
    };
    db::ideas::submit(&h.pool, author.id, author.telegram_user_id, &voice, 5, None).await.unwrap().unwrap();
    db::ideas::transcribe(&h.pool, 2, 1, 1, "Más parques").await.unwrap();
    h
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(t) => t.clone(),
        Cell::Int(n) => n.to_string(),
    }
}

fn rows_of(tables: &[consulta::domain::export::Table], name: &str) -> Vec<Vec<String>> {
    let table = tables.iter().find(|t| t.name == name).expect(name);
    table.rows.iter().map(|r| r.iter().map(cell).collect()).collect()
}

#[tokio::test]
async fn results_overall_and_per_localidad_match_the_hand_computed_tally() {
    let h = seeded().await;
    let tables = export::tables(&h.pool, Lang::Es, h.settings.timezone, 1).await.unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
    assert_eq!(
        names,
        [
            "resultados",
            "resultados_virtual",
            "resultados_presencial",
            "resultados_por_localidad",
            "resultados_por_sector",
            "resultados_por_edad",
            "ideas",
            "participacion",
            "papeletas"
        ]
    );
    let results = rows_of(&tables, "resultados");
    // A1 = 3 + 2 = 5, A2 = 2 + 3 = 5 (tie: id), A3 = 1 + 3 = 4, A4 = 0; 3 voters.
    // Then points, first choices, times chosen and voters, virtual and presencial:
    // every ballot here is virtual.
    let zeros = ["0", "0", "0", "0"];
    let virtual_and_paper = |virtual_: [&'static str; 4]| [virtual_, zeros].concat();
    assert_eq!(
        results[0],
        [&["A", "A1", "A1", "m", "5", "1", "2", "3", "1"][..], &virtual_and_paper(["5", "1", "2", "3"])]
            .concat()
    );
    assert_eq!(
        results[1],
        [&["A", "A2", "A2", "m", "5", "1", "2", "3", "2"][..], &virtual_and_paper(["5", "1", "2", "3"])]
            .concat()
    );
    assert_eq!(
        results[2],
        [&["A", "A3", "A3", "m", "4", "1", "2", "3", "3"][..], &virtual_and_paper(["4", "1", "2", "3"])]
            .concat()
    );
    assert_eq!(
        results[3],
        [&["A", "A4", "A4", "m", "0", "0", "0", "3", "4"][..], &virtual_and_paper(["0", "0", "0", "3"])]
            .concat()
    );
    assert_eq!(
        results[4],
        [&["X", "X1", "X1", "m", "0", "0", "0", "0", "1"][..], &zeros[..], &zeros[..]].concat()
    );

    let by_localidad = rows_of(&tables, "resultados_por_localidad");
    let l1: Vec<&Vec<String>> = by_localidad
        .iter()
        .filter(|r| r[0] == "Localidad 1 Histórica y del Caribe Norte" && r[1] == "A")
        .collect();
    // Localidad 1: A1 = 3 + 2 = 5, A2 = 2 + 3 = 5, A3 = 1; 2 voters.
    // All ballots are virtual: the virtual columns repeat the totals, presencial is zeros.
    fn virtual_only<'a>(row: &[&'a str]) -> Vec<&'a str> {
        let n = row.len();
        [row, &row[n - 5..n - 1], &["0"; 4][..]].concat()
    }
    assert_eq!(
        *l1[0],
        virtual_only(&[
            "Localidad 1 Histórica y del Caribe Norte",
            "A",
            "A1",
            "A1",
            "m",
            "5",
            "1",
            "2",
            "2",
            "1"
        ])
    );
    assert_eq!(l1[2][2..], virtual_only(&["A3", "A3", "m", "1", "0", "1", "2", "3"])[..]);
    let no_data: Vec<&Vec<String>> =
        by_localidad.iter().filter(|r| r[0] == "sin dato" && r[1] == "A").collect();
    assert_eq!(*no_data[0], virtual_only(&["sin dato", "A", "A3", "A3", "m", "3", "1", "1", "1", "1"]));
    let l2: Vec<&Vec<String>> = by_localidad.iter().filter(|r| r[0].starts_with("Localidad 2")).collect();
    assert!(l2.iter().all(|r| r[5] == "0" && r[8] == "0"), "groups without ballots appear with zeros");
    let by_sector = rows_of(&tables, "resultados_por_sector");
    assert!(by_sector.iter().filter(|r| r[0] == "sin dato" && r[1] == "A").all(|r| r[8] == "3"));

    let participation = rows_of(&tables, "participacion");
    let localidad =
        |name: &str| participation.iter().find(|r| r[0] == "localidad" && r[1] == name).cloned().unwrap();
    assert_eq!(localidad("Localidad 1 Histórica y del Caribe Norte")[2..], ["2", "2"]);
    assert_eq!(localidad("sin dato")[2..], ["1", "1"]);
    let days: Vec<&Vec<String>> = participation.iter().filter(|r| r[0] == "día").collect();
    assert_eq!(days.len(), 1);
    assert_eq!(days[0][2..], ["3", "3"]);
}

#[tokio::test]
async fn csv_files_have_a_bom_rfc_4180_quoting_neutralised_formulas_and_no_telegram_ids() {
    let h = seeded().await;
    let files = export::files(&h.pool, Lang::Es, h.settings.timezone, 1).await.unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "resultados.csv",
            "resultados_por_localidad.csv",
            "resultados_por_sector.csv",
            "resultados_por_edad.csv",
            "ideas.csv",
            "participacion.csv",
            "papeletas.csv",
            "consulta.xlsx"
        ]
    );
    let ideas = files.iter().find(|f| f.name == "ideas.csv").unwrap();
    assert!(ideas.bytes.starts_with(b"\xEF\xBB\xBF"));
    let csv = String::from_utf8(ideas.bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "id,pilar,tipo,texto,transcripción,problema que atiende,estado,motivo,fusionada en,agregada como,recibida,decidida"
    );
    assert!(
        lines[1].starts_with("1,X,texto,\"'=HYPERLINK(\"\"http://x\"\") idea peligrosa\",,\"'@problema, con \"\"comillas\"\"\",pendiente,,,,"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("2,A,nota de voz,audio,Más parques,,pendiente,"), "{}", lines[2]);
    for file in &files {
        let content = String::from_utf8_lossy(&file.bytes);
        for tg in ["5001", "5002", "5003"] {
            assert!(!content.contains(tg), "{} contains a Telegram id", file.name);
        }
    }
}

#[tokio::test]
async fn the_workbook_opens_and_has_one_sheet_per_table() {
    let h = seeded().await;
    let files = export::files(&h.pool, Lang::Es, h.settings.timezone, 1).await.unwrap();
    let book = files.iter().find(|f| f.name == "consulta.xlsx").unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book.bytes.clone())).expect("a valid xlsx (zip)");
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml").unwrap().read_to_string(&mut workbook).unwrap();
    for sheet in [
        "resultados",
        "resultados_virtual",
        "resultados_presencial",
        "resultados_por_localidad",
        "resultados_por_sector",
        "resultados_por_edad",
        "ideas",
        "participacion",
        "papeletas",
    ] {
        assert!(workbook.contains(&format!("name=\"{sheet}\"")), "{sheet} missing");
    }
    // The results' texts are shared strings; the citizens' own texts (ideas, the
    // seventh sheet) are written inline in their sheet.
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml").unwrap().read_to_string(&mut strings).unwrap();
    assert!(strings.contains("puntos"), "the results' header is a shared string");
    let mut ideas = String::new();
    zip.by_name("xl/worksheets/sheet7.xml").unwrap().read_to_string(&mut ideas).unwrap();
    assert!(ideas.contains("<is><t>Más parques</t></is>"), "{ideas}");
}

#[tokio::test]
async fn exportar_sends_the_files_to_admins_only() {
    let h = seeded().await.with_moderators();
    let mut bot = h.bot(staff_text(SECOND_MODERATOR, "/exportar"));
    bot.dispatch().await;
    let docs = bot.get_responses().sent_messages_document;
    let names: Vec<String> =
        docs.iter().filter_map(|d| d.message.document().and_then(|doc| doc.file_name.clone())).collect();
    assert_eq!(names.len(), 8, "{names:?}");
    assert!(names.contains(&"consulta.xlsx".to_string()));
    assert!(sent_to(&bot, SECOND_MODERATOR).iter().any(|m| m.contains("Exportación lista")));

    send(&mut bot, staff_text(MODERATOR, "/exportar")).await;
    assert!(bot.get_responses().sent_messages_document.is_empty(), "facilitators do not export");
    assert!(sent_to(&bot, MODERATOR)[0].contains("No entendí ese mensaje"));
    send(&mut bot, text("/exportar")).await;
    assert!(bot.get_responses().sent_messages_document.is_empty());
    assert!(sent_to(&bot, USER)[0].contains("No entendí ese mensaje"));
}

#[tokio::test]
async fn groups_under_the_minimum_are_added_up_as_small_groups_and_the_rule_is_stated() {
    let h = seeded().await;
    // Localidad 1 has 2 voters in pillar A, "no data" 1: at a minimum of 2, the
    // single voter's ranking is not shown (and the small groups' sum, 1, is not either).
    let tables = export::tables(&h.pool, Lang::Es, h.settings.timezone, 2).await.unwrap();
    let by_localidad = rows_of(&tables, "resultados_por_localidad");
    assert!(by_localidad.iter().any(|r| r[0].starts_with("Localidad 1") && r[1] == "A"));
    assert!(!by_localidad.iter().any(|r| r[0] == "sin dato"), "a group of one is never shown");
    assert!(!by_localidad.iter().any(|r| r[0] == "otros / grupos pequeños"), "1 voter < 2");
    let note = by_localidad.last().expect("the note");
    assert!(note[0].contains("menos de 2 votantes"), "{note:?}");
    assert!(note[1..].iter().all(String::is_empty));

    // At 3, both groups are small: their sum (3 voters) is shown, and equals the overall result.
    let tables = export::tables(&h.pool, Lang::Es, h.settings.timezone, 3).await.unwrap();
    let by_localidad = rows_of(&tables, "resultados_por_localidad");
    let others: Vec<&Vec<String>> =
        by_localidad.iter().filter(|r| r[0] == "otros / grupos pequeños" && r[1] == "A").collect();
    let overall = rows_of(&tables, "resultados");
    let overall_a: Vec<&Vec<String>> = overall.iter().filter(|r| r[0] == "A").collect();
    assert_eq!(others.len(), overall_a.len());
    for (o, a) in others.iter().zip(overall_a) {
        // The overall rows go on with the figures per channel.
        assert_eq!(o[1..], a[..o.len() - 1], "the small groups together are everyone here");
    }
    assert!(!by_localidad.iter().any(|r| r[0].starts_with("Localidad 1")), "2 voters < 3");
}
