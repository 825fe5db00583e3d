package dev.steward.engine.support;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ConsoleSession;
import dev.steward.engine.StatementResult;

/** Runs an engine's EXPLAIN on a console session, inside a transaction rolled back afterwards when asked. */
public final class PlanStatements {

	private static final int MAX_PLAN_ROWS = 100_000;

	private PlanStatements() {
	}

	/**
	 * Every row of {@code explain}. With {@code begin} non-null, the statement runs between {@code begin} and
	 * {@code rollback}: what an analyzed statement changed is undone, whether it succeeded or failed.
	 */
	public static List<List<@Nullable String>> rows(ConsoleSession session, String explain, @Nullable String begin,
			String rollback) {
		if (begin != null) {
			session.execute(begin, 1).close();
		}
		try (StatementResult result = session.execute(explain, 1000)) {
			List<List<@Nullable String>> rows = new ArrayList<>();
			while (!result.exhausted() && rows.size() < MAX_PLAN_ROWS) {
				List<List<@Nullable String>> page = result.fetch(1000);
				if (page.isEmpty()) {
					break;
				}
				rows.addAll(page);
			}
			return rows;
		}
		finally {
			if (begin != null) {
				session.execute(rollback, 1).close();
			}
		}
	}

	/** The first column of every row, joined: a JSON plan some drivers split over rows. */
	public static String text(List<List<@Nullable String>> rows) {
		StringBuilder text = new StringBuilder();
		for (List<@Nullable String> row : rows) {
			if (!row.isEmpty() && row.get(0) != null) {
				text.append(row.get(0));
			}
		}
		return text.toString();
	}
}
