@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package dev.steward.security;

import org.jspecify.annotations.NullMarked;
