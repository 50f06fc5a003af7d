//! Per-pillar results from stored ballots: a Borda count with tie-breaks.

use crate::domain::{
    Ballot, Catalog,
    paper::{Channel, PaperBallots},
};
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

/// What one set of ballots gives the tally: rank counts and voters per pillar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub ranks: Vec<RankCount>,
    pub voters: HashMap<String, u64>,
}

impl Counts {
    /// Both sets of ballots together (a ballot is in one channel only).
    pub fn plus(&self, other: &Counts) -> Counts {
        let mut ranks: HashMap<(String, u32), u64> = HashMap::new();
        for c in self.ranks.iter().chain(&other.ranks) {
            *ranks.entry((c.proposal_id.clone(), c.rank)).or_default() += c.count;
        }
        let mut voters = self.voters.clone();
        for (pillar, n) in &other.voters {
            *voters.entry(pillar.clone()).or_default() += n;
        }
        let mut ranks: Vec<RankCount> = ranks
            .into_iter()
            .map(|((proposal_id, rank), count)| RankCount { proposal_id, rank, count })
            .collect();
        ranks.sort_by(|a, b| a.proposal_id.cmp(&b.proposal_id).then(a.rank.cmp(&b.rank)));
        Counts { ranks, voters }
    }

    /// These counts without `part`'s, a subset of them (the flagged ballots of
    /// the integrity report, or the unverified ones).
    pub fn minus(&self, part: &Counts) -> Counts {
        let mut ranks: HashMap<(String, u32), u64> =
            self.ranks.iter().map(|c| ((c.proposal_id.clone(), c.rank), c.count)).collect();
        for c in &part.ranks {
            if let Some(n) = ranks.get_mut(&(c.proposal_id.clone(), c.rank)) {
                *n = n.saturating_sub(c.count);
            }
        }
        let mut voters = self.voters.clone();
        for (pillar, n) in &part.voters {
            if let Some(v) = voters.get_mut(pillar) {
                *v = v.saturating_sub(*n);
            }
        }
        let mut ranks: Vec<RankCount> = ranks
            .into_iter()
            .filter(|(_, count)| *count > 0)
            .map(|((proposal_id, rank), count)| RankCount { proposal_id, rank, count })
            .collect();
        ranks.sort_by(|a, b| a.proposal_id.cmp(&b.proposal_id).then(a.rank.cmp(&b.rank)));
        Counts { ranks, voters }
    }

    pub fn voters_in(&self, pillar: &str) -> u64 {
        self.voters.get(pillar).copied().unwrap_or(0)
    }
}

/// The counts of each channel, read from stored ballot rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChannelCounts {
    pub virtual_: Counts,
    pub presencial: Counts,
    /// The virtual ballots of accounts without a verified number, when the
    /// consultation verifies phones (`None` when no number was ever verified).
    pub unverified: Option<Counts>,
}

impl ChannelCounts {
    pub fn channel(&self, channel: Channel) -> &Counts {
        match channel {
            Channel::Virtual => &self.virtual_,
            Channel::Presencial => &self.presencial,
        }
    }

    pub fn total(&self) -> Counts {
        self.virtual_.plus(&self.presencial)
    }

    /// What published rankings count, per `CONSULTA_PAPER_BALLOTS`, and, with
    /// `unverified_apart` (`CONSULTA_UNVERIFIED=separate`), without the
    /// virtual ballots of accounts that did not verify their number.
    pub fn published(&self, setting: PaperBallots, unverified_apart: bool) -> Counts {
        let virtual_ = match (&self.unverified, unverified_apart) {
            (Some(unverified), true) => self.virtual_.minus(unverified),
            _ => self.virtual_.clone(),
        };
        match setting {
            PaperBallots::Include => virtual_.plus(&self.presencial),
            PaperBallots::Separate => virtual_,
        }
    }

    /// The virtual ballots of verified numbers, and of the others, when any
    /// number was verified.
    pub fn verification(&self) -> Option<(Counts, &Counts)> {
        self.unverified.as_ref().map(|u| (self.virtual_.minus(u), u))
    }

    /// Paper ballots, all pillars together.
    pub fn paper_ballots(&self) -> u64 {
        self.presencial.voters.values().sum()
    }
}

/// Results of every channel and of their total, each in catalog order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelResults {
    pub total: Vec<PillarResult>,
    pub virtual_: Vec<PillarResult>,
    pub presencial: Vec<PillarResult>,
    /// The virtual results of verified numbers and of the others, when any
    /// number was verified.
    pub verification: Option<(Vec<PillarResult>, Vec<PillarResult>)>,
}

impl ChannelResults {
    pub fn new(catalog: &Catalog, counts: &ChannelCounts) -> ChannelResults {
        let of = |c: &Counts| tally(catalog, &c.ranks, &c.voters);
        ChannelResults {
            total: of(&counts.total()),
            virtual_: of(&counts.virtual_),
            presencial: of(&counts.presencial),
            verification: counts.verification().map(|(verified, unverified)| (of(&verified), of(unverified))),
        }
    }

    pub fn channel(&self, channel: Channel) -> &[PillarResult] {
        match channel {
            Channel::Virtual => &self.virtual_,
            Channel::Presencial => &self.presencial,
        }
    }
}
