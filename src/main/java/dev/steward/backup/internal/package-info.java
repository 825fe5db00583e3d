@NullMarked
package dev.steward.backup.internal;

import org.jspecify.annotations.NullMarked;
