package dev.steward.security.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.security.Role;

/**
 * On a store with no users, creates {@code admin} with {@code STEWARD_ADMIN_PASSWORD} or, failing that, a
 * generated password printed to the log exactly once (it is never stored in clear).
 * <p>
 * The password hash (PBKDF2, deliberately slow: about half a second) is computed on another thread while the rest
 * of the application context starts, and only awaited by the runner, so it no longer lengthens the time to ready.
 * The admin still exists before the server reports ready, so the first login always works.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner, InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final UserStore users;

	private final PasswordEncoder encoder;

	private final @Nullable String configuredPassword;

	/** The first admin's password and its hash being computed, on a store with no users. */
	private @Nullable CompletableFuture<FirstAdmin> pending;

	private record FirstAdmin(String password, boolean generated, String hash) {
	}

	AdminBootstrap(UserStore users, PasswordEncoder encoder,
			@Value("${steward.admin.password:}") @Nullable String configuredPassword) {
		this.users = users;
		this.encoder = encoder;
		this.configuredPassword = configuredPassword;
	}

	@Override
	public void afterPropertiesSet() {
		if (users.count() > 0) {
			return;
		}
		boolean generated = configuredPassword == null || configuredPassword.isBlank();
		String password = generated ? generate() : configuredPassword;
		pending = CompletableFuture.supplyAsync(() -> new FirstAdmin(password, generated,
				Objects.requireNonNull(encoder.encode(password))),
				runnable -> Thread.ofPlatform().name("steward-admin-bootstrap").daemon().start(runnable));
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		CompletableFuture<FirstAdmin> hashing = pending;
		pending = null;
		if (hashing == null || users.count() > 0) {
			return;
		}
		FirstAdmin first = hashing.join();
		boolean generated = first.generated();
		String password = first.password();
		users.insert("admin", first.hash(), Role.ADMIN);
		if (generated) {
			log.warn("""

					==================================================================
					 Steward created the first administrator.
					   username: admin
					   password: {}
					 This password is shown once. Change it under Profile after login,
					 or set STEWARD_ADMIN_PASSWORD before the first start.
					==================================================================""", password);
		}
		else {
			log.info("Steward created the first administrator 'admin' with the password from STEWARD_ADMIN_PASSWORD");
		}
	}

	private static String generate() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
