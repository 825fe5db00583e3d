package dev.steward.backup.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts bytes read (restore progress). */
final class CountingInputStream extends FilterInputStream {

	private final AtomicLong count;

	CountingInputStream(InputStream in, AtomicLong count) {
		super(in);
		this.count = count;
	}

	@Override
	public int read() throws IOException {
		int b = in.read();
		if (b >= 0) {
			count.incrementAndGet();
		}
		return b;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int n = in.read(b, off, len);
		if (n > 0) {
			count.addAndGet(n);
		}
		return n;
	}
}
