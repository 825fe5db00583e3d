@NullMarked
package dev.steward.shared.web;

import org.jspecify.annotations.NullMarked;
