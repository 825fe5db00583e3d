@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "engine", "security", "shared" })
package dev.steward.connection;

import org.jspecify.annotations.NullMarked;
