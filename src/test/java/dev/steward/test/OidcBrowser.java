package dev.steward.test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A browser's side of the authorization code flow, over plain HTTP without following redirects: Steward's
 * authorize endpoint, the provider's login form (posted as a person would), the callback back at Steward. One
 * cookie jar, so the session begun at the callback is this client's.
 */
public final class OidcBrowser {

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	public OidcBrowser(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/**
	 * Signs in through provider {@code key} as {@code subject} with the claims (a JSON object); returns the
	 * callback's answer (302 to {@code /} on success, else a problem body).
	 */
	public HttpResponse<String> signIn(String key, String subject, String claimsJson) {
		HttpResponse<String> start = get(base + "/api/auth/oidc/authorize/" + key, null);
		if (start.statusCode() != 302) {
			return start;
		}
		String authorize = location(start);
		String form = "username=" + enc(subject) + "&claims=" + enc(claimsJson);
		HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(authorize))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.header("Content-Type", "application/x-www-form-urlencoded"));
		if (login.statusCode() != 302) {
			throw new AssertionError("the provider's login answered " + login.statusCode() + ": " + login.body());
		}
		return get(location(login), null);
	}

	public HttpResponse<String> get(String url, @Nullable String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.startsWith("/") ? base + url : url)).GET();
		if (accept != null) {
			request.header("Accept", accept);
		}
		return send(request);
	}

	/** A JSON call to Steward with the session cookie and (unless {@code withoutCsrf}) the CSRF header. */
	public HttpResponse<String> call(String method, String path, boolean withoutCsrf) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Accept", "application/json");
		if (!withoutCsrf) {
			cookie("XSRF-TOKEN").ifPresent(token -> request.header("X-XSRF-TOKEN", token));
		}
		return send(request);
	}

	public java.util.Optional<String> cookie(String name) {
		return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
			.map(HttpCookie::getValue).findFirst();
	}

	public static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location")
			.orElseThrow(() -> new AssertionError("no Location in a " + response.statusCode()));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			TestApi.SEEN.add(r.request().method() + " " + r.uri() + " -> " + r.statusCode() + " " + r.body());
			return r;
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
