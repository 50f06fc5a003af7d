//! Texts read aloud: facilitators record the welcome, a pillar's summary or a
//! proposal as a voice note (`/grabar`: pick what, send the note, hear it back,
//! keep or redo); citizens get "🔊 Escuchar" wherever that text is shown, in
//! their language only. Only Telegram's file id is stored.

use crate::{
    bot::{
        StaffAction,
        callback::Action,
        citizen::{Reply, Turn},
        roles::StaffTurn,
        state::State,
        ui::{Screen, button},
        views,
    },
    db,
    domain::{IdeaContent, recording::Target},
    error::Result,
    i18n::{arg, t, tr},
};
use teloxide::types::Message;

/// What a target is called on the facilitator's screens.
fn target_name(turn: &Turn, target: &Target) -> String {
    let lang = turn.lang();
    match target {
        Target::Welcome => t(lang, "record-welcome"),
        Target::Pillar(key) => {
            tr(lang, "record-summary-of", &[arg("pillar", views::pillar_label(&turn.catalog, key, lang))])
        }
        Target::Proposal(id) => turn.catalog.proposal(id).map_or_else(
            || id.clone(),
            |p| format!("{} · {}", teloxide::utils::html::escape(id), views::proposal_title(p, lang)),
        ),
    }
}

/// Whether a target still names something the catalog shows.
fn exists(turn: &Turn, target: &Target) -> bool {
    match target {
        Target::Welcome => true,
        Target::Pillar(key) => turn.catalog.pillar(key).is_some(),
        Target::Proposal(id) => turn.catalog.proposal(id).is_some_and(|p| !p.withdrawn),
    }
}

impl Turn {
    /// `screen` with "🔊 Escuchar" below it when `target` has a recording in
    /// the reader's language.
    pub(crate) async fn with_listen(&self, screen: Screen, target: Target) -> Result<Screen> {
        let lang = self.lang();
        Ok(match db::recordings::get(&self.pool, &target, lang).await? {
            Some(_) => screen.row(vec![button(t(lang, "btn-listen"), Action::Listen(target))]),
            None => screen,
        })
    }

    /// The recording, sent by its file id once the press is answered (a
    /// message says so should it fail).
    pub(crate) async fn listen(&self, target: &Target) -> Result<Reply> {
        let lang = self.lang();
        let Some(file_id) = db::recordings::get(&self.pool, target, lang).await? else {
            return Ok(Reply::default().with_notice(t(lang, "listen-gone")));
        };
        Ok(Reply { media: Some(IdeaContent::Voice { file_id, duration_secs: 0 }), ..Reply::default() })
    }
}

impl StaffTurn {
    /// `/grabar`: what can be recorded, in the facilitator's language.
    pub(crate) async fn record_start(&mut self) -> Result<Reply> {
        if matches!(self.state, State::Recording { .. }) {
            self.set_state(State::Idle).await?;
        }
        let lang = self.lang();
        let recorded = db::recordings::proposals_recorded(&self.pool, &self.catalog).await?;
        let mut screen = Screen::new(tr(
            lang,
            "record-menu",
            &[arg("language", t(lang, &format!("language-{}", lang.code()))), arg("recorded", recorded)],
        ))
        .row(vec![button(t(lang, "record-welcome"), StaffAction::RecordTarget(Target::Welcome))]);
        for pillar in &self.catalog.pillars {
            screen = screen.row(vec![button(
                views::pillar_name(pillar, lang),
                StaffAction::RecordPillar(pillar.key.clone()),
            )]);
        }
        Ok(Reply::screen(screen))
    }

    pub(crate) async fn record_action(&mut self, action: StaffAction) -> Result<Reply> {
        let lang = self.lang();
        match action {
            StaffAction::RecordMenu => self.record_start().await,
            StaffAction::RecordPillar(key) => {
                let Some(pillar) = self.catalog.pillar(&key) else { return self.record_start().await };
                let mut text = tr(lang, "record-pillar", &[arg("pillar", views::pillar_name(pillar, lang))]);
                let proposals = self.catalog.active_in(&key);
                for (i, p) in proposals.iter().enumerate() {
                    text.push_str(&format!("\n<b>{}.</b> {}", i + 1, views::proposal_title(p, lang)));
                }
                let mut screen = Screen::new(text).row(vec![button(
                    t(lang, "record-summary"),
                    StaffAction::RecordTarget(Target::Pillar(key)),
                )]);
                let numbers: Vec<_> = proposals
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        button(
                            format!("{}", i + 1),
                            StaffAction::RecordTarget(Target::Proposal(p.id.clone())),
                        )
                    })
                    .collect();
                for chunk in numbers.chunks(5) {
                    screen = screen.row(chunk.to_vec());
                }
                Ok(Reply::screen(screen.row(vec![button(t(lang, "btn-back"), StaffAction::RecordMenu)])))
            }
            StaffAction::RecordTarget(target) if exists(self, &target) => {
                let name = target_name(self, &target);
                self.set_state(State::Recording { target, lang, pending: None }).await?;
                Ok(Reply::screen(
                    Screen::new(tr(lang, "record-send", &[arg("what", name)]))
                        .row(vec![button(t(lang, "btn-cancel"), StaffAction::RecordCancel)]),
                ))
            }
            StaffAction::RecordKeep => match self.state.clone() {
                State::Recording { target, lang: recorded_in, pending: Some(file_id) } => {
                    db::recordings::save(&self.pool, &target, recorded_in, &file_id).await?;
                    let name = target_name(self, &target);
                    self.set_state(State::Idle).await?;
                    Ok(Reply::screen(
                        Screen::new(tr(lang, "record-kept", &[arg("what", name)]))
                            .row(vec![button(t(lang, "record-another"), StaffAction::RecordMenu)]),
                    ))
                }
                _ => Ok(self.record_stale().await?),
            },
            StaffAction::RecordRedo => match self.state.clone() {
                State::Recording { target, lang: recorded_in, .. } => {
                    let name = target_name(self, &target);
                    self.set_state(State::Recording { target, lang: recorded_in, pending: None }).await?;
                    Ok(Reply::screen(
                        Screen::new(tr(lang, "record-send", &[arg("what", name)]))
                            .row(vec![button(t(lang, "btn-cancel"), StaffAction::RecordCancel)]),
                    ))
                }
                _ => Ok(self.record_stale().await?),
            },
            StaffAction::RecordCancel => {
                if matches!(self.state, State::Recording { .. }) {
                    self.set_state(State::Idle).await?;
                }
                Ok(Reply::screen(
                    Screen::new(t(lang, "record-cancelled"))
                        .row(vec![button(t(lang, "record-another"), StaffAction::RecordMenu)]),
                ))
            }
            // A stale or forged target, or any other button routed here.
            _ => Ok(self.record_stale().await?),
        }
    }

    async fn record_stale(&mut self) -> Result<Reply> {
        let lang = self.lang();
        Ok(self.record_start().await?.with_notice(t(lang, "notice-stale")))
    }

    /// The message while recording: a voice note is sent back to be heard,
    /// with keep and redo; anything else gets a reminder.
    pub(crate) async fn recording_message(&mut self, msg: &Message) -> Result<Reply> {
        let lang = self.lang();
        let State::Recording { target, lang: recorded_in, .. } = self.state.clone() else {
            return Ok(Reply::screen(Screen::new(t(lang, "not-understood"))));
        };
        let Some(voice) = msg.voice() else {
            return Ok(Reply::screen(
                Screen::new(t(lang, "record-voice-only"))
                    .row(vec![button(t(lang, "btn-cancel"), StaffAction::RecordCancel)]),
            ));
        };
        let file_id = voice.file.id.0.clone();
        self.set_state(State::Recording { target, lang: recorded_in, pending: Some(file_id.clone()) })
            .await?;
        // Heard back as citizens will hear it: sent by its file id.
        let media = IdeaContent::Voice { file_id, duration_secs: voice.duration.seconds() };
        Ok(Reply {
            media: Some(media),
            ..Reply::screen(
                Screen::new(t(lang, "record-check"))
                    .row(vec![
                        button(t(lang, "record-keep"), StaffAction::RecordKeep),
                        button(t(lang, "record-redo"), StaffAction::RecordRedo),
                    ])
                    .row(vec![button(t(lang, "btn-cancel"), StaffAction::RecordCancel)]),
            )
        })
    }
}
