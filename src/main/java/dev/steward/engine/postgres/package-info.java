@NullMarked
package dev.steward.engine.postgres;

import org.jspecify.annotations.NullMarked;
