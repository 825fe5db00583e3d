package dev.steward.security.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.security.CurrentUser;
import dev.steward.security.Role;
import dev.steward.security.SecuritySettings;
import dev.steward.security.internal.SecuritySettingsEditor;
import dev.steward.security.internal.SecuritySettingsEditor.SelfLockout;
import dev.steward.security.internal.SecuritySettingsStore;
import dev.steward.shared.Actor;
import dev.steward.shared.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The administrator's security settings: session timeouts, two-factor enforcement, allowlists, limits. */
@RestController
@RequestMapping("/api/security/settings")
@Tag(name = "Security settings")
@PreAuthorize("hasRole('ADMIN')")
class SecuritySettingsController {

	/** The settings, and the address this request came from (what the allowlists are checked against). */
	record SecuritySettingsView(int idleTimeoutSeconds, int absoluteTimeoutSeconds, Set<Role> twoFactorRoles,
			List<String> globalAllowlist, Map<Role, List<String>> roleAllowlists, @Nullable Integer auditRetentionDays,
			boolean masking, @Nullable Integer defaultMaxConsoleSessions, @Nullable Integer defaultMaxRunningStatements,
			String yourAddress) {

		static SecuritySettingsView of(SecuritySettings s, String address) {
			return new SecuritySettingsView(s.idleTimeoutSeconds(), s.absoluteTimeoutSeconds(), s.twoFactorRoles(),
					s.globalAllowlist(), s.roleAllowlists(), s.auditRetentionDays(), s.masking(),
					s.defaultMaxConsoleSessions(), s.defaultMaxRunningStatements(), address);
		}
	}

	record SecuritySettingsUpdate(@NotNull @Min(1) @Max(604800) Integer idleTimeoutSeconds,
			@NotNull @Min(1) @Max(2592000) Integer absoluteTimeoutSeconds,
			@NotNull @Size(max = 3) Set<@NotNull Role> twoFactorRoles,
			@NotNull @Size(max = 200) List<@NotNull String> globalAllowlist,
			@NotNull Map<Role, @NotNull @Size(max = 200) List<@NotNull String>> roleAllowlists,
			@Nullable @Min(1) @Max(36500) Integer auditRetentionDays, @NotNull Boolean masking,
			@Nullable @Min(1) @Max(1000) Integer defaultMaxConsoleSessions,
			@Nullable @Min(1) @Max(1000) Integer defaultMaxRunningStatements,
			@Schema(description = "Save even though the allowlists would refuse your own current address")
			@Nullable Boolean confirmSelfLockout) {
	}

	private final SecuritySettingsStore store;

	private final SecuritySettingsEditor editor;

	SecuritySettingsController(SecuritySettingsStore store, SecuritySettingsEditor editor) {
		this.store = store;
		this.editor = editor;
	}

	@Operation(summary = "The security settings")
	@GetMapping
	@PreAuthorize("hasRole('ADMIN')")
	SecuritySettingsView get(HttpServletRequest request) {
		return SecuritySettingsView.of(store.current(), request.getRemoteAddr());
	}

	@Operation(summary = "Replace the security settings; each changed setting is audited with its value before and "
			+ "after. 409 self-lockout when the allowlists would refuse your own address, unless confirmSelfLockout")
	@PutMapping
	@PreAuthorize("hasRole('ADMIN')")
	SecuritySettingsView put(@Valid @RequestBody SecuritySettingsUpdate body, HttpServletRequest request) {
		SecuritySettings draft = new SecuritySettings(body.idleTimeoutSeconds(), body.absoluteTimeoutSeconds(),
				body.twoFactorRoles(), body.globalAllowlist(), body.roleAllowlists(), body.auditRetentionDays(),
				body.masking(), body.defaultMaxConsoleSessions(), body.defaultMaxRunningStatements());
		CurrentUser me = CurrentUser.require();
		SecuritySettings saved = editor.update(draft, Boolean.TRUE.equals(body.confirmSelfLockout()),
				request.getRemoteAddr(), me.role(), Actor.current());
		return SecuritySettingsView.of(saved, request.getRemoteAddr());
	}

	@ExceptionHandler(SelfLockout.class)
	ProblemDetail selfLockout(SelfLockout e) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "self-lockout", "You would lock yourself out",
				e.getMessage());
		problem.setProperty("address", e.address());
		return problem;
	}
}
