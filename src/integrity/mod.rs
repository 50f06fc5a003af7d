//! The integrity report (`/integridad`, `consulta integridad`, and a section of
//! the published report): the verification mode, signs of coordinated voting
//! with the figures behind each, and how each pillar's ranking would read
//! without the flagged ballots. It flags; it never deletes a vote.

pub mod text;

use crate::{
    config::Settings,
    db,
    domain::{
        Ballot, Catalog, Counts, PillarResult, Unverified, Verification,
        integrity::{Analysis, BallotRecord, Thresholds, analyse},
        tally,
        tally::{ChannelCounts, count_ballots},
    },
    error::Result,
};
use sqlx::SqlitePool;

/// What the report says, computed once for every way it is shown.
#[derive(Debug, Clone)]
pub struct Findings {
    pub verification: Verification,
    pub unverified: Unverified,
    /// Accounts with a verified number, and distinct numbers among them.
    pub verified_accounts: u64,
    pub verified_numbers: u64,
    pub thresholds: Thresholds,
    pub analysis: Analysis,
    /// Each pillar's ranking as published, and without the flagged ballots.
    pub rankings: Vec<(PillarResult, PillarResult)>,
}

impl Findings {
    /// The pillars whose first `top` places change without the flagged ballots.
    pub fn changed(&self, top: usize) -> impl Iterator<Item = &(PillarResult, PillarResult)> {
        self.rankings.iter().filter(move |(before, after)| {
            let ids = |r: &PillarResult| -> Vec<String> {
                r.proposals.iter().take(top).map(|p| p.proposal_id.clone()).collect()
            };
            ids(before) != ids(after)
        })
    }
}

/// Reads every virtual ballot (without account ids) and looks for signs.
pub async fn findings(pool: &SqlitePool, catalog: &Catalog, settings: &Settings) -> Result<Findings> {
    let counts = db::ballots::channel_counts(pool).await?;
    findings_from(pool, catalog, settings, &counts).await
}

/// [`findings`] with the channels' counts already read (the report reads them
/// for its own figures).
pub async fn findings_from(
    pool: &SqlitePool,
    catalog: &Catalog,
    settings: &Settings,
    counts: &ChannelCounts,
) -> Result<Findings> {
    let records = db::integrity::records(pool).await?;
    let thresholds = Thresholds::default();
    let analysis = analyse(&records, &thresholds);
    let (verified_accounts, verified_numbers) = db::verification::counts(pool).await?;
    let published = counts.published(settings.paper_ballots, settings.separates_unverified());
    let flagged = flagged_counts(&records, &analysis);
    let before = tally(catalog, &published.ranks, &published.voters);
    let without = published.minus(&flagged);
    let after = tally(catalog, &without.ranks, &without.voters);
    Ok(Findings {
        verification: settings.verification,
        unverified: settings.unverified,
        verified_accounts,
        verified_numbers,
        thresholds,
        analysis,
        rankings: before.into_iter().zip(after).collect(),
    })
}

/// The rank counts of the flagged ballots alone.
fn flagged_counts(records: &[BallotRecord], analysis: &Analysis) -> Counts {
    let ballots: Vec<Ballot> = records
        .iter()
        .zip(&analysis.flagged)
        .filter(|(_, flagged)| **flagged)
        .map(|(r, _)| Ballot { pillar: r.kind.pillar.clone(), choices: r.kind.choices.clone() })
        .collect();
    let (ranks, voters) = count_ballots(&ballots);
    Counts { ranks, voters }
}
