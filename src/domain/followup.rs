//! Following the Plan de Acción once it is published: the state of each
//! milestone, the progress of a commitment and of the plan, and who speaks in
//! an update (the Comité de Seguimiento Ciudadano or the Alcaldía).
//!
//! **The progress rule** (stated on every card and in the README): a milestone
//! that is done counts its whole weight, one in progress half of it, one not
//! started nothing. A commitment's progress is the weight it has earned over
//! the weight of all its milestones; the plan's is the mean of its
//! commitments' progress (each commitment counts the same). A milestone is
//! *late* when it is not done and its due date has passed, or when the Comité
//! flagged it as late; lateness is shown, it does not change the percentage.

use crate::domain::plan::{Commitment, Milestone, Plan};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What the Alcaldía's staff record about a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::NotStarted, Stage::InProgress, Stage::Done];

    /// The code stored, exported and used by locale keys (`followup-stage-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Stage::NotStarted => "not_started",
            Stage::InProgress => "in_progress",
            Stage::Done => "done",
        }
    }

    pub fn parse(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The share of its weight a milestone in this stage has earned, in halves.
    fn halves(self) -> u64 {
        match self {
            Stage::NotStarted => 0,
            Stage::InProgress => 1,
            Stage::Done => 2,
        }
    }
}

/// A milestone's recorded stage and whether the Comité flagged it as late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MilestoneRecord {
    pub stage: Stage,
    pub flagged_late: bool,
}

/// What a reader is shown for a milestone or a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    InProgress,
    Late,
    Done,
}

impl Status {
    /// The code exported and used by locale keys (`followup-status-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Late => "late",
            Status::Done => "done",
        }
    }

    pub fn icon(self) -> &'static str {
        match self {
            Status::NotStarted => "⚪",
            Status::InProgress => "🔵",
            Status::Late => "🟠",
            Status::Done => "✅",
        }
    }
}

/// The recorded stages of the plan's milestones, by (commitment id, milestone id).
pub type Records = HashMap<(String, String), MilestoneRecord>;

/// A milestone's status on `today`.
pub fn milestone_status(milestone: &Milestone, record: MilestoneRecord, today: NaiveDate) -> Status {
    match record.stage {
        Stage::Done => Status::Done,
        _ if record.flagged_late || milestone.due < today => Status::Late,
        Stage::InProgress => Status::InProgress,
        Stage::NotStarted => Status::NotStarted,
    }
}

/// A commitment's figures on a given day.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitmentProgress {
    /// 0.0 to 100.0.
    pub percent: f64,
    pub status: Status,
    /// Each milestone's status, in the plan's order.
    pub milestones: Vec<Status>,
}

fn record_of(records: &Records, commitment: &Commitment, milestone: &Milestone) -> MilestoneRecord {
    records.get(&(commitment.id.clone(), milestone.id.clone())).copied().unwrap_or_default()
}

/// A commitment's progress: earned weight over all its milestones' weight.
/// Without milestones (or with weights of zero only) it has earned nothing, and
/// it is late once its end date has passed.
pub fn commitment_progress(
    commitment: &Commitment,
    records: &Records,
    today: NaiveDate,
) -> CommitmentProgress {
    let milestones: Vec<Status> = commitment
        .milestones
        .iter()
        .map(|m| milestone_status(m, record_of(records, commitment, m), today))
        .collect();
    let total: u64 = commitment.milestones.iter().map(|m| u64::from(m.weight)).sum();
    let earned_halves: u64 = commitment
        .milestones
        .iter()
        .map(|m| u64::from(m.weight) * record_of(records, commitment, m).stage.halves())
        .sum();
    let percent = if total == 0 { 0.0 } else { earned_halves as f64 * 50.0 / total as f64 };
    let status = if !milestones.is_empty() && milestones.iter().all(|s| *s == Status::Done) {
        Status::Done
    } else if milestones.contains(&Status::Late) || (milestones.is_empty() && commitment.ends < today) {
        Status::Late
    } else if milestones.iter().any(|s| matches!(s, Status::InProgress | Status::Done)) {
        Status::InProgress
    } else {
        Status::NotStarted
    };
    CommitmentProgress { percent, status, milestones }
}

/// The plan's progress: the mean of its commitments' (0 without commitments).
pub fn plan_progress(plan: &Plan, records: &Records, today: NaiveDate) -> f64 {
    if plan.commitments.is_empty() {
        return 0.0;
    }
    let sum: f64 = plan.commitments.iter().map(|c| commitment_progress(c, records, today).percent).sum();
    sum / plan.commitments.len() as f64
}

/// The mean progress of the commitments of one pillar, if it has any.
pub fn pillar_progress(plan: &Plan, pillar: &str, records: &Records, today: NaiveDate) -> Option<f64> {
    let of_pillar: Vec<f64> = plan
        .commitments
        .iter()
        .filter(|c| c.pillar == pillar)
        .map(|c| commitment_progress(c, records, today).percent)
        .collect();
    (!of_pillar.is_empty()).then(|| of_pillar.iter().sum::<f64>() / of_pillar.len() as f64)
}

/// A bar of `width` cells for a percentage, as text: `▰▰▰▱▱▱▱▱▱▱`.
pub fn bar(percent: f64, width: usize) -> String {
    let filled = ((percent.clamp(0.0, 100.0) / 100.0) * width as f64).round() as usize;
    "▰".repeat(filled) + &"▱".repeat(width - filled.min(width))
}

/// Who speaks in an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// The Comité de Seguimiento Ciudadano.
    Comite,
    /// The Alcaldía's staff (facilitators, admins).
    Alcaldia,
}

impl Voice {
    pub fn code(self) -> &'static str {
        match self {
            Voice::Comite => "comite",
            Voice::Alcaldia => "alcaldia",
        }
    }

    pub fn parse(code: &str) -> Option<Voice> {
        [Voice::Comite, Voice::Alcaldia].into_iter().find(|v| v.code() == code)
    }
}

/// What a follower chose to follow.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Followed {
    /// Every commitment of the plan.
    Plan,
    Commitment(String),
}

impl Followed {
    /// The code stored in `follows.target`: `plan` or `c:<commitment id>`.
    pub fn code(&self) -> String {
        match self {
            Followed::Plan => "plan".to_owned(),
            Followed::Commitment(id) => format!("c:{id}"),
        }
    }

    pub fn parse(code: &str) -> Option<Followed> {
        match code {
            "plan" => Some(Followed::Plan),
            _ => code
                .strip_prefix("c:")
                .filter(|id| !id.is_empty())
                .map(|id| Followed::Commitment(id.to_owned())),
        }
    }

    /// Whether following this means hearing about `commitment`.
    pub fn covers(&self, commitment: &str) -> bool {
        match self {
            Followed::Plan => true,
            Followed::Commitment(id) => id == commitment,
        }
    }
}

/// What a follow button is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowTarget {
    Plan,
    Commitment(String),
    /// The commitments that answer the person's priorities.
    Mine,
}

/// The commitments that answer a proposal: the one it is included in, or partly
/// included in, and for a merged proposal those of the proposal it joined.
pub fn commitments_answering<'p>(plan: &'p Plan, proposal: &str) -> Vec<&'p Commitment> {
    let mut ids: Vec<&str> = Vec::new();
    let mut at = proposal.to_owned();
    // A merged proposal is answered with the one it joined (chains are followed, once each).
    for _ in 0..8 {
        if let Some(response) = plan.response(&at) {
            if let Some(c) = response.commitment.as_deref() {
                ids.push(c);
            }
            match response.merged_with.as_deref() {
                Some(next) if next != at => at = next.to_owned(),
                _ => break,
            }
        } else {
            break;
        }
    }
    for c in &plan.commitments {
        if c.answers.iter().any(|a| a == proposal) && !ids.contains(&c.id.as_str()) {
            ids.push(&c.id);
        }
    }
    plan.commitments.iter().filter(|c| ids.contains(&c.id.as_str())).collect()
}

/// Whether `at` (local time) falls in the quiet hours, from 21:00 to 07:00,
/// when nobody is sent news of the plan.
pub fn quiet_hours(at: chrono::NaiveTime) -> bool {
    use chrono::Timelike;
    at.hour() >= 21 || at.hour() < 7
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::{Inclusion, Response};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn milestone(id: &str, due: &str, weight: u32) -> Milestone {
        Milestone { id: id.into(), title: id.into(), title_en: None, due: day(due), weight }
    }

    fn commitment(id: &str, pillar: &str, milestones: Vec<Milestone>) -> Commitment {
        Commitment {
            id: id.into(),
            pillar: pillar.into(),
            title: id.into(),
            title_en: None,
            problem: String::new(),
            commitment: String::new(),
            how: String::new(),
            values: vec![],
            lead: String::new(),
            contact: String::new(),
            starts: day("2027-01-01"),
            ends: day("2027-12-31"),
            answers: vec![],
            milestones,
        }
    }

    fn record(records: &mut Records, c: &str, m: &str, stage: Stage, flagged_late: bool) {
        records.insert((c.into(), m.into()), MilestoneRecord { stage, flagged_late });
    }

    /// A sample plan, computed by hand:
    /// - C1: weights 1, 2, 1; done, in progress, not started → (1 + 1 + 0) / 4 = 50 %;
    /// - C2: weights 3, 1; not started (the second past due on 2027-06-01) → 0 %, late;
    /// - C3: weight 5, done → 100 %, done;
    /// - the plan: (50 + 0 + 100) / 3 = 50 %; pillar t (C1, C3): 75 %; pillar p (C2): 0 %.
    #[test]
    fn progress_on_a_sample_plan_equals_the_hand_computed_figures() {
        let plan = Plan {
            title: "p".into(),
            title_en: None,
            starts: day("2027-01-01"),
            ends: day("2027-12-31"),
            commitments: vec![
                commitment(
                    "C1",
                    "t",
                    vec![
                        milestone("H1", "2027-03-01", 1),
                        milestone("H2", "2027-09-01", 2),
                        milestone("H3", "2027-12-01", 1),
                    ],
                ),
                commitment(
                    "C2",
                    "p",
                    vec![milestone("H1", "2027-09-01", 3), milestone("H2", "2027-05-01", 1)],
                ),
                commitment("C3", "t", vec![milestone("H1", "2027-02-01", 5)]),
            ],
            responses: vec![],
        };
        let today = day("2027-06-01");
        let mut records = Records::new();
        record(&mut records, "C1", "H1", Stage::Done, false);
        record(&mut records, "C1", "H2", Stage::InProgress, false);
        record(&mut records, "C3", "H1", Stage::Done, false);

        let c1 = commitment_progress(&plan.commitments[0], &records, today);
        assert_eq!(c1.percent, 50.0);
        assert_eq!(c1.status, Status::InProgress);
        assert_eq!(c1.milestones, [Status::Done, Status::InProgress, Status::NotStarted]);
        let c2 = commitment_progress(&plan.commitments[1], &records, today);
        assert_eq!((c2.percent, c2.status), (0.0, Status::Late));
        assert_eq!(c2.milestones, [Status::NotStarted, Status::Late]);
        let c3 = commitment_progress(&plan.commitments[2], &records, today);
        assert_eq!((c3.percent, c3.status), (100.0, Status::Done));
        assert_eq!(plan_progress(&plan, &records, today), 50.0);
        assert_eq!(pillar_progress(&plan, "t", &records, today), Some(75.0));
        assert_eq!(pillar_progress(&plan, "p", &records, today), Some(0.0));
        assert_eq!(pillar_progress(&plan, "x", &records, today), None);

        // The Comité flags C1's H2 as late: shown late, the percentage unchanged.
        record(&mut records, "C1", "H2", Stage::InProgress, true);
        let c1 = commitment_progress(&plan.commitments[0], &records, today);
        assert_eq!((c1.percent, c1.status), (50.0, Status::Late));
        // Done wins over a flag.
        record(&mut records, "C1", "H2", Stage::Done, true);
        assert_eq!(commitment_progress(&plan.commitments[0], &records, today).milestones[1], Status::Done);
    }

    #[test]
    fn a_bar_has_its_width_whatever_the_percentage() {
        assert_eq!(bar(50.0, 10), "▰▰▰▰▰▱▱▱▱▱");
        assert_eq!(bar(0.0, 4), "▱▱▱▱");
        assert_eq!(bar(140.0, 4), "▰▰▰▰");
        assert_eq!(bar(-3.0, 4), "▱▱▱▱");
    }

    #[test]
    fn followed_codes_round_trip() {
        for f in [Followed::Plan, Followed::Commitment("C1".into())] {
            assert_eq!(Followed::parse(&f.code()), Some(f));
        }
        assert_eq!(Followed::parse("c:"), None);
        assert_eq!(Followed::parse("x"), None);
    }

    #[test]
    fn a_merged_proposal_is_answered_by_the_commitments_of_the_one_it_joined() {
        let mut c1 = commitment("C1", "t", vec![]);
        c1.answers = vec!["T01".into()];
        let plan = Plan {
            title: "p".into(),
            title_en: None,
            starts: day("2027-01-01"),
            ends: day("2027-12-31"),
            commitments: vec![c1, commitment("C2", "t", vec![])],
            responses: vec![
                Response {
                    proposal: "T01".into(),
                    decision: Inclusion::Incluida,
                    commitment: Some("C1".into()),
                    merged_with: None,
                    reason: None,
                    reason_en: None,
                    implied: true,
                },
                Response {
                    proposal: "T02".into(),
                    decision: Inclusion::Fusionada,
                    commitment: None,
                    merged_with: Some("T01".into()),
                    reason: Some("r".into()),
                    reason_en: None,
                    implied: false,
                },
                Response {
                    proposal: "T03".into(),
                    decision: Inclusion::NoIncluida,
                    commitment: None,
                    merged_with: None,
                    reason: Some("r".into()),
                    reason_en: None,
                    implied: false,
                },
            ],
        };
        let ids = |p: &str| commitments_answering(&plan, p).iter().map(|c| c.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids("T01"), ["C1"]);
        assert_eq!(ids("T02"), ["C1"]);
        assert!(ids("T03").is_empty());
    }

    #[test]
    fn quiet_hours_run_from_nine_at_night_to_seven_in_the_morning() {
        let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert!(
            quiet_hours(t(21, 0)) && quiet_hours(t(23, 59)) && quiet_hours(t(0, 0)) && quiet_hours(t(6, 59))
        );
        assert!(!quiet_hours(t(7, 0)) && !quiet_hours(t(20, 59)));
    }
}
