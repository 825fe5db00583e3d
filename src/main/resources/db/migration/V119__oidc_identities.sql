-- Single sign-on: a Steward user is linked to an OIDC identity by the provider's issuer and the subject it gives
-- the person (never by e-mail or name, which a provider may reassign). One identity, one user.
CREATE TABLE oidc_identities (
    issuer        VARCHAR(512)             NOT NULL,
    subject       VARCHAR(255)             NOT NULL,
    provider      VARCHAR(32)              NOT NULL,
    user_id       UUID                     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX oidc_identities_user_idx ON oidc_identities (user_id);
