package dev.steward.backup;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.SafeText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A storage target to create or replace. LOCAL needs {@code path} (absolute, under an allowed root); S3 needs
 * {@code bucket} and takes {@code endpoint} (http(s), for non-AWS services), {@code region}, {@code prefix},
 * {@code pathStyle} and credentials. On update, a credential left out keeps its stored value; {@code ""} removes it.
 */
public record StorageTargetDraft(@NotBlank @Size(max = 100) @SafeText String name, @NotNull StorageTargetKind kind,
		@Nullable @Size(max = 1000) @SafeText String path, @Nullable @Size(max = 500) @SafeText String endpoint,
		@Nullable @Size(max = 64) @SafeText String region, @Nullable @Size(max = 63) @SafeText String bucket,
		@Nullable @Size(max = 200) @SafeText String prefix, @Nullable Boolean pathStyle,
		@Nullable @Size(max = 256) String accessKey, @Nullable @Size(max = 256) String secretKey) {

	@Override
	public String toString() {
		return "StorageTargetDraft[name=" + name + ", kind=" + kind + ", path=" + path + ", endpoint=" + endpoint
				+ ", bucket=" + bucket + "]";
	}
}
