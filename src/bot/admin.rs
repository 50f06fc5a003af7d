//! Admins' control of the consultation's phase: open, close, set the dates.

use crate::{
    bot::{
        citizen::{Reply, Turn},
        ui::Screen,
        views,
    },
    db,
    domain::{Phase, phase},
    error::Result,
    i18n::{arg, t, tr},
};
use chrono::Utc;

impl Turn {
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
        self.catalog = db::catalog::load(&self.pool).await?;
        let c = &self.catalog.consultation;
        let line =
            views::phase_line(Phase::at(Utc::now(), c.opens_at, c.closes_at), self.lang(), &self.settings);
        Ok(Reply::screen(Screen::new(tr(self.lang(), "phase-changed", &[arg("line", line)]))))
    }

    pub(super) async fn open_now(&mut self) -> Result<Reply> {
        let dates = phase::open_now(self.now_local(), self.catalog.consultation.closes_at);
        self.apply_dates("open", dates).await
    }

    pub(super) async fn close_now(&mut self) -> Result<Reply> {
        let dates = phase::close_now(self.now_local(), self.catalog.consultation.opens_at);
        self.apply_dates("close", dates).await
    }

    /// `/fechas <opens> <closes>`: both dates, opening before closing.
    pub(super) async fn set_dates(&mut self, args: &str) -> Result<Reply> {
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
}
