@NullMarked
package dev.steward.schedule.internal;

import org.jspecify.annotations.NullMarked;
