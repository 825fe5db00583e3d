@NullMarked
package dev.steward.connection.web;

import org.jspecify.annotations.NullMarked;
