@NullMarked
package dev.steward.job.internal;

import org.jspecify.annotations.NullMarked;
