package dev.steward.security.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.security.UserLimits;
import dev.steward.security.internal.UserLimitStore;
import dev.steward.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A user's own limits, overriding the defaults of the security settings. */
@RestController
@RequestMapping("/api/users/{id}/limits")
@Tag(name = "Users")
@PreAuthorize("hasRole('ADMIN')")
class UserLimitsController {

	/** {@code null}: the default of the security settings applies. */
	record LimitsUpdate(@Nullable @Min(1) @Max(1000) Integer maxConsoleSessions,
			@Nullable @Min(1) @Max(1000) Integer maxRunningStatements) {
	}

	/** The user's overrides and the limits in force (override or default). */
	record LimitsView(UserLimits.Limits overrides, UserLimits.Limits effective) {
	}

	private final UserLimitStore limits;

	UserLimitsController(UserLimitStore limits) {
		this.limits = limits;
	}

	@Operation(summary = "A user's limits: their overrides and the limits in force")
	@GetMapping
	@PreAuthorize("hasRole('ADMIN')")
	LimitsView get(@PathVariable UUID id) {
		limits.requireUser(id);
		return new LimitsView(limits.overrides(id), limits.effective(id));
	}

	@Operation(summary = "Set a user's limits (null: the default applies); audited with before and after")
	@PutMapping
	@PreAuthorize("hasRole('ADMIN')")
	LimitsView put(@PathVariable UUID id, @Valid @RequestBody LimitsUpdate body) {
		limits.set(id, new UserLimits.Limits(body.maxConsoleSessions(), body.maxRunningStatements()), Actor.current());
		return new LimitsView(limits.overrides(id), limits.effective(id));
	}
}
