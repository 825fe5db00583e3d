package dev.steward.audit;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.audit.internal.AuditLog;

/** What other modules may ask of the audit trail: whether its chain verifies, and when actors last did something. */
@Service
public class AuditTrail {

	/** The outcome of re-computing the chain (see {@code GET /api/audit/verify}). */
	public record ChainStatus(boolean intact, long checked, @Nullable Long brokenAtSeq, @Nullable String reason) {
	}

	private final AuditLog log;

	AuditTrail(AuditLog log) {
		this.log = log;
	}

	public ChainStatus verify() {
		AuditLog.Verification v = log.verify();
		return new ChainStatus(v.intact(), v.checked(), v.brokenAtSeq(), v.reason());
	}

	/** The newest successful record of {@code action} per actor (username), among the live records. */
	@Transactional(readOnly = true)
	public Map<String, Instant> lastSuccessByActor(String action) {
		return log.lastSuccessByActor(action);
	}
}
