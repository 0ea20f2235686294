//! Getting in and out: login and logout (sign-up, confirmation and reset join here).

pub mod login;
pub mod signup;
