package dev.steward.masking;

/** A masked user asked for something that would reveal or alter masked data (answered 403). */
public class MaskedDataRefused extends RuntimeException {

	public MaskedDataRefused(String message) {
		super(message);
	}
}
