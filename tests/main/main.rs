//! The integration suite: one binary, a module per concern. Every flow runs the
//! real `handler_tree()` against a real SQLite file; only Telegram is faked.

mod admin;
mod bad_input;
mod broadcast;
mod catalog;
mod citizen_path;
mod city_template;
mod data_rights;
mod export;
mod fake_api;
mod fake_api_selftest;
mod faults;
mod followup;
mod ideas;
mod intake;
mod integrity;
mod interactive;
mod kill_faults;
mod locales;
mod moderation;
mod paper;
mod readability;
mod recordings;
mod report;
mod results;
mod roles;
mod service;
mod support;
mod tally;
mod verification;
mod voting;
