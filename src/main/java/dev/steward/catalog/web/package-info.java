@NullMarked
package dev.steward.catalog.web;

import org.jspecify.annotations.NullMarked;
