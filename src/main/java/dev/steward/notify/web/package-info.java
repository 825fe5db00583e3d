@NullMarked
package dev.steward.notify.web;

import org.jspecify.annotations.NullMarked;
