//! The screens of personal data.

pub mod screens;
