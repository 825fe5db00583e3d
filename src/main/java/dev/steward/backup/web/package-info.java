@NullMarked
package dev.steward.backup.web;

import org.jspecify.annotations.NullMarked;
