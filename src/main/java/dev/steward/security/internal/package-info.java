@NullMarked
package dev.steward.security.internal;

import org.jspecify.annotations.NullMarked;
