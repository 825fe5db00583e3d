package dev.steward.masking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.steward.masking.MaskKind;
import dev.steward.masking.PiiKind;

/** The checksums, detectors, masks and statement classification masking relies on. */
class MaskingChecksTests {

	@Test
	void luhnAcceptsRealCardNumbersAndRejectsOneDigitOff() {
		assertThat(PiiDetectors.luhnValid("4111 1111 1111 1111")).isTrue();
		assertThat(PiiDetectors.luhnValid("5500-0000-0000-0004")).isTrue();
		assertThat(PiiDetectors.luhnValid("378282246310005")).isTrue();
		assertThat(PiiDetectors.luhnValid("4111 1111 1111 1112")).isFalse();
		assertThat(PiiDetectors.luhnValid("1234")).isFalse();
		assertThat(PiiDetectors.kindOf("4111111111111111")).contains(PiiKind.CARD);
		assertThat(PiiDetectors.kindOf("4111111111111112")).isEmpty();
	}

	@Test
	void ibanNeedsItsMod97Checksum() {
		assertThat(PiiDetectors.ibanValid("GB82 WEST 1234 5698 7654 32")).isTrue();
		assertThat(PiiDetectors.ibanValid("DE89370400440532013000")).isTrue();
		assertThat(PiiDetectors.ibanValid("FR1420041010050500013M02606")).isTrue();
		assertThat(PiiDetectors.ibanValid("GB82 WEST 1234 5698 7654 33")).isFalse();
		assertThat(PiiDetectors.ibanValid("DE88370400440532013000")).isFalse();
		assertThat(PiiDetectors.kindOf("DE89 3704 0044 0532 0130 00")).contains(PiiKind.IBAN);
		assertThat(PiiDetectors.kindOf("DE88 3704 0044 0532 0130 00")).isEmpty();
	}

	@Test
	void detectorsTellEmailsPhonesAndSsnsFromOrdinaryText() {
		assertThat(PiiDetectors.kindOf("luisg@embraer.com.br")).contains(PiiKind.EMAIL);
		assertThat(PiiDetectors.kindOf("+55 (12) 3923-5555")).contains(PiiKind.PHONE);
		assertThat(PiiDetectors.kindOf("078-05-1120")).contains(PiiKind.NATIONAL_ID);
		assertThat(PiiDetectors.kindOf("000-12-3456").filter(k -> k == PiiKind.NATIONAL_ID)).isEmpty();
		assertThat(PiiDetectors.kindOf("Rock and Roll")).isEmpty();
		assertThat(PiiDetectors.kindOf("2024")).isEmpty();
		assertThat(PiiDetectors.kindOfName("Email")).contains(PiiKind.EMAIL);
		assertThat(PiiDetectors.kindOfName("first_name")).isEmpty();
	}

	@Test
	void masksHideWhatTheyShould() {
		assertThat(Masks.apply(MaskKind.EMAIL, "john.smith@example.com", 0, 0, "s")).isEqualTo("j***@example.com");
		assertThat(Masks.apply(MaskKind.EMAIL, "not an address", 0, 0, "s")).isEqualTo(Masks.REDACTED);
		assertThat(Masks.apply(MaskKind.PARTIAL, "+55 (12) 3923-5555", 0, 4, "s")).isEqualTo("**************5555");
		assertThat(Masks.apply(MaskKind.PARTIAL, "abc", 2, 2, "s")).isEqualTo("****");
		assertThat(Masks.apply(MaskKind.REDACT, "secret", 0, 0, "s")).isEqualTo("****");
		assertThat(Masks.apply(MaskKind.NULL, "secret", 0, 0, "s")).isNull();
		String h = Masks.apply(MaskKind.HASH, "secret", 0, 0, "salt-a");
		assertThat(h).isEqualTo(Masks.apply(MaskKind.HASH, "secret", 0, 0, "salt-a")).doesNotContain("secret")
			.isNotEqualTo(Masks.apply(MaskKind.HASH, "secret", 0, 0, "salt-b"));
		assertThat(Masks.apply(MaskKind.REDACT, null, 0, 0, "s")).isNull();
	}

	@Test
	void statementsThatMayChangeDataAreTold() {
		assertThat(SqlWords.changesData("SELECT email FROM customer")).isFalse();
		assertThat(SqlWords.changesData("  -- a comment\n WITH c AS (SELECT 1) SELECT * FROM c")).isFalse();
		assertThat(SqlWords.changesData("SELECT 'update' AS word, \"insert\" FROM t")).isFalse();
		assertThat(SqlWords.changesData("UPDATE customer SET first_name = email")).isTrue();
		assertThat(SqlWords.changesData("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x")).isTrue();
		assertThat(SqlWords.changesData("SELECT email INTO copy FROM customer")).isTrue();
		assertThat(SqlWords.changesData("CREATE TABLE c2 AS SELECT * FROM customer")).isTrue();
		assertThat(SqlWords.changesData("DO $$ BEGIN UPDATE t SET a = 1; END $$")).isTrue();
		assertThat(SqlWords.changesData("COPY customer TO STDOUT")).isTrue();
	}
}
