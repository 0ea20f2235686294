//! Getting in and out: login and logout (sign-up, confirmation and reset join here).

pub mod device;
pub mod invitation;
pub mod login;
pub mod my_data;
pub mod reminders;
pub mod reset;
pub mod settings;
pub mod signup;
