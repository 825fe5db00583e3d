package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.security.internal.Totp;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestApi.Response;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;

/** Issue 13: TOTP two-factor sign-in for local accounts. */
@IntegrationTest
class TwoFactorIntegrationTests {

	@LocalServerPort
	int port;

	private Response login(TestUser user, String code) {
		TestApi api = TestApi.anonymous(port);
		var body = TestApi.JSON.createObjectNode().put("username", user.username()).put("password", user.password());
		if (code != null) {
			body.put("code", code);
		}
		return api.post("/api/auth/login", body.toString());
	}

	private static long step() {
		return Instant.now().getEpochSecond() / 30;
	}

	@Test
	void enrolLogInWithACodeNotTwiceAndWithARecoveryCodeOnce() {
		TestUser user = TestUsers.create(port, "OPERATOR");
		TestApi session = user.login(port);
		assertThat(session.get("/api/auth/two-factor").json().get("enabled").asBoolean()).isFalse();

		JsonNode enrolment = session.post("/api/auth/two-factor/enrolment", null).json();
		byte[] secret = Totp.fromBase32(enrolment.get("secret").asString());
		assertThat(enrolment.get("otpauthUri").asString()).startsWith("otpauth://totp/Steward%3A" + user.username())
			.contains("secret=" + enrolment.get("secret").asString()).contains("issuer=Steward");
		// not in force until confirmed
		assertThat(login(user, null).status()).isEqualTo(200);

		Response wrong = session.post("/api/auth/two-factor/enrolment/confirm", "{\"code\":\"000000\"}");
		assertThat(wrong.status()).isIn(400, 422);
		long s = step();
		Response confirmed = session.post("/api/auth/two-factor/enrolment/confirm",
				"{\"code\":\"" + Totp.code(secret, s) + "\"}");
		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		List<String> recovery = confirmed.json().get("recoveryCodes").valueStream().map(JsonNode::asString).toList();
		assertThat(recovery).hasSize(10).allMatch(c -> c.matches("[a-z0-9]{5}-[a-z0-9]{5}")).doesNotHaveDuplicates();
		assertThat(session.get("/api/auth/two-factor").json().get("recoveryCodesLeft").asInt()).isEqualTo(10);

		Response asked = login(user, null);
		assertThat(asked.status()).isEqualTo(401);
		assertThat(asked.json().get("type").asString()).endsWith("second-factor-required");
		assertThat(login(user, "123456").status()).isEqualTo(401);
		assertThat(login(user, Totp.code(secret, s)).status()).as("the enrolment's code is used up").isEqualTo(401);

		String next = Totp.code(secret, Math.max(s + 1, step())); // a slow machine may have moved on a step
		Response in = login(user, next);
		assertThat(in.status()).as(in.body()).isEqualTo(200);
		assertThat(login(user, next).status()).as("a code works once").isEqualTo(401);

		assertThat(login(user, recovery.get(3)).status()).isEqualTo(200);
		assertThat(login(user, recovery.get(3)).status()).as("a recovery code works once").isEqualTo(401);
		assertThat(session.get("/api/auth/two-factor").json().get("recoveryCodesLeft").asInt()).isEqualTo(9);

		TestApi admin = TestApi.admin(port);
		String audit = admin.get("/api/audit?targetId=" + user.id() + "&size=50").body();
		assertThat(audit).contains("auth.two-factor-enable").contains("auth.recovery-code");
		assertThat(admin.get("/api/audit?action=auth.login&outcome=FAILURE&size=100").body())
			.contains("Wrong or reused second factor");

		assertThat(session.post("/api/auth/two-factor/disable", "{\"password\":\"not-it\"}").status()).isIn(400, 422);
		assertThat(session.post("/api/auth/two-factor/disable",
				TestApi.JSON.createObjectNode().put("password", user.password()).toString()).status()).isEqualTo(204);
		assertThat(login(user, null).status()).isEqualTo(200);
	}

	@Test
	void anApiTokenCannotEnrolAndTokensNeedNoSecondFactor() {
		TestUser user = TestUsers.create(port, "VIEWER");
		TestApi session = user.login(port);
		String token = session.post("/api/tokens", "{\"name\":\"ci\"}").json().get("token").asString();
		TestApi bearer = TestApi.bearer(port, token);
		assertThat(bearer.post("/api/auth/two-factor/enrolment", null).status()).isEqualTo(403);

		byte[] secret = Totp.fromBase32(session.post("/api/auth/two-factor/enrolment", null).json().get("secret").asString());
		assertThat(session.post("/api/auth/two-factor/enrolment/confirm",
				"{\"code\":\"" + Totp.code(secret, step()) + "\"}").status()).isEqualTo(200);
		assertThat(bearer.get("/api/auth/me").status()).isEqualTo(200);
		assertThat(TestApi.anonymous(port).post("/api/auth/two-factor/enrolment", null).status()).isEqualTo(401);
	}
}
