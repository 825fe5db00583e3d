package dev.steward.engine.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonParseException;

import dev.steward.engine.StatementFailed;

/**
 * One console command in MongoDB shell style — {@code db.<collection>.find(filter, projection).sort(…).skip(n)
 * .limit(n)}, {@code aggregate([…])}, {@code countDocuments(…)}, {@code distinct("field", filter)} — or a raw
 * command document in Extended JSON ({@code runCommand}).
 */
record MongoShellCommand(Kind kind, String collection, List<BsonValue> args, List<Modifier> modifiers,
		BsonDocument command) {

	enum Kind {
		FIND, AGGREGATE, COUNT, DISTINCT, COMMAND
	}

	record Modifier(String name, BsonValue value) {
	}

	private static final Pattern CALL = Pattern.compile("^db\\.([^.()\\s]+)\\.(find|aggregate|countDocuments|distinct)\\((.*)$",
			Pattern.DOTALL);

	private static final Pattern MODIFIER = Pattern.compile("^\\s*\\.(sort|limit|skip)\\(");

	static MongoShellCommand parse(String text) {
		String s = text.strip();
		try {
			if (s.startsWith("{")) {
				return new MongoShellCommand(Kind.COMMAND, "", List.of(), List.of(), BsonDocument.parse(s));
			}
			Matcher m = CALL.matcher(s);
			if (!m.matches()) {
				throw refused("Expected db.<collection>.find(…), aggregate([…]), countDocuments(…), distinct(…) or a "
						+ "command document {…}");
			}
			Kind kind = switch (m.group(2)) {
				case "find" -> Kind.FIND;
				case "aggregate" -> Kind.AGGREGATE;
				case "countDocuments" -> Kind.COUNT;
				default -> Kind.DISTINCT;
			};
			String rest = m.group(3);
			int close = closing(rest, 0);
			List<BsonValue> args = arguments(rest.substring(0, close));
			List<Modifier> modifiers = new ArrayList<>();
			String tail = rest.substring(close + 1);
			while (!tail.isBlank()) {
				Matcher mod = MODIFIER.matcher(tail);
				if (kind != Kind.FIND || !mod.find()) {
					throw refused("Unexpected text after the call: " + tail.strip());
				}
				int end = closing(tail, mod.end());
				List<BsonValue> value = arguments(tail.substring(mod.end(), end));
				if (value.size() != 1) {
					throw refused("." + mod.group(1) + "() takes one argument");
				}
				modifiers.add(new Modifier(mod.group(1).toLowerCase(Locale.ROOT), value.getFirst()));
				tail = tail.substring(end + 1);
			}
			return new MongoShellCommand(kind, m.group(1), args, modifiers, new BsonDocument());
		}
		catch (JsonParseException e) {
			throw refused("Not valid Extended JSON: " + e.getMessage());
		}
	}

	private static List<BsonValue> arguments(String text) {
		return text.isBlank() ? List.of() : List.copyOf(BsonArray.parse("[" + text + "]").getValues());
	}

	/** The index of the parenthesis closing the call that starts before {@code from}, skipping strings. */
	private static int closing(String s, int from) {
		int depth = 1;
		char quote = 0;
		for (int i = from; i < s.length(); i++) {
			char c = s.charAt(i);
			if (quote != 0) {
				if (c == '\\') {
					i++;
				}
				else if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')' && --depth == 0) {
				return i;
			}
		}
		throw refused("Unbalanced parentheses");
	}

	/** Whether the command only reads: find, count, distinct, an aggregation without $out/$merge. */
	boolean readsOnly() {
		return switch (kind) {
			case FIND, COUNT, DISTINCT -> true;
			case AGGREGATE -> args.isEmpty() || !args.getFirst().isArray() || args.getFirst().asArray().stream()
				.noneMatch(stage -> stage.isDocument()
						&& (stage.asDocument().containsKey("$out") || stage.asDocument().containsKey("$merge")));
			case COMMAND -> false;
		};
	}

	/**
	 * The database command this shell command stands for, as {@code explain} wraps it: find with its modifiers,
	 * aggregate, count, distinct, or a raw command whose first key is one of those (nothing else is explained).
	 */
	BsonDocument explainable() {
		return switch (kind) {
			case FIND -> {
				BsonDocument find = new BsonDocument("find", new BsonString(collection))
					.append("filter", argument(0));
				if (args.size() > 1) {
					find.append("projection", argument(1));
				}
				for (Modifier m : modifiers) {
					find.append(m.name(), m.value());
				}
				yield find;
			}
			case AGGREGATE -> {
				if (args.isEmpty() || !args.getFirst().isArray()) {
					throw refused("aggregate takes an array of stages");
				}
				yield new BsonDocument("aggregate", new BsonString(collection)).append("pipeline", args.getFirst())
					.append("cursor", new BsonDocument());
			}
			case COUNT -> new BsonDocument("count", new BsonString(collection)).append("query", argument(0));
			case DISTINCT -> {
				if (args.isEmpty() || !args.getFirst().isString()) {
					throw refused("distinct takes a field name");
				}
				yield new BsonDocument("distinct", new BsonString(collection)).append("key", args.getFirst())
					.append("query", argument(1));
			}
			case COMMAND -> {
				String first = command.isEmpty() ? "" : command.getFirstKey();
				if (!Set.of("find", "aggregate", "count", "distinct").contains(first)) {
					throw refused("Only find, aggregate, count and distinct can be explained");
				}
				yield command;
			}
		};
	}

	/** Whether explaining with execution statistics could write: an aggregation with $out or $merge. */
	boolean writesWhenRun() {
		BsonValue pipeline = kind == Kind.AGGREGATE && !args.isEmpty() ? args.getFirst()
				: kind == Kind.COMMAND ? command.get("pipeline") : null;
		return pipeline != null && pipeline.isArray() && pipeline.asArray().stream()
			.anyMatch(stage -> stage.isDocument()
					&& (stage.asDocument().containsKey("$out") || stage.asDocument().containsKey("$merge")));
	}

	private BsonDocument argument(int index) {
		if (args.size() <= index) {
			return new BsonDocument();
		}
		if (!args.get(index).isDocument()) {
			throw refused("Argument " + (index + 1) + " must be a document");
		}
		return args.get(index).asDocument();
	}

	static StatementFailed refused(String message) {
		return new StatementFailed(message, null, null, false, null);
	}
}
