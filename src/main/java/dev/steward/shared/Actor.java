package dev.steward.shared;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who did something and from where: the subject of every audit record.
 * Captured on the request thread, because listeners run later on other threads.
 */
public record Actor(String username, @Nullable String sourceIp) {

	public static final String SYSTEM = "system";

	public static Actor system() {
		return new Actor(SYSTEM, null);
	}

	/** The authenticated user of the current request, or {@code anonymous}; never null. */
	public static Actor current() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		String name = (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated())
				? "anonymous" : auth.getName();
		return new Actor(name, currentSourceIp());
	}

	public static Actor of(String username) {
		return new Actor(username, currentSourceIp());
	}

	public static @Nullable String currentSourceIp() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
			return attrs.getRequest().getRemoteAddr();
		}
		return null;
	}
}
