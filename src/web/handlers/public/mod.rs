//! Pages anyone can read: the call, its calendar and contacts, the legal pages, the health check.

pub mod communes;
pub mod directory;
pub mod events;
pub mod health;
pub mod interest;
pub mod opendata;
pub mod pages;
pub mod poles;
pub mod promotion;
pub mod supporters;
