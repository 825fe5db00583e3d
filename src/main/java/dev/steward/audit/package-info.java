@NullMarked
package dev.steward.audit;

import org.jspecify.annotations.NullMarked;
