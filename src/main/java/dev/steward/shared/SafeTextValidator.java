package dev.steward.shared;

import org.jspecify.annotations.Nullable;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SafeText}; {@link #firstUnsafe} serves code that validates by hand. */
public final class SafeTextValidator implements ConstraintValidator<SafeText, CharSequence> {

	private boolean multiline;

	@Override
	public void initialize(SafeText annotation) {
		this.multiline = annotation.multiline();
	}

	@Override
	public boolean isValid(@Nullable CharSequence value, ConstraintValidatorContext context) {
		return value == null || firstUnsafe(value, multiline) < 0;
	}

	/** The index of the first character {@link SafeText} refuses, or -1. */
	public static int firstUnsafe(CharSequence value, boolean multiline) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				if (!allowed(Character.toCodePoint(c, value.charAt(i + 1)), multiline)) {
					return i;
				}
				i++;
			}
			else if (Character.isSurrogate(c) || !allowed(c, multiline)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean allowed(int cp, boolean multiline) {
		if (multiline && (cp == '\n' || cp == '\r' || cp == '\t' || cp == '\u200C' || cp == '\u200D')) {
			return true;
		}
		return switch (Character.getType(cp)) {
			// controls; format characters (bidi controls, zero-width, BOM, soft hyphen, tags); line and paragraph separators
			case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
			default -> true;
		};
	}
}
