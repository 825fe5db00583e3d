@NullMarked
package dev.steward.catalog.internal;

import org.jspecify.annotations.NullMarked;
