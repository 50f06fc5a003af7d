//! The Plan de Acción (plan file, answers spreadsheet, versions) and the
//! publishable report, whose figures are read back from the HTML and from the
//! PDF's text and compared with `consulta tally` and the exports.

use crate::support::*;
use consulta::report::pdf::Typesetter;
use consulta::{
    db,
    domain::{
        Ballot, Catalog, ChannelResults, IdeaContent, IdeaDraft, Lang, PaperSheet, ProfileField,
        RejectReason,
        idea::Decision,
        plan::{Draft, Inclusion},
    },
    export, report,
};
use std::process::Command;

const PLAN: &str = include_str!("../../catalog/plan-plantilla.toml");

/// Telegram ids of the seeded citizens: none may appear in a report.
const CITIZENS: [i64; 4] = [7_770_001, 7_770_002, 7_770_003, 7_770_004];

/// The template city with four citizens (profiles partly answered), their
/// ballots in both pillars, two paper sheets and four ideas, one of each fate.
async fn seeded() -> Harness {
    let h = Harness::with_catalog(consulta::TEMPLATE_CATALOG).await;
    let votes: [(Option<&str>, &[&str], &[&str]); 4] = [
        (Some("c1"), &["T01", "T02"], &["P01"]),
        (Some("c1"), &["T02", "T01"], &["P02", "P01"]),
        (None, &["T01"], &["P01", "P02"]),
        (Some("c2"), &["T03", "T01"], &[]),
    ];
    let mut ids = Vec::new();
    for (tg, (localidad, t, p)) in CITIZENS.iter().zip(votes) {
        let c = db::citizens::record_consent(&h.pool, *tg, Lang::Es, true, "v").await.unwrap();
        if let Some(l) = localidad {
            db::citizens::set_profile(&h.pool, c.id, ProfileField::Localidad, Some(l)).await.unwrap();
        }
        for (pillar, choices) in [("transparencia", t), ("participacion", p)] {
            if choices.is_empty() {
                continue;
            }
            let ballot =
                Ballot { pillar: pillar.into(), choices: choices.iter().map(|s| s.to_string()).collect() };
            db::ballots::cast(&h.pool, c.id, *tg, &ballot).await.unwrap();
        }
        ids.push(c.id);
    }
    let sheet = |n: u32, pillar: &str, choices: &[&str]| {
        (
            n as usize + 1,
            PaperSheet {
                point: "vp1".into(),
                sheet: n,
                ballot: Ballot {
                    pillar: pillar.into(),
                    choices: choices.iter().map(|s| s.to_string()).collect(),
                },
                localidad: Some("c2".into()),
                sector: None,
                age_range: None,
            },
        )
    };
    let rows = [sheet(1, "transparencia", &["T03", "T02"]), sheet(2, "participacion", &["P02"])];
    db::paper::import(&h.pool, &rows, "test", "papeletas.csv").await.unwrap().unwrap();
    let texts = [
        "Que cada colegio publique cómo gasta su fondo de servicios educativos",
        "Mesas de trabajo con vendedores informales del centro histórico",
        "Una idea que repite otra propuesta ya existente en la papeleta",
        "Una idea que todavía nadie ha revisado en la moderación",
    ];
    for (i, body) in texts.iter().enumerate() {
        let draft = IdeaDraft {
            pillar: if i == 1 { "participacion" } else { "transparencia" }.into(),
            content: IdeaContent::Text { body: body.to_string() },
            problem: None,
        };
        db::ideas::submit(&h.pool, ids[0], CITIZENS[0], &draft, 10, None).await.unwrap().unwrap();
    }
    let decisions = [Decision::Approve, Decision::Approve, Decision::Reject(RejectReason::Duplicate)];
    for (i, d) in decisions.iter().enumerate() {
        db::ideas::decide(&h.pool, i as i64 + 1, ids[1], d).await.unwrap().unwrap();
    }
    h
}

async fn store_template_plan(h: &Harness) {
    let catalog = db::catalog::load(&h.pool).await.unwrap();
    let plan = Draft::parse_toml(PLAN).unwrap().check(&catalog).unwrap();
    db::plan::store(&h.pool, &plan, db::plan::Origin::PlanFile, "plan.toml", "test").await.unwrap();
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The rows of the HTML table whose caption is `caption`, as cell texts.
fn html_table(html: &str, caption: &str) -> Vec<Vec<String>> {
    let marker = format!("<caption>{}</caption>", consulta::report::html::escape(caption));
    let start = html.find(&marker).unwrap_or_else(|| panic!("no table {caption:?}"));
    let body = &html[start..];
    let body = &body[body.find("<tbody>").unwrap()..body.find("</tbody>").unwrap()];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|cell| unescape(&cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()]))
                .collect()
        })
        .collect()
}

/// The value after a fact's label in the HTML (`<dt>label</dt><dd>value</dd>`).
fn html_fact(html: &str, label: &str) -> String {
    let marker = format!("<dt>{}</dt><dd>", consulta::report::html::escape(label));
    let start = html.find(&marker).unwrap_or_else(|| panic!("no fact {label:?}")) + marker.len();
    unescape(&html[start..start + html[start..].find("</dd>").unwrap()])
}

/// The PDF's text, as `pdftotext -layout` reads it (poppler-utils).
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("informe.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").args(["-layout", path.to_str().unwrap(), "-"]).output().expect(
        "pdftotext (Debian's poppler-utils) reads the report's PDF back: apt-get install poppler-utils",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn file<'a>(files: &'a [export::ExportFile], name: &str) -> &'a [u8] {
    &files.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no {name}")).bytes
}

#[tokio::test]
async fn the_reports_figures_equal_the_tally_and_the_exports_in_the_html_and_the_pdf() {
    let h = seeded().await;
    store_template_plan(&h).await;
    let tz = chrono_tz::America::Bogota;
    // The PDF typeset in a child process, as the `consulta` binary does it.
    let settings = consulta::config::Settings {
        min_group: 2,
        timezone: tz,
        typesetter: Typesetter::Program(env!("CARGO_BIN_EXE_consulta").into()),
        ..Default::default()
    };
    let files = report::files(&h.pool, Lang::Es, &settings).await.unwrap();
    let html = String::from_utf8(file(&files, "informe.html").to_vec()).unwrap();
    let pdf = pdf_text(file(&files, "informe.pdf"));
    let catalog = db::catalog::load(&h.pool).await.unwrap();
    let results = ChannelResults::new(&catalog, &db::ballots::channel_counts(&h.pool).await.unwrap());
    let tally = consulta::app::tally_text(&h.pool, Lang::Es).await.unwrap();
    let tables = export::tables(&h.pool, Lang::Es, tz, 2).await.unwrap();
    let export_rows = |name: &str| -> Vec<Vec<String>> {
        let t = tables.iter().find(|t| t.name == name).unwrap();
        t.rows.iter().map(|r| r.iter().map(|c| format!("{}", CellText(c))).collect()).collect()
    };

    // Per pillar and per channel: the ranking table, the tally's lines, the
    // exports' `resultados` rows and the PDF's lines agree.
    let resultados = export_rows("resultados");
    for (i, pillar) in results.total.iter().enumerate() {
        let rows = html_table(&html, &format!("Clasificación del pilar {}", pillar.name));
        assert_eq!(rows.len(), pillar.proposals.len());
        for (row, p) in rows.iter().zip(&pillar.proposals) {
            let virtual_ =
                results.virtual_[i].proposals.iter().find(|q| q.proposal_id == p.proposal_id).unwrap();
            let paper =
                results.presencial[i].proposals.iter().find(|q| q.proposal_id == p.proposal_id).unwrap();
            let expected = [
                p.rank.to_string(),
                p.proposal_id.clone(),
                p.title.clone(),
                p.points.to_string(),
                p.first_choices.to_string(),
                p.times_chosen.to_string(),
                virtual_.points.to_string(),
                paper.points.to_string(),
            ];
            assert_eq!(row, &expected);
            // `consulta tally`: "rank id points first chosen title".
            let line = format!(
                "{:>4}  {:<6} {:>7} {:>7} {:>7}  {}",
                p.rank, p.proposal_id, p.points, p.first_choices, p.times_chosen, p.title
            );
            assert!(tally.contains(&line), "{line:?} not in the tally:\n{tally}");
            let export = resultados.iter().find(|r| r[1] == p.proposal_id).unwrap();
            assert_eq!((&export[4], &export[5], &export[6]), (&expected[3], &expected[4], &expected[5]));
            assert_eq!((&export[9], &export[13]), (&expected[6], &expected[7]), "per channel");
            // The PDF: the ranking's row, on one line in reading order.
            let pdf_row = pdf
                .lines()
                .find(|l| {
                    let words: Vec<&str> = l.split_whitespace().collect();
                    words.len() > 2 && words[0] == p.rank.to_string() && words[1] == p.proposal_id
                })
                .unwrap_or_else(|| panic!("no PDF line for {} {}:\n{pdf}", p.rank, p.proposal_id));
            let figures: Vec<&str> = pdf_row.split_whitespace().rev().take(5).collect();
            assert_eq!(
                figures,
                [&expected[7], &expected[6], &expected[5], &expected[4], &expected[3]].map(String::as_str),
                "{pdf_row}"
            );
        }
    }
    // Hand-checked too: T01 got 2+1+2+1 = 6 points from four ballots, none on paper.
    let t01 = &results.total[0].proposals.iter().find(|p| p.proposal_id == "T01").unwrap();
    assert_eq!((t01.points, t01.first_choices, t01.times_chosen), (6, 2, 4));

    // Participation: people, ballots per channel and per territory as the
    // `participacion` export says.
    let participation = export_rows("participacion");
    let channel =
        |name: &str| participation.iter().find(|r| r[0] == "canal" && r[1] == name).unwrap()[3].clone();
    assert_eq!(html_fact(&html, "Papeletas, canal virtual"), channel("virtual"));
    assert_eq!(html_fact(&html, "Papeletas, canal presencial"), channel("presencial"));
    assert_eq!((channel("virtual").as_str(), channel("presencial").as_str()), ("7", "2"));
    assert_eq!(html_fact(&html, "Personas participantes"), "4");
    assert_eq!(html_fact(&html, "Papeletas (una por persona y pilar)"), "9");
    for label in ["Personas participantes", "Papeletas, canal virtual", "Papeletas, canal presencial"] {
        assert!(
            pdf.lines().any(|l| l.contains(label) && l.trim_end().ends_with(&html_fact(&html, label))),
            "{label}"
        );
    }
    let per_territory = html_table(&html, "Personas participantes por comuna (grupos de menos de 2 sumados)");
    let export_territory: Vec<(String, String)> = participation
        .iter()
        .filter(|r| r[0] == "comuna" && r[2] != "0")
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    // c1 has 2 people; c2 and "no data" have 1 each: under 2, added up.
    assert_eq!(
        per_territory,
        vec![
            vec!["Comuna 1 (ejemplo)".to_string(), "2".into()],
            vec!["otros / grupos pequeños".into(), "2".into()]
        ]
    );
    let small: u64 = export_territory.iter().filter(|(_, n)| n == "1").count() as u64;
    assert_eq!(small, 2, "{export_territory:?}");

    // Ideas: the counts by fate, the reasons counted, the approved texts.
    assert_eq!(html_fact(&html, "Ideas recibidas"), "4");
    assert_eq!(html_fact(&html, "Aprobadas"), "2");
    assert_eq!(html_fact(&html, "Rechazadas"), "1");
    assert_eq!(html_fact(&html, "Sin revisar todavía"), "1");
    let reasons = html_table(&html, "Ideas rechazadas por motivo");
    assert!(reasons.contains(&vec!["repite otra idea o propuesta".to_string(), "1".into()]), "{reasons:?}");
    assert!(html.contains("Mesas de trabajo con vendedores informales del centro histórico"));
    assert!(!html.contains("Una idea que todavía nadie ha revisado"), "only approved ideas are published");

    // The reasoned response: every proposal, with the plan's decision.
    let plan = db::plan::current(&h.pool).await.unwrap().unwrap().1;
    for pillar in &results.total {
        let rows = html_table(&html, &format!("Respuesta a cada propuesta del pilar {}", pillar.name));
        for (row, p) in rows.iter().zip(&pillar.proposals) {
            let answer = plan.response(&p.proposal_id).unwrap();
            assert_eq!(row[1], p.proposal_id);
            assert_eq!(row[3], consulta::cli::plan::decision(Lang::Es, answer.decision));
            assert_eq!(row[5], answer.reason.clone().unwrap_or_default());
            assert!(pdf.contains(&p.proposal_id));
        }
    }
    assert_eq!(plan.response("T02").unwrap().decision, Inclusion::Aplazada);
    assert!(pdf.contains("Aplazada") && pdf.contains("Incluida en parte"));
    let milestones = html_table(&html, "Hitos del compromiso C1");
    assert_eq!(milestones.len(), 3);
    assert_eq!(milestones[0][2], "2027-04-30");

    // Nobody can be identified: no Telegram id in either file.
    for id in CITIZENS {
        assert!(!html.contains(&id.to_string()) && !pdf.contains(&id.to_string()), "{id} published");
    }
}

/// Displays an export cell as its text.
struct CellText<'a>(&'a consulta::domain::export::Cell);

impl std::fmt::Display for CellText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            consulta::domain::export::Cell::Text(t) => write!(f, "{t}"),
            consulta::domain::export::Cell::Int(n) => write!(f, "{n}"),
        }
    }
}

#[tokio::test]
async fn before_the_plan_exists_the_report_is_the_inventario_and_says_so_in_english_too() {
    let h = seeded().await;
    let settings = consulta::config::Settings { min_group: 2, ..Default::default() };
    let files = report::files(&h.pool, Lang::En, &settings).await.unwrap();
    let html = String::from_utf8(file(&files, "report.html").to_vec()).unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(
        unescape(&html)
            .contains("There is no Plan de Acción yet: this report is the consultation's inventory.")
    );
    assert!(html.contains("Inventory of the pillar Transparency"), "pillar names in English");
    assert!(!html.contains("Milestones of the commitment"));
    let inventory = html_table(&html, "Inventory of the pillar Transparency");
    assert_eq!(inventory.len(), 3);
    assert_eq!(inventory[0][0], "T01", "catalog order");
    let pdf = pdf_text(file(&files, "report.pdf"));
    assert!(pdf.contains("There is no Plan de Acción yet"));
    // Charts have their text alternative and tables their caption.
    assert!(html.matches("<desc id=\"chart-").count() >= 3);
    assert!(html.contains("role=\"img\""));
}

#[tokio::test]
async fn a_plan_with_an_unknown_proposal_a_late_milestone_and_a_missing_reason_is_refused_whole() {
    let h = seeded().await;
    let dir = tempfile::tempdir().unwrap();
    let bad = PLAN
        .replace("answers = [\"T01\", \"T03\"]", "answers = [\"T01\", \"T03\", \"T99\"]")
        .replace("due = \"2027-11-30\"\nweight = 20", "due = \"2027-12-20\"\nweight = 20")
        .replace(
            "reason = \"Explicar el presupuesto necesita primero el portal de contratos (C1); se propondrá para el plan de 2028.\"\n",
            "",
        );
    let path = dir.path().join("plan.toml");
    std::fs::write(&path, &bad).unwrap();
    let line_of = |needle: &str| bad.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for command in ["check", "import"] {
        let out = consulta_cli(&["plan", command, "plan.toml"], dir.path(), &h.url);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 4, "{err}");
        assert_eq!(
            lines[0],
            format!(
                "plan.toml:{}: commitments[1] (C1): la propuesta «T99» no está en el catálogo",
                line_of("T99")
            )
        );
        assert!(
            lines[1].starts_with(&format!(
                "plan.toml:{}: commitments[1] (C1) › milestones (C1-H3): el hito vence el 2027-12-20",
                line_of("id = \"C1-H3\"") - 1
            )),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].starts_with(&format!(
                "plan.toml:{}: responses (T02): falta la razón",
                line_of("proposal = \"T02\"") - 1
            )),
            "{}",
            lines[2]
        );
    }
    assert_eq!(
        String::from_utf8_lossy(&consulta_cli(&["plan", "import", "plan.toml"], dir.path(), &h.url).stderr)
            .lines()
            .last(),
        Some("3 problemas: no se guardó nada.")
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_versions").await, 0, "nothing stored");
}

#[tokio::test]
async fn the_same_plan_again_changes_nothing_and_a_changed_one_keeps_the_history() {
    let h = seeded().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.toml"), PLAN).unwrap();
    let check = consulta_cli(&["plan", "check", "plan.toml"], dir.path(), &h.url);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(stdout.contains("2 compromisos con 5 hitos"), "{stdout}");
    assert!(
        stdout.contains("3 incluidas, 1 en parte, 0 fusionadas, 1 aplazadas, 0 no incluidas; 0 sin decisión"),
        "{stdout}"
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_versions").await, 0, "check stores nothing");

    let first = consulta_cli(&["plan", "import", "plan.toml"], dir.path(), &h.url);
    assert!(String::from_utf8_lossy(&first.stdout).contains("ahora rige la versión 1 del plan"));
    let again = consulta_cli(&["plan", "import", "plan.toml"], dir.path(), &h.url);
    assert!(again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .contains("El plan vigente (versión 1) ya es este: no cambió nada.")
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_versions").await, 1);

    let changed = PLAN.replace("se propondrá para el plan de 2028", "se propondrá en 2028");
    std::fs::write(dir.path().join("plan.toml"), changed).unwrap();
    let out = consulta_cli(&["plan", "import", "plan.toml"], dir.path(), &h.url);
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("ahora rige la versión 2 del plan (las 2 versiones quedan")
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_versions").await, 2);
    let first_reason: String = sqlx::query_scalar("SELECT content FROM plan_versions WHERE id = 1")
        .fetch_one(&h.pool)
        .await
        .unwrap();
    assert!(first_reason.contains("para el plan de 2028"), "the earlier version is kept as it was");
    let current = db::plan::current(&h.pool).await.unwrap().unwrap();
    assert_eq!(current.0, 2);
    assert!(current.1.response("T02").unwrap().reason.as_deref().unwrap().contains("en 2028"));
}

#[tokio::test]
async fn answers_go_out_as_a_spreadsheet_and_come_back_from_excel() {
    let h = seeded().await;
    let dir = tempfile::tempdir().unwrap();
    // Answers need the commitments they name.
    let early = consulta_cli(&["plan", "respuestas", "import", "x.csv"], dir.path(), &h.url);
    assert_eq!(early.status.code(), Some(1));
    // A plan with commitments only: the other proposals have no decision yet.
    let commitments_only = &PLAN[..PLAN.find("\n[[responses]]").unwrap()];
    let commitments_only = commitments_only.replace("answers = [\"P01\", \"P02\"]", "answers = [\"P01\"]");
    std::fs::write(dir.path().join("plan.toml"), &commitments_only).unwrap();
    let out = consulta_cli(&["plan", "import", "plan.toml"], dir.path(), &h.url);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("plan.toml: T02 «Presupuesto explicado en lenguaje claro (ejemplo)» (Transparencia) aún no tiene decisión"), "{stdout}");
    assert!(stdout.contains("P02"), "{stdout}");

    let template = consulta_cli(&["plan", "respuestas", "plantilla", "respuestas.csv"], dir.path(), &h.url);
    assert!(template.status.success(), "{}", String::from_utf8_lossy(&template.stderr));
    let csv = std::fs::read_to_string(dir.path().join("respuestas.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}pilar,id,titulo,origen,lugar,puntos,decision,compromiso,fusionada_con,razon,razon_en"
    );
    assert_eq!(lines.len(), 6, "one row per proposal");
    // Transparency by place: T01 (6 points) first, with the implied answer filled in.
    assert!(
        lines[1].starts_with("Transparencia,T01,Datos abiertos de contratación (ejemplo),"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(",1,6,incluida,C1,,,"), "{}", lines[1]);
    // Never overwritten.
    let twice = consulta_cli(&["plan", "respuestas", "plantilla", "respuestas.csv"], dir.path(), &h.url);
    assert_eq!(twice.status.code(), Some(1));

    // Excel's way back: semicolons, a BOM, accents and capitals in the decision.
    let filled = "\u{feff}pilar;id;titulo;origen;lugar;puntos;decision;compromiso;fusionada_con;razon;razon_en\r\n\
                  Transparencia;T02;x;x;2;5;Aplazada;;;Falta el portal de contratos.;\r\n\
                  Participación;P02;x;x;2;4;No incluida;;;;\r\n";
    std::fs::write(dir.path().join("respuestas.csv"), filled).unwrap();
    let refused = consulta_cli(&["plan", "respuestas", "import", "respuestas.csv"], dir.path(), &h.url);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.starts_with("respuestas.csv:3: responses (P02): falta la razón"), "{err}");
    assert_eq!(h.count("SELECT COUNT(*) FROM plan_versions").await, 1, "nothing stored");

    std::fs::write(
        dir.path().join("respuestas.csv"),
        filled.replace("No incluida;;;;", "No incluida;;;No es competencia de la Alcaldía.;"),
    )
    .unwrap();
    let stored = consulta_cli(&["plan", "respuestas", "import", "respuestas.csv"], dir.path(), &h.url);
    assert!(stored.status.success(), "{}", String::from_utf8_lossy(&stored.stderr));
    assert!(String::from_utf8_lossy(&stored.stdout).contains("0 sin decisión"));
    let plan = db::plan::current(&h.pool).await.unwrap().unwrap().1;
    assert_eq!(plan.response("T02").unwrap().decision, Inclusion::Aplazada);
    assert_eq!(plan.response("P02").unwrap().reason.as_deref(), Some("No es competencia de la Alcaldía."));
    assert_eq!(plan.response("T01").unwrap().commitment.as_deref(), Some("C1"));

    // Re-importing the plan file keeps the answers that came from the spreadsheet.
    let out = consulta_cli(&["plan", "import", "plan.toml"], dir.path(), &h.url);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("no cambió nada"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[tokio::test]
async fn informe_writes_both_files_and_admins_get_them_in_the_chat() {
    let h = seeded().await.with_moderators();
    let dir = tempfile::tempdir().unwrap();
    let out = consulta_cli(&["informe", "--dir", "out"], dir.path(), &h.url);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("out/informe.html").exists() && dir.path().join("out/informe.pdf").exists());
    assert!(std::fs::read(dir.path().join("out/informe.pdf")).unwrap().starts_with(b"%PDF-"));

    let mut bot = h.bot(staff_text(SECOND_MODERATOR, "/informe"));
    bot.dispatch().await;
    let names: Vec<String> = bot
        .get_responses()
        .sent_messages_document
        .iter()
        .filter_map(|d| d.message.document().and_then(|doc| doc.file_name.clone()))
        .collect();
    assert_eq!(names, ["informe.html", "informe.pdf"]);
    assert!(sent_to(&bot, SECOND_MODERATOR).iter().any(|m| m.contains("Informe listo")));
    send(&mut bot, staff_text(MODERATOR, "/informe")).await;
    assert!(bot.get_responses().sent_messages_document.is_empty(), "facilitators do not get it");
}

#[test]
fn the_plan_template_checks_clean_against_the_template_catalog() {
    let catalog = Catalog::parse(consulta::TEMPLATE_CATALOG).unwrap();
    let plan = Draft::parse_toml(PLAN).unwrap().check(&catalog).unwrap();
    assert!(plan.undecided(&catalog).is_empty());
    assert_eq!(
        plan.commitments
            .iter()
            .map(|c| c.milestones.iter().map(|m| m.weight).sum::<u32>())
            .collect::<Vec<_>>(),
        [100, 100]
    );
}

#[tokio::test]
async fn the_child_typesetter_gives_the_same_pdf_and_its_errors_and_a_missing_program_falls_back() {
    let h = seeded().await;
    let document = report::content::build(&h.pool, Lang::Es, &h.settings).await.unwrap();
    let markup = report::typst::render(&document);
    let child = Typesetter::Program(env!("CARGO_BIN_EXE_consulta").into());
    let in_child = report::pdf::typeset(markup.clone(), &child).await.unwrap();
    let here = report::pdf::typeset(markup.clone(), &Typesetter::InProcess).await.unwrap();
    assert!(in_child.starts_with(b"%PDF-"));
    assert!(in_child == here, "the child's PDF differs from the one typeset in this process");

    // typst's message, with its line, comes back from the child.
    let error = report::pdf::typeset("= Título\n\n#let x = (\n".to_owned(), &child).await.unwrap_err();
    assert!(error.0.contains("line 3"), "{error}");

    // A program that is not there (moved since the bot started): typeset here instead.
    let gone = Typesetter::Program("/nonexistent/consulta".into());
    assert!(report::pdf::typeset(markup, &gone).await.unwrap() == here);
}
