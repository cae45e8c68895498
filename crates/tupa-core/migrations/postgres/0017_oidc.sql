-- OpenID Connect relying party (client identification, FTN profile).

-- Our own keys: one current signing key and one current encryption key; a rotated key keeps
-- `retired_at` and stays published (and usable for decryption) for a grace period.
-- The private key is PKCS#8 DER, encrypted with TUPA_SECRET_KEY (see secrets.rs).
CREATE TABLE oidc_keys (
    kid TEXT PRIMARY KEY NOT NULL,
    key_use TEXT NOT NULL,
    alg TEXT NOT NULL,
    private_key TEXT NOT NULL,
    public_jwk TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT
);
-- At most one current key per use, so instances racing to make the first keys agree.
CREATE UNIQUE INDEX oidc_keys_current ON oidc_keys (key_use) WHERE retired_at IS NULL;

-- A started sign-in, until its callback (one-time; any instance can finish it).
CREATE TABLE oidc_flows (
    state_digest TEXT PRIMARY KEY NOT NULL,
    purpose TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX oidc_flows_expiry ON oidc_flows (expires_at);

-- The personal identity code, only as a keyed hash (HMAC-SHA256), for matching a person who
-- comes back under another subject (pairwise subjects differ per broker).
ALTER TABLE external_identities ADD COLUMN person_hash TEXT;
CREATE INDEX external_identities_person ON external_identities (person_hash);

-- How a session was identified: the level of assurance and when the provider identified.
ALTER TABLE user_sessions ADD COLUMN acr TEXT;
ALTER TABLE user_sessions ADD COLUMN identified_at BIGINT;
