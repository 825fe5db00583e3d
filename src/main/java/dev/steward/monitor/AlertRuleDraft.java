package dev.steward.monitor;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.SafeText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A rule as a person writes it. {@code hysteresis} null takes 5 % of the threshold; {@code renotifyMinutes} 0 never
 * repeats; {@code channelIds} empty sends to every channel subscribed to the ALERT topic; {@code windowMinutes}
 * (null: 60) is the window of the job-failures check.
 */
public record AlertRuleDraft(@NotBlank @Size(max = 100) @SafeText String name, @NotBlank @Size(max = 48) String metric,
		@NotNull AlertComparison comparison, @NotNull Double threshold, @Nullable Double hysteresis,
		@Min(0) @Max(86_400) int forSeconds, @NotNull AlertLevel level, @NotNull AlertScope scope,
		@Nullable @Size(max = 100) String scopeValue, @Nullable @Size(max = 20) List<UUID> channelIds,
		@Min(0) @Max(10_080) int renotifyMinutes, boolean enabled, @Nullable @Min(1) @Max(10_080) Integer windowMinutes) {
}
