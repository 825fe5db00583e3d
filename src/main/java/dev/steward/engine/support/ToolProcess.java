package dev.steward.engine.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ToolAborted;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;

/**
 * Runs a client tool (pg_dump, pg_restore, mariadb-dump …) with an argument array, never a shell:
 * secrets go in {@link #env} (or a 0600 file the caller owns), stdout is pumped into the caller's stream,
 * stdin is fed from the caller's stream, stderr is kept (capped) for the error message. The process
 * tree is destroyed on abort, on a failing stream, and whenever this returns with the process still alive,
 * so no orphan outlives a run.
 */
public final class ToolProcess {

	/** How much of stderr is kept for messages; the rest is counted but dropped. */
	public static final int STDERR_CAP = 16 * 1024;

	private final List<String> command;

	private final Map<String, String> env = new LinkedHashMap<>();

	private final List<String> unsetEnv = new ArrayList<>();

	private @Nullable InputStream stdin;

	private @Nullable OutputStream stdout;

	private @Nullable Path directory;

	private ToolProcess(List<String> command) {
		this.command = List.copyOf(command);
	}

	public static ToolProcess of(List<String> command) {
		return new ToolProcess(command);
	}

	public ToolProcess env(String name, @Nullable String value) {
		if (value != null) {
			env.put(name, value);
		}
		return this;
	}

	/** Removes inherited variables (e.g. a stray PGPASSFILE) that would change what the tool connects to. */
	public ToolProcess unsetEnv(String... names) {
		unsetEnv.addAll(List.of(names));
		return this;
	}

	public ToolProcess stdin(InputStream in) {
		this.stdin = in;
		return this;
	}

	public ToolProcess stdout(OutputStream out) {
		this.stdout = out;
		return this;
	}

	public ToolProcess directory(Path dir) {
		this.directory = dir;
		return this;
	}

	/** What the tool printed; {@code stdout} is empty when it went to a caller's stream. */
	public record Result(int exitCode, String stdout, String stderr) {
	}

	/**
	 * Runs to completion. Throws {@link ToolAborted} if aborted, the stream's own IOException if feeding or
	 * draining failed (a corrupt archive, a full disk), {@link ToolFailed} on a non-zero exit.
	 */
	public Result run(ToolControl control) throws IOException {
		control.throwIfAborted();
		String tool = Path.of(command.get(0)).getFileName().toString();
		ProcessBuilder pb = new ProcessBuilder(command);
		unsetEnv.forEach(pb.environment()::remove);
		pb.environment().putAll(env);
		if (directory != null) {
			pb.directory(directory.toFile());
		}
		if (stdin == null) {
			pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		}
		Process process;
		try {
			process = pb.start();
		}
		catch (IOException e) {
			throw new ToolUnavailable("Could not start " + tool + ": " + e.getMessage(), e);
		}
		control.register(process);
		AtomicReference<@Nullable Throwable> pumpFailure = new AtomicReference<>();
		ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
		ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
		List<Thread> pumps = new ArrayList<>();
		try {
			pumps.add(Thread.ofVirtual().name(tool + "-stderr").start(() -> drainCapped(process.getErrorStream(), capturedErr)));
			OutputStream sink = stdout != null ? stdout : new CappedStream(capturedOut, 1024 * 1024);
			pumps.add(Thread.ofVirtual().name(tool + "-stdout").start(() -> {
				try (InputStream from = process.getInputStream()) {
					from.transferTo(sink);
				}
				catch (IOException | RuntimeException e) {
					if (!control.aborted()) {
						pumpFailure.compareAndSet(null, e);
					}
					ToolControl.destroyTree(process);
				}
			}));
			if (stdin != null) {
				InputStream source = stdin;
				pumps.add(Thread.ofVirtual().name(tool + "-stdin").start(() -> {
					OutputStream to = process.getOutputStream();
					byte[] buffer = new byte[64 * 1024];
					try {
						while (true) {
							int n;
							try {
								n = source.read(buffer);
							}
							catch (IOException | RuntimeException e) {
								// reading the archive failed (damaged, unreadable): that is the story, not the tool's exit
								if (!control.aborted()) {
									pumpFailure.compareAndSet(null, e);
								}
								ToolControl.destroyTree(process);
								return;
							}
							if (n < 0) {
								break;
							}
							to.write(buffer, 0, n);
						}
					}
					catch (IOException e) {
						// the tool closed its stdin early (it failed): its exit code and stderr tell why
					}
					finally {
						try {
							to.close();
						}
						catch (IOException ignored) {
							// already gone
						}
					}
				}));
			}
			int exit = process.waitFor();
			for (Thread pump : pumps) {
				if (!pump.join(java.time.Duration.ofSeconds(30))) {
					pump.interrupt();
				}
			}
			String err = capturedErr.toString(StandardCharsets.UTF_8).strip();
			String reason = control.abortReason();
			if (reason != null) {
				throw new ToolAborted(reason);
			}
			Throwable failure = pumpFailure.get();
			if (failure instanceof IOException io) {
				throw io;
			}
			if (failure instanceof RuntimeException re) {
				throw re;
			}
			if (exit != 0) {
				throw new ToolFailed(tool + " failed (exit " + exit + ")" + (err.isEmpty() ? "" : ": " + err));
			}
			return new Result(exit, capturedOut.toString(StandardCharsets.UTF_8), err);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException(tool + " interrupted");
		}
		finally {
			if (process.isAlive()) {
				ToolControl.destroyTree(process);
				try {
					process.waitFor(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			control.unregister(process);
		}
	}

	private static void drainCapped(InputStream in, ByteArrayOutputStream into) {
		try (in) {
			in.transferTo(new CappedStream(into, STDERR_CAP));
		}
		catch (IOException ignored) {
			// the process died; what was read is enough for the message
		}
	}

	/** Keeps the first {@code cap} bytes and silently drops the rest. */
	private static final class CappedStream extends OutputStream {

		private final ByteArrayOutputStream into;

		private final int cap;

		CappedStream(ByteArrayOutputStream into, int cap) {
			this.into = into;
			this.cap = cap;
		}

		@Override
		public void write(int b) {
			if (into.size() < cap) {
				into.write(b);
			}
		}

		@Override
		public void write(byte[] b, int off, int len) {
			int room = cap - into.size();
			if (room > 0) {
				into.write(b, off, Math.min(room, len));
			}
		}
	}
}
