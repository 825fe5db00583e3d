@NullMarked
package dev.steward.notify.internal;

import org.jspecify.annotations.NullMarked;
