package dev.steward.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.steward.security.Role;
import dev.steward.security.SecuritySettings;
import dev.steward.shared.InvalidInput;

class AllowlistsUnitTests {

	@Test
	void entriesBecomeCanonicalBlocksAndBadOnesAreNamedByIndex() {
		assertThat(Allowlists.canonical("g", List.of(" 10.0.0.0/8", "192.168.1.7", "2001:DB8::/32", "10.0.0.0/8")))
			.containsExactly("10.0.0.0/8", "192.168.1.7/32", "2001:db8:0:0:0:0:0:0/32");
		assertThatThrownBy(() -> Allowlists.canonical("g", List.of("10.0.0.0/8", "example.com", "10.0.0.0/33",
				"300.1.1.1", "::1/129", "")))
			.isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors().keySet())
				.containsExactlyInAnyOrder("g[1]", "g[2]", "g[3]", "g[4]", "g[5]"));
	}

	@Test
	void anAddressPassesTheGlobalListAndItsRolesList() {
		SecuritySettings s = new SecuritySettings(60, 60, Set.of(), List.of("10.0.0.0/8", "fd00::/8"),
				Map.of(Role.VIEWER, List.of("10.1.0.0/16")), null, false, null, null);
		assertThat(Allowlists.allows(s, null, "10.9.9.9")).isTrue();
		assertThat(Allowlists.allows(s, null, "11.0.0.1")).isFalse();
		assertThat(Allowlists.allows(s, null, "fd12::1")).isTrue();
		assertThat(Allowlists.allows(s, null, "fe80::1")).isFalse();
		assertThat(Allowlists.allows(s, Role.VIEWER, "10.1.2.3")).isTrue();
		assertThat(Allowlists.allows(s, Role.VIEWER, "10.2.2.3")).isFalse();
		assertThat(Allowlists.allows(s, Role.OPERATOR, "10.2.2.3")).isTrue();
		assertThat(Allowlists.allows(List.of(), "anything")).as("an empty list allows all").isTrue();
		assertThat(Allowlists.allows(List.of("10.0.0.0/8"), "not-an-address")).isFalse();
	}
}
