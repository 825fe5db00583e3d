@NullMarked
package dev.steward.security.web;

import org.jspecify.annotations.NullMarked;
