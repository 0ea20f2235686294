//! Who is asking: password hashing, one-time tokens, sessions and the current account.

pub mod passwords;
pub mod permissions;
pub mod session;
pub mod throttle;
pub mod tokens;
