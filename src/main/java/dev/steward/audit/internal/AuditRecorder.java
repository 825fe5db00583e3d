package dev.steward.audit.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.steward.shared.AuditableEvent;

/**
 * Appends every committed {@link AuditableEvent} to the log. Runs after the publishing transaction commits, in its
 * own transaction; the event publication registry retries it after a crash.
 */
@Component
class AuditRecorder {

	private final AuditLog log;

	AuditRecorder(AuditLog log) {
		this.log = log;
	}

	@ApplicationModuleListener
	void on(AuditableEvent event) {
		log.append(event.audit());
	}
}
