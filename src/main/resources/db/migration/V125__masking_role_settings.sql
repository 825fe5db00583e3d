-- Which roles see unmasked data; a role without a row uses the default (ADMIN unmasked, others masked).
CREATE TABLE masking_role_settings (
    role          VARCHAR(20)   NOT NULL PRIMARY KEY,
    view_unmasked BOOLEAN       NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by    VARCHAR(100)  NOT NULL
);
