package dev.steward.dataimport;

import java.time.Instant;
import java.util.UUID;

/** A file uploaded for an import; it is deleted after its import or at {@code expiresAt}. */
public record UploadView(UUID id, UUID connectionId, String name, long size, Instant uploadedAt, Instant expiresAt) {
}
