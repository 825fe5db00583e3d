@NullMarked
package dev.steward.connection.internal;

import org.jspecify.annotations.NullMarked;
