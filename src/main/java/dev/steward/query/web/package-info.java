@NullMarked
package dev.steward.query.web;

import org.jspecify.annotations.NullMarked;
