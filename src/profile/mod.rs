//! The profile questions (territory, sector, age range) and their answers..

pub mod screens;
