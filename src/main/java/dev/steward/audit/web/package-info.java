@NullMarked
package dev.steward.audit.web;

import org.jspecify.annotations.NullMarked;
