package dev.steward.engine;

/** A bounded pool of connections to one target; JDBC engines give a {@link dev.steward.engine.support.JdbcTargetPool}. */
public interface TargetPool extends AutoCloseable {

	EngineKind engine();

	/**
	 * Whether a connection of this pool is lent out right now; {@link TargetPools} closes only pools that are
	 * not, so that making room never aborts a running statement.
	 */
	default boolean inUse() {
		return false;
	}

	@Override
	void close();
}
