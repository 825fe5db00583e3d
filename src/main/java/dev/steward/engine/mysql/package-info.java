@NullMarked
package dev.steward.engine.mysql;

import org.jspecify.annotations.NullMarked;
