package dev.steward.query;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SQL console settings ({@code steward.query.*}).
 *
 * @param sessionIdleTimeout   a console session unused this long is closed with its connection (default 15 min)
 * @param cursorIdleTimeout    an open cursor not paged this long is closed (default 10 min)
 * @param maxSessionsPerUser   console sessions one user may hold; the least recently used idle one makes room
 * @param pageSize             rows in a result's first page
 * @param maxPageSize          rows one page request may ask for
 * @param maxBufferedRows      rows of one result held to page back over; older ones are released
 * @param maxExecutionsPerUser finished executions kept in memory per user (the oldest are forgotten)
 * @param maxScriptLength      characters of one request's SQL
 * @param auditStatementLength characters of the statement text in an audit record
 * @param historyStatementLength characters of the statement text kept in history
 */
@ConfigurationProperties("steward.query")
public record QueryProperties(@Nullable Duration sessionIdleTimeout, @Nullable Duration cursorIdleTimeout,
		@Nullable Integer maxSessionsPerUser, @Nullable Integer pageSize, @Nullable Integer maxPageSize,
		@Nullable Integer maxBufferedRows, @Nullable Integer maxExecutionsPerUser, @Nullable Integer maxScriptLength,
		@Nullable Integer auditStatementLength, @Nullable Integer historyStatementLength) {

	public QueryProperties {
		sessionIdleTimeout = sessionIdleTimeout == null ? Duration.ofMinutes(15) : sessionIdleTimeout;
		cursorIdleTimeout = cursorIdleTimeout == null ? Duration.ofMinutes(10) : cursorIdleTimeout;
		maxSessionsPerUser = maxSessionsPerUser == null ? 4 : Math.max(1, maxSessionsPerUser);
		pageSize = pageSize == null ? 200 : Math.max(1, pageSize);
		maxPageSize = maxPageSize == null ? 1000 : Math.max(pageSize, maxPageSize);
		maxBufferedRows = maxBufferedRows == null ? 5000 : Math.max(maxPageSize, maxBufferedRows);
		maxExecutionsPerUser = maxExecutionsPerUser == null ? 20 : Math.max(1, maxExecutionsPerUser);
		maxScriptLength = maxScriptLength == null ? 1_000_000 : Math.max(1000, maxScriptLength);
		auditStatementLength = auditStatementLength == null ? 300 : Math.max(20, Math.min(400, auditStatementLength));
		historyStatementLength = historyStatementLength == null ? 20_000 : Math.max(100, Math.min(20_000,
				historyStatementLength));
	}

	public static QueryProperties defaults() {
		return new QueryProperties(null, null, null, null, null, null, null, null, null, null);
	}
}
