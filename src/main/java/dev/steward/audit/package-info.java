@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "security", "shared" })
package dev.steward.audit;

import org.jspecify.annotations.NullMarked;
