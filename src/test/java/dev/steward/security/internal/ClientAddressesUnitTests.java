package dev.steward.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.steward.security.internal.WebSecurityProperties.SecureCookie;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

class ClientAddressesUnitTests {

	private static ClientAddresses trusting(String... proxies) {
		return new ClientAddresses(new WebSecurityProperties(List.of(proxies), SecureCookie.AUTO, false));
	}

	private static MockHttpServletRequest from(String peer) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/login");
		request.setRemoteAddr(peer);
		return request;
	}

	@Test
	void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
		MockHttpServletRequest request = from("203.0.113.9");
		request.addHeader("X-Forwarded-For", "10.1.2.3");
		request.addHeader("Forwarded", "for=10.1.2.4;proto=https");
		request.addHeader("X-Forwarded-Proto", "https");
		assertThat(trusting().clientAddress(request)).isEqualTo("203.0.113.9");
		assertThat(trusting("10.0.0.0/8").clientAddress(request)).isEqualTo("203.0.113.9");
		assertThat(trusting("10.0.0.0/8").isHttps(request)).isFalse();
	}

	@Test
	void aTrustedProxyNamesTheClientRightMostUntrustedFirst() {
		MockHttpServletRequest request = from("10.0.0.5");
		// the client forged the first entry; the proxies appended what they saw
		request.addHeader("X-Forwarded-For", "198.51.100.1, 203.0.113.7, 10.0.0.4");
		ClientAddresses addresses = trusting("10.0.0.0/8", "::1");
		assertThat(addresses.clientAddress(request)).isEqualTo("203.0.113.7");
	}

	@Test
	void theForwardedHeaderWinsAndItsSyntaxIsUnderstood() {
		MockHttpServletRequest request = from("192.168.7.1");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		request.addHeader("Forwarded", "for=\"[2001:db8::17]:4711\";proto=https, for=192.168.7.2");
		ClientAddresses addresses = trusting("192.168.7.0/24");
		assertThat(addresses.clientAddress(request)).isEqualTo("2001:db8:0:0:0:0:0:17");
		assertThat(addresses.isHttps(request)).isTrue();
	}

	@Test
	void garbageOrNamesInTheHeaderAreNeverResolved() {
		MockHttpServletRequest request = from("10.0.0.5");
		request.addHeader("X-Forwarded-For", "evil.example.com, unknown");
		assertThat(trusting("10.0.0.0/8").clientAddress(request)).isEqualTo("10.0.0.5");
		assertThat(ClientAddresses.bytes("localhost")).isEmpty();
		assertThat(ClientAddresses.bytes("300.1.1.1")).isEmpty();
	}

	@Test
	void cidrBlocksMatchByPrefix() {
		ClientAddresses addresses = trusting("172.16.0.0/12", "2001:db8::/32", "127.0.0.1");
		assertThat(addresses.isTrusted("172.31.255.255")).isTrue();
		assertThat(addresses.isTrusted("172.32.0.1")).isFalse();
		assertThat(addresses.isTrusted("2001:db8:ffff::1")).isTrue();
		assertThat(addresses.isTrusted("2001:db9::1")).isFalse();
		assertThat(addresses.isTrusted("127.0.0.1")).isTrue();
		assertThat(addresses.isTrusted("127.0.0.2")).isFalse();
		assertThatThrownBy(() -> trusting("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> trusting("proxy.local")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theFilterShowsEveryoneAfterItTheResolvedAddressAndScheme() throws Exception {
		MockHttpServletRequest request = from("10.0.0.5");
		request.addHeader("X-Forwarded-For", "203.0.113.7");
		request.addHeader("X-Forwarded-Proto", "https");
		AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
		new ClientAddressFilter(trusting("10.0.0.0/8")).doFilter(request, new MockHttpServletResponse(),
				(req, res) -> seen.set((HttpServletRequest) req));
		assertThat(seen.get().getRemoteAddr()).isEqualTo("203.0.113.7");
		assertThat(seen.get().isSecure()).isTrue();
		assertThat(seen.get().getScheme()).isEqualTo("https");

		MockHttpServletRequest spoofed = from("203.0.113.50");
		spoofed.addHeader("X-Forwarded-For", "10.9.9.9");
		new ClientAddressFilter(trusting("10.0.0.0/8")).doFilter(spoofed, new MockHttpServletResponse(),
				(req, res) -> seen.set((HttpServletRequest) req));
		assertThat(seen.get().getRemoteAddr()).isEqualTo("203.0.113.50");
		assertThat(seen.get().isSecure()).isFalse();
	}

	@Test
	void secureCookiesFollowTheSetting() {
		MockHttpServletRequest plain = from("10.0.0.5");
		MockHttpServletRequest proxiedTls = from("10.0.0.5");
		proxiedTls.addHeader("X-Forwarded-Proto", "https");
		MockHttpServletRequest directTls = from("203.0.113.1");
		directTls.setSecure(true);

		SecureCookies auto = cookies(SecureCookie.AUTO, "10.0.0.0/8");
		assertThat(auto.secure(plain)).isFalse();
		assertThat(auto.secure(proxiedTls)).isTrue();
		assertThat(auto.secure(directTls)).isTrue();
		assertThat(cookies(SecureCookie.AUTO).secure(proxiedTls)).as("proxy not trusted").isFalse();
		assertThat(cookies(SecureCookie.ALWAYS).secure(plain)).isTrue();
		assertThat(cookies(SecureCookie.NEVER).secure(directTls)).isFalse();

		var processor = auto.wrap(new org.apache.tomcat.util.http.Rfc6265CookieProcessor());
		assertThat(processor.generateHeader(new Cookie("STEWARD_SESSION", "abc"), proxiedTls)).contains("Secure");
		assertThat(processor.generateHeader(new Cookie("STEWARD_SESSION", "abc"), plain)).doesNotContain("Secure");
	}

	private static SecureCookies cookies(SecureCookie mode, String... proxies) {
		WebSecurityProperties properties = new WebSecurityProperties(List.of(proxies), mode, false);
		return new SecureCookies(properties, new ClientAddresses(properties));
	}
}
