//! Optional verified phones: one ballot per pillar per phone number.
//!
//! With `CONSULTA_VERIFICATION=phone` a citizen may share their own phone
//! number once, with Telegram's "share my contact" button. The number itself is
//! never stored: only a keyed hash of it (HMAC-SHA256 with `CONSULTA_PHONE_KEY`),
//! so a second Telegram account with the same number is recognised while the
//! database alone does not reveal anyone's number. Verification never blocks
//! reading, ideas or voting: whether an unverified ballot counts with the
//! others or is reported apart is the consultation's choice
//! (`CONSULTA_UNVERIFIED`).

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Whether the consultation asks for a verified phone (`CONSULTA_VERIFICATION`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verification {
    #[default]
    None,
    Phone,
}

impl Verification {
    pub fn from_code(code: &str) -> Option<Verification> {
        match code {
            "none" => Some(Verification::None),
            "phone" => Some(Verification::Phone),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Verification::None => "none",
            Verification::Phone => "phone",
        }
    }
}

/// What happens to the ballots of citizens who did not verify
/// (`CONSULTA_UNVERIFIED`): counted with the others, or reported apart, like
/// the paper channel, with the published rankings counting verified ones only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unverified {
    #[default]
    Count,
    Separate,
}

impl Unverified {
    pub fn from_code(code: &str) -> Option<Unverified> {
        match code {
            "count" => Some(Unverified::Count),
            "separate" => Some(Unverified::Separate),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Unverified::Count => "count",
            Unverified::Separate => "separate",
        }
    }
}

/// The secret the phone hashes are keyed with. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct PhoneKey(Vec<u8>);

/// Fewest bytes a key may have: shorter keys can be guessed with the numbers.
pub const MIN_KEY_BYTES: usize = 16;

impl PhoneKey {
    /// `None` when the key is shorter than [`MIN_KEY_BYTES`].
    pub fn new(key: &str) -> Option<PhoneKey> {
        (key.len() >= MIN_KEY_BYTES).then(|| PhoneKey(key.as_bytes().to_vec()))
    }

    /// The keyed hash of a normalised number (`+573001234567`), as 64 hex digits.
    pub fn hash(&self, number: &PhoneNumber) -> String {
        // HMAC accepts keys of any length: `new_from_slice` cannot fail for it.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).unwrap_or_else(|_| unreachable!());
        mac.update(number.0.as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl std::fmt::Debug for PhoneKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PhoneKey(…)")
    }
}

/// A number in international form, `+` and digits only. Held in memory while
/// it is hashed; never stored, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl std::fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PhoneNumber(…)")
    }
}

/// Why a shared number is not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneError {
    /// Not a phone number (too short, too long, letters).
    Invalid,
    /// Its country code is not one the consultation accepts.
    Foreign,
}

/// Telegram gives numbers with or without `+`, sometimes with spaces or dashes.
/// A number is taken when it has 8 to 15 digits (E.164) and starts with one of
/// `prefixes` (`+57`); an empty list accepts every country.
pub fn normalise(raw: &str, prefixes: &[String]) -> Result<PhoneNumber, PhoneError> {
    let trimmed = raw.trim();
    let body = trimmed.strip_prefix('+').unwrap_or(trimmed);
    if body.chars().any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.'))) {
        return Err(PhoneError::Invalid);
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    if !(8..=15).contains(&digits.len()) {
        return Err(PhoneError::Invalid);
    }
    let number = format!("+{digits}");
    if !prefixes.is_empty() && !prefixes.iter().any(|p| number.starts_with(p.as_str())) {
        return Err(PhoneError::Foreign);
    }
    Ok(PhoneNumber(number))
}

/// Whether `prefix` is a country code as the catalog writes it: `+` and 1 to 4 digits.
pub fn valid_prefix(prefix: &str) -> bool {
    prefix
        .strip_prefix('+')
        .is_some_and(|d| (1..=4).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn co() -> Vec<String> {
        vec!["+57".to_owned()]
    }

    #[test]
    fn numbers_with_and_without_plus_are_the_same_number() {
        let a = normalise("573001234567", &co()).unwrap();
        let b = normalise("+57 300 123-4567", &co()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn a_number_of_another_country_is_foreign_and_junk_is_invalid() {
        assert_eq!(normalise("+34600123456", &co()), Err(PhoneError::Foreign));
        assert_eq!(normalise("12345", &co()), Err(PhoneError::Invalid));
        assert_eq!(normalise("+57abc1234567", &co()), Err(PhoneError::Invalid));
        assert!(normalise("+34600123456", &[]).is_ok(), "no list accepts every country");
    }

    #[test]
    fn the_hash_depends_on_the_key_and_never_shows_the_number() {
        let n = normalise("+573001234567", &co()).unwrap();
        let k1 = PhoneKey::new("a-sixteen-byte-key!").unwrap();
        let k2 = PhoneKey::new("another-secret-key!").unwrap();
        let h1 = k1.hash(&n);
        assert_eq!(h1.len(), 64);
        assert_eq!(h1, k1.hash(&n), "same key, same number, same hash");
        assert_ne!(h1, k2.hash(&n), "another key gives another hash");
        assert!(!h1.contains("3001234567"));
        assert_eq!(format!("{n:?} {k1:?}"), "PhoneNumber(…) PhoneKey(…)");
        assert!(PhoneKey::new("short").is_none());
    }

    #[test]
    fn prefixes_are_a_plus_and_a_few_digits() {
        assert!(valid_prefix("+57"));
        assert!(valid_prefix("+1"));
        assert!(!valid_prefix("57"));
        assert!(!valid_prefix("+57a"));
        assert!(!valid_prefix("+"));
    }
}
