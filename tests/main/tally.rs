//! The Borda tally, on hand-computed ballots and through the database.

use crate::support::*;
use consulta::{
    db,
    domain::{Ballot, Catalog, tally, tally::count_ballots},
};

pub const CATALOG: &str = r#"
[consultation]
id = "t"
title = "Tally"
city = "Ciudad"
max_priorities = 3

# Cartagena's lists: the exports' tests read its localidades.
[territory]
name_es = "Localidad"
name_en = "Locality"
outside_es = "Fuera de Cartagena"
outside_en = "Outside Cartagena"

[[territory.units]]
code = "l1"
es = "Localidad 1 Histórica y del Caribe Norte"
en = "Locality 1 Histórica y del Caribe Norte"

[[territory.units]]
code = "l2"
es = "Localidad 2 De la Virgen y Turística"
en = "Locality 2 De la Virgen y Turística"

[[territory.units]]
code = "l3"
es = "Localidad 3 Industrial y de la Bahía"
en = "Locality 3 Industrial y de la Bahía"

[[sectors]]
code = "citizen"
es = "Ciudadanía en general"
en = "Citizen at large"

[[sectors]]
code = "jac"
es = "JAC u organización comunal"
en = "Community action board (JAC)"

[[sectors]]
code = "academia"
es = "Academia"
en = "Academia"

[[sectors]]
code = "ngo"
es = "Fundación u ONG"
en = "Foundation or NGO"

[[sectors]]
code = "group"
es = "Grupo poblacional"
en = "Population group"

[[sectors]]
code = "public"
es = "Servidor(a) público(a)"
en = "Public servant"

[[age_ranges]]
code = "u18"
es = "Menos de 18 años"
en = "Under 18"
minor = true

[[age_ranges]]
code = "18-28"
es = "18 a 28 años"
en = "18 to 28"

[[age_ranges]]
code = "29-44"
es = "29 a 44 años"
en = "29 to 44"

[[age_ranges]]
code = "45-59"
es = "45 a 59 años"
en = "45 to 59"

[[age_ranges]]
code = "60+"
es = "60 años o más"
en = "60 or older"

[[pillars]]
key = "a"
name = "A"
summary = "a"

[[pillars]]
key = "x"
name = "X"
summary = "x"

[[proposals]]
id = "A1"
pillar = "a"
title = "A1"
text = "a1"
source = "m"

[[proposals]]
id = "A2"
pillar = "a"
title = "A2"
text = "a2"
source = "m"

[[proposals]]
id = "A3"
pillar = "a"
title = "A3"
text = "a3"
source = "m"

[[proposals]]
id = "A4"
pillar = "a"
title = "A4"
text = "a4"
source = "m"

[[proposals]]
id = "X1"
pillar = "x"
title = "X1"
text = "x1"
source = "m"

[[proposals]]
id = "X2"
pillar = "x"
title = "X2"
text = "x2"
source = "m"

[[proposals]]
id = "X3"
pillar = "x"
title = "X3"
text = "x3"
source = "m"

[[proposals]]
id = "X4"
pillar = "x"
title = "X4"
text = "x4"
source = "m"
"#;

fn ballot(pillar: &str, choices: &[&str]) -> Ballot {
    Ballot { pillar: pillar.into(), choices: choices.iter().map(|s| s.to_string()).collect() }
}

/// (id, points, first choices, times chosen) in ranked order.
fn rows(result: &consulta::domain::PillarResult) -> Vec<(String, u64, u64, u64)> {
    result
        .proposals
        .iter()
        .map(|p| (p.proposal_id.clone(), p.points, p.first_choices, p.times_chosen))
        .collect()
}

fn hand_ballots() -> Vec<Ballot> {
    vec![
        // Pillar a: A1 = 3 + 2 = 5, A2 = 2 + 3 = 5, A3 = 1 + 3 = 4, A4 = 0.
        // A1 and A2 tie on points and on first choices (1 each): the id decides.
        ballot("a", &["A1", "A2", "A3"]),
        ballot("a", &["A2", "A1"]),
        ballot("a", &["A3"]),
        // Pillar x: X3 = 3 + 3 = 6; X1 = 3 (one first choice); X2 = 2 + 1 = 3 (none);
        // X4 = 2. X1 and X2 tie on points: first choices decide.
        ballot("x", &["X1"]),
        ballot("x", &["X3", "X2"]),
        ballot("x", &["X3", "X4", "X2"]),
    ]
}

#[test]
fn the_borda_count_matches_hand_computed_results_with_both_tie_breaks() {
    let catalog = Catalog::parse(CATALOG).unwrap();
    let (counts, voters) = count_ballots(&hand_ballots());
    let results = tally(&catalog, &counts, &voters);
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].voters, 3);
    assert_eq!(
        rows(&results[0]),
        vec![("A1".into(), 5, 1, 2), ("A2".into(), 5, 1, 2), ("A3".into(), 4, 1, 2), ("A4".into(), 0, 0, 0),]
    );
    assert_eq!(results[1].voters, 3);
    assert_eq!(
        rows(&results[1]),
        vec![("X3".into(), 6, 2, 2), ("X1".into(), 3, 1, 1), ("X2".into(), 3, 0, 2), ("X4".into(), 2, 0, 1),]
    );
    let ranks: Vec<usize> = results[1].proposals.iter().map(|p| p.rank).collect();
    assert_eq!(ranks, vec![1, 2, 3, 4]);
}

#[test]
fn with_no_ballots_every_proposal_has_zero_and_the_order_is_by_id() {
    let catalog = Catalog::parse(CATALOG).unwrap();
    let results = tally(&catalog, &[], &Default::default());
    assert_eq!(results[0].voters, 0);
    let ids: Vec<String> = rows(&results[0]).into_iter().map(|r| r.0).collect();
    assert_eq!(ids, ["A1", "A2", "A3", "A4"]);
    assert!(rows(&results[1]).iter().all(|r| (r.1, r.2, r.3) == (0, 0, 0)));
}

#[test]
fn the_points_follow_max_priorities() {
    let one = CATALOG.replace("max_priorities = 3", "max_priorities = 1");
    let catalog = Catalog::parse(&one).unwrap();
    let (counts, voters) = count_ballots(&[ballot("a", &["A4"]), ballot("a", &["A4"]), ballot("a", &["A2"])]);
    let results = tally(&catalog, &counts, &voters);
    assert_eq!(rows(&results[0])[..2], [("A4".into(), 2, 2, 2), ("A2".into(), 1, 1, 1)]);
}

#[tokio::test]
async fn the_tally_from_stored_rows_equals_the_tally_of_the_same_ballots() {
    let h = Harness::with_catalog(CATALOG).await;
    let catalog = Catalog::parse(CATALOG).unwrap();
    for (i, b) in hand_ballots().iter().enumerate() {
        let citizen = db::citizens::record_consent(&h.pool, 1000 + i as i64, Default::default(), true, "v")
            .await
            .unwrap();
        db::ballots::cast(&h.pool, citizen.id, 1000 + i as i64, b).await.unwrap();
    }
    let stored = tally(
        &catalog,
        &db::ballots::rank_counts(&h.pool).await.unwrap(),
        &db::ballots::voters_per_pillar(&h.pool).await.unwrap(),
    );
    let (counts, voters) = count_ballots(&hand_ballots());
    assert_eq!(stored, tally(&catalog, &counts, &voters));

    let text = consulta::app::tally_text(&h.pool, consulta::domain::Lang::Es).await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "== A: 3 votantes ==");
    assert!(lines[2].split_whitespace().collect::<Vec<_>>() == ["1", "A1", "5", "1", "2", "A1"], "{text}");
}

/// The totals /avance reads are kept by triggers: after votes, changed votes,
/// an erasure and a ballot that leaves by the cascade alone, they
/// equal a count of the stored choices, and `totals_disagreements` finds nothing;
/// an edit made behind the triggers' back is found.
#[tokio::test]
async fn the_live_totals_equal_a_count_of_the_choices_through_changes_and_erasure() {
    let h = Harness::with_catalog(CATALOG).await;
    let mut citizens = Vec::new();
    for (i, b) in hand_ballots().iter().enumerate() {
        let user = 2000 + i as i64;
        let citizen =
            db::citizens::record_consent(&h.pool, user, Default::default(), true, "v").await.unwrap();
        db::ballots::cast(&h.pool, citizen.id, user, b).await.unwrap();
        citizens.push((user, citizen.id));
    }
    // Changed minds: the same pillar again, other proposals and other ranks.
    db::ballots::cast(&h.pool, citizens[0].1, citizens[0].0, &ballot("a", &["A4", "A3"])).await.unwrap();
    db::ballots::cast(&h.pool, citizens[4].1, citizens[4].0, &ballot("x", &["X2"])).await.unwrap();
    db::ballots::cast(&h.pool, citizens[4].1, citizens[4].0, &ballot("a", &["A1", "A4", "A2"]))
        .await
        .unwrap();
    // One citizen erases their data; another's row goes by the cascade alone.
    db::citizens::erase(&h.pool, citizens[1].0, citizens[1].0).await.unwrap();
    sqlx::query("DELETE FROM ballots WHERE citizen_id = ?")
        .bind(citizens[2].1)
        .execute(&h.pool)
        .await
        .unwrap();

    let counted = db::ballots::rank_counts(&h.pool).await.unwrap();
    let live = db::ballots::live_rank_counts(&h.pool).await.unwrap();
    let key = |v: &[consulta::domain::RankCount]| {
        let mut v: Vec<_> = v.iter().map(|r| (r.proposal_id.clone(), r.rank, r.count)).collect();
        v.sort();
        v
    };
    assert_eq!(key(&live), key(&counted));
    assert!(key(&counted).contains(&("A4".into(), 1, 1)), "{counted:?}");
    assert!(db::ballots::totals_disagreements(&h.pool).await.unwrap().is_empty());

    // Behind the triggers' back: found, with both figures.
    sqlx::query("UPDATE choice_totals SET n = n + 5 WHERE proposal_id = 'A4' AND rank = 1")
        .execute(&h.pool)
        .await
        .unwrap();
    assert_eq!(db::ballots::totals_disagreements(&h.pool).await.unwrap(), [("A4".to_string(), 1, 1, 6)]);
}
