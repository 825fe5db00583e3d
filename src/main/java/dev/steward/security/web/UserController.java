package dev.steward.security.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.security.Role;
import dev.steward.security.internal.ApiTokens;
import dev.steward.security.internal.ApiTokens.TokenView;
import dev.steward.security.internal.UserManagement;
import dev.steward.security.internal.UserSessions;
import dev.steward.security.internal.UserStore.UserRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/users")
@Tag(name = "Users")
@PreAuthorize("hasRole('ADMIN')")
class UserController {

	/** {@code locked}: logins are locked after many failures from many addresses, until {@code lockedUntil}. */
	record UserView(UUID id, String username, Role role, boolean enabled, Instant createdAt, Instant updatedAt,
			boolean locked, @Nullable Instant lockedUntil) {
	}

	record CreateUser(
			@NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*",
					message = "must start with a lower-case letter or digit and contain only a-z, 0-9, '.', '_' and '-'") String username,
			@NotNull @Size(min = 12, max = 256) String password, @NotNull Role role) {
	}

	record UpdateUser(@Nullable Role role, @Nullable Boolean enabled) {
	}

	record ResetPassword(@NotNull @Size(min = 12, max = 256) String newPassword) {
	}

	private final UserManagement users;

	private final UserSessions sessions;

	private final ApiTokens tokens;

	UserController(UserManagement users, UserSessions sessions, ApiTokens tokens) {
		this.users = users;
		this.sessions = sessions;
		this.tokens = tokens;
	}

	@Operation(summary = "All users")
	@GetMapping
	@PreAuthorize("hasRole('ADMIN')")
	List<UserView> list() {
		return users.list().stream().map(this::view).toList();
	}

	@Operation(summary = "Create a user")
	@PostMapping
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<UserView> create(@Valid @RequestBody CreateUser body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(view(users.create(body.username(), body.password(), body.role())));
	}

	@Operation(summary = "Change a user's role or enabled flag (refused if no enabled administrator would remain)")
	@PatchMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	UserView update(@PathVariable UUID id, @Valid @RequestBody UpdateUser body) {
		UserRow before = users.find(id);
		UserRow updated = users.update(id, body.role(), body.enabled());
		if (!updated.enabled() || updated.role() != before.role()) {
			sessions.deleteEnded(updated.username(), null);
		}
		return view(updated);
	}

	@Operation(summary = "Lift a user's login lock")
	@PostMapping("/{id}/unlock")
	@PreAuthorize("hasRole('ADMIN')")
	UserView unlock(@PathVariable UUID id) {
		return view(users.unlock(id));
	}

	@Operation(summary = "Set a new password for a user; ends all their sessions, revokes their API tokens and "
			+ "lifts a login lock")
	@PostMapping("/{id}/password")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<Void> resetPassword(@PathVariable UUID id, @Valid @RequestBody ResetPassword body) {
		sessions.deleteEnded(users.resetPassword(id, body.newPassword()).username(), null);
		return ResponseEntity.noContent().build();
	}

	record RevokedTokens(int revoked) {
	}

	@Operation(summary = "A user's API tokens (never the tokens themselves)")
	@GetMapping("/{id}/tokens")
	@PreAuthorize("hasRole('ADMIN')")
	List<TokenView> tokens(@PathVariable UUID id) {
		return tokens.listOf(users.find(id).id());
	}

	@Operation(summary = "Revoke every API token of a user; their sessions stay")
	@PostMapping("/{id}/tokens/revoke")
	@PreAuthorize("hasRole('ADMIN')")
	RevokedTokens revokeTokens(@PathVariable UUID id) {
		UserRow user = users.find(id);
		return new RevokedTokens(tokens.revokeAllOf(user.id(), user.username()));
	}

	private UserView view(UserRow row) {
		Instant lockedUntil = users.lockedUntil(row).orElse(null);
		return new UserView(row.id(), row.username(), row.role(), row.enabled(), row.createdAt(), row.updatedAt(),
				lockedUntil != null, lockedUntil);
	}
}
