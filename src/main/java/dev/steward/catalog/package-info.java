@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "connection", "engine", "masking", "shared" })
package dev.steward.catalog;

import org.jspecify.annotations.NullMarked;
