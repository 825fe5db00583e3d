@NullMarked
package dev.steward.recovery.web;

import org.jspecify.annotations.NullMarked;
