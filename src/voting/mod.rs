//! The screens of reading and voting.

pub mod screens;
