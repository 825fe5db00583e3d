/** The import's workings: uploads on disk, the CSV reader and guesses, the CSV and script jobs. */
@NullMarked
package dev.steward.dataimport.internal;

import org.jspecify.annotations.NullMarked;
