@NullMarked
package dev.steward.engine.support;

import org.jspecify.annotations.NullMarked;
