@NullMarked
package dev.steward.backup;

import org.jspecify.annotations.NullMarked;
