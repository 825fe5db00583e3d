package dev.steward.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeTextValidatorUnitTests {

	@ParameterizedTest(name = "U+{0}")
	@ValueSource(ints = { 0x00, 0x07, 0x1B, 0x7F, 0x85, 0xAD, 0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0x202A, 0x202B,
			0x202C, 0x202D, 0x202E, 0x2028, 0x2029, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0xFFF9, 0xE0041 })
	void refusesInvisibleAndControlCharacters(int codePoint) {
		String text = "ab" + Character.toString(codePoint) + "cd";
		assertThat(SafeTextValidator.firstUnsafe(text, false)).isEqualTo(2);
		assertThat(SafeTextValidator.firstUnsafe(text, true)).isEqualTo(2);
	}

	@Test
	void refusesUnpairedSurrogates() {
		assertThat(SafeTextValidator.firstUnsafe("a\uD800b", false)).isEqualTo(1);
		assertThat(SafeTextValidator.firstUnsafe("ab\uDC00", false)).isEqualTo(2);
		assertThat(SafeTextValidator.firstUnsafe("a\uD83D\uDE00b", false)).isEqualTo(-1);
	}

	@Test
	void acceptsOrdinaryTextInAnyScript() {
		for (String text : new String[] { "prod-db 1", "Ünïcode", "数据库", "مخزن البيانات", "שלום", "Ελληνικά", "😀 ok",
				"path/to/file.sqlite", "a b\u00A0c" }) {
			assertThat(SafeTextValidator.firstUnsafe(text, false)).as(text).isEqualTo(-1);
		}
	}

	@Test
	void multilineTextMayHoldLineBreaksTabsAndJoiners() {
		String text = "line one\r\nline\ttwo می\u200Cخواهم 👩\u200D💻";
		assertThat(SafeTextValidator.firstUnsafe(text, true)).isEqualTo(-1);
		assertThat(SafeTextValidator.firstUnsafe(text, false)).isEqualTo(8);
		assertThat(SafeTextValidator.firstUnsafe("a\u200Db", false)).isEqualTo(1);
	}
}
