package dev.steward.security.web;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.steward.security.CurrentUser;
import dev.steward.security.internal.TwoFactor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Your own two-factor sign-in (TOTP): enrol a device, get recovery codes, turn it off. */
@RestController
@RequestMapping("/api/auth/two-factor")
@Tag(name = "Two-factor sign-in")
class TwoFactorController {

	record ConfirmEnrolment(@NotBlank @Pattern(regexp = "\\d{6}", message = "must be the six digits your app shows") String code) {
	}

	record RecoveryCodes(List<String> recoveryCodes) {
	}

	record DisableTwoFactor(@NotBlank @Size(max = 256) String password) {
	}

	private final TwoFactor twoFactor;

	TwoFactorController(TwoFactor twoFactor) {
		this.twoFactor = twoFactor;
	}

	@Operation(summary = "Whether your account asks for a second factor, and how many recovery codes are left")
	@GetMapping
	@PreAuthorize("isAuthenticated()")
	TwoFactor.Status status() {
		return twoFactor.status(CurrentUser.require().id());
	}

	@Operation(summary = "Start enrolling an authenticator app: a new secret and its otpauth:// URI (for a QR code)")
	@PostMapping("/enrolment")
	@PreAuthorize("isAuthenticated()")
	TwoFactor.Enrolment begin() {
		return twoFactor.begin(CurrentUser.require());
	}

	@Operation(summary = "Confirm the enrolment with a code from the app; answers the recovery codes, shown only once")
	@PostMapping("/enrolment/confirm")
	@PreAuthorize("isAuthenticated()")
	RecoveryCodes confirm(@Valid @RequestBody ConfirmEnrolment body) {
		return new RecoveryCodes(twoFactor.confirm(CurrentUser.require(), body.code()));
	}

	@Operation(summary = "Turn two-factor sign-in off (your password is asked again)")
	@PostMapping("/disable")
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<Void> disable(@Valid @RequestBody DisableTwoFactor body) {
		twoFactor.disable(CurrentUser.require(), body.password());
		return ResponseEntity.noContent().build();
	}
}
