@NullMarked
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.steward.shared;

import org.jspecify.annotations.NullMarked;
