@NullMarked
package dev.steward.export.internal;

import org.jspecify.annotations.NullMarked;
