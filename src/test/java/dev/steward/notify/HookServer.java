package dev.steward.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.net.httpserver.HttpServer;

/**
 * An in-test HTTP server standing in for a webhook, Slack, Teams, Discord or Telegram: records each request and answers
 * with the queued statuses (then 200).
 */
final class HookServer implements AutoCloseable {

	record Received(String method, String path, Map<String, List<String>> headers, String body) {

		String header(String name) {
			return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
				.map(e -> e.getValue().getFirst()).findFirst().orElse(null);
		}
	}

	private final HttpServer server;

	final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

	final List<Long> times = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

	HookServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				times.add(System.nanoTime());
				received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
						Map.copyOf(exchange.getRequestHeaders()), body));
			}
			Integer status = statuses.poll();
			if (status != null && status == HANG) {
				try {
					Thread.sleep(15_000);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				status = 200;
			}
			byte[] answer = (status == null || status == 200 ? "ok" : "down for maintenance").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
		server.start();
	}

	/** A "status" that makes the server sit on the request for 15 s before answering. */
	static final int HANG = -1;

	/** The next requests are answered with these statuses, in order ({@link #HANG}: no answer for 15 s). */
	void failNext(int... codes) {
		for (int c : codes) {
			statuses.add(c);
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
