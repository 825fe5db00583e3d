package dev.steward.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailuresUnitTests {

	@Test
	void scrubsThePasswordInEveryForm() {
		String password = "s3cr/t@x";
		String message = "FATAL: bad login for url postgresql://u:" + UrlParts.encode(password) + "@h with " + password
				+ " and ?user=u&password=other;";
		String scrubbed = Failures.scrub(message, password);
		assertThat(scrubbed).doesNotContain(password).doesNotContain(UrlParts.encode(password)).doesNotContain("other")
			.contains("***");
	}

	@Test
	void boundsLongMessages() {
		assertThat(Failures.scrub("x".repeat(5000), null)).hasSizeLessThan(1010);
	}

	@Test
	void percentEncodingRoundTrips() {
		String raw = "p@ss:w/rd ?#&=%+ü";
		assertThat(UrlParts.decode(UrlParts.encode(raw))).isEqualTo(raw);
		assertThat(UrlParts.decode("a+b")).isEqualTo("a+b");
	}
}
