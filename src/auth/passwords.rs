//! Password hashing with argon2id (OWASP minimums: m = 19 MiB, t = 2, p = 1), off the async
//! runtime and behind a cap, so that a burst of logins cannot starve page serving.

use std::sync::{Arc, OnceLock};

use tokio::sync::Semaphore;

use crate::domain::password::NewPassword;

/// Hashes and verifies passwords on the blocking pool, at most `permits` at once.
#[derive(Debug, Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    /// A real hash to verify against when the account does not exist, so that an unknown
    /// address costs the same time as a wrong password. Made on first use, not at start-up
    /// (hashing costs tens of milliseconds).
    decoy: Arc<OnceLock<String>>,
}

impl Passwords {
    pub fn new(concurrency: usize) -> Passwords {
        Passwords {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            decoy: Arc::new(OnceLock::new()),
        }
    }

    pub async fn hash(&self, password: NewPassword) -> anyhow::Result<String> {
        let _permit = self.permits.acquire().await?;
        let hash =
            tokio::task::spawn_blocking(move || password_auth::generate_hash(password.expose()))
                .await?;
        Ok(hash)
    }

    /// Whether `password` matches `hash`; with no hash, the decoy is verified and the answer is no.
    pub async fn verify(&self, password: String, hash: Option<String>) -> anyhow::Result<bool> {
        let _permit = self.permits.acquire().await?;
        let decoy = self.decoy.clone();
        let ok = tokio::task::spawn_blocking(move || match hash {
            Some(hash) => password_auth::verify_password(password, &hash).is_ok(),
            None => {
                let decoy = decoy.get_or_init(|| password_auth::generate_hash("decoy for timing"));
                let _ = password_auth::verify_password(password, decoy);
                false
            }
        })
        .await?;
        Ok(ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_is_argon2id_at_owasp_parameters_and_verifies_only_its_password() {
        let passwords = Passwords::new(2);
        let chosen = NewPassword::parse("coopération territoriale", "a@b.fr").expect("valid");
        let hash = passwords.hash(chosen).await.expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(
            passwords
                .verify("coopération territoriale".into(), Some(hash.clone()))
                .await
                .expect("v")
        );
        assert!(
            !passwords.verify("coopération territoriales".into(), Some(hash)).await.expect("v")
        );
        assert!(!passwords.verify("anything".into(), None).await.expect("v"));
    }
}
