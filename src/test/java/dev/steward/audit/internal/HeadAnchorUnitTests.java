package dev.steward.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadAnchorUnitTests {

	private static final String HASH = "ab".repeat(32);

	@TempDir
	Path dir;

	private final AuditKey key = new AuditKey(keyBytes());

	@Test
	void linesAreSealedWithTheKeyAndTheFileIsPrivate() throws Exception {
		HeadAnchor anchor = new HeadAnchor(dir.resolve("audit").resolve("head.log"), key);
		assertThat(anchor.read().latest()).isNull();
		anchor.append(7, HASH, 1);
		// expected seal computed independently with Python hmac (key bytes 0..31)
		assertThat(Files.readString(anchor.file())).isEqualTo("7 " + HASH + " 1 "
				+ "b43aa4954a40fa6b819950b9924551be76ef35e86a9b292f5ef87e62c7b5cbc9\n");
		assertThat(Files.getPosixFilePermissions(anchor.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(anchor.file().getParent()))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

	@Test
	void theNewestIsTheHighestSequenceAndATornLastLineIsIgnored() throws Exception {
		HeadAnchor anchor = new HeadAnchor(dir.resolve("head.log"), key);
		anchor.append(5, HASH, 1);
		anchor.append(7, "cd".repeat(32), 1);
		anchor.append(6, "ef".repeat(32), 1); // concurrent appenders may land out of order
		Files.writeString(anchor.file(), "8 0123", StandardOpenOption.APPEND); // a crash mid-write
		HeadAnchor.Reading reading = anchor.read();
		assertThat(reading.forgedLine()).isNull();
		assertThat(reading.latest()).isEqualTo(new HeadAnchor.Anchor(7, "cd".repeat(32), 1));
	}

	@Test
	void aLineWrittenWithoutTheKeyIsReported() throws Exception {
		HeadAnchor anchor = new HeadAnchor(dir.resolve("head.log"), key);
		anchor.append(5, HASH, 1);
		Files.writeString(anchor.file(), "9 " + HASH + " 1 " + "00".repeat(32) + "\n", StandardCharsets.US_ASCII,
				StandardOpenOption.APPEND);
		assertThat(anchor.read().forgedLine()).startsWith("9 ");
		assertThat(new HeadAnchor(anchor.file(), new AuditKey(new byte[32])).read().forgedLine()).startsWith("5 ");
	}

	@Test
	void aSequenceAnchoredTwiceWithDifferentHashesIsReported() {
		HeadAnchor anchor = new HeadAnchor(dir.resolve("head.log"), key);
		anchor.append(5, HASH, 1);
		anchor.append(6, HASH, 1);
		anchor.append(6, HASH, 1); // the same record twice is harmless
		assertThat(anchor.read().rewrittenSeq()).isNull();
		anchor.append(6, "cd".repeat(32), 1);
		assertThat(anchor.read().rewrittenSeq()).isEqualTo(6);
	}

	@Test
	void aLongFileIsCompactedToItsNewestAnchor() throws Exception {
		HeadAnchor anchor = new HeadAnchor(dir.resolve("head.log"), key, 4096);
		long seq = 0;
		while (Files.notExists(anchor.file()) || Files.size(anchor.file()) < 4096 - 200) {
			anchor.append(++seq, HASH, 1);
		}
		anchor.append(++seq, HASH, 1);
		anchor.append(++seq, HASH, 1);
		assertThat(Files.size(anchor.file())).isLessThan(600);
		assertThat(anchor.read().latest().seq()).isEqualTo(seq);
		assertThat(Files.getPosixFilePermissions(anchor.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	private static byte[] keyBytes() {
		byte[] b = new byte[32];
		for (int i = 0; i < 32; i++) {
			b[i] = (byte) i;
		}
		return b;
	}
}
