package dev.steward.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Channels over the API: each type's message reaches its server in its own shape, secrets stay hidden. */
@IntegrationTest
class NotificationChannelsIntegrationTests {

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	@LocalServerPort
	int port;

	private static ObjectNode channel(String type, String name) {
		ObjectNode n = TestApi.JSON.createObjectNode();
		n.put("name", name + " " + UUID.randomUUID());
		n.put("type", type);
		// a topic nothing publishes yet, so these channels never receive other tests' notifications
		n.putArray("topics").add("ALERT");
		return n;
	}

	private String create(TestApi api, ObjectNode body) {
		TestApi.Response r = api.post("/api/notification-channels", body.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	private static JsonNode test(TestApi api, String id) {
		TestApi.Response r = api.post("/api/notification-channels/" + id + "/test", null);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json();
	}

	@Test
	void aWebhookIsSignedWithHmacSha256OverTheBodyAndTheSecretIsNeverShown() throws Exception {
		TestApi api = TestApi.admin(port);
		try (HookServer hook = new HookServer()) {
			ObjectNode body = channel("WEBHOOK", "hook");
			body.put("url", hook.url("/steward"));
			body.put("secret", "a-webhook-secret-123");
			String id = create(api, body);

			assertThat(api.post("/api/notification-channels", body.toString()).status()).as("same name").isEqualTo(409);
			JsonNode shown = api.get("/api/notification-channels/" + id).json();
			assertThat(shown.get("hasSecret").asBoolean()).isTrue();
			assertThat(shown.get("hasUrl").asBoolean()).isTrue();
			assertThat(shown.toString()).doesNotContain("a-webhook-secret-123").doesNotContain("/steward");

			JsonNode result = test(api, id);
			assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
			HookServer.Received got = hook.received.poll(5, TimeUnit.SECONDS);
			assertThat(got).isNotNull();
			assertThat(got.path()).isEqualTo("/steward");
			assertThat(got.header("Content-Type")).startsWith("application/json");
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec("a-webhook-secret-123".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(got.body().getBytes(StandardCharsets.UTF_8)));
			assertThat(got.header("X-Steward-Signature")).isEqualTo(expected);
			JsonNode json = TestApi.JSON.readTree(got.body());
			assertThat(json.get("test").asBoolean()).isTrue();
			assertThat(json.get("topic").asString()).isEqualTo("BACKUP_SUCCEEDED");
			assertThat(json.get("title").asString()).contains("Steward test");

			// a replace that leaves the secret out keeps it; "" removes it
			body.remove("secret");
			body.remove("url");
			TestApi.Response kept = api.put("/api/notification-channels/" + id, body.toString());
			assertThat(kept.status()).as(kept.body()).isEqualTo(200);
			assertThat(kept.json().get("hasSecret").asBoolean()).isTrue();
			body.put("secret", "");
			assertThat(api.put("/api/notification-channels/" + id, body.toString()).json().get("hasSecret").asBoolean())
				.isFalse();
			test(api, id);
			assertThat(hook.received.poll(5, TimeUnit.SECONDS).header("X-Steward-Signature")).isNull();
			assertThat(api.delete("/api/notification-channels/" + id).status()).isEqualTo(204);

			// every change and test is audited, without the secret
			org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode items = api.get("/api/audit?targetId=" + id + "&size=50").json().get("items");
				java.util.List<String> actions = new java.util.ArrayList<>();
				items.forEach(r -> actions.add(r.get("action").asString()));
				assertThat(actions).contains("notification.channel.create", "notification.channel.update",
						"notification.channel.test", "notification.channel.delete");
				assertThat(items.toString()).doesNotContain("a-webhook-secret-123");
			});
		}
	}

	@Test
	void slackTeamsDiscordAndTelegramGetTheirOwnPayloadShapes() throws Exception {
		TestApi api = TestApi.admin(port);
		try (HookServer hook = new HookServer()) {
			ObjectNode slack = channel("SLACK", "slack");
			slack.put("url", hook.url("/services/T000/B000/XXXX"));
			assertThat(test(api, create(api, slack)).get("ok").asBoolean()).isTrue();
			JsonNode s = TestApi.JSON.readTree(hook.received.poll(5, TimeUnit.SECONDS).body());
			assertThat(s.get("text").asString()).contains("Steward test");
			assertThat(s.get("blocks").get(0).get("type").asString()).isEqualTo("header");
			assertThat(s.get("blocks").get(1).get("text").get("type").asString()).isEqualTo("mrkdwn");

			ObjectNode teams = channel("TEAMS", "teams");
			teams.put("url", hook.url("/workflows/teams"));
			assertThat(test(api, create(api, teams)).get("ok").asBoolean()).isTrue();
			JsonNode t = TestApi.JSON.readTree(hook.received.poll(5, TimeUnit.SECONDS).body());
			assertThat(t.get("type").asString()).isEqualTo("message");
			JsonNode attachment = t.get("attachments").get(0);
			assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
			assertThat(attachment.get("content").get("type").asString()).isEqualTo("AdaptiveCard");
			assertThat(attachment.get("content").get("body").get(0).get("text").asString()).contains("Steward test");

			ObjectNode discord = channel("DISCORD", "discord");
			discord.put("url", hook.url("/api/webhooks/1/abc"));
			assertThat(test(api, create(api, discord)).get("ok").asBoolean()).isTrue();
			JsonNode d = TestApi.JSON.readTree(hook.received.poll(5, TimeUnit.SECONDS).body());
			assertThat(d.get("embeds").get(0).get("title").asString()).contains("Steward test");
			assertThat(d.get("embeds").get(0).has("color")).isTrue();
			assertThat(d.get("allowed_mentions").get("parse").size()).isZero();

			ObjectNode telegram = channel("TELEGRAM", "telegram");
			telegram.put("url", hook.url(""));
			telegram.put("botToken", "123456:ABCdefGhIJKlmnoPQRstuVWXyz0123456");
			telegram.put("chatId", "-100123");
			String tg = create(api, telegram);
			assertThat(api.get("/api/notification-channels/" + tg).body()).doesNotContain("ABCdefGh");
			assertThat(test(api, tg).get("ok").asBoolean()).isTrue();
			HookServer.Received got = hook.received.poll(5, TimeUnit.SECONDS);
			assertThat(got.path()).isEqualTo("/bot123456:ABCdefGhIJKlmnoPQRstuVWXyz0123456/sendMessage");
			JsonNode m = TestApi.JSON.readTree(got.body());
			assertThat(m.get("chat_id").asString()).isEqualTo("-100123");
			assertThat(m.get("text").asString()).contains("Steward test").contains("When: ");
		}
	}

	@Test
	void emailGoesOutThroughTheChannelsOwnSmtpServer() throws Exception {
		TestApi api = TestApi.admin(port);
		ObjectNode email = channel("EMAIL", "mail");
		email.put("smtpHost", "127.0.0.1");
		email.put("smtpPort", mail.getSmtp().getPort());
		email.put("smtpSecurity", "NONE");
		email.put("smtpUsername", "steward");
		email.put("smtpPassword", "smtp-secret-pw");
		email.put("mailFrom", "steward@example.test");
		email.putArray("mailTo").add("ops@example.test").add("dba@example.test");
		mail.setUser("steward", "smtp-secret-pw");
		String id = create(api, email);
		JsonNode shown = api.get("/api/notification-channels/" + id).json();
		assertThat(shown.get("hasSmtpPassword").asBoolean()).isTrue();
		assertThat(shown.toString()).doesNotContain("smtp-secret-pw");

		JsonNode result = test(api, id);
		assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
		assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
		MimeMessage[] messages = mail.getReceivedMessages();
		assertThat(messages).hasSize(2);
		assertThat(messages[0].getSubject()).startsWith("[Steward test] Backup succeeded: notification channel");
		assertThat(messages[0].getFrom()[0].toString()).isEqualTo("steward@example.test");
		String text = GreenMailUtil.getBody(messages[0]);
		assertThat(text).contains("This is a test message from Steward").contains("When: ")
			.contains("Open in Steward: http");

		// a wrong password is a clear failure, not an exception
		email.put("smtpPassword", "wrong-password");
		api.put("/api/notification-channels/" + id, email.toString());
		JsonNode refused = test(api, id);
		assertThat(refused.get("ok").asBoolean()).isFalse();
		assertThat(refused.get("message").asString()).contains("SMTP 127.0.0.1").doesNotContain("wrong-password");
	}

	@Test
	void aServerThatDoesNotAnswerFailsTheSendWithinTheTimeout() throws Exception {
		TestApi api = TestApi.admin(port);
		try (HookServer hook = new HookServer()) {
			hook.failNext(HookServer.HANG);
			ObjectNode body = channel("WEBHOOK", "silent");
			body.put("url", hook.url("/silent"));
			String id = create(api, body);
			long started = System.nanoTime();
			JsonNode result = test(api, id);
			long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
			assertThat(result.get("ok").asBoolean()).isFalse();
			// steward.notify.timeout is 3 s in the tests; the server would sit for 15 s
			assertThat(result.get("message").asString()).isEqualTo("No answer within 3 s");
			assertThat(seconds).isLessThan(10);
			api.delete("/api/notification-channels/" + id);
		}
	}

	@Test
	void hostileTargetsAreRefusedNamingTheField() {
		TestApi api = TestApi.admin(port);
		for (String url : new String[] { "file:///etc/passwd", "gopher://127.0.0.1:25/_HELO", "ftp://example.com/x",
				"http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://user:pw@example.com/",
				"javascript:alert(1)", "not a url" }) {
			ObjectNode body = channel("WEBHOOK", "hostile");
			body.put("url", url);
			TestApi.Response r = api.post("/api/notification-channels", body.toString());
			assertThat(r.status()).as(url + " → " + r.body()).isEqualTo(400);
			assertThat(r.json().toString()).as(url).contains("\"url\"");
		}
		ObjectNode email = channel("EMAIL", "hostile");
		email.put("smtpHost", "169.254.169.254");
		email.put("mailFrom", "a@example.test");
		email.putArray("mailTo").add("b@example.test\r\nBcc: evil@example.test");
		TestApi.Response r = api.post("/api/notification-channels", email.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.body()).contains("mailTo[0]");
		email.putArray("mailTo").add("b@example.test");
		r = api.post("/api/notification-channels", email.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.body()).contains("smtpHost").contains("denied");

		ObjectNode telegram = channel("TELEGRAM", "hostile");
		telegram.put("botToken", "../../x");
		telegram.put("chatId", "1; DROP");
		r = api.post("/api/notification-channels", telegram.toString());
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body()).contains("botToken").contains("chatId");
	}
}
