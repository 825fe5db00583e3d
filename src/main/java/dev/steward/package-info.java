@NullMarked
package dev.steward;

import org.jspecify.annotations.NullMarked;
