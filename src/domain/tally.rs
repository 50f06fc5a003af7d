//! Per-pillar results from stored ballots: a Borda count with tie-breaks.

use crate::domain::{Ballot, Catalog};
use std::collections::HashMap;

/// How many ballots put a proposal at a given rank (1 = first choice). This is
/// what the database aggregates, so the tally never needs every row in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankCount {
    pub proposal_id: String,
    pub rank: u32,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalResult {
    pub proposal_id: String,
    pub title: String,
    pub source: String,
    /// `max_priorities` points for a first choice, down to 1.
    pub points: u64,
    pub first_choices: u64,
    pub times_chosen: u64,
    /// 1-based position in the pillar after tie-breaks.
    pub rank: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PillarResult {
    pub pillar: String,
    pub name: String,
    /// Citizens with a ballot in this pillar.
    pub voters: u64,
    pub proposals: Vec<ProposalResult>,
}

/// Aggregates ballots into rank counts and voters per pillar.
pub fn count_ballots(ballots: &[Ballot]) -> (Vec<RankCount>, HashMap<String, u64>) {
    let mut counts: HashMap<(String, u32), u64> = HashMap::new();
    let mut voters: HashMap<String, u64> = HashMap::new();
    for ballot in ballots {
        *voters.entry(ballot.pillar.clone()).or_default() += 1;
        for (i, id) in ballot.choices.iter().enumerate() {
            *counts.entry((id.clone(), i as u32 + 1)).or_default() += 1;
        }
    }
    let counts = counts
        .into_iter()
        .map(|((proposal_id, rank), count)| RankCount { proposal_id, rank, count })
        .collect();
    (counts, voters)
}

/// Results for every pillar of the catalog, in catalog order. Every active proposal
/// appears, with zeros if nobody chose it; withdrawn proposals are left out, while
/// the ballots that named them still count as voters of the pillar.
pub fn tally(catalog: &Catalog, counts: &[RankCount], voters: &HashMap<String, u64>) -> Vec<PillarResult> {
    let max = u64::from(catalog.consultation.max_priorities);
    let mut by_proposal: HashMap<&str, (u64, u64, u64)> = HashMap::new();
    for c in counts {
        let entry = by_proposal.entry(c.proposal_id.as_str()).or_default();
        entry.0 += max.saturating_sub(u64::from(c.rank).saturating_sub(1)) * c.count;
        if c.rank == 1 {
            entry.1 += c.count;
        }
        entry.2 += c.count;
    }
    catalog
        .pillars
        .iter()
        .map(|pillar| {
            let mut proposals: Vec<ProposalResult> = catalog
                .active_in(&pillar.key)
                .into_iter()
                .map(|p| {
                    let (points, first_choices, times_chosen) =
                        by_proposal.get(p.id.as_str()).copied().unwrap_or_default();
                    ProposalResult {
                        proposal_id: p.id.clone(),
                        title: p.title.clone(),
                        source: p.source.clone(),
                        points,
                        first_choices,
                        times_chosen,
                        rank: 0,
                    }
                })
                .collect();
            proposals.sort_by(|a, b| {
                b.points
                    .cmp(&a.points)
                    .then(b.first_choices.cmp(&a.first_choices))
                    .then(a.proposal_id.cmp(&b.proposal_id))
            });
            for (i, p) in proposals.iter_mut().enumerate() {
                p.rank = i + 1;
            }
            PillarResult {
                pillar: pillar.key.clone(),
                name: pillar.name.clone(),
                voters: voters.get(&pillar.key).copied().unwrap_or(0),
                proposals,
            }
        })
        .collect()
}
