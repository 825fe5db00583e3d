package dev.steward.monitor.web;

import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.monitor.AdviceView;
import dev.steward.monitor.Performance;
import dev.steward.monitor.TopQueriesView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Monitoring")
class PerformanceController {

	private final Performance performance;

	PerformanceController(Performance performance) {
		this.performance = performance;
	}

	@GetMapping("/api/connections/{id}/performance/queries")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Top statements by total and by mean time (limit 1 to 100 each, one list): the engine's statement "
			+ "statistics (pg_stat_statements, performance_schema digests) when on, otherwise the statements running now, "
			+ "with 'unavailable' saying why and how to switch them on. Callers below OPERATOR get literals masked")
	TopQueriesView queries(@PathVariable UUID id, @RequestParam(defaultValue = "20") int limit) {
		return performance.topQueries(id, limit);
	}

	@GetMapping("/api/connections/{id}/performance/advice")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Performance advice on the connection's database, most severe first (limit 1 to 500): unused, "
			+ "duplicate and overlapping indexes, foreign keys without an index, sequential scans of large tables, "
			+ "statistics and vacuum, dead rows, sequences near exhaustion, transaction-id wraparound; each with "
			+ "evidence and the SQL that fixes it")
	AdviceView advice(@PathVariable UUID id, @RequestParam(defaultValue = "200") int limit) {
		return performance.advice(id, limit);
	}
}
