//! The callback-data codec: every button's payload, with namespaced prefixes and
//! parse/encode pairs. Payloads stay under Telegram's 64 bytes because pillar keys
//! and proposal ids are short ASCII codes (checked by the catalog).

use crate::domain::{
    Audience, Lang, ProfileField, RejectReason,
    followup::{FollowTarget, Stage},
};

pub const MAX_CALLBACK_BYTES: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Consent(bool),
    Privacy,
    /// The privacy notice in full (`Privacy` is its short first layer).
    PrivacyFull,
    /// Hear the recording of a text, in one's language.
    Listen(crate::domain::recording::Target),
    /// Show a profile question.
    Question(ProfileField),
    /// Answer a profile question; `None` skips it.
    Answer(ProfileField, Option<String>),
    /// A minor answers whether a parent or guardian authorised them, for the
    /// age range they chose.
    Guardian {
        age: String,
        yes: bool,
    },
    Menu,
    Pillar {
        pillar: String,
        page: u8,
    },
    Proposal {
        id: String,
        page: u8,
    },
    StartVote {
        pillar: String,
    },
    /// Start voting in the first pillar without a ballot yet.
    VoteNext,
    VotePage {
        pillar: String,
        page: u8,
    },
    Pick {
        pillar: String,
        id: String,
        page: u8,
    },
    Undo {
        pillar: String,
        page: u8,
    },
    Confirm {
        pillar: String,
    },
    CancelVote {
        pillar: String,
    },
    MyVotes,
    Language(Lang),
    Erase(bool),
    Help,
    /// Start writing an idea, for a pillar or choosing one first.
    IdeaStart {
        pillar: Option<String>,
    },
    IdeaSkipProblem,
    IdeaSubmit,
    IdeaEditText,
    IdeaEditProblem,
    IdeaCancel,
    MyIdeas,
    /// The plan's overview (`/plan`).
    Plan,
    /// A commitment's card.
    PlanCommitment {
        id: String,
    },
    /// Follow; `accept`: the updated privacy notice was accepted on the way.
    Follow {
        target: FollowTarget,
        accept: bool,
    },
    Unfollow {
        target: FollowTarget,
    },
}

/// The buttons only facilitators and admins get. Their handlers sit behind the
/// staff filter node of the handler tree, so to anyone else these payloads are
/// unknown buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffAction {
    // Moderation.
    ModShow(i64),
    ModNext,
    ModApprove(i64),
    ModPromote(i64),
    ModMergeList {
        idea: i64,
        page: u8,
    },
    ModMerge {
        idea: i64,
        proposal: String,
    },
    ModRejectMenu(i64),
    ModReject {
        idea: i64,
        reason: RejectReason,
    },
    ModTranscribe(i64),
    // Broadcasts.
    BcAudience {
        id: i64,
        audience: Audience,
    },
    BcSend(i64),
    BcDiscard(i64),
    BcStop(i64),
    BcList,
    // Paper ballots (`/papeleta`).
    /// Enter sheets at this voting point.
    PaperPoint(String),
    /// Show the voting points to choose another.
    PaperChangePoint,
    /// The current sheet's pillar.
    PaperPillar(String),
    /// The next choice, in the order written on the sheet.
    PaperPick(String),
    /// Remove the last choice.
    PaperUnpick,
    /// The sheet has fewer choices than allowed: on to the profile.
    PaperChoicesDone,
    /// The sheet's answer to a profile question; `None`: not on the sheet.
    PaperAnswer(ProfileField, Option<String>),
    PaperSave,
    /// Discard the sheet being entered.
    PaperCancel,
    /// Remove the stored sheet with this id (the last one entered).
    PaperUndo(i64),
    // The plan's follow-up, as the Alcaldía.
    /// Write a progress note on a commitment.
    PlanNote(String),
    /// Choose which of a commitment's milestones moved.
    PlanMilestones(String),
    /// A milestone is now at this stage.
    PlanStage {
        commitment: String,
        milestone: String,
        stage: Stage,
    },
    /// Make the progress piece (an image and a short text) to send.
    PlanPiece,
    // Recordings (`/grabar`).
    /// The list of what can be recorded.
    RecordMenu,
    /// A pillar's summary and proposals, to choose one.
    RecordPillar(String),
    /// Record this text: the next voice note is its recording.
    RecordTarget(crate::domain::recording::Target),
    /// Keep the voice note just heard back.
    RecordKeep,
    /// Record it again.
    RecordRedo,
    RecordCancel,
}

/// The buttons only the Comité de Seguimiento's members get, behind their node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComiteAction {
    /// Write an observation on a commitment.
    Note(String),
    /// Choose a milestone to flag as late.
    LatePick(String),
    Late {
        commitment: String,
        milestone: String,
    },
}

fn stage_code(stage: Stage) -> &'static str {
    match stage {
        Stage::NotStarted => "n",
        Stage::InProgress => "i",
        Stage::Done => "d",
    }
}

fn parse_stage(s: &str) -> Option<Stage> {
    match s {
        "n" => Some(Stage::NotStarted),
        "i" => Some(Stage::InProgress),
        "d" => Some(Stage::Done),
        _ => None,
    }
}

impl ComiteAction {
    pub fn encode(&self) -> String {
        match self {
            ComiteAction::Note(c) => format!("zn:{c}"),
            ComiteAction::LatePick(c) => format!("zl:{c}"),
            ComiteAction::Late { commitment, milestone } => format!("zt:{commitment}:{milestone}"),
        }
    }

    pub fn parse(data: &str) -> Option<ComiteAction> {
        if data.len() > MAX_CALLBACK_BYTES {
            return None;
        }
        let parts: Vec<&str> = data.split(':').collect();
        Some(match parts.as_slice() {
            ["zn", c] => ComiteAction::Note(plan_id(c)?),
            ["zl", c] => ComiteAction::LatePick(plan_id(c)?),
            ["zt", c, m] => ComiteAction::Late { commitment: plan_id(c)?, milestone: plan_id(m)? },
            _ => return None,
        })
    }
}

impl Payload for ComiteAction {
    fn encode(&self) -> String {
        ComiteAction::encode(self)
    }
}

/// The buttons only admins get, behind the admin filter node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminAction {
    /// Publish this version of the plan (and send each participant their message).
    PlanPublish { version: i64 },
}

impl AdminAction {
    pub fn encode(&self) -> String {
        match self {
            AdminAction::PlanPublish { version } => format!("ap:{version}"),
        }
    }

    pub fn parse(data: &str) -> Option<AdminAction> {
        if data.len() > MAX_CALLBACK_BYTES {
            return None;
        }
        let parts: Vec<&str> = data.split(':').collect();
        Some(match parts.as_slice() {
            ["ap", v] => AdminAction::PlanPublish { version: idea(v)? },
            _ => return None,
        })
    }
}

impl Payload for AdminAction {
    fn encode(&self) -> String {
        AdminAction::encode(self)
    }
}

/// What a button carries, for `ui::button`.
pub trait Payload {
    fn encode(&self) -> String;
}

impl Payload for Action {
    fn encode(&self) -> String {
        Action::encode(self)
    }
}

impl Payload for StaffAction {
    fn encode(&self) -> String {
        StaffAction::encode(self)
    }
}

impl Action {
    pub fn encode(&self) -> String {
        match self {
            Action::Consent(yes) => format!("c:{}", yn(*yes)),
            Action::Privacy => "pv".into(),
            Action::PrivacyFull => "pf".into(),
            Action::Listen(target) => format!("ls:{}", target.code()),
            Action::Question(f) => format!("pq:{}", f.code()),
            Action::Answer(f, code) => format!("pa:{}:{}", f.code(), code.as_deref().unwrap_or("-")),
            Action::Guardian { age, yes } => format!("g:{age}:{}", yn(*yes)),
            Action::Menu => "m".into(),
            Action::Pillar { pillar, page } => format!("p:{pillar}:{page}"),
            Action::Proposal { id, page } => format!("d:{id}:{page}"),
            Action::StartVote { pillar } => format!("v:{pillar}"),
            Action::VoteNext => "vn".into(),
            Action::VotePage { pillar, page } => format!("vg:{pillar}:{page}"),
            Action::Pick { pillar, id, page } => format!("vp:{pillar}:{id}:{page}"),
            Action::Undo { pillar, page } => format!("vu:{pillar}:{page}"),
            Action::Confirm { pillar } => format!("vc:{pillar}"),
            Action::CancelVote { pillar } => format!("vx:{pillar}"),
            Action::MyVotes => "mv".into(),
            Action::Language(lang) => format!("l:{}", lang.code()),
            Action::Erase(yes) => format!("e:{}", yn(*yes)),
            Action::Help => "h".into(),
            Action::IdeaStart { pillar: None } => "i".into(),
            Action::IdeaStart { pillar: Some(k) } => format!("i:{k}"),
            Action::IdeaSkipProblem => "is".into(),
            Action::IdeaSubmit => "ic".into(),
            Action::IdeaEditText => "ie".into(),
            Action::IdeaEditProblem => "ip".into(),
            Action::IdeaCancel => "ix".into(),
            Action::MyIdeas => "mi".into(),
            Action::Plan => "pl".into(),
            Action::PlanCommitment { id } => format!("pc:{id}"),
            Action::Follow { target, accept } => format!("fw:{}:{}", target_code(target), yn(*accept)),
            Action::Unfollow { target } => format!("uf:{}", target_code(target)),
        }
    }

    /// Parses callback data; anything malformed or forged is `None`.
    pub fn parse(data: &str) -> Option<Action> {
        if data.len() > MAX_CALLBACK_BYTES {
            return None;
        }
        let parts: Vec<&str> = data.split(':').collect();
        Some(match parts.as_slice() {
            ["c", v] => Action::Consent(parse_yn(v)?),
            ["pv"] => Action::Privacy,
            ["pf"] => Action::PrivacyFull,
            ["ls", t] => Action::Listen(crate::domain::recording::Target::parse(t)?),
            ["pq", f] => Action::Question(ProfileField::from_code(f)?),
            ["pa", f, "-"] => Action::Answer(ProfileField::from_code(f)?, None),
            ["pa", f, v] => {
                let field = ProfileField::from_code(f)?;
                // Whether the catalog offers this answer is checked where it is stored.
                crate::domain::catalog::is_choice_code(v)
                    .then(|| Action::Answer(field, Some(v.to_string())))?
            }
            ["g", a, v] => Action::Guardian { age: code(a)?, yes: parse_yn(v)? },
            ["m"] => Action::Menu,
            ["p", k, n] => Action::Pillar { pillar: code(k)?, page: page(n)? },
            ["d", id, n] => Action::Proposal { id: code(id)?, page: page(n)? },
            ["v", k] => Action::StartVote { pillar: code(k)? },
            ["vn"] => Action::VoteNext,
            ["vg", k, n] => Action::VotePage { pillar: code(k)?, page: page(n)? },
            ["vp", k, id, n] => Action::Pick { pillar: code(k)?, id: code(id)?, page: page(n)? },
            ["vu", k, n] => Action::Undo { pillar: code(k)?, page: page(n)? },
            ["vc", k] => Action::Confirm { pillar: code(k)? },
            ["vx", k] => Action::CancelVote { pillar: code(k)? },
            ["mv"] => Action::MyVotes,
            ["l", l] => Action::Language(Lang::from_code(l)?),
            ["e", v] => Action::Erase(parse_yn(v)?),
            ["h"] => Action::Help,
            ["i"] => Action::IdeaStart { pillar: None },
            ["i", k] => Action::IdeaStart { pillar: Some(code(k)?) },
            ["is"] => Action::IdeaSkipProblem,
            ["ic"] => Action::IdeaSubmit,
            ["ie"] => Action::IdeaEditText,
            ["ip"] => Action::IdeaEditProblem,
            ["ix"] => Action::IdeaCancel,
            ["mi"] => Action::MyIdeas,
            ["pl"] => Action::Plan,
            ["pc", id] => Action::PlanCommitment { id: plan_id(id)? },
            ["fw", "p", v] => Action::Follow { target: FollowTarget::Plan, accept: parse_yn(v)? },
            ["fw", "m", v] => Action::Follow { target: FollowTarget::Mine, accept: parse_yn(v)? },
            ["fw", "c", id, v] => {
                Action::Follow { target: FollowTarget::Commitment(plan_id(id)?), accept: parse_yn(v)? }
            }
            ["uf", "p"] => Action::Unfollow { target: FollowTarget::Plan },
            ["uf", "m"] => Action::Unfollow { target: FollowTarget::Mine },
            ["uf", "c", id] => Action::Unfollow { target: FollowTarget::Commitment(plan_id(id)?) },
            _ => return None,
        })
    }
}

impl StaffAction {
    pub fn encode(&self) -> String {
        match self {
            StaffAction::ModShow(id) => format!("mo:{id}"),
            StaffAction::ModNext => "mn".into(),
            StaffAction::ModApprove(id) => format!("ma:{id}"),
            StaffAction::ModPromote(id) => format!("mp:{id}"),
            StaffAction::ModMergeList { idea, page } => format!("mm:{idea}:{page}"),
            StaffAction::ModMerge { idea, proposal } => format!("mg:{idea}:{proposal}"),
            StaffAction::ModRejectMenu(id) => format!("mx:{id}"),
            StaffAction::ModReject { idea, reason } => format!("mr:{idea}:{}", reason.code()),
            StaffAction::ModTranscribe(id) => format!("mt:{id}"),
            StaffAction::BcAudience { id, audience } => format!("ba:{id}:{}", audience.code()),
            StaffAction::BcSend(id) => format!("bs:{id}"),
            StaffAction::BcDiscard(id) => format!("bd:{id}"),
            StaffAction::BcStop(id) => format!("bx:{id}"),
            StaffAction::BcList => "bl".into(),
            StaffAction::PaperPoint(code) => format!("qp:{code}"),
            StaffAction::PaperChangePoint => "qc".into(),
            StaffAction::PaperPillar(key) => format!("ql:{key}"),
            StaffAction::PaperPick(id) => format!("qk:{id}"),
            StaffAction::PaperUnpick => "qu".into(),
            StaffAction::PaperChoicesDone => "qd".into(),
            StaffAction::PaperAnswer(f, code) => {
                format!("qa:{}:{}", f.code(), code.as_deref().unwrap_or("-"))
            }
            StaffAction::PaperSave => "qs".into(),
            StaffAction::PaperCancel => "qx".into(),
            StaffAction::PaperUndo(id) => format!("qz:{id}"),
            StaffAction::PlanNote(c) => format!("yn:{c}"),
            StaffAction::PlanMilestones(c) => format!("ym:{c}"),
            StaffAction::PlanStage { commitment, milestone, stage } => {
                format!("ys:{commitment}:{milestone}:{}", stage_code(*stage))
            }
            StaffAction::PlanPiece => "yp".into(),
            StaffAction::RecordMenu => "rm".into(),
            StaffAction::RecordPillar(key) => format!("rp:{key}"),
            StaffAction::RecordTarget(target) => format!("rt:{}", target.code()),
            StaffAction::RecordKeep => "rk".into(),
            StaffAction::RecordRedo => "rr".into(),
            StaffAction::RecordCancel => "rx".into(),
        }
    }

    /// Parses a staff button's data; anything else is `None`.
    pub fn parse(data: &str) -> Option<StaffAction> {
        if data.len() > MAX_CALLBACK_BYTES {
            return None;
        }
        let parts: Vec<&str> = data.split(':').collect();
        Some(match parts.as_slice() {
            ["mo", n] => StaffAction::ModShow(idea(n)?),
            ["mn"] => StaffAction::ModNext,
            ["ma", n] => StaffAction::ModApprove(idea(n)?),
            ["mp", n] => StaffAction::ModPromote(idea(n)?),
            ["mm", n, p] => StaffAction::ModMergeList { idea: idea(n)?, page: page(p)? },
            ["mg", n, id] => StaffAction::ModMerge { idea: idea(n)?, proposal: code(id)? },
            ["mx", n] => StaffAction::ModRejectMenu(idea(n)?),
            ["mr", n, r] => StaffAction::ModReject { idea: idea(n)?, reason: RejectReason::from_code(r)? },
            ["mt", n] => StaffAction::ModTranscribe(idea(n)?),
            ["ba", n, a] => StaffAction::BcAudience { id: idea(n)?, audience: Audience::from_code(a)? },
            ["bs", n] => StaffAction::BcSend(idea(n)?),
            ["bd", n] => StaffAction::BcDiscard(idea(n)?),
            ["bx", n] => StaffAction::BcStop(idea(n)?),
            ["bl"] => StaffAction::BcList,
            ["qp", c] => StaffAction::PaperPoint(code(c)?),
            ["qc"] => StaffAction::PaperChangePoint,
            ["ql", k] => StaffAction::PaperPillar(code(k)?),
            ["qk", id] => StaffAction::PaperPick(code(id)?),
            ["qu"] => StaffAction::PaperUnpick,
            ["qd"] => StaffAction::PaperChoicesDone,
            ["qa", f, "-"] => StaffAction::PaperAnswer(ProfileField::from_code(f)?, None),
            ["qa", f, v] => {
                let field = ProfileField::from_code(f)?;
                // Whether the catalog offers this answer is checked where it is used.
                crate::domain::catalog::is_choice_code(v)
                    .then(|| StaffAction::PaperAnswer(field, Some(v.to_string())))?
            }
            ["qs"] => StaffAction::PaperSave,
            ["qx"] => StaffAction::PaperCancel,
            ["qz", n] => StaffAction::PaperUndo(idea(n)?),
            ["yn", c] => StaffAction::PlanNote(plan_id(c)?),
            ["ym", c] => StaffAction::PlanMilestones(plan_id(c)?),
            ["yp"] => StaffAction::PlanPiece,
            ["rm"] => StaffAction::RecordMenu,
            ["rp", k] => StaffAction::RecordPillar(code(k)?),
            ["rt", t] => StaffAction::RecordTarget(crate::domain::recording::Target::parse(t)?),
            ["rk"] => StaffAction::RecordKeep,
            ["rr"] => StaffAction::RecordRedo,
            ["rx"] => StaffAction::RecordCancel,
            ["ys", c, m, s] => StaffAction::PlanStage {
                commitment: plan_id(c)?,
                milestone: plan_id(m)?,
                stage: parse_stage(s)?,
            },
            _ => return None,
        })
    }

    /// One of each variant, for tests that must cover every staff button.
    pub fn samples() -> Vec<StaffAction> {
        vec![
            StaffAction::ModShow(1),
            StaffAction::ModNext,
            StaffAction::ModApprove(1),
            StaffAction::ModPromote(1),
            StaffAction::ModMergeList { idea: 1, page: 0 },
            StaffAction::ModMerge { idea: 1, proposal: "T01".into() },
            StaffAction::ModRejectMenu(1),
            StaffAction::ModReject { idea: 1, reason: RejectReason::Duplicate },
            StaffAction::ModTranscribe(1),
            StaffAction::BcAudience { id: 1, audience: Audience::Everyone },
            StaffAction::BcSend(1),
            StaffAction::BcDiscard(1),
            StaffAction::BcStop(1),
            StaffAction::BcList,
            StaffAction::PaperPoint("vp1".into()),
            StaffAction::PaperChangePoint,
            StaffAction::PaperPillar("transparencia".into()),
            StaffAction::PaperPick("T01".into()),
            StaffAction::PaperUnpick,
            StaffAction::PaperChoicesDone,
            StaffAction::PaperAnswer(ProfileField::Sector, Some("jac".into())),
            StaffAction::PaperSave,
            StaffAction::PaperCancel,
            StaffAction::PaperUndo(1),
            StaffAction::PlanNote("C1".into()),
            StaffAction::PlanMilestones("C1".into()),
            StaffAction::PlanStage { commitment: "C1".into(), milestone: "C1-H1".into(), stage: Stage::Done },
            StaffAction::PlanPiece,
            StaffAction::RecordMenu,
            StaffAction::RecordPillar("transparencia".into()),
            StaffAction::RecordTarget(crate::domain::recording::Target::Proposal("T01".into())),
            StaffAction::RecordKeep,
            StaffAction::RecordRedo,
            StaffAction::RecordCancel,
        ]
    }

    #[cfg(test)]
    /// The variant's position; a new variant does not compile until it has one
    /// here, and the unit test below then asks for it in `samples`.
    fn variant(&self) -> usize {
        match self {
            StaffAction::ModShow(_) => 0,
            StaffAction::ModNext => 1,
            StaffAction::ModApprove(_) => 2,
            StaffAction::ModPromote(_) => 3,
            StaffAction::ModMergeList { .. } => 4,
            StaffAction::ModMerge { .. } => 5,
            StaffAction::ModRejectMenu(_) => 6,
            StaffAction::ModReject { .. } => 7,
            StaffAction::ModTranscribe(_) => 8,
            StaffAction::BcAudience { .. } => 9,
            StaffAction::BcSend(_) => 10,
            StaffAction::BcDiscard(_) => 11,
            StaffAction::BcStop(_) => 12,
            StaffAction::BcList => 13,
            StaffAction::PaperPoint(_) => 14,
            StaffAction::PaperChangePoint => 15,
            StaffAction::PaperPillar(_) => 16,
            StaffAction::PaperPick(_) => 17,
            StaffAction::PaperUnpick => 18,
            StaffAction::PaperChoicesDone => 19,
            StaffAction::PaperAnswer(..) => 20,
            StaffAction::PaperSave => 21,
            StaffAction::PaperCancel => 22,
            StaffAction::PaperUndo(_) => 23,
            StaffAction::PlanNote(_) => 24,
            StaffAction::PlanMilestones(_) => 25,
            StaffAction::PlanStage { .. } => 26,
            StaffAction::PlanPiece => 27,
            StaffAction::RecordMenu => 28,
            StaffAction::RecordPillar(_) => 29,
            StaffAction::RecordTarget(_) => 30,
            StaffAction::RecordKeep => 31,
            StaffAction::RecordRedo => 32,
            StaffAction::RecordCancel => 33,
        }
    }
}

/// A short ASCII code (pillar key, proposal id) as it may appear in a payload.
fn code(s: &str) -> Option<String> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .then(|| s.to_string())
}

/// A commitment id of the plan (letters, digits, `-`, `_`, `.`; up to 16).
fn plan_id(s: &str) -> Option<String> {
    (!s.is_empty()
        && s.len() <= crate::domain::plan::MAX_ID_LEN
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')))
    .then(|| s.to_string())
}

fn target_code(target: &FollowTarget) -> String {
    match target {
        FollowTarget::Plan => "p".into(),
        FollowTarget::Mine => "m".into(),
        FollowTarget::Commitment(id) => format!("c:{id}"),
    }
}

fn page(s: &str) -> Option<u8> {
    s.parse::<u8>().ok()
}

/// A positive row id (idea, broadcast).
fn idea(s: &str) -> Option<i64> {
    s.parse::<i64>().ok().filter(|n| *n > 0)
}

fn yn(yes: bool) -> &'static str {
    if yes { "y" } else { "n" }
}

fn parse_yn(s: &str) -> Option<bool> {
    match s {
        "y" => Some(true),
        "n" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_64_bytes() {
        let long_key = "k".repeat(crate::domain::catalog::MAX_PILLAR_KEY_LEN);
        let long_id = "i".repeat(crate::domain::catalog::MAX_ID_LEN);
        let actions = vec![
            Action::Consent(true),
            Action::Consent(false),
            Action::Privacy,
            Action::PrivacyFull,
            Action::Listen(crate::domain::recording::Target::Welcome),
            Action::Question(ProfileField::Sector),
            Action::Answer(ProfileField::AgeRange, Some("60+".into())),
            Action::Answer(ProfileField::Localidad, None),
            Action::Guardian { age: "u18".into(), yes: true },
            Action::Guardian { age: "u18".into(), yes: false },
            Action::Menu,
            Action::Pillar { pillar: long_key.clone(), page: 255 },
            Action::Proposal { id: long_id.clone(), page: 255 },
            Action::StartVote { pillar: long_key.clone() },
            Action::VoteNext,
            Action::VotePage { pillar: long_key.clone(), page: 255 },
            Action::Pick { pillar: long_key.clone(), id: long_id.clone(), page: 255 },
            Action::Undo { pillar: long_key.clone(), page: 255 },
            Action::Confirm { pillar: long_key.clone() },
            Action::CancelVote { pillar: long_key.clone() },
            Action::MyVotes,
            Action::Language(Lang::En),
            Action::Erase(true),
            Action::Help,
            Action::IdeaStart { pillar: None },
            Action::IdeaStart { pillar: Some(long_key.clone()) },
            Action::IdeaSkipProblem,
            Action::IdeaSubmit,
            Action::IdeaEditText,
            Action::IdeaEditProblem,
            Action::IdeaCancel,
            Action::MyIdeas,
            Action::Plan,
            Action::PlanCommitment { id: "C.1234567890-_xy".into() },
            Action::Follow { target: FollowTarget::Plan, accept: false },
            Action::Follow { target: FollowTarget::Mine, accept: true },
            Action::Follow { target: FollowTarget::Commitment("C.1234567890-_xy".into()), accept: true },
            Action::Unfollow { target: FollowTarget::Plan },
            Action::Unfollow { target: FollowTarget::Mine },
            Action::Unfollow { target: FollowTarget::Commitment("C.1234567890-_xy".into()) },
        ];
        for action in actions {
            let data = action.encode();
            assert!(data.len() <= MAX_CALLBACK_BYTES, "{data} is too long");
            assert_eq!(Action::parse(&data), Some(action), "{data}");
            assert_eq!(StaffAction::parse(&data), None, "{data} is a citizen's button");
            assert_eq!(AdminAction::parse(&data), None, "{data} is a citizen's button");
        }
        let admin = AdminAction::PlanPublish { version: i64::MAX };
        let data = admin.encode();
        assert!(data.len() <= MAX_CALLBACK_BYTES);
        assert_eq!(AdminAction::parse(&data), Some(admin));
        assert_eq!((Action::parse(&data), StaffAction::parse(&data)), (None, None));
        assert_eq!(AdminAction::parse("ap:0"), None);
        let staff = vec![
            StaffAction::ModShow(i64::MAX),
            StaffAction::ModNext,
            StaffAction::ModApprove(i64::MAX),
            StaffAction::ModPromote(i64::MAX),
            StaffAction::ModMergeList { idea: i64::MAX, page: 255 },
            StaffAction::ModMerge { idea: i64::MAX, proposal: long_id.clone() },
            StaffAction::ModRejectMenu(i64::MAX),
            StaffAction::ModReject { idea: i64::MAX, reason: RejectReason::NotFeasible },
            StaffAction::BcAudience { id: i64::MAX, audience: Audience::Territory("abcdefgh".into()) },
            StaffAction::BcSend(i64::MAX),
            StaffAction::BcDiscard(i64::MAX),
            StaffAction::BcStop(i64::MAX),
            StaffAction::BcList,
            StaffAction::ModTranscribe(i64::MAX),
            StaffAction::PaperPoint("v".repeat(crate::domain::catalog::MAX_CHOICE_CODE_LEN)),
            StaffAction::PaperChangePoint,
            StaffAction::PaperPillar(long_key.clone()),
            StaffAction::PaperPick(long_id.clone()),
            StaffAction::PaperUnpick,
            StaffAction::PaperChoicesDone,
            StaffAction::PaperAnswer(
                ProfileField::AgeRange,
                Some("c".repeat(crate::domain::catalog::MAX_CHOICE_CODE_LEN)),
            ),
            StaffAction::PaperAnswer(ProfileField::Localidad, None),
            StaffAction::PaperSave,
            StaffAction::PaperCancel,
            StaffAction::PaperUndo(i64::MAX),
        ];
        for action in staff {
            let data = action.encode();
            assert!(data.len() <= MAX_CALLBACK_BYTES, "{data} is too long");
            assert_eq!(StaffAction::parse(&data), Some(action), "{data}");
            assert_eq!(Action::parse(&data), None, "{data} is a staff button");
        }
    }

    #[test]
    fn the_samples_hold_every_staff_button() {
        let mut seen: Vec<usize> = StaffAction::samples().iter().map(StaffAction::variant).collect();
        seen.sort_unstable();
        seen.dedup();
        let last = StaffAction::RecordCancel.variant();
        assert_eq!(seen, (0..=last).collect::<Vec<_>>());
        for sample in StaffAction::samples() {
            assert_eq!(StaffAction::parse(&sample.encode()), Some(sample));
        }
    }

    #[test]
    fn malformed_or_forged_data_is_rejected() {
        for data in [
            "",
            "x",
            "c:maybe",
            "p:transparencia",
            "p:transparencia:999",
            "vp:a:b",
            // An answer's shape is checked here; whether the catalog offers it, where
            // it is stored (tests/main/city_template.rs).
            "pa:l:muylargo9",
            "pa:l:a b",
            "pa:zz:l1",
            "l:fr",
            "d:<b>:0",
            "vp:a:T01:0:extra",
            &"m".repeat(65),
        ] {
            assert_eq!(Action::parse(data), None, "{data:?}");
        }
    }
}
