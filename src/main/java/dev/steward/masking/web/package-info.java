@NullMarked
package dev.steward.masking.web;

import org.jspecify.annotations.NullMarked;
