package dev.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.catalog.internal.SnapshotDiff;
import dev.steward.catalog.internal.SnapshotStore;
import dev.steward.catalog.internal.SnapshotStore.Header;
import dev.steward.connection.ConnectionEvents.ConnectionDeleted;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.SnapshotColumn;
import dev.steward.engine.CatalogModel.SnapshotObject;
import dev.steward.shared.Actor;
import dev.steward.test.TestStore;

/**
 * The catalog module reacting to the connection registry, bootstrapped with the modules it depends on: a deleted
 * connection leaves no snapshot behind, and other connections' snapshots stay.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@ContextConfiguration(initializers = TestStore.class)
class ConnectionCleanupScenarioTests {

	@Autowired
	SnapshotStore store;

	@Autowired
	TransactionTemplate tx;

	private UUID snapshotOf() {
		UUID connection = UUID.randomUUID();
		SnapshotObject table = new SnapshotObject("shop", "public", "orders", ObjectKind.TABLE, 1L, null,
				List.of(new SnapshotColumn("id", 1, "integer", false, true)), List.of());
		SnapshotDiff diff = SnapshotDiff.between(java.util.Map.of(), List.of(table));
		tx.executeWithoutResult(s -> {
			store.apply(connection, diff.removed(), diff.writes(), diff.touches());
			store.insert(new Header(UUID.randomUUID(), connection, OffsetDateTime.now(ZoneOffset.UTC), 1, "test", 1, 1,
					1, 0, 0, 0, diff.text()));
		});
		assertThat(store.historyCount(connection)).isEqualTo(1);
		return connection;
	}

	@Test
	void aDeletedConnectionLeavesNoSnapshotBehind(Scenario scenario) {
		UUID connection = snapshotOf();
		UUID other = snapshotOf();
		scenario.publish(() -> new ConnectionDeleted(Actor.system(), connection, "gone", Instant.now()))
			.andWaitForStateChange(() -> store.historyCount(connection), count -> count == 0)
			.andVerify(count -> {
				assertThat(store.stored(connection)).isEmpty();
				assertThat(store.latest(connection)).isEmpty();
				assertThat(store.historyCount(other)).isEqualTo(1);
				assertThat(store.stored(other)).hasSize(1);
			});
	}
}
