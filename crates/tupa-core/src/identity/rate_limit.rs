//! Throttles of the sign-in and recovery steps, on the atomic counters of `crate::throttle`.
//!
//! Guessing a password or a code counts per account and per client address; each attempt
//! counts when it starts and a right answer gives it back, so the limits are exact under
//! concurrency. Password-reset requests have counters of their own: asking for a reset link
//! must never lock the owner out of signing in (anyone can ask for anyone's reset).

use crate::db::Db;
use crate::error::Result;
use crate::throttle::{self, Limit};

pub const WINDOW_SECS: i64 = 15 * 60;
/// Wrong passwords and codes per account within the window.
pub const ACCOUNT: Limit = Limit::new(5, WINDOW_SECS);
/// Wrong passwords and codes from one address within the window (offices share addresses).
pub const ADDRESS: Limit = Limit::new(30, WINDOW_SECS);
/// Reset links sent to one account within the window: enough for a person who mistyped,
/// too few to flood a mailbox.
pub const RESET_ACCOUNT: Limit = Limit::new(3, WINDOW_SECS);
/// Reset requests from one address within the window.
pub const RESET_ADDRESS: Limit = Limit::new(20, WINDOW_SECS);

fn account_key(email: &str) -> String {
    format!("sign-in:account:{}", email.to_lowercase())
}

fn address_key(ip: &str) -> String {
    format!("sign-in:address:{ip}")
}

/// Counts a guess (password or code) for the account and the address; refuses with
/// `RateLimited` when either has failed too often lately.
pub async fn begin_guess(db: &Db, email: &str, ip: &str) -> Result<()> {
    let (account, address) = (account_key(email), address_key(ip));
    throttle::hit_all(db, &[(&account, ACCOUNT), (&address, ADDRESS)]).await
}

/// The guess was right: the account's failures are forgiven and the address gets its
/// attempt back (it counts only failures).
pub async fn guessed_right(db: &Db, email: &str, ip: &str) -> Result<()> {
    throttle::clear(db, &account_key(email)).await?;
    throttle::refund(db, &address_key(ip)).await
}

/// The owner proved control of the mailbox (a reset link was used): the account's lock ends.
pub async fn forgive_account(db: &Db, email: &str) -> Result<()> {
    throttle::clear(db, &account_key(email)).await
}

/// Counts a password-reset request; refuses when the account or the address asked too often.
pub async fn reset_requested(db: &Db, email: &str, ip: &str) -> Result<()> {
    let account = format!("reset:account:{}", email.to_lowercase());
    let address = format!("reset:address:{ip}");
    throttle::hit_all(db, &[(&account, RESET_ACCOUNT), (&address, RESET_ADDRESS)]).await
}
