@NullMarked
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN,
		allowedDependencies = {})
package dev.steward.shared;

import org.jspecify.annotations.NullMarked;
