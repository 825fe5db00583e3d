@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "catalog", "connection", "engine", "job", "security", "shared" })
package dev.steward.backup;

import org.jspecify.annotations.NullMarked;
