@NullMarked
package dev.steward.schedule.web;

import org.jspecify.annotations.NullMarked;
