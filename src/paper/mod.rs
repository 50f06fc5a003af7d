//! `/papeleta`: facilitators and admins enter the paper sheets of an in-person
//! voting point, a few taps per sheet: the point once (kept until changed), then
//! per sheet its number (typed), its pillar, the proposals in the order written,
//! the optional profile, and save. The last sheet can be undone. The screens of
//! this flow live here too.

use crate::{
    bot::{
        callback::StaffAction,
        citizen::Reply,
        roles::StaffTurn,
        state::State,
        ui::{Screen, button},
        views,
    },
    db::{
        self,
        paper::{Entered, StoredSheet},
    },
    domain::{BallotError, Catalog, Lang, PaperDraft, ProfileField, paper},
    error::{Error, Result},
    i18n::{arg, t, tr},
    labels,
};
use chrono::Utc;
use teloxide::{types::Message, utils::html::escape};

/// Characters of a proposal title on a button.
const BUTTON_TITLE_CHARS: usize = 36;

fn point_label(catalog: &Catalog, code: &str, lang: Lang) -> String {
    catalog.voting_points.iter().find(|p| p.code == code).map_or(code, |p| p.label.get(lang)).to_string()
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", head.trim_end())
}

/// "1. T01 — title", one line per choice.
fn choice_lines(catalog: &Catalog, choices: &[String], lang: Lang) -> String {
    choices
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let title = catalog.proposal(id).map(|p| views::proposal_title(p, lang)).unwrap_or_default();
            format!("{}. <b>{}</b> — {title}", i + 1, escape(id))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a stored sheet holds, in one paragraph (for refusals and undos).
fn stored_summary(
    catalog: &Catalog,
    stored: &StoredSheet,
    lang: Lang,
    settings: &crate::config::Settings,
) -> String {
    tr(
        lang,
        "paper-stored-summary",
        &[
            arg("sheet", stored.sheet.sheet),
            arg("point", escape(&point_label(catalog, &stored.sheet.point, lang))),
            arg("pillar", views::pillar_label(catalog, &stored.sheet.ballot.pillar, lang)),
            arg("when", views::date(&stored.entered_at, settings, lang)),
            arg("choices", choice_lines(catalog, &stored.sheet.ballot.choices, lang)),
        ],
    )
}

/// The sheet being entered: point, number, pillar, choices and answers so far.
fn draft_summary(catalog: &Catalog, point: &str, draft: &PaperDraft, lang: Lang) -> String {
    let mut text = tr(
        lang,
        "paper-draft-title",
        &[arg("point", escape(&point_label(catalog, point, lang))), arg("sheet", draft.sheet)],
    );
    if let Some(pillar) = &draft.pillar {
        text.push('\n');
        text.push_str(&tr(
            lang,
            "paper-draft-pillar",
            &[arg("pillar", views::pillar_label(catalog, pillar, lang))],
        ));
    }
    if !draft.picks.is_empty() {
        text.push('\n');
        text.push_str(&choice_lines(catalog, &draft.picks, lang));
    }
    for (field, code) in [
        (ProfileField::Localidad, &draft.localidad),
        (ProfileField::Sector, &draft.sector),
        (ProfileField::AgeRange, &draft.age_range),
    ] {
        if let Some(code) = code {
            text.push_str(&format!(
                "\n{}: {}",
                escape(&labels::field_name(catalog, lang, field)),
                crate::profile::screens::answer_label(lang, catalog, field, Some(code))
            ));
        }
    }
    text
}

fn cancel_row(lang: Lang) -> Vec<teloxide::types::InlineKeyboardButton> {
    vec![button(t(lang, "btn-paper-cancel"), StaffAction::PaperCancel)]
}

/// The screen for the step the sheet is at.
fn draft_screen(catalog: &Catalog, point: &str, draft: &PaperDraft, lang: Lang) -> Screen {
    let summary = draft_summary(catalog, point, draft, lang);
    let Some(pillar) = draft.pillar.as_deref() else {
        let mut screen = Screen::new(format!("{summary}\n\n{}", t(lang, "paper-ask-pillar")));
        for p in &catalog.pillars {
            screen = screen
                .row(vec![button(views::pillar_name(p, lang), StaffAction::PaperPillar(p.key.clone()))]);
        }
        return screen.row(cancel_row(lang));
    };
    if !draft.choices_done {
        let max = catalog.priorities_in(pillar);
        let mut screen =
            Screen::new(format!("{summary}\n\n{}", tr(lang, "paper-ask-picks", &[arg("max", max)])));
        for p in catalog.active_in(pillar) {
            let mark = match draft.picks.iter().position(|id| *id == p.id) {
                Some(i) => format!("{}✓ ", i + 1),
                None => String::new(),
            };
            let label =
                format!("{mark}{} · {}", p.id, short(labels::proposal_title(p, lang), BUTTON_TITLE_CHARS));
            screen = screen.row(vec![button(label, StaffAction::PaperPick(p.id.clone()))]);
        }
        if !draft.picks.is_empty() {
            screen = screen.row(vec![
                button(t(lang, "btn-paper-unpick"), StaffAction::PaperUnpick),
                button(
                    tr(lang, "btn-paper-choices-done", &[arg("count", draft.picks.len())]),
                    StaffAction::PaperChoicesDone,
                ),
            ]);
        }
        return screen.row(cancel_row(lang));
    }
    let correct = button(t(lang, "btn-paper-correct"), StaffAction::PaperUnpick);
    let save = button(t(lang, "btn-paper-save"), StaffAction::PaperSave);
    match draft.asking {
        Some(field) => {
            let question = tr(
                lang,
                "paper-ask-field",
                &[arg("field", escape(&labels::field_name(catalog, lang, field)))],
            );
            let mut screen = Screen::new(format!("{summary}\n\n{question}"));
            let options: Vec<_> = catalog
                .options(field)
                .into_iter()
                .map(|code| {
                    button(
                        labels::answer_label(catalog, lang, field, Some(code)),
                        StaffAction::PaperAnswer(field, Some(code.to_string())),
                    )
                })
                .collect();
            for pair in options.chunks(2) {
                screen = screen.row(pair.to_vec());
            }
            screen
                .row(vec![button(t(lang, "btn-paper-skip"), StaffAction::PaperAnswer(field, None))])
                .row(vec![save, correct])
                .row(cancel_row(lang))
        }
        None => Screen::new(format!("{summary}\n\n{}", t(lang, "paper-ask-confirm")))
            .row(vec![save])
            .row(vec![correct])
            .row(cancel_row(lang)),
    }
}

fn points_screen(catalog: &Catalog, lang: Lang) -> Screen {
    if catalog.voting_points.is_empty() {
        return Screen::new(t(lang, "paper-no-points"));
    }
    let mut screen = Screen::new(t(lang, "paper-choose-point"));
    for p in &catalog.voting_points {
        screen = screen.row(vec![button(p.label.get(lang), StaffAction::PaperPoint(p.code.clone()))]);
    }
    screen
}

impl StaffTurn {
    /// Why sheets cannot be entered now, as a reply; `None` if they can.
    fn paper_refusal(&self) -> Option<Reply> {
        let lang = self.lang();
        let c = &self.catalog.consultation;
        let grace = self.settings.paper_grace_hours;
        if paper::entry_open(Utc::now(), c.opens_at, c.closes_at, grace) {
            return None;
        }
        let text = match (c.opens_at, paper::entry_deadline(c.closes_at, grace)) {
            (Some(opens), _) if Utc::now() < opens => {
                tr(lang, "paper-not-yet", &[arg("date", views::date(&opens, &self.settings, lang))])
            }
            (_, Some(deadline)) => {
                tr(lang, "paper-closed", &[arg("date", views::date(&deadline, &self.settings, lang))])
            }
            _ => t(lang, "paper-closed-now"),
        };
        Some(Reply::screen(Screen::new(text.clone())).with_notice(crate::bot::ui::strip_tags(&text)))
    }

    /// The screen waiting for the next sheet number at `point`, after `header`
    /// (what just happened, if anything): the point's count and the undo button.
    async fn paper_prompt(&self, point: &str, header: Option<String>) -> Result<Screen> {
        let lang = self.lang();
        let count = db::paper::count_at(&self.pool, point).await?;
        let mut text = header.map(|h| format!("{h}\n\n")).unwrap_or_default();
        text.push_str(&tr(
            lang,
            "paper-prompt",
            &[arg("point", escape(&point_label(&self.catalog, point, lang))), arg("count", count)],
        ));
        let c = &self.catalog.consultation;
        if let Some(deadline) = paper::entry_deadline(c.closes_at, self.settings.paper_grace_hours) {
            text.push('\n');
            text.push_str(&tr(
                lang,
                "paper-deadline",
                &[arg("date", views::date(&deadline, &self.settings, lang))],
            ));
        }
        text.push_str("\n\n");
        text.push_str(&t(lang, "paper-ask-sheet"));
        let mut screen = Screen::new(text);
        if let Some(last) = db::paper::last_entered(&self.pool, self.ctx.user_id, point).await? {
            screen = screen.row(vec![button(
                tr(lang, "btn-paper-undo", &[arg("sheet", last.sheet.sheet)]),
                StaffAction::PaperUndo(last.id),
            )]);
        }
        Ok(screen.row(vec![button(t(lang, "btn-paper-change-point"), StaffAction::PaperChangePoint)]))
    }

    fn known_point(&self, code: &str) -> bool {
        self.catalog.voting_points.iter().any(|p| p.code == code)
    }

    /// `/papeleta`: resumes the entry where it was, or starts at the voting point
    /// this staff member last used, or asks for one.
    pub(crate) async fn paper_start(&mut self) -> Result<Reply> {
        if let Some(refusal) = self.paper_refusal() {
            return Ok(refusal);
        }
        let lang = self.lang();
        if self.catalog.voting_points.is_empty() {
            return Ok(Reply::screen(points_screen(&self.catalog, lang)));
        }
        if let State::Paper { point: Some(point), draft } = self.state.clone()
            && self.known_point(&point)
        {
            return Ok(Reply::screen(match draft {
                Some(draft) => draft_screen(&self.catalog, &point, &draft, lang),
                None => self.paper_prompt(&point, None).await?,
            }));
        }
        let last =
            db::paper::last_point_of(&self.pool, self.ctx.user_id).await?.filter(|p| self.known_point(p));
        let only =
            (self.catalog.voting_points.len() == 1).then(|| self.catalog.voting_points[0].code.clone());
        match last.or(only) {
            Some(point) => {
                self.set_state(State::Paper { point: Some(point.clone()), draft: None }).await?;
                Ok(Reply::screen(self.paper_prompt(&point, None).await?))
            }
            None => {
                self.set_state(State::Paper { point: None, draft: None }).await?;
                Ok(Reply::screen(points_screen(&self.catalog, lang)))
            }
        }
    }

    /// A message during the entry: the number of the next sheet.
    pub(crate) async fn paper_message(&mut self, msg: &Message) -> Result<Reply> {
        let lang = self.lang();
        let State::Paper { point, draft } = self.state.clone() else {
            return Ok(Reply::default());
        };
        let Some(point) = point.filter(|p| self.known_point(p)) else {
            return Ok(Reply::screen(points_screen(&self.catalog, lang))
                .with_notice(t(lang, "notice-paper-choose-point")));
        };
        if let Some(draft) = draft {
            return Ok(Reply::screen(draft_screen(&self.catalog, &point, &draft, lang))
                .with_notice(t(lang, "notice-paper-use-buttons")));
        }
        let Some(sheet) = msg.text().and_then(paper::parse_sheet_number) else {
            let header = t(lang, "paper-not-a-number");
            return Ok(Reply::screen(self.paper_prompt(&point, Some(header)).await?));
        };
        if let Some(refusal) = self.paper_refusal() {
            return Ok(refusal);
        }
        if let Some(stored) = db::paper::find(&self.pool, &point, sheet).await? {
            let header = stored_summary(&self.catalog, &stored, lang, &self.settings);
            let header = format!("{}\n{header}", t(lang, "paper-duplicate"));
            return Ok(Reply::screen(self.paper_prompt(&point, Some(header)).await?));
        }
        let mut draft = PaperDraft::new(sheet);
        if self.catalog.pillars.len() == 1 {
            draft.pillar = Some(self.catalog.pillars[0].key.clone());
        }
        self.set_state(State::Paper { point: Some(point.clone()), draft: Some(draft.clone()) }).await?;
        Ok(Reply::screen(draft_screen(&self.catalog, &point, &draft, lang)))
    }

    /// Where the entry stands when a button does not fit it (an older screen's).
    async fn paper_stale(&mut self) -> Result<Reply> {
        let notice = t(self.lang(), "notice-stale");
        Ok(self.paper_start().await?.with_notice(notice))
    }

    /// The actions that need no sheet in progress: choosing the voting point,
    /// changing it, undoing a sheet. `None` for the others.
    async fn paper_point_action(&mut self, action: &StaffAction) -> Result<Option<Reply>> {
        let lang = self.lang();
        Ok(Some(match action {
            StaffAction::PaperPoint(code) => {
                if !self.known_point(code) {
                    return self.paper_stale().await.map(Some);
                }
                self.set_state(State::Paper { point: Some(code.clone()), draft: None }).await?;
                Reply::screen(self.paper_prompt(code, None).await?)
            }
            StaffAction::PaperChangePoint => {
                self.set_state(State::Paper { point: None, draft: None }).await?;
                Reply::screen(points_screen(&self.catalog, lang))
            }
            StaffAction::PaperUndo(id) => self.paper_undo(*id).await?,
            _ => return Ok(None),
        }))
    }

    pub(crate) async fn paper_action(&mut self, action: StaffAction) -> Result<Reply> {
        let lang = self.lang();
        if let Some(refusal) = self.paper_refusal() {
            return Ok(refusal);
        }
        if let Some(reply) = self.paper_point_action(&action).await? {
            return Ok(reply);
        }
        let State::Paper { point: Some(point), draft: Some(mut draft) } = self.state.clone() else {
            return self.paper_stale().await;
        };
        let mut notice = None;
        match action {
            StaffAction::PaperPillar(key) => {
                if self.catalog.pillar(&key).is_none() || draft.choices_done {
                    return self.paper_stale().await;
                }
                if draft.pillar.as_deref() != Some(key.as_str()) {
                    draft.pillar = Some(key);
                    draft.picks.clear();
                }
            }
            StaffAction::PaperPick(id) => {
                if draft.choices_done || draft.pillar.is_none() {
                    return self.paper_stale().await;
                }
                match draft.pick(&self.catalog, &id) {
                    Ok(()) if draft.is_full(&self.catalog) => {
                        draft.choices_done = true;
                        draft.asking = Some(ProfileField::Localidad);
                    }
                    Ok(()) => {}
                    Err(BallotError::AlreadyChosen(_)) => notice = Some(t(lang, "notice-already-chosen")),
                    Err(BallotError::Full) => notice = Some(t(lang, "notice-ballot-full")),
                    Err(_) => notice = Some(t(lang, "notice-proposal-unavailable")),
                }
            }
            StaffAction::PaperUnpick => {
                if draft.choices_done {
                    draft.choices_done = false;
                    draft.asking = None;
                }
                draft.picks.pop();
            }
            StaffAction::PaperChoicesDone => {
                if draft.picks.is_empty() || draft.choices_done {
                    return self.paper_stale().await;
                }
                draft.choices_done = true;
                draft.asking = Some(ProfileField::Localidad);
            }
            StaffAction::PaperAnswer(field, code) => {
                let offered = code.as_deref().is_none_or(|c| self.catalog.is_answer(field, c));
                if draft.asking != Some(field) || !offered {
                    return self.paper_stale().await;
                }
                draft.answer(field, code);
            }
            StaffAction::PaperSave => return self.paper_save(point, draft).await,
            StaffAction::PaperCancel => {
                self.set_state(State::Paper { point: Some(point.clone()), draft: None }).await?;
                let header = tr(lang, "paper-discarded", &[arg("sheet", draft.sheet)]);
                return Ok(Reply::screen(self.paper_prompt(&point, Some(header)).await?)
                    .with_notice(t(lang, "notice-paper-discarded")));
            }
            _ => return self.paper_stale().await,
        }
        self.set_state(State::Paper { point: Some(point.clone()), draft: Some(draft.clone()) }).await?;
        let reply = Reply::screen(draft_screen(&self.catalog, &point, &draft, lang));
        Ok(match notice {
            Some(n) => reply.with_notice(n),
            None => reply,
        })
    }

    /// Stores the sheet; the next screen is built only after the commit, which
    /// also leaves the dialogue waiting for the next sheet.
    async fn paper_save(&mut self, point: String, draft: PaperDraft) -> Result<Reply> {
        let lang = self.lang();
        let sheet = match draft.finish(&self.catalog, &point) {
            Ok(sheet) => sheet,
            Err(_) => {
                return Ok(Reply::screen(draft_screen(&self.catalog, &point, &draft, lang))
                    .with_notice(t(lang, "notice-pick-first")));
            }
        };
        let next = State::Paper { point: Some(point.clone()), draft: None };
        let json = serde_json::to_string(&next).map_err(|e| Error::Corrupt(e.to_string()))?;
        match db::paper::enter(&self.pool, &sheet, self.ctx.user_id, self.ctx.chat_id.0, &json).await? {
            Entered::Saved { .. } => {
                self.state_written(next);
                let header = tr(
                    lang,
                    "paper-saved",
                    &[
                        arg("sheet", sheet.sheet),
                        arg("pillar", views::pillar_label(&self.catalog, &sheet.ballot.pillar, lang)),
                    ],
                );
                Ok(Reply::screen(self.paper_prompt(&point, Some(header)).await?).with_notice(tr(
                    lang,
                    "notice-paper-saved",
                    &[arg("sheet", sheet.sheet)],
                )))
            }
            Entered::Duplicate(stored) => {
                self.set_state(next).await?;
                let header = stored_summary(&self.catalog, &stored, lang, &self.settings);
                let header = format!("{}\n{header}", t(lang, "paper-duplicate"));
                Ok(Reply::screen(self.paper_prompt(&point, Some(header)).await?)
                    .with_notice(t(lang, "notice-paper-duplicate")))
            }
        }
    }

    async fn paper_undo(&mut self, id: i64) -> Result<Reply> {
        let lang = self.lang();
        match db::paper::undo(&self.pool, self.ctx.user_id, id).await? {
            Some(stored) => {
                let point = stored.sheet.point.clone();
                self.set_state(State::Paper { point: Some(point.clone()), draft: None }).await?;
                let header = format!(
                    "{}\n{}",
                    tr(lang, "paper-undone", &[arg("sheet", stored.sheet.sheet)]),
                    stored_summary(&self.catalog, &stored, lang, &self.settings)
                );
                Ok(Reply::screen(self.paper_prompt(&point, Some(header)).await?).with_notice(tr(
                    lang,
                    "notice-paper-undone",
                    &[arg("sheet", stored.sheet.sheet)],
                )))
            }
            None => {
                let notice = t(lang, "notice-paper-nothing-to-undo");
                Ok(self.paper_start().await?.with_notice(notice))
            }
        }
    }
}
