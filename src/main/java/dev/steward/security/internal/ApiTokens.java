package dev.steward.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.security.CurrentUser;
import dev.steward.security.UserEvents.ApiTokenCreated;
import dev.steward.security.UserEvents.ApiTokenRevoked;
import dev.steward.security.UserEvents.ApiTokensRevokedByAdmin;
import dev.steward.shared.Actor;
import dev.steward.shared.NotFound;

/**
 * Personal API tokens: {@code stw_} + 32 random bytes (base64url). The clear token is returned once at creation;
 * the store keeps its SHA-256, which is enough because the token carries 256 bits of entropy (no slow hash needed).
 */
@Service
public class ApiTokens {

	public static final String PREFIX = "stw_";

	/** last_used_at is written at most this often per token. */
	static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	public record TokenView(UUID id, String name, String prefix, Instant createdAt, @Nullable Instant lastUsedAt,
			@Nullable Instant expiresAt, @Nullable Instant revokedAt, boolean readOnly) {
	}

	public record IssuedToken(TokenView view, String token) {
	}

	private final SecureRandom random = new SecureRandom();

	private final ApiTokenStore store;

	private final ApplicationEventPublisher events;

	ApiTokens(ApiTokenStore store, ApplicationEventPublisher events) {
		this.store = store;
		this.events = events;
	}

	public List<TokenView> list(CurrentUser owner) {
		return store.findByUser(owner.id()).stream().map(ApiTokens::view).toList();
	}

	@Transactional
	public IssuedToken create(CurrentUser owner, String name, @Nullable Integer expiresInDays, boolean readOnly) {
		// a leaked token must not be able to mint successors that outlive its revocation
		ApiTokenAuthentication.refuseIfCurrent("API tokens cannot create API tokens");
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Instant expires = expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays));
		ApiTokenStore.TokenRow row = new ApiTokenStore.TokenRow(UUID.randomUUID(), owner.id(), name,
				token.substring(PREFIX.length(), PREFIX.length() + 8), now, null, expires, null, readOnly);
		store.insert(row, sha256(token));
		events.publishEvent(new ApiTokenCreated(Actor.current(), row.id().toString(), name, now));
		return new IssuedToken(view(row), token);
	}

	@Transactional
	public void revoke(CurrentUser owner, UUID id) {
		ApiTokenStore.TokenRow row = store.findByIdAndUser(id, owner.id())
			.orElseThrow(() -> new NotFound("API token", id));
		if (row.revokedAt() != null) {
			return; // revoking twice changes nothing, so there is nothing to audit
		}
		store.revoke(id, Instant.now());
		events.publishEvent(new ApiTokenRevoked(Actor.current(), id.toString(), row.name(), Instant.now()));
	}

	/** An administrator's view of another user's tokens (never the tokens themselves). */
	public List<TokenView> listOf(UUID userId) {
		return store.findByUser(userId).stream().map(ApiTokens::view).toList();
	}

	/** An administrator revokes every live token of a user; audited with how many, even none. */
	@Transactional
	public int revokeAllOf(UUID userId, String username) {
		int revoked = store.revokeAllOfUser(userId, Instant.now());
		events.publishEvent(new ApiTokensRevokedByAdmin(Actor.current(), userId.toString(), username, revoked,
				Instant.now()));
		return revoked;
	}

	/** The authentication for a presented token, if it is known, live and its user enabled. */
	Optional<ApiTokenAuthentication> authenticate(String token) {
		Instant now = Instant.now();
		return live(token, now).map(found -> {
			Instant last = found.token().lastUsedAt();
			Instant staleBefore = now.minus(TOUCH_INTERVAL);
			if (last == null || last.isBefore(staleBefore)) {
				store.touch(found.token().id(), now, staleBefore);
			}
			return new ApiTokenAuthentication(found.user(), found.token().id(), found.token().readOnly());
		});
	}

	/** The username behind a presented token if it is live, without recording its use (for attributing refusals). */
	public Optional<String> ownerOf(String token) {
		return live(token, Instant.now()).map(found -> found.user().getUsername());
	}

	/** The stored token and its user, if the token is well formed, known, not revoked or expired, its user enabled. */
	private Optional<ApiTokenStore.TokenOwner> live(String token, Instant now) {
		if (!token.startsWith(PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		return store.findByHash(sha256(token))
			.filter(found -> found.token().revokedAt() == null)
			.filter(found -> found.token().expiresAt() == null || found.token().expiresAt().isAfter(now))
			.filter(found -> found.user().isEnabled());
	}

	/** Whether an API token (rather than a session) authenticated the current request. */
	public static boolean isTokenCall() {
		return org.springframework.security.core.context.SecurityContextHolder.getContext()
			.getAuthentication() instanceof ApiTokenAuthentication;
	}

	static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JRE", e);
		}
	}

	private static TokenView view(ApiTokenStore.TokenRow row) {
		return new TokenView(row.id(), row.name(), row.prefix(), row.createdAt(), row.lastUsedAt(), row.expiresAt(),
				row.revokedAt(), row.readOnly());
	}
}
