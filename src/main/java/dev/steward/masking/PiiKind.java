package dev.steward.masking;

/** What the PII finder recognises, each with the mask it suggests and a name rule an ADMIN may adopt. */
public enum PiiKind {
	EMAIL(MaskKind.EMAIL), PHONE(MaskKind.PARTIAL), CARD(MaskKind.PARTIAL), IBAN(MaskKind.PARTIAL),
	NATIONAL_ID(MaskKind.REDACT);

	private final MaskKind suggestedMask;

	PiiKind(MaskKind suggestedMask) {
		this.suggestedMask = suggestedMask;
	}

	public MaskKind suggestedMask() {
		return suggestedMask;
	}
}
