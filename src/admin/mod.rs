//! Admins' control of the consultation: its phase (open, close, set the
//! dates), who facilitates, and the exports.

mod exports;

use crate::{
    bot::{citizen::Reply, roles::AdminTurn, ui::Screen, views},
    db,
    domain::Role,
    domain::{Phase, phase},
    error::Result,
    i18n::{arg, t, tr},
};
use chrono::Utc;
use teloxide::types::Message;

impl AdminTurn {
    fn now_local(&self) -> chrono::DateTime<chrono::FixedOffset> {
        Utc::now().with_timezone(&self.settings.timezone).fixed_offset()
    }

    /// Stores the new dates and tells the admin what citizens see from now on.
    async fn apply_dates(
        &mut self,
        action: &str,
        (opens_at, closes_at): (
            Option<chrono::DateTime<chrono::FixedOffset>>,
            Option<chrono::DateTime<chrono::FixedOffset>>,
        ),
    ) -> Result<Reply> {
        db::phase::set_dates(&self.pool, self.ctx.user_id, action, opens_at, closes_at).await?;
        self.catalog = self.catalogs.get(&self.pool).await?;
        let c = &self.catalog.consultation;
        let line =
            views::phase_line(Phase::at(Utc::now(), c.opens_at, c.closes_at), self.lang(), &self.settings);
        Ok(Reply::screen(Screen::new(tr(self.lang(), "phase-changed", &[arg("line", line)]))))
    }

    pub(crate) async fn open_now(&mut self) -> Result<Reply> {
        let dates = phase::open_now(self.now_local(), self.catalog.consultation.closes_at);
        self.apply_dates("open", dates).await
    }

    pub(crate) async fn close_now(&mut self) -> Result<Reply> {
        let dates = phase::close_now(self.now_local(), self.catalog.consultation.opens_at);
        self.apply_dates("close", dates).await
    }

    /// `/fechas <opens> <closes>`: both dates, opening before closing.
    pub(crate) async fn set_dates(&mut self, args: &str) -> Result<Reply> {
        let tz = self.settings.timezone;
        let parts: Vec<&str> = args.split_whitespace().collect();
        let dates = match parts.as_slice() {
            [o, c] => phase::parse_admin_date(o, tz, false).zip(phase::parse_admin_date(c, tz, true)),
            _ => None,
        };
        match dates {
            Some((o, c)) if o < c => self.apply_dates("dates", (Some(o), Some(c))).await,
            _ => Ok(Reply::screen(Screen::new(t(self.lang(), "phase-dates-usage")))),
        }
    }

    /// `/dar_comite` and `/quitar_comite`: a member of the Comité de Seguimiento,
    /// named like a facilitator (by user id, or replying to a forwarded message).
    pub(crate) async fn set_comite(&mut self, args: &str, msg: &Message, grant: bool) -> Result<Reply> {
        let lang = self.lang();
        let target = role_target(args, msg);
        let Some(target) = target else {
            return Ok(Reply::screen(Screen::new(t(lang, "comite-usage"))));
        };
        // Configured staff, or a facilitator granted in the chat: the Comité speaks for citizens.
        let granted = db::roles::is_facilitator(&self.pool, target).await?;
        if grant && (self.settings.roles.of(target).is_staff() || granted) {
            return Ok(Reply::screen(Screen::new(tr(
                lang,
                "comite-is-staff",
                &[arg("id", target.to_string())],
            ))));
        }
        let changed = db::followup::set_comite(&self.pool, self.ctx.user_id, target, grant).await?;
        let key = match (grant, changed) {
            (true, true) => "comite-granted",
            (true, false) => "comite-already",
            (false, true) => "comite-revoked",
            (false, false) => "comite-not-granted",
        };
        Ok(Reply::screen(Screen::new(tr(lang, key, &[arg("id", target.to_string())]))))
    }

    /// `/dar_facilitador` and `/quitar_facilitador`: by user id, or replying to a
    /// message forwarded from the person. Recorded, and the person's menu follows.
    pub(crate) async fn set_facilitator(&mut self, args: &str, msg: &Message, grant: bool) -> Result<Reply> {
        let lang = self.lang();
        let target = role_target(args, msg);
        let Some(target) = target else {
            return Ok(Reply::screen(Screen::new(t(lang, "role-usage"))));
        };
        if self.settings.roles.admins.contains(&target) {
            return Ok(Reply::screen(Screen::new(tr(
                lang,
                "role-is-admin",
                &[arg("id", target.to_string())],
            ))));
        }
        let changed = db::roles::set_facilitator(&self.pool, self.ctx.user_id, target, grant).await?;
        let configured = self.settings.roles.facilitators.contains(&target);
        let key = match (grant, changed) {
            (true, true) => "role-granted",
            (true, false) => "role-already",
            (false, true) if configured => "role-revoked-but-configured",
            (false, true) => "role-revoked",
            (false, false) => "role-not-granted",
        };
        if changed {
            let role = if grant || configured { Role::Facilitator } else { Role::Citizen };
            if let Err(e) = crate::bot::register_role_menu(&self.bot, target, role).await {
                tracing::warn!(error = %e, "could not update the command menu");
            }
        }
        Ok(Reply::screen(Screen::new(tr(lang, key, &[arg("id", target.to_string())]))))
    }
}

/// Whom a role command names: the user id written after it, or the sender of
/// the forwarded message it replies to.
fn role_target(args: &str, msg: &Message) -> Option<i64> {
    args.trim().parse::<i64>().ok().filter(|id| *id > 0).or_else(|| {
        msg.reply_to_message().and_then(Message::forward_from_user).and_then(|u| i64::try_from(u.id.0).ok())
    })
}
