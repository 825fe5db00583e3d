package dev.steward.test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for integration tests: a cookie session with the SPA's CSRF handshake, or a bearer
 * token. Every response it sees is kept in {@link #SEEN} so a test can scan them all for leaked secrets.
 */
public final class TestApi {

	public static final List<String> SEEN = new CopyOnWriteArrayList<>();

	public static final JsonMapper JSON = JsonMapper.builder().build();

	public record Response(int status, String body, java.net.http.HttpHeaders headers) {

		public JsonNode json() {
			return JSON.readTree(body.isEmpty() ? "null" : body);
		}
	}

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http;

	private @Nullable String bearer;

	private TestApi(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
	}

	/** Not logged in (but holding a CSRF cookie, as the SPA would). */
	public static TestApi anonymous(int port) {
		TestApi api = new TestApi(port);
		api.get("/api/auth/csrf");
		return api;
	}

	public static TestApi login(int port, String username, String password) {
		TestApi api = anonymous(port);
		Response r = api.post("/api/auth/login", JSON.createObjectNode().put("username", username)
			.put("password", password).toString());
		if (r.status() != 200) {
			throw new AssertionError("login as " + username + " failed: " + r.status() + " " + r.body());
		}
		return api;
	}

	public static TestApi admin(int port) {
		return login(port, "admin", TestStore.ADMIN_PASSWORD);
	}

	/** Authenticates with {@code Authorization: Bearer} only: no cookies, no CSRF. */
	public static TestApi bearer(int port, String token) {
		TestApi api = new TestApi(port);
		api.bearer = token;
		return api;
	}

	public Response get(String path) {
		return send("GET", path, null);
	}

	public Response post(String path, @Nullable String json) {
		return send("POST", path, json);
	}

	public Response put(String path, String json) {
		return send("PUT", path, json);
	}

	public Response patch(String path, String json) {
		return send("PATCH", path, json);
	}

	public Response delete(String path) {
		return send("DELETE", path, null);
	}

	public Response send(String method, String path, @Nullable String json) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
		b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			b.header("Content-Type", "application/json");
		}
		b.header("Accept", "application/json, application/problem+json");
		if (bearer != null) {
			b.header("Authorization", "Bearer " + bearer);
		}
		else {
			String xsrf = xsrf();
			if (xsrf != null) {
				b.header("X-XSRF-TOKEN", xsrf);
			}
		}
		try {
			HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
			SEEN.add(method + " " + path + " -> " + r.statusCode() + " " + r.body());
			return new Response(r.statusCode(), r.body(), r.headers());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** POSTs raw bytes (an import upload) as {@code application/octet-stream}; {@code body} decides the length. */
	public Response upload(String path, HttpRequest.BodyPublisher body) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
			.POST(body).header("Content-Type", "application/octet-stream")
			.header("Accept", "application/json, application/problem+json");
		if (bearer != null) {
			b.header("Authorization", "Bearer " + bearer);
		}
		else {
			String xsrf = xsrf();
			if (xsrf != null) {
				b.header("X-XSRF-TOKEN", xsrf);
			}
		}
		try {
			HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
			SEEN.add("POST " + path + " -> " + r.statusCode() + " " + r.body());
			return new Response(r.statusCode(), r.body(), r.headers());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** POSTs {@code json} and hands back the body as a stream, unread: for downloads too large to hold. */
	public HttpResponse<java.io.InputStream> postStreaming(String path, String json) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
			.POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
		if (bearer != null) {
			b.header("Authorization", "Bearer " + bearer);
		}
		else {
			String xsrf = xsrf();
			if (xsrf != null) {
				b.header("X-XSRF-TOKEN", xsrf);
			}
		}
		try {
			return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** GETs {@code path} and keeps the body as bytes (downloads of binary files). */
	public HttpResponse<byte[]> getBytes(String path) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2)).GET();
		if (bearer != null) {
			b.header("Authorization", "Bearer " + bearer);
		}
		try {
			return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private @Nullable String xsrf() {
		return cookies.getCookieStore().getCookies().stream()
			.filter(c -> c.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}
}
