//! After the consultation: the Plan de Acción for everyone (`/plan`), following
//! its commitments, the admin's publication (one personal message to every
//! participant who voted, through the outbox), and its open data.

pub mod open_data;
pub mod screens;
pub mod updates;

use crate::{
    bot::{
        callback::Action,
        citizen::{Reply, Turn},
        roles::AdminTurn,
        ui::{self, Screen, button},
    },
    db,
    domain::{
        Ballot, Catalog, FOLLOW_NOTICE_VERSION, Lang,
        followup::{FollowTarget, Followed},
        plan::Plan,
    },
    error::Result,
    i18n::{arg, t, tr},
};
use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;

/// Today's date where the consultation takes place.
pub fn today(tz: Tz) -> NaiveDate {
    Utc::now().with_timezone(&tz).date_naive()
}

/// Everything a personal message of a publication needs but the recipient's
/// own ballots and language: loaded once per publication by the worker.
pub struct PlanMessages {
    plan: Plan,
    catalog: Catalog,
}

impl PlanMessages {
    pub async fn load(pool: &sqlx::SqlitePool, version: i64) -> Result<PlanMessages> {
        let (plan, catalog) = tokio::try_join!(db::plan::version(pool, version), db::catalog::load(pool))?;
        Ok(PlanMessages { plan, catalog })
    }

    /// The message for one recipient, as a Bot API `sendMessage` body.
    pub async fn request(
        &self,
        pool: &sqlx::SqlitePool,
        citizen_id: i64,
        chat_id: i64,
    ) -> Result<serde_json::Value> {
        let (lang, ballots) = db::followup::recipient(pool, citizen_id).await?;
        let screen = screens::personal_message(lang, &self.catalog, &self.plan, &ballots);
        Ok(screen.send_body(chat_id))
    }

    /// The message as `lang`'s reader with `ballots` gets it (the admin's preview).
    pub fn preview(&self, lang: Lang, ballots: &[Ballot]) -> Screen {
        screens::personal_message(lang, &self.catalog, &self.plan, ballots)
    }
}

/// The news of one day for its followers: what each digest message needs
/// but the recipient's own follows (loaded once per digest by the worker).
pub struct DigestMessages {
    plan: Plan,
    catalog: Catalog,
    records: crate::domain::followup::Records,
    upto: i64,
    tz: Tz,
}

impl DigestMessages {
    pub async fn load(pool: &sqlx::SqlitePool, upto: i64, tz: Tz) -> Result<DigestMessages> {
        let (plan, catalog, records) =
            tokio::try_join!(db::plan::current(pool), db::catalog::load(pool), db::followup::records(pool))?;
        let plan = plan
            .map(|(_, p)| p)
            .ok_or_else(|| crate::error::Error::Corrupt("a digest without a plan".into()))?;
        Ok(DigestMessages { plan, catalog, records, upto, tz })
    }

    /// The message for one recipient (`None`: nothing they still follow moved).
    pub async fn request(
        &self,
        pool: &sqlx::SqlitePool,
        citizen_id: i64,
        chat_id: i64,
        since: i64,
    ) -> Result<Option<serde_json::Value>> {
        let (lang, _) = db::followup::recipient(pool, citizen_id).await?;
        let news = db::followup::news_for(pool, citizen_id, since, self.upto).await?;
        if news.is_empty() {
            return Ok(None);
        }
        let today = Utc::now().with_timezone(&self.tz).date_naive();
        let screen = screens::digest(lang, &self.catalog, &self.plan, &self.records, today, &news, self.tz);
        Ok(Some(screen.send_body(chat_id)))
    }
}

/// A personal broadcast's shared part, by kind.
pub enum Personalized {
    Plan(PlanMessages),
    Digest(DigestMessages),
}

impl Personalized {
    pub async fn load(
        pool: &sqlx::SqlitePool,
        personal: crate::domain::broadcast::Personal,
        tz: Tz,
    ) -> Result<Self> {
        use crate::domain::broadcast::Personal;
        Ok(match personal {
            Personal::Plan { version } => Personalized::Plan(PlanMessages::load(pool, version).await?),
            Personal::Digest { upto } => Personalized::Digest(DigestMessages::load(pool, upto, tz).await?),
        })
    }

    /// One recipient's `sendMessage` body (`None`: nothing to send them).
    pub async fn request(
        &self,
        pool: &sqlx::SqlitePool,
        d: &db::broadcasts::Delivery,
    ) -> Result<Option<serde_json::Value>> {
        match self {
            Personalized::Plan(m) => m.request(pool, d.citizen_id, d.chat_id).await.map(Some),
            Personalized::Digest(m) => {
                m.request(pool, d.citizen_id, d.chat_id, d.since_update.unwrap_or(0)).await
            }
        }
    }
}

impl Turn {
    fn citizen_ballots_only(ballots: Vec<(Ballot, chrono::DateTime<Utc>)>) -> Vec<Ballot> {
        ballots.into_iter().map(|(b, _)| b).collect()
    }

    async fn follows(&self) -> Result<Vec<Followed>> {
        Ok(match self.citizen() {
            Some(c) => {
                db::followup::follows_of(&self.pool, c.id).await?.into_iter().map(|(f, _)| f).collect()
            }
            None => Vec::new(),
        })
    }

    /// The plan citizens may see: the one in force once a version was
    /// published; admins see it before (a preview, without follow buttons).
    async fn visible_plan(&self) -> Result<Option<(Plan, bool)>> {
        let Some((_, plan)) = db::plan::current(&self.pool).await? else { return Ok(None) };
        let published = db::followup::published(&self.pool).await?.is_some();
        if published {
            Ok(Some((plan, false)))
        } else if self.ctx.role == crate::domain::Role::Admin {
            Ok(Some((plan, true)))
        } else {
            Ok(None)
        }
    }

    fn no_plan(&self) -> Reply {
        let lang = self.lang();
        Reply::screen(
            Screen::new(t(lang, "followup-no-plan")).row(vec![button(t(lang, "btn-pillars"), Action::Menu)]),
        )
    }

    /// `/plan`: the commitments per pillar with their status and progress.
    pub(crate) async fn plan_overview(&self) -> Result<Reply> {
        let Some((plan, preview)) = self.visible_plan().await? else { return Ok(self.no_plan()) };
        let (records, follows, ballots) =
            tokio::try_join!(db::followup::records(&self.pool), self.follows(), self.ballots())?;
        let ballots = Self::citizen_ballots_only(ballots);
        let screen = screens::overview(&screens::Overview {
            lang: self.lang(),
            catalog: &self.catalog,
            plan: &plan,
            records: &records,
            today: today(self.settings.timezone),
            follows: &follows,
            has_priorities_answered: !screens::commitments_of_priorities(&plan, &ballots).is_empty(),
            preview,
        });
        // Staff make the progress piece from here, once the plan is published.
        let screen = if self.ctx.role.is_staff() && !preview {
            screen.row(vec![button(t(self.lang(), "btn-plan-piece"), crate::bot::StaffAction::PlanPiece)])
        } else {
            screen
        };
        Ok(Reply::screen(screen))
    }

    /// A commitment's card.
    pub(crate) async fn plan_commitment(&self, id: &str) -> Result<Reply> {
        let Some((plan, preview)) = self.visible_plan().await? else { return Ok(self.no_plan()) };
        let Some(commitment) = plan.commitment(id) else {
            // A button from an earlier version of the plan.
            return Ok(self.plan_overview().await?.with_notice(t(self.lang(), "notice-stale")));
        };
        let (records, follows, ballots, updates) = tokio::try_join!(
            db::followup::records(&self.pool),
            self.follows(),
            self.ballots(),
            db::followup::latest(&self.pool, id, screens::CARD_UPDATES)
        )?;
        let ballots = Self::citizen_ballots_only(ballots);
        let ranked = screens::ranked(&ballots);
        let card = screens::card(&screens::Card {
            lang: self.lang(),
            catalog: &self.catalog,
            plan: &plan,
            commitment,
            records: &records,
            today: today(self.settings.timezone),
            updates: &updates,
            ranked: &ranked,
            follows: &follows,
            tz: self.settings.timezone,
            preview,
        });
        let rows =
            if preview { Vec::new() } else { updates::role_rows(self.lang(), self.ctx.role, commitment) };
        Ok(Reply::screen(rows.into_iter().fold(card, Screen::row)))
    }

    /// What following `target` means for this reader now.
    fn resolve(&self, plan: &Plan, ballots: &[Ballot], target: &FollowTarget) -> Vec<Followed> {
        match target {
            FollowTarget::Plan => vec![Followed::Plan],
            FollowTarget::Commitment(id) => {
                plan.commitment(id).map(|c| vec![Followed::Commitment(c.id.clone())]).unwrap_or_default()
            }
            FollowTarget::Mine => screens::commitments_of_priorities(plan, ballots)
                .into_iter()
                .map(|c| Followed::Commitment(c.id.clone()))
                .collect(),
        }
    }

    /// Follows `target`. Following is a choice: someone who accepted an earlier
    /// notice (which did not mention it) is asked to accept the current one first.
    pub(crate) async fn follow(&mut self, target: FollowTarget, accept: bool) -> Result<Reply> {
        let lang = self.lang();
        let Some((plan, false)) = self.visible_plan().await? else { return Ok(self.no_plan()) };
        let Some(citizen) = self.citizen().cloned() else {
            return Ok(Reply::screen(crate::bot::views::welcome(
                lang,
                &self.catalog,
                self.phase(),
                None,
                &self.settings,
            )));
        };
        if !citizen.may_follow() {
            if !accept || !citizen.may_vote() {
                return Ok(Reply::screen(screens::follow_consent(lang, target)));
            }
            db::citizens::record_consent(&self.pool, self.ctx.user_id, lang, true, FOLLOW_NOTICE_VERSION)
                .await?;
        }
        let ballots = Self::citizen_ballots_only(self.ballots().await?);
        let targets = self.resolve(&plan, &ballots, &target);
        if targets.is_empty() {
            return Ok(self.plan_overview().await?.with_notice(t(lang, "followup-nothing-to-follow")));
        }
        db::followup::follow(&self.pool, citizen.id, &targets).await?;
        let notice = tr(lang, "followup-followed", &[arg("count", targets.len())]);
        let reply = match target {
            FollowTarget::Commitment(id) => self.plan_commitment(&id).await?,
            _ => self.plan_overview().await?,
        };
        Ok(reply.with_notice(notice))
    }

    /// Stops following `target` (one tap, no questions).
    pub(crate) async fn unfollow(&mut self, target: FollowTarget) -> Result<Reply> {
        let lang = self.lang();
        let Some(citizen) = self.citizen().cloned() else { return Ok(self.no_plan()) };
        match &target {
            FollowTarget::Plan => {
                db::followup::unfollow(&self.pool, citizen.id, &Followed::Plan).await?;
            }
            FollowTarget::Commitment(id) => {
                db::followup::unfollow(&self.pool, citizen.id, &Followed::Commitment(id.clone())).await?;
            }
            FollowTarget::Mine => {
                db::followup::unfollow_all(&self.pool, citizen.id).await?;
            }
        }
        let reply = match target {
            FollowTarget::Commitment(id) => self.plan_commitment(&id).await?,
            _ => self.plan_overview().await?,
        };
        Ok(reply.with_notice(t(lang, "followup-unfollowed")))
    }
}

impl AdminTurn {
    /// An admin's `/plan`: before publication, the preview with the message
    /// participants will get and the button that publishes; after it, the
    /// plan as everyone sees it.
    pub(crate) async fn plan_admin(&mut self) -> Result<Reply> {
        let lang = self.lang();
        let Some((version, _)) = db::plan::current(&self.pool).await? else {
            return Ok(Reply::screen(Screen::new(t(lang, "followup-no-plan-admin"))));
        };
        let published = db::followup::published(&self.pool).await?;
        if published.is_some_and(|(v, _)| v == version) {
            return self.plan_overview().await;
        }
        let messages = PlanMessages::load(&self.pool, version).await?;
        let mine = Turn::citizen_ballots_only(self.ballots().await?);
        let sample = messages.preview(lang, &mine);
        let recipients = db::broadcasts::count_audience(&self.pool, crate::domain::Audience::Voters).await?;
        let overview = self.plan_overview().await?;
        if let Some(screen) = overview.screen {
            ui::send(&self.bot, self.ctx.chat_id, &screen).await?;
        }
        let sample =
            Screen { text: format!("{}\n\n{}", t(lang, "followup-preview-message"), sample.text), ..sample };
        ui::send(&self.bot, self.ctx.chat_id, &sample).await?;
        let key = if published.is_some() { "followup-publish-again" } else { "followup-publish-ask" };
        Ok(Reply::screen(
            Screen::new(tr(lang, key, &[arg("count", recipients), arg("version", version)])).row(vec![
                button(
                    tr(lang, "btn-plan-publish", &[arg("count", recipients)]),
                    crate::bot::AdminAction::PlanPublish { version },
                ),
            ]),
        ))
    }

    /// Publishes `version` of the plan: recorded, and the personal messages
    /// queued, in one transaction; this message becomes the progress screen.
    pub(crate) async fn publish_plan(&mut self, version: i64) -> Result<Reply> {
        let lang = self.lang();
        let current = db::plan::current(&self.pool).await?.map(|(v, _)| v);
        let published = db::followup::published(&self.pool).await?.map(|(v, _)| v);
        if current != Some(version) || published == Some(version) {
            // A stale or doubled tap: nothing is sent twice.
            return Ok(Reply::screen(Screen::new(t(lang, "followup-publish-stale"))));
        }
        let Some(message) = self.ctx.message else {
            return Ok(Reply::screen(Screen::new(t(lang, "followup-publish-stale"))));
        };
        let (id, total) = db::broadcasts::publish_plan(
            &self.pool,
            version,
            self.ctx.user_id,
            lang,
            (self.ctx.chat_id.0, message.0),
        )
        .await?;
        let Some(b) = db::broadcasts::get(&self.pool, id).await? else {
            return Ok(Reply::screen(Screen::new(t(lang, "error-try-again"))));
        };
        if total == 0 {
            return Ok(Reply::screen(Screen::new(t(lang, "followup-published-nobody"))));
        }
        let figures = crate::domain::Figures { total, ..crate::domain::Figures::default() };
        Ok(Reply::screen(crate::broadcasts::progress_screen(&b, &figures, self.settings.broadcast_rate)))
    }
}
