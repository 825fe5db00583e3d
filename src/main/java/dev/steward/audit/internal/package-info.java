@NullMarked
package dev.steward.audit.internal;

import org.jspecify.annotations.NullMarked;
