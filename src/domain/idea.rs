//! Citizens' own ideas: what a valid submission is, how duplicates are recognised,
//! and what moderation may decide.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

pub const MIN_IDEA_CHARS: usize = 15;
pub const MAX_IDEA_CHARS: usize = 1000;
pub const MAX_PROBLEM_CHARS: usize = 1000;
pub const DEFAULT_IDEAS_PER_DAY: u32 = 5;

/// What the citizen sent: written text, a voice note, or a photo of a written sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdeaContent {
    Text { body: String },
    Voice { file_id: String, duration_secs: u32 },
    Photo { file_id: String, caption: Option<String> },
}

impl IdeaContent {
    pub fn kind(&self) -> &'static str {
        match self {
            IdeaContent::Text { .. } => "text",
            IdeaContent::Voice { .. } => "voice",
            IdeaContent::Photo { .. } => "photo",
        }
    }

    /// The written words, if any (the text, or a photo's caption).
    pub fn body(&self) -> Option<&str> {
        match self {
            IdeaContent::Text { body } => Some(body),
            IdeaContent::Photo { caption, .. } => caption.as_deref(),
            IdeaContent::Voice { .. } => None,
        }
    }
}

/// An idea being written, kept in the dialogue state until it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaDraft {
    pub pillar: String,
    pub content: IdeaContent,
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    TooShort,
    TooLong,
}

/// Checks an idea's text; returns it trimmed, as the citizen wrote it otherwise.
pub fn check_idea_text(text: &str) -> Result<String, TextError> {
    let trimmed = text.trim();
    let n = trimmed.chars().count();
    if n < MIN_IDEA_CHARS {
        Err(TextError::TooShort)
    } else if n > MAX_IDEA_CHARS {
        Err(TextError::TooLong)
    } else {
        Ok(trimmed.to_string())
    }
}

/// Checks the optional problem text or a caption: anything non-blank up to the limit.
pub fn check_problem_text(text: &str) -> Result<String, TextError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Err(TextError::TooShort)
    } else if trimmed.chars().count() > MAX_PROBLEM_CHARS {
        Err(TextError::TooLong)
    } else {
        Ok(trimmed.to_string())
    }
}

/// The form used to recognise the same text sent twice: case, accents and runs of
/// spaces do not count.
pub fn normalize(text: &str) -> String {
    let folded: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdeaStatus {
    Pending,
    Approved,
    Promoted,
    Merged,
    Rejected,
}

impl IdeaStatus {
    pub fn code(self) -> &'static str {
        match self {
            IdeaStatus::Pending => "pending",
            IdeaStatus::Approved => "approved",
            IdeaStatus::Promoted => "promoted",
            IdeaStatus::Merged => "merged",
            IdeaStatus::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<IdeaStatus> {
        [
            IdeaStatus::Pending,
            IdeaStatus::Approved,
            IdeaStatus::Promoted,
            IdeaStatus::Merged,
            IdeaStatus::Rejected,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RejectReason {
    OffTopic,
    Offensive,
    Duplicate,
    NotFeasible,
    Other,
}

impl RejectReason {
    pub const ALL: [RejectReason; 5] = [
        RejectReason::OffTopic,
        RejectReason::Offensive,
        RejectReason::Duplicate,
        RejectReason::NotFeasible,
        RejectReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RejectReason::OffTopic => "offtopic",
            RejectReason::Offensive => "offensive",
            RejectReason::Duplicate => "duplicate",
            RejectReason::NotFeasible => "infeasible",
            RejectReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<RejectReason> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// What a moderator decides about a pending idea.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve,
    /// Approve and add to the ballot as a new proposal.
    Promote,
    /// Count it as support for an existing proposal.
    Merge(String),
    Reject(RejectReason),
}

impl Decision {
    pub fn status(&self) -> IdeaStatus {
        match self {
            Decision::Approve => IdeaStatus::Approved,
            Decision::Promote => IdeaStatus::Promoted,
            Decision::Merge(_) => IdeaStatus::Merged,
            Decision::Reject(_) => IdeaStatus::Rejected,
        }
    }
}

/// A stored idea.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idea {
    pub id: i64,
    pub citizen_id: Option<i64>,
    pub pillar: String,
    pub content: IdeaContent,
    pub problem: Option<String>,
    pub transcription: Option<String>,
    pub status: IdeaStatus,
    pub reason: Option<RejectReason>,
    pub merged_into: Option<String>,
    pub promoted_as: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Idea {
    /// The words a promoted proposal would show: the text, else the transcription.
    pub fn words(&self) -> Option<&str> {
        match &self.content {
            IdeaContent::Text { body } => Some(body.as_str()),
            _ => self.transcription.as_deref().or(self.content.body()),
        }
    }
}

/// The id of the n-th promoted idea: CV-001, CV-002, ...
pub fn promoted_id(n: u32) -> String {
    format!("CV-{n:03}")
}

/// A short title for a promoted idea: its first words, cut at a word boundary to
/// fit the catalog's 80-character limit.
pub fn promoted_title(words: &str) -> String {
    let flat = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let max = crate::domain::catalog::MAX_TITLE_CHARS;
    if flat.chars().count() <= max {
        return flat;
    }
    let mut title = String::new();
    for word in flat.split(' ') {
        if title.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    if title.is_empty() {
        title = flat.chars().take(max - 1).collect();
    }
    title.push('…');
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_ignores_case_accents_and_spaces() {
        assert_eq!(normalize("  Más   PARTICIPACIÓN\ten   los barrios "), "mas participacion en los barrios");
        assert_eq!(normalize("Niñez"), "ninez");
    }

    #[test]
    fn idea_text_must_be_between_15_and_1000_characters() {
        assert_eq!(check_idea_text("   corto    "), Err(TextError::TooShort));
        assert_eq!(check_idea_text(&"á".repeat(15)), Ok("á".repeat(15)));
        assert_eq!(check_idea_text(&"a".repeat(1001)), Err(TextError::TooLong));
        assert!(check_idea_text(&"a".repeat(1000)).is_ok());
        assert_eq!(check_problem_text("  "), Err(TextError::TooShort));
    }

    #[test]
    fn promoted_ids_and_titles() {
        assert_eq!(promoted_id(1), "CV-001");
        assert_eq!(promoted_id(1234), "CV-1234");
        assert_eq!(promoted_title("Una idea corta"), "Una idea corta");
        let long = "palabra ".repeat(30);
        let title = promoted_title(&long);
        assert!(title.chars().count() <= 80, "{title}");
        assert!(title.ends_with("palabra…"), "{title}");
        assert!(promoted_title(&"x".repeat(200)).chars().count() <= 80);
    }

    #[test]
    fn codes_round_trip() {
        for r in RejectReason::ALL {
            assert_eq!(RejectReason::from_code(r.code()), Some(r));
        }
        assert_eq!(IdeaStatus::from_code("merged"), Some(IdeaStatus::Merged));
    }
}
