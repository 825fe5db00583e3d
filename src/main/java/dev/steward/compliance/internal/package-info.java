@NullMarked
package dev.steward.compliance.internal;

import org.jspecify.annotations.NullMarked;
