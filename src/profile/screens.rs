//! The profile questions (territory, sector, age range) and their answers.

use crate::{
    bot::views::*,
    bot::{
        callback::Action,
        ui::{Screen, button},
    },
    domain::{Catalog, Citizen, Lang, ProfileField},
    i18n::{arg, t, tr},
    labels,
};
use teloxide::utils::html::escape;

/// The text of one stored answer, or "no answer", ready for HTML.
pub fn answer_label(lang: Lang, catalog: &Catalog, field: ProfileField, code: Option<&str>) -> String {
    escape(&labels::answer_label(catalog, lang, field, code))
}

/// A profile question's name as a list of answers heads it, ready for HTML.
pub(crate) fn field_name(lang: Lang, catalog: &Catalog, field: ProfileField) -> String {
    escape(&labels::field_name(catalog, lang, field))
}

/// The territorial unit's name inside a sentence: "¿En qué comuna vives?".
pub(crate) fn in_sentence(lang: Lang, catalog: &Catalog) -> String {
    escape(&labels::territory_name(catalog, lang).to_lowercase())
}

pub fn question(
    lang: Lang,
    catalog: &Catalog,
    field: ProfileField,
    citizen: &Citizen,
    intro: bool,
) -> Screen {
    let mut text = String::new();
    if intro {
        text.push_str(&t(lang, "profile-intro"));
        text.push_str("\n\n");
    }
    text.push_str(&tr(
        lang,
        &format!("profile-q-{}", field.code()),
        &[arg("territory", in_sentence(lang, catalog))],
    ));
    text.push_str("\n\n");
    text.push_str(&tr(
        lang,
        "profile-current",
        &[arg("answer", answer_label(lang, catalog, field, citizen.profile.code(field)))],
    ));
    let mut screen = Screen::new(text);
    for code in catalog.options(field) {
        screen = screen.row(vec![button(
            labels::answer_label(catalog, lang, field, Some(code)),
            Action::Answer(field, Some(code.to_string())),
        )]);
    }
    screen
        .row(vec![button(t(lang, "btn-skip"), Action::Answer(field, None))])
        .row(vec![button(t(lang, "btn-go-vote"), Action::VoteNext)])
}

pub fn profile_done(
    lang: Lang,
    catalog: &Catalog,
    citizen: &Citizen,
    settings: &crate::config::Settings,
) -> Screen {
    let mut text = t(lang, "profile-done");
    text.push('\n');
    for field in ProfileField::ALL {
        text.push_str(&format!(
            "\n• {}: {}",
            field_name(lang, catalog, field),
            answer_label(lang, catalog, field, citizen.profile.code(field))
        ));
    }
    if settings.phone_verification().is_some() && citizen.verified_at.is_none() {
        text.push_str("\n\n");
        text.push_str(&t(lang, "verify-hint"));
    }
    Screen::new(text)
        .row(vec![button(t(lang, "btn-go-vote"), Action::VoteNext)])
        .row(vec![menu_button(lang)])
        .row(vec![button(t(lang, "btn-profile-change"), Action::Question(ProfileField::Localidad))])
}
