package dev.steward.security.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.security.CurrentUser;
import dev.steward.security.internal.ApiTokens;
import dev.steward.security.internal.ApiTokens.TokenView;
import dev.steward.shared.SafeText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The caller's own API tokens; every role may have them (a token carries its user's role). */
@RestController
@RequestMapping("/api/tokens")
@Tag(name = "API tokens")
class ApiTokenController {

	record CreateToken(
			@NotBlank @Size(min = 1, max = 100) @SafeText String name,
			@Nullable @Min(1) @Max(3650) Integer expiresInDays,
			@Schema(description = "A read-only token may only call GET endpoints") @Nullable Boolean readOnly) {
	}

	record CreatedToken(UUID id, String name, String prefix, String token, Instant createdAt,
			@Nullable Instant expiresAt, boolean readOnly) {
	}

	private final ApiTokens tokens;

	ApiTokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@Operation(summary = "Your API tokens (never the token itself)")
	@GetMapping
	@PreAuthorize("isAuthenticated()")
	List<TokenView> list() {
		return tokens.list(CurrentUser.require());
	}

	@Operation(summary = "Create an API token; the token is shown only in this response")
	@PostMapping
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<CreatedToken> create(@Valid @RequestBody CreateToken body) {
		ApiTokens.IssuedToken issued = tokens.create(CurrentUser.require(), body.name(), body.expiresInDays(),
				Boolean.TRUE.equals(body.readOnly()));
		TokenView view = issued.view();
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new CreatedToken(view.id(), view.name(), view.prefix(), issued.token(), view.createdAt(),
					view.expiresAt(), view.readOnly()));
	}

	@Operation(summary = "Revoke one of your API tokens")
	@DeleteMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<Void> revoke(@PathVariable UUID id) {
		tokens.revoke(CurrentUser.require(), id);
		return ResponseEntity.noContent().build();
	}
}
