package dev.steward.masking.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.masking.MaskingPolicies;
import dev.steward.masking.MaskingPolicy;
import dev.steward.masking.PiiFinder;
import dev.steward.masking.PolicyDraft;
import dev.steward.security.Role;
import dev.steward.shared.InvalidInput;

/** Masking policies, the per-role "view unmasked" setting and the PII finder: ADMIN only. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class MaskingController {

	private final MaskingPolicies policies;

	private final PiiFinder finder;

	MaskingController(MaskingPolicies policies, PiiFinder finder) {
		this.policies = policies;
		this.finder = finder;
	}

	@GetMapping("/api/masking/policies")
	List<MaskingPolicy> list() {
		return policies.list();
	}

	@GetMapping("/api/masking/policies/{id}")
	MaskingPolicy get(@PathVariable UUID id) {
		return policies.get(id);
	}

	@PostMapping("/api/masking/policies")
	@ResponseStatus(HttpStatus.CREATED)
	MaskingPolicy create(@RequestBody PolicyDraft draft) {
		return policies.create(draft);
	}

	@PutMapping("/api/masking/policies/{id}")
	MaskingPolicy update(@PathVariable UUID id, @RequestBody PolicyDraft draft) {
		return policies.update(id, draft);
	}

	@DeleteMapping("/api/masking/policies/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id) {
		policies.delete(id);
	}

	/** Per role, whether it views unmasked data. */
	@GetMapping("/api/masking/roles")
	Map<Role, Boolean> roles() {
		return policies.roles();
	}

	record RoleSetting(@Nullable Boolean viewUnmasked) {
	}

	@PutMapping("/api/masking/roles/{role}")
	Map<Role, Boolean> setRole(@PathVariable String role, @RequestBody RoleSetting setting) {
		Role r;
		try {
			r = Role.valueOf(role.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("role", "one of ADMIN, OPERATOR, VIEWER");
		}
		if (setting.viewUnmasked() == null) {
			throw new InvalidInput("viewUnmasked", "is required");
		}
		return policies.setRole(r, setting.viewUnmasked());
	}

	record ScanRequest(@Nullable String database, @Nullable String schema) {
	}

	/** Suggestions only: nothing is masked until a policy is created from one. */
	@PostMapping("/api/connections/{id}/masking/scan")
	PiiFinder.PiiScanReport scan(@PathVariable UUID id, @RequestBody(required = false) @Nullable ScanRequest request) {
		return finder.scan(id, request == null ? null : request.database(), request == null ? null : request.schema());
	}
}
