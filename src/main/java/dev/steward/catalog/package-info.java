@NullMarked
package dev.steward.catalog;

import org.jspecify.annotations.NullMarked;
