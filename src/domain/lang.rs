//! The languages the bot speaks.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Es,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Es, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Telegram's `language_code` is an IETF tag ("en-US", "es-419"): only English
    /// switches away from the default.
    pub fn from_telegram(code: Option<&str>, default: Lang) -> Lang {
        match code {
            Some(c) if c.to_ascii_lowercase().starts_with("en") => Lang::En,
            Some(c) if c.to_ascii_lowercase().starts_with("es") => Lang::Es,
            _ => default,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_telegram_codes_select_english_and_others_the_default() {
        assert_eq!(Lang::from_telegram(Some("en-US"), Lang::Es), Lang::En);
        assert_eq!(Lang::from_telegram(Some("es-419"), Lang::En), Lang::Es);
        assert_eq!(Lang::from_telegram(Some("pt-BR"), Lang::Es), Lang::Es);
        assert_eq!(Lang::from_telegram(None, Lang::En), Lang::En);
    }
}
