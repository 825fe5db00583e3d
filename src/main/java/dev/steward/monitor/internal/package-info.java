@NullMarked
package dev.steward.monitor.internal;

import org.jspecify.annotations.NullMarked;
