/**
 * Data masking: policies that mask chosen columns (explicitly, or by rules on column names and types) for users
 * whose role may not view unmasked data, applied wherever rows leave Steward (console, grid, exports) through
 * {@link dev.steward.masking.ResultMasking}; and a PII finder that suggests policies from names and sampled values.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "connection", "engine", "security",
		"shared" })
package dev.steward.masking;

import org.jspecify.annotations.NullMarked;
