package dev.steward.engine.postgres;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.DumpKind;
import dev.steward.engine.DumpOptions;
import dev.steward.engine.EngineKind;
import dev.steward.engine.SslMode;
import dev.steward.engine.ToolControl;

/** Time of the PostgreSQL dump capability alone, into a null sink: {@code ... DumpThroughput <database>}. */
public final class DumpThroughput {

	/** Optional second argument: a class name whose static {@code sink()} gives the output stream to dump into. */
	public static void main(String[] args) throws Exception {
		ConnectionSpec spec = new ConnectionSpec(EngineKind.POSTGRESQL, "127.0.0.1", 5432, args[0], "postgres", null,
				SslMode.DISABLE, null, null, false, Map.of());
		PostgresDump dump = new PostgresDump(new PostgresClientTools(List.of()));
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			OutputStream sink = args.length > 1
					? (OutputStream) Class.forName(args[1]).getMethod("sink").invoke(null) : OutputStream.nullOutputStream();
			var result = dump.dump(spec, DumpOptions.of(DumpKind.FULL, Path.of("/tmp")), sink, new ToolControl());
			sink.close();
			System.out.printf("dump to null: %,d ms (%d tables)%n", (System.nanoTime() - start) / 1_000_000,
					result.tables().size());
		}
	}
}
