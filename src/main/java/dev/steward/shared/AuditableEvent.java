package dev.steward.shared;

/**
 * A domain event that belongs in the audit trail. Modules publish their own past-tense events
 * (e.g. {@code ConnectionCreated}); the audit module listens for this type, so no controller
 * has to call the audit module itself.
 */
public interface AuditableEvent {

	AuditEntry audit();
}
