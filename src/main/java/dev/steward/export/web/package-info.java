@NullMarked
package dev.steward.export.web;

import org.jspecify.annotations.NullMarked;
