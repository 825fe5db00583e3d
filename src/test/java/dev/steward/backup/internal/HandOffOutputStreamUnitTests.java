package dev.steward.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class HandOffOutputStreamUnitTests {

	@Test
	void everyByteArrivesInOrderAcrossBlocks() throws IOException {
		byte[] data = new byte[HandOffOutputStream.BLOCK * 3 + 12345];
		new Random(7).nextBytes(data);
		ByteArrayOutputStream sink = new ByteArrayOutputStream();
		try (HandOffOutputStream out = new HandOffOutputStream(sink, 2, "test-handoff")) {
			int off = 0;
			Random sizes = new Random(1);
			while (off < data.length) {
				int n = Math.min(data.length - off, 1 + sizes.nextInt(200_000));
				out.write(data, off, n);
				off += n;
			}
			out.write(42);
		}
		byte[] expected = java.util.Arrays.copyOf(data, data.length + 1);
		expected[data.length] = 42;
		assertThat(sink.toByteArray()).isEqualTo(expected);
	}

	@Test
	void aDownstreamFailureSurfacesOnTheWritingSide() {
		OutputStream full = new OutputStream() {
			@Override
			public void write(int b) throws IOException {
				throw new IOException("No space left on device");
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				throw new IOException("No space left on device");
			}
		};
		HandOffOutputStream out = new HandOffOutputStream(full, 2, "test-handoff-full");
		byte[] block = new byte[HandOffOutputStream.BLOCK];
		assertThatThrownBy(() -> {
			for (int i = 0; i < 20; i++) {
				out.write(block);
			}
			out.close();
		}).isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
	}

	@Test
	void aFailureSeenByWriteAndAgainByCloseIsTwoExceptions() throws Exception {
		OutputStream failing = new OutputStream() {
			@Override
			public void write(int b) throws IOException {
				throw new IOException("No space left on device");
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				throw new IOException("No space left on device");
			}
		};
		HandOffOutputStream out = new HandOffOutputStream(failing, 1, "test-handoff-twice");
		byte[] block = new byte[HandOffOutputStream.BLOCK];
		java.util.List<IOException> thrown = new java.util.ArrayList<>();
		try {
			out.write(block); // handed off; the worker fails on it (this write may already see that)
		}
		catch (IOException e) {
			thrown.add(e);
		}
		Awaitility.await().until(() -> {
			try {
				out.flush();
				return false;
			}
			catch (IOException e) {
				thrown.add(e);
				return true;
			}
		});
		// then as try-with-resources does: a write's failure, then close's, suppressed into it
		thrown.add(org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> out.write(block)));
		thrown.add(org.junit.jupiter.api.Assertions.assertThrows(IOException.class, out::close));
		assertThat(thrown).allSatisfy(e -> assertThat(e).hasMessageContaining("No space left on device"))
			.doesNotHaveDuplicates();
		thrown.get(thrown.size() - 2).addSuppressed(thrown.getLast());
	}

	@Test
	void abandoningStopsTheWorkerAndWritesNothingMore() throws IOException {
		ByteArrayOutputStream sink = new ByteArrayOutputStream();
		HandOffOutputStream out = new HandOffOutputStream(sink, 2, "test-handoff-abandon");
		out.write(new byte[100]);
		out.abandon();
		Awaitility.await().until(() -> Thread.getAllStackTraces().keySet().stream()
			.noneMatch(t -> t.getName().equals("test-handoff-abandon")));
		assertThat(sink.size()).isZero();
	}
}
