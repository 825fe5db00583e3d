package dev.steward.query.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.query.SavedQueries;
import dev.steward.query.SavedQuery;
import dev.steward.query.SavedQueryDraft;
import dev.steward.shared.PageResult;

/**
 * Saved SQL queries: every role keeps their own and reads the shared ones; only the owner or an ADMIN changes or
 * deletes one (403 for others who see it; another user's private query is 404).
 */
@RestController
@RequestMapping("/api/sql/saved")
class SavedQueryController {

	private final SavedQueries saved;

	SavedQueryController(SavedQueries saved) {
		this.saved = saved;
	}

	/** The caller's own and the shared queries, by name; {@code q} searches name, description and SQL. */
	@GetMapping
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	PageResult<SavedQuery> list(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable UUID connectionId,
			@RequestParam(defaultValue = "false") boolean mine, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return saved.list(q, connectionId, mine, page, size);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	SavedQuery get(@PathVariable UUID id) {
		return saved.get(id);
	}

	@PostMapping
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	ResponseEntity<SavedQuery> create(@RequestBody SavedQueryDraft body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(saved.create(body));
	}

	/** Replaces the whole query (its owner stays). */
	@PutMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	SavedQuery update(@PathVariable UUID id, @RequestBody SavedQueryDraft body) {
		return saved.update(id, body);
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		saved.delete(id);
		return ResponseEntity.noContent().build();
	}
}
