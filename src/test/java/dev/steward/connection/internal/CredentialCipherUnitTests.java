package dev.steward.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCipherUnitTests {

	static byte[] key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	final CredentialCipher cipher = new CredentialCipher(key());

	final UUID id = UUID.randomUUID();

	@Test
	void roundTripsWithAFreshNonceEachTime() {
		String a = cipher.encrypt("pässwörd 🔑", id);
		String b = cipher.encrypt("pässwörd 🔑", id);
		assertThat(a).startsWith("v1:" + cipher.keyId() + ":").doesNotContain("pässwörd").isNotEqualTo(b);
		assertThat(cipher.decrypt(a, id)).isEqualTo("pässwörd 🔑");
		assertThat(cipher.decrypt(b, id)).isEqualTo("pässwörd 🔑");
	}

	@Test
	void tamperingIsDetected() {
		String sealed = cipher.encrypt("secret", id);
		byte[] raw = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
		raw[raw.length - 1] ^= 1;
		String tampered = sealed.substring(0, sealed.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(raw);
		assertThatThrownBy(() -> cipher.decrypt(tampered, id)).isInstanceOf(CredentialsUnreadable.class);
		assertThatThrownBy(() -> cipher.decrypt("v1:" + cipher.keyId() + ":AAAA", id))
			.isInstanceOf(CredentialsUnreadable.class);
		assertThatThrownBy(() -> cipher.decrypt("garbage", id)).isInstanceOf(CredentialsUnreadable.class);
	}

	@Test
	void aSecretMovedToAnotherConnectionDoesNotDecrypt() {
		String sealed = cipher.encrypt("secret", id);
		assertThatThrownBy(() -> cipher.decrypt(sealed, UUID.randomUUID())).isInstanceOf(CredentialsUnreadable.class);
	}

	@Test
	void anotherKeyCannotRead() {
		String sealed = cipher.encrypt("secret", id);
		assertThatThrownBy(() -> new CredentialCipher(key()).decrypt(sealed, id))
			.isInstanceOf(CredentialsUnreadable.class)
			.hasMessageContaining("another master key");
	}

	@Test
	void generatedKeyFileIsPrivateAndStable(@TempDir Path dataDir) throws Exception {
		byte[] first = CredentialCipher.loadOrCreateKey(null, dataDir);
		Path file = dataDir.resolve("keys/credentials.key");
		assertThat(Files.getPosixFilePermissions(file))
			.isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
		assertThat(CredentialCipher.loadOrCreateKey("  ", dataDir)).isEqualTo(first);
		assertThat(first).hasSize(32);
		try (var files = Files.list(dataDir.resolve("keys"))) {
			assertThat(files).hasSize(1);
		}
	}

	@Test
	void configuredKeyWinsAndIsChecked(@TempDir Path dataDir) {
		byte[] key = key();
		assertThat(CredentialCipher.loadOrCreateKey(Base64.getEncoder().encodeToString(key), dataDir)).isEqualTo(key);
		assertThat(dataDir.resolve("keys")).doesNotExist();
		assertThatThrownBy(() -> CredentialCipher.loadOrCreateKey("c2hvcnQ=", dataDir))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> CredentialCipher.loadOrCreateKey("not base64!", dataDir))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aSecretSealedForOnePurposeDoesNotOpenAsAnother() {
		String key = cipher.encrypt("-----BEGIN OPENSSH PRIVATE KEY-----", id, "ssh-key");
		assertThat(cipher.decrypt(key, id, "ssh-key")).isEqualTo("-----BEGIN OPENSSH PRIVATE KEY-----");
		assertThatThrownBy(() -> cipher.decrypt(key, id)).isInstanceOf(CredentialsUnreadable.class);
		assertThatThrownBy(() -> cipher.decrypt(key, id, "ssh-password")).isInstanceOf(CredentialsUnreadable.class);
		String password = cipher.encrypt("pw", id);
		assertThatThrownBy(() -> cipher.decrypt(password, id, "ssh-password"))
			.isInstanceOf(CredentialsUnreadable.class);
	}
}
