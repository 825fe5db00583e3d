@NullMarked
package dev.steward.masking.internal;

import org.jspecify.annotations.NullMarked;
