//! Who may run what. A handler for staff or admins takes a proof of the role,
//! and the only way to get one is the filter node of the handler tree that
//! checks it: code a citizen's update reaches cannot hold a [`Staff`], so it
//! cannot call into moderation, broadcasts or administration.

use crate::{bot::citizen::Turn, domain::Role};
use std::ops::{Deref, DerefMut};

/// The update comes from a facilitator or an admin.
#[derive(Debug, Clone, Copy)]
pub struct Staff {
    _checked: (),
}

/// The update comes from an admin.
#[derive(Debug, Clone, Copy)]
pub struct Admin {
    _checked: (),
}

/// The update comes from a member of the Comité de Seguimiento.
#[derive(Debug, Clone, Copy)]
pub struct Comite {
    _checked: (),
}

/// The filter node for facilitators and admins.
pub fn staff(role: Role) -> Option<Staff> {
    role.is_staff().then_some(Staff { _checked: () })
}

/// The filter node for the Comité's members.
pub fn comite(role: Role) -> Option<Comite> {
    (role == Role::Comite).then_some(Comite { _checked: () })
}

/// The filter node that makes a Comité member's turn.
pub fn comite_turn(turn: Turn) -> Option<ComiteTurn> {
    comite(turn.ctx.role).map(|_proof| ComiteTurn { turn })
}

/// A turn of a member of the Comité: the only place its observations and late
/// flags are written, and it can only be made with a [`Comite`].
#[derive(Clone)]
pub struct ComiteTurn {
    turn: Turn,
}

impl Deref for ComiteTurn {
    type Target = Turn;
    fn deref(&self) -> &Turn {
        &self.turn
    }
}

impl DerefMut for ComiteTurn {
    fn deref_mut(&mut self) -> &mut Turn {
        &mut self.turn
    }
}

/// The filter node for admins.
pub fn admin(role: Role) -> Option<Admin> {
    (role == Role::Admin).then_some(Admin { _checked: () })
}

impl From<Admin> for Staff {
    fn from(_: Admin) -> Staff {
        Staff { _checked: () }
    }
}

/// The filter node that makes a facilitator's or admin's turn.
pub fn staff_turn(turn: Turn) -> Option<StaffTurn> {
    staff(turn.ctx.role).map(|proof| StaffTurn::new(turn, proof))
}

/// The filter node that makes an admin's turn.
pub fn admin_turn(turn: Turn) -> Option<AdminTurn> {
    admin(turn.ctx.role).map(|proof| AdminTurn::new(turn, proof))
}

/// A turn of a facilitator or an admin: the only place moderation and
/// broadcasts are written, and it can only be made with a [`Staff`].
#[derive(Clone)]
pub struct StaffTurn {
    turn: Turn,
}

impl StaffTurn {
    pub(crate) fn new(turn: Turn, _: Staff) -> StaffTurn {
        StaffTurn { turn }
    }
}

/// A turn of an admin: the phase, roles and exports, on top of what staff do.
#[derive(Clone)]
pub struct AdminTurn {
    turn: StaffTurn,
}

impl AdminTurn {
    pub(crate) fn new(turn: Turn, admin: Admin) -> AdminTurn {
        AdminTurn { turn: StaffTurn::new(turn, admin.into()) }
    }
}

impl Deref for StaffTurn {
    type Target = Turn;
    fn deref(&self) -> &Turn {
        &self.turn
    }
}

impl DerefMut for StaffTurn {
    fn deref_mut(&mut self) -> &mut Turn {
        &mut self.turn
    }
}

impl Deref for AdminTurn {
    type Target = StaffTurn;
    fn deref(&self) -> &StaffTurn {
        &self.turn
    }
}

impl DerefMut for AdminTurn {
    fn deref_mut(&mut self) -> &mut StaffTurn {
        &mut self.turn
    }
}
