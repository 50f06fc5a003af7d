//! The optional profile: where a citizen lives, the sector they come from and their
//! age range. Every answer is optional and voting never depends on it. The answers
//! offered are the catalog's lists (see `Catalog::options`) plus the generic ones here.

use serde::{Deserialize, Serialize};

/// "Prefer not to say": offered for every question, named by the locale files.
pub const NO_ANSWER: &str = "na";
/// "Outside the city": offered for the territorial unit, named by the locale files.
pub const OUTSIDE: &str = "out";

/// The generic answers of a question, after the city's own.
pub fn generic_answers(field: ProfileField) -> &'static [&'static str] {
    match field {
        ProfileField::Localidad => &[OUTSIDE, NO_ANSWER],
        ProfileField::Sector | ProfileField::AgeRange => &[NO_ANSWER],
    }
}

/// Codes a catalog may not give to its own answers.
pub fn is_reserved(code: &str) -> bool {
    code == NO_ANSWER || code == OUTSIDE
}

/// An answer set, each `None` until the citizen answers ("prefer not to say" is an
/// answer of its own). Codes are the catalog's; a code the catalog no longer has
/// is kept and shown as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The territorial unit (localidad, comuna...).
    pub localidad: Option<String>,
    pub sector: Option<String>,
    pub age_range: Option<String>,
}

/// The profile questions, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProfileField {
    /// The territorial unit the citizen lives in.
    Localidad,
    Sector,
    AgeRange,
}

impl ProfileField {
    pub const ALL: [ProfileField; 3] =
        [ProfileField::Localidad, ProfileField::Sector, ProfileField::AgeRange];

    pub fn code(self) -> &'static str {
        match self {
            ProfileField::Localidad => "l",
            ProfileField::Sector => "s",
            ProfileField::AgeRange => "a",
        }
    }

    pub fn from_code(code: &str) -> Option<ProfileField> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn next(self) -> Option<ProfileField> {
        match self {
            ProfileField::Localidad => Some(ProfileField::Sector),
            ProfileField::Sector => Some(ProfileField::AgeRange),
            ProfileField::AgeRange => None,
        }
    }

    /// The database column that stores this answer.
    pub fn column(self) -> &'static str {
        match self {
            ProfileField::Localidad => "localidad",
            ProfileField::Sector => "sector",
            ProfileField::AgeRange => "age_range",
        }
    }
}

impl Profile {
    /// The stored code of one answer, if given.
    pub fn code(&self, field: ProfileField) -> Option<&str> {
        match field {
            ProfileField::Localidad => self.localidad.as_deref(),
            ProfileField::Sector => self.sector.as_deref(),
            ProfileField::AgeRange => self.age_range.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_codes_round_trip_and_generic_answers_are_reserved() {
        for field in ProfileField::ALL {
            assert_eq!(ProfileField::from_code(field.code()), Some(field));
            assert!(generic_answers(field).iter().all(|c| is_reserved(c)));
        }
        assert!(!is_reserved("l1"));
    }
}
