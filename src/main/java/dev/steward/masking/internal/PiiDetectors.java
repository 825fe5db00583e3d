package dev.steward.masking.internal;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.steward.masking.PiiKind;

/** Regular expressions with checks (Luhn for cards, mod-97 for IBANs) and the name hints of each kind. */
public final class PiiDetectors {

	private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,24}$");

	/** International or national numbers: digits with spaces, dots, dashes, parentheses; 7 to 15 digits. */
	private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ().-]{7,24}$");

	private static final Pattern CARD = Pattern.compile("^[0-9][0-9 -]{11,22}[0-9]$");

	private static final Pattern IBAN = Pattern.compile("^[A-Z]{2}[0-9]{2}[A-Z0-9 ]{10,36}$");

	private static final Pattern SSN = Pattern.compile("^(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}$");

	private PiiDetectors() {
	}

	/** The kind a value is, if any (checked in this order: e-mail, IBAN, card, SSN, phone). */
	public static Optional<PiiKind> kindOf(String raw) {
		String v = raw.strip();
		if (v.isEmpty() || v.length() > 64) {
			return Optional.empty();
		}
		if (EMAIL.matcher(v).matches()) {
			return Optional.of(PiiKind.EMAIL);
		}
		if (IBAN.matcher(v.toUpperCase(Locale.ROOT)).matches() && ibanValid(v)) {
			return Optional.of(PiiKind.IBAN);
		}
		if (CARD.matcher(v).matches() && luhnValid(v)) {
			return Optional.of(PiiKind.CARD);
		}
		if (SSN.matcher(v).matches()) {
			return Optional.of(PiiKind.NATIONAL_ID);
		}
		if (PHONE.matcher(v).matches()) {
			long digits = v.chars().filter(Character::isDigit).count();
			if (digits >= 7 && digits <= 15 && (v.startsWith("+") || v.chars().anyMatch(c -> " ().-".indexOf(c) >= 0))) {
				return Optional.of(PiiKind.PHONE);
			}
		}
		return Optional.empty();
	}

	/** The kind a column's name suggests. */
	public static Optional<PiiKind> kindOfName(String column) {
		String n = column.toLowerCase(Locale.ROOT);
		if (n.contains("email") || n.contains("e_mail") || n.equals("mail")) {
			return Optional.of(PiiKind.EMAIL);
		}
		if (n.contains("phone") || n.contains("mobile") || n.equals("fax") || n.contains("tel")) {
			return Optional.of(PiiKind.PHONE);
		}
		if (n.contains("iban")) {
			return Optional.of(PiiKind.IBAN);
		}
		if (n.contains("card") || n.equals("pan") || n.contains("ccnum")) {
			return Optional.of(PiiKind.CARD);
		}
		if (n.contains("ssn") || n.contains("social_security") || n.contains("national_id")
				|| n.contains("passport")) {
			return Optional.of(PiiKind.NATIONAL_ID);
		}
		return Optional.empty();
	}

	/** Luhn over 12 to 19 digits, separators ignored. */
	public static boolean luhnValid(String number) {
		String digits = number.replaceAll("[ -]", "");
		if (digits.length() < 12 || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) {
			return false;
		}
		int sum = 0;
		boolean twice = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int d = digits.charAt(i) - '0';
			if (twice) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			twice = !twice;
		}
		return sum % 10 == 0;
	}

	/** ISO 13616: the first four characters moved to the end, letters as 10–35, the number mod 97 is 1. */
	public static boolean ibanValid(String iban) {
		String s = iban.replace(" ", "").toUpperCase(Locale.ROOT);
		if (s.length() < 15 || s.length() > 34 || !s.chars().allMatch(c -> Character.isDigit(c) || c >= 'A' && c <= 'Z')) {
			return false;
		}
		String moved = s.substring(4) + s.substring(0, 4);
		StringBuilder number = new StringBuilder();
		for (char c : moved.toCharArray()) {
			number.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
		}
		return new BigInteger(number.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
	}
}
