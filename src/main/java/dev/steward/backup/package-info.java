@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "connection", "engine", "job", "security", "shared" })
package dev.steward.backup;

import org.jspecify.annotations.NullMarked;
