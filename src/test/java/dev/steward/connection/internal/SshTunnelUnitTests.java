package dev.steward.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;

/** Host key fingerprints as OpenSSH prints them, and reading private keys the way the tunnel does. */
class SshTunnelUnitTests {

	@Test
	void aFingerprintIsWhatSshKeygenPrints() throws Exception {
		// ssh-keygen -lf src/test/resources/ssh/ecdsa.pub
		assertThat(HostKeyFingerprint.of(publicKey("ecdsa.pub")).value())
			.isEqualTo("SHA256:zqxHPsyxndcXEltnQ3Bm023iv3HwcIh4HjR3HsN2EYs");
		assertThat(HostKeyFingerprint.of(publicKey("ed25519.pub")).value())
			.isEqualTo("SHA256:/PiRjRXiMI2Eh+TPFXFpKXIFYmkKRO+gFrbiwkzl64o");
	}

	@Test
	void theWireEncodingIsWhatIsHashed() throws Exception {
		byte[] wire = Base64.getDecoder().decode(resource("ecdsa.pub").split(" ")[1]);
		assertThat(HostKeyFingerprint.ofWireEncoding(wire))
			.isEqualTo(new HostKeyFingerprint("SHA256:zqxHPsyxndcXEltnQ3Bm023iv3HwcIh4HjR3HsN2EYs"));
	}

	@Test
	void onlyTheOpenSshSha256FormReadsAsAFingerprint() {
		assertThat(HostKeyFingerprint.isValid("SHA256:zqxHPsyxndcXEltnQ3Bm023iv3HwcIh4HjR3HsN2EYs")).isTrue();
		assertThat(HostKeyFingerprint.isValid("SHA256:zqxHPsyxndcXEltnQ3Bm023iv3HwcIh4HjR3HsN2EYs=")).isFalse();
		assertThat(HostKeyFingerprint.isValid("MD5:12:34")).isFalse();
		assertThat(HostKeyFingerprint.isValid("SHA256:short")).isFalse();
		assertThatThrownBy(() -> new HostKeyFingerprint("sha256:zqxHPsyxndcXEltnQ3Bm023iv3HwcIh4HjR3HsN2EYs"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void anEncryptedKeyReadsWithItsPassphraseOnly() throws Exception {
		String key = resource("rsa-with-passphrase");
		assertThat(SshTunnel.keyPairs(key, "secret phrase")).hasSize(1);
		assertThatThrownBy(() -> SshTunnel.keyPairs(key, "wrong")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SshTunnel.keyPairs(key, null)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void anEd25519KeyReads() throws Exception {
		assertThat(SshTunnel.keyPairs(resource("ed25519"), null)).hasSize(1);
	}

	@Test
	void textThatIsNoKeyIsRefused() {
		assertThatThrownBy(() -> SshTunnel.keyPairs("-----BEGIN OPENSSH PRIVATE KEY-----\nnope\n", null))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SshTunnel.keyPairs("hello", null)).isInstanceOf(IllegalArgumentException.class);
	}

	private static PublicKey publicKey(String name) throws Exception {
		return PublicKeyEntry.parsePublicKeyEntry(resource(name).strip()).resolvePublicKey(null, null, null);
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = SshTunnelUnitTests.class.getResourceAsStream("/ssh/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
