//! The optional profile: where a citizen lives, the sector they come from and their
//! age range. Every answer is optional and voting never depends on it.

use serde::{Deserialize, Serialize};

/// An answer set, each `None` until the citizen answers ("prefer not to say" is an
/// answer of its own).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub localidad: Option<Localidad>,
    pub sector: Option<Sector>,
    pub age_range: Option<AgeRange>,
}

/// The profile questions, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProfileField {
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

    /// The codes of the answers offered for this question, in display order.
    pub fn options(self) -> &'static [&'static str] {
        match self {
            ProfileField::Localidad => Localidad::CODES,
            ProfileField::Sector => Sector::CODES,
            ProfileField::AgeRange => AgeRange::CODES,
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

macro_rules! coded_enum {
    ($name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const CODES: &'static [&'static str] = &[$($code),+];

            /// A short stable code, used in the database and in callback data.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

coded_enum!(Localidad {
    Historica => "l1",
    Virgen => "l2",
    Industrial => "l3",
    Outside => "out",
    NoAnswer => "na",
});

coded_enum!(Sector {
    Citizen => "citizen",
    Communal => "jac",
    Academia => "academia",
    Ngo => "ngo",
    PopulationGroup => "group",
    PublicServant => "public",
    NoAnswer => "na",
});

coded_enum!(AgeRange {
    Under18 => "u18",
    From18To28 => "18-28",
    From29To44 => "29-44",
    From45To59 => "45-59",
    Over60 => "60+",
    NoAnswer => "na",
});

impl AgeRange {
    /// Under 18: taking part needs a parent's or guardian's authorisation.
    pub fn is_minor(self) -> bool {
        self == AgeRange::Under18
    }
}

impl Profile {
    /// Whether `code` is the answer of someone under 18.
    pub fn is_minor_age(code: &str) -> bool {
        AgeRange::from_code(code).is_some_and(AgeRange::is_minor)
    }

    /// The stored code of one answer, if given.
    pub fn code(&self, field: ProfileField) -> Option<&'static str> {
        match field {
            ProfileField::Localidad => self.localidad.map(Localidad::code),
            ProfileField::Sector => self.sector.map(Sector::code),
            ProfileField::AgeRange => self.age_range.map(AgeRange::code),
        }
    }

    /// Whether `code` is a valid answer to `field`.
    pub fn is_valid(field: ProfileField, code: &str) -> bool {
        field.options().contains(&code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_fit_in_callback_data() {
        for field in ProfileField::ALL {
            assert_eq!(ProfileField::from_code(field.code()), Some(field));
            for code in field.options() {
                assert!(Profile::is_valid(field, code));
                assert!(code.len() <= 8);
            }
        }
        assert_eq!(Localidad::from_code("l2"), Some(Localidad::Virgen));
        assert_eq!(AgeRange::from_code("60+"), Some(AgeRange::Over60));
        assert!(!Profile::is_valid(ProfileField::Sector, "l1"));
    }
}
