//! What verifying a phone says. Every screen that answers a shared contact
//! takes the contact keyboard away; the one that asks shows it.

use crate::{
    bot::{
        ui::{ReplyKeyboard, Screen},
        views::{date, pillar_label},
    },
    config::Settings,
    domain::{Catalog, Lang, Unverified},
    i18n::{arg, t, tr},
};
use chrono::{DateTime, Utc};

fn closing(text: String) -> Screen {
    Screen { reply_keyboard: Some(ReplyKeyboard::Remove), ..Screen::new(text) }
}

fn pillars(lang: Lang, catalog: &Catalog, keys: &[String]) -> String {
    keys.iter().map(|k| pillar_label(catalog, k, lang)).collect::<Vec<_>>().join(", ")
}

/// What verifying is for and what is kept, with Telegram's contact button.
/// `current_notice`: whether they already accepted the notice that covers it.
pub fn ask(lang: Lang, current_notice: bool) -> Screen {
    let mut text = t(lang, "verify-ask");
    if !current_notice {
        text.push_str("\n\n");
        text.push_str(&t(lang, "verify-ask-notice"));
    }
    Screen {
        reply_keyboard: Some(ReplyKeyboard::AskContact {
            share: t(lang, "verify-btn-share"),
            not_now: t(lang, "verify-btn-not-now"),
        }),
        ..Screen::new(text)
    }
}

pub fn not_asked(lang: Lang) -> Screen {
    closing(t(lang, "verify-not-asked"))
}

pub fn already(lang: Lang, at: &DateTime<Utc>, settings: &Settings) -> Screen {
    closing(tr(lang, "verify-already", &[arg("date", date(at, settings, lang))]))
}

pub fn not_own(lang: Lang) -> Screen {
    closing(t(lang, "verify-not-own"))
}

pub fn foreign(lang: Lang, prefixes: &[String]) -> Screen {
    closing(tr(lang, "verify-foreign", &[arg("prefixes", prefixes.join(", "))]))
}

pub fn invalid(lang: Lang) -> Screen {
    closing(t(lang, "verify-invalid"))
}

pub fn verified(lang: Lang) -> Screen {
    closing(t(lang, "verify-done"))
}

/// Verified, but the number already voted in some pillars from another account.
pub fn verified_but_voted(lang: Lang, catalog: &Catalog, voted: &[String]) -> Screen {
    closing(tr(lang, "verify-done-voted-elsewhere", &[arg("pillars", pillars(lang, catalog, voted))]))
}

/// Not verified: both accounts of this number voted in these pillars.
pub fn conflict(lang: Lang, catalog: &Catalog, both: &[String]) -> Screen {
    closing(tr(lang, "verify-conflict", &[arg("pillars", pillars(lang, catalog, both))]))
}

pub fn not_now(lang: Lang, settings: &Settings) -> Screen {
    let key = match settings.unverified {
        Unverified::Count => "verify-not-now-counted",
        Unverified::Separate => "verify-not-now-separate",
    };
    closing(t(lang, key))
}

/// Told when a ballot is refused because the number voted from another account.
pub fn number_already_voted(lang: Lang, catalog: &Catalog, pillar: &str) -> String {
    tr(lang, "verify-number-already-voted", &[arg("pillar", pillar_label(catalog, pillar, lang))])
}
