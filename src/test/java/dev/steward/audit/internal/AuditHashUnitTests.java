package dev.steward.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class AuditHashUnitTests {

	private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");

	private static final String PREV = "ab".repeat(32);

	@Test
	void canonicalStringIsLengthPrefixedWithDashForNull() {
		assertThat(AuditHash.canonical(7, AT, "alice", null, "user.create", "user", "42", "SUCCESS", "a|b", PREV))
			.isEqualTo("steward-audit-v1|1:7|16:1767323045123456|5:alice|-|11:user.create|4:user|2:42|7:SUCCESS|3:a|b|64:"
					+ PREV);
	}

	@Test
	void hashIsSha256HexOfTheCanonicalString() {
		// expected value computed independently with Python hashlib over the same string
		assertThat(AuditHash.hash(1, Instant.EPOCH, "a", null, "x", "t", null, "SUCCESS", null, AuditHash.GENESIS))
			.isEqualTo(AuditHash.sha256("steward-audit-v1|1:1|1:0|1:a|-|1:x|1:t|-|7:SUCCESS|-|64:" + AuditHash.GENESIS))
			.isEqualTo("c501c0fad268a6813f4386e1b7f8ee1b28e5f2206844fa4e77d24b00043c2715");
	}

	@Test
	void keyedHashIsHmacSha256OfTheV2CanonicalStringUnderTheAuditKey() {
		byte[] keyBytes = new byte[32];
		for (int i = 0; i < 32; i++) {
			keyBytes[i] = (byte) i;
		}
		AuditKey key = new AuditKey(keyBytes);
		// expected value computed independently with Python hmac over the same string and key bytes 0..31
		assertThat(AuditHash.keyedHash(key, 1, Instant.EPOCH, "a", null, "x", "t", null, "SUCCESS", null,
				AuditHash.GENESIS)).isEqualTo("97ae3967e5b12258bbace9e06e76e8f7457b9763dee9b1591ada9173e161c714");
		// without the key, the SHA-256 of the same fields is something else entirely
		assertThat(AuditHash.keyedHash(key, 1, Instant.EPOCH, "a", null, "x", "t", null, "SUCCESS", null,
				AuditHash.GENESIS)).isNotEqualTo(AuditHash.hash(1, Instant.EPOCH, "a", null, "x", "t", null,
						"SUCCESS", null, AuditHash.GENESIS));
		assertThat(AuditHash.keyedHash(new AuditKey(new byte[32]), 1, Instant.EPOCH, "a", null, "x", "t", null,
				"SUCCESS", null, AuditHash.GENESIS)).isNotEqualTo("97ae3967e5b12258bbace9e06e76e8f7457b9763dee9b1591ada9173e161c714");
	}

	@Test
	void separatorsInsideValuesCannotForgeAnotherRecord() {
		String one = AuditHash.canonical(1, AT, "a|1:b", null, "x", "t", null, "SUCCESS", null, PREV);
		String two = AuditHash.canonical(1, AT, "a", "b", "x", "t", null, "SUCCESS", null, PREV);
		assertThat(one).isNotEqualTo(two);
		assertThat(AuditHash.canonical(1, AT, "a", "x|", "y", "t", null, "SUCCESS", null, PREV))
			.isNotEqualTo(AuditHash.canonical(1, AT, "a", "x", "|y", "t", null, "SUCCESS", null, PREV));
	}

	@Test
	void nullEmptyAndDashAreDistinct() {
		String asNull = AuditHash.hash(1, AT, "a", null, "x", "t", null, "SUCCESS", null, PREV);
		String asEmpty = AuditHash.hash(1, AT, "a", "", "x", "t", null, "SUCCESS", null, PREV);
		String asDash = AuditHash.hash(1, AT, "a", "-", "x", "t", null, "SUCCESS", null, PREV);
		assertThat(asNull).isNotEqualTo(asEmpty).isNotEqualTo(asDash);
		assertThat(asEmpty).isNotEqualTo(asDash);
	}

	@Test
	void everyFieldIsCovered() {
		String base = AuditHash.hash(1, AT, "a", "ip", "x", "t", "id", "SUCCESS", "d", PREV);
		assertThat(AuditHash.hash(2, AT, "a", "ip", "x", "t", "id", "SUCCESS", "d", PREV)).isNotEqualTo(base);
		assertThat(AuditHash.hash(1, AT.plusNanos(1000), "a", "ip", "x", "t", "id", "SUCCESS", "d", PREV))
			.isNotEqualTo(base);
		assertThat(AuditHash.hash(1, AT, "b", "ip", "x", "t", "id", "SUCCESS", "d", PREV)).isNotEqualTo(base);
		assertThat(AuditHash.hash(1, AT, "a", "iq", "x", "t", "id", "SUCCESS", "d", PREV)).isNotEqualTo(base);
		assertThat(AuditHash.hash(1, AT, "a", "ip", "y", "t", "id", "SUCCESS", "d", PREV)).isNotEqualTo(base);
		assertThat(AuditHash.hash(1, AT, "a", "ip", "x", "u", "id", "SUCCESS", "d", PREV)).isNotEqualTo(base);
		assertThat(AuditHash.hash(1, AT, "a", "ip", "x", "t", "ie", "SUCCESS", "d", PREV)).isNotEqualTo(base);
		assertThat(AuditHash.hash(1, AT, "a", "ip", "x", "t", "id", "FAILURE", "d", PREV)).isNotEqualTo(base);
		assertThat(AuditHash.hash(1, AT, "a", "ip", "x", "t", "id", "SUCCESS", "e", PREV)).isNotEqualTo(base);
		assertThat(AuditHash.hash(1, AT, "a", "ip", "x", "t", "id", "SUCCESS", "d", AuditHash.GENESIS))
			.isNotEqualTo(base);
	}

	@Test
	void timestampsBeforeTheEpochAndAtMicrosecondPrecision() {
		assertThat(AuditHash.epochMicros(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1);
		assertThat(AuditHash.epochMicros(AT)).isEqualTo(1767323045123456L);
	}

	@Test
	void columnsReplaceControlCharactersAndLoneSurrogatesAndNeverSplitAPair() {
		assertThat(Columns.fit("a\u0000b\nc\u007f", 64)).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
		assertThat(Columns.fit("x\uD800y", 64)).isEqualTo("x\uFFFDy");
		String emoji = "\uD83D\uDE00"; // one code point, two chars
		assertThat(Columns.fit("ab" + emoji, 3)).isEqualTo("ab");
		assertThat(Columns.fit("ab" + emoji, 4)).isEqualTo("ab" + emoji);
		assertThat(Columns.fit("abcdef", 4)).isEqualTo("abcd");
		assertThat(Columns.fitNullable(null, 4)).isNull();
	}

	@Test
	void aDetailKeepsItsLineBreaksAndArrowsAndStillLosesOtherControls() {
		assertThat(Columns.fitText("orders: 3 → 4 columns\r\ncustomer:\tdropped\nlast\u0000\u001b[31m", 500))
			.isEqualTo("orders: 3 → 4 columns\ncustomer:\tdropped\nlast\uFFFD\uFFFD[31m");
		assertThat(Columns.fitText(null, 4)).isNull();
	}
}
