package dev.steward.job;

/**
 * An exception that knows its {@link ReasonCode}. A job that ends with one (anywhere in the cause chain) fails
 * with that code; modules throw their own typed exceptions implementing this.
 */
public interface ReasonCoded {

	ReasonCode reasonCode();
}
