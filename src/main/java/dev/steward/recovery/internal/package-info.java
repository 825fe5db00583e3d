@NullMarked
package dev.steward.recovery.internal;

import org.jspecify.annotations.NullMarked;
