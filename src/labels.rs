//! Names of catalog and domain things in one language, as plain text (no HTML):
//! shared by the chat screens (which escape them) and the export files.

use crate::{
    domain::{Catalog, Channel, Lang, Pillar, ProfileField, Proposal, RejectReason, profile},
    i18n::{arg, t, tr},
};
use chrono::{DateTime, TimeZone};
use chrono_tz::Tz;

/// A date and time in `tz`, in the language's own format (`date-time-format`).
pub fn date<Z: TimeZone>(at: &DateTime<Z>, tz: Tz, lang: Lang) -> String {
    at.with_timezone(&tz).format(&t(lang, "date-time-format")).to_string()
}

/// What the city's territorial unit is called: "Localidad", "Comuna".
pub fn territory_name(catalog: &Catalog, lang: Lang) -> String {
    catalog.territory.name.get(lang).to_string()
}

/// The name of a profile question, as a list of answers heads it.
pub fn field_name(catalog: &Catalog, lang: Lang, field: ProfileField) -> String {
    match field {
        ProfileField::Localidad => territory_name(catalog, lang),
        _ => t(lang, &format!("profile-field-{}", field.code())),
    }
}

/// The text of one stored answer, or "not answered". A code the catalog no
/// longer offers shows as it is.
pub fn answer_label(catalog: &Catalog, lang: Lang, field: ProfileField, code: Option<&str>) -> String {
    let Some(code) = code else { return t(lang, "profile-unanswered") };
    if let Some(choice) = catalog.choice(field, code) {
        return choice.label.get(lang).to_string();
    }
    match code {
        profile::NO_ANSWER => t(lang, "profile-no-answer"),
        profile::OUTSIDE if field == ProfileField::Localidad => match &catalog.territory.outside {
            Some(label) => label.get(lang).to_string(),
            None => tr(lang, "profile-outside", &[arg("city", catalog.consultation.city.clone())]),
        },
        other => other.to_string(),
    }
}

pub fn pillar_name(p: &Pillar, lang: Lang) -> &str {
    match lang {
        Lang::En => p.name_en.as_deref().unwrap_or(&p.name),
        Lang::Es => &p.name,
    }
}

pub fn proposal_title(p: &Proposal, lang: Lang) -> &str {
    match lang {
        Lang::En => p.title_en.as_deref().unwrap_or(&p.title),
        Lang::Es => &p.title,
    }
}

/// Where a proposal comes from: its mesa, or the virtual consultation for ideas.
pub fn proposal_source(p: &Proposal, lang: Lang) -> String {
    if p.from_idea { t(lang, "proposal-source-idea") } else { p.source.clone() }
}

/// The source stored for a proposal promoted from an idea: the default language's
/// wording, for whoever reads the table itself (screens and exports use [`proposal_source`]).
pub fn stored_idea_source() -> String {
    t(Lang::default(), "proposal-source-idea")
}

pub fn reason_label(lang: Lang, reason: RejectReason) -> String {
    t(lang, &format!("reason-{}", reason.code()))
}

/// A ballot channel's name: "virtual", "presencial".
/// The two parts of the virtual channel when phones are verified.
pub fn verification_name(lang: Lang, verified: bool) -> String {
    t(lang, if verified { "channel-verified" } else { "channel-unverified" })
}

pub fn channel_name(lang: Lang, channel: Channel) -> String {
    t(
        lang,
        match channel {
            Channel::Virtual => "channel-virtual",
            Channel::Presencial => "channel-presencial",
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_each_language_s_own_way() {
        let at = DateTime::parse_from_rfc3339("2022-11-30T23:59:00-05:00").unwrap();
        let tz = chrono_tz::America::Bogota;
        assert_eq!(date(&at, tz, Lang::Es), "30/11/2022 23:59");
        assert_eq!(date(&at, tz, Lang::En), "30 Nov 2022, 23:59");
    }

    #[test]
    fn a_promoted_idea_names_the_virtual_consultation_in_each_language() {
        let mut p = Proposal {
            id: "CV-001".into(),
            pillar: "a".into(),
            title: "t".into(),
            title_en: None,
            text: "t".into(),
            problem: None,
            source: stored_idea_source(),
            from_idea: true,
            withdrawn: false,
        };
        assert_eq!(p.source, "Consulta virtual");
        assert_eq!(proposal_source(&p, Lang::En), "Virtual consultation");
        p.from_idea = false;
        p.source = "Mesa Alcaldía".into();
        assert_eq!(proposal_source(&p, Lang::En), "Mesa Alcaldía");
    }
}
