package dev.steward.notify.web;

import java.util.List;
import java.util.UUID;

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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.steward.notify.internal.BaseUrl;
import dev.steward.notify.internal.ChannelDraft;
import dev.steward.notify.internal.ChannelManagement;
import dev.steward.notify.internal.ChannelView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/notification-channels")
@Tag(name = "Notifications")
class NotificationChannelController {

	private final ChannelManagement channels;

	private final BaseUrl baseUrl;

	NotificationChannelController(ChannelManagement channels, BaseUrl baseUrl) {
		this.channels = channels;
		this.baseUrl = baseUrl;
	}

	@Operation(summary = "All notification channels (secrets never shown: hasX says whether one is set)")
	@GetMapping
	@PreAuthorize("hasRole('ADMIN')")
	List<ChannelView> listChannels() {
		remember();
		return channels.list();
	}

	@Operation(summary = "One notification channel")
	@GetMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	ChannelView getChannel(@PathVariable UUID id) {
		return channels.get(id);
	}

	@Operation(summary = "Create a notification channel with its subscriptions")
	@PostMapping
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<ChannelView> createChannel(@Valid @RequestBody ChannelDraft body) {
		remember();
		return ResponseEntity.status(HttpStatus.CREATED).body(channels.create(body));
	}

	@Operation(summary = "Replace a notification channel; secrets left out keep their stored value, \"\" removes one")
	@PutMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	ChannelView updateChannel(@PathVariable UUID id, @Valid @RequestBody ChannelDraft body) {
		remember();
		return channels.update(id, body);
	}

	@Operation(summary = "Delete a notification channel (its delivery log stays)")
	@DeleteMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<Void> deleteChannel(@PathVariable UUID id) {
		channels.delete(id);
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Send a test message through the channel now and say how it went")
	@PostMapping("/{id}/test")
	@PreAuthorize("hasRole('ADMIN')")
	ChannelManagement.ChannelTestResult testChannel(@PathVariable UUID id) {
		remember();
		return channels.test(id, baseUrl.get());
	}

	private void remember() {
		baseUrl.remember(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
	}
}
