@NullMarked
package dev.steward.compliance.web;

import org.jspecify.annotations.NullMarked;
