//! consulta: a Telegram bot for the virtual consultation phase of an OGP Local
//! co-creation process.

pub mod admin;
pub mod allocator;
pub mod app;
pub mod bot;
pub mod broadcasts;
pub mod chart;
pub mod cli;
pub mod config;
pub mod data_rights;
pub mod db;
pub mod doctor;
pub mod domain;
pub mod error;
pub mod export;
pub mod followup;
pub mod i18n;
pub mod ideas;
pub mod intake;
pub mod integrity;
pub mod jobs;
pub mod labels;
pub mod moderation;
pub mod paper;
pub mod profile;
pub mod progress;
pub mod recordings;
pub mod report;
pub mod results;
pub mod verification;
pub mod voting;

/// The catalog shipped with the bot, loaded on first start.
pub const DEFAULT_CATALOG: &str = include_str!("../catalog/cartagena-2022.toml");

/// The documented example another city copies to make its own catalog: placeholder
/// names, two pillars. The tests run whole journeys on it.
pub const TEMPLATE_CATALOG: &str = include_str!("../catalog/plantilla.toml");
