@NullMarked
package dev.steward.engine.sqlite;

import org.jspecify.annotations.NullMarked;
