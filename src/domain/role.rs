//! Who runs the consultation: admins and facilitators, by Telegram user id.

use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Citizen,
    /// A member of the Comité de Seguimiento Ciudadano: a citizen who also
    /// posts observations on the plan's commitments (named by admins).
    Comite,
    Facilitator,
    Admin,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    pub admins: HashSet<i64>,
    pub facilitators: HashSet<i64>,
}

impl Role {
    /// Facilitators and admins: the Alcaldía's staff.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Facilitator | Role::Admin)
    }
}

impl Roles {
    pub fn of(&self, telegram_user_id: i64) -> Role {
        if self.admins.contains(&telegram_user_id) {
            Role::Admin
        } else if self.facilitators.contains(&telegram_user_id) {
            Role::Facilitator
        } else {
            Role::Citizen
        }
    }

    /// Facilitators and admins moderate ideas.
    pub fn is_staff(&self, telegram_user_id: i64) -> bool {
        self.of(telegram_user_id).is_staff()
    }

    /// Parses a comma- or space-separated list of Telegram user ids.
    pub fn parse_ids(list: &str) -> Result<HashSet<i64>, String> {
        list.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<i64>().map_err(|_| s.to_string()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_come_from_id_lists() {
        let roles = Roles {
            admins: Roles::parse_ids("1, 2").unwrap(),
            facilitators: Roles::parse_ids("2 3").unwrap(),
        };
        assert_eq!(roles.of(1), Role::Admin);
        assert_eq!(roles.of(2), Role::Admin);
        assert_eq!(roles.of(3), Role::Facilitator);
        assert_eq!(roles.of(4), Role::Citizen);
        assert!(roles.is_staff(3) && !roles.is_staff(4));
        assert_eq!(Roles::parse_ids("12,@ana"), Err("@ana".to_string()));
        assert!(Roles::parse_ids("").unwrap().is_empty());
    }
}
