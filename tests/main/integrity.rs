//! The integrity report on seeded days: an attack of 50 fresh accounts with one
//! identical ballot inside 10 minutes among 2,000 ordinary voters is flagged; an
//! ordinary day of the same size flags nothing; nothing is ever deleted.

use crate::support::*;
use consulta::{db, domain::integrity::Sign};

const ATTACK: [&str; 3] = ["T13", "T14", "T12"];
/// 2026-11-02 07:00 Bogotá, in Unix seconds.
const DAY_START: i64 = 1_793_620_800;

/// A small deterministic generator (xorshift), so a seed always gives the same day.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn iso(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0).unwrap().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Three proposals of Transparencia drawn in order, the popular ones more often.
fn ordinary_ballot(rng: &mut Rng) -> Vec<String> {
    let mut left: Vec<usize> = (1..=14).collect();
    let mut picks = Vec::new();
    for _ in 0..3 {
        let weights: Vec<f64> = left.iter().map(|i| 1.0 / (*i as f64).powf(0.8)).collect();
        let mut x = rng.unit() * weights.iter().sum::<f64>();
        let mut at = left.len() - 1;
        for (k, w) in weights.iter().enumerate() {
            if x < *w {
                at = k;
                break;
            }
            x -= w;
        }
        picks.push(format!("T{:02}", left.remove(at)));
    }
    picks
}

/// One citizen (first message at `started`) and their Transparencia ballot cast at `cast`.
async fn voter(h: &Harness, id: i64, started: i64, cast: i64, choices: &[String]) {
    let citizen: i64 = sqlx::query_scalar(
        "INSERT INTO citizens (telegram_user_id, language, created_at, consent_accepted, consent_version, consent_at)
         VALUES (?, 'es', ?, 1, ?, ?) RETURNING id",
    )
    .bind(id)
    .bind(iso(started))
    .bind(consulta::domain::NOTICE_VERSION)
    .bind(iso(started))
    .fetch_one(&h.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO ballots (citizen_id, pillar, cast_at) VALUES (?, 'transparencia', ?)")
        .bind(citizen)
        .bind(iso(cast))
        .execute(&h.pool)
        .await
        .unwrap();
    for (rank, proposal) in choices.iter().enumerate() {
        sqlx::query(
            "INSERT INTO ballot_choices (citizen_id, pillar, rank, proposal_id) VALUES (?, 'transparencia', ?, ?)",
        )
        .bind(citizen)
        .bind(rank as i64 + 1)
        .bind(proposal)
        .execute(&h.pool)
        .await
        .unwrap();
    }
}

/// `n` ordinary voters over 14 hours, each starting 2 to 20 minutes before voting.
async fn ordinary_day(h: &Harness, seed: u64, first: i64, n: i64) {
    let mut rng = Rng(seed);
    for id in first..first + n {
        let cast = DAY_START + rng.below(14 * 3600) as i64;
        let started = cast - 120 - rng.below(18 * 60) as i64;
        voter(h, id, started, cast, &ordinary_ballot(&mut rng)).await;
    }
}

/// 50 fresh accounts casting one identical ballot inside 10 minutes.
async fn attack(h: &Harness, first: i64) {
    let mut rng = Rng(99);
    let choices: Vec<String> = ATTACK.iter().map(|s| s.to_string()).collect();
    for id in first..first + 50 {
        let cast = DAY_START + 5 * 3600 + rng.below(600) as i64;
        voter(h, id, cast - 60 - rng.below(240) as i64, cast, &choices).await;
    }
}

#[tokio::test]
async fn fifty_fresh_accounts_with_one_ballot_in_ten_minutes_are_flagged_and_still_counted() {
    let h = Harness::new().await.with_moderators();
    ordinary_day(&h, 7, 1_000_000, 2_000).await;
    attack(&h, 2_000_000).await;
    let catalog = db::catalog::load(&h.pool).await.unwrap();

    let findings = consulta::integrity::findings(&h.pool, &catalog, &h.settings).await.unwrap();
    let burst = findings
        .analysis
        .signs
        .iter()
        .find_map(|s| match s {
            Sign::Burst { choices, ballots, expected, .. } if choices == &ATTACK => {
                Some((*ballots, *expected))
            }
            _ => None,
        })
        .expect("the attack is a burst");
    assert!(burst.0 >= 50 && burst.1 < 5.0, "{burst:?}");
    let flagged = findings.analysis.flagged_count();
    assert!((50..=55).contains(&flagged), "{flagged} flagged");
    assert_eq!(h.count("SELECT COUNT(*) FROM ballots").await, 2_050, "nothing is deleted");

    // Without the flagged ballots, T13 falls back from where the attack put it.
    let (before, after) = &findings.rankings[0];
    let place = |r: &consulta::domain::PillarResult| {
        r.proposals.iter().find(|p| p.proposal_id == "T13").map(|p| p.rank).unwrap()
    };
    assert!(place(after) > place(before), "T13: {} then {}", place(before), place(after));

    // The admin's message, within Telegram's limits.
    let mut bot = h.bot(staff_text(SECOND_MODERATOR, "/integridad"));
    bot.dispatch().await;
    let message = plain(&screen_text(&bot));
    assert!(message.contains("Ráfagas"), "{message}");
    assert!(message.contains("Transparencia: T13 › T14 › T12 — "), "{message}");
    assert!(message.contains("Sin las papeletas señaladas"), "{message}");
    assert!(message.contains("Verificación: ninguna"), "{message}");
    // A facilitator has no such command.
    send(&mut bot, staff_text(MODERATOR, "/integridad")).await;
    assert!(!plain(&screen_text(&bot)).contains("Ráfagas"));
    drop(bot);

    // The command line, and the published report, say the same.
    let dir = tempfile::tempdir().unwrap();
    let out = consulta_cli(&["integridad"], dir.path(), &h.url);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("Transparencia: T13 › T14 › T12 — "), "{printed}");
    let files = consulta::report::files(&h.pool, consulta::domain::Lang::Es, &h.settings).await.unwrap();
    let html = String::from_utf8(files[0].bytes.clone()).unwrap();
    assert!(html.contains("Integridad de la consulta"));
    assert!(html.contains("T13 › T14 › T12"), "the sign is in the report");
    for id in ["1000000", "2000000"] {
        assert!(!html.contains(id) && !printed.contains(id), "no Telegram id in the report");
    }
}

#[tokio::test]
async fn an_ordinary_day_of_the_same_size_flags_nothing() {
    for seed in [7, 11] {
        let h = Harness::new().await;
        ordinary_day(&h, seed, 1_000_000, 2_050).await;
        let catalog = db::catalog::load(&h.pool).await.unwrap();
        let findings = consulta::integrity::findings(&h.pool, &catalog, &h.settings).await.unwrap();
        assert_eq!(findings.analysis.ballots, 2_050);
        assert!(findings.analysis.signs.is_empty(), "seed {seed}: {:?}", findings.analysis.signs);
        let text = consulta::integrity::text::message(
            consulta::domain::Lang::Es,
            &catalog,
            h.settings.timezone,
            &findings,
        );
        assert!(plain(&text).contains("No encontramos señales de voto coordinado"), "{text}");
    }
}
