@NullMarked
package dev.steward.security;

import org.jspecify.annotations.NullMarked;
