package dev.steward.engine.mongo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.stereotype.Component;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.SchemaExport;
import dev.steward.engine.SchemaExport.DataMode;
import dev.steward.engine.SchemaExport.ObjectKind;
import dev.steward.engine.SchemaExport.Options;
import dev.steward.engine.SchemaExportCapability;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolUnavailable;

/**
 * A MongoDB database's shape as one JSON document (Extended JSON, relaxed): each collection's options (its
 * validator, capped size, collation) and its index definitions, and views with their pipelines; collections before
 * views, by name.
 */
@Component
public class MongoSchemaExport implements SchemaExportCapability {

	private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED)
		.indent(true).build();

	private final MongoAdapter adapter;

	MongoSchemaExport(MongoAdapter adapter) {
		this.adapter = adapter;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.MONGODB;
	}

	@Override
	public Set<ObjectKind> objectKinds() {
		return EnumSet.of(ObjectKind.VIEWS, ObjectKind.INDEXES);
	}

	@Override
	public Set<DataMode> dataModes() {
		return EnumSet.of(DataMode.NONE);
	}

	@Override
	public String extension() {
		return "json";
	}

	@Override
	public SchemaExport.Result export(ConnectionSpec spec, Options options, OutputStream out, ToolControl control,
			SchemaExport.Progress progress) throws IOException {
		MongoClient client = adapter.dedicatedClient(spec);
		try (client; AutoCloseable stop = control.onAbort(client::close)) {
			MongoDatabase db = client.getDatabase(options.database());
			List<BsonDocument> chosen = new ArrayList<>();
			for (BsonDocument info : db.listCollections(BsonDocument.class)) {
				String name = info.getString("name").getValue();
				boolean view = isView(info);
				if (!name.startsWith("system.") && (view ? options.includes(ObjectKind.VIEWS) && options.tables().isEmpty()
						: options.selected(name))) {
					chosen.add(info);
				}
			}
			chosen.sort(java.util.Comparator.comparing(MongoSchemaExport::isView)
				.thenComparing(d -> d.getString("name").getValue()));
			progress.total(chosen.size());
			BsonArray collections = new BsonArray();
			long done = 0;
			for (BsonDocument info : chosen) {
				control.throwIfAborted();
				String name = info.getString("name").getValue();
				BsonDocument entry = new BsonDocument("name", new BsonString(name))
					.append("type", new BsonString(isView(info) ? "view" : "collection"))
					.append("options", info.getDocument("options", new BsonDocument()));
				if (!isView(info) && options.includes(ObjectKind.INDEXES)) {
					BsonArray indexes = new BsonArray();
					for (BsonDocument index : db.getCollection(name).listIndexes(BsonDocument.class)) {
						index.remove("ns");
						indexes.add(index);
					}
					entry.append("indexes", indexes);
				}
				collections.add(entry);
				progress.done(++done);
			}
			BsonDocument document = new BsonDocument("database", new BsonString(options.database()))
				.append("collections", collections);
			out.write(document.toJson(JSON).getBytes(StandardCharsets.UTF_8));
			out.write('\n');
			return new SchemaExport.Result(done, "mongodb-driver " + MongoDump.driverVersion());
		}
		catch (MongoException e) {
			control.throwIfAborted();
			throw MongoAdapter.failure(e, spec, other -> new ToolUnavailable(
					"Cannot read the MongoDB database '" + options.database() + "': " + other.getMessage(), other));
		}
		catch (IOException | RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static boolean isView(BsonDocument info) {
		BsonValue type = info.get("type");
		return type != null && type.isString() && "view".equals(type.asString().getValue());
	}
}
