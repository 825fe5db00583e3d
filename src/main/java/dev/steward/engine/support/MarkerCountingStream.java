package dev.steward.engine.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Passes a tool's script through unchanged and counts the lines that start with one of the tool's object headers
 * (e.g. mariadb-dump's {@code -- Table structure for table}), so an export can report objects done.
 */
public final class MarkerCountingStream extends OutputStream {

	private final OutputStream out;

	private final List<byte[]> markers;

	private final LongConsumer done;

	private final byte[] head = new byte[64];

	private int headLength;

	private boolean lineStart = true;

	private long count;

	public MarkerCountingStream(OutputStream out, List<String> markers, LongConsumer done) {
		this.out = out;
		this.markers = markers.stream().map(m -> m.getBytes(StandardCharsets.UTF_8)).toList();
		this.done = done;
	}

	public long count() {
		return count;
	}

	@Override
	public void write(int b) throws IOException {
		out.write(b);
		track((byte) b);
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		out.write(b, off, len);
		for (int i = off; i < off + len; i++) {
			track(b[i]);
		}
	}

	private void track(byte b) {
		if (b == '\n') {
			lineStart = true;
			headLength = 0;
			return;
		}
		if (!lineStart) {
			return;
		}
		head[headLength++] = b;
		for (byte[] m : markers) {
			if (headLength == m.length && java.util.Arrays.equals(head, 0, headLength, m, 0, m.length)) {
				done.accept(++count);
				lineStart = false;
				return;
			}
		}
		if (headLength == head.length || markers.stream().noneMatch(m -> prefixOf(m))) {
			lineStart = false;
		}
	}

	private boolean prefixOf(byte[] marker) {
		return marker.length >= headLength && java.util.Arrays.equals(head, 0, headLength, marker, 0, headLength);
	}

	@Override
	public void flush() throws IOException {
		out.flush();
	}
}
