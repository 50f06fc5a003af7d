//! A citizen's ranked priorities in one pillar: the draft being built and the
//! ballot that gets stored.

use crate::domain::Catalog;
use serde::{Deserialize, Serialize};

/// A stored ballot: proposal ids in order of priority (first = most important).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub pillar: String,
    pub choices: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotError {
    UnknownPillar,
    /// The proposal does not exist, is withdrawn, or belongs to another pillar.
    UnavailableProposal(String),
    AlreadyChosen(String),
    Full,
    Empty,
}

/// The ballot a citizen is building, kept in the dialogue state between taps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DraftBallot {
    pub pillar: String,
    pub picks: Vec<String>,
}

impl DraftBallot {
    pub fn new(pillar: impl Into<String>) -> DraftBallot {
        DraftBallot { pillar: pillar.into(), picks: Vec::new() }
    }

    /// Adds the next priority after checking it against the current catalog.
    pub fn pick(&mut self, catalog: &Catalog, proposal_id: &str) -> Result<(), BallotError> {
        check_available(catalog, &self.pillar, proposal_id)?;
        if self.picks.iter().any(|p| p == proposal_id) {
            return Err(BallotError::AlreadyChosen(proposal_id.to_string()));
        }
        if self.picks.len() >= catalog.priorities_in(&self.pillar) {
            return Err(BallotError::Full);
        }
        self.picks.push(proposal_id.to_string());
        Ok(())
    }

    /// Removes the last priority; returns whether there was one.
    pub fn undo(&mut self) -> bool {
        self.picks.pop().is_some()
    }

    pub fn is_full(&self, catalog: &Catalog) -> bool {
        self.picks.len() >= catalog.priorities_in(&self.pillar)
    }

    /// Drops picks the catalog no longer offers (a proposal withdrawn while the
    /// citizen was voting); returns the ids dropped.
    pub fn prune(&mut self, catalog: &Catalog) -> Vec<String> {
        let (keep, dropped): (Vec<_>, Vec<_>) = std::mem::take(&mut self.picks)
            .into_iter()
            .partition(|id| check_available(catalog, &self.pillar, id).is_ok());
        self.picks = keep;
        dropped
    }

    /// Turns the draft into a ballot that can be stored, re-checking every rule.
    pub fn finish(&self, catalog: &Catalog) -> Result<Ballot, BallotError> {
        Ballot::new(catalog, &self.pillar, self.picks.clone())
    }
}

impl Ballot {
    pub fn new(catalog: &Catalog, pillar: &str, choices: Vec<String>) -> Result<Ballot, BallotError> {
        if catalog.pillar(pillar).is_none() {
            return Err(BallotError::UnknownPillar);
        }
        if choices.is_empty() {
            return Err(BallotError::Empty);
        }
        if choices.len() > catalog.priorities_in(pillar) {
            return Err(BallotError::Full);
        }
        for (i, id) in choices.iter().enumerate() {
            check_available(catalog, pillar, id)?;
            if choices[..i].contains(id) {
                return Err(BallotError::AlreadyChosen(id.clone()));
            }
        }
        Ok(Ballot { pillar: pillar.to_string(), choices })
    }
}

fn check_available(catalog: &Catalog, pillar: &str, proposal_id: &str) -> Result<(), BallotError> {
    if catalog.pillar(pillar).is_none() {
        return Err(BallotError::UnknownPillar);
    }
    match catalog.proposal(proposal_id) {
        Some(p) if p.pillar == pillar && !p.withdrawn => Ok(()),
        _ => Err(BallotError::UnavailableProposal(proposal_id.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{Consultation, Pillar, Proposal};

    fn catalog() -> Catalog {
        let proposal = |id: &str, pillar: &str, withdrawn| Proposal {
            id: id.into(),
            pillar: pillar.into(),
            title: id.into(),
            title_en: None,
            text: id.into(),
            problem: None,
            source: "Mesa".into(),
            from_idea: false,
            withdrawn,
        };
        let pillar = |key: &str| Pillar {
            key: key.into(),
            name: key.into(),
            summary: key.into(),
            name_en: None,
            summary_en: None,
        };
        Catalog {
            consultation: Consultation {
                id: "c".into(),
                title: "c".into(),
                title_en: None,
                city: "c".into(),
                opens_at: None,
                closes_at: None,
                max_priorities: 2,
                data_controller: None,
                privacy_contact: None,
                phone_prefixes: Vec::new(),
            },
            pillars: vec![pillar("a"), pillar("b")],
            proposals: vec![
                proposal("A1", "a", false),
                proposal("A2", "a", false),
                proposal("A3", "a", false),
                proposal("A4", "a", true),
                proposal("B1", "b", false),
            ],
            territory: Default::default(),
            sectors: Vec::new(),
            age_ranges: Vec::new(),
            voting_points: Vec::new(),
        }
    }

    #[test]
    fn picks_build_in_order_up_to_the_limit() {
        let c = catalog();
        let mut d = DraftBallot::new("a");
        d.pick(&c, "A2").unwrap();
        d.pick(&c, "A1").unwrap();
        assert_eq!(d.pick(&c, "A3"), Err(BallotError::Full));
        assert_eq!(d.picks, vec!["A2", "A1"]);
        assert!(d.is_full(&c));
        assert!(d.undo());
        assert_eq!(d.picks, vec!["A2"]);
    }

    #[test]
    fn a_pick_from_another_pillar_a_withdrawn_or_a_repeated_one_is_refused() {
        let c = catalog();
        let mut d = DraftBallot::new("a");
        assert_eq!(d.pick(&c, "B1"), Err(BallotError::UnavailableProposal("B1".into())));
        assert_eq!(d.pick(&c, "A4"), Err(BallotError::UnavailableProposal("A4".into())));
        assert_eq!(d.pick(&c, "nope"), Err(BallotError::UnavailableProposal("nope".into())));
        d.pick(&c, "A1").unwrap();
        assert_eq!(d.pick(&c, "A1"), Err(BallotError::AlreadyChosen("A1".into())));
        assert_eq!(DraftBallot::new("zz").pick(&c, "A1"), Err(BallotError::UnknownPillar));
    }

    #[test]
    fn the_limit_is_capped_by_the_pillar_size() {
        let c = catalog();
        let mut d = DraftBallot::new("b");
        d.pick(&c, "B1").unwrap();
        assert!(d.is_full(&c));
    }

    #[test]
    fn an_empty_draft_cannot_be_finished_and_withdrawn_picks_are_pruned() {
        let mut c = catalog();
        let mut d = DraftBallot::new("a");
        assert_eq!(d.finish(&c), Err(BallotError::Empty));
        d.pick(&c, "A1").unwrap();
        d.pick(&c, "A2").unwrap();
        c.proposals[0].withdrawn = true;
        assert!(d.finish(&c).is_err());
        assert_eq!(d.prune(&c), vec!["A1".to_string()]);
        assert_eq!(d.finish(&c).unwrap().choices, vec!["A2"]);
    }
}
