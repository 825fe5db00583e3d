package dev.steward.engine.support;

import org.jspecify.annotations.Nullable;

import com.mongodb.client.MongoClient;

import dev.steward.engine.TargetPool;

/** MongoDB's driver pools by itself; this hands out its client and the configured database. */
public interface MongoTargetPool extends TargetPool {

	MongoClient client();

	@Nullable
	String database();
}
