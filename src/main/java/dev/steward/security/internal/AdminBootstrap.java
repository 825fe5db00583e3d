package dev.steward.security.internal;

import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final UserStore users;

	private final PasswordEncoder encoder;

	private final @Nullable String configuredPassword;

	AdminBootstrap(UserStore users, PasswordEncoder encoder,
			@Value("${steward.admin.password:}") @Nullable String configuredPassword) {
		this.users = users;
		this.encoder = encoder;
		this.configuredPassword = configuredPassword;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (users.count() > 0) {
			return;
		}
		boolean generated = configuredPassword == null || configuredPassword.isBlank();
		String password = generated ? generate() : configuredPassword;
		users.insert("admin", encoder.encode(password), Role.ADMIN);
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
