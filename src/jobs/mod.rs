//! Background work beside the intake: not handlers, nothing calls them back.

pub mod broadcasts;
pub mod digests;
