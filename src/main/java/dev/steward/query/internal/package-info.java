@NullMarked
package dev.steward.query.internal;

import org.jspecify.annotations.NullMarked;
