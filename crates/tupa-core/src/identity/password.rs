//! Passwords: argon2id with a per-password salt (the argon2 crate's defaults, which follow
//! OWASP's minimum parameters).

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};

use crate::error::{Error, Result};

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 1024;

/// A password that meets the policy.
pub struct Password(String);

impl Password {
    pub fn parse(input: &str) -> Result<Password> {
        let len = input.chars().count();
        if len < MIN_LENGTH {
            return Err(Error::invalid("password", "password-too-short"));
        }
        if len > MAX_LENGTH {
            return Err(Error::invalid("password", "password-too-long"));
        }
        Ok(Password(input.to_string()))
    }

    pub fn hash(&self) -> Result<String> {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(self.0.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Unexpected(anyhow::anyhow!("password hashing failed: {e}")))
    }
}

/// True when `password` matches the stored hash.
pub fn verify(stored_hash: &str, password: &str) -> bool {
    match PasswordHash::new(stored_hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Verifies against a fixed dummy hash so that an unknown e-mail address costs as much time
/// as a wrong password (no account enumeration by timing).
pub fn burn_time(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY
        .get_or_init(|| Password("dummy-password-for-timing".into()).hash().unwrap_or_default());
    let _ = verify(hash, password);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_verifies_only_the_same_password() {
        let hash = Password::parse("correct horse battery").unwrap().hash().unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify(&hash, "correct horse battery"));
        assert!(!verify(&hash, "correct horse batterz"));
        assert!(!verify("not a hash", "x"));
    }

    #[test]
    fn short_password_refused() {
        assert_eq!(Password::parse("lyhyt").err().unwrap().code(), "password-too-short");
    }

    #[test]
    fn long_password_refused_at_the_limit() {
        assert!(Password::parse(&"ä".repeat(MAX_LENGTH)).is_ok());
        let long = "ä".repeat(MAX_LENGTH + 1);
        assert_eq!(Password::parse(&long).err().unwrap().code(), "password-too-long");
    }
}
