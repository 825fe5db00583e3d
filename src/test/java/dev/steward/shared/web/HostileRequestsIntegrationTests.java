package dev.steward.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Requests a browser never sends, written byte for byte on a socket (java's HttpClient would normalise or
 * refuse them): whatever layer refuses them — Tomcat's connector, Spring Security's firewall, Spring MVC —
 * the client gets an RFC 9457 problem body and the log gets no stack trace.
 */
@IntegrationTest
class HostileRequestsIntegrationTests {

	private static @org.jspecify.annotations.Nullable String token;

	@LocalServerPort
	int port;

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	@BeforeEach
	void captureLog() {
		if (token == null) {
			token = TestApi.admin(port).post("/api/tokens", "{\"name\":\"hostile\"}").json().get("token").asString();
		}
		logged.start();
		root.addAppender(logged);
	}

	@AfterEach
	void releaseLog() {
		root.detachAppender(logged);
	}

	static Stream<Arguments> hostileRequests() {
		String bigHeader = "X-Filler: " + "a".repeat(20 * 1024) + "\r\n";
		return Stream.of(
				Arguments.of("invalid UTF-8 in a query parameter", "GET /api/audit?actor=%C3%28 HTTP/1.1\r\n", List.of(400)),
				Arguments.of("invalid UTF-8 in a query parameter, anonymous", "GET /api/audit?actor=%C3%28 HTTP/1.1\r\n",
						List.of(400, 401)),
				Arguments.of("invalid UTF-8 in a query parameter read by the CSRF check, anonymous",
						"POST /api/auth/login?_csrf=%C3%28 HTTP/1.1\r\nContent-Length: 0\r\n", List.of(400)),
				Arguments.of("an encoded slash", "GET /api/connections%2F..%2Fusers HTTP/1.1\r\n", List.of(400)),
				Arguments.of("an encoded backslash", "GET /api/connections%5C..%5Cusers HTTP/1.1\r\n", List.of(400)),
				Arguments.of("a semicolon", "GET /api/connections;x=y HTTP/1.1\r\n", List.of(400)),
				Arguments.of("a double slash", "GET //api/connections HTTP/1.1\r\n", List.of(400)),
				Arguments.of("an encoded NUL", "GET /api/connections%00 HTTP/1.1\r\n", List.of(400)),
				Arguments.of("an encoded percent", "GET /api/connections%25 HTTP/1.1\r\n", List.of(400)),
				Arguments.of("an encoded dot segment", "GET /api/%2e%2e/actuator/env HTTP/1.1\r\n", List.of(400)),
				Arguments.of("a raw invalid character in the path", "GET /api/conn{ections HTTP/1.1\r\n", List.of(400)),
				Arguments.of("a 20 KB header", "GET /api/connections HTTP/1.1\r\n" + bigHeader, List.of(400, 431)),
				Arguments.of("TRACE", "TRACE /api/connections HTTP/1.1\r\n", List.of(405)),
				Arguments.of("an unknown method", "FROB /api/connections HTTP/1.1\r\n", List.of(400, 405, 501)),
				Arguments.of("a non-ASCII header value", "GET /api/connections HTTP/1.1\r\nX-Odd: \u00ff\u0001\r\n",
						List.of(200, 400)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileRequests")
	void isRefusedWithAProblemBodyAndNoStackTrace(String what, String requestHead, List<Integer> statuses)
			throws IOException {
		boolean anonymous = what.endsWith("anonymous");
		String request = requestHead + "Host: 127.0.0.1:" + port + "\r\n"
				+ (anonymous ? "" : "Authorization: Bearer " + token + "\r\n")
				+ "Accept: application/json, application/problem+json\r\nConnection: close\r\n\r\n";

		RawResponse response = send(request);

		assertThat(response.status()).as(what + ": " + response).isIn(statuses);
		if (response.status() >= 400) {
			assertThat(response.headers().getOrDefault("content-type", "")).as(what + ": " + response)
				.startsWith("application/problem+json");
			JsonNode problem = TestApi.JSON.readTree(response.body());
			assertThat(problem.path("type").asString()).as(response.body()).startsWith("https://steward.dev/problems/");
			assertThat(problem.path("title").asString()).as(response.body()).isNotBlank();
			assertThat(problem.path("status").asInt()).as(response.body()).isEqualTo(response.status());
			assertThat(response.body()).doesNotContain("at org.", "Exception", "<html", "tomcat", "Tomcat");
		}
		assertThat(logged.list).as(what + ": nothing at ERROR, no stack trace")
			.noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null);
	}

	record RawResponse(int status, Map<String, String> headers, String body) {
	}

	private RawResponse send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			try {
				in.transferTo(all);
			}
			catch (java.net.SocketException e) {
				// a server may reset the connection after writing its answer to a request it did not read whole
			}
			return parse(all.toByteArray());
		}
	}

	private static RawResponse parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		assertThat(end).as("a complete response head in: " + text).isPositive();
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
		}
		String body = text.substring(end + 4);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new RawResponse(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
	}

	private static String dechunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int eol = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
			if (size == 0) {
				return body.toString();
			}
			body.append(chunked, eol + 2, eol + 2 + size);
			at = eol + 2 + size + 2;
		}
	}
}
