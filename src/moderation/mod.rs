//! Moderation of citizens' ideas by facilitators and admins: the queue, the
//! decisions, transcriptions, and telling each author the outcome.

pub mod screens;

use crate::{
    bot::{
        callback::{Action, StaffAction},
        citizen::Reply,
        roles::StaffTurn,
        state::State,
        ui::{self, Screen, button},
        views,
    },
    db::{
        self,
        ideas::{Decided, NotDecided},
    },
    domain::{Decision, Idea, IdeaContent, IdeaStatus, Lang, RejectReason},
    error::Result,
    i18n::{arg, t, tr},
};
use teloxide::{prelude::*, utils::html::escape};

impl StaffTurn {
    fn next_button(&self) -> teloxide::types::InlineKeyboardButton {
        button(t(self.lang(), "btn-next-idea"), StaffAction::ModNext)
    }

    /// The card a moderator decides on.
    fn card(&self, idea: &Idea, pending: i64) -> Screen {
        let lang = self.lang();
        let mut text = tr(
            lang,
            "mod-card",
            &[
                arg("id", idea.id),
                arg("pillar", views::pillar_label(&self.catalog, &idea.pillar, lang)),
                arg("date", views::date(&idea.created_at, &self.settings, lang)),
                arg("pending", pending),
            ],
        );
        text.push_str("\n\n");
        text.push_str(&crate::ideas::screens::idea_content(lang, &idea.content));
        if !matches!(idea.content, IdeaContent::Text { .. }) {
            text.push_str("\n\n");
            text.push_str(&match &idea.transcription {
                Some(tr_) => tr(lang, "mod-transcription", &[arg("text", escape(tr_))]),
                None => t(lang, "mod-no-transcription"),
            });
        }
        if let Some(problem) = &idea.problem {
            text.push_str("\n\n");
            text.push_str(&tr(lang, "proposal-problem", &[arg("problem", escape(problem))]));
        }
        let id = idea.id;
        let mut screen = Screen::new(text)
            .row(vec![
                button(t(lang, "btn-approve"), StaffAction::ModApprove(id)),
                button(t(lang, "btn-promote"), StaffAction::ModPromote(id)),
            ])
            .row(vec![
                button(t(lang, "btn-merge"), StaffAction::ModMergeList { idea: id, page: 0 }),
                button(t(lang, "btn-reject"), StaffAction::ModRejectMenu(id)),
            ]);
        if !matches!(idea.content, IdeaContent::Text { .. }) {
            screen = screen.row(vec![button(t(lang, "btn-transcribe"), StaffAction::ModTranscribe(id))]);
        }
        screen
    }

    /// The oldest pending idea as new messages: its media first, then the card.
    pub(crate) async fn next_card(&self) -> Result<Reply> {
        let (idea, pending) = db::ideas::next_pending(&self.pool).await?;
        let reply = match idea {
            Some(idea) => Reply {
                media: (!matches!(idea.content, IdeaContent::Text { .. })).then(|| idea.content.clone()),
                ..Reply::screen(self.card(&idea, pending))
            },
            None => Reply::screen(Screen::new(t(self.lang(), "mod-queue-empty"))),
        };
        Ok(Reply { new_message: true, ..reply })
    }

    async fn card_for(&self, id: i64) -> Result<Reply> {
        match db::ideas::get(&self.pool, id).await? {
            Some(idea) if idea.status == IdeaStatus::Pending => {
                let (_, pending) = db::ideas::next_pending(&self.pool).await?;
                Ok(Reply::screen(self.card(&idea, pending)))
            }
            _ => Ok(self.already_decided(id)),
        }
    }

    fn already_decided(&self, id: i64) -> Reply {
        let lang = self.lang();
        Reply::screen(
            Screen::new(tr(lang, "mod-already-decided", &[arg("id", id)])).row(vec![self.next_button()]),
        )
        .with_notice(tr(lang, "mod-already-decided", &[arg("id", id)]))
    }

    pub(crate) async fn moderate(&mut self, action: StaffAction) -> Result<Reply> {
        let lang = self.lang();
        if matches!(self.state, State::Transcribing { .. }) {
            self.set_state(State::Idle).await?;
        }
        match action {
            StaffAction::BcAudience { .. }
            | StaffAction::BcSend(_)
            | StaffAction::BcDiscard(_)
            | StaffAction::BcStop(_)
            | StaffAction::BcList => self.broadcast_action(action).await,
            StaffAction::PaperPoint(_)
            | StaffAction::PaperChangePoint
            | StaffAction::PaperPillar(_)
            | StaffAction::PaperPick(_)
            | StaffAction::PaperUnpick
            | StaffAction::PaperChoicesDone
            | StaffAction::PaperAnswer(..)
            | StaffAction::PaperSave
            | StaffAction::PaperCancel
            | StaffAction::PaperUndo(_) => self.paper_action(action).await,
            StaffAction::PlanNote(c) => self.staff_note_start(&c).await,
            StaffAction::PlanMilestones(c) => self.stage_pick(&c).await,
            StaffAction::PlanStage { commitment, milestone, stage } => {
                self.stage_move(&commitment, &milestone, stage).await
            }
            StaffAction::PlanPiece => self.progress_piece().await,
            StaffAction::RecordMenu
            | StaffAction::RecordPillar(_)
            | StaffAction::RecordTarget(_)
            | StaffAction::RecordKeep
            | StaffAction::RecordRedo
            | StaffAction::RecordCancel => self.record_action(action).await,
            StaffAction::ModNext => self.next_card().await,
            StaffAction::ModShow(id) => self.card_for(id).await,
            StaffAction::ModApprove(id) => self.decide(id, Decision::Approve).await,
            StaffAction::ModPromote(id) => self.decide(id, Decision::Promote).await,
            StaffAction::ModMerge { idea, proposal } => self.decide(idea, Decision::Merge(proposal)).await,
            StaffAction::ModReject { idea, reason } => self.decide(idea, Decision::Reject(reason)).await,
            StaffAction::ModRejectMenu(id) => {
                let mut screen = Screen::new(tr(lang, "mod-reject-why", &[arg("id", id)]));
                for reason in RejectReason::ALL {
                    screen = screen.row(vec![button(
                        views::reason_label(lang, reason),
                        StaffAction::ModReject { idea: id, reason },
                    )]);
                }
                Ok(Reply::screen(screen.row(vec![button(t(lang, "btn-back"), StaffAction::ModShow(id))])))
            }
            StaffAction::ModMergeList { idea, page } => {
                let Some(stored) = db::ideas::get(&self.pool, idea).await? else {
                    return Ok(self.already_decided(idea));
                };
                Ok(Reply::screen(crate::moderation::screens::merge_list(lang, &self.catalog, &stored, page)))
            }
            StaffAction::ModTranscribe(id) => {
                self.set_state(State::Transcribing { idea: id }).await?;
                Ok(Reply::screen(
                    Screen::new(tr(lang, "mod-transcribe-prompt", &[arg("id", id)]))
                        .row(vec![button(t(lang, "btn-back"), StaffAction::ModShow(id))]),
                ))
            }
        }
    }

    /// A moderator's typed transcription of a voice or photo idea.
    pub(crate) async fn transcription(&mut self, id: i64, msg: &Message) -> Result<Reply> {
        let lang = self.lang();
        let Some(text) = msg.text().map(str::trim).filter(|t| !t.is_empty()) else {
            return Ok(Reply::screen(Screen::new(tr(lang, "mod-transcribe-prompt", &[arg("id", id)]))));
        };
        if text.chars().count() > crate::domain::idea::MAX_IDEA_CHARS {
            return Ok(Reply::screen(Screen::new(tr(
                lang,
                "idea-too-long",
                &[arg("max", crate::domain::idea::MAX_IDEA_CHARS)],
            ))));
        }
        let stored =
            db::ideas::transcribe(&self.pool, id, self.ctx.user_id, self.ctx.chat_id.0, text).await?;
        // The transaction ended the conversation.
        self.state_written(State::Idle);
        if !stored {
            return Ok(self.already_decided(id));
        }
        Ok(self.card_for(id).await?.with_notice(t(lang, "notice-transcription-saved")))
    }

    async fn decide(&mut self, id: i64, decision: Decision) -> Result<Reply> {
        let lang = self.lang();
        match db::ideas::decide(&self.pool, id, self.ctx.user_id, &decision).await? {
            Ok(decided) => {
                // The catalog now holds the promoted proposal, for the texts below.
                self.catalog = self.catalogs.get(&self.pool).await?;
                let told = self.tell_author(&decided).await;
                let mut text = self.outcome(lang, &decided, false);
                text.push('\n');
                text.push_str(&t(lang, if told { "mod-author-told" } else { "mod-author-gone" }));
                Ok(Reply::screen(Screen::new(text).row(vec![self.next_button()]))
                    .with_notice(t(lang, "notice-decision-saved")))
            }
            Err(NotDecided::AlreadyDecided) => Ok(self.already_decided(id)),
            Err(NotDecided::NeedsText) => {
                Ok(self.card_for(id).await?.with_notice(t(lang, "notice-needs-transcription")))
            }
            Err(NotDecided::NoSuchProposal) => {
                Ok(self.card_for(id).await?.with_notice(t(lang, "notice-proposal-unavailable")))
            }
        }
    }

    /// The decision in words: for the moderator (`for_author` false) or the author.
    fn outcome(&self, lang: Lang, decided: &Decided, for_author: bool) -> String {
        let idea = &decided.idea;
        let proposal = decided.proposal_id.as_deref().unwrap_or_default();
        let title =
            self.catalog.proposal(proposal).map(|p| views::proposal_title(p, lang)).unwrap_or_default();
        let key = match (idea.status, for_author) {
            (IdeaStatus::Promoted, false) => "mod-decided-promoted",
            (IdeaStatus::Merged, false) => "mod-decided-merged",
            (IdeaStatus::Rejected, false) => "mod-decided-rejected",
            (_, false) => "mod-decided-approved",
            (IdeaStatus::Promoted, true) => "idea-outcome-promoted",
            (IdeaStatus::Merged, true) => "idea-outcome-merged",
            (IdeaStatus::Rejected, true) => "idea-outcome-rejected",
            (_, true) => "idea-outcome-approved",
        };
        tr(
            lang,
            key,
            &[
                arg("id", idea.id),
                arg("pillar", views::pillar_label(&self.catalog, &idea.pillar, lang)),
                arg("proposal", escape(proposal)),
                arg("title", title),
                arg("reason", idea.reason.map(|r| views::reason_label(lang, r)).unwrap_or_default()),
            ],
        )
    }

    /// Tells the author, in their language; returns whether the message went out.
    async fn tell_author(&self, decided: &Decided) -> bool {
        let Some((telegram_id, lang)) = decided.author else {
            return false;
        };
        let text = self.outcome(lang, decided, true);
        let screen = Screen::new(text).row(vec![button(t(lang, "btn-my-ideas"), Action::MyIdeas)]);
        match ui::send(&self.bot, ChatId(telegram_id), &screen).await {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(error = %e, idea = decided.idea.id, "could not tell the author");
                false
            }
        }
    }
}
