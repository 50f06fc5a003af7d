//! consulta: a Telegram bot for the virtual consultation phase of an OGP Local
//! co-creation process.

pub mod app;
pub mod bot;
pub mod chart;
pub mod cli;
pub mod config;
pub mod db;
pub mod doctor;
pub mod domain;
pub mod error;
pub mod export;
pub mod i18n;
pub mod intake;
pub mod labels;

/// The catalog shipped with the bot, loaded on first start.
pub const DEFAULT_CATALOG: &str = include_str!("../catalog/cartagena-2022.toml");

/// The documented example another city copies to make its own catalog: placeholder
/// names, two pillars. The tests run whole journeys on it.
pub const TEMPLATE_CATALOG: &str = include_str!("../catalog/plantilla.toml");
