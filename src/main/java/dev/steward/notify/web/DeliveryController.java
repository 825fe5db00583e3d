package dev.steward.notify.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.notify.DeliveryStatus;
import dev.steward.notify.internal.ChannelManagement;
import dev.steward.notify.internal.DeliveryView;
import dev.steward.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api/notifications")
@Tag(name = "Notifications")
@Validated
class DeliveryController {

	private final ChannelManagement channels;

	DeliveryController(ChannelManagement channels) {
		this.channels = channels;
	}

	@Operation(summary = "The delivery log, newest first: each notification to each channel with all its attempts")
	@GetMapping("/deliveries")
	@PreAuthorize("hasRole('ADMIN')")
	PageResult<DeliveryView> listDeliveries(@RequestParam(required = false) @Nullable UUID channelId,
			@RequestParam(required = false) @Nullable DeliveryStatus status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return channels.deliveries(channelId, status, page, size);
	}
}
