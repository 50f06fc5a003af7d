//! Writes the follow-up screens as chat pages for `docs/screens/plan/make.sh`:
//! the personal message a participant gets when the plan is published, the
//! `/plan` overview, a commitment's card and the progress piece's image, drawn by the bot's own screen
//! functions from the template city's catalog and plan, with made-up
//! milestone stages and updates.
//!
//!     cargo run --example plan_screens -- OUT_DIR

use chrono::{NaiveDate, TimeZone, Utc};
use consulta::{
    db::followup::{Update, UpdateKind},
    domain::{
        Ballot, Catalog, Lang,
        followup::{Followed, MilestoneRecord, Records, Stage, Voice},
        plan::Draft,
    },
    followup::screens,
};
use std::collections::HashSet;

const PLAN: &str = include_str!("../catalog/plan-plantilla.toml");

#[path = "shared/chat_page.rs"]
mod chat_page;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "plan-screens".into());
    std::fs::create_dir_all(&dir).expect("output folder");
    let catalog = Catalog::parse(consulta::TEMPLATE_CATALOG).expect("template catalog");
    let plan = Draft::parse_toml(PLAN).expect("plan").check(&catalog).expect("checked plan");
    let today = NaiveDate::from_ymd_opt(2027, 6, 15).expect("date");
    let mut records = Records::new();
    let mut record = |c: &str, m: &str, stage, flagged_late| {
        records.insert((c.into(), m.into()), MilestoneRecord { stage, flagged_late });
    };
    record("C1", "C1-H1", Stage::Done, false);
    record("C1", "C1-H2", Stage::InProgress, false);
    record("C2", "C2-H1", Stage::NotStarted, false);
    let ballots = vec![
        Ballot { pillar: "transparencia".into(), choices: vec!["T02".into(), "T01".into(), "T03".into()] },
        Ballot { pillar: "participacion".into(), choices: vec!["P02".into(), "P01".into()] },
    ];
    let at = |d, h| Utc.with_ymd_and_hms(2027, 5, d, h, 0, 0).single().expect("time");
    let updates = vec![
        Update {
            id: 3,
            commitment_id: "C1".into(),
            milestone_id: Some("C1-H2".into()),
            voice: Voice::Comite,
            kind: UpdateKind::Note,
            body: "Revisamos la página de prueba con dos veedurías: falta buscar por barrio.".into(),
            media: Some((consulta::db::followup::MediaKind::Photo, "x".into())),
            created_at: at(28, 15),
        },
        Update {
            id: 2,
            commitment_id: "C1".into(),
            milestone_id: Some("C1-H2".into()),
            voice: Voice::Alcaldia,
            kind: UpdateKind::Stage(Stage::InProgress),
            body: "Empezó el desarrollo de la página con la Oficina TIC.".into(),
            media: None,
            created_at: at(10, 14),
        },
        Update {
            id: 1,
            commitment_id: "C1".into(),
            milestone_id: Some("C1-H1".into()),
            voice: Voice::Alcaldia,
            kind: UpdateKind::Stage(Stage::Done),
            body: "Inventario publicado en datos abiertos: 1.214 contratos.".into(),
            media: None,
            created_at: at(2, 10),
        },
    ];
    let tz = chrono_tz::America::Bogota;
    let lang = Lang::Es;

    let message = screens::personal_message(lang, &catalog, &plan, &ballots);
    let follows = [Followed::Commitment("C1".into())];
    let overview = screens::overview(&screens::Overview {
        lang,
        catalog: &catalog,
        plan: &plan,
        records: &records,
        today,
        follows: &follows,
        has_priorities_answered: true,
        preview: false,
    });
    let ranked: HashSet<&str> = screens::ranked(&ballots);
    let card = screens::card(&screens::Card {
        lang,
        catalog: &catalog,
        plan: &plan,
        commitment: plan.commitment("C1").expect("C1"),
        records: &records,
        today,
        updates: &updates,
        ranked: &ranked,
        follows: &follows,
        tz,
        preview: false,
    });
    // The progress piece: its image as staff send it, and its text.
    let piece = screens::piece(lang, &catalog, &plan, &records, today);
    let png = consulta::chart::percent_chart_png(&piece.title, &piece.subtitle, &piece.bars).expect("chart");
    let path = std::path::Path::new(&dir).join("pieza.png");
    std::fs::write(&path, png).expect("write the piece");
    println!("{}", path.display());
    for (name, title, command, screen) in [
        ("mensaje", "El mensaje personal al publicar el plan", "", &message),
        ("plan", "/plan", "/plan", &overview),
        ("compromiso", "La ficha de un compromiso", "", &card),
    ] {
        let path = std::path::Path::new(&dir).join(format!("{name}.html"));
        std::fs::write(&path, chat_page::page(title, "Consulta OGP Ciudad Ejemplo", command, screen))
            .expect("write page");
        println!("{}", path.display());
    }
}
