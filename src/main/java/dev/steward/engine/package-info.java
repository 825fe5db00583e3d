@NullMarked
package dev.steward.engine;

import org.jspecify.annotations.NullMarked;
