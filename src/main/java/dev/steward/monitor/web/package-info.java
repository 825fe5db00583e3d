@NullMarked
package dev.steward.monitor.web;

import org.jspecify.annotations.NullMarked;
