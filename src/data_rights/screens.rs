//! The screens of personal data: the privacy notice and consent, a minor's guardian, /mis_datos, erasure.

use crate::{
    bot::views::*,
    bot::{
        callback::Action,
        ui::{Screen, button},
    },
    config::Settings,
    domain::{Ballot, Catalog, Citizen, Idea, Lang, ProfileField},
    i18n::{arg, t, tr},
};
use chrono::DateTime;
use teloxide::utils::html::escape;

/// The privacy notice: its short first layer (who, what, why, your rights),
/// or, with `full`, the whole text. Its version is kept with each decision, not shown.
pub fn privacy(
    lang: Lang,
    catalog: &Catalog,
    citizen: Option<&Citizen>,
    settings: &Settings,
    full: bool,
) -> Screen {
    let c = &catalog.consultation;
    let controller = c.data_controller.clone().unwrap_or_else(|| t(lang, "privacy-default-controller"));
    let contact = c.privacy_contact.as_deref().map_or_else(
        || t(lang, "privacy-contact-bot"),
        |contact| tr(lang, "privacy-contact", &[arg("contact", escape(contact))]),
    );
    let mut text = tr(
        lang,
        if full { "privacy-notice" } else { "privacy-short" },
        &[
            arg("controller", escape(&controller)),
            arg("contact", contact),
            arg("territory", crate::profile::screens::in_sentence(lang, catalog)),
            arg("phone", settings.verification.code()),
        ],
    );
    let consent = citizen.and_then(|c| c.consent.as_ref());
    if let Some(consent) = consent {
        let key = if consent.accepted { "privacy-status-accepted" } else { "privacy-status-declined" };
        text.push_str("\n\n");
        text.push_str(&tr(lang, key, &[arg("date", date(&consent.at, settings, lang))]));
    }
    let mut screen = Screen::new(text);
    if !full {
        screen = screen.row(vec![button(t(lang, "btn-read-full-notice"), Action::PrivacyFull)]);
    }
    match citizen.filter(|c| c.may_vote()) {
        Some(_) => screen
            .row(vec![menu_button(lang)])
            .row(vec![button(t(lang, "btn-profile"), Action::Question(ProfileField::Localidad))]),
        _ => screen.row(vec![
            button(t(lang, "btn-accept"), Action::Consent(true)),
            button(t(lang, "btn-decline"), Action::Consent(false)),
        ]),
    }
}

pub fn declined(lang: Lang) -> Screen {
    Screen::new(t(lang, "consent-declined"))
        .row(vec![button(t(lang, "btn-read-proposals"), Action::Menu)])
        .row(vec![button(t(lang, "btn-read-notice"), Action::Privacy)])
}

/// Asked of someone who said they are under 18, before anything is stored.
pub fn guardian_question(lang: Lang, age: &str) -> Screen {
    Screen::new(t(lang, "guardian-question"))
        .row(vec![button(t(lang, "btn-guardian-yes"), Action::Guardian { age: age.to_string(), yes: true })])
        .row(vec![button(t(lang, "btn-guardian-no"), Action::Guardian { age: age.to_string(), yes: false })])
        .row(vec![button(t(lang, "btn-guardian-back"), Action::Question(ProfileField::AgeRange))])
}

/// A minor without authorisation: what was removed and how to come back.
pub fn minor_declined(lang: Lang, ballots: u64) -> Screen {
    Screen::new(tr(lang, "guardian-declined", &[arg("ballots", ballots)]))
        .row(vec![button(t(lang, "btn-read-proposals"), Action::Menu)])
        .row(vec![button(t(lang, "btn-read-notice"), Action::Privacy)])
}

pub fn consent_needed(lang: Lang) -> Screen {
    Screen::new(t(lang, "consent-needed"))
        .row(vec![button(t(lang, "btn-read-notice"), Action::Privacy)])
        .row(vec![button(t(lang, "btn-back-to-pillars"), Action::Menu)])
}

/// Everything stored about one person, for `/mis_datos`.
pub struct StoredData<'a> {
    pub citizen: Option<&'a Citizen>,
    pub ballots: &'a [(Ballot, DateTime<chrono::Utc>)],
    pub ideas: &'a [Idea],
    pub history: &'a [crate::domain::Consent],
    pub draft: Option<&'a str>,
    /// What they follow of the plan, since when.
    pub follows: &'a [(crate::domain::followup::Followed, DateTime<chrono::Utc>)],
}

pub fn my_data(lang: Lang, catalog: &Catalog, stored: &StoredData<'_>, settings: &Settings) -> Screen {
    let StoredData { citizen, ballots, ideas, history, draft, follows } = *stored;
    let Some(c) = citizen else {
        return Screen::new(t(lang, "my-data-nothing"));
    };
    let decision = |k: &crate::domain::Consent| {
        let key = match (k.accepted, k.guardian) {
            (true, true) => "my-data-consent-guardian",
            (true, false) => "my-data-consent-accepted",
            (false, _) => "my-data-consent-declined",
        };
        tr(lang, key, &[arg("date", date(&k.at, settings, lang)), arg("version", escape(&k.version))])
    };
    let consent = match &c.consent {
        Some(k) => decision(k),
        None => t(lang, "my-data-consent-none"),
    };
    let mut text = tr(
        lang,
        "my-data",
        &[
            arg("telegram_id", c.telegram_user_id.to_string()),
            arg("language", t(lang, &format!("language-{}", c.language.code()))),
            arg("since", date(&c.created_at, settings, lang)),
            arg("consent", consent),
        ],
    );
    if !history.is_empty() {
        text.push_str("\n• ");
        text.push_str(&t(lang, "my-data-consent-history"));
        for k in history {
            text.push_str(&format!("\n   – {}", decision(k)));
        }
    }
    for field in ProfileField::ALL {
        text.push_str(&format!(
            "\n• {}: {}",
            crate::profile::screens::field_name(lang, catalog, field),
            crate::profile::screens::answer_label(lang, catalog, field, c.profile.code(field))
        ));
    }
    if let Some(at) = &c.verified_at {
        text.push_str("\n• ");
        text.push_str(&tr(lang, "my-data-verified", &[arg("date", date(at, settings, lang))]));
    }
    text.push_str("\n• ");
    text.push_str(&t(lang, if c.muted { "my-data-updates-muted" } else { "my-data-updates-on" }));
    text.push_str("\n• ");
    text.push_str(&t(lang, "my-data-follows"));
    if follows.is_empty() {
        text.push(' ');
        text.push_str(&t(lang, "my-data-follows-none"));
    }
    for (followed, at) in follows {
        let what = match followed {
            crate::domain::followup::Followed::Plan => t(lang, "my-data-follows-plan"),
            crate::domain::followup::Followed::Commitment(id) => {
                tr(lang, "my-data-follows-commitment", &[arg("id", escape(id))])
            }
        };
        text.push_str(&format!("\n   – {what} ({})", date(at, settings, lang)));
    }
    text.push_str("\n\n");
    text.push_str(&t(lang, "my-data-ballots"));
    if ballots.is_empty() {
        text.push('\n');
        text.push_str(&t(lang, "my-votes-none"));
    }
    for (b, at) in ballots {
        text.push_str(&format!(
            "\n<b>{}</b> — {}\n",
            pillar_label(catalog, &b.pillar, lang),
            date(at, settings, lang)
        ));
        text.push_str(&crate::voting::screens::ranking(lang, catalog, &b.choices));
    }
    text.push_str("\n\n");
    text.push_str(&t(lang, "my-data-ideas"));
    if ideas.is_empty() {
        text.push('\n');
        text.push_str(&t(lang, "my-ideas-none"));
    }
    // Every idea, newest first, with its full words, transcription and problem.
    for idea in ideas.iter().rev() {
        text.push('\n');
        text.push_str(&crate::ideas::screens::idea_in_full(lang, catalog, idea, settings));
    }
    if let Some(draft) = draft {
        text.push_str("\n\n");
        text.push_str(draft);
    }
    text.push_str("\n\n");
    text.push_str(&t(lang, "my-data-footer"));
    Screen::new(text)
}

pub fn erase_confirm(lang: Lang) -> Screen {
    Screen::new(t(lang, "erase-confirm")).row(vec![
        button(t(lang, "btn-erase-yes"), Action::Erase(true)),
        button(t(lang, "btn-erase-no"), Action::Erase(false)),
    ])
}

pub fn erased(lang: Lang, ballots: u64) -> Screen {
    Screen::new(tr(lang, "erase-done", &[arg("ballots", ballots)]))
}
