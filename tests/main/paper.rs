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
