/** The import REST endpoints. */
@NullMarked
package dev.steward.dataimport.web;

import org.jspecify.annotations.NullMarked;
