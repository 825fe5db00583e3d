@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.steward.engine;

import org.jspecify.annotations.NullMarked;
