package dev.steward.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.StewardApplication;
import dev.steward.test.TestApi;
import dev.steward.test.TestStore;
import tools.jackson.databind.JsonNode;

/**
 * The outbox: a notification whose event was stored but not yet handled when Steward stopped is delivered after the
 * next start, on the same store. The first instance stores the publication exactly as publishing does before the
 * listener runs (the registry's {@code store}), then stops; the second republishes it on start.
 */
class NotificationAfterRestartIntegrationTests {

	/** The registry's id of {@code NotificationListener.on(Notifiable)}: Spring's default listener id. */
	private static final String LISTENER = "dev.steward.notify.internal.NotificationListener.on(dev.steward.notify.Notifiable)";

	@Test
	void aNotificationPublishedJustBeforeShutdownIsDeliveredAfterRestart() throws Exception {
		Path dataDir = Files.createTempDirectory("steward-notify-restart-");
		try (HookServer hook = new HookServer()) {
			Notification event = new Notification(NotificationTopic.BACKUP_FAILED, "connection 'restart-test'",
					"The backup failed just before Steward stopped.", "TOOL_FAILED", "/backups", Instant.now());
			try (ConfigurableApplicationContext first = start(dataDir)) {
				TestApi api = TestApi.admin(port(first));
				String body = TestApi.JSON.createObjectNode().put("name", "restart hook").put("type", "WEBHOOK")
					.put("url", hook.url("/after-restart")).set("topics", TestApi.JSON.createArrayNode().add("BACKUP_FAILED"))
					.toString();
				assertThat(api.post("/api/notification-channels", body).status()).isEqualTo(201);
				EventPublicationRegistry registry = first.getBean(EventPublicationRegistry.class);
				first.getBean(TransactionTemplate.class).executeWithoutResult(t -> registry.store(event,
						Stream.of(PublicationTargetIdentifier.of(LISTENER))));
				assertThat(registry.findIncompletePublications())
					.filteredOn(p -> p.getTargetIdentifier().getValue().equals(LISTENER)).hasSize(1);
			}
			assertThat(hook.received).as("nothing was sent before the stop").isEmpty();

			try (ConfigurableApplicationContext second = start(dataDir)) {
				HookServer.Received got = hook.received.poll(30, TimeUnit.SECONDS);
				assertThat(got).as("delivered after the restart").isNotNull();
				JsonNode m = TestApi.JSON.readTree(got.body());
				assertThat(m.get("subject").asString()).isEqualTo("connection 'restart-test'");
				assertThat(m.get("details").asString()).isEqualTo("TOOL_FAILED");
				org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(
						() -> second.getBean(EventPublicationRegistry.class).findIncompletePublications().stream()
							.noneMatch(p -> p.getTargetIdentifier().getValue().equals(LISTENER)));
				assertThat(hook.received.poll(2, TimeUnit.SECONDS)).as("sent once").isNull();
			}
		}
	}

	private static ConfigurableApplicationContext start(Path dataDir) {
		List<String> args = List.of("--server.port=0", "--steward.data-dir=" + dataDir,
				"--steward.admin.password=" + TestStore.ADMIN_PASSWORD, "--steward.connection.sample.enabled=false");
		return new SpringApplicationBuilder(StewardApplication.class).run(args.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}
}
