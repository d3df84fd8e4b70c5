//! Bearer tokens for operators and agents.
//!
//! A token reads `mnd_<token id>.<secret>`. The id locates the stored record; the secret is 32
//! random bytes of which only a SHA-256 digest is stored. A fast digest is the right tool here:
//! the secret has 256 bits of entropy, so there is nothing for a slow password hash to protect,
//! and a request path must not spend milliseconds on it. Digests are compared in constant time.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand_core::{OsRng, RngCore as _};
use secrecy::{ExposeSecret as _, SecretString};
use subtle::ConstantTimeEq as _;

use crate::canonical::Digest;

const PREFIX: &str = "mnd_";

/// A freshly issued token: the clear text is shown once and then dropped.
pub struct IssuedToken {
    /// Where the token is stored; not secret.
    pub id: String,
    /// What is stored instead of the secret.
    pub secret_digest: Digest,
    /// The whole token, to hand to its holder exactly once.
    pub token: SecretString,
}

/// Creates a new random token.
pub fn issue() -> IssuedToken {
    let mut id = [0u8; 12];
    let mut secret = [0u8; 32];
    OsRng.fill_bytes(&mut id);
    OsRng.fill_bytes(&mut secret);
    let id = hex::encode(id);
    let secret_text = URL_SAFE_NO_PAD.encode(secret);
    let secret_digest = Digest::of(secret_text.as_bytes());
    let token = SecretString::from(format!("{PREFIX}{id}.{secret_text}"));
    IssuedToken {
        id,
        secret_digest,
        token,
    }
}

/// A token as presented in an `Authorization` header, split but not yet checked.
pub struct PresentedToken {
    /// The id part.
    pub id: String,
    secret: SecretString,
}

impl PresentedToken {
    /// Splits a presented token; `None` if it cannot be a Mandate token at all.
    pub fn parse(raw: &str) -> Option<PresentedToken> {
        let rest = raw.strip_prefix(PREFIX)?;
        let (id, secret) = rest.split_once('.')?;
        let id_ok = id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit());
        let secret_ok = secret.len() == 43
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        (id_ok && secret_ok).then(|| PresentedToken {
            id: id.to_owned(),
            secret: SecretString::from(secret.to_owned()),
        })
    }

    /// Whether the secret matches a stored digest, compared in constant time.
    pub fn matches(&self, stored: &Digest) -> bool {
        let presented = Digest::of(self.secret.expose_secret().as_bytes());
        presented.0.ct_eq(&stored.0).into()
    }
}

impl std::fmt::Debug for PresentedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PresentedToken({}.<redacted>)", self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_verify_and_others_do_not() {
        let t = issue();
        let p = PresentedToken::parse(t.token.expose_secret()).unwrap();
        assert_eq!(p.id, t.id);
        assert!(p.matches(&t.secret_digest));
        let other = issue();
        assert!(!p.matches(&other.secret_digest));
        assert!(!format!("{p:?}").contains(&t.token.expose_secret()[30..]));
    }

    #[test]
    fn garbage_is_not_a_token() {
        for raw in ["", "mnd_", "Bearer x", "mnd_abc.def", &"mnd_".repeat(40)] {
            assert!(PresentedToken::parse(raw).is_none(), "{raw}");
        }
    }
}
