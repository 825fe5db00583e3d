package dev.steward.security;

/**
 * Reads the security settings for other modules (audit retention, masking). Cached briefly per instance, so a
 * change made on another instance applies within the cache's lifetime ({@code steward.security.settings.cache}).
 */
public interface SecuritySettingsSource {

	SecuritySettings current();
}
