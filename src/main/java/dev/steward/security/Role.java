package dev.steward.security;

/** ADMIN: everything incl. users; OPERATOR: manage connections and run operations; VIEWER: read only. */
public enum Role {
	ADMIN, OPERATOR, VIEWER;

	public String authority() {
		return "ROLE_" + name();
	}
}
