package dev.steward.backup.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.jspecify.annotations.Nullable;

/**
 * Hands written bytes, in blocks, to a second thread that writes them on to {@code downstream}. The dump
 * tool's pipe is then drained at memory speed while compression and encryption run beside it, instead of the
 * tool waiting for each block to be compressed. Memory is bounded: at most {@code depth} blocks in flight.
 * A failure downstream (disk full, store error) surfaces on the next write, flush or close.
 */
public final class HandOffOutputStream extends OutputStream {

	static final int BLOCK = 1 << 20;

	private static final byte[] END = new byte[0];

	private record Block(byte[] bytes, int length) {
	}

	private final BlockingQueue<Block> queue;

	/** Blocks the worker is done with, reused so a long dump does not churn through the heap. */
	private final BlockingQueue<byte[]> free;

	private final OutputStream downstream;

	private final Thread worker;

	private volatile @Nullable Throwable failure;

	/** Whether {@link #failure} was thrown to the writer already (touched by the writing thread only). */
	private boolean reported;

	private byte[] current = new byte[BLOCK];

	private int used;

	private boolean closed;

	public HandOffOutputStream(OutputStream downstream, int depth, String threadName) {
		this.downstream = downstream;
		this.queue = new ArrayBlockingQueue<>(depth);
		this.free = new ArrayBlockingQueue<>(depth + 1);
		this.worker = Thread.ofPlatform().daemon().name(threadName).start(this::drain);
	}

	private void drain() {
		try {
			while (true) {
				Block block = queue.take();
				if (block.bytes() == END) {
					return;
				}
				downstream.write(block.bytes(), 0, block.length());
				free.offer(block.bytes());
			}
		}
		catch (Throwable t) {
			failure = t;
			queue.clear(); // unblock a producer waiting for space
		}
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] b, int off, int len) throws IOException {
		check();
		while (len > 0) {
			int n = Math.min(len, BLOCK - used);
			System.arraycopy(b, off, current, used, n);
			used += n;
			off += n;
			len -= n;
			if (used == BLOCK) {
				handOff();
			}
		}
	}

	private void handOff() throws IOException {
		if (used == 0) {
			return;
		}
		put(new Block(current, used));
		byte[] reused = free.poll();
		current = reused != null ? reused : new byte[BLOCK];
		used = 0;
	}

	private void put(Block block) throws IOException {
		try {
			while (!queue.offer(block, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
				check();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			worker.interrupt();
			throw new InterruptedIOException("Interrupted while handing off backup data");
		}
		check();
	}

	private void check() throws IOException {
		Throwable t = failure;
		if (t != null && reported) {
			// a fresh exception each later time: the same instance thrown by write and again by close would make
			// try-with-resources suppress an exception into itself
			throw new IOException(t.getMessage(), t);
		}
		reported = t != null;
		if (t instanceof IOException io) {
			throw io;
		}
		if (t instanceof RuntimeException re) {
			throw re;
		}
		if (t != null) {
			throw new IOException("Backup pipeline failed: " + t, t);
		}
	}

	/** Waits until everything written so far has gone downstream, then flushes it. */
	@Override
	public void flush() throws IOException {
		handOff();
		// the worker owns downstream; a flush barrier is only needed at close, which joins the worker
		check();
	}

	/** Sends the rest, waits for the worker, then closes downstream (which writes the final frames). */
	@Override
	public void close() throws IOException {
		if (closed) {
			return;
		}
		closed = true;
		handOff();
		put(new Block(END, 0));
		try {
			worker.join();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			worker.interrupt();
			throw new InterruptedIOException("Interrupted while finishing the backup");
		}
		check();
		downstream.close();
	}

	/** Stops the worker without finishing (the run failed or was cancelled); nothing more is written. */
	public void abandon() {
		closed = true;
		worker.interrupt();
	}
}
