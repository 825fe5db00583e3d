package dev.steward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class StoreFilesUnitTests {

	@Test
	void anH2FileStoreNamesItsFilesOtherStoresNone() {
		assertThat(StoreFiles.files("jdbc:h2:file:/srv/steward/data/steward;DB_CLOSE_ON_EXIT=FALSE"))
			.contains(Path.of("/srv/steward/data/steward.mv.db"), Path.of("/srv/steward/data/steward.trace.db"));
		assertThat(StoreFiles.files("jdbc:h2:/srv/x/meta")).contains(Path.of("/srv/x/meta.mv.db"));
		assertThat(StoreFiles.files("jdbc:h2:file:./data/steward"))
			.contains(Path.of("data/steward.mv.db").toAbsolutePath().normalize());
		assertThat(StoreFiles.files("jdbc:h2:mem:test")).isEmpty();
		assertThat(StoreFiles.files("jdbc:h2:tcp://db:9092/steward")).isEmpty();
		assertThat(StoreFiles.files("jdbc:postgresql://db:5432/steward")).isEmpty();
		assertThat(StoreFiles.files("")).isEmpty();
	}
}
