@NullMarked
package dev.steward.connection;

import org.jspecify.annotations.NullMarked;
