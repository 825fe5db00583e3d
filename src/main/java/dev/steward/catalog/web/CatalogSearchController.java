package dev.steward.catalog.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.catalog.CatalogSearch;
import dev.steward.catalog.CatalogSearch.SearchHit;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.PageResult;

/** Table and column names across the synced connections the caller may see. */
@RestController
class CatalogSearchController {

	private final CatalogSearch search;

	CatalogSearchController(CatalogSearch search) {
		this.search = search;
	}

	@GetMapping("/api/catalog/search")
	@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','VIEWER')")
	PageResult<SearchHit> search(@RequestParam String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 0) {
			throw new InvalidInput("page", "must be 0 or more");
		}
		if (size < 1 || size > 200) {
			throw new InvalidInput("size", "must be between 1 and 200");
		}
		return search.search(q, page, size);
	}
}
