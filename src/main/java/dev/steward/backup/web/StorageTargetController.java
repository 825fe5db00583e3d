package dev.steward.backup.web;

import java.util.List;

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
import org.springframework.web.bind.annotation.RestController;

import dev.steward.backup.StorageTargetDraft;
import dev.steward.backup.StorageTargetManagement;
import dev.steward.backup.StorageTargetView;
import dev.steward.backup.StorageTestResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/storage-targets")
@Tag(name = "Storage targets")
class StorageTargetController {

	private final StorageTargetManagement targets;

	StorageTargetController(StorageTargetManagement targets) {
		this.targets = targets;
	}

	@Operation(summary = "Storage targets: configured (managed false, read-only) and managed; VIEWERs see names only, nobody sees credentials")
	@GetMapping
	@PreAuthorize("isAuthenticated()")
	List<StorageTargetView> listStorageTargets() {
		return targets.list();
	}

	@Operation(summary = "One storage target")
	@GetMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	StorageTargetView getStorageTarget(@PathVariable String id) {
		return targets.get(id);
	}

	@Operation(summary = "Create a managed storage target: a local directory under an allowed root, or an S3-compatible bucket")
	@PostMapping
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<StorageTargetView> createStorageTarget(@Valid @RequestBody StorageTargetDraft body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(targets.create(body));
	}

	@Operation(summary = "Replace a managed storage target; credentials left out keep their stored value, \"\" removes them")
	@PutMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	StorageTargetView updateStorageTarget(@PathVariable String id, @Valid @RequestBody StorageTargetDraft body) {
		return targets.update(id, body);
	}

	@Operation(summary = "Delete a managed storage target; refused (409) while backups have copies on it or a schedule names it")
	@DeleteMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<Void> deleteStorageTarget(@PathVariable String id) {
		targets.delete(id);
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Write, read back and delete a probe object; answers each step with its time and error")
	@PostMapping("/{id}/test")
	@PreAuthorize("hasRole('ADMIN')")
	StorageTestResult testStorageTarget(@PathVariable String id) {
		return targets.test(id);
	}
}
