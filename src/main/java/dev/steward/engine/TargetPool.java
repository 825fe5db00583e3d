package dev.steward.engine;

/** A bounded pool of connections to one target; JDBC engines give a {@link JdbcTargetPool}. */
public interface TargetPool extends AutoCloseable {

	EngineKind engine();

	@Override
	void close();
}
