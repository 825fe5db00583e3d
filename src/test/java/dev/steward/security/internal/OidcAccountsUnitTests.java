package dev.steward.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.steward.security.Role;

/** The claim → role rule and the names given to provisioned users. */
class OidcAccountsUnitTests {

	private static OidcProperties.Provider provider(Role defaultRole) {
		return new OidcProperties.Provider(URI.create("http://idp"), "steward", null, List.of("openid"), null, "groups",
				Map.of("dba", Role.ADMIN, "ops", Role.OPERATOR, "readers", Role.VIEWER), defaultRole, null);
	}

	@Test
	void theHighestMappedGroupWinsAndTheDefaultCoversTheRest() {
		assertThat(OidcAccounts.roleOf(provider(null), Map.of("groups", List.of("readers", "dba", "ops"))))
			.contains(Role.ADMIN);
		assertThat(OidcAccounts.roleOf(provider(null), Map.of("groups", "ops"))).as("a single string")
			.contains(Role.OPERATOR);
		assertThat(OidcAccounts.roleOf(provider(null), Map.of("groups", List.of("other")))).isEmpty();
		assertThat(OidcAccounts.roleOf(provider(null), Map.of())).isEmpty();
		assertThat(OidcAccounts.roleOf(provider(Role.VIEWER), Map.of("groups", List.of("other"))))
			.contains(Role.VIEWER);
		assertThat(OidcAccounts.roleOf(provider(null), Map.of("groups", Arrays.asList(null, "readers"))))
			.as("a null in the list is no group").contains(Role.VIEWER);
		assertThat(OidcAccounts.roleOf(provider(null), Map.of("groups", List.of("DBA")))).as("values match exactly")
			.isEmpty();
	}

	@Test
	void provisionedNamesFollowStewardsUsernamePattern() {
		assertThat(OidcAccounts.usernameBase(Map.of("preferred_username", "Alice.Smith@corp"), "s"))
			.isEqualTo("alice.smith-corp");
		assertThat(OidcAccounts.usernameBase(Map.of("email", "bob+x@example.com"), "s")).isEqualTo("bob-x");
		assertThat(OidcAccounts.usernameBase(Map.of(), "12ab/cd")).isEqualTo("sso-12ab-cd");
		assertThat(OidcAccounts.usernameBase(Map.of("preferred_username", "__x"), "s")).isEqualTo("sso-x-user");
		assertThat(OidcAccounts.usernameBase(Map.of("preferred_username", "a".repeat(80)), "s")).hasSize(50);
		assertThat(OidcAccounts.usernameBase(Map.of("preferred_username", "Zoë\u202e"), "s")).matches("[a-z0-9][a-z0-9._-]*");
	}
}
