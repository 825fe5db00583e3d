@NullMarked
package dev.steward.engine.mongo;

import org.jspecify.annotations.NullMarked;
