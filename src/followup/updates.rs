//! Updates on the plan's commitments: the Comité de Seguimiento posts
//! observations (text, or a photo or document as evidence) and flags late
//! milestones; the Alcaldía's staff post progress notes and move milestones.
//! Every update says who speaks and reaches the commitment's followers in
//! their next daily summary (see `jobs::digests`).

use crate::{
    bot::{
        callback::{ComiteAction, StaffAction},
        citizen::{Reply, Turn},
        roles::{ComiteTurn, StaffTurn},
        state::State,
        ui::{Screen, button},
    },
    db::{
        self,
        followup::{MediaKind, NewUpdate, UpdateKind},
    },
    domain::{
        Lang, Role,
        followup::{self, Stage, Voice},
        plan::{Commitment, MAX_TEXT_CHARS},
    },
    error::Result,
    i18n::{arg, t, tr},
};
use teloxide::{types::InlineKeyboardButton, types::Message, utils::html::escape};

/// The rows a commitment's card gets for the reader's role: the Comité's
/// observation and late flag, or the staff's note and milestone stages. (What
/// each role may do is decided by the tree's nodes; these are only shown.)
pub fn role_rows(lang: Lang, role: Role, c: &Commitment) -> Vec<Vec<InlineKeyboardButton>> {
    if role == Role::Comite {
        vec![vec![
            button(t(lang, "btn-comite-note"), ComiteAction::Note(c.id.clone())),
            button(t(lang, "btn-comite-late"), ComiteAction::LatePick(c.id.clone())),
        ]]
    } else if role.is_staff() {
        vec![vec![
            button(t(lang, "btn-staff-note"), StaffAction::PlanNote(c.id.clone())),
            button(t(lang, "btn-staff-stage"), StaffAction::PlanMilestones(c.id.clone())),
        ]]
    } else {
        Vec::new()
    }
}

impl Turn {
    /// The commitment `id` of the published plan, or the reply for a stale button.
    async fn published_commitment(&self, id: &str) -> Result<std::result::Result<Commitment, Reply>> {
        let published = db::followup::published(&self.pool).await?.is_some();
        let plan = db::plan::current(&self.pool).await?.map(|(_, p)| p);
        match plan.and_then(|p| p.commitments.into_iter().find(|c| c.id == id)) {
            Some(c) if published => Ok(Ok(c)),
            _ => Ok(Err(Reply::screen(Screen::new(t(self.lang(), "followup-update-stale")))
                .with_notice(t(self.lang(), "notice-stale")))),
        }
    }

    /// Each of the commitment's milestones with its status today.
    async fn milestone_statuses<'c>(
        &self,
        c: &'c Commitment,
    ) -> Result<Vec<(&'c crate::domain::plan::Milestone, followup::Status)>> {
        let records = db::followup::records(&self.pool).await?;
        let today = crate::followup::today(self.settings.timezone);
        let progress = followup::commitment_progress(c, &records, today);
        Ok(c.milestones.iter().zip(progress.milestones).collect())
    }

    async fn start_note(&mut self, commitment: &str, voice: Voice) -> Result<Reply> {
        let id = match self.published_commitment(commitment).await? {
            Ok(c) => c.id,
            Err(reply) => return Ok(reply),
        };
        self.set_state(State::PlanNote { commitment: id.clone() }).await?;
        let key = match voice {
            Voice::Comite => "followup-note-ask-comite",
            Voice::Alcaldia => "followup-note-ask-staff",
        };
        Ok(Reply::screen(Screen::new(tr(self.lang(), key, &[arg("id", escape(&id))]))))
    }

    /// A message while writing an update: stored with who speaks, then the card.
    async fn take_note(&mut self, commitment: &str, msg: &Message, voice: Voice) -> Result<Reply> {
        let lang = self.lang();
        let (body, media) = if let Some(text) = msg.text() {
            (text.to_owned(), None)
        } else if let Some(largest) = msg.photo().and_then(|p| p.iter().max_by_key(|s| s.width * s.height)) {
            (
                msg.caption().unwrap_or_default().to_owned(),
                Some((MediaKind::Photo, largest.file.id.0.clone())),
            )
        } else if let Some(doc) = msg.document() {
            (msg.caption().unwrap_or_default().to_owned(), Some((MediaKind::Document, doc.file.id.0.clone())))
        } else {
            return Ok(Reply::screen(Screen::new(t(lang, "followup-note-kind"))));
        };
        if body.trim().is_empty() {
            return Ok(Reply::screen(Screen::new(t(lang, "followup-note-empty"))));
        }
        if body.chars().count() > MAX_TEXT_CHARS {
            return Ok(Reply::screen(Screen::new(tr(
                lang,
                "followup-note-too-long",
                &[arg("max", MAX_TEXT_CHARS), arg("chars", body.chars().count())],
            ))));
        }
        let id = match self.published_commitment(commitment).await? {
            Ok(c) => c.id,
            Err(reply) => {
                self.set_state(State::Idle).await?;
                return Ok(reply);
            }
        };
        let new = NewUpdate {
            commitment_id: id.clone(),
            milestone_id: None,
            voice,
            kind: UpdateKind::Note,
            body: body.trim().to_owned(),
            media,
            author_id: self.ctx.user_id,
        };
        db::followup::post(&self.pool, &new).await?;
        self.set_state(State::Idle).await?;
        self.posted(&id).await
    }

    /// The card after an update, with how many followers will hear of it.
    async fn posted(&self, commitment: &str) -> Result<Reply> {
        let followers = db::followup::count_followers(&self.pool, Some(commitment)).await?;
        let notice = tr(self.lang(), "followup-posted", &[arg("count", followers)]);
        let mut reply = self.plan_commitment(commitment).await?;
        reply.new_message = true;
        Ok(reply.with_notice(notice))
    }

    async fn milestone_update(
        &mut self,
        commitment: &str,
        milestone: &str,
        kind: UpdateKind,
        voice: Voice,
    ) -> Result<Reply> {
        let c = match self.published_commitment(commitment).await? {
            Ok(c) => c,
            Err(reply) => return Ok(reply),
        };
        let Some(m) = c.milestones.iter().find(|m| m.id == milestone) else {
            return Ok(Reply::screen(Screen::new(t(self.lang(), "followup-update-stale"))));
        };
        let id = c.id.clone();
        let new = NewUpdate {
            commitment_id: id.clone(),
            milestone_id: Some(m.id.clone()),
            voice,
            kind,
            body: String::new(),
            media: None,
            author_id: self.ctx.user_id,
        };
        db::followup::post(&self.pool, &new).await?;
        self.posted(&id).await
    }
}

impl ComiteTurn {
    pub(crate) async fn comite_action(&mut self, action: ComiteAction) -> Result<Reply> {
        let lang = self.lang();
        match action {
            ComiteAction::Note(c) => self.start_note(&c, Voice::Comite).await,
            ComiteAction::LatePick(c) => {
                let commitment = match self.published_commitment(&c).await? {
                    Ok(c) => c,
                    Err(reply) => return Ok(reply),
                };
                let id = commitment.id.clone();
                let mut screen = Screen::new(tr(lang, "followup-late-pick", &[arg("id", escape(&id))]));
                for (m, status) in self.milestone_statuses(&commitment).await? {
                    if status != followup::Status::Done {
                        screen = screen.row(vec![button(
                            format!(
                                "{} {} · {}",
                                status.icon(),
                                m.id,
                                crate::followup::screens::cut_title(&m.title)
                            ),
                            ComiteAction::Late { commitment: id.clone(), milestone: m.id.clone() },
                        )]);
                    }
                }
                Ok(Reply::screen(screen.row(vec![button(
                    t(lang, "btn-plan-back"),
                    crate::bot::callback::Action::PlanCommitment { id },
                )])))
            }
            ComiteAction::Late { commitment, milestone } => {
                self.milestone_update(&commitment, &milestone, UpdateKind::Late, Voice::Comite).await
            }
        }
    }

    pub(crate) async fn comite_note(&mut self, commitment: &str, msg: &Message) -> Result<Reply> {
        self.take_note(commitment, msg, Voice::Comite).await
    }
}

impl StaffTurn {
    /// «📝 Novedad de la Alcaldía»: the next message is the update.
    pub(crate) async fn staff_note_start(&mut self, commitment: &str) -> Result<Reply> {
        self.start_note(commitment, Voice::Alcaldia).await
    }

    /// A milestone moved to `stage`, as the Alcaldía.
    pub(crate) async fn stage_move(
        &mut self,
        commitment: &str,
        milestone: &str,
        stage: Stage,
    ) -> Result<Reply> {
        self.milestone_update(commitment, milestone, UpdateKind::Stage(stage), Voice::Alcaldia).await
    }

    /// «🔧 Mover un hito»: each milestone with a button per stage.
    pub(crate) async fn stage_pick(&mut self, c: &str) -> Result<Reply> {
        let lang = self.lang();
        let commitment = match self.published_commitment(c).await? {
            Ok(c) => c,
            Err(reply) => return Ok(reply),
        };
        let id = commitment.id.clone();
        let mut text = tr(lang, "followup-stage-pick", &[arg("id", escape(&id))]);
        let mut screen_rows = Vec::new();
        for (m, status) in self.milestone_statuses(&commitment).await? {
            text.push_str(&format!("\n{} <b>{}</b> {}", status.icon(), escape(&m.id), escape(&m.title)));
            screen_rows.push(
                [(Stage::NotStarted, "⚪"), (Stage::InProgress, "🔵"), (Stage::Done, "✅")]
                    .into_iter()
                    .map(|(stage, icon)| {
                        button(
                            format!("{icon} {}", m.id),
                            StaffAction::PlanStage { commitment: id.clone(), milestone: m.id.clone(), stage },
                        )
                    })
                    .collect(),
            );
        }
        text.push_str("\n\n");
        text.push_str(&t(lang, "followup-stage-legend"));
        let screen = screen_rows.into_iter().fold(Screen::new(text), Screen::row);
        Ok(Reply::screen(screen.row(vec![button(
            t(lang, "btn-plan-back"),
            crate::bot::callback::Action::PlanCommitment { id },
        )])))
    }

    /// A progress piece: an image with the plan's progress per pillar and the
    /// commitments' states, and a short text, sent here as the preview; then
    /// the broadcast's usual audience choice (followers, everyone…) and sending.
    /// It carries figures only, no personal data.
    pub(crate) async fn progress_piece(&mut self) -> Result<Reply> {
        let lang = self.lang();
        let published = db::followup::published(&self.pool).await?.is_some();
        let plan = db::plan::current(&self.pool).await?.map(|(_, p)| p);
        let Some(plan) = plan.filter(|_| published) else {
            return Ok(Reply::screen(Screen::new(t(lang, "followup-no-plan"))));
        };
        let records = db::followup::records(&self.pool).await?;
        let today = crate::followup::today(self.settings.timezone);
        let piece = crate::followup::screens::piece(lang, &self.catalog, &plan, &records, today);
        let (title, subtitle, bars) = (piece.title.clone(), piece.subtitle.clone(), piece.bars.clone());
        let png =
            tokio::task::spawn_blocking(move || crate::chart::percent_chart_png(&title, &subtitle, &bars))
                .await
                .map_err(|e| crate::error::Error::Chart(e.to_string()))??;
        let photo = teloxide::types::InputFile::memory(png).file_name("avance.png");
        let sent = crate::bot::ui::retrying(|| {
            use teloxide::{payloads::SendPhotoSetters, prelude::Requester, requests::Request};
            self.bot.send_photo(self.ctx.chat_id, photo.clone()).caption(piece.caption.clone()).send()
        })
        .await?;
        let largest = sent.photo().and_then(|p| p.iter().max_by_key(|s| s.width * s.height));
        let Some(file_id) = largest.map(|p| p.file.id.0.clone()) else {
            return Ok(Reply::screen(Screen::new(t(lang, "broadcast-preview-failed"))));
        };
        let new = db::broadcasts::NewBroadcast {
            created_by: self.ctx.user_id,
            language: lang,
            kind: crate::domain::BroadcastKind::Photo,
            body: piece.caption,
            entities: None,
            file_id: Some(file_id),
        };
        let id = db::broadcasts::create_draft(&self.pool, &new).await?;
        db::broadcasts::set_audience(&self.pool, id, crate::domain::Audience::Followers).await?;
        let Some(b) = db::broadcasts::get(&self.pool, id).await? else {
            return Ok(Reply::screen(Screen::new(t(lang, "error-try-again"))));
        };
        let recipients = db::broadcasts::count_audience(&self.pool, b.audience.clone()).await?;
        let mut reply = Reply::screen(crate::broadcasts::control_screen(lang, &self.catalog, &b, recipients));
        reply.new_message = true;
        Ok(reply)
    }

    pub(crate) async fn staff_note(&mut self, commitment: &str, msg: &Message) -> Result<Reply> {
        self.take_note(commitment, msg, Voice::Alcaldia).await
    }
}
